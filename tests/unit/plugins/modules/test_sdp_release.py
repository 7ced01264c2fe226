# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""sdp_release, its real main() against the SDP simulator: check mode, create, unchanged in 2 requests, only the
changed fields written and shown, the lifecycle (trash, restore, purge, close, assign, pickup), the natural key's
ambiguity, a key field, faults that never duplicate, and bad input refused before any write."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import sys

import pytest

from ansible_collections.relops.itsm.plugins.modules import sdp_release

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
from conftest import run_module  # noqa: E402  pylint: disable=wrong-import-position,import-error

NEW = dict(title="Payroll 4.3 rollout", template="general template", priority="high", stage="planning",
           status="In Planning", scheduled_start_time="2026-12-17T21:00:00+01:00", release_manager="Shawn.Adams@example.com",
           services=["application login"], roll_out_plan="Blue-green switch", emergency=False,
           udf_fields={"Change Ticket": "CHG-4301", "Story Points": 8})


def writes(sdp_sim):
    return [(m, p) for m, p in sdp_sim.api_requests() if m != "GET" and not p.startswith("/oauth")]


def releases_titled(sdp_sim, title):
    return [r for r in sdp_sim.control("GET", "data")["releases"] if r["title"] == title]


def test_check_mode_create_again_unchanged(capsys, sdp_sim, sdp_args):
    args = dict(sdp_args, **NEW)
    check = run_module(capsys, sdp_release, args, check_mode=True, diff=True)
    assert check["changed"] and check["release"]["id"] is None and check["release"]["title"] == NEW["title"]
    assert check["diff"]["before"] == {}
    assert check["diff"]["after"]["scheduled_start_time"] == "2026-12-17T20:00:00"
    assert writes(sdp_sim) == []
    created = run_module(capsys, sdp_release, args, diff=True)
    # The same fields; the names as SDP's catalogue spells them, in check mode too.
    assert created["changed"] and set(created["diff"]["after"]) == set(check["diff"]["after"])
    assert check["diff"]["after"]["priority"] == "High" and created["diff"]["after"]["priority"] == "High"
    release = created["release"]
    assert release["priority"] == "High" and release["stage"] == "Planning" and release["status"] == "In Planning"
    assert release["scheduled_start_time"] == "2026-12-17T20:00:00" and release["release_manager"] == "Shawn Adams"
    assert release["services"] == ["Application Login"] and release["roll_out_plan"] == "Blue-green switch"
    assert "vendor_record" not in created
    assert writes(sdp_sim) == [("POST", "/api/v3/releases")]
    sdp_sim.control("DELETE", "requests")
    again = run_module(capsys, sdp_release, args, diff=True)
    assert not again["changed"] and "diff" not in again and again["api_calls"] == 2
    assert again["release"] == release
    by_id = run_module(capsys, sdp_release, dict(sdp_args, id=release["id"], priority="HIGH"))
    assert not by_id["changed"] and by_id["api_calls"] == 1


def test_only_changed_fields_are_written_and_shown(capsys, sdp_sim, sdp_args):
    run_module(capsys, sdp_release, dict(sdp_args, **NEW))
    sdp_sim.control("DELETE", "requests")
    edits = dict(NEW, priority="Low", description="<p>New</p>", udf_fields={"Story Points": 13})
    changed = run_module(capsys, sdp_release, dict(sdp_args, **edits), diff=True)
    assert changed["changed"] and changed["api_calls"] == 3
    assert changed["diff"] == {"before": {"priority": "High", "description": None, "udf_fields": {"Story Points": 8}},
                               "after": {"priority": "Low", "description": "<p>New</p>",
                                         "udf_fields": {"Story Points": 13}}}
    assert writes(sdp_sim) == [("PUT", "/api/v3/releases/%s" % changed["release"]["id"])]


def test_lifecycle_trash_restore_purge(capsys, sdp_sim, sdp_args):
    args = dict(sdp_args, **NEW)
    release_id = run_module(capsys, sdp_release, args)["release"]["id"]
    check = run_module(capsys, sdp_release, dict(args, state="absent"), check_mode=True, diff=True)
    assert check["changed"] and check["diff"] == {"before": {"title": NEW["title"], "in_trash": False},
                                                  "after": {"title": NEW["title"], "in_trash": True}}
    trashed = run_module(capsys, sdp_release, dict(args, state="absent"))
    assert trashed["changed"] and releases_titled(sdp_sim, NEW["title"])[0]["deleted_time"]
    assert not run_module(capsys, sdp_release, dict(args, state="absent"))["changed"]
    restored = run_module(capsys, sdp_release, args, diff=True)
    assert restored["changed"] and restored["release"]["id"] == release_id and not restored["release"]["in_trash"]
    assert restored["diff"] == {"before": {"in_trash": True}, "after": {"in_trash": False}}
    purged = run_module(capsys, sdp_release, dict(args, state="absent", purge=True))
    assert purged["changed"] and releases_titled(sdp_sim, NEW["title"]) == []
    assert not run_module(capsys, sdp_release, dict(args, state="absent", purge=True))["changed"]


