# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The SDP envelope over real HTTP: input_data on every method, ids and date-times, lookups, response_status
object or array, the error model with its HTTP statuses, the per-URL budget and faults."""

import json

from sdp_client import refused, sdp, sdp_info  # noqa: F401  pylint: disable=unused-import,import-error


def test_input_data_in_query_or_form_body_on_get(sdp):  # noqa: F811
    wanted = {"list_info": {"row_count": 2}}
    in_query = sdp.ok("GET", "/releases", wanted)
    in_body = sdp.ok("GET", "/releases", wanted, body=True)
    assert in_query == in_body and in_query["list_info"]["row_count"] == 2
    resp = sdp.call("GET", "/releases", params={"input_data": "{not json"})
    refused(resp, 400, 4000, "input_data")
    resp = sdp.http.post(sdp.base + "/releases", data=json.dumps({"release": {}}), timeout=10,
                         headers=dict(sdp.headers, **{"Content-Type": "application/json"}))
    refused(resp, 415, 4000)


def test_ids_and_date_times(sdp):  # noqa: F811
    record = sdp.add(scheduled_start_time={"value": 1767261600000, "display_value": "whatever"},
                     scheduled_end_time={"value": "2026-01-01T14:00:00Z"})
    assert isinstance(record["id"], str) and record["id"].isdigit()
    # The server recomputes display_value from value (2.5); ISO text is read as an instant (9.10).
    assert record["scheduled_start_time"] == {"display_value": "Jan 1, 2026 10:00 AM", "value": "1767261600000"}
    assert record["scheduled_end_time"]["value"] == "1767276000000"
    assert record["created_time"]["value"].isdigit()
    soon = {"title": "t", "template": {"id": "1"}, "scheduled_start_time": {"value": "soon"}}
    refused(sdp.call("POST", "/releases", {"release": soon}), 400, 4021, "scheduled_start_time")
    refused(sdp.call("POST", "/releases", {"release": {
        "title": "t", "template": {"id": "1"}, "scheduled_start_time": {"value": "1767276000000"},
        "scheduled_end_time": {"value": "1767261600000"}}}), 400, 4016, "scheduled_end_time")


def test_lookups_by_name_in_any_case_or_id_returned_as_objects(sdp):  # noqa: F811
    record = sdp.add(priority={"name": "high"}, urgency={"name": "URGENT"}, release_type={"id": "1"},
                     impact={"id": "3", "name": "High"}, services=[{"name": "email"}, {"id": "4"}])
    assert record["priority"] == {"color": "#ff0000", "name": "High", "id": "4"}
    assert record["urgency"] == {"name": "Urgent", "id": "1"}
    assert record["release_type"] == {"color": "#aaff66", "pre_approved": True, "name": "Standard", "id": "1"}
    assert record["impact"] == {"name": "Low", "id": "3"}  # the id wins over the name (2.5)
    assert [s["name"] for s in record["services"]] == ["Email", "Payroll"]
    huge = {"title": "t", "template": {"id": "1"}, "priority": {"name": "Huge"}}
    entry = refused(sdp.call("POST", "/releases", {"release": huge}), 400, 4001, "priority")
    assert entry["message"] == "Value given for priority is not valid"
    bare = {"title": "t", "template": {"id": "1"}, "priority": "High"}
    refused(sdp.call("POST", "/releases", {"release": bare}), 400, 4021, "priority")


def test_response_status_object_or_array_as_the_seed_shows(sdp):  # noqa: F811
    shapes = {
        "get": sdp.ok("GET", "/releases/3"), "list": sdp.ok("GET", "/releases"),
        "history": sdp.ok("GET", "/releases/3/history"), "comments": sdp.ok("GET", "/releases/3/status_comments"),
        "summary": sdp.ok("GET", "/releases/3/summary"), "permissions": sdp.ok("GET", "/releases/3/get_permissions"),
        "approvals": sdp.ok("GET", "/releases/3/approval_levels/approval_summary"),
        "pickup": sdp.ok("PUT", "/releases/pickup", {}, params={"ids": "3"}),
    }
    arrays = sorted(k for k, v in shapes.items() if isinstance(v["response_status"], list))
    assert arrays == ["approvals", "comments", "history", "list", "pickup"]
    assert shapes["get"]["response_status"] == {"status_code": 2000, "status": "success"}
    assert shapes["pickup"]["response_status"] == [{"status_code": 2000, "status": "success", "id": "3"}]


def test_error_model(sdp):  # noqa: F811
    refused(sdp.call("GET", "/releases/999999"), 404, 4007, "id")
    refused(sdp.call("GET", "/releases/abc"), 404, 4007)
    refused(sdp.call("GET", "/problems"), 404, 4007)
    refused(sdp.call("POST", "/releases/3"), 404, 4007)  # a method the URL does not take
    entry = refused(sdp.call("POST", "/releases", {"release": {"template": {"id": "1"}}}), 400, 4012, "title")
    assert entry["fields"] == ["title"]
    refused(sdp.call("PUT", "/releases/3", {"release": {"created_time": {"value": "1"}}}), 400, 4014,
            "created_time")
    refused(sdp.call("PUT", "/releases/3", {"release": {"colour": "red"}}), 400, 4000, "colour")
    refused(sdp.call("PUT", "/releases/3", {"release": {"title": 7}}), 400, 4021, "title")
    assert sdp.sim("GET", "requests")["requests"][-1]["status"] == 400


def test_per_url_budget(sdp):  # noqa: F811
    sdp.sim("PUT", "config", json={"rate_limit": 3})
    statuses = [sdp.call("GET", "/releases/3") for dummy in range(4)]
    assert [r.status_code for r in statuses] == [200, 200, 200, 429]
    entry = refused(statuses[3], 429, 4015)
    assert "maximum access limit" in entry["message"]
    assert 1 <= int(statuses[3].headers["Retry-After"]) <= 60
    assert sdp.call("GET", "/releases/6").status_code == 200  # another URL has its own budget
    assert sdp.call("PUT", "/releases/3", {"release": {"description": "x"}}).status_code == 200  # and method


def test_faults_answer_in_the_envelope(sdp):  # noqa: F811
    sdp.sim("POST", "faults", json={"path": "/api/v3/releases", "method": "POST", "status": 503, "retry_after": 4})
    resp = sdp.call("POST", "/releases", {"release": {"title": "t", "template": {"id": "1"}}})
    assert resp.status_code == 503 and resp.headers["Retry-After"] == "4"
    assert resp.json()["response_status"]["messages"][0]["status_code"] == 4004
    before = len(sdp.sim("GET", "data")["releases"])
    # A lost answer after the server acted: the release exists although the client saw a failure.
    sdp.sim("POST", "faults", json={"path": "/api/v3/releases", "method": "POST", "status": 502, "after": True})
    assert sdp.call("POST", "/releases", {"release": {"title": "lost", "template": {"id": "1"}}}).status_code == 502
    found = sdp.search(search_criteria={"field": "title", "condition": "is", "value": "lost"})["releases"]
    assert len(found) == 1 and len(sdp.sim("GET", "data")["releases"]) == before + 1
