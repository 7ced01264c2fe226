# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The release module's run, end to end against the simulator: check mode, create, no-op, update, delete, and
bad input refused before any write."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import sys

from ansible_collections.relops.itsm.plugins.modules import release

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
from conftest import run_module  # noqa: E402  pylint: disable=wrong-import-position,import-error

NEW = {"identifier": "UNIT-1.0", "name": "Unit release", "release_type": "Minor", "status": "Draft",
       "risk_level": "Low", "implementation_date": "2027-03-01T10:00:00+01:00", "organization": "Payments"}


def _writes(sim):
    return [r for r in sim.requests_log() if r["method"] in ("POST", "PUT", "DELETE")
            and r["path"].lower() != "/oauth/token"]


def test_create_check_then_real_then_unchanged(sim, capsys, module_args):
    checked = run_module(capsys, release, dict(module_args, **NEW), check_mode=True, diff=True)
    assert checked["changed"] and checked["release"]["id"] is None and not _writes(sim)
    assert checked["diff"]["after"]["implementation_date"] == "2027-03-01T09:00:00"
    created = run_module(capsys, release, dict(module_args, **NEW))
    assert created["changed"] and created["release"]["identifier"] == "UNIT-1.0"
    assert created["release"]["implementationDate"] == "2027-03-01T09:00:00"
    again = run_module(capsys, release, dict(module_args, **NEW))
    assert not again["changed"] and again["api_calls"] == 2
    spaced = run_module(capsys, release, dict(module_args, **dict(NEW, identifier="  unit-1.0 ")))
    assert not spaced["changed"] and spaced["release"]["id"] == created["release"]["id"]


def test_update_then_delete(sim, capsys, module_args):
    run_module(capsys, release, dict(module_args, **NEW))
    changed = run_module(capsys, release, dict(module_args, identifier="UNIT-1.0", status="In Progress"), diff=True)
    assert changed["changed"] and changed["diff"] == {"before": {"status": "Draft"}, "after": {"status": "In Progress"}}
    assert changed["release"]["releaseStatusType"] == "In Progress"
    gone = run_module(capsys, release, dict(module_args, identifier="UNIT-1.0", state="absent"))
    assert gone["changed"]
    assert not run_module(capsys, release, dict(module_args, identifier="UNIT-1.0", state="absent"))["changed"]


def test_bad_input_writes_nothing(sim, capsys, module_args):
    run_module(capsys, release, dict(module_args, **NEW))
    sim.control("DELETE", "requests")
    failed = run_module(capsys, release, dict(module_args, identifier="UNIT-1.0", name="Renamed",
                                              systems=[{"name": "Payments API"}, {"name": "Mainframe"}]))
    assert failed["failed"] and failed["msg"].startswith("systems[1].name 'Mainframe' is not a Plutora system")
    assert not _writes(sim)
    unknown = run_module(capsys, release, dict(module_args, identifer="UNIT-1.0"))
    assert unknown["failed"] and "identifer" in unknown["msg"] and "one of the following is required" not in unknown["msg"]
    colour = run_module(capsys, release, dict(module_args, identifier="UNIT-1.0", display_color="red"))
    assert colour["failed"] and colour["msg"].startswith("display_color 'red' is not a colour")
    assert not _writes(sim)


def test_requests_per_task_with_a_warm_token_and_shared_lookups(sim, capsys, module_args):
    first = run_module(capsys, release, dict(module_args, **NEW))
    assert first["changed"] and first["api_calls"] == 1 + 2 + 4  # login, list + POST, four lookup tables
    second = run_module(capsys, release, dict(module_args, **dict(NEW, identifier="UNIT-2.0")))
    assert second["changed"] and second["api_calls"] == 2  # the lookups come from the run's shared copy
    assert run_module(capsys, release, dict(module_args, **NEW))["api_calls"] == 2
    changed = run_module(capsys, release, dict(module_args, identifier="UNIT-1.0", summary="Now with a summary"))
    assert changed["changed"] and changed["api_calls"] == 3
    assert changed["release"]["summary"] == "Now with a summary" and changed["release"]["name"] == "Unit release"
    gone = run_module(capsys, release, dict(module_args, identifier="UNIT-1.0", state="absent"))
    assert gone["changed"] and gone["api_calls"] == 2


def test_a_name_the_shared_table_lacks_is_looked_up_again(sim, capsys, module_args):
    run_module(capsys, release, dict(module_args, **NEW))
    data = sim.control("GET", "data")
    data["lookups"]["ReleaseType"].append({"id": "3f3b2c1a-0000-4000-8000-000000000001", "value": "Emergency Patch",
                                           "sortOrder": 99, "type": "ReleaseType"})
    sim.control("POST", "load", json={"lookups": data["lookups"]})
    result = run_module(capsys, release, dict(module_args, identifier="UNIT-1.0", release_type="emergency patch"))
    assert result["changed"] and result["release"]["releaseType"] == "Emergency Patch"


def test_check_mode_plans_a_playbook_that_creates_then_updates(sim, capsys, module_args):
    created = run_module(capsys, release, dict(module_args, **dict(NEW, identifier="PLAN-1")), check_mode=True)
    assert created["changed"]
    updated = run_module(capsys, release, dict(module_args, identifier="PLAN-1", status="In Progress",
                                               systems=[{"name": "Payments API", "deployment_status": "Completed"}]),
                         check_mode=True, diff=True)
    assert updated["changed"] and not updated.get("failed")
    assert updated["diff"]["before"]["status"] == "Draft" and updated["diff"]["after"]["status"] == "In Progress"
    assert "does not exist yet" in str(updated["warnings"])
    again = run_module(capsys, release, dict(module_args, identifier="PLAN-1", status="In Progress",
                                             systems=[{"name": "Payments API", "deployment_status": "Completed"}]),
                       check_mode=True)
    assert not again["changed"]
    assert not _writes(sim)
    # Outside check mode nothing planned counts: the release must really be created with its fields.
    real = run_module(capsys, release, dict(module_args, identifier="PLAN-1", status="In Progress"))
    assert real["failed"] and real["msg"].startswith("creating release 'PLAN-1' needs name")


def test_a_string_where_a_list_of_dictionaries_is_wanted_names_the_option(capsys, module_args):
    given = run_module(capsys, release, dict(module_args, identifier="UNIT-1.0", systems="Payments API"))
    assert given["msg"] == "systems must be a list of dictionaries, for example [{\"name\": ...}]; got 'Payments API'"
    item = run_module(capsys, release, dict(module_args, identifier="UNIT-1.0", systems=["Payments API"]))
    assert item["msg"] == "systems[0] must be a dictionary of its suboptions, for example {\"name\": ...}; got 'Payments API'"
