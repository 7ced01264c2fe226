# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""HTTP for every vendor API: session, TLS, timeouts, which requests are safe to retry, jittered backoff,
``Retry-After``, the client-side budget, call counting and the request log.

It knows no vendor: a vendor package builds one ``Transport`` and adds its headers, envelope and error mapping.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import email.utils
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

from ansible_collections.relops.itsm.plugins.module_utils.core.errors import TransportError
from ansible_collections.relops.itsm.plugins.module_utils.core.filestore import fingerprint

USER_AGENT = "relops.itsm/0.1.0"
RETRY_STATUSES = (429, 502, 503, 504)
IDEMPOTENT_METHODS = ("GET", "HEAD", "OPTIONS", "PUT", "DELETE")
BACKOFF_BASE = 0.5
BACKOFF_CAP = 30.0
# A Retry-After longer than this fails the task at once rather than holding it.
MAX_RETRY_AFTER = 120.0
# A host that gave no answer after every retry is remembered this long: later tasks and forks of the run then try it
# once, with at most SILENT_TIMEOUT seconds, instead of spending every retry on it again.
SILENT_MEMORY = 300
SILENT_TIMEOUT = 5.0


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


def short(exc):
    text = str(exc)
    return text if len(text) <= 300 else text[:300] + "..."


class Hints:
    """What the vendor package tells a person in transport messages: where URLs and the CA bundle are set."""

    def __init__(self, urls="the API URL", ca="the CA bundle option"):
        self.urls = urls
        self.ca = ca


class Reply:
    """What a request returned: status, decoded JSON body (or text, or None), headers, and how many retries it took.

    ``gave_up`` says why a retryable answer was not retried (for messages), or is None.
    """

    def __init__(self, status, body, headers, retries=0, gave_up=None):
        self.status = status
        self.body = body
        self.headers = headers
        self.retries = retries
        self.gave_up = gave_up


class Transport:
    """One HTTP session to one vendor tenant. ``calls`` counts every request sent, retries included."""

    def __init__(self, budget, verify=True, timeout=30.0, retries=3, hints=None, strip=(), sleep=time.sleep,
                 headers=None, store=None):
        if requests is None:
            raise ImportError("requests is required: %s" % REQUESTS_IMPORT_ERROR)
        self.budget = budget
        self.timeout = float(timeout)
        self.retries = max(0, int(retries))
        self.hints = hints or Hints()
        self.calls = 0
        self.log = []
        self._strip = tuple(s for s in strip if s)
        self._sleep = sleep
        self._store = store
        self.session = requests.Session()
        self.session.headers.update({"User-Agent": USER_AGENT})
        self.session.headers.update(headers or {})
        # Passed on every request: a session-level verify loses to REQUESTS_CA_BUNDLE in requests' env merge.
        self.verify = verify
        if verify is False:
            # urllib3 would print a warning to stderr on every request; the module warns once instead.
            warnings.simplefilter("ignore", InsecureRequestWarning)

    def _backoff(self, attempt):
        return random.uniform(0.5, 1.0) * min(BACKOFF_CAP, BACKOFF_BASE * (2 ** attempt))

    def _display(self, url):
        path = url.split("?", 1)[0]
        for base in self._strip:
            if path.startswith(base):
                return path[len(base):] or "/"
        return path

    def send(self, method, url, retry_safe, retry_statuses=RETRY_STATUSES, **kwargs):
        """One logical request with retries; returns a ``Reply`` or raises ``TransportError``.

        ``retry_safe`` allows a retry after the request may have reached the server (reads, idempotent writes);
        a request that surely never left (refused connection, connect timeout) is retried whatever the method,
        and so is a 429, which the server refused without acting.
        """
        attempt = 0
        display = self._display(url)
        silent = self._silent(url)
        retries, timeout = (0, min(self.timeout, SILENT_TIMEOUT)) if silent else (self.retries, self.timeout)
        while True:
            self.budget.take()
            started = time.time()
            self.calls += 1
            try:
                resp = self.session.request(method, url, timeout=timeout, verify=self.verify,
                                            allow_redirects=False, **kwargs)
            except SSLError as exc:
                self._note(method, display, "TLS error", started, attempt)
                raise TransportError(
                    "TLS verification failed for %s (%s). Give the CA bundle that signed the server certificate "
                    "with %s, or, for a test server only, turn certificate validation off."
                    % (url.split("?", 1)[0], short(exc), self.hints.ca))
            except (RequestsConnectionError, Timeout) as exc:
                self._note(method, display, "no answer", started, attempt)
                unsent = _never_sent(exc)
                if attempt < retries and (retry_safe or unsent):
                    self._sleep(self._backoff(attempt))
                    attempt += 1
                    continue
                raise self._no_answer(method, url, exc, attempt, retry_safe, unsent, timeout, silent)
            self._note(method, display, resp.status_code, started, attempt)
            if silent:
                self._store.delete(silent)
            gave_up = None
            if resp.status_code in retry_statuses and (retry_safe or resp.status_code == 429):
                wait = parse_retry_after(resp.headers.get("Retry-After"))
                if wait is not None and wait > MAX_RETRY_AFTER:
                    gave_up = "it asked to wait %d s, longer than the %d s a task waits" % (wait, MAX_RETRY_AFTER)
                elif attempt < retries:
                    self._sleep(wait if wait is not None else self._backoff(attempt))
                    attempt += 1
                    continue
            return Reply(resp.status_code, _decode(resp), resp.headers, attempt, gave_up)

    def _memory_key(self, url):
        scheme, _sep, rest = url.partition("://")
        return "silent-host-" + fingerprint(scheme.lower(), rest.split("/", 1)[0].lower())

    def _silent(self, url):
        """The memory's name if this URL's host gave no answer lately, else None."""
        if self._store is None:
            return None
        name = self._memory_key(url)
        return name if self._store.recall(name, SILENT_MEMORY) else None

    def _no_answer(self, method, url, exc, attempt, retry_safe, unsent, timeout, silent):
        what = "timed out after %s s" % timeout if isinstance(exc, Timeout) else "failed"
        if self._store is not None:
            self._store.remember(self._memory_key(url), {})
        if silent:
            what += (" (tried once: the host gave no answer to an earlier task within %d minutes, so this run no "
                     "longer spends retries on it)" % (SILENT_MEMORY // 60))
        caution = ""
        if not retry_safe and not unsent:
            caution = ("; a %s is not re-sent once it may have reached the server, so check whether it took effect"
                       % method)
        return TransportError(
            "%s %s %s after %d attempt(s) (%s). Check %s, the network path and proxies%s."
            % (method, url.split("?", 1)[0], what, attempt + 1, short(exc), self.hints.urls, caution),
            maybe_sent=not unsent)

    def _note(self, method, path, status, started, attempt):
        self.log.append("%s %s -> %s in %d ms (retry %d)" % (method, path, status, (time.time() - started) * 1000,
                                                             attempt))


def _never_sent(exc):
    """True when the request cannot have reached the server: a refused connection or a connect timeout."""
    if isinstance(exc, ConnectTimeout):
        return True
    reason = getattr(exc.args[0] if exc.args else None, "reason", None)
    return isinstance(reason, NewConnectionError)


def _decode(resp):
    if not resp.content:
        return None
    try:
        return resp.json()
    except ValueError:
        return resp.text
