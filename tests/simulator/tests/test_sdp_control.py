# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The SDP simulator's /_sim/ control plane and start-up over real HTTP: reset, load (through the Add code path),
data, config, --data, --tls, and a filtered list at 10,000 releases."""

import json
import time

import pytest
import requests
from sdp_client import ACCEPT, LAUNCHER, MSSQL, Sdp, refused, sdp, sdp_info  # noqa: F401  pylint: disable=W0611,E0401
from sim_core.launch import start, stop  # pylint: disable=import-error


def test_reset_forgets_writes_and_settings(sdp):  # noqa: F811
    sdp.add(title="Gone after reset")
    sdp.sim("PUT", "config", json={"token_cap": 1})
    sdp.sim("POST", "reset")
    assert "Gone after reset" not in [r["title"] for r in sdp.sim("GET", "data")["releases"]]
    config = sdp.sim("GET", "config")
    assert config["token_cap"] == 10 and config["active_tokens"] == 15 and config["rate_limit"] == 1000
    assert sdp.sim("GET", "requests")["requests"] == []
    assert sdp.add()["id"] == "276"  # ids continue after the seed's highest


def test_load_builds_releases_like_add(sdp):  # noqa: F811
    counts = sdp.sim("POST", "load", json={"releases": [
        {"title": "Loaded", "template": {"name": "Minor Release"}, "priority": {"name": "low"}},
        {"id": "5000", "title": "Loaded with id", "template": {"id": "1"}, "stage": {"name": "testing"}}]})
    assert counts["releases"] == 12
    loaded = sdp.search(search_criteria={"field": "title", "condition": "starts with", "value": "loaded"})
    first, second = loaded["releases"]
    assert first["id"] == "276" and first["priority"]["name"] == "Low" and second["id"] == "5000"
    assert second["stage"]["name"] == "Testing"
    assert [h["operation"]["name"] for h in sdp.ok("GET", "/releases/5000/history")["history"]] == ["add"]
    with pytest.raises(requests.HTTPError):
        sdp.sim("POST", "load", json={"releases": [{"title": "no template"}]})
    with pytest.raises(requests.HTTPError):
        sdp.sim("POST", "load", json={"releases": [{"id": "3", "title": "taken", "template": {"id": "1"}}]})


def test_data_file_and_tls(tmp_path):
    seed = tmp_path / "seed.json"
    seed.write_text(json.dumps({"releases": [{"id": "1", "title": "Only one", "template": {"id": "1"}}]}))
    proc, info = start(LAUNCHER, ["--tls", "--data", str(seed), "--token-cap", "2"])
    try:
        client = Sdp(info)
        assert client.grant().json()["api_domain"] == info["cloud_url"]
        assert info["url"].startswith("https://")
        assert [r["title"] for r in client.search()["releases"]] == ["Only one"]
        assert client.sim("GET", "config")["token_cap"] == 2
        client.http.close()  # no keep-alive connection for the graceful stop to wait out
    finally:
        assert stop(proc) == 0


def test_filtered_list_stays_fast_at_10000_releases(sdp):  # noqa: F811
    bulk = [{"title": "Bulk release %05d" % n, "template": {"id": "1"}, "priority": {"name": "Low"}}
            for n in range(10000)]
    assert sdp.sim("POST", "load", json={"releases": bulk})["releases"] == 10010
    wanted = {"list_info": {"row_count": 100, "search_criteria": {"field": "title", "condition": "is",
                                                                  "value": MSSQL}}}
    started = time.perf_counter()
    for dummy in range(20):
        answer = sdp.ok("GET", "/releases", wanted)
    by_title = (time.perf_counter() - started) / 20
    assert [r["id"] for r in answer["releases"]] == ["3", "6", "8", "9", "273"]
    page = sdp.ok("GET", "/releases", {"list_info": {"row_count": 100, "start_index": 9901}})
    assert len(page["releases"]) == 100 and page["list_info"]["has_more_rows"] is True
    assert by_title < 0.05, "a title lookup took %.3f s at 10,000 releases" % by_title
    refused(sdp.call("GET", "/releases", headers={"Accept": ACCEPT}), 401, 4022)
