# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""History and status comments: what every write records, and the two GET routes that read them (1.3 items 3, 5).

Every write is recorded with its diff, newest first when read.
"""

from fastapi import Request

from . import dates
from .auth import authorized
from .envelope import ApiRoutes, ok, release_id
from .lifecycle_rules import existing

routes = ApiRoutes()
TAG = "Releases"
OPERATIONS = {"add": "Release Created", "update": "Release Updated", "close": "Release Closed",
              "release_to_release_role_add": "User assigned for role", "move_to_trash": "Release Deleted",
              "restore_from_trash": "Release Restored", "pickup": "Release Picked Up"}
CREATED = "The above Stage/Status is set as part of 'Release' creation"
UPDATED = "The above Stage/Status is set as part of 'Release' update"


def record(state, release, actor, operation, diff=(), at=None):
    state.data["history"].append({
        "id": state.next_id("history"), "release": {"id": release["id"], "title": release["title"]}, "by": actor,
        "description": "", "diff": list(diff), "time": dates.with_parts(at or dates.now_ms()),
        "operation": {"name": operation, "display_name": OPERATIONS[operation]}})


def status_comment(state, release, actor, comment, at=None):
    stage = dict(release["stage"], stage_index=int(release["stage"]["stage_index"]))
    state.data["status_comments"].append({
        "id": state.next_id("comment"), "commented_by": actor, "stage": stage, "status": release["status"],
        "release": {"id": release["id"], "title": release["title"], "short_description": release["short_description"]},
        "commented_on": dates.date_time(at or dates.now_ms()), "comment": comment})


def created(state, release, actor, comment, at=None):
    """An Add: "Release Created", its status comment, and one "User assigned for role" per role."""
    record(state, release, actor, "add", at=at)
    status_comment(state, release, actor, comment or CREATED, at=at)
    for entry in release["roles"]:
        record(state, release, actor, "release_to_release_role_add", [
            {"field": {"name": "user", "display_name": "User"}, "previous_value": None, "current_value": entry["user"]},
            {"field": {"name": "id"}, "previous_value": None, "current_value": entry["id"]},
            {"field": {"name": "role", "display_name": "Role"}, "previous_value": None, "current_value": entry["role"]}],
            at=at)


def updated(state, release, actor, diff, role_diff, comment=None, operation="update"):
    """An Edit (or close): one entry with the field diff, one per role changed, a status comment on a move."""
    if diff:
        record(state, release, actor, operation, diff)
    for entry in role_diff:
        record(state, release, actor, "release_to_release_role_add", entry)
    if any(d["field"]["name"] in ("stage", "status") for d in diff):
        status_comment(state, release, actor, comment or UPDATED)


def page(entries, key):
    entries = sorted(entries, key=lambda e: int(e["id"]), reverse=True)
    return ok({key: entries, "list_info": {"has_more_rows": False, "start_index": 1, "row_count": len(entries)}},
              array=True)


@routes.get("/releases/{release_id}/history", tags=[TAG])
async def get_history(request: Request):
    state, _user = authorized(request)
    with state.lock:
        release = existing(state, release_id(request))
        return page([h for h in state.data["history"] if h["release"]["id"] == release["id"]], "history")


@routes.get("/releases/{release_id}/status_comments", tags=[TAG])
async def get_status_comments(request: Request):
    state, _user = authorized(request)
    with state.lock:
        release = existing(state, release_id(request))
        return page([c for c in state.data["status_comments"] if c["release"]["id"] == release["id"]],
                    "status_comments")