def test_close_assign_pickup(capsys, sdp_sim, sdp_args):
    args = dict(sdp_args, **NEW)
    run_module(capsys, sdp_release, args)
    assigned = run_module(capsys, sdp_release, dict(sdp_args, title=NEW["title"], release_engineer="heather graham"),
                          diff=True)
    assert assigned["changed"] and assigned["release"]["release_engineer"] == "Heather Graham"
    assert assigned["diff"] == {"before": {"release_engineer": None}, "after": {"release_engineer": "Heather Graham"}}
    assert ("PUT", "/api/v3/releases/assign") in writes(sdp_sim)
    by_mail = run_module(capsys, sdp_release, dict(sdp_args, title=NEW["title"],
                                                   release_engineer="heather.graham@example.com"))
    assert not by_mail["changed"]
    # pickup leaves a release that has an engineer alone
    assert not run_module(capsys, sdp_release, dict(sdp_args, title=NEW["title"], pickup=True))["changed"]
    close = dict(sdp_args, title=NEW["title"], state="closed", closure_comment="Deployed everywhere")
    check = run_module(capsys, sdp_release, close, check_mode=True, diff=True)
    assert check["changed"] and check["release"]["stage"] == "Closure"
    closed = run_module(capsys, sdp_release, close, diff=True)
    assert closed["changed"] and closed["release"]["stage"] == "Closure" and closed["release"]["status"] == "Completed"
    assert closed["release"]["completed_time"] and closed["diff"]["after"]["stage"] == "Closure"
    assert not run_module(capsys, sdp_release, close)["changed"]


def test_pickup_makes_the_caller_engineer(capsys, sdp_sim, sdp_args):
    run_module(capsys, sdp_release, dict(sdp_args, **NEW))
    picked = run_module(capsys, sdp_release, dict(sdp_args, title=NEW["title"], pickup=True))
    assert picked["changed"] and picked["release"]["release_engineer"] == "administrator"
    assert not run_module(capsys, sdp_release, dict(sdp_args, title=NEW["title"], pickup=True))["changed"]


def test_several_releases_with_one_title(capsys, sdp_sim, sdp_args):
    title = "MSSQL Server service pack upgrade"
    failed = run_module(capsys, sdp_release, dict(sdp_args, title=title, priority="Low"))
    assert failed["failed"] and failed["msg"] == (
        "title %r is held by 5 releases (ids 3, 6, 8, 9, 273); this module manages one release per title, so "
        "nothing was written. Give id to pick one, or key_field with a unique value." % title)
    picked = run_module(capsys, sdp_release, dict(sdp_args, id="6", title=title, priority="Low"))
    assert picked["changed"] and picked["release"]["id"] == "6" and picked["release"]["priority"] == "Low"
    assert writes(sdp_sim) == [("PUT", "/api/v3/releases/6")]


def test_a_key_field_finds_the_release(capsys, sdp_sim, sdp_args):
    args = dict(sdp_args, **dict(NEW, key_field="Change Ticket"))
    first = run_module(capsys, sdp_release, args)
    renamed = run_module(capsys, sdp_release, dict(args, title="Payroll 4.3 rollout (renamed)"), diff=True)
    assert renamed["changed"] and renamed["release"]["id"] == first["release"]["id"]
    assert renamed["diff"] == {"before": {"title": "Payroll 4.3 rollout"},
                               "after": {"title": "Payroll 4.3 rollout (renamed)"}}
    assert not run_module(capsys, sdp_release, dict(args, title="Payroll 4.3 rollout (renamed)"))["changed"]


def test_a_lost_create_answer_never_duplicates(capsys, sdp_sim, sdp_args):
    sdp_sim.control("POST", "faults", json={"method": "POST", "path": "*/releases", "count": 1, "drop": True,
                                            "after": True})
    created = run_module(capsys, sdp_release, dict(sdp_args, **NEW))
    assert created["changed"] and created["release"]["title"] == NEW["title"]
    assert len(releases_titled(sdp_sim, NEW["title"])) == 1
    assert [m for m, p in writes(sdp_sim)] == ["POST"]


