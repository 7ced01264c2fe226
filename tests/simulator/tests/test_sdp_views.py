# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""SDP read-only views of a release over real HTTP: summary, permissions, approval summary, status comments."""

from sdp_client import ACCEPT, sdp, sdp_info  # noqa: F401  pylint: disable=unused-import,import-error


def test_summary(sdp):  # noqa: F811
    summary = sdp.ok("GET", "/releases/3/summary")["summary"]
    assert summary["id"] == "3" and summary["tasks"] == {"all": 0, "closed": 0}
    assert sorted(summary) == ["approvals", "changes", "id", "projects", "reminders", "tasks", "worklogs"]


def test_permissions_per_stage_and_role(sdp):  # noqa: F811
    admin = sdp.ok("GET", "/releases/3/get_permissions")["get_permissions"]
    assert sorted(admin, key=int) == ["-1", "1", "2", "3", "4", "5", "6", "7", "8", "9"]
    assert all(v == {"view": True, "edit": True, "approve": True} for v in admin.values())
    headers = {"Accept": ACCEPT, "authtoken": "5D9C3A70-1E4B-4F6A-9C2D-7B8E0F1A2C02"}
    tech = sdp.ok("GET", "/releases/3/get_permissions", headers=headers)["get_permissions"]
    assert tech["1"] == {"view": True, "edit": True, "approve": False}


def test_approval_summary_follows_the_stage(sdp):  # noqa: F811
    entries = sdp.ok("GET", "/releases/274/approval_levels/approval_summary")["approval_summary"]  # Deployment
    assert [e["latestDecision"] for e in entries] == ["approve"] * 5 + ["inProgress"] + ["upcoming"] * 3
    assert [e["visited"] for e in entries] == [True] * 6 + [False] * 3
    assert entries[0]["stage"]["stage_index"] == 1 and entries[0]["stage"]["description"]


def test_status_comments_of_a_seed_release(sdp):  # noqa: F811
    answer = sdp.ok("GET", "/releases/6/status_comments")
    (comment,) = answer["status_comments"]
    assert comment["comment"] == "The above Stage/Status is set as part of 'Release' creation"
    assert (comment["stage"]["name"], comment["status"]["name"]) == ("Planning", "Rejected")
    assert comment["release"] == {"id": "6", "title": "MSSQL Server service pack upgrade",
                                  "short_description": "MSSQL Server service pack upgrade"}
    assert answer["list_info"] == {"has_more_rows": False, "start_index": 1, "row_count": 1}
