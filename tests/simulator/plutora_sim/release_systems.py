# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The systems linked to a release, with each link's role and deployment status."""

from fastapi import Request
from fastapi.responses import Response

from sim_core.web import Routes, reply

from .render import invalid, not_found
from .rules import authorized, check_lookup, read_body

routes = Routes()
DEPLOYMENT_STATUSES = ("Completed", "RollbackPending", "Rejected")


def render_link(state, link):
    system = state.find("systems", link["systemId"])
    return {"systemId": link["systemId"], "system": system["name"] if system else None,
            "systemRoleType": link["systemRoleType"],
            "systemRoleDependencyTypeId": link.get("systemRoleDependencyTypeId"),
            "systemRoleDependencyType": state.name_of("SystemRoleDependencyType", link.get("systemRoleDependencyTypeId")),
            "deploymentStatus": link.get("deploymentStatus"), "isGhost": False, "isDeleted": False}


def check_link(state, body, system_id=None):
    """The stored link a POST (or merged PUT) body describes; 400 for bad fields, 404 for an unknown system."""
    errors = {}
    if not body.get("systemRoleType"):
        errors.setdefault("systemRoleType", []).append("SystemRoleType is required (Impact).")
    elif body["systemRoleType"] not in ("Impact", "Dependency"):
        errors.setdefault("systemRoleType", []).append("SystemRoleType must be Impact or Dependency.")
    if body.get("systemRoleDependencyTypeId"):
        check_lookup(state, "SystemRoleDependencyType", body["systemRoleDependencyTypeId"], "systemRoleDependencyTypeId",
                     None, errors)
    status = body.get("deploymentStatus")
    if status not in (None, "") and status not in DEPLOYMENT_STATUSES:
        errors.setdefault("deploymentStatus", []).append(
            "'%s' is not a deployment status. Valid values: %s." % (status, ", ".join(DEPLOYMENT_STATUSES)))
    if errors:
        raise invalid(errors)
    system = state.find("systems", system_id or body.get("systemId") or "")
    if not system:
        raise not_found()
    return {"systemId": system["id"], "systemRoleType": body["systemRoleType"],
            "systemRoleDependencyTypeId": (body.get("systemRoleDependencyTypeId") or "").lower() or None,
            "deploymentStatus": status or None}


def linked(state, release_id, system_id):
    """(the release's links, the link to ``system_id``); 404 if the release or the link does not exist."""
    found = state.find("releases", release_id)
    links = state.data["releaseSystems"].get(found["id"], []) if found else []
    current = [link for link in links if link["systemId"] == system_id.lower()]
    if not current:
        raise not_found()
    return links, current[0]


@routes.get("/releases/{release_id}/systems", tags=["Releases"])
async def release_systems(release_id: str, request: Request):
    state = authorized(request)
    found = state.find("releases", release_id)
    if not found:
        raise not_found()
    return reply([render_link(state, link) for link in state.data["releaseSystems"].get(found["id"], [])])


@routes.post("/releases/{release_id}/systems", tags=["Releases"])
async def add_release_system(release_id: str, request: Request):
    state = authorized(request)
    body = await read_body(request) or {}
    with state.lock:
        found = state.find("releases", release_id)
        if not found:
            raise not_found()
        link = check_link(state, body)
        links = state.data["releaseSystems"].setdefault(found["id"], [])
        if any(existing["systemId"] == link["systemId"] for existing in links):
            raise invalid({"internalServerValidationError": ["The system is already linked to this release."]})
        links.append(link)
        return reply(render_link(state, link), 201)


@routes.put("/releases/{release_id}/systems/{system_id}", tags=["Releases"])
async def update_release_system(release_id: str, system_id: str, request: Request):
    state = authorized(request)
    body = await read_body(request) or {}
    with state.lock:
        _links, link = linked(state, release_id, system_id)
        link.update(check_link(state, dict(link, **body), system_id))  # fields not sent keep their values
    return Response(status_code=204)


@routes.delete("/releases/{release_id}/systems/{system_id}", tags=["Releases"])
async def remove_release_system(release_id: str, system_id: str, request: Request):
    state = authorized(request)
    with state.lock:
        links, link = linked(state, release_id, system_id)
        links.remove(link)
    return reply({"message": "System removed from release."})
