# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Releases: CRUD, vendor rules, whole-object PUT, systems, custom fields, filters (plutora-api.md 2.2, 3, 4)."""

import pytest


def by_identifier(api, identifier):
    return [r for r in api.call("GET", "/releases").json() if r["identifier"] == identifier][0]


def test_directory_endpoints(api):
    assert api.call("GET", "/me").json() == "release.manager@example.com"
    types = api.call("GET", "/lookupfields").json()
    assert {"name": "ReleaseStatusType", "description": "Release Status"} in types
    statuses = api.call("GET", "/lookupfields/ReleaseStatusType").json()
    assert sorted(s["value"] for s in statuses if s["isEndState"]) == ["Abandoned", "Cancelled", "Completed"]
    assert sorted(statuses[0]) == ["id", "isEndState", "sortOrder", "type", "value"]
    assert api.call("GET", "/lookupfields/NoSuchType").status_code == 404
    orgs = api.call("GET", "/organizations").json()
    assert orgs[0] == {"id": orgs[0]["id"], "name": "Acme Group", "type": "Company"}
    assert len(api.call("GET", "/organizations/tree").json()["childs"]) == 3
    users = api.call("GET", "/users", params={"filter": "`userName` equals `dev.lead@example.com`"}).json()
    assert [u["firstName"] for u in users] == ["Devon"]
    systems = api.call("GET", "/systems").json()
    assert len(systems) == 8 and api.call("GET", "/systems/" + systems[0]["id"]).json()["organization"]
    envs = api.call("GET", "/environments", params={"filter": "`linkedSystem` = `Payments API`"}).json()
    assert sorted(e["usageWorkItem"] for e in envs) == ["Dev", "PROD", "SIT", "UAT"]
    full = api.call("GET", "/environments/" + envs[0]["id"]).json()
    assert full["linkedSystem"] == "Payments API" and full["environmentStatus"] == "Active"


def test_create_returns_the_full_record(api):
    resp = api.call("POST", "/releases", json=api.release_body("NEW-1", implementationDate="2027-03-01T10:00:00+02:00"))
    assert resp.status_code == 201
    record = resp.json()
    assert record["implementationDate"] == "2027-03-01T08:00:00"  # stored as UTC without a zone
    assert (record["releaseType"], record["releaseStatusType"], record["releaseRiskLevel"]) == ("Minor", "Draft", "Low")
    assert record["organization"] == "Digital Banking" and record["manager"] is None
    assert len(record["additionalInformation"]) == 8
    assert all(item["text"] is None for item in record["additionalInformation"])
    assert api.call("GET", "/releases/" + record["id"]).json() == record


def test_create_names_every_missing_field(api):
    resp = api.call("POST", "/releases", json={"name": ""})
    assert resp.status_code == 400
    assert resp.json()["modelState"] == {
        "release.identifier": ["Release ID cannot be blank"],
        "release.name": ["Release Name cannot be blank"],
        "release.releaseTypeId": ["Release Type must be selected from the drop down"],
        "release.releaseStatusTypeId": ["Release Status must be selected from the drop down"],
        "release.releaseRiskLevelId": ["Risk Level must be selected from the drop down"],
        "release.implementationDate": ["Implementation Date must be set"],
        "release.organizationId": ["Portfolio Association must be selected from the drop down"],
    }


def test_unknown_lookup_id_is_named(api):
    resp = api.call("POST", "/releases", json=api.release_body("X", releaseTypeId="00000000-0000-0000-0000-000000000001"))
    assert resp.json()["modelState"] == {
        "release.releaseTypeId": ["The value '00000000-0000-0000-0000-000000000001' is not a valid Release Type."]}


def test_end_state_on_create_is_refused(api):
    body = api.release_body("X", releaseStatusTypeId=api.lookup("ReleaseStatusType", "Completed"))
    resp = api.call("POST", "/releases", json=body)
    assert resp.status_code == 400
    assert resp.json()["modelState"]["internalServerValidationError"] == [
        "A release cannot be created with the End State status 'Completed'."]


def test_enterprise_post_follows_the_switch(api):
    assert api.call("POST", "/releases", json=api.release_body("ENT-1", plutoraReleaseType="Enterprise")).status_code == 201
    api.sim("PUT", "config", json={"enterprise_post": False})
    resp = api.call("POST", "/releases", json=api.release_body("ENT-2", plutoraReleaseType="Enterprise"))
    assert resp.status_code == 400 and "Only Project and Independent" in resp.json()["modelState"][
        "internalServerValidationError"][0]


