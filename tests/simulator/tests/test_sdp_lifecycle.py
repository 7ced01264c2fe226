# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""SDP lifecycle operations over real HTTP: close, assign, pickup, move to trash, restore, delete from trash, in the
seed's and the underscore spellings, with comma-separated ids; each write in the history with its diff."""

import pytest
from sdp_client import ACCEPT, refused, sdp, sdp_info  # noqa: F401  pylint: disable=unused-import,import-error

TECHNICIAN_KEY = "5D9C3A70-1E4B-4F6A-9C2D-7B8E0F1A2C02"  # Heather Graham, a technician (seed.json)


def operations(sdp, release_id):  # noqa: F811
    return [h["operation"]["name"] for h in sdp.ok("GET", "/releases/%s/history" % release_id)["history"]]


@pytest.mark.parametrize("verb", ["close", "_close"])
def test_close(sdp, verb):  # noqa: F811
    record = sdp.add()
    closed = sdp.ok("PUT", "/releases/%s/%s" % (record["id"], verb), {"status": "completed",
                                                                      "comment": "Release has been closed"})
    release = closed["release"]
    assert isinstance(closed["response_status"], dict)
    assert (release["stage"]["id"], release["status"]["id"], release["status"]["status_type"]) == ("9", "22", "Success")
    assert release["completed_time"]["value"].isdigit() and sdp.get(record["id"]) == release
    assert operations(sdp, record["id"])[0] == "close"
    comment = sdp.ok("GET", "/releases/%s/status_comments" % record["id"])["status_comments"][0]
    assert comment["comment"] == "Release has been closed" and comment["stage"]["stage_index"] == 9
    refused(sdp.call("PUT", "/releases/%s/close" % record["id"], {"status": "completed"}), 400, 4001, "status")


def test_close_refusals(sdp):  # noqa: F811
    record = sdp.add()
    path = "/releases/%s/close" % record["id"]
    refused(sdp.call("PUT", path, {"status": "deployed"}), 400, 4001, "status")  # not a Closure status
    refused(sdp.call("PUT", path, {"comment": "no status"}), 400, 4012, "status")
    refused(sdp.call("PUT", path, {"status": "completed", "stage": "close"}), 400, 4000, "stage")
    headers = {"Accept": ACCEPT, "authtoken": TECHNICIAN_KEY}
    refused(sdp.call("PUT", path, {"status": "completed"}, headers=headers), 403, 4002)
    assert sdp.get(record["id"])["stage"]["name"] == "Submission"
    failed = sdp.ok("PUT", path, {"status": "Failed", "closure_code": {"name": "failed"}})["release"]
    assert failed["status"]["status_type"] == "Failed" and failed["closure_code"] == {"name": "Failed", "id": "3"}


@pytest.mark.parametrize("verb", ["assign", "_assign"])
def test_assign_with_comma_separated_ids(sdp, verb):  # noqa: F811
    answer = sdp.ok("PUT", "/releases/" + verb, {"release": {"release_engineer": {"name": "heather graham"}}},
                    params={"ids": "3,6"})
    assert answer["response_status"] == [{"status_code": 2000, "status": "success", "id": "3"},
                                         {"status_code": 2000, "status": "success", "id": "6"}]
    assert [r["release_engineer"]["name"] for r in answer["releases"]] == ["Heather Graham"] * 2
    assert sdp.get(6)["release_engineer"]["name"] == "Heather Graham"
    one = sdp.ok("PUT", "/releases/assign", {"release": {"release_engineer": {"name": "Shawn Adams"}}},
                 params={"ids": "3"})
    assert isinstance(one["releases"], dict) and one["releases"]["release_engineer"]["id"] == "7"
    entry = sdp.ok("GET", "/releases/3/history")["history"][0]
    assert entry["operation"] == {"name": "release_to_release_role_add", "display_name": "User assigned for role"}
    assert [d["field"]["name"] for d in entry["diff"]] == ["user", "id", "role"]
    assert entry["diff"][0]["previous_value"]["name"] == "Heather Graham"


def test_bulk_calls_are_all_or_nothing(sdp):  # noqa: F811
    refused(sdp.call("PUT", "/releases/assign", {"release": {"release_engineer": {"name": "Shawn Adams"}}},
                     params={"ids": "3,999"}), 404, 4007)
    assert sdp.get(3)["release_engineer"]["name"] == "administrator"
    refused(sdp.call("PUT", "/releases/assign", {"release": {"release_engineer": {"name": "x"}}},
                     params={"ids": "3"}), 400, 4001, "release_engineer")
    refused(sdp.call("PUT", "/releases/assign", {"release": {}}, params={"ids": "3"}), 400, 4012)
    refused(sdp.call("PUT", "/releases/pickup", {}, params={"ids": "3,x"}), 400, 4001, "ids")
    refused(sdp.call("PUT", "/releases/pickup", {}), 400, 4012, "ids")


