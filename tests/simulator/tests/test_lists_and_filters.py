# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Directory endpoints, list shapes and paging, the GET filter grammar and the searchFilters operators (§2.1, §4, §5.2)."""

import pytest

LOOKUP_TYPES = ("ChangeRequestType", "ChangeRequestStatus", "BookingRequestType", "BookingRequestStatus",
                "StakeholderRole", "ReleaseType", "ReleaseStatusType", "ReleaseRiskLevel", "SystemRoleDependencyType",
                "ChangePriority", "ChangeStatus", "ChangeType", "ChangeDeliveryRisk", "ChangeTheme", "EnvironmentStatus",
                "UsedForWorkItem", "StackLayer")


def data(api, key):
    return api.sim("GET", "data")[key]


def test_every_lookup_type(api):
    listed = api.call("GET", "/lookupfields").json()
    assert [t["name"] for t in listed][:len(LOOKUP_TYPES)] == list(LOOKUP_TYPES)  # the seeded ones, then the rest
    for kind in LOOKUP_TYPES:
        items = api.call("GET", "/lookupfields/" + kind).json()
        assert items and all(i["type"] == kind and i["value"] and isinstance(i["sortOrder"], int) for i in items)
    statuses = {i["value"]: i["isEndState"] for i in api.call("GET", "/lookupfields/ReleaseStatusType").json()}
    assert statuses == {"Draft": False, "Screening": False, "Approved": False, "In Progress": False, "Deployed": False,
                        "Completed": True, "Cancelled": True, "Abandoned": True}
    assert api.call("GET", "/lookupfields/Nonsense").status_code == 404


def test_directory_shapes(api):
    users = api.call("GET", "/users").json()
    assert len(users) == 6
    assert all(sorted(u) == ["firstName", "id", "lastName", "phoneNumber", "roles", "status", "userName"] for u in users)
    assert "release.manager@example.com" in [u["userName"] for u in users]
    tree = api.call("GET", "/organizations/tree").json()
    assert (tree["name"], tree["type"]) == ("Acme Group", "Company")
    assert sorted(c["name"] for c in tree["childs"]) == ["Digital Banking", "Payments", "Platform Engineering"]
    envs = api.call("GET", "/environments").json()
    assert len(envs) == 32
    assert sorted(envs[0]) == ["color", "id", "lastModifiedBy", "lastModifiedDate", "linkedSystem", "name", "status",
                               "url", "usageWorkItem"]
    assert api.call("GET", "/environments/11111111-2222-3333-4444-555555555555").status_code == 404
    assert api.call("GET", "/systems/11111111-2222-3333-4444-555555555555").status_code == 404


def test_create_system(api):
    org = api.call("GET", "/organizations").json()[2]
    resp = api.call("POST", "/systems", json={"Name": "Fraud Engine", "Vendor": "Acme", "Status": "Active",
                                              "OrganizationId": org["id"]})
    assert resp.status_code == 201
    system = resp.json()
    assert (system["name"], system["organization"], system["additionalInformation"]) == ("Fraud Engine", org["name"], [])
    assert api.call("GET", "/systems/" + system["id"]).json()["name"] == "Fraud Engine"
    bad = api.call("POST", "/systems", json={"name": "x", "status": "Sleeping"})
    assert bad.status_code == 400
    assert sorted(bad.json()["modelState"]) == ["system.organizationId", "system.status", "system.vendor"]


@pytest.mark.parametrize("path", ["/releases", "/changes", "/users", "/organizations", "/systems", "/environments"])
def test_every_list_is_bare_or_paged(api, path):
    bare = api.call("GET", path).json()
    assert isinstance(bare, list) and bare
    paged = api.call("GET", path, params={"pageNum": 0, "recordsPerPage": 2}).json()
    assert paged == {"resultSet": bare[:2], "returnCount": 2, "totalCount": len(bare), "pageNum": 0, "recordsPerPage": 2}


