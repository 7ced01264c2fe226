# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A release's schedule: phases and gates (each a work item name over a date range), the activities of its phases
and the criterias of its gates; and the tenant's work item names (``/workItemNames/Phases|Gates``).

Stored per release: ``data["releasePhases"]``/``["releaseGates"]``: release id -> ``[{id, workItemNameID, startDate,
endDate, isIgnore, isIgnoreChild}]``; ``data["releaseActivities"]``/``["releaseCriterias"]``: release id -> ``[{id,
identifier, title, description, status, activityDependencyType, type, assignedToID, assignedWorkItemID, startDate,
endDate, forecastDate}]``. One mechanism serves the two kinds of each.
"""

import uuid

from fastapi import Request

from sim_core.web import Routes, reply

from .render import invalid, listing, not_found
from .rules import authorized, read_body, truth, utc_text

routes = Routes()
# path -> (seed key, work item names it uses)
WORK_ITEMS = {"phases": ("releasePhases", "phases"), "gates": ("releaseGates", "gates")}
# path -> (seed key, the work items its items are assigned to)
TASKS = {"activities": ("releaseActivities", "phases"), "criterias": ("releaseCriterias", "gates")}
TASK_TEXT = ("identifier", "title", "description")
# field -> its value when none is sent (what every public client sends); other values are kept as sent
TASK_DEFAULTS = {"status": "NotStarted", "activityDependencyType": "None", "type": "Activity"}


def work_item_name(state, kind, item_id):
    for item in state.data["workItemNames"].get(kind, []):
        if item["id"] == item_id:
            return item["name"]
    return None


def found_release(state, release_id):
    release = state.find("releases", release_id)
    if not release:
        raise not_found()
    return release


def dates(body, fields, errors, prefix):
    """The date fields as UTC text (None when not sent); a bad one, or an end before the start, is named."""
    shown = {}
    for field in fields:
        value = body.get(field)
        shown[field] = utc_text(value) if value not in (None, "") else None
        if value not in (None, "") and shown[field] is None:
            errors.setdefault("%s.%s" % (prefix, field), []).append("The value '%s' is not a valid date." % value)
    if shown.get("startDate") and shown.get("endDate") and shown["endDate"] < shown["startDate"]:
        errors.setdefault("%s.endDate" % prefix, []).append("The end date must not be before the start date.")
    return shown


def render_work_item(state, kind, item):
    return dict(item, workItemName=work_item_name(state, kind, item["workItemNameID"]))


def new_work_item(state, release, path, body):
    """A phase or gate from a POST body: a work item name of its kind, once per release, valid dates."""
    key, kind = WORK_ITEMS[path]
    errors = {}
    body = body if isinstance(body, dict) else {}
    name_id = str(body.get("workItemNameID") or "").lower()
    if work_item_name(state, kind, name_id) is None:
        errors.setdefault("workItemNameID", []).append(
            "'%s' is not a work item name of the %s (GET /workItemNames/%s)." % (name_id, kind, kind.title()))
    item = {"id": str(uuid.uuid4()), "workItemNameID": name_id}
    item.update(dates(body, ("startDate", "endDate"), errors, kind[:-1]))
    for flag in ("isIgnore", "isIgnoreChild"):
        item[flag] = truth(body.get(flag, False))
        if item[flag] is None:
            errors.setdefault(flag, []).append("%s must be true or false." % flag)
    if errors:
        raise invalid(errors)
    items = state.data[key].setdefault(release["id"], [])
    if any(existing["workItemNameID"] == name_id for existing in items):
        raise invalid({"internalServerValidationError": ["The release already has the %s '%s'."
                                                         % (kind[:-1], work_item_name(state, kind, name_id))]})
    items.append(item)
    return item


def assigned_to(state, release, kind, work_item_id):
    """The release's phase (or gate) ``work_item_id`` names, by its own id or by its work item name's id."""
    for item in state.data[WORK_ITEMS[kind][0]].get(release["id"], []):
        if work_item_id in (item["id"], item["workItemNameID"]):
            return item
    return None


def new_task(state, release, path, body):
    """An activity (of a phase) or a criteria (of a gate) from a POST body, camelCase or the 2017 PascalCase."""
    key, kind = TASKS[path]
    errors = {}
    body = body if isinstance(body, dict) else {}
    if not body.get("title"):
        errors.setdefault("title", []).append("Title cannot be blank")
    work_item = str(body.get("assignedWorkItemID") or "").lower()
    if assigned_to(state, release, kind, work_item) is None:
        errors.setdefault("assignedWorkItemID", []).append(
            "'%s' is not one of this release's %s (its id or its work item name's id)." % (work_item, kind))
    user = str(body.get("assignedToID") or "").lower() or None
    if user and not state.find("users", user):
        errors.setdefault("assignedToID", []).append("The user '%s' does not exist." % user)
    item = {"id": str(uuid.uuid4())}
    item.update((field, body.get(field)) for field in TASK_TEXT)
    item.update((field, body.get(field) or default) for field, default in TASK_DEFAULTS.items())
    item.update(assignedToID=user, assignedWorkItemID=work_item)
    item.update(dates(body, ("startDate", "endDate", "forecastDate"), errors, path[:-1]))
    if errors:
        raise invalid(errors)
    state.data[key].setdefault(release["id"], []).append(item)
    return item


def render_task(state, item):
    return dict(item, assignedTo=state.user_name(item["assignedToID"]))


def list_route(path, render):
    key = (WORK_ITEMS.get(path) or TASKS[path])[0]

    async def read(release_id: str, request: Request):
        state = authorized(request)
        release = found_release(state, release_id)
        return listing(request, [render(state, item) for item in state.data[key].get(release["id"], [])])
    read.__name__ = "release_" + path
    return read


def create_route(path, make, render):
    async def create(release_id: str, request: Request):
        state = authorized(request)
        body = await read_body(request)
        with state.lock:
            release = found_release(state, release_id)
            return reply(render(state, make(state, release, path, body)), 201)
    create.__name__ = "add_release_" + path
    return create


for _path, (_key, _kind) in WORK_ITEMS.items():
    routes.get("/releases/{release_id}/" + _path, tags=["Releases"])(
        list_route(_path, lambda state, item, kind=_kind: render_work_item(state, kind, item)))
    routes.post("/releases/{release_id}/" + _path, tags=["Releases"])(
        create_route(_path, new_work_item, lambda state, item, kind=_kind: render_work_item(state, kind, item)))
for _path in TASKS:
    routes.get("/releases/{release_id}/" + _path, tags=["Releases"])(list_route(_path, render_task))
    routes.post("/releases/{release_id}/" + _path, tags=["Releases"])(create_route(_path, new_task, render_task))


def names_route(kind):
    async def names(request: Request):
        return reply(authorized(request).data["workItemNames"].get(kind, []))
    names.__name__ = "work_item_names_" + kind
    return names


for _kind in ("phases", "gates"):
    routes.get("/workitemnames/" + _kind, tags=["WorkItemNames"])(names_route(_kind))


def forget_release(state, release_id):
    """A deleted release has no schedule and no stakeholders."""
    for key in [k for k, _kind in WORK_ITEMS.values()] + [k for k, _kind in TASKS.values()] + ["releaseStakeholders"]:
        state.data[key].pop(release_id, None)
