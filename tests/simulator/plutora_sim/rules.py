# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""How the Plutora API reads a request: bearer tokens, bodies and their media types, query parameters, dates."""

import datetime

from sim_core import body as bodies
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


async def read_body(request, allow_form=True, allow_multipart=True):  # pylint: disable=unused-argument
    """The body with camelCase keys, in any media type ``sim_core.body`` reads (JSON, form fields, multipart, XML)
    on every endpoint, as the vendor's formatters do; no body is None, text/plain (any other type) a 415.

    ``allow_form``/``allow_multipart`` are what callers written when only some endpoints read forms still pass;
    every endpoint reads every type now, so they change nothing.
    """
    try:
        return camel_keys(await bodies.read(request))
    except bodies.Malformed as exc:
        raise SimError(400, {"message": "The request is invalid.", "modelState": {
            "request": ["The request body is not valid %s." % exc.kind.upper()]}}) from exc
    except bodies.Unsupported as exc:
        raise SimError(415, {"message": "The request entity's media type '%s' is not supported for this resource."
                                        % exc.kind}) from exc


def truth(value):
    """A boolean as JSON or a form sends it (true/false, "true"/"false" in any case, 1/0); None if it is neither."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    return {"true": True, "1": True, "false": False, "0": False}.get(text)


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
