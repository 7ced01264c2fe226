# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a change is linked to besides releases: the systems it impacts (``/changes/{id}/systems``) and other
changes (``/changes/{id}/linkedChanges``: parents, children, related).

Stored as ``data["changeSystems"]``: change id -> ``[{systemId, systemRoleType, systemRoleDependencyTypeId}]``, and
``data["linkedChanges"]``: ``[{kind: "child" | "related", source, target}]`` (``source`` is the parent of a child
link): one edge per pair, so each change sees it from its side.
"""

from fastapi import Request

from sim_core.web import Routes, reply

from .release_systems import check_link
from .render import invalid, not_found
from .rules import authorized, read_body

routes = Routes()
# the body's lists and the (edge kind, this change's end) they are
LINK_LISTS = (("childChanges", "child", "source"), ("parentChanges", "child", "target"),
              ("relatedChanges", "related", None))


def systems_of(state, change_id):
    return state.data["changeSystems"].get(change_id, [])


def render_system(state, link, record=False):
    """A ``GET /changes/{id}/systems`` item, or with ``record`` the change record's ``systems`` item (7.11)."""
    system = state.find("systems", link["systemId"])
    name = system["name"] if system else None
    if record:
        return {"systemId": link["systemId"], "name": name, "systemRoleType": link["systemRoleType"]}
    return {"systemId": link["systemId"], "system": name, "systemRoleType": link["systemRoleType"],
            "systemRoleDependencyTypeId": link.get("systemRoleDependencyTypeId"),
            "systemRoleDependencyType": state.name_of("SystemRoleDependencyType", link.get("systemRoleDependencyTypeId"))}


def record_systems(state, change):
    return [render_system(state, link, True) for link in systems_of(state, change["id"])]


def found_change(state, change_id):
    change = state.find("changes", change_id)
    if not change:
        raise not_found()
    return change


@routes.get("/changes/{change_id}/systems", tags=["Changes"])
async def change_systems(change_id: str, request: Request):
    state = authorized(request)
    change = found_change(state, change_id)
    return reply([render_system(state, link) for link in systems_of(state, change["id"])])


@routes.post("/changes/{change_id}/systems", tags=["Changes"])
async def add_change_system(change_id: str, request: Request):
    state = authorized(request)
    body = await read_body(request) or {}
    with state.lock:
        change = found_change(state, change_id)
        link = check_link(state, body if isinstance(body, dict) else {})
        link.pop("deploymentStatus", None)  # a release's link has one; a change's has not
        links = state.data["changeSystems"].setdefault(change["id"], [])
        if any(existing["systemId"] == link["systemId"] for existing in links):
            raise invalid({"internalServerValidationError": ["The system is already linked to this change."]})
        links.append(link)
        return reply(render_system(state, link), 201)


def edges_of(state, change_id):
    return [edge for edge in state.data["linkedChanges"] if change_id in (edge["source"], edge["target"])]


def render_linked(state, change_id):
    """``{childChanges, parentChanges, relatedChanges}``, each ``[{id, changeId, name}]``, as this change sees them."""
    shown = {name: [] for name, _kind, _end in LINK_LISTS}
    for edge in edges_of(state, change_id):
        if edge["kind"] == "related":
            other, name = (edge["target"] if edge["source"] == change_id else edge["source"]), "relatedChanges"
        elif edge["source"] == change_id:
            other, name = edge["target"], "childChanges"
        else:
            other, name = edge["source"], "parentChanges"
        found = state.find("changes", other)
        if found:
            shown[name].append({"id": found["id"], "changeId": found["changeId"], "name": found["name"]})
    return shown


def wanted_edges(state, change_id, body):
    """The edges a PUT body asks for (checked: existing changes, not itself, one link per pair)."""
    if not isinstance(body, dict):
        raise invalid({"linkedChanges": ["The body must be an object of childChanges, parentChanges, relatedChanges."]})
    errors, edges, seen = {}, [], set()
    for name, kind, end in LINK_LISTS:
        items = body.get(name) or []
        if not isinstance(items, list):
            errors.setdefault(name, []).append("%s must be an array of {id}." % name)
            continue
        for item in items:
            other = state.find("changes", str(item.get("id") or "") if isinstance(item, dict) else str(item))
            if other is None or other["id"] == change_id or other["id"] in seen:
                errors.setdefault(name, []).append(
                    "'%s' is not another change, or is linked twice." % (item.get("id") if isinstance(item, dict) else item))
                continue
            seen.add(other["id"])
            source, target = (change_id, other["id"]) if end in ("source", None) else (other["id"], change_id)
            edges.append({"kind": kind, "source": source, "target": target})
    if errors:
        raise invalid(errors)
    return edges


@routes.get("/changes/{change_id}/linkedchanges", tags=["Changes"])
async def linked_changes(change_id: str, request: Request):
    state = authorized(request)
    change = found_change(state, change_id)
    return reply(render_linked(state, change["id"]))


@routes.put("/changes/{change_id}/linkedchanges", tags=["Changes"])
async def put_linked_changes(change_id: str, request: Request):
    """Whole-object: the change's links become the body's (a list left out or empty removes that kind)."""
    state = authorized(request)
    body = await read_body(request)
    with state.lock:
        change = found_change(state, change_id)
        edges = wanted_edges(state, change["id"], body)
        kept = [edge for edge in state.data["linkedChanges"] if change["id"] not in (edge["source"], edge["target"])]
        state.data["linkedChanges"] = kept + edges
        return reply(render_linked(state, change["id"]))


def forget_change(state, change_id):
    """A deleted change impacts no system and is linked to no change."""
    state.data["changeSystems"].pop(change_id, None)
    if edges_of(state, change_id):
        state.data["linkedChanges"] = [edge for edge in state.data["linkedChanges"]
                                       if change_id not in (edge["source"], edge["target"])]
