# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one HTTP client for Plutora: session, TLS, timeouts, retries, budget, paging, errors.

It knows nothing about Ansible options; modules build it through
``module_utils.arguments.client_from_module``.
"""

from __future__ import absolute_import, division, print_function
from __future__ import annotations

__metaclass__ = type

import email.utils
import os
import random
import time
import traceback
import warnings

REQUESTS_IMPORT_ERROR = None
try:
    import requests
    from requests.exceptions import ConnectionError as RequestsConnectionError
    from requests.exceptions import ConnectTimeout, SSLError, Timeout
    from urllib3.exceptions import InsecureRequestWarning, NewConnectionError
except ImportError:  # pragma: no cover - reported through missing_required_lib
    requests = None
    REQUESTS_IMPORT_ERROR = traceback.format_exc()

from ansible_collections.relops.itsm.plugins.module_utils.auth import TokenManager, resolve_urls
from ansible_collections.relops.itsm.plugins.module_utils.budget import RequestBudget
from ansible_collections.relops.itsm.plugins.module_utils.errors import (
    AuthenticationError,
    MediaTypeError,
    NotFoundError,
    NotWhitelisted,
    PermissionDenied,
    ServerError,
    ThrottledError,
    TransportError,
    ValidationError,
)
from ansible_collections.relops.itsm.plugins.module_utils.filestore import FileStore

USER_AGENT = "relops.itsm/0.1.0"
PAGE_SIZE = 100  # the vendor's maximum records per page
RETRY_STATUSES = (429, 502, 503, 504)
IDEMPOTENT_METHODS = ("GET", "HEAD", "OPTIONS", "PUT", "DELETE")
BACKOFF_BASE = 0.5
BACKOFF_CAP = 30.0
# A Retry-After longer than this fails the task at once rather than holding it.
MAX_RETRY_AFTER = 120.0


def default_token_cache():
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "relops.itsm")


def parse_retry_after(value):
    """Seconds from a Retry-After header (delta-seconds or HTTP-date); None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed is None:
        return None
    return max(0.0, parsed.timestamp() - time.time())


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


class Response:
    """What a request returned: status, decoded JSON body (or None) and headers."""

    def __init__(self, status, body, headers):
        self.status = status
        self.body = body
        self.headers = headers


