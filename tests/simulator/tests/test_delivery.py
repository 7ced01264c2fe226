# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Changes delivered by releases (plutora-api.md 2.3, 5.1, 7.12): PUT/DELETE /changes/{id}/deliveryReleases/{releaseId},
GET /releases/{id}/changes and a change's deliveryReleases, as plutora/jira, NodeJS jira-plutora.js and QE's
legacy-change-calls.js use them; and PUT /changes/{id} keeping what QE's "Update Change" reads back."""

from test_bodies import form  # pylint: disable=import-error

GHOST = "11111111-2222-3333-4444-555555555555"


def release_id(api, identifier):
    return [r for r in api.call("GET", "/releases").json() if r["identifier"] == identifier][0]["id"]


def change_named(api, prefix):
    return [c for c in api.sim("GET", "data")["changes"] if c["name"].startswith(prefix)][0]


def test_seeded_release_lists_the_changes_it_delivers(api):
    resp = api.call("GET", "/releases/%s/changes" % release_id(api, "PAY-4.2"))
    assert resp.status_code == 200
    assert [(c["changeId"], c["targetRelease"], c["actualDeliveryRelease"]) for c in resp.json()] == [
        (1, True, True), (2, True, True), (7, True, True)]
    assert set(resp.json()[0]) == {"id", "changeId", "name", "lastModifiedDate", "targetRelease", "actualDeliveryRelease"}
    assert api.call("GET", "/releases/%s/changes" % release_id(api, "DWH-3.1")).json() == []
    assert api.call("GET", "/releases/%s/changes" % GHOST).status_code == 404


def test_link_unlink_and_the_change_record(api):
    release = release_id(api, "DWH-3.1")
    change = change_named(api, "CHG-005")
    path = "/changes/%s/deliveryReleases/%s" % (change["id"], release)
    body = {"releaseId": release, "targetRelease": True, "actualDeliveryRelease": True}
    resp = api.call("PUT", path, json=body)
    assert resp.status_code == 204 and not resp.content
    assert api.call("PUT", path.replace("deliveryReleases", "deliveryreleases"), json=body).status_code == 204
    shown = api.call("GET", "/changes/" + change["id"]).json()["deliveryReleases"]
    assert shown == [body]  # linked twice, held once
    assert [c["id"] for c in api.call("GET", "/releases/%s/changes" % release).json()] == [change["id"]]
    flags = api.call("PUT", path, json=dict(body, actualDeliveryRelease=False))
    assert flags.status_code == 204
    assert api.call("GET", "/changes/" + change["id"]).json()["deliveryReleases"][0]["actualDeliveryRelease"] is False
    removed = api.call("DELETE", path)
    assert removed.status_code == 200
    assert api.call("GET", "/changes/" + change["id"]).json()["deliveryReleases"] == []
    assert api.call("GET", "/releases/%s/changes" % release).json() == []
    assert api.call("DELETE", path).status_code == 404  # no such link any more


def test_link_as_qe_sends_it_and_without_a_body(api):
    release = release_id(api, "MOB-12.5")
    first, second = change_named(api, "CHG-011"), change_named(api, "CHG-012")
    qe = form(api, "PUT", "/changes/%s/deliveryreleases/%s" % (first["id"], release),
              {"releaseId": release, "targetRelease": True, "actualDeliveryRelease": False})
    assert qe.status_code == 204
    assert api.call("PUT", "/changes/%s/deliveryReleases/%s" % (second["id"], release)).status_code == 204
    listed = api.call("GET", "/releases/%s/changes" % release).json()
    assert [(c["changeId"], c["actualDeliveryRelease"]) for c in listed] == [(11, False), (12, True)]


