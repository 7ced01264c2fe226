# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every lookup type public clients read (QE's lookup-fields.js reads 56), /users/UserGroups (QE users.js), and the
paged lists of TECRs, TEBRs and bookings (plutora-api.md 2.6, 4, 7.14)."""

import pytest

# QE's lookup-fields.js, in its order
QE_TYPES = """ActionType ActionStatus ActionsByType ActionsPriority BlockoutPeriodType BookingRequestStatus
BookingRequestType CalendarEventPortfolio CalendarEventStatus CalendarEventType ChangeDeliveryRisk ChangePriority
ChangeRequestStatus ChangeRequestType ChangeStatus ChangeTheme ChangeType DefectPriority DefectStatus DefectType
DeploymentPlanGroupName DeploymentTo DeploymentType EnvironmentMapConnectivityType EnvironmentStatus
EscapingDefectsByChangeType ExternalChangeType ExternalSystem ImpactType KPIMetricType MilestoneLookupField
PhaseLookupField PIRCategory PIRItemStatus PIRItemSubCategory PIRItemType PIRStatus PIRTheme PIRType PMStatus PMType
ReleaseApprovalWorkflowStatus ReleaseCapacityType ReleasePackage ReleaseRiskLevel ReleaseStatusType ReleaseType
RequirementStatus RootCauseStatus RootCauseType StackLayer StakeholderRole SystemDependencyImpact SystemDeploymentType
SystemRoleDependencyType UsedForWorkItem""".split()


def test_qe_reads_56_lookup_types_and_each_answers_a_list(api):
    assert len(QE_TYPES) == 56
    listed = {t["name"] for t in api.call("GET", "/lookupfields").json()}
    assert set(QE_TYPES) <= listed
    seeded = api.sim("GET", "data")["lookups"]
    for kind in QE_TYPES:
        resp = api.call("GET", "/LookupFields/" + kind)
        assert resp.status_code == 200 and resp.headers["content-type"] == "application/json; charset=utf-8", kind
        assert resp.json() == seeded.get(kind, []), kind
    assert api.call("GET", "/lookupfields/ActionType").json() == []  # a type the tenant has no values of
    assert api.call("GET", "/lookupfields/NoSuchType").status_code == 404
    assert api.call("GET", "/lookupfields/ActionType", auth=False).status_code == 401


def test_loaded_values_of_a_known_type_are_served(api):
    item = {"id": "7b0c6c55-0000-4000-8000-000000000001", "value": "Review", "sortOrder": 1, "type": "ActionType"}
    api.sim("POST", "load", json={"lookups": {"ActionType": [item]}})
    assert api.call("GET", "/lookupfields/actiontype").json() == [item]
    assert [t["name"] for t in api.call("GET", "/lookupfields").json()].count("ActionType") == 1


def test_user_groups(api):
    groups = api.call("GET", "/users/UserGroups")
    assert groups.status_code == 200 and len(groups.json()) == 3
    assert all(set(g) == {"id", "groupName", "description"} for g in groups.json())
    page = api.call("GET", "/users/usergroups?pageNum=0&recordsPerPage=2").json()
    assert page["totalCount"] == 3 and page["returnCount"] == 2
    named = api.call("GET", "/users/UserGroups?filter=`groupName` equals `Payments Squad`").json()
    assert [g["groupName"] for g in named] == ["Payments Squad"]
    bad = api.call("GET", "/users/UserGroups?filter=`nonsense` equals `x`")
    assert bad.status_code == 500 and "exceptionMessage" in bad.json()


@pytest.mark.parametrize("path, count, derived", [
    ("/TECRs", 3, {"crType", "crStatus", "assignedTo", "releaseName"}),
    ("/TEBRs", 2, {"status", "type", "assignedTo", "isEnvironmentOnly"}),
    ("/Bookings", 3, set())])
def test_request_lists_are_paged_even_without_pagenum(api, path, count, derived):
    resp = api.call("GET", path)
    assert resp.status_code == 200
    body = resp.json()
    assert (body["totalCount"], body["returnCount"], body["pageNum"], body["recordsPerPage"]) == (count, count, 0, 100)
    assert derived <= set(body["resultSet"][0])
    second = api.call("GET", path + "?pageNum=1&recordsPerPage=1").json()
    assert second["returnCount"] == 1 and second["resultSet"][0]["id"] == body["resultSet"][1]["id"]
    one = api.call("GET", "%s/%s" % (path, body["resultSet"][0]["id"]))
    assert one.status_code == 200 and one.json() == body["resultSet"][0]
    assert api.call("GET", path + "/11111111-2222-3333-4444-555555555555").status_code == 404
    assert api.call("GET", path, auth=False).status_code == 401


def test_request_list_filters_and_derived_fields(api):
    tecrs = api.call("GET", "/tecrs?filter=`crType` Equals `Outage`").json()["resultSet"]
    assert [t["title"] for t in tecrs] == ["PROD network maintenance"] and tecrs[0]["crStatus"] == "Draft"
    linked = api.call("GET", "/tecrs?filter=`releaseName` HasValue").json()["resultSet"]
    assert len(linked) == 1 and linked[0]["releaseName"]
    only_env = api.call("GET", "/tebrs?filter=`isEnvironmentOnly` Equals `true`").json()
    assert only_env["totalCount"] == 1 and only_env["resultSet"][0]["releaseID"] is None
    window = api.call("GET", "/Bookings?filter=`startDate` <= `2026-12-01T00:00:00` and `status` = `Approved`").json()
    assert window["totalCount"] == 2 and {b["state"] for b in window["resultSet"]} == {"In Use"}
    assert api.call("GET", "/bookings?filter=`nope` = `x`").status_code == 500