def test_copy_flow_ignores_the_posted_id_and_duplicates_are_allowed(api):
    original = api.call("GET", "/releases/" + by_identifier(api, "MOB-12.4")["id"]).json()
    copy = api.call("POST", "/releases", json=original)
    assert copy.status_code == 201 and copy.json()["id"] != original["id"]
    assert len([r for r in api.call("GET", "/releases").json() if r["identifier"] == "MOB-12.4"]) == 2


def test_put_is_whole_object(api):
    rid = by_identifier(api, "REL-2026.12")["id"]
    current = api.call("GET", "/releases/" + rid).json()
    assert current["summary"] and current["managerId"]
    body = {k: current[k] for k in ("id", "identifier", "name", "releaseTypeId", "releaseStatusTypeId",
                                    "releaseRiskLevelId", "implementationDate", "organizationId")}
    body["name"] = "Renamed"
    resp = api.call("PUT", "/releases/" + rid, json=body)
    assert resp.status_code == 204 and resp.content == b""
    after = api.call("GET", "/releases/" + rid).json()
    assert after["name"] == "Renamed"
    assert after["summary"] is None and after["managerId"] is None and after["displayColor"] is None
    assert after["additionalInformation"] == current["additionalInformation"]  # not sent, so left alone


def test_put_errors(api):
    rid = by_identifier(api, "PAY-4.2")["id"]
    assert api.call("PUT", "/releases/" + rid, json={"id": rid, "identifier": "x", "name": "y"}).status_code == 400
    other = by_identifier(api, "AUTH-2.9")["id"]
    mismatch = api.call("PUT", "/releases/" + rid, json=api.release_body("x", id=other))
    assert mismatch.status_code == 400 and "does not match" in mismatch.json()["message"]
    ghost = "11111111-2222-3333-4444-555555555555"
    assert api.call("PUT", "/releases/" + ghost, json=api.release_body("x", id=ghost)).status_code == 404


def test_delete(api):
    rid = by_identifier(api, "MOB-12.5")["id"]
    assert api.call("DELETE", "/releases/" + rid).status_code == 200
    assert api.call("GET", "/releases/" + rid).status_code == 404
    assert api.call("DELETE", "/releases/" + rid).status_code == 404


def test_systems_and_deployment_status(api):
    rid = by_identifier(api, "AUTH-2.9")["id"]
    system = [s for s in api.call("GET", "/systems").json() if s["name"] == "Auth Service"][0]["id"]
    dep = api.lookup("SystemRoleDependencyType", "Code Implementation Dependency")
    assert api.call("POST", "/releases/%s/systems" % rid, json={"systemId": system}).status_code == 400
    assert api.call("POST", "/releases/%s/systems" % rid, json={
        "systemId": "11111111-2222-3333-4444-555555555555", "systemRoleType": "Impact"}).status_code == 404
    created = api.call("POST", "/releases/%s/systems" % rid, json={
        "systemId": system, "systemRoleType": "Impact", "systemRoleDependencyTypeId": dep})
    assert created.status_code == 201
    assert created.json() == {"systemId": system, "system": "Auth Service", "systemRoleType": "Impact",
                              "systemRoleDependencyTypeId": dep,
                              "systemRoleDependencyType": "Code Implementation Dependency",
                              "deploymentStatus": None, "isGhost": False, "isDeleted": False}
    assert api.call("PUT", "/releases/%s/systems/%s" % (rid, system),
                    json={"deploymentStatus": "RollbackPending"}).status_code == 204
    assert api.call("GET", "/releases/%s/systems" % rid).json()[0]["deploymentStatus"] == "RollbackPending"
    bad = api.call("PUT", "/releases/%s/systems/%s" % (rid, system), json={"deploymentStatus": "Done"})
    assert bad.json()["modelState"]["deploymentStatus"] == [
        "'Done' is not a deployment status. Valid values: Completed, RollbackPending, Rejected."]
    assert api.call("DELETE", "/releases/%s/systems/%s" % (rid, system)).status_code == 200
    assert api.call("GET", "/releases/%s/systems" % rid).json() == []


