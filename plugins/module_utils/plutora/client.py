# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Plutora Release & Verify over the core transport: the bearer header, the list and search envelopes, and what
the vendor's error answers mean. Record APIs (``releases``, ``changes``, ``health``) call it; modules never do
except through them (``api`` is the escape hatch)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.relops.itsm.plugins.module_utils.core.errors import (
    AuthenticationError,
    MediaTypeError,
    NotFoundError,
    NotWhitelisted,
    PermissionDenied,
    ServerError,
    ThrottledError,
    ValidationError,
)
from ansible_collections.relops.itsm.plugins.module_utils.core.filestore import fingerprint
from ansible_collections.relops.itsm.plugins.module_utils.core.paging import Listing
from ansible_collections.relops.itsm.plugins.module_utils.core.tokens import when_text
from ansible_collections.relops.itsm.plugins.module_utils.core.transport import IDEMPOTENT_METHODS, ClientBase, parse_retry_after

PAGE_SIZE = 100  # the vendor's maximum records per page
# A whitelist refusal is remembered this long, so the later tasks and forks of a run fail at once without a login.
WHITELIST_MEMORY = 300


def vendor_message(body):
    """The human part of a Plutora error body, whatever its casing and shape."""
    if isinstance(body, str):
        return body.strip()
    if not isinstance(body, dict):
        return ""
    parts = []
    for key in ("message", "Message", "error_description", "ErrorMessage", "exceptionMessage", "ExceptionMessage"):
        value = body.get(key)
        if value and str(value) not in parts:
            parts.append(str(value))
    messages = body.get("Messages") or body.get("messages")
    if isinstance(messages, list):
        parts.extend(str(m) for m in messages if m)
    elif messages:
        parts.append(str(messages))
    state = body.get("modelState") or body.get("ModelState")
    if isinstance(state, dict):
        for field, problems in sorted(state.items()):
            problems = problems if isinstance(problems, list) else [problems]
            label = "" if field == "internalServerValidationError" else "%s: " % field.split(".")[-1]
            parts.extend("%s%s" % (label, p) for p in problems if p)
    return "; ".join(parts)


def page_records(body):
    """(records, total or None) of a list answer: a bare array, or ``resultSet`` with ``totalCount``."""
    if isinstance(body, list):
        return body, None
    if isinstance(body, dict):
        records = body.get("resultSet")
        if records is None:
            records = body.get("ResultSet") or []
        total = body.get("totalCount", body.get("TotalCount"))
        return records, total
    raise ServerError("Plutora answered a list request with %s instead of a list." % type(body).__name__)


