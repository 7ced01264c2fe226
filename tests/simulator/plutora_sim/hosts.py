# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Hosts of environments and the layers (stack components) on them: create, read, update, delete.

Stored flat (seed keys ``hosts`` and ``layers``) so that ``POST /_sim/load`` can add thousands; ``GET
/environments/{id}`` nests them as ``hosts[].layers[]`` (plutora-api.md 7.18). The vendor shows no list of all hosts
or layers, so there is none here.
"""

import uuid

from fastapi import Request
from fastapi.responses import Response

from sim_core.web import Routes, reply

from .render import invalid, mismatched_id, not_found
from .rules import authorized, check_lookup, read_body

routes = Routes()


def _grouped(state, collection, key):
    """Records of ``collection`` by the (lower-case) id in ``key``, in stored order; kept until a write."""
    def build():
        groups = {}
        for record in state.data[collection]:
            groups.setdefault(str(record.get(key) or "").lower(), []).append(record)
        return groups
    return state.cached(("by", collection, key), build, collection)


def render_layer(state, layer):
    return {"id": layer["id"], "componentName": layer.get("componentName"), "version": layer.get("version"),
            "hostID": layer.get("hostId"), "environmentID": layer.get("environmentId"),
            "stackLayerID": layer.get("stackLayerId"),
            "stackLayer": state.name_of("StackLayer", layer.get("stackLayerId")), "stackLayerType": "StackLayer"}


def render_host(state, host):
    layers = _grouped(state, "layers", "hostId").get(host["id"], [])
    return {"id": host["id"], "name": host.get("name"), "environmentID": host.get("environmentId"),
            "layers": [render_layer(state, layer) for layer in layers]}


def render_hosts(state, environment_id):
    """An environment's hosts with their layers, as ``GET /environments/{id}`` carries them."""
    return [render_host(state, h) for h in _grouped(state, "hosts", "environmentId").get(environment_id, [])]


def drop_environment_hosts(state, environment_id):
    """Deleting an environment deletes its hosts and their layers (chosen: nothing can reach them after)."""
    with state.lock:
        state.data["hosts"] = [h for h in state.data["hosts"] if h.get("environmentId") != environment_id]
        state.data["layers"] = [x for x in state.data["layers"] if x.get("environmentId") != environment_id]


def _body(body, what):
    if not isinstance(body, dict):
        raise invalid({what: ["The body must be a %s object." % what]})
    return body


def _required(body, what, fields, errors):
    for field in fields:
        if body.get(field) in (None, ""):
            errors.setdefault("%s.%s" % (what, field), []).append("%s is required." % (field[:1].upper() + field[1:]))


def checked_host(state, body):
    body = _body(body, "host")
    errors = {}
    _required(body, "host", ("name", "environmentID"), errors)
    if body.get("environmentID") and not state.find("environments", body["environmentID"]):
        errors.setdefault("host.environmentID", []).append("The environment does not exist.")
    if errors:
        raise invalid(errors)
    return {"name": body["name"], "environmentId": str(body["environmentID"]).lower()}


def checked_layer(state, body):
    body = _body(body, "layer")
    errors = {}
    _required(body, "layer", ("componentName", "hostID", "environmentID", "stackLayerID"), errors)
    host = state.find("hosts", body["hostID"]) if body.get("hostID") else None
    if body.get("hostID") and not host:
        errors.setdefault("layer.hostID", []).append("The host does not exist.")
    if host and body.get("environmentID") and str(body["environmentID"]).lower() != host["environmentId"]:
        errors.setdefault("layer.environmentID", []).append("The host belongs to another environment.")
    check_lookup(state, "StackLayer", body.get("stackLayerID"), "layer.stackLayerID", None, errors)
    if errors:
        raise invalid(errors)
    return {"componentName": body["componentName"], "version": body.get("version"), "hostId": host["id"],
            "environmentId": host["environmentId"], "stackLayerId": str(body["stackLayerID"]).lower()}


def _existing(state, collection, record_id, body):
    found = state.find(collection, record_id)
    if not found:
        raise not_found()
    if isinstance(body, dict) and body.get("id") and str(body["id"]).lower() != found["id"]:
        raise mismatched_id()
    return found


# ------------------------------------------------------------------------------------------------------ hosts
@routes.post("/hosts", tags=["Hosts"])
async def create_host(request: Request):
    state = authorized(request)
    record = checked_host(state, await read_body(request, allow_form=True))
    record["id"] = str(uuid.uuid4())
    with state.lock:
        state.data["hosts"].append(record)
    return reply(render_host(state, record), 201)


@routes.get("/hosts/{host_id}", tags=["Hosts"])
async def host(host_id: str, request: Request):
    state = authorized(request)
    return reply(render_host(state, _existing(state, "hosts", host_id, None)))


@routes.put("/hosts/{host_id}", tags=["Hosts"])
async def update_host(host_id: str, request: Request):
    state = authorized(request)
    body = await read_body(request, allow_form=True)
    found = _existing(state, "hosts", host_id, body)
    record = checked_host(state, body)
    with state.lock:
        found.update(record)
        for layer in _grouped(state, "layers", "hostId").get(found["id"], []):
            layer["environmentId"] = found["environmentId"]
    return Response(status_code=204)


@routes.delete("/hosts/{host_id}", tags=["Hosts"])
async def delete_host(host_id: str, request: Request):
    state = authorized(request)
    found = _existing(state, "hosts", host_id, None)
    with state.lock:
        state.data["hosts"] = [h for h in state.data["hosts"] if h is not found]
        state.data["layers"] = [x for x in state.data["layers"] if x.get("hostId") != found["id"]]
    return Response(status_code=200)


# ----------------------------------------------------------------------------------------------------- layers
@routes.post("/layers", tags=["Layers"])
async def create_layer(request: Request):
    state = authorized(request)
    record = checked_layer(state, await read_body(request, allow_form=True))
    record["id"] = str(uuid.uuid4())
    with state.lock:
        state.data["layers"].append(record)
    return reply(render_layer(state, record), 201)


@routes.get("/layers/{layer_id}", tags=["Layers"])
async def layer(layer_id: str, request: Request):
    state = authorized(request)
    return reply(render_layer(state, _existing(state, "layers", layer_id, None)))


async def _update_layer(layer_id, request):
    state = authorized(request)
    body = await read_body(request, allow_form=True)
    found = _existing(state, "layers", layer_id, body)
    record = checked_layer(state, body)
    with state.lock:
        found.update(record)
    # "update returns no body" (plutora-api.md 2.4)
    return Response(status_code=204)


@routes.put("/layers/{layer_id}", tags=["Layers"])
async def update_layer(layer_id: str, request: Request):
    return await _update_layer(layer_id, request)


@routes.post("/layers/{layer_id}", tags=["Layers"])
async def update_layer_by_post(layer_id: str, request: Request):
    """The Primer documents the update as a POST to the layer; scripts use PUT: both are served."""
    return await _update_layer(layer_id, request)


@routes.delete("/layers/{layer_id}", tags=["Layers"])
async def delete_layer(layer_id: str, request: Request):
    state = authorized(request)
    found = _existing(state, "layers", layer_id, None)
    with state.lock:
        state.data["layers"] = [x for x in state.data["layers"] if x is not found]
    return Response(status_code=200)
