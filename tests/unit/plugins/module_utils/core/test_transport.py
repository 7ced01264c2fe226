# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The core transport against the Plutora simulator over real HTTP: retries, Retry-After, backoff, what is never
re-sent, timeouts and TLS."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import sys
import warnings

import pytest

from ansible_collections.relops.itsm.plugins.module_utils.core import errors
from ansible_collections.relops.itsm.plugins.module_utils.core.transport import parse_retry_after
from ansible_collections.relops.itsm.plugins.module_utils.plutora.connection import connect

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
from conftest import sim_params, slept  # noqa: E402  pylint: disable=wrong-import-position,import-error


def test_retry_after_is_honoured(sim, make_client):
    client = make_client()
    client.get("/me")
    sim.control("POST", "faults", json={"method": "GET", "path": "/me", "count": 2, "status": 503, "retry_after": 7})
    assert client.get("/me") == sim.info["username"]
    assert slept(client) == [7.0, 7.0]
    assert [r["status"] for r in sim.requests_log() if r["path"].lower() == "/me"] == [200, 503, 503, 200]


def test_retry_after_forms():
    assert parse_retry_after("12") == 12.0
    assert parse_retry_after(None) is None and parse_retry_after("soon") is None
    assert 0 <= parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") <= 1


def test_backoff_without_retry_after_then_give_up(sim, make_client):
    client = make_client(retries=2)
    client.get("/me")
    sim.control("POST", "faults", json={"method": "GET", "path": "/me", "count": 5, "status": 502})
    with pytest.raises(errors.ServerError) as caught:
        client.get("/me")
    assert "502" in caught.value.message
    waits = slept(client)
    assert len(waits) == 2 and 0.25 <= waits[0] <= 0.5 and 0.5 <= waits[1] <= 1.0


def test_post_is_not_retried_blindly(sim, make_client):
    client = make_client()
    client.get("/me")
    sim.control("POST", "faults", json={"method": "POST", "path": "/releases", "count": 1, "status": 503})
    with pytest.raises(errors.ServerError):
        client.request("POST", "/releases", json={"name": "x"})
    assert len([r for r in sim.requests_log() if r["method"] == "POST" and r["path"] == "/releases"]) == 1
    assert slept(client) == []


def test_throttled_post_is_retried(sim, make_client):
    client = make_client()
    client.get("/me")
    sim.control("POST", "faults", json={"method": "POST", "path": "/releases/filter", "count": 1, "status": 429,
                                        "retry_after": 2})
    result = client.request("POST", "/releases/filter", json={"searchFilters": [], "recordsPerPage": 5, "pageNum": 0})
    assert result.status == 200 and slept(client) == [2.0]


def test_throttle_message_says_what_happened(sim, make_client):
    client = make_client(retries=0)
    client.get("/me")
    sim.control("POST", "faults", json={"method": "GET", "path": "/me", "count": 1, "status": 429, "retry_after": 1})
    with pytest.raises(errors.ThrottledError) as caught:
        client.get("/me")
    assert "retries are off" in caught.value.message and "after 3 retries" not in caught.value.message
    client = make_client(retries=1)
    sim.control("POST", "faults", json={"method": "GET", "path": "/me", "count": 2, "status": 429, "retry_after": 1})
    with pytest.raises(errors.ThrottledError) as caught:
        client.get("/me")
    assert "again after 1 retry" in caught.value.message
    sim.control("POST", "faults", json={"method": "GET", "path": "/me", "count": 1, "status": 429,
                                        "retry_after": 900})
    with pytest.raises(errors.ThrottledError) as caught:
        make_client().get("/me")
    assert "asked to wait 900 s" in caught.value.message and "not retried" in caught.value.message


def test_dropped_connection(sim, make_client):
    client = make_client()
    client.get("/me")
    sim.control("POST", "faults", json={"method": "GET", "path": "/me", "count": 1, "drop": True})
    assert client.get("/me") == sim.info["username"]
    sim.control("POST", "faults", json={"method": "POST", "path": "/releases", "count": 1, "drop": True})
    with pytest.raises(errors.TransportError) as caught:
        client.request("POST", "/releases", json={"name": "x"})
    assert "check whether it took effect" in caught.value.message and caught.value.maybe_sent


def test_timeout(sim, make_client):
    client = make_client(timeout=0.5, retries=0)
    client.get("/me")
    sim.control("POST", "faults", json={"method": "GET", "path": "/me", "count": 1, "delay": 2})
    with pytest.raises(errors.TransportError) as caught:
        client.get("/me")
    assert "timed out after 0.5 s" in caught.value.message


def test_a_closed_port_is_retried_and_named():
    client = connect(sim_params({"api_url": "http://127.0.0.1:9", "auth_url": "http://127.0.0.1:9", "client_id": "C",
                                 "client_secret": "S", "username": "u", "password": "p"}, retries=1),
                     sleep=lambda s: None)
    with pytest.raises(errors.TransportError) as caught:
        client.get("/me")
    assert "after 2 attempt(s)" in caught.value.message and not caught.value.maybe_sent
    assert "api_url/auth_url or region" in caught.value.message


def test_tls_with_and_without_ca(tmp_path):
    from simulator import start_simulator, stop_simulator  # pylint: disable=import-error
    proc, info = start_simulator(["--tls"])
    try:
        assert info["api_url"].startswith("https://") and info["ca_cert"]
        options = sim_params(info, token_cache=str(tmp_path))
        assert connect(dict(options, ca_path=info["ca_cert"])).get("/me") == info["username"]
        with pytest.raises(errors.TransportError) as caught:
            connect(options).get("/me")
        assert "TLS verification failed" in caught.value.message and "ca_path" in caught.value.message
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            client = connect(dict(options, validate_certs=False))
            assert client.get("/me") == info["username"]
        # urllib3's per-request InsecureRequestWarning would reach the task's stderr; the module warns once instead
        assert [str(w.message) for w in seen] == []
        assert any("validate_certs is false" in w for w in client.warnings)
    finally:
        stop_simulator(proc)


