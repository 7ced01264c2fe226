# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Systems: list, read, create."""

import uuid

from fastapi import Request

from sim_core.web import Routes, reply

from .render import filtered, invalid, listing, not_found
from .rules import authorized, read_body

routes = Routes()
SYSTEM_FIELDS = ("id", "name", "vendor", "status", "organizationId", "description")  # list items; GET filter fields


def render_system(state, system):
    org = state.find("organizations", system.get("organizationId"))
    return dict(system, organization=org["name"] if org else None, isAllowEdit=True, inMyOrganization=True,
                additionalInformation=[])


def check_system(state, body):
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
    record = {"id": str(uuid.uuid4()), "name": body["name"], "vendor": body["vendor"], "status": body["status"],
              "organizationId": body["organizationId"].lower(), "description": body.get("description"),
              "systemAlias": body.get("systemAlias")}
    with state.lock:
        state.data["systems"].append(record)
    return reply(render_system(state, record), 201)
