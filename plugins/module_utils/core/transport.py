# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""HTTP for every vendor API, on the standard library (``http.client`` and ``ssl``): kept-alive connections, TLS,
proxies from the environment, timeouts, which requests are safe to retry, jittered backoff,
``Retry-After``, the client-side budget, call counting and the request log.

It knows no vendor: a vendor package builds one ``Transport`` and adds its headers, envelope and error mapping.
The standard library rather than ``requests`` because a module task pays for every import on every run: importing
``requests`` (and ``urllib3``, ``idna``, ``charset_normalizer``, ``certifi``) was about a fifth of a no-op task.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import email.utils
import http.client as http_client
import json
import os
import random
import select
import socket
import ssl
import time
from urllib.parse import quote, unquote, urlencode, urlsplit

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
_URL_SAFE = "!#$%&'()*+,/:;=@[]~"


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
        self.budget = budget
        self.timeout = float(timeout)
        self.retries = max(0, int(retries))
        self.hints = hints or Hints()
        self.calls = 0
        self.log = []
        self._strip = tuple(s for s in strip if s)
        self._sleep = sleep
        self._store = store
        self.headers = {"User-Agent": USER_AGENT}
        self.headers.update(headers or {})
        # True: the system's CA bundle; a path: that PEM file or directory of CAs; False: no verification.
        self.verify = verify
        self._tls = None
        self._connections = {}

    def _backoff(self, attempt):
        return random.uniform(0.5, 1.0) * min(BACKOFF_CAP, BACKOFF_BASE * (2 ** attempt))

    def _display(self, url):
        path = url.split("?", 1)[0]
        for base in self._strip:
            if path.startswith(base):
                return path[len(base):] or "/"
        return path

    def send(self, method, url, retry_safe, retry_statuses=RETRY_STATUSES, params=None, json=None, data=None,
             files=None, headers=None):
        """One logical request with retries; returns a ``Reply`` or raises ``TransportError``.

        ``params`` is the query (a dict; None values left out), the body ``json``, a form ``data`` (a dict) or, with
        ``files`` (``{field: (file name, bytes, content type)}``), a multipart form.

        ``retry_safe`` allows a retry after the request may have reached the server (reads, idempotent writes);
        a request that surely never left (refused connection, connect timeout) is retried whatever the method,
        and so is a 429, which the server refused without acting.
        """
        attempt = 0
        display = self._display(url)
        silent = self._silent(url)
        retries, timeout = (0, min(self.timeout, SILENT_TIMEOUT)) if silent else (self.retries, self.timeout)
        if params:
            url += ("&" if "?" in url else "?") + urlencode(
                [(k, v) for k, v in params.items() if v is not None], doseq=True)
        body, sent = _body(json, data, files)
        sent.update(self.headers)
        sent.update(headers or {})
        while True:
            self.budget.take()
            started = time.time()
            self.calls += 1
            try:
                status, reason, answer, content = self._exchange(method, url, body, sent, timeout)
            except _TlsFailure as exc:
                self._note(method, display, "TLS error", started, attempt)
                raise TransportError(
                    "TLS verification failed for %s (%s). Give the CA bundle that signed the server certificate "
                    "with %s, or, for a test server only, turn certificate validation off."
                    % (url.split("?", 1)[0], short(exc), self.hints.ca))
            except _NoAnswer as exc:
                self._note(method, display, "no answer", started, attempt)
                if attempt < retries and (retry_safe or exc.unsent):
                    self._sleep(self._backoff(attempt))
                    attempt += 1
                    continue
                raise self._no_answer(method, url, exc, attempt, retry_safe, timeout, silent)
            self._note(method, display, status, started, attempt)
            if silent:
                self._store.delete(silent)
            gave_up = None
            if status in retry_statuses and (retry_safe or status == 429):
                wait = parse_retry_after(answer.get("Retry-After"))
                if wait is not None and wait > MAX_RETRY_AFTER:
                    gave_up = "it asked to wait %d s, longer than the %d s a task waits" % (wait, MAX_RETRY_AFTER)
                elif attempt < retries:
                    self._sleep(wait if wait is not None else self._backoff(attempt))
                    attempt += 1
                    continue
            return Reply(status, _decode(content, answer), answer, attempt, gave_up)

    # ------------------------------------------------------------------ one exchange on the wire
    def _exchange(self, method, url, body, headers, timeout):
        """(status, reason, headers, body bytes) of one request; raises _NoAnswer or _TlsFailure."""
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        # As requests does: characters a URL may not hold are %-encoded, what is already encoded is left alone.
        target = quote(parts.path or "/", safe=_URL_SAFE)
        if parts.query:
            target += "?" + quote(parts.query, safe=_URL_SAFE + "?")
        conn, proxy_headers = self._connection(scheme, parts.hostname or "", parts.port, timeout)
        if proxy_headers is not None:  # plain HTTP through a proxy: it gets the whole URL (and its credentials)
            target = "%s://%s%s" % (scheme, parts.netloc, target)
        try:
            conn.putrequest(method, target, skip_accept_encoding=True)
            for name, value in list(headers.items()) + list((proxy_headers or {}).items()):
                conn.putheader(name, value)
            if body or method not in ("GET", "HEAD", "DELETE", "OPTIONS"):
                conn.putheader("Content-Length", str(len(body)))
            conn.endheaders(body)
        except socket.timeout as exc:
            self._drop(conn)
            raise _NoAnswer(exc, timed_out=True)
        except (OSError, http_client.HTTPException) as exc:
            self._drop(conn)
            raise _NoAnswer(exc)
        try:
            resp = conn.getresponse()
            content = resp.read()
        except socket.timeout as exc:
            self._drop(conn)
            raise _NoAnswer(exc, timed_out=True)
        except (OSError, http_client.HTTPException) as exc:
            self._drop(conn)
            raise _NoAnswer(exc)
        if resp.will_close:
            self._drop(conn)
        return resp.status, resp.reason, resp.msg, content

    def _connection(self, scheme, host, port, timeout):
        """A connected (kept-alive or new) connection to the host, or through the environment's proxy for it, and
        the proxy's headers when plain HTTP goes through a proxy (else None)."""
        if scheme not in ("http", "https"):
            raise _NoAnswer(ValueError("unsupported URL scheme %r" % scheme), unsent=True)
        port = port or (443 if scheme == "https" else 80)
        key = (scheme, host, port)
        conn = self._connections.get(key)
        if conn is not None and conn.sock is not None and not _dropped(conn.sock):
            conn.sock.settimeout(timeout)
            return conn, conn.relops_proxy_headers
        if conn is not None:
            self._drop(conn)
        proxy = _proxy_for(scheme, host, port)
        proxy_headers = None
        if proxy is None:
            conn = self._new(scheme == "https", host, port, timeout)
        elif proxy[0] != "http":
            raise _NoAnswer(ValueError("the proxy %s://%s:%s is not an http:// proxy, the only kind supported"
                                       % proxy[:3]), unsent=True)
        elif scheme == "https":  # a CONNECT tunnel through the proxy, TLS with the host inside it
            conn = self._new(True, proxy[1], proxy[2], timeout)
            conn.set_tunnel(host, port, headers=proxy[3])
        else:
            conn = self._new(False, proxy[1], proxy[2], timeout)
            proxy_headers = proxy[3]
        conn.relops_proxy_headers = proxy_headers
        try:
            conn.connect()
        except ssl.SSLError as exc:  # certificate verification included
            self._drop(conn)
            raise _TlsFailure(exc)
        except socket.timeout as exc:
            self._drop(conn)
            raise _NoAnswer(exc, timed_out=True, unsent=True)
        except (OSError, http_client.HTTPException) as exc:
            # Refused, unknown host, unreachable, a proxy that would not open the tunnel: nothing was sent.
            self._drop(conn)
            raise _NoAnswer(exc, unsent=True)
        self._connections[key] = conn
        return conn, proxy_headers

    def _new(self, tls, host, port, timeout):
        if tls:
            return http_client.HTTPSConnection(host, port, timeout=timeout, context=self._context())
        return http_client.HTTPConnection(host, port, timeout=timeout)

    def _context(self):
        if self._tls is None:
            if self.verify is False:
                context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
                context.check_hostname = False
                context.verify_mode = ssl.CERT_NONE
            elif isinstance(self.verify, str):
                if os.path.isdir(self.verify):
                    context = ssl.create_default_context(capath=self.verify)
                else:
                    context = ssl.create_default_context(cafile=self.verify)
            else:
                context = ssl.create_default_context()
            self._tls = context
        return self._tls

    def _drop(self, conn):
        try:
            conn.close()
        except OSError:
            pass
        for key, value in list(self._connections.items()):
            if value is conn:
                del self._connections[key]

    def close(self):
        for conn in list(self._connections.values()):
            self._drop(conn)

    def _memory_key(self, url):
        scheme, _sep, rest = url.partition("://")
        return "silent-host-" + fingerprint(scheme.lower(), rest.split("/", 1)[0].lower())

    def _silent(self, url):
        """The memory's name if this URL's host gave no answer lately, else None."""
        if self._store is None:
            return None
        name = self._memory_key(url)
        return name if self._store.recall(name, SILENT_MEMORY) else None

    def _no_answer(self, method, url, exc, attempt, retry_safe, timeout, silent):
        what = "timed out after %s s" % timeout if exc.timed_out else "failed"
        if self._store is not None:
            self._store.remember(self._memory_key(url), {})
        if silent:
            what += (" (tried once: the host gave no answer to an earlier task within %d minutes, so this run no "
                     "longer spends retries on it)" % (SILENT_MEMORY // 60))
        caution = ""
        if not retry_safe and not exc.unsent:
            caution = ("; a %s is not re-sent once it may have reached the server, so check whether it took effect"
                       % method)
        return TransportError(
            "%s %s %s after %d attempt(s) (%s). Check %s, the network path and proxies%s."
            % (method, url.split("?", 1)[0], what, attempt + 1, short(exc), self.hints.urls, caution),
            maybe_sent=not exc.unsent)

    def _note(self, method, path, status, started, attempt):
        self.log.append("%s %s -> %s in %d ms (retry %d)" % (method, path, status, (time.time() - started) * 1000,
                                                             attempt))


class ClientBase:
    """What every vendor client shares: its transport's request count and log, and the warnings for the task (its
    own, then the file store's, each once)."""

    def __init__(self, transport, store, warnings=None):
        self.transport = transport
        self.store = store
        self._warnings = list(warnings or [])

    @property
    def calls(self):
        return self.transport.calls

    @property
    def log(self):
        return self.transport.log

    @property
    def warnings(self):
        return self._warnings + [w for w in self.store.warnings if w not in self._warnings]


class _NoAnswer(Exception):
    """No HTTP answer. ``unsent``: the request cannot have reached the server (no connection was made)."""

    def __init__(self, cause, timed_out=False, unsent=False):
        super(_NoAnswer, self).__init__(_describe(cause, timed_out))
        self.timed_out = timed_out
        self.unsent = unsent


class _TlsFailure(Exception):
    pass


def _describe(cause, timed_out):
    text = str(cause) or cause.__class__.__name__
    if timed_out and "timed out" not in text:
        text = "timed out: " + text
    if isinstance(cause, ConnectionRefusedError):
        text = "connection refused: " + text
    elif isinstance(cause, http_client.RemoteDisconnected) or isinstance(cause, ConnectionResetError):
        text = "connection closed without an answer: " + text
    return text


def _dropped(sock):
    """True when a kept-alive socket was closed by the server (readable while we expect nothing)."""
    try:
        readable = select.select([sock], [], [], 0)[0]
    except (OSError, ValueError):
        return True
    return bool(readable)


def _body(json_body, data, files):
    """(body bytes, headers) for a JSON body, a form, or a multipart form with files."""
    if files:
        boundary = "relops-" + os.urandom(12).hex()
        chunks = []
        for name, value in (data or {}).items():
            chunks.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n" % (boundary, _quoted(name)))
                          .encode("utf-8") + _bytes(value) + b"\r\n")
        for name, (file_name, content, kind) in files.items():
            chunks.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                           "Content-Type: %s\r\n\r\n" % (boundary, _quoted(name), _quoted(file_name), kind))
                          .encode("utf-8") + _bytes(content) + b"\r\n")
        chunks.append(("--%s--\r\n" % boundary).encode("ascii"))
        return b"".join(chunks), {"Content-Type": "multipart/form-data; boundary=" + boundary}
    if isinstance(data, (bytes, str)):  # a raw body, as given
        return _bytes(data), {}
    if data is not None:
        return urlencode(list(data.items()), doseq=True).encode("ascii"), {
            "Content-Type": "application/x-www-form-urlencoded"}
    if json_body is not None:
        return _json_text(json_body).encode("utf-8"), {"Content-Type": "application/json"}
    return b"", {}


