# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Changes: list, search, read, create (one or in bulk), update, delete."""

import uuid

from fastapi import Request

from sim_core.web import Routes, reply

from .additional_information import apply_ai, render_ai, store_ai
from .change_links import forget_change, record_systems
from .delivery import render_links, replace_links, set_links
from .render import filtered_records, invalid, listing_of, mismatched_id, not_found, search_reply
from .rules import authorized, check_lookup, now_text, query, read_body, utc_text

routes = Routes()
CHANGE_WRITABLE = ("name", "changePriorityId", "changeStatusId", "changeTypeId", "changeDeliveryRiskId",
                   "changeThemeId", "organizationId", "raisedById", "raisedDate", "assignedToId", "businessValueScore",
                   "expectedDeliveryDate", "description", "descriptionSimple")
# (field, lookup type); the record also shows each value's name as <field without Id>Name.
CHANGE_LOOKUPS = (("changePriorityId", "ChangePriority"), ("changeStatusId", "ChangeStatus"),
                  ("changeTypeId", "ChangeType"), ("changeDeliveryRiskId", "ChangeDeliveryRisk"),
                  ("changeThemeId", "ChangeTheme"))
# What a GET filter or searchFilters may name (an unknown one is the vendor's 500).
FILTER_FIELDS = ("id", "changeId", "name", "changePriorityId", "changeStatusId", "changeTypeId", "changeDeliveryRiskId",
                 "changeThemeId", "organizationId", "raisedById", "raisedDate", "assignedToId", "businessValueScore",
                 "expectedDeliveryDate", "description", "descriptionSimple", "lastModifiedDate", "lastModifiedBy",
                 "changePriorityName", "changeStatusName", "changeTypeName", "changeDeliveryRiskName",
                 "changeThemeName", "organization", "raisedBy", "assignedTo")


def _organization(state, change):
    org = state.find("organizations", change.get("organizationId"))
    return org["name"] if org else None


def _name(field, kind):
    return lambda state, c: state.name_of(kind, c.get(field))


# The fields a change is shown with beyond its stored ones, in the record's order.
DERIVED = dict([(field[:-2] + "Name", _name(field, kind)) for field, kind in CHANGE_LOOKUPS] + [
    ("organization", _organization), ("raisedBy", lambda state, c: state.user_name(c.get("raisedById"))),
    ("assignedTo", lambda state, c: state.user_name(c.get("assignedToId"))),
    ("additionalInformation", lambda state, c: render_ai(state, c["id"], "Change")),
    ("systems", record_systems), ("deliveryReleases", render_links)] + [
    (key, lambda _state, _c: []) for key in ("stakeholders", "comments")])


def change_field(state, change, key):
    """One field of the change as shown (what a filter reads)."""
    derive = DERIVED.get(key)
    return derive(state, change) if derive else change.get(key)


def render_change(state, change):
    record = dict(change)
    record.update((key, derive(state, change)) for key, derive in DERIVED.items())
    return record


def list_item(change):
    return {"id": change["id"], "name": change["name"], "changeId": change["changeId"],
            "lastModifiedDate": change["lastModifiedDate"]}


def check_score(score, errors):
    """businessValueScore as a whole number 0 to 100 (None if not sent)."""
    if score in (None, ""):
        return None
    try:
        score = int(score)
        if not 0 <= score <= 100:
            raise ValueError
    except (TypeError, ValueError):
        errors.setdefault("change.businessValueScore", []).append("Business value score must be 0 to 100.")
    return score


def check_change(state, body):
    """The cleaned record fields of a POST or PUT body; 400 naming every problem."""
    errors = {}
    if not body.get("name"):
        errors.setdefault("change.name", []).append("Name cannot be blank")
    for field, kind in CHANGE_LOOKUPS:
        check_lookup(state, kind, body.get(field), field, None, errors)
    score = check_score(body.get("businessValueScore"), errors)
    if errors:
        raise invalid(errors)
    record = {key: body.get(key) for key in CHANGE_WRITABLE}
    for key in ("raisedDate", "expectedDeliveryDate"):
        record[key] = utc_text(record[key]) if record[key] else None
    for key in [f for f, _k in CHANGE_LOOKUPS] + ["organizationId", "raisedById", "assignedToId"]:
        record[key] = str(record[key]).lower() if record[key] else None
    record["businessValueScore"] = score
    record["raisedDate"] = record["raisedDate"] or now_text()
    record["lastModifiedDate"] = now_text()
    return record


