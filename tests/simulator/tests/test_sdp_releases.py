# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""SDP releases over real HTTP: add (title and template mandatory), get, edit as a partial update, stage and
status, dependent lookups, roles, user-defined and descriptive fields; a refused write changes nothing."""

from sdp_client import MSSQL, refused, sdp, sdp_info  # noqa: F401  pylint: disable=unused-import,import-error


def test_seed_tenant(sdp):  # noqa: F811
    data = sdp.sim("GET", "data")
    assert [s["name"] for s in data["stages"]] == ["Submission", "Planning", "Development", "Testing", "UAT",
                                                   "Deployment", "Training", "Review", "Closure"]
    assert {r["internal_name"] for r in data["roles"]} == {"release_manager", "release_engineer",
                                                           "release_requester"}
    for kind in ("priorities", "impacts", "urgencies", "risks", "categories", "subcategories", "items", "sites",
                 "groups", "services", "release_types"):
        assert data["lookups"][kind], kind
    same = [r["id"] for r in data["releases"] if r["title"] == MSSQL]
    assert same == ["3", "4", "6", "8", "9", "273"]  # the vendor's own samples share one title (9.1)
    closed = sdp.get(1)
    assert closed["stage"]["name"] == "Closure" and closed["status"]["internal_name"] == "completed"
    assert closed["completed_time"]["value"] == "1689315586818"
    assert sdp.get(4)["deleted_time"] is not None  # in the trash


def test_add_defaults_and_full_key_set(sdp):  # noqa: F811
    record = sdp.add(title="  Payroll 5.0  ", description="<b>New</b> payroll")
    assert record["title"] == "Payroll 5.0" and record["short_description"] == "New payroll"
    assert (record["stage"]["name"], record["status"]["name"]) == ("Submission", "Requested")
    assert record["stage"]["stage_index"] == "1"
    assert record["workflow"]["name"] == "General Release Workflow"
    assert record["template"] == {"name": "General Template", "id": "1"}
    assert record["roll_out_plan"]["stage"]["name"] == "Planning" and record["roll_out_plan"]["description"] is None
    assert record["close_details"]["stage"]["name"] == "Closure"
    for key in ("completed_time", "deleted_time", "release_engineer", "priority", "site", "closure_code"):
        assert record[key] is None, key
    assert record["udf_fields"] == {"udf_char1": None, "udf_long1": None, "udf_date1": None, "udf_bool1": None}
    assert sdp.get(record["id"]) == record
    refused(sdp.call("POST", "/releases", {"release": {"title": "t"}}), 400, 4012, "template")
    refused(sdp.call("POST", "/releases", {"release": {"title": " ", "template": {"id": "1"}}}), 400, 4012, "title")
    refused(sdp.call("POST", "/releases", {"release": {"title": "a\nb", "template": {"id": "1"}}}), 400, 4001)
    refused(sdp.call("POST", "/releases", {"title": "t"}), 400, 4012, "release")


def test_edit_is_a_partial_update(sdp):  # noqa: F811
    record = sdp.add(priority={"name": "Low"}, description="kept", scheduled_start_time={"value": "1767261600000"})
    edited = sdp.ok("PUT", "/releases/%s" % record["id"], {"release": {"priority": {"name": "normal"}}})["release"]
    assert edited["priority"]["name"] == "Normal"
    assert edited["description"] == "kept" and edited["scheduled_start_time"] == record["scheduled_start_time"]
    cleared = sdp.ok("PUT", "/releases/%s" % record["id"], {"release": {"priority": None}})["release"]
    assert cleared["priority"] is None
    assert sdp.get(record["id"]) == cleared


def test_stage_and_status(sdp):  # noqa: F811
    record = sdp.add(stage={"name": "planning"}, status={"name": "Rejected"})
    assert (record["stage"]["id"], record["status"]["id"]) == ("2", "7")
    moved = sdp.ok("PUT", "/releases/%s" % record["id"], {"release": {"status": {"name": "deployed"}}})["release"]
    assert (moved["stage"]["name"], moved["status"]["name"]) == ("Deployment", "Deployed")
    staged = sdp.ok("PUT", "/releases/%s" % record["id"], {"release": {"stage": {"name": "Development"}}})["release"]
    assert (staged["stage"]["internal_name"], staged["status"]["status_type"]) == ("implementation", "In Progress")
    refused(sdp.call("PUT", "/releases/%s" % record["id"], {"release": {
        "stage": {"name": "Testing"}, "status": {"name": "Deployed"}}}), 400, 4001, "status")
    refused(sdp.call("PUT", "/releases/%s" % record["id"], {"release": {"status": {"name": "completed"}}}),
            400, 4001, "stage")  # Closure is reached by close only
    comments = sdp.ok("GET", "/releases/%s/status_comments" % record["id"])["status_comments"]
    assert [c["status"]["name"] for c in comments] == ["In Development", "Deployed", "Rejected"]


def test_dependent_lookups(sdp):  # noqa: F811
    record = sdp.add(category={"name": "Software"}, subcategory={"name": "Database"}, item={"name": "install"})
    assert (record["subcategory"]["id"], record["item"]["id"]) == ("9", "14")  # "Install" of Database, not IE 7
    refused(sdp.call("PUT", "/releases/%s" % record["id"], {"release": {"subcategory": {"name": "Router"}}}),
            400, 4001, "subcategory")
    moved = sdp.ok("PUT", "/releases/%s" % record["id"], {"release": {"category": {"name": "Network"}}})["release"]
    assert moved["subcategory"] is None and moved["item"] is None


def test_roles_and_users(sdp):  # noqa: F811
    record = sdp.add(roles=[{"role": {"name": "release requester"}, "user": {"name": "guest"}}],
                     release_engineer={"email_id": "HEATHER.GRAHAM@example.com"},
                     release_manager={"id": "7"})
    assert record["release_requester"]["name"] == "Guest"
    assert record["release_engineer"]["name"] == "Heather Graham"
    assert record["release_manager"]["name"] == "Shawn Adams"
    assert [r["role"]["internal_name"] for r in record["roles"]] == ["release_manager", "release_engineer",
                                                                     "release_requester"]
    refused(sdp.call("PUT", "/releases/%s" % record["id"], {"release": {"release_requester": {"name": "guest"}}}),
            400, 4014, "release_requester")
    refused(sdp.call("PUT", "/releases/%s" % record["id"], {"release": {"release_engineer": {"name": "nobody"}}}),
            400, 4001, "release_engineer")
    edited = sdp.ok("PUT", "/releases/%s" % record["id"], {"release": {"release_manager": None}})["release"]
    assert edited["release_manager"] is None and len(edited["roles"]) == 2


def test_user_defined_and_descriptive_fields(sdp):  # noqa: F811
    meta = sdp.ok("GET", "/releases/_metainfo")["metainfo"]["fields"]["udf_fields"]["fields"]
    assert meta["udf_char1"]["display_name"] == "Change Ticket"
    record = sdp.add(udf_fields={"udf_char1": "CHG-1", "udf_long1": 5, "udf_date1": {"value": "1767261600000"}},
                     roll_out_plan={"description": "blue/green"})
    assert record["udf_fields"]["udf_char1"] == "CHG-1" and record["udf_fields"]["udf_long1"] == 5
    assert record["udf_fields"]["udf_date1"]["display_value"] == "Jan 1, 2026 10:00 AM"
    assert record["roll_out_plan"]["description"] == "blue/green"
    edited = sdp.ok("PUT", "/releases/%s" % record["id"], {"release": {"udf_fields": {"udf_bool1": True}}})["release"]
    assert edited["udf_fields"]["udf_char1"] == "CHG-1" and edited["udf_fields"]["udf_bool1"] is True
    refused(sdp.call("PUT", "/releases/%s" % record["id"], {"release": {"udf_fields": {"udf_long1": "five"}}}),
            400, 4021, "udf_fields.udf_long1")
    refused(sdp.call("PUT", "/releases/%s" % record["id"], {"release": {"udf_fields": {"udf_pick9": 1}}}),
            400, 4000, "udf_fields.udf_pick9")


def test_a_refused_write_changes_nothing(sdp):  # noqa: F811
    before = sdp.get(3)
    history = sdp.ok("GET", "/releases/3/history")["history"]
    refused(sdp.call("PUT", "/releases/3", {"release": {"title": "New title", "priority": {"name": "Huge"}}}),
            400, 4001, "priority")
    assert sdp.get(3) == before and sdp.ok("GET", "/releases/3/history")["history"] == history
    refused(sdp.call("PUT", "/releases/4", {"release": {"title": "Trashed"}}), 400, 4001, "id")


def test_a_new_title_shows_in_the_role_entries(sdp):  # noqa: F811
    record = sdp.add(release_engineer={"name": "Heather Graham"})
    edited = sdp.ok("PUT", "/releases/%s" % record["id"], {"release": {"title": "Renamed"}})["release"]
    assert [r["release"] for r in edited["roles"]] == [{"id": record["id"], "title": "Renamed"}]
