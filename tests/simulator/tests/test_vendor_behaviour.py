# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cross-cutting behaviour: paths, media types, whitelist, throttle, faults, request log, paging, concurrency, TLS."""

import concurrent.futures
import os
import signal
import subprocess
import sys

import pytest
import requests

from conftest import INFO_KEYS, LAUNCHER  # pylint: disable=import-error
from sim_core.launch import stop  # pylint: disable=import-error


def test_paths_are_case_insensitive(api):
    assert api.call("GET", "/LookupFields/ReleaseType").json() == api.call("GET", "/lookupfields/releasetype").json()
    assert api.call("GET", "/Releases").status_code == 200


def test_json_content_type(api):
    resp = api.call("GET", "/releases")
    assert resp.headers["content-type"] == "application/json; charset=utf-8"


def test_pascal_case_is_accepted(api):
    body = {k[:1].upper() + k[1:]: v for k, v in api.release_body("PASCAL-1").items()}
    resp = api.call("POST", "/releases", json=body)
    assert resp.status_code == 201 and resp.json()["identifier"] == "PASCAL-1"


def test_text_plain_is_refused(api):
    resp = api.call("POST", "/releases", data="identifier=x", headers={"Content-Type": "text/plain"})
    assert resp.status_code == 415
    assert resp.json() == {"message": "The request entity's media type 'text/plain' is not supported for this resource."}


def test_whitelist(api):
    api.sim("PUT", "config", json={"whitelist": ["10.0.0.0/8"]})
    for resp in (api.call("GET", "/me", auth=False), api.login()):
        assert resp.status_code == 403
        assert resp.json() == {"message": "Authorization has been denied for this request."}
    assert api.sim("GET", "config")["whitelist"] == ["10.0.0.0/8"]  # the control API stays reachable
    api.sim("PUT", "config", json={"whitelist": ["127.0.0.0/8"]})
    assert api.call("GET", "/me").status_code == 200


def test_hourly_budget_gives_429_with_retry_after(api):
    token = api.token
    api.sim("PUT", "config", json={"rate_limit": 3})
    statuses = [api.call("GET", "/me", headers={"Authorization": "bearer " + token}) for dummy in range(4)]
    assert [r.status_code for r in statuses] == [200, 200, 200, 429]
    assert 3590 <= int(statuses[3].headers["Retry-After"]) <= 3600
    assert "26000" not in statuses[3].json()["message"] and "3 per 1h" in statuses[3].json()["message"]
    assert api.login().status_code == 200  # token requests are not counted


def test_status_fault_with_retry_after(api):
    api.sim("POST", "faults", json={"method": "GET", "path": "/releases*", "count": 2, "status": 503, "retry_after": 4})
    first, second, third = (api.call("GET", "/releases") for dummy in range(3))
    assert (first.status_code, second.status_code, third.status_code) == (503, 503, 200)
    assert first.headers["Retry-After"] == "4"
    assert api.call("GET", "/me").status_code == 200


def test_delay_fault(api):
    api.sim("POST", "faults", json={"method": "GET", "path": "/me", "count": 1, "delay": 2})
    token = api.token
    with pytest.raises(requests.exceptions.ReadTimeout):
        requests.get(api.url + "/me", headers={"Authorization": "bearer " + token}, timeout=0.5)
    assert api.call("GET", "/me").status_code == 200


def test_drop_fault(api):
    token = api.token
    api.sim("POST", "faults", json={"method": "POST", "path": "/releases", "count": 1, "drop": True})
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.post(api.url + "/releases", json={}, headers={"Authorization": "bearer " + token}, timeout=5)
    assert api.sim("GET", "faults")["faults"][0]["count"] == 0


def test_request_log(api):
    api.sim("DELETE", "requests")
    api.login(password="bad")
    api.call("GET", "/Me", headers={"Authorization": "bearer " + api.token})
    log = api.sim("GET", "requests")["requests"]
    assert [(r["method"], r["path"], r["status"]) for r in log] == [
        ("POST", "/oauth/token", 400), ("POST", "/oauth/token", 200), ("GET", "/Me", 200)]
    assert {r["client_id"] for r in log} == {api.info["client_id"]}


