# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Plutora Test over the core transport: the bearer header, the ``Data`` envelope, paged searches and what the
vendor's error answers mean. The record API (``defects``) calls it; modules never do."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.relops.itsm.plugins.module_utils.core.errors import (
    AuthenticationError,
    NotFoundError,
    NotWhitelisted,
    PermissionDenied,
    ServerError,
    ThrottledError,
    ValidationError,
)
from ansible_collections.relops.itsm.plugins.module_utils.core.paging import Listing
from ansible_collections.relops.itsm.plugins.module_utils.core.transport import IDEMPOTENT_METHODS, ClientBase, parse_retry_after

PAGE_SIZE = 100  # records per search page the module asks for at most


def vendor_message(body):
    """The human part of a Plutora Test error body (``Messages``, ``Message`` or ``error_description``)."""
    if isinstance(body, str):
        return body.strip()
    if not isinstance(body, dict):
        return ""
    parts = []
    for key in ("Message", "message", "error_description", "ExceptionMessage"):
        if body.get(key) and str(body[key]) not in parts:
            parts.append(str(body[key]))
    messages = body.get("Messages") or body.get("messages")
    if isinstance(messages, list):
        parts.extend(str(m) for m in messages if m)
    elif messages:
        parts.append(str(messages))
    return "; ".join(parts)


def unwrap(body):
    """What a reply's ``Data`` holds (Plutora Test wraps every answer), or the body itself without one."""
    if isinstance(body, dict) and "Data" in body:
        return body["Data"]
    return body


def page_records(data):
    """(records, total or None) of a search answer's ``Data``: ``ResultSet`` and ``TotalCount``."""
    if isinstance(data, list):
        return data, None
    if isinstance(data, dict):
        return data.get("ResultSet") or [], data.get("TotalCount")
    raise ServerError("Plutora Test answered a search with %s instead of a result set." % type(data).__name__)


class PlutoraTestClient(ClientBase):
    """Talks to one Plutora Test tenant. ``calls``/``log`` count every request of the task (``helpers`` too)."""

    def __init__(self, transport, tokens, api_url, auth_url, store, warnings=None):
        super(PlutoraTestClient, self).__init__(transport, store, warnings)
        self.tokens = tokens
        self.api_url = api_url
        self.auth_url = auth_url
        # Clients of other vendor APIs a task also used (a release lookup): their requests count as the task's.
        self.helpers = []

    @property
    def calls(self):
        return super(PlutoraTestClient, self).calls + sum(h.calls for h in self.helpers)

    @property
    def log(self):
        return list(super(PlutoraTestClient, self).log) + [line for h in self.helpers for line in h.log]

    @property
    def warnings(self):
        found = super(PlutoraTestClient, self).warnings
        for helper in self.helpers:
            found.extend(w for w in helper.warnings if w not in found)
        return found

    def request(self, method, path, json=None, idempotent=None):
        """Call the API; return the reply's ``Data`` for 2xx, raise an ApiError otherwise.

        ``idempotent`` marks a POST as safe to retry (searches); other methods follow RFC 7231 (PATCH is not).
        """
        method = method.upper()
        retry_safe = method in IDEMPOTENT_METHODS if idempotent is None else idempotent
        url = self.api_url + "/" + path.lstrip("/")
        kwargs = {} if json is None else {"json": json}
        for renewed in (False, True):
            token = self.tokens.token()
            reply = self.transport.send(method, url, retry_safe, headers={"Authorization": "bearer " + token},
                                        **kwargs)
            if reply.status == 401 and not renewed:
                # Expired or revoked before our clock said so: drop it, log in once more, retry once.
                self.tokens.invalidate(token)
                continue
            break
        if 200 <= reply.status < 300:
            return unwrap(reply.body)
        raise api_error(method, path, reply, self.api_url, self.auth_url)

    def search(self, path, body, limit=None, page_size=PAGE_SIZE):
        """Every record of a ``POST .../search`` with ``body`` (PascalCase), page by page, as a ``Listing``."""
        def fetch(page, size):
            sent = dict(body, PageNum=page, RecordsPerPage=size)
            return page_records(self.request("POST", path, json=sent, idempotent=True))
        return Listing(fetch, page_size, limit, key=lambda record: record.get("Id"))


def api_error(method, path, reply, api_url, auth_url):
    """The ApiError for a non-2xx ``Reply`` of Plutora Test's API or token endpoint."""
    status, body, text = reply.status, reply.body, vendor_message(reply.body)
    where = "%s %s" % (method, path)
    details = body if isinstance(body, dict) else {}
    if status == 400:
        return ValidationError("Plutora Test refused %s as invalid: %s" % (where, text or "no details given"),
                               status=status, details=details)
    if status == 401:
        return AuthenticationError(
            "Plutora Test refused the bearer token for %s even after a fresh login (401: %s). The API user may lack "
            "access to Plutora Test, or the API and OAuth hosts do not belong together (api_url %s, auth_url %s)."
            % (where, text or "no details", api_url, auth_url), status=status)
    if status == 403:
        if "denied" in text.lower() or "blocked" in text.lower():
            return NotWhitelisted(
                "Plutora Test refused %s from this machine's address (403: %s): the caller's IP is not on the "
                "tenant's whitelist; ask an administrator to add this host's public IP." % (where, text),
                status=status)
        return PermissionDenied("Plutora Test refused %s (403: %s): the API user lacks the permission for it."
                                % (where, text or "forbidden"), status=status)
    if status == 404:
        return NotFoundError("Plutora Test has nothing at %s (404%s)." % (where, ": " + text if text else ""),
                             status=status)
    if status == 429:
        wait = parse_retry_after(reply.headers.get("Retry-After"))
        if reply.gave_up:
            happened = "and %s, so it was not retried" % reply.gave_up
        else:
            happened = "again after %d retries" % reply.retries
        return ThrottledError("Plutora Test throttled %s (429: %s) %s%s; spread the work or lower the request rate."
                              % (where, text or "too many requests", happened,
                                 "; it asks to wait %d s" % wait if wait is not None else ""), status=429)
    return ServerError("Plutora Test failed on %s (%s: %s)." % (where, status, text or "no details"), status=status,
                       details=details)
