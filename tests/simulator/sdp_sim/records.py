# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Release entity: its field table, and how an Add or Edit body becomes a record (one code path for both, and
for the seed).

``check`` validates a whole body before anything is written (a refusal changes nothing); ``write`` then applies it
and returns the diff that history records.
"""

import copy
import re

from . import dates
from .envelope import failed, invalid_value

TEXT = ("title", "description")
LOOKUP = ("priority", "impact", "urgency", "risk", "release_type", "category", "subcategory", "item", "site", "group")
LISTS = ("services", "assets", "configuration_items")
DATE_TIMES = ("scheduled_start_time", "scheduled_end_time", "next_review_on")
BOOLEANS = ("emergency",)
# descriptive field -> (its name, the stage it belongs to) (2.4)
DESCRIPTIVE = {"roll_out_plan": ("Rollout Plan", "2"), "back_out_plan": ("Backout Plan", "2"),
               "checklist": ("CheckList", "2"), "impact_details": ("Impact Details", "2"),
               "close_details": ("Close Details", "9")}
ROLE_USERS = {"release_engineer": "2", "release_manager": "1"}  # writable user fields -> role id (2.3)
OTHER = ("template", "stage", "status", "comment", "roles", "udf_fields")
WRITABLE = TEXT + LOOKUP + LISTS + DATE_TIMES + BOOLEANS + tuple(DESCRIPTIVE) + tuple(ROLE_USERS) + OTHER
# Marked read only by the seed (2.1) or only ever set by the server (2.2).
READ_ONLY = ("id", "short_description", "release_requester", "created_time", "completed_time", "deleted_time",
             "notes_present", "workflow", "attachments", "closure_code", "review_details", "image_token")
SERVER_SET = ("id", "created_time", "completed_time", "deleted_time", "created_by")  # a seed may set these
ROLE_FIELDS = {"1": "release_manager", "2": "release_engineer", "3": "release_requester"}
CLOSURE_STAGE = "9"
TAG = re.compile(r"<[^>]*>")


def short_description(description):
    """The plain text of the description (9, correction to 2.1: it follows the description), at most 250 chars."""
    if description is None:
        return None
    return " ".join(TAG.sub(" ", description).split())[:250]


def check_keys(body, trusted):
    for key in body:
        if key in SERVER_SET and trusted:
            continue
        if key in READ_ONLY:
            raise failed(4014, "Cannot edit read-only field %s" % key, field=key)
        if key not in WRITABLE:
            raise failed(4000, "Extra key found in JSON: %s" % key, field=key, http=400)


def check_text(body, changes, creating):
    for field in TEXT:
        if field not in body:
            continue
        value = body[field]
        if value is not None and not isinstance(value, str):
            raise failed(4021, "%s must be text" % field, field=field)
        if field == "title":
            if not (value or "").strip():
                raise failed(4012, "Value not provided for title", field="title", fields=["title"])
            if "\n" in value or "\r" in value:
                raise invalid_value("title")
            value = value.strip()
        changes[field] = value
    if creating and "title" not in body:
        raise failed(4012, "Value not provided for title", field="title", fields=["title"])
    if "comment" in body and body["comment"] is not None and not isinstance(body["comment"], str):
        raise failed(4021, "comment must be text", field="comment")


def check_lookups(catalog, record, body, changes):
    for field in LOOKUP:
        if field not in body:
            continue
        if body[field] is None:
            changes[field] = None
            continue
        parent = None
        if field in ("subcategory", "item"):
            above = "category" if field == "subcategory" else "subcategory"
            current = changes[above] if above in changes else record.get(above)
            if current is None:
                raise failed(4001, "%s needs a %s" % (field, above), field=field)
            parent = (above, current["id"])
        changes[field] = catalog.shown(field, catalog.resolve(field, body[field], parent=parent))
    # A new category drops a subcategory (and item) that belongs to another, unless the body sets them.
    for child, above in (("subcategory", "category"), ("item", "subcategory")):
        if above in changes and child not in body:
            current = record.get(child)
            parent = changes[above]
            held_by = str(((catalog.by_id(child, current["id"]) or {}).get(above) or {}).get("id")) if current else None
            if current is not None and (parent is None or held_by != parent["id"]):
                changes[child] = None
    for field in LISTS:
        if field not in body:
            continue
        items = body[field] or []
        if not isinstance(items, list):
            raise failed(4021, "%s must be a list" % field, field=field)
        resolved = [catalog.shown(field, catalog.resolve(field, item, label=field)) for item in items]
        changes[field] = list({item["id"]: item for item in resolved}.values())


def check_lifecycle(catalog, record, body, changes, creating, trusted):
    if "template" in body:
        changes["template"] = catalog.shown("template", catalog.resolve("template", body["template"] or {}))
    elif creating:
        raise failed(4012, "Value not provided for template", field="template", fields=["template"])
    stage = catalog.resolve("stage", body["stage"] or {}) if "stage" in body else None
    status = catalog.resolve("status", body["status"] or {}) if "status" in body else None
    if status is not None and stage is not None and status["stage"]["id"] != stage["id"]:
        raise failed(4001, "Status %s does not belong to stage %s" % (status["name"], stage["name"]), field="status")
    if status is not None and stage is None:
        stage = catalog.by_id("stage", status["stage"]["id"])
    if stage is not None and status is None:
        in_stage = [s for s in catalog.entries["status"][1].values() if s["stage"]["id"] == stage["id"]]
        status = next((s for s in in_stage if s["status_type"] == "In Progress"), in_stage[0])
    if stage is None and creating:
        stage, status = catalog.by_id("stage", "1"), catalog.by_id("status", "1")
    if stage is None:
        return
    moved = creating or (record.get("stage") or {}).get("id") != stage["id"]
    if moved and stage["id"] == CLOSURE_STAGE and not trusted:
        raise failed(4001, "A release reaches Closure through the close operation", field="stage")
    changes["stage"] = catalog.shown("stage", stage)
    changes["status"] = catalog.shown("status", status)


def check_dates(body, record, changes):
    for field in DATE_TIMES:
        if field in body:
            changes[field] = dates.read_date_time(body[field], field)
    start = changes.get("scheduled_start_time", record.get("scheduled_start_time"))
    end = changes.get("scheduled_end_time", record.get("scheduled_end_time"))
    if start and end and int(end["value"]) < int(start["value"]):
        raise failed(4016, "scheduled_end_time is before scheduled_start_time", field="scheduled_end_time",
                     fields=["scheduled_start_time", "scheduled_end_time"])
    for field in BOOLEANS:
        if field in body:
            if not isinstance(body[field], bool):
                raise failed(4021, "%s must be true or false" % field, field=field)
            changes[field] = body[field]


def check_descriptive(body, changes):
    for field in DESCRIPTIVE:
        if field not in body:
            continue
        value = body[field]
        if value is None:
            changes[field] = None
            continue
        if not isinstance(value, dict) or set(value) - {"description"}:
            raise failed(4021, "%s must be an object with description" % field, field=field)
        if value.get("description") is not None and not isinstance(value["description"], str):
            raise failed(4021, "%s.description must be text" % field, field=field)
        changes[field] = value.get("description")


def check_roles(catalog, body):
    """Role id -> user object or None (removed), from ``roles`` and the user fields."""
    wanted = {}
    roles = body.get("roles")
    if roles is not None:
        if not isinstance(roles, list):
            raise failed(4021, "roles must be a list", field="roles")
        for entry in roles:
            if not isinstance(entry, dict) or not isinstance(entry.get("role"), dict):
                raise failed(4021, "each role must be an object with role and user", field="roles")
            role = catalog.resolve("role", entry["role"], label="roles.role")
            user = entry.get("user")
            wanted[role["id"]] = None if user is None else catalog.shown("user", catalog.resolve(
                "user", user, label="roles.user"))
    for field, role_id in ROLE_USERS.items():
        if field in body:
            wanted[role_id] = None if body[field] is None else catalog.shown("user", catalog.resolve(
                "user", body[field], label=field))
    return wanted


def check_udfs(udf_fields, body, changes):
    if "udf_fields" not in body:
        return
    values = body["udf_fields"]
    if not isinstance(values, dict):
        raise failed(4021, "udf_fields must be an object", field="udf_fields")
    types = {f["name"]: f["type"] for f in udf_fields}
    result = {}
    for name, value in values.items():
        label = "udf_fields." + name
        if name not in types:
            raise failed(4000, "Extra key found in JSON: %s" % label, field=label, http=400)
        kind = types[name]
        if value is None:
            result[name] = None
        elif kind == "datetime":
            result[name] = dates.read_date_time(value, label)
        elif kind == "string" and isinstance(value, str):
            result[name] = value
        elif kind == "long" and isinstance(value, int) and not isinstance(value, bool):
            result[name] = value
        elif kind == "double" and isinstance(value, (int, float)) and not isinstance(value, bool):
            result[name] = float(value)
        elif kind == "boolean" and isinstance(value, bool):
            result[name] = value
        else:
            raise failed(4021, "%s must be a %s" % (label, kind), field=label)
    changes["udf_fields"] = result


def check(state, record, body, creating, trusted=False):
    """Every change ``body`` asks for, validated: (field -> new value, role id -> user or None, comment)."""
    if not isinstance(body, dict):
        raise failed(4021, "release must be an object", field="release")
    check_keys(body, trusted)
    catalog = state.catalog
    changes = {}
    check_text(body, changes, creating)
    check_lifecycle(catalog, record, body, changes, creating, trusted)
    check_lookups(catalog, record, body, changes)
    check_dates(body, record, changes)
    check_descriptive(body, changes)
    check_udfs(state.data["udf_fields"], body, changes)
    roles = check_roles(catalog, body)
    return changes, roles, body.get("comment")


def descriptive_object(state, record, field, description):
    name, stage_id = DESCRIPTIVE[field]
    current = record.get(field)
    if current is None:
        current = {"id": state.next_id("descriptive"), "name": name, "internal_name": field, "attachments": [],
                   "stage": state.catalog.shown("stage", state.catalog.by_id("stage", stage_id)),
                   "release": {"id": record["id"]}, "updated_by": None, "updated_on": None, "description": None}
    current = copy.deepcopy(current)
    current["description"] = description
    return current


def blank(state, release_id):
    """A release before its first write: every key the 2023-vintage samples show (2.6), empty."""
    skipped = ("comment", "roles", "release_engineer", "release_manager")
    record = {key: None for key in READ_ONLY + WRITABLE if key not in skipped}
    record.update(id=release_id, roles=[], release_engineer=None, release_manager=None, release_requester=None,
                  services=[], assets=[], configuration_items=[], attachments=[], emergency=False,
                  notes_present=False, udf_fields={f["name"]: None for f in state.data["udf_fields"]})
    record.pop("review_details")
    record.pop("image_token")
    for field in DESCRIPTIVE:
        record[field] = descriptive_object(state, record, field, None)
    return record


def write(state, record, changes, roles, actor):
    """Apply checked changes; return (field diff, role diff) as history shows them (1.3 item 5)."""
    diff = []
    for field, value in changes.items():
        if field in DESCRIPTIVE:
            if (record.get(field) or {}).get("description") == value and record.get(field) is not None:
                continue
            value = descriptive_object(state, record, field, value)
            if record.get(field) is not None:
                value["updated_by"], value["updated_on"] = actor, dates.date_time(dates.now_ms())
        elif field == "udf_fields":
            value = dict(record.get("udf_fields") or {}, **value)
        previous = record.get(field)
        if previous == value:
            continue
        record[field] = value
        diff.append({"field": {"name": field, "display_name": field.replace("_", " ").title()},
                     "previous_value": previous, "current_value": value})
        if field == "description":
            record["short_description"] = short_description(value)
        if field == "title":
            for entry in record["roles"]:
                entry["release"]["title"] = value
        if field == "template":
            workflow = state.catalog.by_id("template", value["id"]).get("workflow")
            found = state.catalog.by_id("workflow", workflow)
            record["workflow"] = state.catalog.shown("workflow", found) if found else None
    role_diff = [set_role(state, record, role_id, user) for role_id, user in roles.items()]
    return diff, [entry for entry in role_diff if entry]


def set_role(state, record, role_id, user):
    """Put ``user`` in role ``role_id`` (None removes it); return the history diff, or None if nothing changed."""
    role = state.catalog.shown("role", state.catalog.by_id("role", role_id))
    kept = [r for r in record["roles"] if r["role"]["id"] != role_id]
    old = next((r for r in record["roles"] if r["role"]["id"] == role_id), None)
    if (old or {}).get("user", {}).get("id") == (user or {}).get("id"):
        return None
    entry = None
    if user is not None:
        entry = {"role": role, "release": {"id": record["id"], "title": record["title"]},
                 "id": state.next_id("role"), "user": user}
        kept.append(entry)
    record["roles"] = sorted(kept, key=lambda r: int(r["role"]["id"]))
    record[ROLE_FIELDS[role_id]] = copy.deepcopy(user)
    return [{"field": {"name": "user", "display_name": "User"}, "previous_value": (old or {}).get("user"),
             "current_value": user},
            {"field": {"name": "id"}, "previous_value": (old or {}).get("id"), "current_value": (entry or {}).get("id")},
            {"field": {"name": "role", "display_name": "Role"}, "previous_value": None, "current_value": role}]