def test_paging_edges(api):
    one = api.call("GET", "/releases", params={"pageNum": 0, "recordsPerPage": 0}).json()
    assert (one["recordsPerPage"], one["returnCount"], one["totalCount"]) == (1, 1, 12)
    default = api.call("GET", "/releases", params={"PageNum": 0}).json()  # parameter names in any case
    assert (default["recordsPerPage"], default["returnCount"]) == (100, 12)
    beyond = api.call("GET", "/releases", params={"pageNum": 5, "recordsPerPage": 10}).json()
    assert (beyond["resultSet"], beyond["returnCount"], beyond["totalCount"], beyond["pageNum"]) == ([], 0, 12, 5)
    both = api.call("GET", "/releases", params={"pageNum": 0, "recordsPerPage": 2,
                                                "filter": "`plutoraReleaseType` = `Enterprise`"}).json()
    assert both["totalCount"] == 3 and both["returnCount"] == 2
    assert api.call("GET", "/releases", params={"pageNum": "first"}).status_code == 400


def test_paging_over_loaded_records(api):
    template = dict(data(api, "releases")[6])
    loaded = [dict(template, id="00000000-0000-4000-8000-%012d" % n, identifier="LOAD-%03d" % n) for n in range(255)]
    assert api.sim("POST", "load", json={"releases": loaded})["releases"] == 267
    seen = []
    page = 0
    while True:
        body = api.call("GET", "/releases", params={"pageNum": page, "recordsPerPage": 100}).json()
        seen.extend(r["identifier"] for r in body["resultSet"])
        if body["returnCount"] < 100:
            break
        page += 1
    assert page == 2 and len(seen) == len(set(seen)) == 267
    assert api.call("GET", "/releases/00000000-0000-4000-8000-000000000254").json()["identifier"] == "LOAD-254"


def changes_where(api, test, key="businessValueScore"):
    return sorted(c["changeId"] for c in data(api, "changes") if test(c.get(key)))


def get_changes(api, expression):
    resp = api.call("GET", "/changes", params={"filter": expression})
    assert resp.status_code == 200, resp.text
    return sorted(c["changeId"] for c in resp.json())


@pytest.mark.parametrize("words, test", [
    (("Equals", "=", "equals"), lambda v: v == 60),
    (("NotEquals", "!="), lambda v: v != 60),
    (("GreaterThan", ">"), lambda v: v > 60),
    (("GreaterOrEqual", ">="), lambda v: v >= 60),
    (("LessThan", "<"), lambda v: v < 60),
    (("LessOrEquals", "LessOrEqual", "<="), lambda v: v <= 60),
])
def test_get_filter_comparisons_in_words_and_symbols(api, words, test):
    wanted = changes_where(api, test)
    assert 0 < len(wanted) < 30 or words[0] == "NotEquals"
    for word in words:
        assert get_changes(api, "`businessValueScore` %s `60`" % word) == wanted, word


def test_get_filter_text_operators(api):
    contains = changes_where(api, lambda v: "login" in v.lower(), "name")
    assert contains and get_changes(api, "`name` Contains `LOGIN`") == contains == get_changes(api, "`name` ~ `login`")
    rest = changes_where(api, lambda v: "login" not in v.lower(), "name")
    assert get_changes(api, "`name` NotContains `login`") == rest == get_changes(api, "`name` !~ `Login`")
    within = get_changes(api, "`changeStatusName` = `Draft` or `changeStatusName` = `Approved`")
    assert len(within) == 10 and get_changes(api, "`changeStatusName` IsWithin `Draft,Approved`") == within


def test_get_filter_has_value(api):
    with_manager = sorted(r["identifier"] for r in data(api, "releases") if r["managerId"])
    for expression in ("`managerId` HasValue", "`managerId` !\u2205"):
        found = api.call("GET", "/releases", params={"filter": expression}).json()
        assert sorted(r["identifier"] for r in found) == with_manager
    for expression in ("`manager` HasNoValue", "`managerId` \u2205"):
        found = api.call("GET", "/releases", params={"filter": expression}).json()
        assert sorted(r["identifier"] for r in found) == ["AUTH-2.9", "NOTIF-1.8"]


@pytest.mark.parametrize("value", ["2027-01-01", "2027/01/01", "01/01/2027", "01-01-2027", "2027-01-01T00:00:00"])
def test_get_filter_date_formats(api, value):
    found = api.call("GET", "/releases", params={"filter": "`implementationDate` >= `%s`" % value}).json()
    assert sorted(r["identifier"] for r in found) == ["DWH-3.1", "MOB-12.5", "REL-2027.01"]