def test_pickup_makes_the_caller_the_engineer(sdp):  # noqa: F811
    headers = {"Accept": ACCEPT, "Authorization": "authtoken: " + TECHNICIAN_KEY}
    answer = sdp.ok("PUT", "/releases/_pickup", {}, params={"ids": "6"}, headers=headers)
    assert answer["releases"]["release_engineer"]["name"] == "Heather Graham"
    assert answer["response_status"][0]["id"] == "6"


@pytest.mark.parametrize("trash,restore", [
    (("DELETE", "/releases/move_to_trash", True), ("PUT", "/releases/restore_from_trash")),
    (("DELETE", "/releases/_move_to_trash", True), ("PUT", "/releases/_restore_from_trash")),
    (("DELETE", "/releases/{id}/move_to_trash", False), ("PUT", "/releases/restore_from_trash")),
])
def test_trash_restore_and_delete(sdp, trash, restore):  # noqa: F811
    record = sdp.add(title="Trash me")
    method, path, bulk = trash
    answer = sdp.ok(method, path.replace("{id}", record["id"]), params={"ids": record["id"]} if bulk else None)
    assert answer == {"response_status": {"status_code": 2000, "status": "success"}}
    assert sdp.get(record["id"])["deleted_time"]["value"].isdigit()
    assert record["id"] not in [r["id"] for r in sdp.search(row_count=100)["releases"]]
    refused(sdp.call("PUT", "/releases/%s" % record["id"], {"release": {"title": "x"}}), 400, 4001)
    restored = sdp.ok(restore[0], restore[1], {}, params={"ids": record["id"]})
    assert restored["release"]["deleted_time"] is None and isinstance(restored["response_status"], dict)
    refused(sdp.call("DELETE", "/releases/%s" % record["id"]), 400, 4001, "id")  # not in the trash (9.6)
    assert operations(sdp, record["id"])[:2] == ["restore_from_trash", "move_to_trash"]
    sdp.ok("DELETE", "/releases/move_to_trash", params={"ids": record["id"]})
    assert sdp.ok("DELETE", "/releases/%s" % record["id"]) == {
        "response_status": {"status_code": 2000, "status": "success"}}
    refused(sdp.call("GET", "/releases/%s" % record["id"]), 404, 4007)
    refused(sdp.call("GET", "/releases/%s/history" % record["id"]), 404, 4007)


def test_several_ids_restored_and_trash_refusals(sdp):  # noqa: F811
    first, second = sdp.add(title="one"), sdp.add(title="two")
    both = "%s,%s" % (first["id"], second["id"])
    sdp.ok("DELETE", "/releases/move_to_trash", params={"ids": both})
    refused(sdp.call("DELETE", "/releases/move_to_trash", params={"ids": first["id"]}), 400, 4001)  # already
    answer = sdp.ok("PUT", "/releases/restore_from_trash", {}, params={"ids": both})
    assert [s["id"] for s in answer["response_status"]] == [first["id"], second["id"]]
    assert [r["title"] for r in answer["releases"]] == ["one", "two"]
    refused(sdp.call("PUT", "/releases/restore_from_trash", {}, params={"ids": first["id"]}), 400, 4001)
    headers = {"Accept": ACCEPT, "authtoken": TECHNICIAN_KEY}
    refused(sdp.call("DELETE", "/releases/move_to_trash", params={"ids": first["id"]}, headers=headers), 403, 4002)


def test_history_records_every_write_with_its_diff(sdp):  # noqa: F811
    record = sdp.add(roles=[{"role": {"name": "Release Requester"}, "user": {"name": "Guest"}}])
    sdp.ok("PUT", "/releases/%s" % record["id"], {"release": {"title": "Renamed", "priority": {"name": "Low"}}})
    sdp.ok("PUT", "/releases/%s" % record["id"], {"release": {"title": "Renamed"}})  # nothing changes: no entry
    history = sdp.ok("GET", "/releases/%s/history" % record["id"])
    assert history["list_info"] == {"has_more_rows": False, "start_index": 1, "row_count": 3}
    update, role, created = history["history"]
    assert created["operation"] == {"name": "add", "display_name": "Release Created"} and created["diff"] == []
    assert role["operation"]["name"] == "release_to_release_role_add"
    assert update["operation"]["name"] == "update"
    assert {d["field"]["name"]: (d["previous_value"], d["current_value"]) for d in update["diff"]} == {
        "title": ("Release under test", "Renamed"), "priority": (None, {"color": "#666666", "name": "Low", "id": "1"})}
    assert update["by"]["name"] == "administrator" and update["time"]["date"] and update["time"]["time"]
