# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Defects: the search (``SearchFilters``, ``ReleaseIds``/``NoRelease``, pages), one by display id, and the delta."""

import copy
import datetime
import re

from fastapi import Request

from sim_core.web import Routes

from .rules import authorized, failed, json_object, wrapped

routes = Routes()
TAG = "Defects"
# Main entity fields and how they compare; the vendor: filters work on these only, never on custom fields.
MAIN_FIELDS = {"id": "guid", "displayid": "text", "name": "text", "description": "text", "status": "text",
               "severity": "text", "priority": "text", "createddate": "date", "lastmodifieddate": "date"}
WIRE_NAMES = {"id": "Id", "displayid": "DisplayId", "name": "Name", "description": "Description", "status": "Status",
              "severity": "Severity", "priority": "Priority", "createddate": "CreatedDate",
              "lastmodifieddate": "LastModifiedDate"}
OPERATORS = ("Equals", "NotEquals", "Contains", "NotContains", "LessThan", "LessOrEqual", "GreaterOrEqual",
             "GreaterThan", "IsWithin", "NotWithin")
DEFAULT_PAGE_SIZE = 25  # what the web client sends (plutora-api.md 5.2 [PTD])
MAX_PAGE_SIZE = 100
DELTA_FIELDS = ("Name", "Description")


def now_text():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")


def parse_date(text):
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?", str(text).strip())
    if not match:
        return None
    try:
        return datetime.datetime(*(int(g or 0) for g in match.groups()))
    except ValueError:
        return None


def field_value(record, key):
    value = record.get(WIRE_NAMES[key])
    return value.get("Value") if isinstance(value, dict) else value


def comparable(kind, value, prop):
    if value is None:
        return None
    if kind == "date":
        parsed = parse_date(value)
        if parsed is None:
            raise failed(400, "Value '%s' is not a date, which property '%s' needs." % (value, prop))
        return parsed
    return str(value).strip().lower()


def holds(record, condition):
    """One search filter on one record; None for a filter the vendor does not honour (a custom field)."""
    key, kind, operator, value, prop = condition
    current = comparable(kind, field_value(record, key), prop) if field_value(record, key) is not None else None
    if operator in ("IsWithin", "NotWithin"):
        inside = current in [comparable(kind, v, prop) for v in str(value).split(",") if v.strip()]
        return inside if operator == "IsWithin" else not inside
    wanted = comparable(kind, value, prop)
    if operator == "Equals":
        return current == wanted
    if operator == "NotEquals":
        return current != wanted
    if operator == "Contains":
        return current is not None and wanted in current
    if operator == "NotContains":
        return current is None or wanted not in current
    if current is None:
        return False
    return {"LessThan": current < wanted, "LessOrEqual": current <= wanted, "GreaterThan": current > wanted,
            "GreaterOrEqual": current >= wanted}[operator]


def conditions(state, filters):
    """Checked filters as (key, kind, operator, value, property); custom-field filters are dropped."""
    if not isinstance(filters, list):
        raise failed(400, "SearchFilters must be a list.")
    custom = {str(f.get("Name", "")).lower() for d in state.data["defects"] for f in d.get("Fields") or []}
    result = []
    for item in filters:
        if not isinstance(item, dict):
            raise failed(400, "Each search filter must be an object with Property, Operator and Value.")
        item = {k.lower(): v for k, v in item.items()}
        prop = str(item.get("property") or "")
        key = prop.lower().replace("entityfieldvalues.", "").replace(" ", "")
        if key not in MAIN_FIELDS:
            if prop.lower().replace("entityfieldvalues.", "") in custom:
                continue  # "Filters do not work on custom fields, only main entity fields"
            raise failed(400, "Property '%s' does not exist on type 'Defect'." % prop)
        operator = next((o for o in OPERATORS if o.lower() == str(item.get("operator") or "").lower()), None)
        if operator is None:
            raise failed(400, "Operator '%s' is not supported. Valid operators: %s."
                         % (item.get("operator"), ", ".join(OPERATORS)))
        kind = MAIN_FIELDS[key]
        if operator in ("Contains", "NotContains") and kind in ("date", "guid"):
            raise failed(400, "Operator '%s' cannot be used with property '%s'." % (operator, prop))
        if item.get("value") is None:
            raise failed(400, "Filter on '%s' needs a Value." % prop)
        direction = str(item.get("direction") or "ASC").upper()
        if direction not in ("ASC", "DESC"):
            raise failed(400, "Direction '%s' is not valid; valid directions: ASC, DESC." % item.get("direction"))
        result.append(((key, kind, operator, str(item["value"]), prop), direction))
    return result


