# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Lifecycle operations: close, assign, pickup, move to trash, restore from trash, delete from trash (1.3 items
6-11), each also under its newer underscore spelling (9.7); bulk ones take comma-separated ``ids`` (9.5).

A bulk call is checked for every id before anything changes (chosen): one bad id refuses the whole call.
"""

import copy

from fastapi import Request

from . import dates, history, records
from .auth import authorized
from .envelope import ApiRoutes, failed, ids_of, input_data, invalid_value, ok, ok_per_id, release_id
from .lifecycle_rules import CLOSURE_STAGE, is_closed, live, trashed

routes = ApiRoutes()
TAG = "Release lifecycle"


def both(method, path):
    """Declare a route under its seed spelling and the underscore one (``/close`` and ``/_close``)."""
    head, _sep, verb = path.rpartition("/")

    def declare(endpoint):
        routes.route(method, path, tags=[TAG])(endpoint)
        routes.route(method, "%s/_%s" % (head, verb), tags=[TAG])(endpoint)
        return endpoint
    return declare


def may(user_role, action):
    """Whether a technician of this role may ``action`` (a standard technician may not close or delete: 1.3 item
    10 reports 403 for close)."""
    return user_role == "SDAdmin" or action not in ("close", "delete")


def permitted(state, user, action):
    tech = next(t for t in state.data["technicians"] if t["user"] == user["id"])
    if not may(tech.get("role"), action):
        raise failed(4002, "User does not have this permission")


def only_keys(data, allowed):
    extra = sorted(set(data) - set(allowed))
    if extra:
        raise failed(4000, "Extra key found in JSON: %s" % extra[0], field=extra[0], http=400)


@both("PUT", "/releases/{release_id}/close")
async def close(request: Request):
    state, user = authorized(request)
    data = await input_data(request)
    only_keys(data, ("status", "comment", "closure_code"))
    with state.lock:
        permitted(state, user, "close")
        record = live(state, release_id(request))
        if is_closed(record):
            raise failed(4001, "Release %s is already closed" % record["id"], field="status")
        wanted = data.get("status")
        if not isinstance(wanted, str) or not wanted.strip():
            raise failed(4012, "Value not provided for status", field="status", fields=["status"])
        closing = [s for s in state.data["statuses"] if s["stage"]["id"] == CLOSURE_STAGE]
        status = next((s for s in closing if wanted.strip().lower() in (s["internal_name"].lower(),
                                                                        s["name"].lower())), None)
        if status is None:
            raise invalid_value("status")
        if data.get("comment") is not None and not isinstance(data["comment"], str):
            raise failed(4021, "comment must be text", field="comment")
        body = {"stage": {"id": CLOSURE_STAGE}, "status": {"id": status["id"]}}
        changes, roles, _comment = records.check(state, record, body, creating=False, trusted=True)
        if data.get("closure_code") is not None:
            changes["closure_code"] = state.catalog.shown("closure_code", state.catalog.resolve(
                "closure_code", data["closure_code"]))
        changes["completed_time"] = dates.date_time(dates.now_ms())
        diff, role_diff = records.write(state, record, changes, roles, user)
        history.updated(state, record, user, diff, role_diff, data.get("comment"), operation="close")
        return ok({"release": copy.deepcopy(record)})


def engineer_change(state, ids, engineer, user):
    records_ = [live(state, i) for i in ids]
    for record in records_:
        diff, role_diff = records.write(state, record, {}, {"2": engineer}, user)
        history.updated(state, record, user, diff, role_diff)
    shown = [copy.deepcopy(r) for r in records_]
    return ok_per_id(ids, {"releases": shown[0] if len(shown) == 1 else shown})


@both("PUT", "/releases/assign")
async def assign(request: Request):
    state, user = authorized(request)
    ids = ids_of(request)
    data = await input_data(request)
    only_keys(data, ("release",))
    body = data.get("release")
    if not isinstance(body, dict) or set(body) != {"release_engineer"}:
        raise failed(4012, "Value not provided for release_engineer", field="release_engineer",
                     fields=["release_engineer"])
    with state.lock:
        engineer = None if body["release_engineer"] is None else state.catalog.shown("user", state.catalog.resolve(
            "user", body["release_engineer"], label="release_engineer"))
        return engineer_change(state, ids, engineer, user)


@both("PUT", "/releases/pickup")
async def pickup(request: Request):
    state, user = authorized(request)
    ids = ids_of(request)
    only_keys(await input_data(request), ())
    with state.lock:
        return engineer_change(state, ids, user, user)


@both("DELETE", "/releases/move_to_trash")
async def move_to_trash(request: Request):
    state, user = authorized(request)
    ids = ids_of(request)
    with state.lock:
        permitted(state, user, "delete")
        found = [live(state, i) for i in ids]
        for record in found:
            previous, record["deleted_time"] = record["deleted_time"], dates.date_time(dates.now_ms())
            history.record(state, record, user, "move_to_trash", [
                {"field": {"name": "deleted_time", "display_name": "Deleted Time"}, "previous_value": previous,
                 "current_value": record["deleted_time"]}])
        return ok()


routes.route("DELETE", "/releases/{release_id}/move_to_trash", tags=[TAG])(move_to_trash)  # 1.3 item 11 [MCP-CL]
routes.route("DELETE", "/releases/{release_id}/_move_to_trash", tags=[TAG])(move_to_trash)


@both("PUT", "/releases/restore_from_trash")
async def restore_from_trash(request: Request):
    state, user = authorized(request)
    ids = ids_of(request)
    only_keys(await input_data(request), ())
    with state.lock:
        found = [trashed(state, i) for i in ids]
        for record in found:
            previous, record["deleted_time"] = record["deleted_time"], None
            history.record(state, record, user, "restore_from_trash", [
                {"field": {"name": "deleted_time", "display_name": "Deleted Time"}, "previous_value": previous,
                 "current_value": None}])
        if len(found) == 1:
            return ok({"release": copy.deepcopy(found[0])})
        return ok_per_id(ids, {"releases": [copy.deepcopy(r) for r in found]})


@routes.delete("/releases/{release_id}", tags=[TAG])
async def delete_from_trash(request: Request):
    state, user = authorized(request)
    with state.lock:
        permitted(state, user, "delete")
        record = trashed(state, release_id(request))
        state.remove(record)
        state.data["history"] = [h for h in state.data["history"] if h["release"]["id"] != record["id"]]
        state.data["status_comments"] = [c for c in state.data["status_comments"]
                                         if c["release"]["id"] != record["id"]]
        return ok()