def test_link_refusals_change_nothing(api):
    release = release_id(api, "DWH-3.1")
    change = change_named(api, "CHG-005")
    path = "/changes/%s/deliveryReleases/%s" % (change["id"], release)
    mismatch = api.call("PUT", path, json={"releaseId": release_id(api, "PAY-4.2")})
    assert mismatch.status_code == 400 and "deliveryRelease.releaseId" in mismatch.json()["modelState"]
    bad_flag = api.call("PUT", path, json={"targetRelease": "maybe"})
    assert bad_flag.status_code == 400
    assert bad_flag.json()["modelState"] == {"deliveryRelease.targetRelease": ["targetRelease must be true or false."]}
    assert api.call("PUT", "/changes/%s/deliveryReleases/%s" % (GHOST, release)).status_code == 404
    assert api.call("PUT", "/changes/%s/deliveryReleases/%s" % (change["id"], GHOST)).status_code == 404
    assert api.call("GET", "/releases/%s/changes" % release).json() == []
    assert api.call("GET", "/changes/" + change["id"]).json()["deliveryReleases"] == []


def test_release_changes_page_like_other_lists(api):
    release = release_id(api, "DWH-3.1")
    for change in api.sim("GET", "data")["changes"][:12]:
        assert api.call("PUT", "/changes/%s/deliveryReleases/%s" % (change["id"], release), json={}).status_code == 204
    page = api.call("GET", "/releases/%s/changes?pageNum=1&recordsPerPage=5" % release).json()
    assert page["totalCount"] == 12 and page["returnCount"] == 5
    assert [c["changeId"] for c in page["resultSet"]] == [6, 7, 8, 9, 10]


def test_deleting_either_side_removes_the_link(api):
    pay = release_id(api, "PAY-4.2")
    first = change_named(api, "CHG-001")
    assert api.call("DELETE", "/changes/" + first["id"]).status_code == 200
    assert [c["changeId"] for c in api.call("GET", "/releases/%s/changes" % pay).json()] == [2, 7]
    assert api.call("DELETE", "/releases/" + pay).status_code == 200
    assert all(link["releaseId"] != pay for links in api.sim("GET", "data")["deliveryReleases"].values()
               for link in links)


def test_put_change_replaces_delivery_releases_only_when_sent(api):
    change = api.call("GET", "/changes/" + change_named(api, "CHG-004")["id"]).json()
    assert {link["releaseId"] for link in change["deliveryReleases"]} == {release_id(api, "HOTFIX-1187"),
                                                                          release_id(api, "REL-2026.12")}
    renamed = api.call("PUT", "/changes/" + change["id"], json={"id": change["id"], "name": "CHG-004 renamed"})
    assert renamed.status_code == 200 and len(renamed.json()["deliveryReleases"]) == 2
    one = [{"releaseId": release_id(api, "DWH-3.1"), "targetRelease": True, "actualDeliveryRelease": False}]
    replaced = api.call("PUT", "/changes/" + change["id"], json={"id": change["id"], "deliveryReleases": one})
    assert replaced.status_code == 200 and replaced.json()["deliveryReleases"] == one
    ghost = api.call("PUT", "/changes/" + change["id"], json={"id": change["id"], "deliveryReleases": [{"releaseId": GHOST}]})
    assert ghost.status_code == 400 and "change.deliveryReleases" in ghost.json()["modelState"]
    assert api.call("GET", "/changes/" + change["id"]).json()["deliveryReleases"] == one


def test_put_change_keeps_what_it_does_not_send(api):
    """QE's "Update Change": no expectedDeliveryDate sent and one read back, assignedToId "" cleared, score 0 kept."""
    created = api.call("POST", "/changes", json={
        "name": "QE change", "businessValueScore": 40, "expectedDeliveryDate": "2027-01-05T00:00:00Z",
        "assignedToId": api.sim("GET", "data")["users"][0]["id"], "description": "d"}).json()
    body = {"id": created["id"], "name": "updated name", "businessValueScore": 0, "assignedToId": "", "description": "x"}
    updated = form(api, "PUT", "/changes/" + created["id"], body)
    assert updated.status_code == 200
    record = updated.json()
    assert record["name"] == "updated name" and record["businessValueScore"] == 0 and record["assignedToId"] is None
    assert record["expectedDeliveryDate"] == "2027-01-05T00:00:00" and record["raisedDate"] == created["raisedDate"]
    assert record["changeId"] == created["changeId"] and record["description"] == "x"
    blank = api.call("PUT", "/changes/" + created["id"], json={"id": created["id"], "name": ""})
    assert blank.status_code == 400 and api.call("GET", "/changes/" + created["id"]).json()["name"] == "updated name"
