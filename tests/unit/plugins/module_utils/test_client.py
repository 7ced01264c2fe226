# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The connection layer against the Plutora simulator over real HTTP."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import multiprocessing
import os
import stat
import warnings

import pytest

from ansible_collections.relops.itsm.plugins.module_utils import errors
from ansible_collections.relops.itsm.plugins.module_utils.client import PlutoraClient


def _secrets(sim):
    return [sim.info["client_secret"], sim.info["password"]]


def _assert_no_secret(sim, text, extra=()):
    for secret in list(_secrets(sim)) + list(extra):
        assert secret not in text


def test_me_with_one_login(sim, make_client):
    client = make_client()
    assert client.get("/me") == sim.info["username"]
    assert client.get("/ME") == sim.info["username"]
    assert client.calls == 3
    assert len(sim.token_requests()) == 1


def _me_in_child(options, barrier, results):
    barrier.wait()
    try:
        results.put(PlutoraClient(**options).get("/me"))
    except Exception as exc:  # pylint: disable=broad-exception-caught
        results.put("%s: %s" % (type(exc).__name__, exc))


def test_many_processes_share_one_login(sim, tmp_path):
    options = dict(api_url=sim.info["api_url"], auth_url=sim.info["auth_url"], client_id=sim.info["client_id"],
                   client_secret=sim.info["client_secret"], username=sim.info["username"],
                   password=sim.info["password"], token_cache=str(tmp_path / "cache"))
    # spawn, not fork: the test process has threads (the simulator's output reader), which fork does not copy safely.
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(8), ctx.Queue()
    procs = [ctx.Process(target=_me_in_child, args=(options, barrier, results)) for dummy in range(8)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(60)
    assert sorted(results.get(timeout=5) for dummy in range(8)) == [sim.info["username"]] * 8
    assert [proc.exitcode for proc in procs] == [0] * 8
    assert len(sim.token_requests()) == 1
    assert len([r for r in sim.requests_log() if r["path"].lower() == "/me"]) == 8


def test_token_cache_file_is_private_and_holds_no_secret(sim, make_client, tmp_path):
    make_client().get("/me")
    cache = tmp_path / "cache"
    assert stat.S_IMODE(os.stat(str(cache)).st_mode) == 0o700
    files = [p for p in cache.iterdir() if p.name.endswith(".json")]
    assert files
    for path in files:
        assert stat.S_IMODE(os.stat(str(path)).st_mode) == 0o600
        _assert_no_secret(sim, path.read_text(), [sim.info["username"]])
    token_files = [p for p in files if p.name.startswith("token-")]
    assert len(token_files) == 1 and json.loads(token_files[0].read_text())["access_token"]


def test_wrong_password_costs_one_attempt_across_tasks(sim, make_client):
    messages = set()
    for dummy in range(10):
        with pytest.raises(errors.LoginFailed) as caught:
            make_client(password="not-the-password").get("/me")
        messages.add(caught.value.message.split(" (remembered")[0])
        _assert_no_secret(sim, caught.value.message, ["not-the-password"])
    assert len(sim.token_requests()) == 1
    assert len(messages) == 1
    message = messages.pop()
    assert "wrong username or password" in message and "4 login attempt(s) left" in message
    # Changing the credentials forgets the refusal: the right password logs in at once.
    assert make_client().get("/me") == sim.info["username"]
    assert len(sim.token_requests()) == 2


def test_bad_client_secret(sim, make_client):
    with pytest.raises(errors.BadClientCredentials) as caught:
        make_client(client_secret="WRONG").get("/me")
    assert "refused the client id or client secret" in caught.value.message
    assert "PLUTORA_CLIENT_SECRET" in caught.value.message
    _assert_no_secret(sim, caught.value.message, ["WRONG"])


def test_lockout_is_reported(sim, make_client):
    # Without a cache nothing is remembered, so each client really spends an attempt.
    for dummy in range(5):
        with pytest.raises((errors.LoginFailed, errors.AccountLocked)):
            make_client(password="nope", token_cache=None).get("/me")
    with pytest.raises(errors.AccountLocked) as caught:
        make_client(token_cache=None).get("/me")
    assert "locked" in caught.value.message and "administrator" in caught.value.message
    _assert_no_secret(sim, caught.value.message)


def test_missing_credentials_named():
    with pytest.raises(errors.ConfigurationError) as caught:
        PlutoraClient(api_url="http://127.0.0.1:9", auth_url="http://127.0.0.1:9", client_id="x", token_cache=None)
    assert "client_secret, username, password" in caught.value.message
    assert "PLUTORA_PASSWORD" in caught.value.message


def test_revoked_token_is_renewed_once(sim, make_client):
    client = make_client()
    client.get("/me")
    sim.control("DELETE", "tokens")
    assert client.get("/me") == sim.info["username"]
    assert len(sim.token_requests()) == 2
    statuses = [r["status"] for r in sim.requests_log() if r["path"].lower() == "/me"]
    assert statuses == [200, 401, 200]


def test_retry_after_is_honoured(sim, make_client):
    client = make_client()
    client.get("/me")
    sim.control("POST", "faults", json={"method": "GET", "path": "/me", "count": 2, "status": 503, "retry_after": 7})
    assert client.get("/me") == sim.info["username"]
    assert client._sleep == [7.0, 7.0]
    assert [r["status"] for r in sim.requests_log() if r["path"].lower() == "/me"] == [200, 503, 503, 200]


def test_backoff_without_retry_after_then_give_up(sim, make_client):
    client = make_client(retries=2)
    client.get("/me")
    sim.control("POST", "faults", json={"method": "GET", "path": "/me", "count": 5, "status": 502})
    with pytest.raises(errors.ServerError) as caught:
        client.get("/me")
    assert "502" in caught.value.message
    assert len(client._sleep) == 2 and 0.25 <= client._sleep[0] <= 0.5 and 0.5 <= client._sleep[1] <= 1.0


def test_post_is_not_retried_blindly(sim, make_client):
    client = make_client()
    client.get("/me")
    sim.control("POST", "faults", json={"method": "POST", "path": "/releases", "count": 1, "status": 503})
    with pytest.raises(errors.ServerError):
        client.request("POST", "/releases", json={"name": "x"})
    assert len([r for r in sim.requests_log() if r["method"] == "POST" and r["path"] == "/releases"]) == 1
    assert client._sleep == []


def test_throttled_post_is_retried(sim, make_client):
    client = make_client()
    client.get("/me")
    sim.control("POST", "faults", json={"method": "POST", "path": "/releases/filter", "count": 1, "status": 429,
                                        "retry_after": 2})
    result = client.request("POST", "/releases/filter", json={"searchFilters": [], "recordsPerPage": 5, "pageNum": 0})
    assert result.status == 200 and client._sleep == [2.0]


def test_dropped_connection(sim, make_client):
    client = make_client()
    client.get("/me")
    sim.control("POST", "faults", json={"method": "GET", "path": "/me", "count": 1, "drop": True})
    assert client.get("/me") == sim.info["username"]
    sim.control("POST", "faults", json={"method": "POST", "path": "/releases", "count": 1, "drop": True})
    with pytest.raises(errors.TransportError) as caught:
        client.request("POST", "/releases", json={"name": "x"})
    assert "check whether it took effect" in caught.value.message


def test_timeout(sim, make_client):
    client = make_client(timeout=0.5, retries=0)
    client.get("/me")
    sim.control("POST", "faults", json={"method": "GET", "path": "/me", "count": 1, "delay": 2})
    with pytest.raises(errors.TransportError) as caught:
        client.get("/me")
    assert "timed out after 0.5 s" in caught.value.message


def test_paging_over_250_records(sim, make_client):
    client = make_client()
    before = len(client.get("/releases"))
    for start in range(0, 250, 50):
        client.request("POST", "/releases/bulk", json=[_release(client, "PAGE-%03d" % n) for n in range(start, start + 50)])
    client.calls = 0
    records = list(client.paged("/releases"))
    assert len(records) == before + 250
    assert len(set(r["id"] for r in records)) == before + 250
    assert client.calls == (before + 250 + 99) // 100
    assert len(list(client.paged("/releases", limit=130))) == 130


def test_search_pages(sim, make_client):
    client = make_client()
    found = list(client.search("/changes/filter", [{"property": "name", "operator": "Contains", "value": "",
                                                    "direction": "ASC"}], page_size=7))
    assert client.last_total == len(found) and len(found) > 7


_IDS = {}


def _release(client, identifier):
    cache = _IDS.setdefault(client.api_url, {})
    if not cache:
        for kind in ("ReleaseType", "ReleaseStatusType", "ReleaseRiskLevel"):
            values = client.get("/lookupfields/" + kind)
            cache[kind] = [v for v in values if not v.get("isEndState")][0]["id"]
        cache["org"] = client.get("/organizations")[0]["id"]
    return {"identifier": identifier, "name": identifier, "releaseTypeId": cache["ReleaseType"],
            "releaseStatusTypeId": cache["ReleaseStatusType"], "releaseRiskLevelId": cache["ReleaseRiskLevel"],
            "implementationDate": "2027-01-15T00:00:00", "organizationId": cache["org"],
            "plutoraReleaseType": "Independent", "releaseProjectType": "IsProject", "displayColor": "#336699"}


def test_vendor_errors_have_actionable_messages(sim, make_client):
    client = make_client()
    with pytest.raises(errors.NotFoundError) as caught:
        client.get("/releases/00000000-0000-0000-0000-000000000000")
    assert "404" in caught.value.message and "/releases/0000" in caught.value.message
    with pytest.raises(errors.ValidationError) as caught:
        client.request("POST", "/releases", json={"name": "only a name"})
    for label in ("Release ID cannot be blank", "Implementation Date must be set"):
        assert label in caught.value.message
    with pytest.raises(errors.ServerError) as caught:
        client.get("/releases", {"filter": "`noSuchField` Equals `x`"})
    assert "500" in caught.value.message and "noSuchField" in caught.value.message
    with pytest.raises(errors.MediaTypeError) as caught:
        client.request("POST", "/releases", data=b"plain", headers={"Content-Type": "text/plain"})
    assert "text/plain" in caught.value.message
    sim.control("PUT", "config", json={"whitelist": ["10.0.0.0/8"]})
    with pytest.raises(errors.NotWhitelisted) as caught:
        make_client(token_cache=None).get("/me")
    assert "IP Whitelisting" in caught.value.message
    sim.control("PUT", "config", json={"whitelist": ["0.0.0.0/0"], "rate_limit": 3})
    with pytest.raises(errors.ThrottledError) as caught:
        for dummy in range(5):
            client.get("/me")
    assert "429" in caught.value.message and "26,000" in caught.value.message


def test_tls_with_and_without_ca(tmp_path):
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "hacking"))
    from simulator import start_simulator, stop_simulator  # pylint: disable=import-error
    proc, info = start_simulator(["--tls"])
    try:
        assert info["api_url"].startswith("https://") and info["ca_cert"]
        options = dict(api_url=info["api_url"], auth_url=info["auth_url"], client_id=info["client_id"],
                       client_secret=info["client_secret"], username=info["username"], password=info["password"],
                       token_cache=str(tmp_path))
        assert PlutoraClient(ca_path=info["ca_cert"], **options).get("/me") == info["username"]
        with pytest.raises(errors.TransportError) as caught:
            PlutoraClient(**options).get("/me")
        assert "TLS verification failed" in caught.value.message and "ca_path" in caught.value.message
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            assert PlutoraClient(validate_certs=False, **options).get("/me") == info["username"]
        # urllib3's per-request InsecureRequestWarning would reach the task's stderr; the module warns once instead
        assert [str(w.message) for w in seen] == []
    finally:
        stop_simulator(proc)
