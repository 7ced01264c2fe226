# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Systems: list, read, create, update, delete."""

import uuid

from fastapi import Request
from fastapi.responses import Response

from sim_core.web import Routes, reply

from .render import filtered, invalid, listing, mismatched_id, not_found
from .rules import authorized, read_body

routes = Routes()
SYSTEM_FIELDS = ("id", "name", "vendor", "status", "organizationId", "description")  # list items; GET filter fields


def render_system(state, system, created=False):
    """The full system (plutora-api.md 5.4). The Primer's create answer says ``isAllowEdit`` and
    ``inMyOrganization`` false (7.17); a read says true: the API user belongs to the root organisation (chosen)."""
    org = state.find("organizations", system.get("organizationId"))
    return dict(system, organization=org["name"] if org else None, isAllowEdit=not created,
                inMyOrganization=not created, additionalInformation=[])


def check_system(state, body):
    if not isinstance(body, dict):
        raise invalid({"system": ["The body must be a system object."]})
    errors = {}
    for field in ("name", "vendor", "status", "organizationId"):
        if not body.get(field):
            errors.setdefault("system." + field, []).append("%s is required." % field[:1].upper() + field[1:])
    if body.get("status") and body["status"] not in ("Active", "Inactive"):
        errors.setdefault("system.status", []).append("Status must be Active or Inactive.")
    if body.get("organizationId") and not state.find("organizations", body["organizationId"]):
        errors.setdefault("system.organizationId", []).append("The organization does not exist.")
    if errors:
        raise invalid(errors)


@routes.get("/systems", tags=["Systems"])
async def systems(request: Request):
    state = authorized(request)
    items = [{k: s.get(k) for k in SYSTEM_FIELDS} for s in state.data["systems"]]
    return listing(request, filtered(request, items, "System", SYSTEM_FIELDS))


@routes.get("/systems/{system_id}", tags=["Systems"])
async def system(system_id: str, request: Request):
    state = authorized(request)
    found = state.find("systems", system_id)
    if not found:
        raise not_found()
    return reply(render_system(state, found))


@routes.post("/systems", tags=["Systems"])
async def create_system(request: Request):
    state = authorized(request)
    body = await read_body(request, allow_form=True) or {}
    check_system(state, body)
    record = dict(stored_system(body), id=str(uuid.uuid4()))
    with state.lock:
        state.data["systems"].append(record)
    return reply(render_system(state, record, created=True), 201)


def stored_system(body):
    return {"name": body["name"], "vendor": body["vendor"], "status": body["status"],
            "organizationId": str(body["organizationId"]).lower(), "description": body.get("description"),
            "systemAlias": body.get("systemAlias")}


@routes.put("/systems/{system_id}", tags=["Systems"])
async def update_system(system_id: str, request: Request):
    """200 with the updated system (QE 2021); ``additionalInformation`` is not changed by a PUT (RAL)."""
    state = authorized(request)
    body = await read_body(request, allow_form=True)
    found = state.find("systems", system_id)
    if not found:
        raise invalid({"system.id": ["The system '%s' does not exist." % system_id]})
    if isinstance(body, dict) and body.get("id") and str(body["id"]).lower() != found["id"]:
        raise mismatched_id()
    check_system(state, body)
    with state.lock:
        found.update(stored_system(body))
    return reply(render_system(state, found))


@routes.delete("/systems/{system_id}", tags=["Systems"])
async def delete_system(system_id: str, request: Request):
    """200; unknown 404 (QE). A system that environments are linked to is refused (chosen: they would point at
    nothing)."""
    state = authorized(request)
    found = state.find("systems", system_id)
    if not found:
        raise not_found()
    linked = [e["name"] for e in state.data["environments"] if e.get("linkedSystemId") == found["id"]]
    if linked:
        raise invalid({"system.id": ["The system is linked to environments: %s." % ", ".join(linked)]})
    with state.lock:
        state.data["systems"] = [s for s in state.data["systems"] if s is not found]
    return Response(status_code=200)
