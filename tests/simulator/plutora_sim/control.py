# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Plutora's own test-control calls, beside the core's /_sim/ ones: tokens, lock-outs, uploaded log files."""

import base64

from fastapi import Request
from fastapi.responses import Response

from sim_core.control import TAG
from sim_core.web import Routes, SimError, reply, state_of

routes = Routes()


@routes.delete("/_sim/tokens", tags=[TAG])
async def sim_revoke(request: Request):
    state = state_of(request)
    with state.lock:
        state.tokens.clear()
    return reply({"revoked": True})


@routes.post("/_sim/unlock", tags=[TAG])
async def sim_unlock(request: Request):
    state = state_of(request)
    with state.lock:
        state.locked.clear()
        state.failures.clear()
    return reply({"unlocked": True})


@routes.get("/_sim/healthchecks/{record_id}/logfile", tags=[TAG])
async def sim_log_file(record_id: str, request: Request):
    found = state_of(request).find("healthChecks", record_id)
    if not found or found.get("logFileBase64") is None:
        raise SimError(404, {"message": "No health-check record with a log file has that id."})
    return Response(base64.b64decode(found["logFileBase64"]), media_type="application/octet-stream")