class PlutoraClient:
    """Talks to one Plutora tenant. ``calls`` counts every HTTP request made, token requests included."""

    def __init__(self, client_id=None, client_secret=None, username=None, password=None, region=None,
                 api_url=None, auth_url=None, validate_certs=True, ca_path=None, timeout=30.0,
                 token_cache=None, retries=3, rate_limit=26000, sleep=time.sleep):
        if requests is None:
            raise ImportError("requests is required: %s" % REQUESTS_IMPORT_ERROR)
        self.api_url, self.auth_url = resolve_urls(region, api_url, auth_url)
        self.timeout = float(timeout)
        self.retries = max(0, int(retries))
        self.calls = 0
        self.log = []
        self._sleep = sleep
        self.session = requests.Session()
        self.session.headers.update({"Accept": "application/json", "User-Agent": USER_AGENT})
        # Passed on every request: a session-level verify loses to REQUESTS_CA_BUNDLE in requests' env merge.
        self.verify = (ca_path or True) if validate_certs else False
        if not validate_certs:
            # urllib3 would print a warning to stderr on every request; the module warns once instead.
            warnings.simplefilter("ignore", InsecureRequestWarning)
        store = FileStore(token_cache)
        self.tokens = TokenManager(store, self.auth_url, client_id, client_secret, username, password, self._post_form)
        self.budget = RequestBudget(store, self.api_url, client_id, rate_limit, sleep=sleep)

    # ----------------------------------------------------------------- transport
    def _backoff(self, attempt):
        return random.uniform(0.5, 1.0) * min(BACKOFF_CAP, BACKOFF_BASE * (2 ** attempt))

    def _send(self, method, url, retry_safe, **kwargs):
        """One logical request with retries; returns a requests.Response or raises TransportError/ThrottledError."""
        attempt = 0
        display = url.split("?", 1)[0].replace(self.api_url, "").replace(self.auth_url, "") or "/"
        while True:
            self.budget.take()
            started = time.time()
            self.calls += 1
            try:
                resp = self.session.request(method, url, timeout=self.timeout, verify=self.verify, allow_redirects=False,
                                            **kwargs)
            except SSLError as exc:
                self._note(method, display, "TLS error", started, attempt)
                raise TransportError(
                    "TLS verification failed for %s (%s). Give the CA bundle that signed the server certificate "
                    "with ca_path (PLUTORA_CA_PATH), or, for a test server only, set validate_certs: false."
                    % (url.split("?", 1)[0], _short(exc)))
            except (RequestsConnectionError, Timeout) as exc:
                self._note(method, display, "no answer", started, attempt)
                # A refused connection or connect timeout never reached the server: safe to retry any method.
                unsent = isinstance(exc, ConnectTimeout) or isinstance(getattr(exc.args[0] if exc.args else None,
                                                                               "reason", None), NewConnectionError)
                if attempt < self.retries and (retry_safe or unsent):
                    self._sleep(self._backoff(attempt))
                    attempt += 1
                    continue
                what = "timed out after %s s" % self.timeout if isinstance(exc, Timeout) else "failed"
                raise TransportError(
                    "%s %s %s after %d attempt(s) (%s). Check the URL (api_url/auth_url or region), the network "
                    "path and proxies%s." % (method, url.split("?", 1)[0], what, attempt + 1, _short(exc),
                                             "" if retry_safe else "; a %s is not retried once it may have reached "
                                             "the server, so check whether it took effect" % method))
            self._note(method, display, resp.status_code, started, attempt)
            if resp.status_code in RETRY_STATUSES and attempt < self.retries and (retry_safe or resp.status_code == 429):
                wait = parse_retry_after(resp.headers.get("Retry-After"))
                if wait is not None and wait > MAX_RETRY_AFTER:
                    return resp
                self._sleep(wait if wait is not None else self._backoff(attempt))
                attempt += 1
                continue
            return resp

    def _note(self, method, path, status, started, attempt):
        self.log.append("%s %s -> %s in %d ms (retry %d)" % (method, path, status, (time.time() - started) * 1000, attempt))

    @staticmethod
    def _decode(resp):
        if not resp.content:
            return None
        try:
            return resp.json()
        except ValueError:
            return resp.text

    def _post_form(self, url, form):
        """The token request. Returns (status, body) for the statuses the login logic interprets."""
        resp = self._send("POST", url, True, data=form)
        body = self._decode(resp)
        if resp.status_code in (200, 400, 401) or (resp.status_code == 403 and isinstance(body, dict) and body.get("error")):
            return resp.status_code, body
        raise self._error("POST", "/oauth/token", resp.status_code, body, resp.headers)

    # ----------------------------------------------------------------- API
    def request(self, method, path, query=None, json=None, data=None, files=None, idempotent=None, headers=None):
        """Call the API and return a Response for 2xx; raise a PlutoraError otherwise.

        ``idempotent`` marks a POST as safe to retry (searches); other methods follow RFC 7231.
        """
        method = method.upper()
        retry_safe = method in IDEMPOTENT_METHODS if idempotent is None else idempotent
        url = self.api_url + "/" + path.lstrip("/")
        kwargs = {"params": query}
        if json is not None:
            kwargs["json"] = json
        if data is not None:
            kwargs["data"] = data
        if files is not None:
            kwargs["files"] = files
        for renewed in (False, True):
            token = self.tokens.token()
            sent = dict(headers or {}, Authorization="bearer " + token)
            resp = self._send(method, url, retry_safe, headers=sent, **kwargs)
            if resp.status_code == 401 and not renewed:
                # Expired or revoked before our clock said so: drop it, log in once more, retry once.
                self.tokens.invalidate(token)
                continue
            break
        body = self._decode(resp)
        if 200 <= resp.status_code < 300:
            return Response(resp.status_code, body, resp.headers)
        raise self._error(method, path, resp.status_code, body, resp.headers)

    def get(self, path, query=None):
        return self.request("GET", path, query=query).body

    def _error(self, method, path, status, body, headers):
        text = vendor_message(body)
        where = "%s %s" % (method, path)
        if status == 400:
            return ValidationError("Plutora refused %s as invalid: %s" % (where, text or "no details given"),
                                   status=status, details=body if isinstance(body, dict) else {})
        if status == 401:
            return AuthenticationError(
                "Plutora refused the bearer token for %s even after a fresh login (401: %s). The API user may lack "
                "API access, or the API and OAuth hosts belong to different regions (api_url %s, auth_url %s)."
                % (where, text or "no details", self.api_url, self.auth_url), status=status)
        if status == 403:
            lowered = text.lower()
            if "denied" in lowered or " ip" in " " + lowered or "blocked" in lowered:
                return NotWhitelisted(
                    "Plutora refused %s from this machine's address (403: %s). Plutora answers this way when the "
                    "caller's IP is not on the tenant's whitelist: ask an administrator to add this host's public "
                    "IP under Settings > Customization > API - IP Whitelisting." % (where, text), status=status)
            return PermissionDenied("Plutora refused %s (403: %s): the API user lacks the permission for it."
                                    % (where, text or "forbidden"), status=status)
        if status == 404:
            return NotFoundError("Plutora has nothing at %s (404%s)." % (where, ": " + text if text else ""),
                                 status=status)
        if status == 415:
            return MediaTypeError(
                "Plutora refused the content type of %s (415: %s). This is a bug in the calling task or module: "
                "send JSON (or a form for the token request)." % (where, text), status=status)
        if status == 429:
            wait = parse_retry_after(headers.get("Retry-After"))
            return ThrottledError(
                "Plutora throttled %s after %d retries (429: %s)%s. The vendor allows 26,000 requests an hour per "
                "client id; spread the work or lower the request rate." % (
                    where, self.retries, text or "too many requests",
                    "; it asks to wait %d s" % wait if wait is not None else ""), status=status)
        return ServerError("Plutora failed on %s (%s: %s)." % (where, status, text or "no details"), status=status,
                           details=body if isinstance(body, dict) else {})

    # ----------------------------------------------------------------- paging
    def paged(self, path, query=None, limit=None, page_size=PAGE_SIZE):
        """Yield every record of a GET list, page by page, reading both the bare-array and the paged shape."""
        query = dict(query or {})
        page, seen, first_ids = 0, 0, set()
        while True:
            query.update({"pageNum": page, "recordsPerPage": page_size})
            body = self.get(path, query)
            records, total = _page_records(body)
            # A server that ignores pageNum returns the same first record again: stop rather than loop.
            marker = _record_key(records[0]) if records else None
            if marker is not None and marker in first_ids:
                return
            first_ids.add(marker)
            for record in records:
                yield record
                seen += 1
                if limit is not None and seen >= limit:
                    return
            if not records or len(records) < page_size or (total is not None and seen >= total):
                return
            page += 1

    def search(self, path, search_filters, limit=None, page_size=PAGE_SIZE, extra=None):
        """Yield every record of a POST .../filter search; returns through StopIteration, total in ``last_total``."""
        page, seen = 0, 0
        self.last_total = None
        while True:
            body = dict(extra or {})
            body.update({"searchFilters": search_filters, "recordsPerPage": page_size, "pageNum": page})
            result = self.request("POST", path, json=body, idempotent=True).body
            records, total = _page_records(result)
            self.last_total = total
            for record in records:
                yield record
                seen += 1
                if limit is not None and seen >= limit:
                    return
            if not records or len(records) < page_size or (total is not None and seen >= total):
                return
            page += 1


def _page_records(body):
    if isinstance(body, list):
        return body, None
    if isinstance(body, dict):
        records = body.get("resultSet")
        if records is None:
            records = body.get("ResultSet") or []
        total = body.get("totalCount", body.get("TotalCount"))
        return records, total
    raise ServerError("Plutora answered a list request with %s instead of a list." % type(body).__name__)


def _record_key(record):
    return record.get("id") if isinstance(record, dict) else repr(record)


def _short(exc):
    text = str(exc)
    return text if len(text) <= 300 else text[:300] + "..."