class PlutoraClient(ClientBase):
    """Talks to one Plutora tenant. ``calls``/``log`` are the transport's; ``warnings`` are for the task to show."""

    def __init__(self, transport, tokens, api_url, auth_url, store, warnings=None):
        super(PlutoraClient, self).__init__(transport, store, warnings)
        self.tokens = tokens
        self.api_url = api_url
        self.auth_url = auth_url

    def request(self, method, path, query=None, json=None, data=None, files=None, idempotent=None, headers=None):
        """Call the API and return the ``Reply`` for 2xx; raise an ApiError otherwise.

        ``idempotent`` marks a POST as safe to retry (searches); other methods follow RFC 7231.
        """
        method = method.upper()
        self._refused_earlier()
        retry_safe = method in IDEMPOTENT_METHODS if idempotent is None else idempotent
        url = self.api_url + "/" + path.lstrip("/")
        kwargs = {"params": query}
        for key, value in (("json", json), ("data", data), ("files", files)):
            if value is not None:
                kwargs[key] = value
        for renewed in (False, True):
            token = self.tokens.token()
            sent = dict(headers or {}, Authorization="bearer " + token)
            reply = self.transport.send(method, url, retry_safe, headers=sent, **kwargs)
            if reply.status == 401 and not renewed:
                # Expired or revoked before our clock said so: drop it, log in once more, retry once.
                self.tokens.invalidate(token)
                continue
            break
        if 200 <= reply.status < 300:
            return reply
        raise self.error(method, path, reply)

    def get(self, path, query=None):
        return self.request("GET", path, query=query).body

    def error(self, method, path, reply):
        """The ApiError for a non-2xx ``Reply``; a whitelist refusal is remembered for the run."""
        error = api_error(method, path, reply, self.api_url, self.auth_url)
        if isinstance(error, NotWhitelisted):
            self.store.remember(self._whitelist_key(), {"message": error.message})
        return error

    def _whitelist_key(self):
        return "ip-refused-" + fingerprint(self.api_url, self.auth_url)

    def _refused_earlier(self):
        memory = self.store.recall(self._whitelist_key(), WHITELIST_MEMORY)
        if memory:
            raise NotWhitelisted("%s (Remembered from %s: tasks of the next %d minutes fail at once instead of "
                                 "logging in again; remove the ip-refused file from the token cache to retry sooner.)"
                                 % (memory.get("message"), when_text(memory.get("at")), WHITELIST_MEMORY // 60),
                                 status=403)

    # ----------------------------------------------------------------- lists
    def paged(self, path, query=None, limit=None, page_size=PAGE_SIZE):
        """Every record of a GET list, page by page, reading both the bare-array and the paged shape."""
        def fetch(page, size):
            return page_records(self.get(path, dict(query or {}, pageNum=page, recordsPerPage=size)))
        return Listing(fetch, page_size, limit)

    def search(self, path, search_filters, limit=None, page_size=PAGE_SIZE, extra=None):
        """Every record of a ``POST .../filter`` search; the Listing's ``total`` is the vendor's ``totalCount``."""
        def fetch(page, size):
            body = dict(extra or {}, searchFilters=search_filters, recordsPerPage=size, pageNum=page)
            return page_records(self.request("POST", path, json=body, idempotent=True).body)
        return Listing(fetch, page_size, limit)


def api_error(method, path, reply, api_url, auth_url):
    """The ApiError for a non-2xx ``Reply`` of Plutora's API or token endpoint."""
    status, body, text = reply.status, reply.body, vendor_message(reply.body)
    where = "%s %s" % (method, path)
    details = body if isinstance(body, dict) else {}
    if status == 400:
        return ValidationError("Plutora refused %s as invalid: %s" % (where, text or "no details given"),
                               status=status, details=details)
    if status == 401 and "authorization has been denied" in text.lower():
        # The request loop only gives up on a 401 after a fresh login, so the token is not what is refused: the
        # vendor gives this answer to callers outside the tenant's IP whitelist as well (plutora-api.md 1.3).
        return NotWhitelisted(
            "Plutora refused %s with 401 (%s) even with a token from a fresh login, so the token is not the "
            "problem: Plutora answers this way to callers whose IP address is not on the tenant's whitelist. Ask an "
            "administrator to add this host's public IP under Settings > Customization > API - IP Whitelisting. "
            "If it is on the whitelist, check that api_url (%s) and auth_url (%s) belong to the same region and "
            "that the API user may use the API." % (where, text, api_url, auth_url), status=status)
    if status == 401:
        return AuthenticationError(
            "Plutora refused the bearer token for %s even after a fresh login (401: %s). The API user may lack "
            "API access, or the API and OAuth hosts belong to different regions (api_url %s, auth_url %s)."
            % (where, text or "no details", api_url, auth_url), status=status)
    if status == 403:
        return _forbidden(where, text, status)
    if status == 404:
        return NotFoundError("Plutora has nothing at %s (404%s)." % (where, ": " + text if text else ""),
                             status=status)
    if status == 415:
        return MediaTypeError(
            "Plutora refused the content type of %s (415: %s). This is a bug in the calling task or module: "
            "send JSON (or a form for the token request)." % (where, text), status=status)
    if status == 429:
        return _throttled(where, text, reply)
    return ServerError("Plutora failed on %s (%s: %s)." % (where, status, text or "no details"), status=status,
                       details=details)


def _forbidden(where, text, status):
    lowered = text.lower()
    if "denied" in lowered or " ip" in " " + lowered or "blocked" in lowered:
        return NotWhitelisted(
            "Plutora refused %s from this machine's address (403: %s). Plutora answers this way when the "
            "caller's IP is not on the tenant's whitelist: ask an administrator to add this host's public "
            "IP under Settings > Customization > API - IP Whitelisting." % (where, text), status=status)
    return PermissionDenied("Plutora refused %s (403: %s): the API user lacks the permission for it."
                            % (where, text or "forbidden"), status=status)


def _throttled(where, text, reply):
    wait = parse_retry_after(reply.headers.get("Retry-After"))
    if reply.gave_up:
        happened = "and %s, so it was not retried" % reply.gave_up
    elif reply.retries:
        happened = "again after %d retr%s" % (reply.retries, "y" if reply.retries == 1 else "ies")
    else:
        happened = "and retries are off (retries: 0)"
    asked = "; it asks to wait %d s" % wait if wait is not None and not reply.gave_up else ""
    return ThrottledError(
        "Plutora throttled %s (429: %s) %s%s. The vendor allows 26,000 requests an hour per client id; spread the "
        "work or lower the request rate." % (where, text or "too many requests", happened, asked), status=429)
