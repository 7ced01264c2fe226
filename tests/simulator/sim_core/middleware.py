# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The pure-ASGI layer around every vendor app: paths, whitelist, faults, budget and the request log."""

import asyncio
import json
from urllib.parse import parse_qsl, urlencode

from .web import CLIENT_KEY

# Query parameters whose values the request log never keeps: a client may send a grant in the query string (Zoho's
# accounts server allows it), and /_sim/requests is readable by anyone on the loopback.
SECRET_PARAMS = frozenset(("client_secret", "refresh_token", "password", "access_token", "code", "technician_key",
                           "authtoken"))


def logged_query(raw):
    """The query string as the request log keeps it: secret parameters' values replaced by ``***``."""
    query = raw.decode("latin-1")
    pairs = parse_qsl(query, keep_blank_values=True)
    if not any(key.lower() in SECRET_PARAMS for key, _value in pairs):
        return query
    return urlencode([(key, "***" if key.lower() in SECRET_PARAMS else value) for key, value in pairs])


class Guard:
    """Every path is matched in lower case. An API call (anything but /_sim/ and the API docs) is logged, then
    checked in this order: whitelist (403) -> injected fault -> budget (429; per client and hour unless the state's
    ``budget_key``/``BUDGET_WINDOW`` count otherwise) -> the vendor's route.

    An address outside the whitelist learns nothing else; faults model the network and load balancer in front of
    the API, so they come before the budget and the vendor's own checks.
    """

    def __init__(self, app, spec, state):
        self.app = app
        self.spec = spec
        self.state = state
        self.open_prefixes = tuple(p.lower() for p in ("/_sim/", spec.docs_url, spec.openapi_url) if p)
        self.unmetered = frozenset(p.lower() for p in spec.unmetered_paths)
        self.error_type = spec.error_type.encode("latin-1")

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        original = scope["path"]
        scope["path"] = original.lower()
        if scope["path"].startswith(self.open_prefixes):
            return await self.app(scope, receive, send)
        state = self.state
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        entry = {"method": scope["method"], "path": original, "query": logged_query(scope.get("query_string", b"")),
                 "status": None, "client_id": self.spec.identify(state, headers)}
        state.record(entry)
        if not state.config.allowed((scope.get("client") or ("127.0.0.1", 0))[0]):
            return await self.answer(send, entry, 403, "forbidden")
        fault = state.take_fault(scope["method"], scope["path"])
        if fault and fault.get("after"):
            return await self.after_acting(fault, scope, receive, send, entry)
        if fault and await self.inject(fault, send, entry):
            return None
        if entry["client_id"] and scope["path"] not in self.unmetered:
            wait = state.spend(entry["client_id"], scope["method"], scope["path"])
            if wait is not None:
                return await self.answer(send, entry, 429, "throttled", [(b"retry-after", str(wait).encode())])

        async def recording_send(message):
            if message["type"] == "http.response.start":
                entry["status"] = message["status"]
            await send(message)

        await self.app(scope, receive, recording_send)
        if scope.get(CLIENT_KEY) is not None:  # the route named the client (web.note_client)
            entry["client_id"] = scope[CLIENT_KEY]
        return None

    async def after_acting(self, fault, scope, receive, send, entry):
        """Serve the request for real, then lose its answer: the server acted, the client never hears so."""
        served = {}

        async def swallow(message):
            if message["type"] == "http.response.start":
                served["status"] = message["status"]

        await self.app(scope, receive, swallow)
        await self.inject(dict(fault, after=False), send, entry)
        entry["served"] = served.get("status")
        return None

    async def inject(self, fault, send, entry):
        """Play a fault; True if that was the answer (or the connection dropped), False to go on (a delay)."""
        if fault["drop"]:
            transport = getattr(getattr(send, "__self__", None), "transport", None)
            if transport is not None:
                transport.close()
            entry["status"] = "dropped"
            return True
        if fault["delay"]:
            await asyncio.sleep(float(fault["delay"]))
            return False
        if fault["status"]:
            extra = [(b"retry-after", str(fault["retry_after"]).encode())] if fault.get("retry_after") else []
            await self.answer(send, entry, int(fault["status"]), "fault", extra)
            return True
        return False

    async def answer(self, send, entry, status, kind, extra=()):
        """Answer without the vendor app, with the vendor's body for this kind of refusal."""
        entry["status"] = status
        payload = json.dumps(self.spec.error_body(kind, self.state)).encode("utf-8")
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", self.error_type), (b"content-length", str(len(payload)).encode())]
                    + list(extra)})
        await send({"type": "http.response.body", "body": payload})
