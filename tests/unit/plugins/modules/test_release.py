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
            and r["path"].lower() != "/oauth/token" and not r["path"].lower().endswith("/filter")]


def test_create_check_then_real_then_unchanged(sim, capsys, module_args):
    checked = run_module(capsys, release, dict(module_args, **NEW), check_mode=True, diff=True)
    assert checked["changed"] and checked["release"]["id"] is None and not _writes(sim)
    assert checked["diff"]["after"]["implementation_date"] == "2027-03-01T09:00:00Z"
    created = run_module(capsys, release, dict(module_args, **NEW))
    assert created["changed"] and created["release"]["identifier"] == "UNIT-1.0"
    assert created["release"]["implementation_date"] == "2027-03-01T09:00:00Z"
    assert "raw" not in created["release"] and "implementationDate" not in created["release"]
    assert dict((k, checked["release"][k]) for k in NEW) == dict((k, created["release"][k]) for k in NEW)
    again = run_module(capsys, release, dict(module_args, **NEW))
    assert not again["changed"] and again["api_calls"] == 2
    spaced = run_module(capsys, release, dict(module_args, **dict(NEW, identifier="  unit-1.0 ")))
    assert not spaced["changed"] and spaced["release"]["id"] == created["release"]["id"]


def test_update_then_delete(sim, capsys, module_args):
    run_module(capsys, release, dict(module_args, **NEW))
    changed = run_module(capsys, release, dict(module_args, identifier="UNIT-1.0", status="In Progress"), diff=True)
    assert changed["changed"] and changed["diff"] == {"before": {"status": "Draft"}, "after": {"status": "In Progress"}}
    assert changed["release"]["status"] == "In Progress"
    gone = run_module(capsys, release, dict(module_args, identifier="UNIT-1.0", state="absent"))
    assert gone["changed"]
    assert not run_module(capsys, release, dict(module_args, identifier="UNIT-1.0", state="absent"))["changed"]


RELEASE_OPTIONS = ("id", "identifier", "name", "summary", "release_type", "location", "status", "risk_level",
                   "implementation_date", "display_color", "organization", "manager", "parent_release",
                   "plutora_release_type", "release_project_type", "last_modified_date")


def test_a_result_is_in_option_names_and_feeds_back_as_options(sim, capsys, module_args):
    wanted = dict(NEW, plutora_release_type="integrated", display_color="#ABC", manager="dev.lead@example.com",
                  additional_information={"Jira Epic": "UNIT-7", "Story Points": 21, "Impacted Regions": ["apac", "EMEA"],
                                          "Go-Live Date": "2027-03-01"},
                  systems=[{"name": "payments api", "role": "Impact", "deployment_status": "Completed"}])
    made = run_module(capsys, release, dict(module_args, **wanted))["release"]
    assert tuple(k for k in made if k not in ("additional_information", "systems")) == RELEASE_OPTIONS
    assert made["status"] == "Draft" and made["risk_level"] == "Low" and made["organization"] == "Payments"
    assert made["plutora_release_type"] == "integrated" and made["release_project_type"] == "none"
    assert made["display_color"] == "#aabbcc" and made["manager"] and "@" not in made["manager"]
    assert made["implementation_date"] == "2027-03-01T09:00:00Z" and made["last_modified_date"].endswith("Z")
    custom = made["additional_information"]
    assert custom["Jira Epic"] == "UNIT-7" and custom["Story Points"] == 21 and custom["Go-Live Date"] == "2027-03-01"
    assert sorted(custom["Impacted Regions"]) == ["APAC", "EMEA"]  # list values as Plutora spells them
    assert all(not isinstance(v, dict) and v is not None for v in custom.values())
    assert "Budget" not in custom  # a field without a value is left out (it is in raw)
    assert made["systems"] == [{"name": "Payments API", "role": "Impact", "deployment_status": "Completed"}]
    # The whole result given back as options (less what a task cannot set) changes nothing.
    options = dict((k, v) for k, v in made.items() if k not in ("id", "last_modified_date"))
    again = run_module(capsys, release, dict(module_args, **options))
    assert not again.get("failed") and not again["changed"], again
    raw = run_module(capsys, release, dict(module_args, identifier="UNIT-1.0", raw=True))["release"]
    assert raw["raw"]["id"] == made["id"] and raw["raw"]["plutoraReleaseType"] == "Integrated"
    assert dict((k, v) for k, v in raw.items() if k != "raw") == dict((k, v) for k, v in made.items() if k != "systems")
    assert {"name", "dataType"} <= set(raw["raw"]["additionalInformation"][0])


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
    assert result["changed"] and result["release"]["release_type"] == "Emergency Patch"


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


