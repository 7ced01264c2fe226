# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read-only views of one release: summary, permissions, approval summary (1.3 items 1, 2, 4)."""

from fastapi import Request

from .auth import authorized
from .envelope import ApiRoutes, ok, release_id
from .lifecycle import may
from .lifecycle_rules import existing

routes = ApiRoutes()
TAG = "Releases"


@routes.get("/releases/{release_id}/summary", tags=[TAG])
async def summary(request: Request):
    """Counts of related items; the simulator keeps none of them (chosen), so all are 0."""
    state, _user = authorized(request)
    with state.lock:
        record = existing(state, release_id(request))
        return ok({"summary": {"id": record["id"], "reminders": {"all": 0}, "projects": {"all": 0},
                               "approvals": {"all": 0}, "changes": {"all": 0}, "tasks": {"all": 0, "closed": 0},
                               "worklogs": {"all": 0}}})


@routes.get("/releases/{release_id}/get_permissions", tags=[TAG])
async def permissions(request: Request):
    """Per stage (and ``-1``), what the caller may do: an SDAdmin everything, a technician no approval (chosen)."""
    state, user = authorized(request)
    with state.lock:
        existing(state, release_id(request))
        tech = next(t for t in state.data["technicians"] if t["user"] == user["id"])
        admin = may(tech.get("role"), "close")
        stage_ids = [s["id"] for s in state.data["stages"]] + ["-1"]
        return ok({"get_permissions": {i: {"view": True, "edit": True, "approve": admin} for i in stage_ids}})


@routes.get("/releases/{release_id}/approval_levels/approval_summary", tags=[TAG])
async def approval_summary(request: Request):
    """One entry per stage: stages before the current one visited and approved, the current one in progress,
    later ones upcoming (the seed's decisions, 7.11)."""
    state, _user = authorized(request)
    with state.lock:
        record = existing(state, release_id(request))
        current = int(record["stage"]["stage_index"])
        entries = []
        for stage in state.data["stages"]:
            index = int(stage["stage_index"])
            shown = dict(stage, stage_index=index)
            decision = "approve" if index < current else "inProgress" if index == current else "upcoming"
            entries.append({"latestDecision": decision, "stage": shown, "visited": index <= current})
        return ok({"approval_summary": entries}, array=True)