def test_list_shapes_and_paging_over_250(api):
    bodies = [api.release_body("BULK-%03d" % n) for n in range(250)]
    assert api.call("POST", "/releases/bulk", json=bodies).status_code == 200
    bare = api.call("GET", "/releases").json()
    assert isinstance(bare, list) and len(bare) == 262
    seen = []
    for page in range(3):
        body = api.call("GET", "/releases", params={"pageNum": page, "recordsPerPage": 100}).json()
        assert sorted(body) == ["pageNum", "recordsPerPage", "resultSet", "returnCount", "totalCount"]
        assert body["totalCount"] == 262 and body["pageNum"] == page
        assert body["returnCount"] == len(body["resultSet"]) == (100 if page < 2 else 62)
        seen.extend(r["id"] for r in body["resultSet"])
    assert sorted(seen) == sorted(r["id"] for r in bare)
    capped = api.call("GET", "/releases", params={"pageNum": 0, "recordsPerPage": 500}).json()
    assert capped["recordsPerPage"] == 100 and capped["returnCount"] == 100


def test_concurrent_writers_lose_nothing(api):
    token = api.token

    def writer(index):
        # One session (connection) per writer, like one Ansible fork.
        session = requests.Session()
        session.headers["Authorization"] = "bearer " + token
        return [session.post(api.url + "/releases", json=api_body, timeout=30).json()["id"]
                for api_body in (dict(body, identifier="CONC-%d-%02d" % (index, n)) for n in range(25))]

    body = api.release_body("CONC")
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        ids = [i for chunk in pool.map(writer, range(8)) for i in chunk]
    assert len(ids) == len(set(ids)) == 200
    stored = api.call("GET", "/releases").json()
    assert len(stored) == 212
    assert sorted(r["id"] for r in stored if r["identifier"].startswith("CONC-")) == sorted(ids)


def test_other_media_types_are_refused_and_echoed(api):
    for kind in ("text/html", "text/csv"):
        resp = api.call("POST", "/changes", data="<change/>", headers={"Content-Type": kind})
        assert resp.status_code == 415
        assert resp.json() == {"message": "The request entity's media type '%s' is not supported for this resource." % kind}


def test_write_paths_are_case_insensitive(api):
    resp = api.call("POST", "/RELEASES/Filter", json={"searchFilters": [], "recordsPerPage": 1, "pageNum": 0})
    assert resp.status_code == 200 and resp.json()["totalCount"] == 12
    env = api.call("GET", "/Environments").json()[0]["id"]
    assert api.call("POST", "/environmenthealthcheck/FULLHISTORY", json={"environmentId": env}).status_code == 200
    assert api.http.post(api.url + "/OAuth/Token", data={"client_id": "x"}, timeout=10).status_code == 400


def test_request_log_details(api):
    api.sim("DELETE", "requests")
    api.call("GET", "/releases", params={"pageNum": 0, "recordsPerPage": 5})
    api.sim("GET", "config")  # control calls are never logged
    api.call("GET", "/me", auth=False)
    api.sim("PUT", "config", json={"whitelist": ["10.0.0.0/8"]})
    api.call("GET", "/me")
    log = api.sim("GET", "requests")["requests"]
    assert [(r["method"], r["path"], r["query"], r["status"]) for r in log] == [
        ("POST", "/oauth/token", "", 200), ("GET", "/releases", "pageNum=0&recordsPerPage=5", 200),
        ("GET", "/me", "", 401), ("GET", "/me", "", 403)]
    assert [r["client_id"] for r in log] == [api.info["client_id"], api.info["client_id"], None, api.info["client_id"]]
    assert api.sim("DELETE", "requests") == {"requests": []} and api.sim("GET", "requests") == {"requests": []}


def test_fault_listing_wildcards_and_clearing(api):
    api.sim("POST", "faults", json={"path": "/OAUTH/*", "count": 1, "status": 502})
    api.sim("POST", "faults", json={"method": "delete", "path": "/releases/*", "count": 5, "status": 500})
    assert [(f["method"], f["count"]) for f in api.sim("GET", "faults")["faults"]] == [("*", 1), ("DELETE", 5)]
    assert api.login().status_code == 502 and api.login().status_code == 200
    assert api.call("GET", "/releases").status_code == 200
    api.sim("DELETE", "faults")
    assert api.sim("GET", "faults") == {"faults": []}
    bad = api.http.post(api.url + "/_sim/faults", json={"path": "/x", "status": 500, "drop": True}, timeout=10)
    assert bad.status_code == 400


def test_reset_restores_everything(api):
    api.call("POST", "/releases", json=api.release_body("GONE"))
    api.sim("PUT", "config", json={"rate_limit": 1, "token_ttl": 5, "enterprise_post": False})
    api.sim("POST", "faults", json={"path": "/me", "count": 9, "status": 500})
    for dummy in range(5):
        api.login(password="bad")
    api.sim("POST", "reset")
    assert api.sim("GET", "config") == {"token_ttl": 12000, "rate_limit": 26000, "whitelist": ["0.0.0.0/0", "::/0"],
                                        "enterprise_post": True}
    assert api.sim("GET", "faults") == {"faults": []} and api.sim("GET", "requests") == {"requests": []}
    assert api.login().status_code == 200
    assert len(api.call("GET", "/releases").json()) == 12


