# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The core on its own: a one-route dummy vendor (dummy_sim.py) gets paths, whitelist, faults, budget, the request
log and the control plane from sim_core alone, over real HTTP."""

import json
import os

import pytest
import requests

from sim_core.launch import start, stop  # pylint: disable=import-error

DUMMY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "dummy_sim.py")


@pytest.fixture(scope="module")
def dummy_sim():
    proc, info = start(DUMMY)
    yield proc, info
    stop(proc)


@pytest.fixture
def sim(dummy_sim):
    """(base URL, a session sending the first client's key), on a freshly reset dummy."""
    info = dummy_sim[1]
    session = requests.Session()
    session.headers["X-Api-Key"] = info["api_key"]
    requests.post(info["url"] + "/_sim/reset", timeout=10).raise_for_status()
    return info["url"], session


def control(url, method, path, **kwargs):
    resp = requests.request(method, url + "/_sim/" + path, timeout=10, **kwargs)
    resp.raise_for_status()
    return resp.json()


def test_first_line_and_case_insensitive_paths(dummy_sim, sim):
    proc, info = dummy_sim
    assert sorted(info) == ["api_key", "ca_cert", "pid", "url"] and info["pid"] == proc.pid
    url, session = sim
    assert session.get(url + "/NOTES", timeout=10).json() == session.get(url + "/notes", timeout=10).json() == ["first"]
    assert control(url, "GET", "config") == {"rate_limit": 50, "whitelist": ["0.0.0.0/0", "::/0"]}


def test_whitelist_refuses_with_the_vendor_body(sim):
    url, session = sim
    control(url, "PUT", "config", json={"whitelist": ["10.0.0.0/8"]})
    resp = session.get(url + "/notes", timeout=10)
    assert resp.status_code == 403 and resp.headers["content-type"] == "application/vnd.dummy+json"
    assert resp.json() == {"error": "forbidden", "limit": 50}
    assert control(url, "GET", "config")["whitelist"] == ["10.0.0.0/8"]  # the control plane stays reachable


def test_faults(sim):
    url, session = sim
    control(url, "POST", "faults", json={"path": "/NOTES*", "count": 1, "status": 503, "retry_after": 2})
    first, second = (session.get(url + "/notes", timeout=10) for dummy in range(2))
    assert (first.status_code, first.headers["Retry-After"], first.json()["error"]) == (503, "2", "fault")
    assert second.status_code == 200
    control(url, "POST", "faults", json={"method": "GET", "path": "/notes", "drop": True})
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.get(url + "/notes", timeout=10)
    assert [f["count"] for f in control(url, "GET", "faults")["faults"]] == [0, 0]


def test_budget_is_per_client_and_skips_unknown_clients(sim):
    url, session = sim
    control(url, "PUT", "config", json={"rate_limit": 2})
    statuses = [session.get(url + "/notes", timeout=10) for dummy in range(3)]
    assert [r.status_code for r in statuses] == [200, 200, 429]
    assert 3590 <= int(statuses[2].headers["Retry-After"]) <= 3600
    assert statuses[2].json() == {"error": "throttled", "limit": 2}
    assert requests.get(url + "/notes", headers={"X-Api-Key": "key-two"}, timeout=10).status_code == 200
    for dummy in range(3):  # no client named: never counted, and the route answers
        assert requests.get(url + "/notes", timeout=10).status_code == 401


def test_request_log(sim):
    url, session = sim
    session.get(url + "/Notes", params={"a": "1"}, timeout=10)
    requests.get(url + "/notes", timeout=10)
    control(url, "GET", "config")  # never logged
    control(url, "PUT", "config", json={"whitelist": ["10.0.0.0/8"]})
    session.get(url + "/notes", timeout=10)
    log = control(url, "GET", "requests")["requests"]
    assert log == [{"method": "GET", "path": "/Notes", "query": "a=1", "status": 200, "client_id": "key-one"},
                   {"method": "GET", "path": "/notes", "query": "", "status": 401, "client_id": None},
                   {"method": "GET", "path": "/notes", "query": "", "status": 403, "client_id": "key-one"}]
    assert control(url, "DELETE", "requests") == {"requests": []} and control(url, "GET", "requests") == {"requests": []}


def test_load_data_and_reset(sim):
    url, session = sim
    assert control(url, "POST", "load", json={"notes": ["second"]}) == {"notes": 2}
    assert session.get(url + "/notes", timeout=10).json() == ["first", "second"]
    assert requests.post(url + "/_sim/load", json={"other": []}, timeout=10).status_code == 400
    control(url, "PUT", "config", json={"rate_limit": 1})
    control(url, "POST", "faults", json={"path": "/notes", "count": 5, "status": 500})
    control(url, "POST", "reset")
    assert control(url, "GET", "data") == {"notes": ["first"]}
    assert control(url, "GET", "config")["rate_limit"] == 50
    assert control(url, "GET", "faults") == {"faults": []} and control(url, "GET", "requests") == {"requests": []}
    assert [session.get(url + "/notes", timeout=10).status_code for dummy in range(2)] == [200, 200]


def test_sigterm_stops_cleanly():
    proc, info = start(DUMMY, ["--rate-limit", "7", "--whitelist", "127.0.0.0/8"])
    try:
        assert control(info["url"], "GET", "config") == {"rate_limit": 7, "whitelist": ["127.0.0.0/8"]}
    finally:
        assert stop(proc) == 0


def test_a_fault_after_acting_serves_the_request_then_loses_the_answer(sim):
    url, session = sim
    control(url, "DELETE", "requests")
    control(url, "POST", "faults", json={"path": "/notes", "status": 502, "after": True})
    assert session.get(url + "/notes", timeout=10).status_code == 502
    control(url, "POST", "faults", json={"path": "/notes", "drop": True, "after": True})
    with pytest.raises(requests.exceptions.ConnectionError):
        session.get(url + "/notes", timeout=10)
    log = control(url, "GET", "requests")["requests"]
    assert [(r["status"], r["served"]) for r in log] == [(502, 200), ("dropped", 200)]
    resp = requests.post(url + "/_sim/faults", json={"path": "/notes", "delay": 1, "after": True}, timeout=10)
    assert resp.status_code == 400


def test_the_request_log_keeps_no_secret_from_a_query_string(sim):
    url, session = sim
    control(url, "DELETE", "requests")
    session.get(url + "/notes", params={"grant_type": "refresh_token", "refresh_token": "rt-1", "Client_Secret": "s-1",
                                        "page": "2"}, timeout=10)
    (entry,) = control(url, "GET", "requests")["requests"]
    assert entry["query"] == "grant_type=refresh_token&refresh_token=%2A%2A%2A&Client_Secret=%2A%2A%2A&page=2"
    assert "rt-1" not in json.dumps(entry) and "s-1" not in json.dumps(entry)