BULK = {"release_type": "Minor", "status": "Draft", "risk_level": "Low", "organization": "Payments",
        "implementation_date": "2027-03-01"}


def _bulk(n, prefix="BULK"):
    return [{"identifier": "%s-%03d" % (prefix, i), "name": "Bulk %d" % i} for i in range(n)]


def test_bulk_creates_then_costs_a_search_page_per_hundred(sim, capsys, module_args):
    created = run_module(capsys, release, dict(module_args, releases=_bulk(150), **BULK))
    assert created["changed"] and [r["identifier"] for r in created["releases"]][:2] == ["BULK-000", "BULK-001"]
    assert all(r["changed"] for r in created["releases"])
    # each item's release in option names, as one release's result is
    assert created["releases"][0]["release"]["status"] == "Draft"
    assert created["releases"][0]["release"]["implementation_date"] == "2027-03-01T00:00:00Z"
    assert "releaseStatusType" not in created["releases"][0]["release"]
    again = run_module(capsys, release, dict(module_args, releases=_bulk(150), **BULK), diff=True)
    assert not again["changed"] and "diff" not in again
    total = len(sim.control("GET", "data")["releases"])
    assert again["api_calls"] == (total + 99) // 100  # one search page per 100 releases, nothing else
    one = _bulk(150)
    one[7]["summary"] = "changed in bulk"
    changed = run_module(capsys, release, dict(module_args, releases=one, **BULK), diff=True)
    assert changed["changed"] and [r["identifier"] for r in changed["releases"] if r["changed"]] == ["BULK-007"]
    assert changed["diff"] == [{"before": {"summary": None}, "after": {"summary": "changed in bulk"},
                                "before_header": "BULK-007", "after_header": "BULK-007"}]
    assert changed["api_calls"] == (total + 99) // 100 + 2  # the release read again under its lock, the PUT


def test_bulk_refuses_every_bad_item_before_any_write(sim, capsys, module_args):
    items = _bulk(3) + [{"identifier": "BULK-X", "name": "x", "risk_level": "Catastrophic"},
                        {"identifier": "BULK-Y", "name": "y", "systems": [{"name": "Mainframe"}]},
                        {"identifier": "BULK-000"}]
    failed = run_module(capsys, release, dict(module_args, releases=items, **BULK))
    assert failed["failed"] and failed["msg"].startswith("releases lists bulk-000 more than once")
    failed = run_module(capsys, release, dict(module_args, releases=items[:5], **BULK))
    assert "releases[3] (BULK-X): risk_level 'Catastrophic' is not a Plutora ReleaseRiskLevel" in failed["msg"]
    assert "releases[4] (BULK-Y): systems[0].name 'Mainframe' is not a Plutora system" in failed["msg"]
    assert failed["msg"].endswith("nothing was written") and not _writes(sim)


def test_bulk_reports_a_failed_write_and_the_others(sim, capsys, module_args):
    sim.control("POST", "faults", json={"method": "POST", "path": "/releases", "count": 1, "status": 400})
    result = run_module(capsys, release, dict(module_args, releases=_bulk(3, "PART"), **BULK))
    assert result["failed"] and result["msg"].startswith("1 of 3 releases failed: PART-000: Plutora refused")
    assert [(r["identifier"], r["changed"], bool(r.get("failed"))) for r in result["releases"]] == \
        [("PART-000", True, True), ("PART-001", True, False), ("PART-002", True, False)]