def test_swagger_and_openapi(api):
    assert api.http.get(api.url + "/swagger", timeout=10).status_code == 200
    spec = api.http.get(api.url + "/swagger/v1/swagger.json", timeout=10).json()
    assert "/releases/{release_id}" in spec["paths"] and "/oauth/token" in spec["paths"]


def test_first_line(sim_info):
    assert sorted(sim_info) == sorted(INFO_KEYS)
    assert sim_info["api_url"] == sim_info["auth_url"]
    assert sim_info["api_url"].startswith("http://127.0.0.1:") and not sim_info["api_url"].endswith("/")
    assert sim_info["ca_cert"] is None and sim_info["username"] == "release.manager@example.com"
    assert len(sim_info["client_id"]) == 26 and sim_info["client_id"].isalnum() and sim_info["client_id"].isupper()


def test_tls_serves_with_its_own_ca(launch):
    proc, info = launch("--tls")
    assert info["api_url"].startswith("https://127.0.0.1:") and os.path.isfile(info["ca_cert"])
    assert requests.get(info["api_url"] + "/_sim/config", verify=info["ca_cert"], timeout=10).status_code == 200
    assert requests.post(info["auth_url"] + "/oauth/token", verify=info["ca_cert"], timeout=10, data={
        "client_id": info["client_id"], "client_secret": info["client_secret"], "grant_type": "password",
        "username": info["username"], "password": info["password"]}).status_code == 200
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(info["api_url"] + "/_sim/config", verify=True, timeout=10)
    assert stop(proc) == 0
    assert not os.path.exists(info["ca_cert"])  # the temporary certificate goes with the process


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_signals_end_the_process_cleanly(launch, sig):
    proc, info = launch()
    assert requests.get(info["api_url"] + "/_sim/config", timeout=10).status_code == 200
    proc.send_signal(sig)
    assert proc.wait(timeout=10) == 0


def test_command_line_options(launch):
    proc, info = launch("--token-ttl", "77", "--rate-limit", "5", "--whitelist", "127.0.0.0/8,10.0.0.0/8")
    config = requests.get(info["api_url"] + "/_sim/config", timeout=10).json()
    assert config == {"token_ttl": 77, "rate_limit": 5, "whitelist": ["127.0.0.0/8", "10.0.0.0/8"],
                      "enterprise_post": True}
    assert info["pid"] == proc.pid
    form = {"client_id": info["client_id"], "client_secret": info["client_secret"], "grant_type": "password",
            "username": info["username"], "password": info["password"]}
    assert requests.post(info["auth_url"] + "/oauth/token", data=form, timeout=10).json()["expires_in"] == 77


def test_data_file_replaces_the_seed(launch, tmp_path):
    seed = tmp_path / "seed.json"
    seed.write_text('{"credentials": {"client_id": "C", "client_secret": "S", "username": "u@example.com", '
                    '"password": "P"}, "releases": []}')
    dummy, info = launch("--data", str(seed))
    assert (info["client_id"], info["username"]) == ("C", "u@example.com")
    token = requests.post(info["auth_url"] + "/oauth/token", timeout=10, data={
        "client_id": "C", "client_secret": "S", "grant_type": "password", "username": "u@example.com",
        "password": "P"}).json()["access_token"]
    headers = {"Authorization": "bearer " + token}
    assert requests.get(info["api_url"] + "/releases", headers=headers, timeout=10).json() == []
    assert len(requests.get(info["api_url"] + "/systems", headers=headers, timeout=10).json()) == 8  # built-in kept


def test_built_in_seed_is_a_valid_data_file(launch, api):
    seed_file = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "plutora_sim", "seed.json")
    dummy, info = launch("--data", seed_file)
    assert requests.get(info["api_url"] + "/_sim/data", timeout=10).json() == api.sim("GET", "data")


def test_bad_data_file_is_refused(tmp_path):
    seed = tmp_path / "seed.json"
    seed.write_text('{"release": []}')
    done = subprocess.run([sys.executable, LAUNCHER, "--data", str(seed)], capture_output=True, timeout=30, check=False)
    assert done.returncode == 2 and b"unknown seed keys release" in done.stderr and done.stdout == b""
