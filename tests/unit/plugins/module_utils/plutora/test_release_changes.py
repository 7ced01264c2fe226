# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The changes a release delivers, through the release module against the simulator: by name or id, purge,
check mode and --diff, idempotence, bad names refused before any write, and bulk mode."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import sys

from ansible_collections.relops.itsm.plugins.modules import release

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
from conftest import run_module  # noqa: E402  pylint: disable=wrong-import-position,import-error

CHG3 = "5e6b0110"  # the seed's CHG-003 push opt-in (id prefix)


def _links(sim):
    return [r for r in sim.requests_log() if "/deliveryreleases/" in r["path"].lower()]


def _names(result):
    return sorted(c["name"] for c in result["changes"])


def _id_of(sim, name):
    return [c["id"] for c in sim.control("GET", "data")["changes"] if c["name"] == name][0]


def test_changes_by_name_and_id_check_mode_diff_then_real_then_unchanged(sim, capsys, module_args):
    chg3 = _id_of(sim, "CHG-003 push opt-in")
    args = dict(module_args, identifier="PAY-4.2", changes=[" chg-004 LEDGER rounding", chg3])
    sim.control("DELETE", "requests")
    checked = run_module(capsys, release, args, check_mode=True, diff=True)
    assert checked["changed"] and not _links(sim)
    assert checked["diff"] == {"before": {"changes": {}}, "after": {"changes": {
        "CHG-004 ledger rounding": {"id": _id_of(sim, "CHG-004 ledger rounding"), "change_id": 4},
        "CHG-003 push opt-in": {"id": chg3, "change_id": 3}}}}
    assert _names(checked) == ["CHG-001 card tokenisation", "CHG-002 statement export", "CHG-003 push opt-in",
                               "CHG-004 ledger rounding", "CHG-007 fee calculation"]
    real = run_module(capsys, release, args, diff=True)
    assert real["changed"] and real["diff"] == checked["diff"] and _names(real) == _names(checked)
    assert sorted(set(real["changes"][0])) == ["actual_delivery_release", "change_id", "id", "last_modified_date",
                                               "name", "target_release"]
    assert [r["method"] for r in _links(sim)] == ["PUT", "PUT"]
    again = run_module(capsys, release, args)
    assert not again["changed"] and again["api_calls"] == 4  # list, record, the release's changes, one filter
    assert _names(again) == _names(real)


def test_purge_removes_the_changes_not_listed(sim, capsys, module_args):
    args = dict(module_args, identifier="PAY-4.2", changes=["CHG-002 statement export"], purge_changes=True)
    checked = run_module(capsys, release, args, check_mode=True, diff=True)
    assert checked["changed"] and _names(checked) == ["CHG-002 statement export"]
    assert checked["diff"]["after"]["changes"] == {"CHG-001 card tokenisation": None, "CHG-007 fee calculation": None}
    assert sorted(checked["diff"]["before"]["changes"]) == ["CHG-001 card tokenisation", "CHG-007 fee calculation"]
    real = run_module(capsys, release, args)
    assert real["changed"] and _names(real) == ["CHG-002 statement export"]
    assert not run_module(capsys, release, args)["changed"]
    emptied = run_module(capsys, release, dict(module_args, identifier="PAY-4.2", purge_changes=True))
    assert emptied["changed"] and emptied["changes"] == []


def test_unknown_or_repeated_changes_are_refused_before_any_write(sim, capsys, module_args):
    sim.control("DELETE", "requests")
    unknown = run_module(capsys, release, dict(module_args, identifier="PAY-4.2", name="Renamed",
                                               changes=["CHG-003 push opt-in", "CHG-999 nothing"]))
    assert unknown["failed"] and unknown["msg"].startswith(
        "changes[1] 'CHG-999 nothing' is not a Plutora change; valid: CHG-001 card tokenisation, CHG-002 statement")
    twice = run_module(capsys, release, dict(module_args, identifier="PAY-4.2", changes=["a", " A"]))
    assert twice["failed"] and twice["msg"] == "changes lists a more than once"
    same = run_module(capsys, release, dict(module_args, identifier="PAY-4.2", changes=[
        "CHG-003 push opt-in", _id_of(sim, "CHG-003 push opt-in")]))
    assert same["failed"] and "more than once" in same["msg"]
    assert not [r for r in sim.requests_log() if r["method"] in ("PUT", "POST", "DELETE")
                and r["path"] != "/oauth/token" and not r["path"].endswith("/filter")]


def test_a_new_release_delivers_its_changes_and_bulk_mode_shares_the_code(sim, capsys, module_args):
    new = {"name": "Changes", "release_type": "Minor", "status": "Draft", "risk_level": "Low",
           "implementation_date": "2027-03-01", "organization": "Payments"}
    checked = run_module(capsys, release, dict(module_args, identifier="CHG-REL-1", changes=["CHG-005 search ranking"],
                                               **new), check_mode=True)
    assert checked["changed"] and _names(checked) == ["CHG-005 search ranking"]
    created = run_module(capsys, release, dict(module_args, identifier="CHG-REL-1", changes=["CHG-005 search ranking"],
                                               **new))
    assert created["changed"] and _names(created) == ["CHG-005 search ranking"]
    bulk = dict(module_args, releases=[
        {"identifier": "CHG-REL-1", "changes": ["CHG-006 password reset"], "purge_changes": True},
        {"identifier": "PAY-4.2", "changes": ["CHG-005 search ranking"]}])
    planned = run_module(capsys, release, bulk, check_mode=True)
    assert planned["changed"] and [_names(r) for r in planned["releases"]] == [
        ["CHG-006 password reset"], ["CHG-001 card tokenisation", "CHG-002 statement export",
                                     "CHG-005 search ranking", "CHG-007 fee calculation"]]
    done = run_module(capsys, release, bulk)
    assert [_names(r) for r in done["releases"]] == [_names(r) for r in planned["releases"]]
    assert not run_module(capsys, release, bulk)["changed"]
    refused = run_module(capsys, release, dict(module_args, releases=[
        {"identifier": "CHG-REL-1", "changes": ["CHG-001 card tokenisation"]},
        {"identifier": "PAY-4.2", "changes": ["nope"]}]))
    assert refused["failed"] and "releases[1] (PAY-4.2): changes[0] 'nope' is not a Plutora change" in refused["msg"]
    assert "CHG-001 card tokenisation" not in _names(run_module(capsys, release, dict(
        module_args, identifier="CHG-REL-1", changes=[], )))