def display_number(record):
    digits = re.sub(r"\D", "", record.get("DisplayId") or "")
    return int(digits) if digits else 0


def in_releases(record, release_ids, no_release):
    linked = {str(r.get("Id", "")).lower() for r in record.get("Releases") or []}
    if not release_ids and not no_release:
        return True
    return bool(linked & release_ids) or (no_release and not linked)


def whole_number(value, name, default):
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int):
        raise failed(400, "%s must be a whole number." % name)
    return value


@routes.post("/defects/search", tags=[TAG])
async def search(request: Request):
    state = authorized(request)
    body = {k.lower(): v for k, v in (await json_object(request)).items()}
    checks = conditions(state, body.get("searchfilters") or [])
    release_ids = body.get("releaseids") or []
    if not isinstance(release_ids, list):
        raise failed(400, "ReleaseIds must be a list of release ids.")
    release_ids = {str(r).lower() for r in release_ids}
    no_release = bool(body.get("norelease"))
    page = max(0, whole_number(body.get("pagenum"), "PageNum", 0))
    size = min(MAX_PAGE_SIZE, max(1, whole_number(body.get("recordsperpage"), "RecordsPerPage", DEFAULT_PAGE_SIZE)))
    with state.lock:
        found = [copy.deepcopy(d) for d in state.data["defects"]
                 if in_releases(d, release_ids, no_release) and all(holds(d, c) for c, _direction in checks)]
    found.sort(key=display_number)
    for (key, kind, _op, _value, prop), direction in reversed(checks):
        present = [d for d in found if field_value(d, key) is not None]
        absent = [d for d in found if field_value(d, key) is None]
        present.sort(key=lambda d, k=key, t=kind, p=prop: comparable(t, field_value(d, k), p),
                     reverse=direction == "DESC")
        found = present + absent
    chunk = found[page * size:(page + 1) * size]
    return wrapped({"ResultSet": chunk, "ReturnCount": len(chunk), "TotalCount": len(found), "PageNum": page,
                    "RecordsPerPage": size})


@routes.get("/defects/getbydisplayid/{display_id}", tags=[TAG])
async def by_display_id(request: Request, display_id: str):
    state = authorized(request)
    with state.lock:
        found = [copy.deepcopy(d) for d in state.data["defects"]
                 if str(d.get("DisplayId", "")).lower() == display_id.strip().lower()]
    return wrapped(found)


@routes.route("PATCH", "/defects/{defect_id}", tags=[TAG])
async def patch(request: Request, defect_id: str):
    state = authorized(request)
    delta = await json_object(request)
    known = {name.lower(): name for name in DELTA_FIELDS}
    unknown = sorted(k for k in delta if k.lower() not in known)
    if unknown:
        raise failed(400, "defectDelta: %s cannot be changed; a delta holds %s."
                     % (", ".join(unknown), " and ".join(DELTA_FIELDS)))
    changes = {known[k.lower()]: v for k, v in delta.items()}
    for name, value in changes.items():
        if value is not None and not isinstance(value, str):
            raise failed(400, "defectDelta: %s must be text." % name)
    if "Name" in changes and not (changes["Name"] or "").strip():
        raise failed(400, "defectDelta: Name cannot be empty.")
    with state.lock:
        record = state.find(defect_id)
        if record is None:
            raise failed(404, "Defect '%s' was not found." % defect_id)
        record.update(changes)
        record["LastModifiedDate"] = now_text()
        result = copy.deepcopy(record)
    return wrapped(result, "Defect updated.")
