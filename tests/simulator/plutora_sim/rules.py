# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""How the Plutora API reads a request: bearer tokens, bodies and their media types, query parameters, dates."""

import datetime
import json
import urllib.parse

from sim_core.web import SimError, state_of

from .filters import parse_date

DENIED = {"message": "Authorization has been denied for this request."}


def client_of_header(state, header):
    """The client id of an ``Authorization`` header's bearer token (the scheme in any case), or None."""
    scheme, _sep, token = (header or "").partition(" ")
    return state.client_of(token.strip()) if scheme.lower() == "bearer" else None


def identify(state, headers):
    """The core's ``identify`` hook: the budget and the request log know a client by its token."""
    return client_of_header(state, headers.get("authorization"))


def authorized(request):
    """The state, once the request's bearer token is known to be valid (401 otherwise)."""
    state = state_of(request)
    if client_of_header(state, request.headers.get("authorization")) is None:
        raise SimError(401, DENIED)
    return state


def now_text():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")


def utc_text(value):
    """A date or date-time in any ISO form -> UTC without a zone suffix, as Plutora answers."""
    text = str(value).strip()
    try:
        parsed = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        parsed = parse_date(text)
        if parsed is None:
            return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return parsed.strftime("%Y-%m-%dT%H:%M:%S")


def camel_keys(value):
    """PascalCase request keys -> camelCase, recursively (the vendor accepts both)."""
    if isinstance(value, dict):
        return {(k[:1].lower() + k[1:] if isinstance(k, str) else k): camel_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [camel_keys(v) for v in value]
    return value


async def read_body(request, allow_form=False, allow_multipart=False):
    """The body with camelCase keys: JSON, and where the endpoint takes them form fields or multipart parts (a file
    part becomes ``{"filename", "bytes"}``); no body is None, any other media type a 415."""
    raw = await request.body()
    kind = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    if not raw and not kind:
        return None
    if kind in ("application/json", "text/json") or (kind.endswith("+json")):
        try:
            return camel_keys(json.loads(raw.decode("utf-8") or "null"))
        except ValueError:
            raise SimError(400, {"message": "The request is invalid.", "modelState": {
                "request": ["The request body is not valid JSON."]}})
    if allow_form and "x-www-form-urlencoded" in kind:
        pairs = urllib.parse.parse_qsl(raw.decode("utf-8"), keep_blank_values=True)
        return camel_keys({k: v for k, v in pairs if k})
    if allow_multipart and kind == "multipart/form-data":
        form = await request.form()
        result = {}
        for key, value in form.multi_items():
            if hasattr(value, "read"):
                result[key] = {"filename": value.filename, "bytes": await value.read()}
            else:
                result[key] = value
        return camel_keys(result)
    shown = kind or "application/octet-stream"
    raise SimError(415, {"message": "The request entity's media type '%s' is not supported for this resource." % shown})


def query(request, name):
    """A query parameter, its name matched case-insensitively (pageNum, pagenum and PageNum alike)."""
    name = name.lower()
    for key, value in request.query_params.multi_items():
        if key.lower() == name:
            return value
    return None


def check_lookup(state, kind, value_id, field, label, errors):
    """The lookup item ``value_id`` of type ``kind``; an unknown id is recorded in ``errors`` under ``field``
    (``release.<field>`` when a ``label`` names the field for the message) and gives None, as does no id."""
    if value_id in (None, ""):
        return None
    for item in state.data["lookups"].get(kind, []):
        if item["id"] == str(value_id).lower():
            return item
    errors.setdefault("release." + field if label else field, []).append(
        "The value '%s' is not a valid %s." % (value_id, label or kind))
    return None
