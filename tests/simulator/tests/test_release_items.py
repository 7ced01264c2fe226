# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Release sub-resources (plutora-api.md 2.1, 2.2): stakeholders as QE's releases.js and CSV-proj-import.js use
them, phases, gates, activities and criterias as legacy-release-calls.js, jira-plutora.js and the 2017
jiraIssuesToReleaseActivities.py send them, and /workItemNames/Phases|Gates (work-item-names.js)."""

from test_bodies import form  # pylint: disable=import-error

GHOST = "11111111-2222-3333-4444-555555555555"


def lookup_id(api, kind, index=0):
    return api.call("GET", "/lookupfields/" + kind).json()[index]["id"]


def new_release(api, identifier, **fields):
    resp = api.call("POST", "/releases", json=api.release_body(identifier, **fields))
    assert resp.status_code == 201
    return resp.json()


def release_id(api, identifier):
    return [r for r in api.call("GET", "/releases").json() if r["identifier"] == identifier][0]["id"]


def test_owner_is_a_stakeholder_after_create(api):
    users = api.sim("GET", "data")["users"]
    managed = new_release(api, "OWN-1", managerId=users[1]["id"])
    owners = api.call("GET", "/releases/%s/stakeholders" % managed["id"]).json()
    assert len(owners) == 1 and owners[0]["userId"] == users[1]["id"] and owners[0]["accountable"] is True
    assert set(owners[0]) == {"id", "userId", "user", "groupId", "group", "stakeholderRoleIds", "stakeholderRoles",
                              "responsible", "accountable", "informed", "consulted"}
    assert owners[0]["user"] == "%s %s" % (users[1]["firstName"], users[1]["lastName"]) and owners[0]["groupId"] is None
    unmanaged = new_release(api, "OWN-2")  # no manager: the API user who created it owns it
    creator = [u["id"] for u in users if u["userName"] == api.info["username"]][0]
    assert [s["userId"] for s in api.call("GET", "/releases/%s/stakeholders" % unmanaged["id"]).json()] == [creator]


def test_add_user_and_group_stakeholders(api):
    release = new_release(api, "STK-1")
    role = lookup_id(api, "StakeholderRole", 1)
    group = api.call("GET", "/users/UserGroups").json()[0]
    added = form(api, "POST", "/releases/%s/stakeholders" % release["id"], {
        "groupId": group["id"], "stakeholderRoleIds": [role], "responsible": True, "accountable": True,
        "informed": False, "consulted": False})
    assert added.status_code == 201
    shown = api.call("GET", "/releases/%s/stakeholders/%s" % (release["id"], group["id"])).json()
    assert shown["userId"] is None and shown["user"] == "" and shown["groupId"] == group["id"]
    assert shown["group"] == group["groupName"] and shown["stakeholderRoleIds"] == [role]
    assert (shown["responsible"], shown["accountable"], shown["informed"], shown["consulted"]) == (True, True, False, False)
    user = api.sim("GET", "data")["users"][2]["id"]
    assert api.call("POST", "/releases/%s/stakeholders" % release["id"], json={
        "userId": user, "stakeholderRoleIds": [role], "informed": True}).status_code == 201
    assert len(api.call("GET", "/releases/%s/stakeholders" % release["id"]).json()) == 3
    assert api.call("GET", "/releases/%s/stakeholders/%s" % (release["id"], GHOST)).status_code == 404


def test_duplicates_unknown_roles_and_owner_rules_are_refused_in_modelstate(api):
    manager = api.sim("GET", "data")["users"][0]["id"]
    release = new_release(api, "STK-2", managerId=manager)
    path = "/releases/%s/stakeholders" % release["id"]
    role = lookup_id(api, "StakeholderRole")
    duplicate = api.call("POST", path, json={"userId": manager, "stakeholderRoleIds": [role], "responsible": True,
                                             "accountable": True, "informed": True, "consulted": True})
    assert duplicate.status_code == 400
    assert list(duplicate.json()["modelState"]) == ["internalServerValidationError"]
    assert duplicate.json()["modelState"]["internalServerValidationError"][0]
    other = api.sim("GET", "data")["users"][3]["id"]
    unknown_role = api.call("POST", path, json={"userId": other, "stakeholderRoleIds": [GHOST]})
    assert unknown_role.status_code == 400 and GHOST in unknown_role.json()["modelState"]["internalServerValidationError"][0]
    assert api.call("POST", path, json={"stakeholderRoleIds": [role]}).status_code == 400  # neither user nor group
    assert api.call("POST", path, json={"userId": GHOST}).status_code == 400
    assert len(api.call("GET", path).json()) == 1
    owner = api.call("GET", path).json()[0]
    relaxed = {"userId": manager, "stakeholderRoleIds": [role], "responsible": True, "accountable": False,
               "informed": True, "consulted": True}
    refused = api.call("PUT", "%s/%s" % (path, owner["id"]), json=relaxed)
    assert refused.status_code == 400 and "internalServerValidationError" in refused.json()["modelState"]
    unknown = api.call("PUT", "%s/%s" % (path, GHOST), json=relaxed)
    assert unknown.status_code == 400 and unknown.json()["message"]


def test_update_stakeholder_once_the_owner_no_longer_manages(api):
    """QE's "Update Release with Stakeholders": the manager cleared by PUT, then the stakeholder made non-accountable."""
    manager = api.sim("GET", "data")["users"][0]["id"]
    release = new_release(api, "STK-3", managerId=manager)
    cleared = dict(api.call("GET", "/releases/" + release["id"]).json(), managerId="")
    assert api.call("PUT", "/releases/" + release["id"], json=cleared).status_code == 204
    path = "/releases/%s/stakeholders" % release["id"]
    owner = api.call("GET", path).json()[0]
    role = lookup_id(api, "StakeholderRole")
    body = {"userId": manager, "stakeholderRoleIds": [role], "responsible": False, "accountable": False,
            "informed": False, "consulted": True}
    resp = api.call("PUT", "%s/%s" % (path, owner["id"]), json=body)
    assert resp.status_code == 204 and not resp.content
    shown = api.call("GET", path).json()[0]
    assert shown["userId"] == manager and shown["stakeholderRoleIds"] == [role]
    assert (shown["responsible"], shown["accountable"], shown["informed"], shown["consulted"]) == (False, False, False, True)
    by_user = api.call("PUT", "%s/%s" % (path, manager), json={"informed": True})  # NodeJS passes the user's id
    assert by_user.status_code == 204 and api.call("GET", path).json()[0]["informed"] is True


