# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Environments: list and read."""

from fastapi import Request

from sim_core.web import Routes, reply

from .render import filtered, listing, not_found
from .rules import authorized

routes = Routes()
ENVIRONMENT_FIELDS = ("id", "name", "url", "linkedSystem", "usageWorkItem", "status", "color", "lastModifiedDate",
                      "lastModifiedBy")


def render_environment(state, env, full):
    """A list item (plutora-api.md 7.19), or with ``full`` the whole record (7.18)."""
    system = state.find("systems", env.get("linkedSystemId"))
    base = {"id": env["id"], "name": env["name"], "url": env.get("url"),
            "linkedSystem": system["name"] if system else None,
            "usageWorkItem": state.name_of("UsedForWorkItem", env.get("usageWorkItemId")),
            "status": state.name_of("EnvironmentStatus", env.get("environmentStatusId")), "color": env.get("color"),
            "lastModifiedDate": "2026-11-01T09:00:00", "lastModifiedBy": "release.manager@example.com"}
    if not full:
        return base
    record = dict(env)
    record.update(linkedSystem=base["linkedSystem"], usageWorkItem=base["usageWorkItem"],
                  environmentStatus=base["status"], hosts=[])
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
