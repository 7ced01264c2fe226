# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""SDP's own test-control calls beside the core's /_sim/ ones: the Zoho tokens."""

import time

from fastapi import Request

from sim_core.control import TAG
from sim_core.web import Routes, reply, state_of

routes = Routes()


@routes.get("/_sim/tokens", tags=[TAG])
async def sim_tokens(request: Request):
    """How many access tokens were granted since the reset, and how many are live now (a test of "one token per
    playbook run" reads this)."""
    state = state_of(request)
    now = time.time()
    with state.lock:
        live = sum(1 for entry in state.tokens.values() if entry[2] >= now)
        return reply({"granted": state.grant_count, "active": live})


@routes.delete("/_sim/tokens", tags=[TAG])
async def sim_revoke(request: Request):
    """Invalidate every access token (the next API call with one answers 401 4022)."""
    state = state_of(request)
    with state.lock:
        state.tokens.clear()
        state.active.clear()
    return reply({"revoked": True})