def new_change(state, body):
    """Create a change with the next ``changeId`` (the caller holds the lock); its custom fields may come along."""
    record = check_change(state, body)
    errors = {}
    ai = apply_ai(state, body.get("additionalInformation"), errors, "Change")
    if errors:
        raise invalid(errors)
    state.change_sequence += 1
    record.update(id=str(uuid.uuid4()), changeId=state.change_sequence,
                  lastModifiedBy=state.data["credentials"]["username"])
    state.data["changes"].append(record)
    store_ai(state, record["id"], ai, "Change")
    return record


@routes.get("/changes", tags=["Changes"])
async def changes(request: Request):
    state = authorized(request)
    text = query(request, "filter")
    records = state.data["changes"]
    if text:
        records = filtered_records(state, text, "Change", "changes", lambda c, k: change_field(state, c, k),
                                   lambda c: render_change(state, c), FILTER_FIELDS)
    return listing_of(request, records, list_item)


@routes.post("/changes/filter", tags=["Changes"])
async def changes_filter(request: Request):
    state = authorized(request)
    return search_reply(state, await read_body(request) or {}, "Change", "changes",
                        lambda c, k: change_field(state, c, k), lambda c: render_change(state, c), FILTER_FIELDS)


@routes.post("/changes/bulk", tags=["Changes"])
async def changes_bulk(request: Request):
    state = authorized(request)
    body = await read_body(request)
    if not isinstance(body, list):
        raise invalid({"changes": ["The body must be an array of changes."]})
    with state.lock:
        for item in body:  # all or nothing: check every change before creating any
            check_change(state, item)
        for item in body:
            new_change(state, item)
    return reply([])


@routes.get("/changes/{change_id}", tags=["Changes"])
async def change(change_id: str, request: Request):
    state = authorized(request)
    found = state.find("changes", change_id)
    if not found:
        raise not_found()
    return reply(render_change(state, found))


@routes.post("/changes", tags=["Changes"])
async def create_change(request: Request):
    state = authorized(request)
    body = await read_body(request)
    if not isinstance(body, dict):
        raise invalid({"change": ["The request body must be a change object."]})
    with state.lock:
        return reply(render_change(state, new_change(state, body)), 201)


def merged(found, body):
    """What a PUT body makes of a change: the fields it sends replace the stored ones, the others are kept (QE's
    "Update Change" leaves out expectedDeliveryDate and reads it back; "" clears a field)."""
    record = {key: found.get(key) for key in CHANGE_WRITABLE}
    record.update((key, body[key]) for key in CHANGE_WRITABLE if key in body)
    return record


@routes.put("/changes/{change_id}", tags=["Changes"])
async def update_change(change_id: str, request: Request):
    state = authorized(request)
    body = await read_body(request) or {}
    if not isinstance(body, dict):
        raise invalid({"change": ["The request body must be a change object."]})
    with state.lock:
        if str(body.get("id") or "").lower() != change_id.lower():
            raise mismatched_id()
        found = state.find("changes", change_id)
        if not found:
            raise not_found()
        errors = {}
        links = replace_links(state, body.get("deliveryReleases"), errors)
        ai = apply_ai(state, body.get("additionalInformation"), errors, "Change")
        if errors:
            raise invalid(errors)
        found.update(check_change(state, merged(found, body)))
        if links is not None:
            set_links(state, found["id"], links)
        store_ai(state, found["id"], ai, "Change")
        return reply(render_change(state, found))


@routes.delete("/changes/{change_id}", tags=["Changes"])
async def delete_change(change_id: str, request: Request):
    state = authorized(request)
    with state.lock:
        found = state.find("changes", change_id)
        if found:
            state.data["changes"].remove(found)
            set_links(state, found["id"], [])
            forget_change(state, found["id"])
            state.data["changeAdditionalInformation"].pop(found["id"], None)
    return reply({"message": "Change deleted."})
