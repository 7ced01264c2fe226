# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reading the changes a release delivers against the simulator: release_info ``include: changes`` and
change_search ``release``, and change custom fields by their names."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import sys

from ansible_collections.relops.itsm.plugins.modules import change_search, release_info

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
from conftest import run_module  # noqa: E402  pylint: disable=wrong-import-position,import-error

PAY_42 = ["CHG-001 card tokenisation", "CHG-002 statement export", "CHG-007 fee calculation"]


def test_release_info_includes_the_delivered_changes_in_change_search_names(sim, capsys, module_args):
    found = run_module(capsys, release_info, dict(module_args, identifiers=["PAY-4.2", "PORTAL-7.0"],
                                                  include=["changes"]))
    pay, portal = found["releases"]
    assert [c["name"] for c in pay["changes"]] == PAY_42
    assert pay["changes"][0] == {"id": "7ec34332-5fee-50f6-b724-85f449008472", "change_id": 1,
                                 "name": "CHG-001 card tokenisation", "last_modified_date": "2026-11-02T08:01:00Z",
                                 "target_release": True, "actual_delivery_release": True}
    assert isinstance(portal["changes"], list)
    plain = run_module(capsys, release_info, dict(module_args, identifier="PAY-4.2"))
    assert "changes" not in plain["releases"][0]


def test_change_search_selects_the_changes_of_a_release(sim, capsys, module_args):
    by_identifier = run_module(capsys, change_search, dict(module_args, release="PAY-4.2", raw=True))
    assert [c["name"] for c in by_identifier["changes"]] == PAY_42 and by_identifier["total"] == 3
    first = by_identifier["changes"][0]
    assert first["change_status"] and first["raw"]["deliveryReleases"][0]["releaseId"].startswith("ada39bec")
    release_id = first["raw"]["deliveryReleases"][0]["releaseId"]
    by_id = run_module(capsys, change_search, dict(module_args, release=release_id, limit=2))
    assert [c["name"] for c in by_id["changes"]] == PAY_42[:2]
    filtered = run_module(capsys, change_search, dict(module_args, release="pay-4.2", search_filters=[
        {"property": "name", "operator": "Contains", "value": "fee"}]))
    assert [c["name"] for c in filtered["changes"]] == ["CHG-007 fee calculation"]
    unknown = run_module(capsys, change_search, dict(module_args, release="PAY-9.9"))
    assert unknown["failed"] and unknown["msg"] == ("release 'PAY-9.9' matches no release identifier (give a "
                                                    "release's identifier or id)")
    both = run_module(capsys, change_search, dict(module_args, release="PAY-4.2", page=0))
    assert both["failed"] and "mutually exclusive" in both["msg"]


def test_change_custom_fields_appear_by_their_names(sim, capsys, module_args):
    one = run_module(capsys, change_search, dict(module_args, id="7ec34332-5fee-50f6-b724-85f449008472", raw=True))
    change = one["changes"][0]
    items = dict((i["name"], i) for i in change["raw"]["additionalInformation"])
    assert change["additional_information"]["Jira Key"] == "PAY-1201" == items["Jira Key"]["text"]
    listed = [name for name, item in items.items() if item["dataType"] == "ListField" and item["listItem"]]
    assert listed and change["additional_information"][listed[0]] == items[listed[0]]["listItem"]["value"]
    searched = run_module(capsys, change_search, dict(module_args, raw=True, search_filters=[
        {"property": "name", "value": "CHG-001 card tokenisation"}]))
    assert searched["changes"][0]["additional_information"] == change["additional_information"]
