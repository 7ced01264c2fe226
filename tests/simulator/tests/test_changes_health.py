# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Changes (plutora-api.md 2.3, 5.1, 5.2) and environment health checks (2.5, 5.5)."""

import concurrent.futures
import datetime
import hashlib

import pytest
import requests


def seeded(api):
    return api.sim("GET", "data")["changes"]


def test_change_crud(api):
    created = api.call("POST", "/changes", json={"name": "CHG new", "businessValueScore": 42,
                                                 "changeStatusId": api.lookup("ChangeStatus", "Draft")})
    assert created.status_code == 201
    change = created.json()
    assert change["changeId"] == 31 and change["changeStatusName"] == "Draft" and change["raisedDate"]
    assert api.call("GET", "/changes/" + change["id"]).json()["name"] == "CHG new"
    change["name"] = "CHG renamed"
    updated = api.call("PUT", "/changes/" + change["id"], json=change)
    assert updated.status_code == 200 and updated.json()["name"] == "CHG renamed"
    assert api.call("PUT", "/changes/" + change["id"], json=dict(change, id=seeded(api)[0]["id"])).status_code == 400
    assert api.call("DELETE", "/changes/" + change["id"]).status_code == 200
    assert api.call("GET", "/changes/" + change["id"]).status_code == 404
    assert api.call("DELETE", "/changes/" + change["id"]).status_code == 200  # the vendor's 200 for unknown ids
    assert api.call("POST", "/changes", json={"name": ""}).json()["modelState"] == {"change.name": ["Name cannot be blank"]}


def test_change_form_post_and_bulk(api):
    form = api.call("POST", "/changes", data={"Name": "From a form", "ChangePriorityId": api.lookup("ChangePriority", "Low")})
    assert form.status_code == 201 and form.json()["changePriorityName"] == "Low"
    bulk = api.call("POST", "/changes/bulk", json=[{"name": "B1"}, {"name": "B2"}])
    assert bulk.status_code == 200 and bulk.json() == []
    assert len(seeded(api)) == 33


def search(api, filters, size=100, page=0, limit=None):
    body = {"searchFilters": filters, "recordsPerPage": size, "pageNum": page}
    if limit:
        body["limit"] = limit
    return api.call("POST", "/changes/filter", json=body)


def expected(changes, key, test):
    return sorted(c["id"] for c in changes if test(c.get(key)))


@pytest.mark.parametrize("operator, value, test", [
    ("Equals", "60", lambda v: v == 60),
    ("NotEquals", "60", lambda v: v != 60),
    ("GreaterThan", "50", lambda v: v > 50),
    ("GreaterOrEqual", "50", lambda v: v >= 50),
    ("LessThan", "20", lambda v: v < 20),
    ("LessOrEqual", "20", lambda v: v <= 20),
])
def test_numeric_operators(api, operator, value, test):
    body = search(api, [{"property": "businessValueScore", "operator": operator, "value": value}]).json()
    assert sorted(c["id"] for c in body["resultSet"]) == expected(seeded(api), "businessValueScore", test)


@pytest.mark.parametrize("operator, test", [
    ("Contains", lambda v: "login" in v.lower()),
    ("NotContains", lambda v: "login" not in v.lower()),
])
def test_text_operators(api, operator, test):
    body = search(api, [{"property": "name", "operator": operator, "value": "LOGIN"}]).json()
    assert sorted(c["id"] for c in body["resultSet"]) == expected(seeded(api), "name", test)


def test_dates_compare_as_dates_and_directions_sort(api):
    body = search(api, [{"property": "lastModifiedDate", "operator": "GreaterOrEqual", "value": "2026-11-15T00:00:00Z",
                         "direction": "DESC"}]).json()
    wanted = sorted((c for c in seeded(api) if c["lastModifiedDate"] >= "2026-11-15T00:00:00"),
                    key=lambda c: c["lastModifiedDate"], reverse=True)
    assert [c["id"] for c in body["resultSet"]] == [c["id"] for c in wanted]
    ascending = search(api, [{"property": "lastModifiedDate", "operator": "GreaterOrEqual", "value": "2026-11-15",
                              "direction": "ASC"}]).json()
    assert [c["id"] for c in ascending["resultSet"]] == [c["id"] for c in reversed(wanted)]


def test_paging_and_limit(api):
    pages = [search(api, [], size=7, page=p).json() for p in range(5)]
    assert [p["returnCount"] for p in pages] == [7, 7, 7, 7, 2] and pages[0]["totalCount"] == 30
    assert len({c["id"] for p in pages for c in p["resultSet"]}) == 30
    limited = search(api, [], size=100, limit=12).json()
    assert limited["totalCount"] == 12 and limited["returnCount"] == 12


def test_default_limit_is_ten_thousand(api):
    api.sim("POST", "load", json={"changes": [{"id": "00000000-0000-0000-0000-%012d" % n, "name": "bulk %d" % n,
                                               "lastModifiedDate": "2026-01-01T00:00:00"} for n in range(10000)]})
    assert search(api, [], size=1).json()["totalCount"] == 10000


def test_unknown_property_and_operator(api):
    unknown = search(api, [{"property": "colour", "operator": "Equals", "value": "red"}])
    assert unknown.status_code == 500
    assert unknown.json()["exceptionMessage"] == "Property 'colour' does not exist on type 'Change'."
    bad = search(api, [{"property": "name", "operator": "Resembles", "value": "x"}])
    assert bad.status_code == 400 and bad.json()["message"].startswith("Operator 'Resembles' is not supported.")


