# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""sdp_release_info, its real main() against the SDP simulator: by id, by title, searches in option names with
every page read, sort and limit, include on request only, every release without a selector, the cloud edition."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import sys

import pytest

from ansible_collections.relops.itsm.plugins.modules import sdp_release_info

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
from conftest import run_module  # noqa: E402  pylint: disable=wrong-import-position,import-error


def live(sdp_sim):
    return [r for r in sdp_sim.control("GET", "data")["releases"] if not r.get("deleted_time")]


def test_every_release_without_a_selector(capsys, sdp_sim, sdp_args):
    result = run_module(capsys, sdp_release_info, sdp_args)
    assert not result["changed"] and result["total"] == len(live(sdp_sim)) == len(result["releases"])
    assert result["api_calls"] == 1
    assert all("vendor_record" not in r and "history" not in r for r in result["releases"])


def test_by_id_and_by_title(capsys, sdp_sim, sdp_args):
    one = run_module(capsys, sdp_release_info, dict(sdp_args, id="274", include=["history", "summary"]))
    release = one["releases"][0]
    assert release["id"] == "274" and release["title"] == "Payroll 4.2 rollout" and one["api_calls"] == 3
    assert isinstance(release["history"], list) and release["history"] and "tasks" in release["summary"]
    titled = run_module(capsys, sdp_release_info, dict(sdp_args, title="  mssql server SERVICE pack upgrade "))
    assert sorted(r["id"] for r in titled["releases"]) == ["273", "3", "6", "8", "9"] and titled["total"] == 5
    missing = run_module(capsys, sdp_release_info, dict(sdp_args, id="999999"))
    assert missing["failed"] and missing["msg"].startswith("ServiceDesk Plus has nothing at GET releases/999999 (404")


def test_search_every_page_sort_limit(capsys, sdp_sim, sdp_args):
    criteria = [{"field": "title", "condition": "contains", "value": "MSSQL"},
                {"field": "priority", "condition": "is", "value": "high", "logical_operator": "and"}]
    found = run_module(capsys, sdp_release_info, dict(sdp_args, search_criteria=criteria,
                                                      sort={"field": "id", "order": "desc"}))
    ids = [r["id"] for r in found["releases"]]
    assert ids and ids == sorted(ids, key=int, reverse=True) and all(r["priority"] == "High" for r in found["releases"])
    limited = run_module(capsys, sdp_release_info, dict(sdp_args, search_criteria=criteria, limit=2,
                                                        sort={"field": "id", "order": "desc"}))
    assert [r["id"] for r in limited["releases"]] == ids[:2] and limited["api_calls"] == 1
    dated = run_module(capsys, sdp_release_info, dict(sdp_args, search_criteria=[
        {"field": "scheduled_start_time", "condition": "greater or equal", "value": "2026-01-01"}]))
    assert dated["releases"] and all(r["scheduled_start_time"] >= "2026-01-01" for r in dated["releases"])


def test_include_fetches_only_what_is_asked(capsys, sdp_sim, sdp_args):
    kinds = ["history", "status_comments", "summary", "permissions", "approval_summary"]
    result = run_module(capsys, sdp_release_info, dict(sdp_args, id="274", include=kinds, vendor_record=True))
    release = result["releases"][0]
    assert result["api_calls"] == 1 + len(kinds) and all(k in release for k in kinds)
    assert release["vendor_record"]["id"] == "274" and "-1" in release["permissions"]


def test_cloud_edition(capsys, sdp_sim, sdp_cloud_args):
    first = run_module(capsys, sdp_release_info, dict(sdp_cloud_args, id="274"))
    second = run_module(capsys, sdp_release_info, dict(sdp_cloud_args, id="274"))
    assert first["releases"] == second["releases"] and first["api_calls"] == 2 and second["api_calls"] == 1
    assert sdp_sim.tokens()["granted"] == 1


@pytest.mark.parametrize("extra, message", [
    (dict(id="274", title="x"), "parameters are mutually exclusive: id|title"),
    (dict(id="274", limit=1), "sort and limit apply to a search or list, not to id"),
    (dict(limit=0), "limit must be 1 or more, got 0"),
    (dict(id="R-1"), "id 'R-1' is not an SDP release id (digits, for example 274)"),
    (dict(search_criteria=[{"field": "colour", "value": "red"}]),
     "search_criteria[0].field 'colour' is not a searchable release field; valid fields: category, completed_time, "
     "created_time, description, emergency, group, id, impact, item, next_review_on, priority, release_engineer, "
     "release_manager, release_type, risk, scheduled_end_time, scheduled_start_time, site, stage, status, "
     "subcategory, template, title, urgency"),
    (dict(include=["notes"]), "value of include must be one or more of: history, status_comments, summary, "
                              "permissions, approval_summary. Got no match for: notes"),
])
def test_bad_input(capsys, sdp_sim, sdp_args, extra, message):
    result = run_module(capsys, sdp_release_info, dict(sdp_args, **extra))
    assert result["failed"] and result["msg"] == message and result.get("api_calls", 0) == 0
