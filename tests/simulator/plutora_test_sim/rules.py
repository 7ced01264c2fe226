# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""How Plutora Test reads a request and wraps its answers: bearer tokens, the ``Data`` envelope, error bodies."""

import json

from sim_core.web import SimError, reply, state_of

DENIED = {"Message": "Authorization has been denied for this request."}


def client_of_header(state, header):
    scheme, _sep, token = (header or "").partition(" ")
    return state.client_of(token.strip()) if scheme.lower() == "bearer" else None


def identify(state, headers):
    """The core's ``identify`` hook: the budget and the request log know a client by its token."""
    return client_of_header(state, headers.get("authorization"))


def authorized(request):
    state = state_of(request)
    if client_of_header(state, request.headers.get("authorization")) is None:
        raise SimError(401, DENIED)
    return state


def failed(status, *messages):
    """A refusal in the envelope every answer has."""
    return SimError(status, {"Data": None, "Messages": list(messages), "Status": "Failed"})


def wrapped(data, *messages):
    return reply({"Data": data, "Messages": list(messages), "Status": "Success"})


async def json_object(request):
    try:
        body = json.loads((await request.body()) or b"null")
    except ValueError:
        raise failed(400, "The request body is not valid JSON.")
    if not isinstance(body, dict):
        raise failed(400, "The request body must be a JSON object.")
    return body


def error_body(kind, state):
    """The core's ``error_body`` hook: Plutora Test's bodies for the answers the middleware makes."""
    if kind == "forbidden":
        return DENIED
    if kind == "throttled":
        return {"Data": None, "Messages": ["API calls quota exceeded! maximum admitted %d per 1h."
                                           % state.config.rate_limit], "Status": "Failed"}
    return {"Data": None, "Messages": ["Injected fault."], "Status": "Failed"}