def test_work_item_names(api):
    for kind in ("Phases", "Gates"):
        resp = api.call("GET", "/WorkItemNames/" + kind)
        assert resp.status_code == 200 and resp.headers["content-type"] == "application/json; charset=utf-8"
        assert resp.json() and all(set(item) == {"id", "name"} for item in resp.json())
    assert api.call("GET", "/workitemnames/phases", auth=False).status_code == 401


def test_phases_and_gates(api):
    release = new_release(api, "SCH-1")
    phase_name = api.call("GET", "/workitemnames/phases").json()[0]
    body = {"startDate": "2027-01-04T00:00:00Z", "endDate": "2027-01-15T00:00:00Z", "isIgnore": False,
            "isIgnoreChild": False, "workItemNameID": phase_name["id"]}
    phase = form(api, "POST", "/releases/%s/phases" % release["id"], body)
    assert phase.status_code == 201
    assert phase.json()["workItemName"] == phase_name["name"] and phase.json()["startDate"] == "2027-01-04T00:00:00"
    assert phase.json()["id"] not in (phase_name["id"], release["id"])
    listed = api.call("GET", "/releases/%s/phases" % release["id"]).json()
    assert [p["id"] for p in listed] == [phase.json()["id"]] and listed[0]["workItemNameID"] == phase_name["id"]
    again = api.call("POST", "/releases/%s/phases" % release["id"], json=body)
    assert again.status_code == 400 and "internalServerValidationError" in again.json()["modelState"]
    backwards = api.call("POST", "/releases/%s/phases" % release["id"], json=dict(
        body, workItemNameID=api.call("GET", "/workitemnames/phases").json()[1]["id"], endDate="2026-12-01"))
    assert backwards.status_code == 400 and "phase.endDate" in backwards.json()["modelState"]
    gate_name = api.call("GET", "/workitemnames/gates").json()[0]
    assert api.call("POST", "/releases/%s/gates" % release["id"], json=dict(body, workItemNameID=phase_name["id"])).status_code == 400
    gate = api.call("POST", "/releases/%s/gates" % release["id"], json=dict(body, workItemNameID=gate_name["id"]))
    assert gate.status_code == 201 and gate.json()["workItemName"] == gate_name["name"]
    assert [g["workItemNameID"] for g in api.call("GET", "/releases/%s/gates" % release["id"]).json()] == [gate_name["id"]]
    assert api.call("GET", "/releases/%s/phases" % GHOST).status_code == 404
    assert api.call("POST", "/releases/%s/gates" % GHOST, json=body).status_code == 404


