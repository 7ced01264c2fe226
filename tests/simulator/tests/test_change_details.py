# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Changes with custom fields, systems and linked changes (plutora-api.md 2.3, 3.4, 5.1, 7.11, 7.12), as NodeJS
jira-plutora.js / pullrequest-to-change.js and QE's legacy-change-calls.js use them; and a release's custom fields
read as CSV-proj-import.js reads them (the definitions every client has)."""

from test_bodies import form  # pylint: disable=import-error

GHOST = "11111111-2222-3333-4444-555555555555"


def change(api, number):
    return [c for c in api.sim("GET", "data")["changes"] if c["changeId"] == number][0]


def field(items, name):
    return [i for i in items if i["name"] == name][0]


def test_change_record_carries_custom_fields_and_systems(api):
    record = api.call("GET", "/changes/" + change(api, 1)["id"]).json()
    assert [i["name"] for i in record["additionalInformation"]] == ["Jira Key", "Lead Time", "Delivery Channel"]
    assert field(record["additionalInformation"], "Jira Key")["text"] == "PAY-1201"
    assert field(record["additionalInformation"], "Lead Time")["number"] == 5
    assert field(record["additionalInformation"], "Delivery Channel")["listItem"]["value"] == "Pipeline"
    assert all(i["type"] == "Change" for i in record["additionalInformation"])
    assert record["systems"] == [{"systemId": record["systems"][0]["systemId"], "name": "Payments API",
                                  "systemRoleType": "Impact"}]
    blank = api.call("GET", "/changes/" + change(api, 3)["id"]).json()
    assert [i["text"] for i in blank["additionalInformation"]] == [None, None, None] and blank["systems"] == []


def test_change_custom_fields_get_and_put(api):
    target = change(api, 3)["id"]
    items = api.call("GET", "/changes/%s/additionalInformation" % target).json()
    keys = {"id", "name", "type", "dataType", "text", "time", "date", "number", "decimal", "dateTime", "listItem",
            "multiListItem"}
    assert len(items) == 3 and set(items[0]) == keys
    jira = dict(field(items, "Jira Key"), text="MOB-77")
    put = api.call("PUT", "/changes/%s/additionalInformation" % target, json=[jira])
    assert put.status_code == 200 and field(put.json(), "Jira Key")["text"] == "MOB-77"
    lead = form(api, "PUT", "/changes/%s/additionalinformation" % target, [dict(field(items, "Lead Time"), number=8)])
    assert lead.status_code == 200 and field(lead.json(), "Lead Time")["number"] == 8
    assert field(lead.json(), "Jira Key")["text"] == "MOB-77"  # a field not sent keeps its value
    wrong = api.call("PUT", "/changes/%s/additionalInformation" % target,
                     json=[dict(field(items, "Lead Time"), number="soon")])
    assert wrong.status_code == 400 and list(wrong.json()["modelState"]) == ["additionalInformation.Lead Time"]
    release_field = api.call("GET", "/releases/%s/additionalInformation" % api.call("GET", "/releases").json()[0]["id"])
    foreign = api.call("PUT", "/changes/%s/additionalInformation" % target, json=[release_field.json()[0]])
    assert foreign.status_code == 400 and "is not a Change custom field" in foreign.json()["modelState"]["additionalInformation"][0]
    assert api.call("GET", "/changes/%s/additionalInformation" % GHOST).status_code == 404
    assert field(api.call("GET", "/changes/" + target).json()["additionalInformation"], "Lead Time")["number"] == 8


def test_change_created_with_custom_fields_and_put_keeps_them(api):
    """pullrequest-to-change.js posts the change with its custom field items filled in."""
    jira = field(api.call("GET", "/changes/%s/additionalInformation" % change(api, 1)["id"]).json(), "Jira Key")
    created = api.call("POST", "/changes", json={"name": "PR 42", "additionalInformation": [dict(jira, text="PR-42")]})
    assert created.status_code == 201 and field(created.json()["additionalInformation"], "Jira Key")["text"] == "PR-42"
    renamed = api.call("PUT", "/changes/" + created.json()["id"], json={"id": created.json()["id"], "name": "PR 42b"})
    assert field(renamed.json()["additionalInformation"], "Jira Key")["text"] == "PR-42"


def test_change_systems(api):
    target = change(api, 4)["id"]
    systems = api.call("GET", "/systems").json()
    dependency = api.lookup("SystemRoleDependencyType", "Interface Dependency")
    qe = form(api, "POST", "/changes/%s/systems" % target, {"systemId": systems[0]["id"], "systemRoleType": "Impact"})
    assert qe.status_code == 201 and qe.json()["system"] == systems[0]["name"]
    dep = api.call("POST", "/changes/%s/systems" % target, json={
        "systemId": systems[1]["id"], "systemRoleType": "Dependency", "systemRoleDependencyTypeId": dependency})
    assert dep.status_code == 201 and dep.json()["systemRoleDependencyType"] == "Interface Dependency"
    listed = api.call("GET", "/changes/%s/systems" % target).json()
    wanted = [(systems[0]["id"], "Impact"), (systems[1]["id"], "Dependency")]
    assert [(s["systemId"], s["systemRoleType"]) for s in listed] == wanted
    assert set(listed[0]) == {"systemId", "system", "systemRoleType", "systemRoleDependencyTypeId",
                              "systemRoleDependencyType"}
    again = api.call("POST", "/changes/%s/systems" % target, json={"systemId": systems[0]["id"], "systemRoleType": "Impact"})
    assert again.status_code == 400 and "internalServerValidationError" in again.json()["modelState"]
    assert api.call("POST", "/changes/%s/systems" % target, json={"systemId": systems[2]["id"]}).status_code == 400
    assert api.call("POST", "/changes/%s/systems" % target, json={"systemId": GHOST, "systemRoleType": "Impact"}).status_code == 404
    orphan = {"systemId": systems[2]["id"], "systemRoleType": "Impact"}
    assert api.call("POST", "/changes/%s/systems" % GHOST, json=orphan).status_code == 404
    assert len(api.call("GET", "/changes/" + target).json()["systems"]) == 2
    assert api.call("GET", "/changes/%s/systems" % GHOST).status_code == 404


def test_linked_changes_are_seen_from_both_sides(api):
    first, eleven, twelve, two = (change(api, n)["id"] for n in (1, 11, 12, 2))
    seeded = api.call("GET", "/changes/%s/linkedChanges" % first).json()
    assert [c["changeId"] for c in seeded["childChanges"]] == [11] and seeded["parentChanges"] == []
    assert [c["changeId"] for c in api.call("GET", "/changes/%s/linkedChanges" % eleven).json()["parentChanges"]] == [1]
    body = {"childChanges": [{"id": twelve}], "parentChanges": [], "relatedChanges": [{"id": two}]}
    put = api.call("PUT", "/changes/%s/linkedChanges" % first, json=body)
    assert put.status_code == 200
    assert [c["changeId"] for c in put.json()["childChanges"]] == [12]
    assert [c["changeId"] for c in put.json()["relatedChanges"]] == [2]
    assert api.call("GET", "/changes/%s/linkedChanges" % eleven).json()["parentChanges"] == []  # replaced
    two_sees = api.call("GET", "/changes/%s/linkedChanges" % two).json()
    assert sorted(c["changeId"] for c in two_sees["relatedChanges"]) == [1, 12]
    assert [c["changeId"] for c in api.call("GET", "/changes/%s/linkedChanges" % twelve).json()["parentChanges"]] == [1]


def test_linked_changes_refusals_and_deletion(api):
    first, eleven = change(api, 1)["id"], change(api, 11)["id"]
    for body in ({"childChanges": [{"id": GHOST}]}, {"childChanges": [{"id": first}]},
                 {"childChanges": [{"id": eleven}], "relatedChanges": [{"id": eleven}]}, {"childChanges": "x"}, []):
        resp = api.call("PUT", "/changes/%s/linkedChanges" % first, json=body)
        assert resp.status_code == 400, body
    assert [c["id"] for c in api.call("GET", "/changes/%s/linkedChanges" % first).json()["childChanges"]] == [eleven]
    assert api.call("PUT", "/changes/%s/linkedChanges" % GHOST, json={}).status_code == 404
    assert api.call("DELETE", "/changes/" + eleven).status_code == 200
    assert api.call("GET", "/changes/%s/linkedChanges" % first).json()["childChanges"] == []
    data = api.sim("GET", "data")
    assert all(eleven not in (e["source"], e["target"]) for e in data["linkedChanges"])
    assert api.call("DELETE", "/changes/" + first).status_code == 200
    data = api.sim("GET", "data")
    assert first not in data["changeSystems"] and first not in data["changeAdditionalInformation"]


def test_release_custom_field_definitions_as_csv_proj_import_reads_them(api):
    """CSV-proj-import.js: the first release of GET /releases?pageNum=0&recordsPerPage=1, then its
    /additionalInformation, every field (values or not), copied with the values nulled into a new release's POST."""
    first = api.call("GET", "/releases?pageNum=0&recordsPerPage=1").json()["resultSet"][0]
    fields = api.call("GET", "/releases/%s/additionalInformation" % first["id"]).json()
    seeded = api.sim("GET", "data")["releaseFields"]
    assert [f["id"] for f in fields] == [f["id"] for f in seeded]
    assert [(f["name"], f["dataType"], f["type"]) for f in fields] == [(f["name"], f["dataType"], "Release") for f in seeded]
    bare = api.call("POST", "/releases", json=api.release_body("BARE-1")).json()
    assert [f["id"] for f in api.call("GET", "/releases/%s/additionalInformation" % bare["id"]).json()] == [
        f["id"] for f in seeded]  # a release without values still lists every field
    nulled = [dict(f, text=None, time=None, date=None, number=None, decimal=None, dateTime=None, listItem=None,
                   multiListItem=None) for f in fields]
    epic = [f for f in nulled if f["dataType"] == "FreeText"][0]
    epic["text"] = "EPIC-9"
    created = api.call("POST", "/releases", json=api.release_body("CSV-1", additionalInformation=nulled))
    assert created.status_code == 201
    assert [f["text"] for f in created.json()["additionalInformation"] if f["id"] == epic["id"]] == ["EPIC-9"]