def test_and_binds_tighter_than_or_and_case_is_ignored(api):
    def identifiers(expression):
        return sorted(r["identifier"] for r in api.call("GET", "/releases", params={"filter": expression}).json())

    assert identifiers("`identifier` = `PAY-4.2` or `identifier` ~ `MOB` and `releaseRiskLevel` = `High`") == ["PAY-4.2"]
    assert identifiers("( `identifier` = `PAY-4.2` or `identifier` ~ `MOB` ) and `releaseRiskLevel` = `Low`") == [
        "MOB-12.4", "MOB-12.5", "PAY-4.2"]
    assert identifiers("`IDENTIFIER` EQUALS `pay-4.2` OR `Identifier` equals `AUTH-2.9`") == ["AUTH-2.9", "PAY-4.2"]


def test_filter_errors(api):
    for path, entity in (("/organizations", "Organization"), ("/users", "User"), ("/releases", "Release")):
        resp = api.call("GET", path, params={"filter": "`nosuch` equals `x`"})
        assert resp.status_code == 500
        assert resp.json()["message"] and resp.json()["exceptionMessage"] == (
            "Property 'nosuch' does not exist on type '%s'." % entity)
    bad = api.call("GET", "/releases", params={"filter": "`name` resembles `x`"})
    assert bad.status_code == 400 and bad.json() == {"message": "Unknown filter operator 'resembles'."}


def search_changes(api, prop, operator, value, direction="ASC"):
    resp = api.call("POST", "/changes/filter", json={"searchFilters": [
        {"property": prop, "operator": operator, "value": value, "direction": direction}],
        "recordsPerPage": 100, "pageNum": 0})
    assert resp.status_code == 200, resp.text
    return [c["changeId"] for c in resp.json()["resultSet"]]


def test_search_list_operators(api):
    names = {c["changeId"]: c for c in api.call("POST", "/changes/filter", json={"searchFilters": []}).json()["resultSet"]}
    within = sorted(n for n, c in names.items() if c["changeStatusName"] in ("Draft", "Approved"))
    assert sorted(search_changes(api, "changeStatusName", "IsWithin", "draft, APPROVED")) == within and within
    assert sorted(search_changes(api, "changeStatusName", "NotWithin", "Draft,Approved")) == sorted(
        set(names) - set(within))
    assert sorted(search_changes(api, "businessValueScore", "IsWithin", "0,37,74")) == sorted(
        n for n, c in names.items() if c["businessValueScore"] in (0, 37, 74))
    assert sorted(search_changes(api, "name", "StartsWith", "chg-00")) == list(range(1, 10))


def test_search_sorts_numbers_as_numbers_and_text_without_case(api):
    scores = search_changes(api, "businessValueScore", "GreaterOrEqual", "0", "DESC")
    by_score = {c["changeId"]: c["businessValueScore"] for c in data(api, "changes")}
    values = [by_score[n] for n in scores]
    assert values == sorted(values, reverse=True) and len(values) == 30
    assert search_changes(api, "businessValueScore", "LessThan", "9") == sorted(
        (n for n, v in by_score.items() if v < 9), key=lambda n: by_score[n])


def test_release_search_pascal_case_and_errors(api):
    resp = api.call("POST", "/releases/filter", json={"SearchFilters": [
        {"Property": "plutoraReleaseType", "Operator": "Equals", "Value": "enterprise", "Direction": "ASC"},
        {"Property": "implementationDate", "Operator": "LessThan", "Value": "2027-01-01T00:00:00Z", "Direction": "DESC"}],
        "RecordsPerPage": 10, "PageNum": 0})
    assert [r["identifier"] for r in resp.json()["resultSet"]] == ["REL-2026.12", "REL-2026.11"]
    unknown = api.call("POST", "/releases/filter", json={"searchFilters": [{"property": "colour", "value": "x"}]})
    assert unknown.status_code == 500 and "colour" in unknown.json()["exceptionMessage"]
    direction = api.call("POST", "/releases/filter", json={"searchFilters": [
        {"property": "name", "operator": "Equals", "value": "x", "direction": "UP"}]})
    assert direction.status_code == 400 and "ASC, DESC" in direction.json()["message"]