def test_activities_and_criterias(api):
    release = new_release(api, "SCH-2")
    user = api.sim("GET", "data")["users"][0]["id"]
    phase_name = api.call("GET", "/workitemnames/phases").json()[0]["id"]
    gate_name = api.call("GET", "/workitemnames/gates").json()[0]["id"]
    phase = api.call("POST", "/releases/%s/phases" % release["id"], json={"workItemNameID": phase_name}).json()
    gate = api.call("POST", "/releases/%s/gates" % release["id"], json={"workItemNameID": gate_name}).json()
    qe = {"identifier": "A1", "title": "Smoke", "status": "NotStarted", "description": "d",
          "activityDependencyType": "None", "type": "Activity", "assignedToID": user, "assignedWorkItemID": phase_name,
          "startDate": "2027-01-04T00:00:00Z", "endDate": "2027-01-05T00:00:00Z", "forecastDate": "2027-01-05T00:00:00Z"}
    by_name = form(api, "POST", "/releases/%s/activities" % release["id"], qe)  # QE assigns the work item name's id
    assert by_name.status_code == 201 and by_name.json()["assignedTo"] and by_name.json()["title"] == "Smoke"
    pascal = {"Title": "From Jira", "Description": "x", "ActivityDependencyType": "None", "Type": "Activity",
              "Status": "NotStarted", "AssignedToID": user, "AssignedWorkItemID": phase["id"], "EndDate": "2027-01-09"}
    by_id = api.call("POST", "/releases/%s/activities" % release["id"], json=pascal)  # the phase's own id (2017, NodeJS)
    assert by_id.status_code == 201 and by_id.json()["endDate"] == "2027-01-09T00:00:00"
    assert [a["title"] for a in api.call("GET", "/releases/%s/activities" % release["id"]).json()] == ["Smoke", "From Jira"]
    wrong = api.call("POST", "/releases/%s/activities" % release["id"], json=dict(qe, assignedWorkItemID=gate["id"], title=""))
    assert wrong.status_code == 400 and set(wrong.json()["modelState"]) == {"title", "assignedWorkItemID"}
    criteria = api.call("POST", "/releases/%s/criterias" % release["id"], json=dict(qe, assignedWorkItemID=gate["id"]))
    assert criteria.status_code == 201 and criteria.json()["assignedWorkItemID"] == gate["id"]
    assert len(api.call("GET", "/releases/%s/criterias" % release["id"]).json()) == 1
    assert len(api.call("GET", "/releases/%s/activities" % release["id"]).json()) == 2


def test_seeded_schedule_and_deletion(api):
    pay = release_id(api, "PAY-4.2")
    assert [p["workItemName"] for p in api.call("GET", "/releases/%s/phases" % pay).json()] == [
        "Development", "System Test", "UAT"]
    assert [g["workItemName"] for g in api.call("GET", "/releases/%s/gates" % pay).json()] == ["Go/No-Go"]
    assert len(api.call("GET", "/releases/%s/activities" % pay).json()) == 1
    assert len(api.call("GET", "/releases/%s/criterias" % pay).json()) == 1
    assert [bool(s["groupId"]) for s in api.call("GET", "/releases/%s/stakeholders" % pay).json()] == [False, True]
    assert api.call("DELETE", "/releases/" + pay).status_code == 200
    data = api.sim("GET", "data")
    for key in ("releasePhases", "releaseGates", "releaseActivities", "releaseCriterias", "releaseStakeholders"):
        assert pay not in data[key]