def env_id(api, name):
    return [e for e in api.call("GET", "/environments").json() if e["name"] == name][0]["id"]


@pytest.mark.parametrize("health, number", [(0, 0), (1, 1), ("2", 2), ("Issue", 3), ("NoData", 0)])
def test_health_check_json(api, health, number):
    env = env_id(api, "Ledger Core - UAT")
    resp = api.call("POST", "/environmentHealthCheck", json={"environmentId": env, "health": health, "testName": "t"})
    assert resp.status_code == 200 and resp.headers["content-type"] == "application/json"
    body = resp.json()
    assert body["Status"] == "Success" and body["Messages"] == ["Created record for EnvironmentTransaction"]
    assert body["Data"]["health"] == number and body["Data"]["environment"] == "Ledger Core - UAT"


def test_health_check_multipart_with_log(api):
    env = env_id(api, "Ledger Core - SIT")
    log = "line one\nµ ünïcode line two\n\ttabbed\n"
    form = {"environmentId": env, "health": "3", "testName": "smoke", "executionDate": "2026-11-21T10:00:00+01:00"}
    resp = api.call("POST", "/environmentHealthCheck", data=form,
                    files={"logFile": ("smoke.txt", log.encode("utf-8"), "text/plain")})
    assert resp.status_code == 200
    history = api.call("POST", "/environmentHealthCheck/FullHistory", json={
        "environmentId": env, "startDate": "2026-11-21T00:00:00Z", "endDate": "2026-11-22T00:00:00Z"}).json()
    assert len(history) == 1
    assert history[0]["logFile"] == log and history[0]["logFileName"] == "smoke.txt"
    assert history[0]["executionDate"] == "2026-11-21T09:00:00" and history[0]["healthStatus"] == "Issue"


def test_health_check_errors(api):
    for body in ({"health": 1, "testName": "x"}, {"environmentId": "11111111-2222-3333-4444-555555555555", "health": 1}):
        resp = api.call("POST", "/environmentHealthCheck", json=body)
        assert resp.status_code == 400 and resp.json()["Messages"]
    body = {"environmentId": env_id(api, "Ledger Core - UAT"), "health": "Great"}
    resp = api.call("POST", "/environmentHealthCheck", json=body)
    assert resp.json()["Messages"] == ["Health 'Great' is not valid. Valid values: 0 Unknown, 1 Online, 2 Offline, 3 Issue."]


def test_history_window_and_current_status(api):
    env = env_id(api, "Mobile App - PROD")
    for day, test, value in ((1, "smoke", 1), (2, "smoke", 2), (3, "db", 1), (9, "smoke", 1)):
        api.call("POST", "/environmentHealthCheck", json={
            "environmentId": env, "health": value, "testName": test,
            "executionDate": datetime.datetime(2026, 11, day, 12).isoformat()})
    history = api.call("POST", "/environmentHealthCheck/FullHistory", json={
        "environmentId": env, "startDate": "2026-11-02T00:00:00Z", "endDate": "2026-11-05T00:00:00Z"}).json()
    assert [(h["testName"], h["health"]) for h in history] == [("smoke", 2), ("db", 1)]
    other = env_id(api, "Payments API - UAT")
    status = api.call("POST", "/environmentHealthCheck/CurrentStatus", json={"environmentIds": [env, other]}).json()
    assert status[0]["environmentId"] == env and status[0]["lastExecutionDate"] == "2026-11-09T12:00:00"
    assert sorted((t["testName"], t["health"]) for t in status[0]["tests"]) == [("db", 1), ("smoke", 1)]
    assert status[1]["environment"] == "Payments API - UAT" and len(status[1]["tests"]) == 2
    assert api.call("POST", "/environmentHealthCheck/CurrentStatus", json={"environmentIds": ""}).status_code == 400


def test_health_check_defaults_to_now(api):
    env = env_id(api, "Search Gateway - Dev")
    before = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None, microsecond=0)
    body = {"environmentId": env, "health": 1, "testName": "ping"}
    data = api.call("POST", "/environmentHealthCheck", json=body).json()["Data"]
    after = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    stamp = datetime.datetime.fromisoformat(data["executionDate"])
    assert before <= stamp <= after and "+" not in data["executionDate"] and not data["executionDate"].endswith("Z")
    assert data["logFile"] is None and data["logFileName"] is None


def test_log_file_arrives_byte_for_byte(api):
    env = env_id(api, "Search Gateway - UAT")
    raw = b"first line\r\nsecond \xc2\xb5 line\n\x00\xff not utf-8 \xfe\n" * 50
    resp = api.call("POST", "/environmentHealthCheck", data={"environmentId": env, "health": "Offline", "testName": "x"},
                    files={"logFile": ("run.log", raw, "application/octet-stream")})
    record = resp.json()["Data"]
    assert record["logFileSize"] == len(raw) and record["logFileName"] == "run.log"
    assert record["logFileSha256"] == hashlib.sha256(raw).hexdigest()
    back = api.http.get(api.url + "/_sim/healthchecks/%s/logfile" % record["id"], timeout=10)
    assert back.status_code == 200 and back.content == raw
    assert "logFileBase64" not in record


def test_concurrent_changes_get_unique_sequence_numbers(api):
    token = api.token

    def create(index):
        session = requests.Session()
        return [session.post(api.url + "/changes", json={"name": "C%d-%d" % (index, n)}, timeout=30,
                             headers={"Authorization": "Bearer " + token}).json()["changeId"] for n in range(10)]

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        numbers = [n for chunk in pool.map(create, range(8)) for n in chunk]
    assert sorted(numbers) == list(range(31, 111))
