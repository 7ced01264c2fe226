# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Custom fields ("additional information") of releases and changes: their definitions, and each record's values."""

import datetime

from fastapi import Request

from sim_core.web import Routes, reply

from .render import invalid, not_found
from .rules import authorized, now_text, read_body, utc_text

routes = Routes()
# The property of an item that holds the value, per data type (plutora-api.md 3.4).
VALUE_KEYS = {"FreeText": "text", "Number": "number", "Decimal": "decimal", "DatePicker": "date",
              "TimePicker": "time", "DateTimePicker": "dateTime", "ListField": "listItem", "ListSelect": "multiListItem"}


# entity -> (the seed key of its field definitions, the seed key of its records' values: record id -> field id -> value)
ENTITIES = {"Release": ("releaseFields", "additionalInformation"),
            "Change": ("changeFields", "changeAdditionalInformation")}


def fields_of(state, entity):
    """The custom-field definitions of ``entity``, in their order."""
    definitions, _values = ENTITIES[entity]
    return [f for f in state.data[definitions] if f.get("type", entity) == entity]


def release_fields(state):
    return fields_of(state, "Release")


def list_value(field, item_id):
    for item in field.get("listItems", []):
        if item["id"] == item_id:
            return item["value"]
    return None


def render_ai(state, record_id, entity="Release"):
    """Every custom field of ``entity``, with this record's value (if any) in its data type's property."""
    values = state.data[ENTITIES[entity][1]].get(record_id, {})
    items = []
    for field in fields_of(state, entity):
        item = {"id": field["id"], "name": field["name"], "type": entity, "dataType": field["dataType"],
                "text": None, "time": None, "date": None, "number": None, "decimal": None, "dateTime": None,
                "listItem": None, "multiListItem": None}
        stored = values.get(field["id"], {})
        item.update(stored)
        if field.get("listItems"):
            # Chosen: the choices of a list field ride on its item (no public capture shows where clients read them).
            item["listItems"] = [dict(i) for i in field["listItems"]]
        if item["listItem"]:
            item["listItem"] = {"id": item["listItem"]["id"], "value": list_value(field, item["listItem"]["id"])}
        if item["multiListItem"]:
            item["multiListItem"] = [{"id": i["id"], "value": list_value(field, i["id"])}
                                     for i in item["multiListItem"]]
        items.append(item)
    return items


def ai_problem(field, key, value):
    """Why ``value`` (in property ``key``) does not suit ``field``'s data type, or None."""
    if value is None:
        return None
    kind = field["dataType"]
    ids = {i["id"] for i in field.get("listItems", [])}
    if kind == "FreeText" and not isinstance(value, str):
        return "%s expects text in 'text'." % field["name"]
    if kind == "Number" and (isinstance(value, bool) or not isinstance(value, int)):
        return "%s expects a whole number in 'number'." % field["name"]
    if kind == "Decimal" and (isinstance(value, bool) or not isinstance(value, (int, float))):
        return "%s expects a number in 'decimal'." % field["name"]
    if kind in ("DatePicker", "DateTimePicker") and utc_text(value) is None:
        return "%s expects a date in '%s'." % (field["name"], key)
    if kind == "TimePicker":
        try:
            datetime.time.fromisoformat(str(value).split(".", maxsplit=1)[0])
        except ValueError:
            return "%s expects a time (HH:MM:SS) in 'time'." % field["name"]
    if kind == "ListField" and (not isinstance(value, dict) or str(value.get("id", "")).lower() not in ids):
        return "%s expects listItem {id} of one of its list items." % field["name"]
    if kind == "ListSelect" and (not isinstance(value, list)
                                 or any(not isinstance(v, dict) or str(v.get("id", "")).lower() not in ids
                                        for v in value)):
        return "%s expects multiListItem [{id}] of its list items." % field["name"]
    return None


def form_value(kind, value):
    """A value as a form sends it (text) read as the data type's: "" is no value, whole numbers and numbers parsed
    (the vendor's binding does the same for JSON text)."""
    if not isinstance(value, str) or kind == "FreeText":
        return value
    if value.strip() == "":
        return None
    try:
        return int(value) if kind == "Number" else float(value) if kind == "Decimal" else value
    except ValueError:
        return value


def apply_ai(state, items, errors, entity="Release"):
    """The stored form (field id -> {property: value}) of the items in a body; problems go to ``errors``."""
    if items is None:
        return {}
    if not isinstance(items, list):
        errors.setdefault("additionalInformation", []).append("additionalInformation must be an array.")
        return {}
    fields = {f["id"]: f for f in fields_of(state, entity)}
    values = {}
    for item in items:
        field = fields.get(str(item.get("id") or "").lower())
        if field is None:
            errors.setdefault("additionalInformation", []).append(
                "'%s' is not a %s custom field." % (item.get("id"), entity))
            continue
        key = VALUE_KEYS[field["dataType"]]
        value = form_value(field["dataType"], item.get(key))
        problem = ai_problem(field, key, value)
        if problem:
            errors.setdefault("additionalInformation.%s" % field["name"], []).append(problem)
            continue
        if key == "listItem" and value:
            value = {"id": value["id"].lower()}
        if key == "multiListItem" and value:
            value = [{"id": v["id"].lower()} for v in value]
        if key in ("date", "dateTime") and value:
            value = utc_text(value)
        values[field["id"]] = {key: value}
    return values


def store_ai(state, record_id, values, entity="Release"):
    """Keep ``values`` (``apply_ai``'s) as the record's: the fields they name change, the others are kept."""
    if values:
        state.data[ENTITIES[entity][1]].setdefault(record_id, {}).update(values)


# entity -> the collection of its records
COLLECTIONS = {"Release": "releases", "Change": "changes"}


def read_ai(request, record_id, entity):
    state = authorized(request)
    found = state.find(COLLECTIONS[entity], record_id)
    if not found:
        raise not_found()
    return reply(render_ai(state, found["id"], entity))


async def write_ai(request, record_id, entity):
    """PUT: the items' fields take their values (the others keep theirs); 200 with every field."""
    state = authorized(request)
    body = await read_body(request)
    with state.lock:
        found = state.find(COLLECTIONS[entity], record_id)
        if not found:
            raise not_found()
        errors = {}
        values = apply_ai(state, body, errors, entity)
        if errors:
            raise invalid(errors)
        store_ai(state, found["id"], values, entity)
        found["lastModifiedDate"] = now_text()
        return reply(render_ai(state, found["id"], entity))


@routes.get("/releases/{release_id}/additionalinformation", tags=["Releases"])
async def release_ai(release_id: str, request: Request):
    return read_ai(request, release_id, "Release")


@routes.put("/releases/{release_id}/additionalinformation", tags=["Releases"])
async def put_release_ai(release_id: str, request: Request):
    return await write_ai(request, release_id, "Release")


@routes.get("/changes/{change_id}/additionalinformation", tags=["Changes"])
async def change_ai(change_id: str, request: Request):
    return read_ai(request, change_id, "Change")


@routes.put("/changes/{change_id}/additionalinformation", tags=["Changes"])
async def put_change_ai(change_id: str, request: Request):
    return await write_ai(request, change_id, "Change")