def test_custom_fields_of_every_type(api):
    rid = by_identifier(api, "DWH-3.1")["id"]
    fields = {f["name"]: f for f in api.call("GET", "/releases/%s/additionalInformation" % rid).json()}
    assert sorted(f["dataType"] for f in fields.values()) == sorted(
        ["FreeText", "Number", "Decimal", "DatePicker", "TimePicker", "DateTimePicker", "ListField", "ListSelect"])
    items = {f["listItems"][0]["value"]: f["listItems"][0]["id"] for f in fields.values() if f.get("listItems")}
    body = [{"id": fields["Jira Epic"]["id"], "text": "DWH-77"},
            {"id": fields["Story Points"]["id"], "number": 13},
            {"id": fields["Budget"]["id"], "decimal": 1234.5},
            {"id": fields["Go-Live Date"]["id"], "date": "2027-01-20"},
            {"id": fields["Change Window Start"]["id"], "time": "22:00:00"},
            {"id": fields["Approved At"]["id"], "dateTime": "2027-01-10T09:30:00Z"},
            {"id": fields["Deployment Method"]["id"], "listItem": {"id": items["Blue/Green"]}},
            {"id": fields["Impacted Regions"]["id"], "multiListItem": [{"id": items["EMEA"]}]}]
    assert api.call("PUT", "/releases/%s/additionalInformation" % rid, json=body).status_code == 200
    got = {i["name"]: i for i in api.call("GET", "/releases/%s/additionalInformation" % rid).json()}
    assert got["Jira Epic"]["text"] == "DWH-77" and got["Story Points"]["number"] == 13
    assert got["Budget"]["decimal"] == 1234.5 and got["Go-Live Date"]["date"] == "2027-01-20T00:00:00"
    assert got["Change Window Start"]["time"] == "22:00:00" and got["Approved At"]["dateTime"] == "2027-01-10T09:30:00"
    assert got["Deployment Method"]["listItem"] == {"id": items["Blue/Green"], "value": "Blue/Green"}
    assert got["Impacted Regions"]["multiListItem"] == [{"id": items["EMEA"], "value": "EMEA"}]
    wrong = api.call("PUT", "/releases/%s/additionalInformation" % rid,
                     json=[{"id": fields["Story Points"]["id"], "number": "many"}])
    assert wrong.status_code == 400
    assert wrong.json()["modelState"] == {"additionalInformation.Story Points": [
        "Story Points expects a whole number in 'number'."]}


@pytest.mark.parametrize("expression, expected", [
    ("`identifier` Equals `PAY-4.2`", ["PAY-4.2"]),
    ("`identifier` = `PAY-4.2` or `identifier` = `AUTH-2.9`", ["AUTH-2.9", "PAY-4.2"]),
    ("`releaseStatusType` equals `Completed`", ["NOTIF-1.8", "REL-2026.11"]),
    ("`implementationDate` >= `2027-01-01` and `plutoraReleaseType` != `Enterprise`", ["DWH-3.1", "MOB-12.5"]),
    ("( `identifier` ~ `MOB` or `identifier` ~ `DWH` ) and `releaseRiskLevel` = `Low`", ["MOB-12.4", "MOB-12.5"]),
    ("`parentRelease` Equals `REL-2026.12`", ["AUTH-2.9", "PAY-4.2", "PORTAL-7.0"]),
])
def test_get_filter_grammar(api, expression, expected):
    found = api.call("GET", "/releases", params={"filter": expression}).json()
    assert sorted(r["identifier"] for r in found) == expected


def test_unknown_filter_field_is_a_500(api):
    resp = api.call("GET", "/releases", params={"filter": "`colour` Equals `red`"})
    assert resp.status_code == 500
    assert resp.json()["exceptionMessage"] == "Property 'colour' does not exist on type 'Release'."


def test_release_search(api):
    resp = api.call("POST", "/releases/filter", json={"searchFilters": [
        {"property": "implementationDate", "operator": "GreaterOrEqual", "value": "2026-12-01", "direction": "DESC"}],
        "recordsPerPage": 3, "pageNum": 0})
    body = resp.json()
    assert body["totalCount"] == 8 and body["returnCount"] == 3
    assert [r["identifier"] for r in body["resultSet"]] == ["MOB-12.5", "REL-2027.01", "DWH-3.1"]


def test_list_items_are_summaries(api):
    items = api.call("GET", "/releases").json()
    assert len(items) == 12
    assert all(sorted(i) == ["displayColor", "id", "identifier", "implementationDate", "lastModifiedDate", "name",
                             "plutoraReleaseType", "releaseProjectType", "releaseStatusTypeId"] for i in items)
    assert api.call("GET", "/releases/11111111-2222-3333-4444-555555555555").status_code == 404


