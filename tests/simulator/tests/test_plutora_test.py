# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Plutora Test simulator over real HTTP: its own login, the flaky first token request, defect search, the
display-id read and the delta PATCH (README.md, "The Plutora Test simulator")."""

import json
import os

import pytest
from conftest import Api  # pylint: disable=import-error
from sim_core.launch import start, stop

SIM_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LAUNCHER = os.path.join(SIM_DIR, "plutora-test-sim")
OPERATORS = ("Equals", "NotEquals", "Contains", "NotContains", "LessThan", "LessOrEqual", "GreaterOrEqual",
             "GreaterThan", "IsWithin", "NotWithin")
PAY = "ada39bec-0a1e-5bcb-b70c-5d2c8f7f7369"
PORTAL = "1e0b9631-43db-5402-ba11-ae94bd2de18d"


class PtApi(Api):
    """The Plutora simulator tests' client (login, token, call, sim), with Plutora Test's search and raw defects."""

    def search(self, **body):
        resp = self.call("POST", "/defects/search", json=body)
        assert resp.status_code == 200, resp.text
        return resp.json()["Data"]

    def sim(self, method, path, **kwargs):
        resp = self.http.request(method, self.url + "/_sim/" + path, timeout=10, **kwargs)
        resp.raise_for_status()
        return resp.json()

    def defects(self):
        return self.sim("GET", "data")["defects"]


@pytest.fixture(scope="module")
def pt_info():
    proc, info = start(LAUNCHER)
    yield info
    assert stop(proc) == 0


@pytest.fixture
def pt(pt_info):
    client = PtApi(pt_info)
    client.sim("POST", "reset")
    return client


def ids(records):
    return sorted(r["Id"] for r in records)


def test_first_line_has_own_credentials(pt_info, sim_info):
    assert set(pt_info) == {"api_url", "auth_url", "ca_cert", "pid", "client_id", "client_secret", "username",
                            "password"}
    assert pt_info["api_url"] == pt_info["auth_url"]
    for key in ("client_id", "client_secret", "username", "password"):
        assert pt_info[key] != sim_info[key]


def test_login_and_refusals(pt):
    ok = pt.login()
    assert ok.status_code == 200 and ok.json()["token_type"] == "bearer" and ok.json()["expires_in"] == 12000
    bad_client = pt.login(client_secret="nope")
    assert bad_client.status_code == 400 and bad_client.json()["error"] == "invalid_client"
    bad_password = pt.login(password="nope")
    assert bad_password.status_code == 400 and bad_password.json()["error"] == "invalid_grant"
    as_json = pt.http.post(pt.url + "/oauth/token", json={"client_id": "x"}, timeout=10)
    assert as_json.status_code == 400 and as_json.json()["error"] == "invalid_request"
    # Release & Verify's credentials are not Plutora Test's
    assert pt.login(client_id="RELOPSDEMOCLIENT0000000001").status_code == 400


def test_first_login_fails_switch(pt):
    pt.sim("PUT", "config", json={"first_login_fails": True})
    answers = [pt.login() for _attempt in range(4)]
    assert [a.status_code for a in answers] == [500, 200, 500, 200]
    assert answers[0].content == b""
    pt.sim("PUT", "config", json={"first_login_fails": False})
    assert pt.login().status_code == 200


def test_first_login_fails_option():
    proc, info = start(LAUNCHER, ["--first-login-fails"])
    try:
        api = PtApi(info)
        assert api.sim("GET", "config")["first_login_fails"] is True
        assert [api.login().status_code for _attempt in range(2)] == [500, 200]
    finally:
        stop(proc)


def test_api_needs_a_token(pt):
    resp = pt.call("POST", "/defects/search", auth=False, json={})
    assert resp.status_code == 401
    assert resp.json() == {"Message": "Authorization has been denied for this request."}


def test_search_envelope_and_default_page(pt):
    resp = pt.call("POST", "/Defects/Search", json={})
    body = resp.json()
    assert resp.status_code == 200 and body["Status"] == "Success" and body["Messages"] == []
    data = body["Data"]
    assert data["TotalCount"] == 30 and data["RecordsPerPage"] == 25 and data["ReturnCount"] == 25
    assert data["PageNum"] == 0
    first = data["ResultSet"][0]
    assert set(first) >= {"Id", "DisplayId", "Name", "Description", "Status", "Fields", "Releases"}
    assert set(first["Status"]) == {"Id", "Value"} and first["Fields"][0].keys() == {"Name", "Value"}


def test_paging_loses_and_repeats_nothing(pt):
    seen = []
    for page in range(5):
        seen.extend(pt.search(PageNum=page, RecordsPerPage=7)["ResultSet"])
    assert len(seen) == 30 and ids(seen) == ids(pt.defects())
    past_the_end = {"ResultSet": [], "ReturnCount": 0, "TotalCount": 30, "PageNum": 9, "RecordsPerPage": 7}
    assert pt.search(PageNum=9, RecordsPerPage=7) == past_the_end
    assert pt.search(RecordsPerPage=500)["RecordsPerPage"] == 100


@pytest.mark.parametrize("operator", OPERATORS)
def test_each_operator_on_text(pt, operator):
    value = "Open,Closed" if operator in ("IsWithin", "NotWithin") else "open"
    found = pt.search(SearchFilters=[{"Property": "Status", "Operator": operator, "Value": value}],
                      RecordsPerPage=100)["ResultSet"]
    statuses = {d["Id"]: d["Status"]["Value"].lower() for d in pt.defects()}
    test = {"Equals": lambda s: s == "open", "NotEquals": lambda s: s != "open",
            "Contains": lambda s: "open" in s, "NotContains": lambda s: "open" not in s,
            "LessThan": lambda s: s < "open", "LessOrEqual": lambda s: s <= "open",
            "GreaterThan": lambda s: s > "open", "GreaterOrEqual": lambda s: s >= "open",
            "IsWithin": lambda s: s in ("open", "closed"), "NotWithin": lambda s: s not in ("open", "closed")}[operator]
    assert ids(found) == sorted(i for i, s in statuses.items() if test(s))
    assert found  # every operator finds something in the seed


@pytest.mark.parametrize("operator", ["LessThan", "GreaterOrEqual"])
def test_dates_compare_as_dates(pt, operator):
    found = pt.search(SearchFilters=[{"Property": "CreatedDate", "Operator": operator, "Value": "2026-10-01"}],
                      RecordsPerPage=100)["ResultSet"]
    expected = [d["Id"] for d in pt.defects()
                if (d["CreatedDate"] < "2026-10-01") == (operator == "LessThan")]
    assert ids(found) == sorted(expected) and found


def test_filters_need_known_fields_and_operators(pt):
    def search_with(**condition):
        return pt.call("POST", "/defects/search", json={"SearchFilters": [condition]})

    unknown = search_with(Property="Colour", Operator="Equals", Value="x")
    assert unknown.status_code == 400
    assert unknown.json() == {"Data": None, "Messages": ["Property 'Colour' does not exist on type 'Defect'."],
                              "Status": "Failed"}
    bad_op = search_with(Property="Name", Operator="Like", Value="x")
    assert bad_op.status_code == 400 and "Valid operators: Equals" in bad_op.json()["Messages"][0]
    on_date = search_with(Property="CreatedDate", Operator="Contains", Value="2026")
    assert on_date.status_code == 400


def test_custom_field_filters_are_not_honoured(pt):
    found = pt.search(SearchFilters=[{"Property": "Root Cause", "Operator": "Equals", "Value": "Null check"}])
    assert found["TotalCount"] == 30


def test_entity_field_values_prefix(pt):
    found = pt.search(SearchFilters=[{"Property": "EntityFieldValues.Status", "Operator": "Equals",
                                      "Value": "Submitted"}])
    assert found["TotalCount"] == 3


def test_releases_and_no_release(pt):
    data = pt.defects()

    def linked(defect):
        return {r["Id"] for r in defect["Releases"]}

    of_pay = pt.search(ReleaseIds=[PAY.upper()], RecordsPerPage=100)["ResultSet"]
    assert ids(of_pay) == sorted(d["Id"] for d in data if PAY in linked(d)) and len(of_pay) == 6
    none = pt.search(NoRelease=True, RecordsPerPage=100)["ResultSet"]
    assert ids(none) == sorted(d["Id"] for d in data if not d["Releases"]) and len(none) == 4
    both = pt.search(ReleaseIds=[PORTAL], NoRelease=True, RecordsPerPage=100)["ResultSet"]
    assert len(both) == 7


def test_seed_releases_are_the_plutora_simulators(pt, api):
    releases = {r["id"]: r for r in api.sim("GET", "data")["releases"]}
    for defect in pt.defects():
        for link in defect["Releases"]:
            assert releases[link["Id"]]["identifier"] == link["Identifier"]
            assert releases[link["Id"]]["name"] == link["Name"]


def test_sort_by_the_filters_direction(pt):
    found = pt.search(SearchFilters=[{"Property": "Name", "Operator": "Contains", "Value": "a",
                                      "Direction": "DESC"}], RecordsPerPage=100)["ResultSet"]
    names = [d["Name"].lower() for d in found]
    assert names == sorted(names, reverse=True)


def test_get_by_display_id(pt):
    resp = pt.call("GET", "/defects/GetByDisplayId/def-1002")
    assert resp.status_code == 200 and [d["DisplayId"] for d in resp.json()["Data"]] == ["DEF-1002"]
    missing = pt.call("GET", "/defects/GetByDisplayId/DEF-9999")
    assert missing.status_code == 200 and missing.json()["Data"] == []


def test_patch_applies_a_delta(pt):
    before = pt.call("GET", "/defects/GetByDisplayId/DEF-1001").json()["Data"][0]
    resp = pt.call("PATCH", "/defects/" + before["Id"], json={"name": "Renamed", "Description": "<p>new</p>"})
    assert resp.status_code == 200, resp.text
    after = resp.json()["Data"]
    assert after["Name"] == "Renamed" and after["Description"] == "<p>new</p>"
    assert after["Status"] == before["Status"] and after["Fields"] == before["Fields"]
    assert after["LastModifiedDate"] != before["LastModifiedDate"]
    assert pt.call("GET", "/defects/GetByDisplayId/DEF-1001").json()["Data"][0]["Name"] == "Renamed"


def test_patch_refusals(pt):
    record = pt.defects()[0]
    status = pt.call("PATCH", "/defects/" + record["Id"], json={"Status": "Closed"})
    assert status.status_code == 400 and "Status cannot be changed" in status.json()["Messages"][0]
    empty = pt.call("PATCH", "/defects/" + record["Id"], json={"Name": "  "})
    assert empty.status_code == 400
    unknown = pt.call("PATCH", "/defects/00000000-0000-0000-0000-000000000000", json={"Name": "x"})
    assert unknown.status_code == 404 and unknown.json()["Status"] == "Failed"
    assert pt.defects()[0] == record


def test_core_faults_and_budget_use_plutora_test_bodies(pt):
    pt.sim("POST", "faults", json={"path": "/defects/search", "status": 503})
    resp = pt.call("POST", "/defects/search", json={})
    assert resp.status_code == 503 and resp.json()["Messages"] == ["Injected fault."]
    pt.sim("PUT", "config", json={"rate_limit": 1})
    pt.call("POST", "/defects/search", json={})
    throttled = pt.call("POST", "/defects/search", json={})
    assert throttled.status_code == 429 and "Retry-After" in throttled.headers
    assert json.loads(throttled.text)["Status"] == "Failed"
