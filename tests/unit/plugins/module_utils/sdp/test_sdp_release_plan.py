# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The planner compares as SDP compares, on the vendor's own Get Release sample (sdp-api.md 7.3): names without
regard to case, people by name or e-mail, date-times as instants, grouped fields by their text, lists as sets;
only what differs becomes an edit, in the wire shape SDP takes."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.relops.itsm.plugins.module_utils.core.errors import ValidationError
from ansible_collections.relops.itsm.plugins.module_utils.sdp.lookups import Lookups
from ansible_collections.relops.itsm.plugins.module_utils.sdp.release_plan import plan_release, wire_body
from ansible_collections.relops.itsm.plugins.module_utils.sdp.releases import epoch_ms, to_options, wire_date

# sdp-api.md 7.3, trimmed to the fields compared here, plus a 2023-vintage engineer and roll-out plan.
RECORD = {
    "id": "8", "title": "MSSQL Server service pack upgrade", "template": {"name": "General Template", "id": "1"},
    "priority": {"color": "#ff0000", "name": "High", "id": "4"}, "urgency": {"name": "Urgent", "id": "1"},
    "stage": {"internal_name": "planning", "name": "Planning", "id": "2"},
    "status": {"internal_name": "rejected", "stage": {"id": "2"}, "status_type": "Failed", "name": "Rejected",
               "id": "7"},
    "scheduled_start_time": {"display_value": "Jun 22, 2020 03:35 PM", "value": "1592820350370"},
    "services": [{"name": "Application Login", "id": "1"}, {"name": "Communication", "id": "2"}],
    "release_engineer": {"name": "Heather Graham", "email_id": "heather.graham@example.com", "id": "7"},
    "roll_out_plan": {"description": "Blue-green", "internal_name": "roll_out_plan", "id": "2"},
    "emergency": False, "deleted_time": None,
}


def params(**values):
    return values


def test_dates_round_trip():
    assert wire_date(RECORD["scheduled_start_time"]) == "2020-06-22T10:05:50"
    assert epoch_ms("2020-06-22T10:05:50") == "1592820350000"
    assert wire_date(1605709282091) == "2020-11-18T14:21:22"  # approval summary's bare number


def test_the_record_in_option_names():
    options = to_options(RECORD)
    assert options["priority"] == "High" and options["stage"] == "Planning" and options["status_type"] == "Failed"
    assert options["services"] == ["Application Login", "Communication"] and options["roll_out_plan"] == "Blue-green"
    assert options["release_engineer"] == "Heather Graham" and options["in_trash"] is False


def test_what_sdp_holds_already_is_no_edit(sdp_sim, make_sdp_client):
    lookups = Lookups(make_sdp_client())
    plan = plan_release(params(priority="HIGH", urgency=" urgent ", stage="planning",
                               scheduled_start_time="2020-06-22T12:05:50+02:00",
                               services=["communication", "Application Login"],
                               release_engineer="HEATHER.GRAHAM@example.com", roll_out_plan=" Blue-green ",
                               emergency=False), RECORD, lookups)
    assert not plan.changed and plan.edits == []


def test_only_what_differs_in_the_wire_shape(sdp_sim, make_sdp_client):
    lookups = Lookups(make_sdp_client())
    plan = plan_release(params(priority="Low", scheduled_start_time="2020-06-22T10:06:00Z", services=["Email"],
                               roll_out_plan="Canary", status="In Planning", emergency=True), RECORD, lookups)
    wanted = ["status", "priority", "scheduled_start_time", "emergency", "roll_out_plan", "services"]
    assert [e.option for e in plan.edits] == wanted
    body = wire_body(plan, {"status_comment": None})
    assert body == {"status": {"name": "In Planning"}, "priority": {"name": "Low"},
                    "scheduled_start_time": {"value": "1592820360000"}, "emergency": True,
                    "roll_out_plan": {"description": "Canary"}, "services": [{"name": "Email"}],
                    "comment": "Stage/status set by Ansible (relops.itsm.sdp_release)"}
    assert plan.diff()["before"]["scheduled_start_time"] == "2020-06-22T10:05:50"


def test_clearing(sdp_sim, make_sdp_client):
    lookups = Lookups(make_sdp_client())
    plan = plan_release(params(priority="", services=[]), RECORD, lookups)
    assert wire_body(plan, {}) == {"priority": None, "services": []}
    with pytest.raises(ValidationError) as caught:
        plan_release(params(template=""), RECORD, lookups)
    assert str(caught.value) == "template cannot be cleared: an SDP release always has one"