def _json_text(value):
    return json.dumps(value, allow_nan=False)


def _quoted(text):
    return quote(str(text), safe=" !#$&'()*+,-./:;<=>?@[]^_`{|}~")


def _bytes(value):
    return value if isinstance(value, bytes) else str(value).encode("utf-8")


def _proxy_for(scheme, host, port):
    """(scheme, host, port, headers) of the proxy the environment names for this URL, or None.

    As curl and requests read them: ``https_proxy``/``HTTPS_PROXY`` (``http_proxy``/``HTTP_PROXY`` for plain HTTP),
    ``all_proxy``, and ``no_proxy``/``NO_PROXY`` (comma-separated host names or domain suffixes, ``*`` for all).
    """
    def env(name):
        return os.environ.get(name.lower()) or os.environ.get(name.upper())
    if _bypass(host, port, env("no_proxy") or ""):
        return None
    proxy = env(scheme + "_proxy") or env("all_proxy")
    if not proxy:
        return None
    if "://" not in proxy:
        proxy = "http://" + proxy
    parts = urlsplit(proxy)
    pscheme = parts.scheme.lower()
    headers = {}
    if parts.username:
        pair = "%s:%s" % (unquote(parts.username), unquote(parts.password or ""))
        headers["Proxy-Authorization"] = "Basic " + base64.b64encode(pair.encode("utf-8")).decode("ascii")
    return pscheme, parts.hostname, parts.port or (443 if pscheme == "https" else 80), headers


def _bypass(host, port, no_proxy):
    host = host.lower().strip("[]")
    for entry in no_proxy.replace(" ", "").lower().split(","):
        if not entry:
            continue
        if entry == "*":
            return True
        name, _sep, entry_port = entry.partition(":") if entry.count(":") == 1 else (entry, "", "")
        if entry_port and entry_port != str(port):
            continue
        name = name.lstrip(".").strip("[]")
        if host == name or host.endswith("." + name):
            return True
    return False


def _decode(content, headers):
    if not content:
        return None
    try:
        return json.loads(content)
    except ValueError:
        pass
    charset = "utf-8"
    kind = headers.get("Content-Type") or ""
    for part in kind.split(";")[1:]:
        key, _sep, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            charset = value.strip('"')
    try:
        return content.decode(charset, "replace")
    except LookupError:
        return content.decode("utf-8", "replace")
