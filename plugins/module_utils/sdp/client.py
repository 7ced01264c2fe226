# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ServiceDesk Plus v3 over the core transport: the edition's auth header, the ``input_data`` envelope,
``list_info`` paging and what the vendor's ``response_status`` means. Record APIs call it; modules never do.

Only reads are retried after they may have reached the server; a write is re-sent only when it surely never left
or was refused with 429 (the transport's rule), and record APIs settle a write whose answer was lost by reading.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from ansible_collections.relops.itsm.plugins.module_utils.core.errors import (
    AuthenticationError,
    NotFoundError,
    PermissionDenied,
    ServerError,
    ThrottledError,
    ValidationError,
)
from ansible_collections.relops.itsm.plugins.module_utils.core.paging import Listing
from ansible_collections.relops.itsm.plugins.module_utils.core.transport import ClientBase, parse_retry_after

PAGE_SIZE = 100  # the largest row_count public clients use (sdp-api.md 4.1)
SUCCESS = 2000
# status_code -> the error kind (sdp-api.md 4.5); anything else falls back on the HTTP status.
VALIDATION_CODES = (4000, 4001, 4003, 4005, 4008, 4009, 4012, 4014, 4016, 4021)


def statuses(body):
    """The ``response_status`` entries of a body, whether the vendor sent an object or an array."""
    status = body.get("response_status") if isinstance(body, dict) else None
    if isinstance(status, list):
        return [s for s in status if isinstance(s, dict)]
    return [status] if isinstance(status, dict) else []


def messages(body):
    """Every message of a failed ``response_status``: ``(status_code, text)`` with the field(s) it names."""
    found = []
    for status in statuses(body):
        for item in status.get("messages") or []:
            if not isinstance(item, dict):
                continue
            parts = [str(item["message"])] if item.get("message") else []
            if item.get("field"):
                parts.append("field %s" % item["field"])
            if item.get("fields"):
                parts.append("fields %s" % ", ".join(str(f) for f in item["fields"]))
            found.append((item.get("status_code"), "; ".join(parts)))
    return found


def failed(body):
    """True when any ``response_status`` entry reports a status code other than 2000."""
    for status in statuses(body):
        code = status.get("status_code")
        if code is not None and str(code) != str(SUCCESS):
            return True
        if str(status.get("status", "")).lower() == "failed":
            return True
    return False


def fields_named(body):
    """The field names a refusal points at (``field``/``fields`` of its messages)."""
    names = []
    for status in statuses(body):
        for item in status.get("messages") or []:
            if isinstance(item, dict):
                names.extend([item["field"]] if item.get("field") else [])
                names.extend(str(f) for f in item.get("fields") or [])
    return names


class SdpClient(ClientBase):
    """Talks to one ServiceDesk Plus portal. ``calls``/``log`` are the transport's."""

    def __init__(self, transport, api_base, store, edition, tokens=None, technician_key=None, portal_id=None,
                 warnings=None):
        super(SdpClient, self).__init__(transport, store, warnings)
        self.api_base = api_base
        self.edition = edition
        self.tokens = tokens
        self._key = technician_key
        self._portal_id = portal_id

    def _auth(self):
        if self.tokens is None:
            headers = {"authtoken": self._key}
            if self._portal_id:
                headers["PORTALID"] = str(self._portal_id)
            return headers, None
        token = self.tokens.token()
        return {"Authorization": "Zoho-oauthtoken " + token}, token

    def request(self, method, path, input_data=None, query=None):
        """Call the API; return the decoded body when SDP reports success, raise an ApiError otherwise.

        ``input_data`` goes URL-encoded in the query string of a GET (as the vendor's samples send it) and as the
        form field of a POST or PUT; a DELETE sends none.
        """
        method = method.upper()
        url = self.api_base + "/" + path.lstrip("/")
        params = dict(query or {})
        kwargs = {}
        if input_data is not None:
            encoded = json.dumps(input_data, separators=(",", ":"))
            if method == "GET":
                params["input_data"] = encoded
            else:
                kwargs["data"] = {"input_data": encoded}
        for renewed in (False, True):
            headers, token = self._auth()
            reply = self.transport.send(method, url, method == "GET", headers=headers, params=params or None,
                                        **kwargs)
            if reply.status == 401 and token is not None and not renewed:
                # Expired or revoked before our clock said so: drop it, mint one more, retry once.
                self.tokens.invalidate(token)
                continue
            break
        if 200 <= reply.status < 300 and isinstance(reply.body, dict) and not failed(reply.body):
            return reply.body
        raise self.error(method, path, reply)

    def get(self, path, input_data=None):
        return self.request("GET", path, input_data=input_data)

    def error(self, method, path, reply):
        return api_error(method, path, reply, self.edition)

    # ----------------------------------------------------------------- lists
    def listing(self, path, root, list_info=None, limit=None, page_size=PAGE_SIZE):
        """Every record of a list answer's ``root`` key, page by page (``start_index`` 1-based, ``row_count``)."""
        def fetch(page, size):
            info = dict(list_info or {}, row_count=size, start_index=1 + (page - 1) * size)
            body = self.get(path, {"list_info": info})
            records = body.get(root) or []
            if isinstance(records, dict):
                records = [records]
            answer = body.get("list_info") or {}
            total = answer.get("total_count")
            if total is None and not _truthy(answer.get("has_more_rows", len(records) >= size)):
                total = info["start_index"] - 1 + len(records)
            return records, _int(total)
        return Listing(fetch, page_size, limit, first_page=1)


