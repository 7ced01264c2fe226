# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""``GET /releases`` with ``list_info`` (4.1, 4.2): paging, sort, ``filter_by``, ``search_fields``,
``fields_required``; criteria themselves are in criteria.py.

A search whose every branch needs ``title is X`` (or ``id is X``) starts from the title (id) index, so a natural-key
lookup costs the same at 10,000 releases as at ten.
"""

import copy

from . import criteria, records
from .envelope import failed, invalid_value

DEFAULT_ROWS = 10  # [OP-PAGE]
SORTABLE = ("id", "title", "created_time", "completed_time", "scheduled_start_time", "scheduled_end_time",
            "priority", "status", "stage")  # [ANS] read_helpers.py
# filter_by name -> which releases it shows (chosen: only all_releases is in the seed)
FILTERS = {"all_releases": lambda r: r["deleted_time"] is None,
           "open_releases": lambda r: r["deleted_time"] is None and r["stage"]["id"] != "9",
           "closed_releases": lambda r: r["deleted_time"] is None and r["stage"]["id"] == "9",
           "trashed_releases": lambda r: r["deleted_time"] is not None}
# The keys of a list item when fields_required is not sent (sample 7.5).
LIST_FIELDS = ("id", "title", "template", "emergency", "next_review_on", "urgency", "group", "created_time", "item",
               "impact", "release_type", "priority", "scheduled_end_time", "completed_time", "stage", "risk",
               "category", "subcategory", "deleted_time", "notes_present", "scheduled_start_time", "status")
ALL_FIELDS = frozenset(records.WRITABLE + records.READ_ONLY) - {"comment"}


def whole(info, key, default, low):
    value = info.get(key, default)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise invalid_value("list_info." + key)
    return value


def read_sort(info):
    if "sort_fields" in info:
        sorts = info["sort_fields"]
        if not isinstance(sorts, list) or not all(isinstance(s, dict) for s in sorts):
            raise failed(4021, "list_info.sort_fields must be a list of {field, order}", field="sort_fields")
        pairs = [(s.get("field"), s.get("order", "asc")) for s in sorts]
    elif "sort_field" in info:
        pairs = [(info["sort_field"], info.get("sort_order", "asc"))]
    else:
        pairs = [("id", info.get("sort_order", "asc"))]
    for field, order in pairs:
        if field not in SORTABLE:
            raise failed(4001, "Value given for sort_field is not valid: %s; sortable: %s"
                         % (field, ", ".join(SORTABLE)), field="sort_field")
        if str(order).lower() not in ("asc", "desc"):
            raise invalid_value("sort_order")
    return [(field, str(order).lower()) for field, order in pairs]


def read_list_info(state, data):
    """The checked ``list_info`` of a list request (defaults filled)."""
    extra = sorted(set(data) - {"list_info"})
    if extra:
        raise failed(4000, "Extra key found in JSON: %s" % extra[0], field=extra[0], http=400)
    info = data.get("list_info") or {}
    if not isinstance(info, dict):
        raise failed(4021, "list_info must be an object", field="list_info")
    rows = whole(info, "row_count", DEFAULT_ROWS, 1)
    if rows > state.config.max_row_count:
        raise failed(4001, "Value given for row_count is not valid: at most %d" % state.config.max_row_count,
                     field="row_count")
    start = max(1, whole(info, "start_index", 1, 0))  # 0 means the first row (9.10)
    if "page" in info:
        start = (whole(info, "page", 1, 1) - 1) * rows + 1
    name = (info.get("filter_by") or {"name": "all_releases"})
    name = name.get("name") if isinstance(name, dict) else name
    if name not in FILTERS:
        raise failed(4001, "Value given for filter_by is not valid: %s; filters: %s" % (name, ", ".join(FILTERS)),
                     field="filter_by")
    fields = info.get("fields_required")
    if fields is not None:
        if not isinstance(fields, list) or not all(isinstance(f, str) for f in fields):
            raise failed(4021, "list_info.fields_required must be a list of field names", field="fields_required")
        unknown = [f for f in fields if f not in ALL_FIELDS]
        if unknown:
            raise invalid_value("fields_required")
    search_fields = info.get("search_fields")
    if search_fields is not None and not isinstance(search_fields, dict):
        raise failed(4021, "list_info.search_fields must be an object", field="search_fields")
    total = info.get("get_total_count", False)
    return {"rows": rows, "start": start, "sort": read_sort(info), "filter": name, "fields": fields,
            "criteria": criteria.parse(info.get("search_criteria")), "search_fields": search_fields,
            "total": total is True or str(total).lower() == "true", "raw": info}


def sort_key(field):
    def key(record):
        value = record.get(field)
        if field == "id":
            return (0, int(value))
        if value is None:
            return (1, "")
        if isinstance(value, dict):
            if "value" in value:
                return (0, int(value["value"]))
            return (0, str(value.get("name", "")).lower())
        return (0, str(value).lower())
    return key


def matching(state, query):
    keep = FILTERS[query["filter"]]
    pool = criteria.candidates(state, query["criteria"])
    test = criteria.predicate(query["criteria"])
    found = [r for r in (state.data["releases"] if pool is None else pool) if keep(r) and test(r)]
    for field, value in (query["search_fields"] or {}).items():
        wanted = str(value).lower()
        found = [r for r in found if wanted in criteria.text_of(criteria.value_at(r, field, strict=False))]
    for field, order in reversed(query["sort"]):
        if field == "id" and order == "asc" and pool is None:
            continue  # the store is kept in id order
        found.sort(key=sort_key(field), reverse=order == "desc")
    return found


def item(record, fields):
    keys = LIST_FIELDS if fields is None else ["id"] + [f for f in fields if f != "id"]
    return {key: copy.deepcopy(record.get(key)) for key in keys}


def answer(state, query, _user):
    """The list response's ``list_info`` and ``releases`` (the response_status array is added by the route)."""
    found = matching(state, query)
    start, rows = query["start"], query["rows"]
    chunk = found[start - 1:start - 1 + rows]
    info = {"has_more_rows": len(found) > start - 1 + rows, "start_index": start, "row_count": len(chunk),
            "sort_field": query["sort"][0][0], "sort_order": query["sort"][0][1]}
    if query["total"]:
        info.update(total_count=len(found), get_total_count="true")
    if query["search_fields"]:
        info["search_fields"] = query["search_fields"]
    if query["raw"].get("search_criteria") is not None:
        info["search_criteria"] = query["raw"]["search_criteria"]
    return {"list_info": info, "releases": [item(r, query["fields"]) for r in chunk]}
