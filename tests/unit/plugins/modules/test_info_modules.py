# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The read-only modules' run against the simulator: release_info, change_search, health_check_info and api."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import sys

from ansible_collections.relops.itsm.plugins.modules import api, change_search, health_check_info, release, release_info

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
from conftest import run_module  # noqa: E402  pylint: disable=wrong-import-position,import-error


def test_release_info_by_identifier_and_search(capsys, module_args):
    one = run_module(capsys, release_info, dict(module_args, identifier="PAY-4.2", include=["systems"]))
    assert [r["identifier"] for r in one["releases"]] == ["PAY-4.2"] and "systems" in one["releases"][0]
    found = run_module(capsys, release_info, dict(module_args, filters=[
        {"property": "implementation_date", "operator": "GreaterOrEqual", "value": "2000-01-01"}], limit=3))
    assert len(found["releases"]) == 3 and found["total"] >= 3
    bad = run_module(capsys, release_info, dict(module_args, filters=[], limit=0))
    assert bad["failed"] and bad["msg"] == "limit must be 1 or more, got 0" and bad["api_calls"] == 0


def test_release_info_returns_what_the_release_module_takes(capsys, module_args):
    one = run_module(capsys, release_info, dict(module_args, identifier="PAY-4.2", include=["systems"]))["releases"][0]
    assert one["status"] and one["release_type"] and one["risk_level"] and one["organization"]
    assert one["implementation_date"].endswith("Z") and "releaseStatusType" not in one and "raw" not in one
    assert one["systems"] and all({"name", "role"} <= set(s) <= {"name", "role", "dependency_type", "deployment_status"}
                                  and None not in s.values() for s in one["systems"])
    custom = one["additional_information"]
    assert isinstance(custom, dict) and all(not isinstance(v, dict) and v is not None for v in custom.values())
    options = dict((k, v) for k, v in one.items() if k not in ("id", "last_modified_date"))
    fed_back = run_module(capsys, release, dict(module_args, **options), check_mode=True)
    assert not fed_back.get("failed") and not fed_back["changed"], fed_back
    raw = run_module(capsys, release_info, dict(module_args, identifier="PAY-4.2", include=["systems"], raw=True))
    vendor = raw["releases"][0].pop("raw")
    assert raw["releases"][0] == one and vendor["releaseStatusType"] == one["status"] and vendor["systems"]
    assert len(vendor["additionalInformation"]) == 8 and len(custom) < 8  # only the fields with a value
    assert len(json.dumps(one)) * 2 < len(json.dumps(vendor))  # the default is the compact one


def test_release_info_without_selector_lists_every_release(sim, capsys, module_args):
    seeded = sorted(r["identifier"] for r in sim.control("GET", "data")["releases"])
    every = run_module(capsys, release_info, dict(module_args))
    assert sorted(r["identifier"] for r in every["releases"]) == seeded and every["total"] == len(seeded)
    assert not every["changed"] and every["api_calls"] == 2  # the login, then one page of the search
    # sort and limit apply to that search too
    newest = {"property": "identifier", "direction": "DESC"}
    first = run_module(capsys, release_info, dict(module_args, sort=newest, limit=2))
    assert [r["identifier"] for r in first["releases"]] == sorted(seeded, reverse=True)[:2]
    assert first["total"] == len(seeded)
    # ... but not to the selectors that name releases
    bad = run_module(capsys, release_info, dict(module_args, identifier="PAY-4.2", limit=1))
    assert bad["failed"] and bad["api_calls"] == 0
    assert bad["msg"] == ("sort and limit apply to a search (filters, or no selector for every release), "
                          "not to id, identifier or identifiers")


def test_change_search_pages_and_limit(capsys, module_args):
    result = run_module(capsys, change_search, dict(module_args, search_filters=[
        {"property": "name", "operator": "Contains", "value": ""}], page_size=5, limit=7))
    assert len(result["changes"]) == 7 and result["total"] >= 7
    assert result["api_calls"] == 1 + 2  # the login, then two pages of 5


def test_change_search_returns_fields_under_the_names_its_filters_take(capsys, module_args):
    first = run_module(capsys, change_search, dict(module_args, limit=1, raw=True))["changes"][0]
    vendor = first.pop("raw")
    assert first["change_status"] == vendor["changeStatusName"] and first["change_id"] == vendor["changeId"]
    assert first["last_modified_date"].endswith("Z") and "changeStatusId" not in first
    again = run_module(capsys, change_search, dict(module_args, search_filters=[
        {"property": key, "value": first[key]} for key in ("change_id", "change_status", "last_modified_date")]))
    assert [c["id"] for c in again["changes"]] == [first["id"]] and "raw" not in again["changes"][0]


def test_health_check_info_current_and_history(capsys, module_args):
    result = run_module(capsys, health_check_info, dict(module_args, environments=["Payments API - UAT"],
                                                        environment="Payments API - UAT",
                                                        since="2026-11-22T14:30:00+0100"))
    assert result["statuses"][0]["environment"] == "Payments API - UAT" and isinstance(result["history"], list)
    assert set(result["statuses"][0]) == {"environment_id", "environment", "health", "executed_at", "tests"}
    for entry in result["history"] + result["statuses"][0]["tests"]:
        assert entry["health"] in ("unknown", "online", "offline", "issue") and entry["executed_at"].endswith("Z")
        assert "testName" not in entry and entry["test_name"]
    history = run_module(capsys, health_check_info, dict(module_args, environment="Payments API - UAT",
                                                         since="2000-01-01"))["history"]
    assert history and all({"id", "environment_id", "test_name", "health", "executed_at", "log_name", "log"}
                           <= set(h) and h["executed_at"].endswith("Z") for h in history)
    raw = run_module(capsys, health_check_info, dict(module_args, environments=["Payments API - UAT"], raw=True))
    assert raw["statuses"][0]["raw"]["healthStatus"] and raw["statuses"][0]["raw"]["environmentId"]
    bad = run_module(capsys, health_check_info, dict(module_args, environment="Payments API - UAT", since="yesterday"))
    assert bad["failed"] and bad["msg"].startswith("since 'yesterday' is not a date")


def test_health_check_info_without_selector_reads_every_environment(sim, capsys, module_args):
    environments = sim.control("GET", "data")["environments"]
    every = run_module(capsys, health_check_info, dict(module_args))
    assert [s["environment"] for s in every["statuses"]] == [e["name"] for e in environments]
    assert "history" not in every and not every["changed"]
    assert every["api_calls"] == 3  # the login, the environments (one page), one CurrentStatus for all of them
    reported = [s for s in every["statuses"] if s["health"] is not None]
    assert reported and all(s["tests"] for s in reported)
    assert all(s["executed_at"] is None and not s["tests"] for s in every["statuses"] if s["health"] is None)
    # an empty list names no environment: nothing to ask
    none = run_module(capsys, health_check_info, dict(module_args, environments=[]))
    assert none["statuses"] == [] and none["api_calls"] == 0
    # since/until still need environment
    bad = run_module(capsys, health_check_info, dict(module_args, since="2026-11-01"))
    assert bad["failed"] and bad["msg"] == "since and until need environment"


def test_api_reads_and_skips_writes_in_check_mode(sim, capsys, module_args):
    me = run_module(capsys, api, dict(module_args, path="/me"))
    assert me["json"] == sim.info["username"] and me["status"] == 200
    skipped = run_module(capsys, api, dict(module_args, method="DELETE", path="/releases/x"), check_mode=True)
    assert skipped["changed"] and skipped["api_calls"] == 0