def _truthy(value):
    return value is True or str(value).lower() == "true"


def _int(value):
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def api_error(method, path, reply, edition="on_premises"):
    """The ApiError for a refused ``Reply``: HTTP status and SDP's ``status_code`` of each message."""
    status, body = reply.status, reply.body if isinstance(reply.body, dict) else {}
    found = messages(body)
    codes = [c for c, _t in found if c is not None]
    text = "; ".join("%s%s" % (t or "no details", " (%s)" % c if c else "") for c, t in found)
    if not text and isinstance(reply.body, str):
        text = reply.body.strip()[:300]
    where = "%s %s" % (method, path)
    details = {"status_codes": codes, "fields": fields_named(body)} if found else {}
    if status == 429 or 4015 in codes:
        return _throttled(where, text, reply)
    if status == 401 or 4022 in codes:
        hint = ("the technician key (technician_key, SDP_TECHNICIAN_KEY) is wrong, expired, or its user's login "
                "is disabled" if edition == "on_premises" else
                "the access token was refused even after minting a new one: the OAuth client may lack the "
                "SDPOnDemand.releases scope, or portal names another instance")
        return AuthenticationError("ServiceDesk Plus refused %s (401: %s): %s."
                                   % (where, text or "unauthorised", hint), status=status)
    if status == 403 or 4002 in codes or 7001 in codes:
        return PermissionDenied("ServiceDesk Plus refused %s (403: %s): the user lacks the permission for it%s."
                                % (where, text or "forbidden", ", or the licence does not allow it"
                                   if 7001 in codes else ""), status=status, details=details)
    if status == 404 or 4007 in codes:
        return NotFoundError("ServiceDesk Plus has nothing at %s (404%s)." % (where, ": " + text if text else ""),
                             status=status, details=details)
    if status >= 500 or 4004 in codes:
        return ServerError("ServiceDesk Plus failed on %s (%s: %s)." % (where, status, text or "internal error"),
                           status=status, details=details)
    if status == 400 or any(c in VALIDATION_CODES for c in codes) or found:
        return ValidationError("ServiceDesk Plus refused %s as invalid: %s" % (where, text or "no details given"),
                               status=status, details=details)
    return ServerError("ServiceDesk Plus answered %s with %s, which is not a v3 API answer%s." % (
        where, status, ": " + text if text else ""), status=status)


def _throttled(where, text, reply):
    wait = parse_retry_after(reply.headers.get("Retry-After")) if reply.headers else None
    if reply.gave_up:
        happened = "and %s, so it was not retried" % reply.gave_up
    elif reply.retries:
        happened = "again after %d retr%s" % (reply.retries, "y" if reply.retries == 1 else "ies")
    else:
        happened = "and retries are off (retries: 0)"
    return ThrottledError(
        "ServiceDesk Plus throttled %s (429: %s) %s%s. SDP limits requests per URL; spread the work or lower the "
        "request rate (rate_limit, SDP_RATE_LIMIT)."
        % (where, text or "API rate limit reached", happened, "; it asks to wait %d s" % wait if wait is not None else ""),
        status=429)
