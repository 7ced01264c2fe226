# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""How SDP reads a request and answers: ``input_data``, ``ids``, ``response_status`` and the error model.

Routes are declared once and served under both editions' prefixes (``ApiRoutes``).
"""

import json
import urllib.parse

from sim_core.web import Routes, SimError, reply

CONTENT_TYPE = "application/json;charset=UTF-8"
# The HTTP status of each specific code (sdp-api.md 4.5); 4000 is only the top-level wrapper.
HTTP_OF = {4000: 400, 4001: 400, 4002: 403, 4003: 400, 4004: 500, 4005: 400, 4007: 404, 4008: 400, 4009: 400,
           4012: 400, 4014: 400, 4015: 429, 4016: 400, 4021: 400, 4022: 401, 7001: 400}
SUCCESS = {"status_code": 2000, "status": "success"}
ON_PREM = "/api/v3"
CLOUD = "/app/{portal}/api/v3"


class ApiRoutes(Routes):
    """Routes under ``/api/v3`` (on-premises) and ``/app/{portal}/api/v3`` (cloud): one declaration, both paths."""

    def route(self, method, path, **options):
        def declare(endpoint):
            for prefix in (ON_PREM, CLOUD):
                self.entries.append((prefix + path, endpoint, method, options))
            return endpoint
        return declare


def message(code, text=None, field=None, fields=None):
    entry = {"status_code": code, "type": "failed"}
    if text:
        entry["message"] = text
    if field:
        entry["field"] = field
    if fields:
        entry["fields"] = list(fields)
    return entry


def failed(code, text=None, field=None, fields=None, http=None):
    """A refusal: ``response_status`` 4000 wrapping one 40xx message, with that code's HTTP status."""
    return failed_with([message(code, text, field, fields)], http or HTTP_OF[code])


def failed_with(messages, http):
    return SimError(http, {"response_status": {"status_code": 4000, "messages": messages, "status": "failed"}})


def invalid_value(field):
    return failed(4001, "Value given for %s is not valid" % field, field=field)


def ok(payload=None, array=False):
    """Success; ``response_status`` is an object, or a one-element array where the seed shows one (1.2)."""
    body = {"response_status": [dict(SUCCESS)] if array else dict(SUCCESS)}
    body.update(payload or {})
    return reply(body, content_type=CONTENT_TYPE)


def ok_per_id(ids, payload):
    """Bulk success (assign, pickup): one ``response_status`` element per id, each carrying it."""
    body = {"response_status": [dict(SUCCESS, id=i) for i in ids]}
    body.update(payload)
    return reply(body, content_type=CONTENT_TYPE)


def parse_json(text):
    try:
        value = json.loads(text)
    except ValueError:
        raise failed(4000, "input_data is not valid JSON", field="input_data", http=400)
    if not isinstance(value, dict):
        raise failed(4021, "input_data must be a JSON object", field="input_data")
    return value


async def input_data(request):
    """The ``input_data`` JSON object: from the query string, else a form body (on any method); ``{}`` if none."""
    text = request.query_params.get("input_data")
    if text is None:
        raw = await request.body()
        if raw:
            kind = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
            if kind not in ("application/x-www-form-urlencoded", ""):
                raise failed(4000, "Content-Type must be application/x-www-form-urlencoded with an input_data "
                                   "field", http=415)
            form = dict(urllib.parse.parse_qsl(raw.decode("utf-8"), keep_blank_values=True))
            text = form.get("input_data")
    if text is None or not text.strip():
        return {}
    return parse_json(text)


def release_id(request):
    """The ``{release_id}`` of the path: digits, else the vendor's 404 4007."""
    value = request.path_params.get("release_id", "")
    if not value.isdigit():
        raise failed(4007, "Invalid URL")
    return str(int(value))


def ids_of(request):
    """The ``ids`` query parameter (comma-separated digit strings, 9.5), else the path's release id."""
    text = request.query_params.get("ids")
    if text is None:
        if "release_id" in request.path_params:
            return [release_id(request)]
        raise failed(4012, "Value not provided for ids", field="ids")
    ids = [part.strip() for part in text.split(",") if part.strip()]
    if not ids or not all(part.isdigit() for part in ids):
        raise invalid_value("ids")
    return list(dict.fromkeys(str(int(part)) for part in ids))


def error_body(kind, state):
    """The core's ``error_body`` hook: SDP's envelope for the answers the middleware makes."""
    if kind == "throttled":
        return {"response_status": {"status_code": 4000, "messages": [message(
            4015, "URL blocked as maximum access limit exceeded (%d requests a minute)"
            % state.config.rate_limit)], "status": "failed"}}
    if kind == "forbidden":
        return {"response_status": {"status_code": 4000, "messages": [message(
            4002, "User does not have this permission")], "status": "failed"}}
    return {"response_status": {"status_code": 4000, "messages": [message(4004, "Internal Error")],
                                "status": "failed"}}