def test_a_host_that_never_answers_is_tried_once_by_later_tasks(tmp_path):
    import socket
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)  # accepts connections into the backlog, never answers
    url = "http://127.0.0.1:%d" % silent.getsockname()[1]
    options = sim_params({"api_url": url, "auth_url": url, "client_id": "C", "client_secret": "S", "username": "u",
                          "password": "p"}, timeout=0.3, retries=2, token_cache=str(tmp_path / "cache"))
    try:
        first = connect(options, sleep=lambda s: None)
        with pytest.raises(errors.TransportError) as caught:
            first.transport.send("GET", url + "/me", True)
        assert first.calls == 3 and "after 3 attempt(s)" in caught.value.message
        later = connect(options, sleep=lambda s: None)
        with pytest.raises(errors.TransportError) as caught:
            later.transport.send("GET", url + "/me", True)
        assert later.calls == 1 and "tried once" in caught.value.message
    finally:
        silent.close()


class _Proxy:
    """A plain-HTTP forward proxy on loopback that records the request lines and headers it forwards."""

    def __init__(self):
        import http.server
        import threading
        import urllib.request
        seen = self.seen = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_any(self):
                seen.append((self.command, self.path, self.headers.get("Proxy-Authorization")))
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                headers = dict((k, v) for k, v in self.headers.items()
                               if k.lower() not in ("proxy-authorization", "connection", "host"))
                request = urllib.request.Request(self.path, data=body, headers=headers, method=self.command)
                opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
                try:
                    answer = opener.open(request, timeout=10)
                except urllib.request.HTTPError as exc:
                    answer = exc
                content = answer.read()
                self.send_response(answer.status if hasattr(answer, "status") else answer.code)
                for key, value in answer.headers.items():
                    if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            do_GET = do_POST = do_PUT = do_DELETE = do_any

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d" % self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def test_plain_http_goes_through_the_environments_proxy_unless_no_proxy_names_the_host(sim, tmp_path, monkeypatch):
    proxy = _Proxy()
    try:
        monkeypatch.setenv("HTTP_PROXY", proxy.url.replace("://", "://agent:s%40cret@"))
        monkeypatch.delenv("http_proxy", raising=False)
        for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy"):
            monkeypatch.delenv(name, raising=False)
        client = connect(sim_params(sim.info, token_cache=str(tmp_path / "a")))
        assert client.get("/me") == sim.info["username"]
        lines = [(method, path) for method, path, _auth in proxy.seen]
        assert ("POST", sim.info["auth_url"] + "/oauth/token") in lines and ("GET", sim.info["api_url"] + "/me") in lines
        # The proxy's credentials go to the proxy (Basic agent:s@cret), never in the API's own headers.
        assert set(auth for _m, _p, auth in proxy.seen) == {"Basic YWdlbnQ6c0BjcmV0"}
        assert all(r.get("headers", {}).get("proxy-authorization") is None for r in sim.requests_log())
        proxy.seen[:] = []
        monkeypatch.setenv("no_proxy", "example.com, 127.0.0.1")
        assert connect(sim_params(sim.info, token_cache=str(tmp_path / "b"))).get("/me") == sim.info["username"]
        assert proxy.seen == []
    finally:
        proxy.close()


def test_a_proxy_the_transport_cannot_speak_to_is_refused_before_anything_is_sent(sim, tmp_path, monkeypatch):
    for name in ("NO_PROXY", "no_proxy", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", "socks5://127.0.0.1:9")
    client = connect(sim_params(sim.info, token_cache=str(tmp_path), retries=0), sleep=lambda s: None)
    with pytest.raises(errors.TransportError) as caught:
        client.get("/me")
    assert "not an http:// proxy" in caught.value.message and not caught.value.maybe_sent
    monkeypatch.delenv("HTTP_PROXY")  # the fixture's own requests would try it too
    assert sim.requests_log() == []


def test_connections_are_kept_alive_within_a_task(sim, make_client):
    client = make_client()
    client.get("/me")
    first = dict(client.transport._connections)  # pylint: disable=protected-access
    for dummy in range(3):
        client.get("/me")
    assert first and dict(client.transport._connections) == first  # pylint: disable=protected-access


def test_a_form_a_raw_body_and_a_multipart_file_reach_the_server(sim, make_client):
    from ansible_collections.relops.itsm.plugins.module_utils.core.transport import _body
    body, headers = _body(None, {"a": "1 2", "b": "é"}, None)
    assert body == b"a=1+2&b=%C3%A9" and headers["Content-Type"] == "application/x-www-form-urlencoded"
    body, headers = _body(None, {"name": "x"}, {"logFile": ('we"ird.txt', b"line\r\n", "text/plain")})
    boundary = headers["Content-Type"].split("boundary=", 1)[1]
    assert body.startswith(("--%s\r\n" % boundary).encode()) and body.endswith(("--%s--\r\n" % boundary).encode())
    assert b'filename="we%22ird.txt"' in body and b"\r\n\r\nline\r\n\r\n" in body
    assert _body(None, b"plain", None) == (b"plain", {})


def test_a_path_with_characters_a_url_cannot_hold_is_encoded(sim, make_client):
    client = make_client()
    with pytest.raises(errors.NotFoundError):
        client.get("/releases/no such release \u00e9")
    assert "/releases/no such release \u00e9" in [r["path"] for r in sim.requests_log()]