def test_vendor_record_on_request(capsys, sdp_sim, sdp_args):
    result = run_module(capsys, sdp_release, dict(sdp_args, id="274", vendor_record=True))
    assert result["vendor_record"]["id"] == "274" and isinstance(result["vendor_record"]["priority"], dict)


@pytest.mark.parametrize("extra, message", [
    (dict(title=None), "one of the following is required: title, id, key_field"),
    (dict(id="abc"), "id 'abc' is not an SDP release id (digits, for example 274)"),
    (dict(template=None), "creating release 'Payroll 4.3 rollout' needs template; nothing was written"),
    (dict(priority="Hgh"), "priority 'Hgh' is not a priority; valid: High, Low, Medium, Normal"),
    (dict(urgency="soon"), "urgency 'soon' is not an urgency; valid: High, Low, Normal, Urgent"),
    (dict(category="Printers"), "category 'Printers' is not a category; valid: Hardware, Network, Operating System, "
                                "Software"),
    (dict(site="Paris"), "site 'Paris' is not a site; valid: Chennai, Headquarters, London Office"),
    (dict(release_type="Huge"), "release_type 'Huge' is not a release type; valid: Emergency, Major, Minor, "
                                "Standard"),
    (dict(release_manager="nobody@example.com"),
     "release_manager 'nobody@example.com' is not a user (give the name or the e-mail); valid: Aditya S, "
     "administrator, Guest, Heather Graham, Howard Stern, Jeniffer Doe, Shawn Adams"),
    (dict(scheduled_start_time="next week"), "scheduled_start_time 'next week' is not a date (YYYY-MM-DD) or an "
                                             "ISO 8601 date-time such as 2026-12-12T18:00:00Z"),
    (dict(closure_status="completed"), "closure_status and closure_comment apply to state=closed only, not "
                                       "state=present"),
    (dict(purge=True), "purge applies to state=absent only (it deletes the release from the trash)"),
    (dict(pickup=True, release_engineer="Heather Graham"),
     "pickup and release_engineer are mutually exclusive: pickup makes the caller the release engineer, "
     "release_engineer assigns the one named"),
    (dict(udf_fields={"Colour": "red"}), "udf_fields: 'Colour' is not a user-defined release field; valid: Change "
                                         "Ticket, Customer Facing, Go Live Date, Story Points"),
    (dict(udf_fields={"Story Points": "many"}), "udf_fields.Story Points 'many' is not a whole number"),
    (dict(key_field="Change Ticket", udf_fields={}),
     "key_field 'Change Ticket' names the user-defined field holding the release's key, so udf_fields must give its "
     "value (udf_fields: {'Change Ticket': ...})"),
    (dict(data_centre="eu"), "server_url (on-premises) and data_centre (cloud) are mutually exclusive: give "
                             "server_url for an on-premises ServiceDesk Plus, or data_centre (or api_url and "
                             "accounts_url) with portal for ServiceDesk Plus Cloud"),
])
def test_bad_input_writes_nothing(capsys, sdp_sim, sdp_args, extra, message):
    args = dict(sdp_args, **dict(NEW, **extra))
    args = dict((k, v) for k, v in args.items() if v is not None)
    result = run_module(capsys, sdp_release, args)
    assert result["failed"]
    if message:
        assert result["msg"] == message
    assert writes(sdp_sim) == []
    assert releases_titled(sdp_sim, NEW["title"]) == []


def test_a_closure_status_sdp_refuses_leaves_the_release_as_it_was(capsys, sdp_sim, sdp_args):
    before = run_module(capsys, sdp_release, dict(sdp_args, id="274"))["release"]
    result = run_module(capsys, sdp_release, dict(sdp_args, id="274", priority="Low", state="closed",
                                                  closure_status="nonexistent"))
    assert result["failed"] and result["msg"] == ("ServiceDesk Plus refused PUT releases/274/close as invalid: Value "
                                                  "given for status is not valid; field status (4001)")
    assert run_module(capsys, sdp_release, dict(sdp_args, id="274"))["release"] == before
    assert before["priority"] != "Low"


def test_no_secret_in_output(capsys, sdp_sim, sdp_args, sdp_cloud_args):
    for args in (sdp_args, sdp_cloud_args):
        result = run_module(capsys, sdp_release, dict(args, **NEW))
        bad = run_module(capsys, sdp_release, dict(args, **dict(NEW, priority="Hgh", title="Other")))
        text = json.dumps([result, bad])
        for secret in (sdp_sim.info["technician_key"], sdp_sim.info["client_secret"], sdp_sim.info["refresh_token"]):
            assert secret not in text
