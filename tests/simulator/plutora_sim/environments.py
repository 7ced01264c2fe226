# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Environments: list, read (with their hosts and layers), create, update, delete."""

import uuid

from fastapi import Request
from fastapi.responses import Response

from sim_core.web import Routes, reply

from .hosts import drop_environment_hosts, render_hosts
from .render import filtered, invalid, listing, mismatched_id, not_found
from .rules import authorized, check_lookup, read_body

routes = Routes()
ENVIRONMENT_FIELDS = ("id", "name", "url", "linkedSystem", "usageWorkItem", "status", "color", "lastModifiedDate",
                      "lastModifiedBy")
# What a POST or PUT keeps (plutora-api.md 5.3); hosts and layers are written through /hosts and /layers only.
WRITABLE = ("name", "description", "url", "vendor", "linkedSystemId", "environmentMgr", "usageWorkItemId",
            "environmentStatusId", "color", "isSharedEnvironment")
REQUIRED = ("name", "vendor", "linkedSystemId", "usageWorkItemId", "environmentStatusId", "color",
            "isSharedEnvironment")


def render_environment(state, env, full):
    """A list item (plutora-api.md 7.19), or with ``full`` the whole record with its hosts and layers (7.18)."""
    system = state.find("systems", env.get("linkedSystemId"))
    base = {"id": env["id"], "name": env["name"], "url": env.get("url"),
            "linkedSystem": system["name"] if system else None,
            "usageWorkItem": state.name_of("UsedForWorkItem", env.get("usageWorkItemId")),
            "status": state.name_of("EnvironmentStatus", env.get("environmentStatusId")), "color": env.get("color"),
            "lastModifiedDate": env.get("lastModifiedDate") or "2026-11-01T09:00:00",
            "lastModifiedBy": env.get("lastModifiedBy") or "release.manager@example.com"}
    if not full:
        return base
    record = {key: env.get(key) for key in ("id",) + WRITABLE}
    record.update(linkedSystem=base["linkedSystem"], usageWorkItem=base["usageWorkItem"],
                  environmentStatus=base["status"], hosts=render_hosts(state, env["id"]))
    return record


def as_bool(value):
    """``IsSharedEnvironment`` sent as the string "true" comes back as a boolean (plutora-api.md 5.3)."""
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes", "on")
    return bool(value)


def checked_environment(state, body):
    """The stored fields of a POST or PUT body; a 400 naming every missing or unknown reference."""
    if not isinstance(body, dict):
        raise invalid({"environment": ["The body must be an environment object."]})
    errors = {}
    for field in REQUIRED:
        if body.get(field) in (None, ""):
            errors.setdefault("environment." + field, []).append("%s is required." % (field[:1].upper() + field[1:]))
    if body.get("linkedSystemId") and not state.find("systems", body["linkedSystemId"]):
        errors.setdefault("environment.linkedSystemId", []).append("The system does not exist.")
    check_lookup(state, "UsedForWorkItem", body.get("usageWorkItemId"), "environment.usageWorkItemId", None, errors)
    check_lookup(state, "EnvironmentStatus", body.get("environmentStatusId"), "environment.environmentStatusId", None,
                 errors)
    if errors:
        raise invalid(errors)
    record = {key: body.get(key) for key in WRITABLE}
    for key in ("linkedSystemId", "usageWorkItemId", "environmentStatusId"):
        record[key] = str(record[key]).lower()
    record["isSharedEnvironment"] = as_bool(record["isSharedEnvironment"])
    return record


@routes.get("/environments", tags=["Environments"])
async def environments(request: Request):
    state = authorized(request)
    items = [render_environment(state, e, False) for e in state.data["environments"]]
    return listing(request, filtered(request, items, "Environment", ENVIRONMENT_FIELDS))


@routes.get("/environments/{env_id}", tags=["Environments"])
async def environment(env_id: str, request: Request):
    state = authorized(request)
    found = state.find("environments", env_id)
    if not found:
        raise not_found()
    return reply(render_environment(state, found, True))


@routes.post("/environments", tags=["Environments"])
async def create_environment(request: Request):
    state = authorized(request)
    record = checked_environment(state, await read_body(request, allow_form=True))
    record["id"] = str(uuid.uuid4())
    with state.lock:
        state.data["environments"].append(record)
    # The create answer names the linked system but not the usage or status, and has no hosts (7.18; QE 2021).
    created = render_environment(state, record, True)
    created.update(usageWorkItem=None, environmentStatus=None, hosts=None)
    return reply(created, 201)


@routes.put("/environments/{env_id}", tags=["Environments"])
async def update_environment(env_id: str, request: Request):
    state = authorized(request)
    body = await read_body(request, allow_form=True)
    found = state.find("environments", env_id)
    if not found:
        # QE: a PUT to an id that names nothing is a 400, not a 404.
        raise invalid({"environment.id": ["The environment '%s' does not exist." % env_id]})
    if isinstance(body, dict) and body.get("id") and str(body["id"]).lower() != found["id"]:
        raise mismatched_id()
    record = checked_environment(state, body)
    with state.lock:
        found.update(record)
    return Response(status_code=204)


@routes.delete("/environments/{env_id}", tags=["Environments"])
async def delete_environment(env_id: str, request: Request):
    state = authorized(request)
    found = state.find("environments", env_id)
    if not found:
        raise not_found()
    with state.lock:
        state.data["environments"] = [e for e in state.data["environments"] if e is not found]
        drop_environment_hosts(state, found["id"])
    return Response(status_code=200)
