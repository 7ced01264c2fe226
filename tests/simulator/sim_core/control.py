# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The test-control API under /_sim/: request log, reset, faults, settings, seed data.

The middleware lets /_sim/ through untouched: never authenticated, whitelisted, throttled, faulted or logged. A
vendor may add its own /_sim/ routes (with the tag ``TAG``).
"""

import json

from fastapi import Request

from .web import Routes, SimError, reply, state_of

TAG = "Simulator control"
routes = Routes()


def json_body(raw):
    return json.loads(raw or b"{}")


@routes.get("/_sim/requests", tags=[TAG])
async def sim_requests(request: Request):
    return reply({"requests": list(state_of(request).log)})


@routes.delete("/_sim/requests", tags=[TAG])
async def sim_clear_requests(request: Request):
    state = state_of(request)
    with state.lock:
        state.log = []
    return reply({"requests": []})


@routes.post("/_sim/reset", tags=[TAG])
async def sim_reset(request: Request):
    state_of(request).reset()
    return reply({"reset": True})


@routes.get("/_sim/faults", tags=[TAG])
async def sim_faults(request: Request):
    return reply({"faults": state_of(request).faults})


@routes.post("/_sim/faults", tags=[TAG])
async def sim_add_fault(request: Request):
    body = json_body(await request.body())
    kinds = [k for k in ("status", "delay", "drop") if body.get(k) not in (None, False)]
    if len(kinds) != 1 or not body.get("path"):
        raise SimError(400, {"message": "A fault needs path and exactly one of status, delay or drop."})
    fault = {"method": str(body.get("method") or "*").upper(), "path": body["path"],
             "count": int(body.get("count", 1)), "status": body.get("status"),
             "retry_after": body.get("retry_after"), "delay": body.get("delay"), "drop": bool(body.get("drop")),
             "after": bool(body.get("after"))}
    if fault["after"] and fault["delay"]:
        raise SimError(400, {"message": "after goes with status or drop: the request is served, then its answer lost."})
    state = state_of(request)
    with state.lock:
        state.faults.append(fault)
    return reply(fault, 201)


@routes.delete("/_sim/faults", tags=[TAG])
async def sim_clear_faults(request: Request):
    state = state_of(request)
    with state.lock:
        state.faults = []
    return reply({"faults": []})


@routes.get("/_sim/config", tags=[TAG])
async def sim_config(request: Request):
    return reply(state_of(request).config.as_dict())


@routes.put("/_sim/config", tags=[TAG])
async def sim_set_config(request: Request):
    state = state_of(request)
    try:
        values = json_body(await request.body())
        with state.lock:
            state.config.update(values)
    except ValueError as exc:
        raise SimError(400, {"message": str(exc)}) from exc
    return reply(state.config.as_dict())


@routes.post("/_sim/load", tags=[TAG])
async def sim_load(request: Request):
    state = state_of(request)
    try:
        state.load(json_body(await request.body()))
    except ValueError as exc:
        raise SimError(400, {"message": str(exc)}) from exc
    return reply({k: len(v) for k, v in state.data.items() if isinstance(v, (list, dict))})


@routes.get("/_sim/data", tags=[TAG])
async def sim_data(request: Request):
    return reply(state_of(request).data)
