# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A release's stakeholders (users or user groups with roles and RACI flags), ``/releases/{id}/stakeholders``.

Stored as ``data["releaseStakeholders"]``: release id -> ``[{id, userId, groupId, stakeholderRoleIds, responsible,
accountable, informed, consulted}]``. The release's owner (its manager, else the API user who created it) is one
from the start, and may not be made non-accountable while it manages the release.
"""

import uuid

from fastapi import Request
from fastapi.responses import Response

from sim_core.web import Routes, SimError, reply

from .render import invalid, listing, not_found
from .rules import authorized, read_body, truth

routes = Routes()
RACI = ("responsible", "accountable", "informed", "consulted")


def refused(message):
    """The vendor's business-rule refusal (plutora-api.md 6.1, 7.22)."""
    return invalid({"internalServerValidationError": [message]})


def stakeholders_of(state, release_id):
    return state.data["releaseStakeholders"].get(release_id, [])


def group_name(state, group_id):
    for group in state.data["userGroups"]:
        if group["id"] == group_id:
            return group["groupName"]
    return None


def render_stakeholder(state, item):
    roles = [state.name_of("StakeholderRole", role) for role in item["stakeholderRoleIds"]]
    shown = {"id": item["id"], "userId": item["userId"], "user": state.user_name(item["userId"]) or "",
             "groupId": item["groupId"], "group": group_name(state, item["groupId"]) or "",
             "stakeholderRoleIds": list(item["stakeholderRoleIds"]),
             "stakeholderRoles": ", ".join(r for r in roles if r)}
    shown.update((flag, item[flag]) for flag in RACI)
    return shown


def add_owner(state, release, creator=True):
    """The release's owner becomes an accountable stakeholder (on create: the manager, else the API user)."""
    owner = release.get("managerId")
    if not owner and creator:
        login = state.data["credentials"]["username"].lower()
        owner = next((u["id"] for u in state.data["users"] if str(u.get("userName")).lower() == login), None)
    items = state.data["releaseStakeholders"].setdefault(release["id"], [])
    if owner and not any(item["userId"] == owner for item in items):
        items.append({"id": str(uuid.uuid4()), "userId": owner, "groupId": None, "stakeholderRoleIds": [],
                      "responsible": False, "accountable": True, "informed": False, "consulted": False})


def checked(state, body, current=None):
    """A stakeholder from a POST body (or a PUT body over ``current``); 400 in the vendor's modelState shape."""
    if not isinstance(body, dict):
        raise refused("The body must be a stakeholder object.")
    item = dict(current) if current else {"id": str(uuid.uuid4()), "userId": None, "groupId": None,
                                          "stakeholderRoleIds": [], **{flag: False for flag in RACI}}
    if current is None:
        user, group = (str(body.get(k) or "").lower() or None for k in ("userId", "groupId"))
        if bool(user) == bool(group):
            raise refused("A stakeholder is a userId or a groupId (one of them).")
        if user and not state.find("users", user):
            raise refused("The user '%s' does not exist." % user)
        if group and group_name(state, group) is None:
            raise refused("The user group '%s' does not exist." % group)
        item.update(userId=user, groupId=group)
    roles = body.get("stakeholderRoleIds", item["stakeholderRoleIds"])
    if not isinstance(roles, list):
        raise refused("stakeholderRoleIds must be an array of StakeholderRole ids.")
    roles = [str(role).lower() for role in roles]
    for role in roles:
        if state.name_of("StakeholderRole", role) is None:
            raise refused("The stakeholder role '%s' does not exist." % role)
    item["stakeholderRoleIds"] = roles
    for flag in RACI:
        if flag in body:
            value = truth(body[flag])
            if value is None:
                raise refused("%s must be true or false." % flag)
            item[flag] = value
    return item


def found_release(state, release_id):
    release = state.find("releases", release_id)
    if not release:
        raise not_found()
    return release


def stakeholder_named(state, release, key):
    """The stakeholder whose id, userId or groupId is ``key`` (QE passes the id, NodeJS the user's id)."""
    key = key.lower()
    for item in stakeholders_of(state, release["id"]):
        if key in (item["id"], item["userId"], item["groupId"]):
            return item
    return None


@routes.get("/releases/{release_id}/stakeholders", tags=["Releases"])
async def release_stakeholders(release_id: str, request: Request):
    state = authorized(request)
    release = found_release(state, release_id)
    return listing(request, [render_stakeholder(state, i) for i in stakeholders_of(state, release["id"])])


@routes.get("/releases/{release_id}/stakeholders/{key}", tags=["Releases"])
async def release_stakeholder(release_id: str, key: str, request: Request):
    state = authorized(request)
    item = stakeholder_named(state, found_release(state, release_id), key)
    if item is None:
        raise not_found()
    return reply(render_stakeholder(state, item))


@routes.post("/releases/{release_id}/stakeholders", tags=["Releases"])
async def add_release_stakeholder(release_id: str, request: Request):
    state = authorized(request)
    body = await read_body(request)
    with state.lock:
        release = found_release(state, release_id)
        item = checked(state, body)
        if stakeholder_named(state, release, item["userId"] or item["groupId"]):
            raise refused("The %s is already a stakeholder of this release." % ("user" if item["userId"] else "group"))
        state.data["releaseStakeholders"].setdefault(release["id"], []).append(item)
        return reply(render_stakeholder(state, item), 201)


@routes.put("/releases/{release_id}/stakeholders/{key}", tags=["Releases"])
async def update_release_stakeholder(release_id: str, key: str, request: Request):
    state = authorized(request)
    body = await read_body(request)
    with state.lock:
        release = found_release(state, release_id)
        current = stakeholder_named(state, release, key)
        if current is None:
            raise SimError(400, {"message": "The stakeholder '%s' does not exist on this release." % key})
        item = checked(state, body or {}, current)
        if item["userId"] and item["userId"] == release.get("managerId") and not item["accountable"]:
            raise refused("The release owner must stay accountable.")
        current.update(item)
    return Response(status_code=204)