def test_enterprise_release_with_integrated_children(api):
    parent = by_identifier(api, "REL-2026.12")
    assert parent["plutoraReleaseType"] == "Enterprise"
    child = api.call("GET", "/releases/" + by_identifier(api, "PAY-4.2")["id"]).json()
    assert (child["plutoraReleaseType"], child["parentReleaseId"], child["parentRelease"]) == (
        "Integrated", parent["id"], "REL-2026.12")
    assert child["manager"] == "Devon Lead" and child["organization"] == "Payments"


def test_put_clears_manager_with_empty_string_and_converts_dates(api):
    rid = by_identifier(api, "MOB-12.4")["id"]
    current = api.call("GET", "/releases/" + rid).json()
    assert current["managerId"]
    body = dict(current, managerId="", implementationDate="2026-12-03T09:00:00-05:00")
    assert api.call("PUT", "/releases/" + rid, json=body).status_code == 204
    after = api.call("GET", "/releases/" + rid).json()
    assert (after["managerId"], after["manager"], after["implementationDate"]) == (None, None, "2026-12-03T14:00:00")
    assert after["lastModifiedDate"] >= current["lastModifiedDate"]
    # An End State is refused only on create: a PUT may complete a release.
    done = dict(after, releaseStatusTypeId=api.lookup("ReleaseStatusType", "Completed"))
    assert api.call("PUT", "/releases/" + rid, json=done).status_code == 204
    assert api.call("GET", "/releases/" + rid).json()["releaseStatusType"] == "Completed"


def test_post_with_pascal_case_custom_fields(api):
    template = by_identifier(api, "DWH-3.1")["id"]  # as the vendor's scripts do: the fields of another release
    fields = {f["name"]: f for f in api.call("GET", "/releases/%s/additionalInformation" % template).json()}
    region = [i for i in fields["Impacted Regions"]["listItems"] if i["value"] == "APAC"][0]["id"]
    body = {k[:1].upper() + k[1:]: v for k, v in api.release_body("PASCAL-AI").items()}
    body["AdditionalInformation"] = [{"Id": fields["Jira Epic"]["id"], "Text": "EPIC-9"},
                                     {"Id": fields["Impacted Regions"]["id"], "MultiListItem": [{"Id": region}]}]
    created = api.call("POST", "/releases", json=body)
    assert created.status_code == 201, created.text
    values = {i["name"]: i for i in created.json()["additionalInformation"]}
    assert values["Jira Epic"]["text"] == "EPIC-9"
    assert values["Impacted Regions"]["multiListItem"] == [{"id": region, "value": "APAC"}]
    assert values["Budget"]["decimal"] is None and values["Budget"]["type"] == "Release"


def test_unknown_list_item_and_wrong_types_are_named(api):
    rid = by_identifier(api, "DWH-3.1")["id"]
    fields = {f["name"]: f["id"] for f in api.call("GET", "/releases/%s/additionalInformation" % rid).json()}
    resp = api.call("PUT", "/releases/%s/additionalInformation" % rid, json=[
        {"id": fields["Deployment Method"], "listItem": {"id": "11111111-2222-3333-4444-555555555555"}},
        {"id": fields["Budget"], "decimal": "lots"},
        {"id": fields["Go-Live Date"], "date": "someday"}])
    assert resp.status_code == 400
    assert sorted(resp.json()["modelState"]) == ["additionalInformation.Budget", "additionalInformation.Deployment Method",
                                                 "additionalInformation.Go-Live Date"]
    unchanged = {i["name"]: i for i in api.call("GET", "/releases/%s/additionalInformation" % rid).json()}
    assert unchanged["Budget"]["decimal"] is None  # all or nothing


def test_bulk_create_is_all_or_nothing(api):
    good = [api.release_body("BULK-A"), api.release_body("BULK-B")]
    resp = api.call("POST", "/releases/bulk", json=good)
    assert resp.status_code == 200 and [r["identifier"] for r in resp.json()] == ["BULK-A", "BULK-B"]
    assert all(r["id"] and r["releaseType"] == "Minor" for r in resp.json())
    bad = api.call("POST", "/releases/bulk", json=[api.release_body("BULK-C"), {"name": "no identifier"}])
    assert bad.status_code == 400 and "[1].release.identifier" in bad.json()["modelState"]
    assert len(api.call("GET", "/releases").json()) == 14


def test_release_systems_of_unknown_release(api):
    ghost = "11111111-2222-3333-4444-555555555555"
    assert api.call("GET", "/releases/%s/systems" % ghost).status_code == 404
    seeded = api.call("GET", "/releases/%s/systems" % by_identifier(api, "HOTFIX-1187")["id"]).json()
    assert [(s["system"], s["deploymentStatus"]) for s in seeded] == [("Ledger Core", "Completed")]
