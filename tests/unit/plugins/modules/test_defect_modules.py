# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""defect_info and defect, their real main() against the Plutora Test simulator (and the Plutora simulator for
release identifiers)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import sys

from ansible_collections.relops.itsm.plugins.modules import defect, defect_info

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
from conftest import run_module  # noqa: E402  pylint: disable=wrong-import-position,import-error

PAY = "ada39bec-0a1e-5bcb-b70c-5d2c8f7f7369"
OPEN = {"property": "status", "operator": "NotWithin", "value": ["Closed", "Rejected", "Verified"]}


def connection(module_args):
    """The defect module has no release_connection."""
    return dict((k, v) for k, v in module_args.items() if k != "release_connection")


def display_ids(result):
    return sorted(d["display_id"] for d in result["defects"])


def test_every_defect_without_a_selector(capsys, pt_module_args):
    result = run_module(capsys, defect_info, dict(pt_module_args, page_size=10))
    assert len(result["defects"]) == 30 and result["total"] == 30 and not result["changed"]
    assert result["api_calls"] == 1 + 3  # the login, then three pages of 10
    first = [d for d in result["defects"] if d["display_id"] == "DEF-1001"][0]
    assert first["custom_fields"] == {"Root Cause": "Retry without idempotency key", "Found In Build": "4.2.0-rc1",
                                      "Reopen Count": 0}
    assert first["status"] == "Open" and first["releases"][0]["identifier"] == "PAY-4.2"
    assert first["created_date"].endswith("Z") and "raw" not in first and "DisplayId" not in first
    # a defect's fields are the names its filters take: searching with them finds it again
    again = run_module(capsys, defect_info, dict(pt_module_args, raw=True, filters=[
        {"property": key, "value": first[key]} for key in ("display_id", "status", "created_date")]))
    assert display_ids(again) == ["DEF-1001"] and again["defects"][0]["raw"]["DisplayId"] == "DEF-1001"


def test_one_defect_by_id_or_display_id(capsys, pt_sim, pt_module_args):
    by_display = run_module(capsys, defect_info, dict(pt_module_args, display_id="DEF-1005"))
    assert display_ids(by_display) == ["DEF-1005"] and by_display["api_calls"] == 2
    by_id = run_module(capsys, defect_info, dict(pt_module_args, id=by_display["defects"][0]["id"]))
    assert by_id["defects"] == by_display["defects"]
    missing = run_module(capsys, defect_info, dict(pt_module_args, display_id="DEF-9999"))
    assert missing["failed"] and missing["msg"] == "Plutora Test has no defect with display id 'DEF-9999'."


def test_releases_by_identifier_and_id(capsys, sim, pt_module_args):
    result = run_module(capsys, defect_info, dict(pt_module_args, releases=["pay-4.2", "AUTH-2.9", PAY],
                                                  filters=[OPEN]))
    assert display_ids(result) == ["DEF-1001", "DEF-1002", "DEF-1004", "DEF-1006", "DEF-1010", "DEF-1011"]
    assert result["releases"] == [{"identifier": "PAY-4.2", "id": PAY},
                                  {"identifier": "AUTH-2.9", "id": "234e450c-b59a-54fc-b5fa-44000440bbf8"}]
    # two logins, one Release & Verify lookup for both identifiers, one search
    assert result["api_calls"] == 4
    # ids only: no Release & Verify request at all, and the cached token: one request
    by_id_only = run_module(capsys, defect_info, dict(pt_module_args, releases=[PAY], filters=[OPEN]))
    assert by_id_only["api_calls"] == 1 and display_ids(by_id_only) == ["DEF-1001", "DEF-1002", "DEF-1004",
                                                                        "DEF-1006"]


def test_release_gate(capsys, pt_module_args):
    passes = run_module(capsys, defect_info, dict(pt_module_args, releases=["PORTAL-7.0"], filters=[OPEN],
                                                  fail_if_any=True))
    assert not passes.get("failed") and passes["defects"] == [] and passes["total"] == 0
    fails = run_module(capsys, defect_info, dict(pt_module_args, releases=["PAY-4.2"], filters=[OPEN],
                                                 fail_if_any=True))
    assert fails["failed"] and fails["total"] == 4 and len(fails["defects"]) == 4
    assert fails["msg"] == ("fail_if_any: 4 defect(s) match: DEF-1004 Payments API returns 500 on empty basket "
                            "(Fixed), DEF-1002 Refund rounding differs from ledger by one cent (In Progress), "
                            "DEF-1001 Payment confirmation e-mail sent twice (Open), DEF-1006 Timeout banner "
                            "overlaps checkout button (Submitted)")


def test_bad_input_fails_before_any_request(capsys, pt_sim, pt_module_args):
    cases = [
        (dict(page_size=0), "page_size must be between 1 and 100, got 0"),
        (dict(limit=0), "limit must be 1 or more, got 0"),
        (dict(id="x", display_id="DEF-1"), "id and display_id each name one defect; give one of them, not both"),
        (dict(display_id="DEF-1", releases=["PAY-4.2"]),
         "display_id reads one defect, so releases cannot be given with it; leave display_id out to search"),
        (dict(filters=[{"property": "Root Cause", "value": "x"}]),
         "filters[0].property 'Root Cause' is not a main defect field"),
    ]
    for args, message in cases:
        result = run_module(capsys, defect_info, dict(pt_module_args, **args))
        assert result["failed"] and result["msg"].startswith(message), result["msg"]
        assert result["api_calls"] == 0
    assert pt_sim.requests_log() == []


def test_unknown_release_identifier_searches_nothing(capsys, pt_sim, pt_module_args):
    result = run_module(capsys, defect_info, dict(pt_module_args, releases=["PAY-4.2", "NOPE-1"]))
    assert result["failed"] and result["msg"] == ("releases: no Plutora release has the identifier 'NOPE-1'; nothing "
                                                  "was searched. Check the identifiers, or give release ids")
    assert [r for r in pt_sim.requests_log() if r["path"] != "/oauth/token"] == []


def test_defect_check_real_again(capsys, pt_sim, pt_module_args):
    args = dict(connection(pt_module_args), display_id="DEF-1002", name="  Refund rounding fixed in 4.2.1 ",
                description="<p>Refund rounding differs from ledger by one cent. Found during regression testing.</p>")
    before = pt_sim.defect("DEF-1002")
    checked = run_module(capsys, defect, args, check_mode=True, diff=True)
    assert checked["changed"] and checked["defect"]["name"] == "Refund rounding fixed in 4.2.1"
    assert checked["diff"] == {"before": {"name": "Refund rounding differs from ledger by one cent"},
                               "after": {"name": "Refund rounding fixed in 4.2.1"}}
    assert pt_sim.defect("DEF-1002") == before
    real = run_module(capsys, defect, args, diff=True)
    assert real["changed"] and real["diff"] == checked["diff"]
    assert real["defect"]["name"] == checked["defect"]["name"] == pt_sim.defect("DEF-1002")["Name"]
    patches = [r for r in pt_sim.requests_log() if r["method"] == "PATCH"]
    assert len(patches) == 1
    again = run_module(capsys, defect, args, diff=True)
    assert not again["changed"] and "diff" not in again and again["api_calls"] == 1  # one read, token cached


def test_defect_by_id_and_description(capsys, pt_sim, pt_module_args):
    target = pt_sim.defect("DEF-1003")
    result = run_module(capsys, defect, dict(connection(pt_module_args), id=target["Id"], description=""))
    assert result["changed"] and pt_sim.defect("DEF-1003")["Description"] == ""
    assert pt_sim.defect("DEF-1003")["Name"] == target["Name"]


def test_defect_bad_input(capsys, pt_sim, pt_module_args):
    empty = run_module(capsys, defect, dict(connection(pt_module_args), display_id="DEF-1001", name="  "))
    assert empty["failed"] and empty["msg"] == ("name cannot be empty; give the defect's title, or leave name out to "
                                                "keep it")
    nothing = run_module(capsys, defect, dict(connection(pt_module_args), display_id="DEF-1001"))
    assert nothing["failed"] and nothing["msg"] == "one of the following is required: name, description"
    missing = run_module(capsys, defect, dict(connection(pt_module_args), display_id="DEF-9999", name="x"))
    assert missing["failed"] and missing["msg"] == "Plutora Test has no defect with display id 'DEF-9999'."
    assert [r for r in pt_sim.requests_log() if r["method"] == "PATCH"] == []


def test_no_secret_in_results(capsys, pt_sim, pt_module_args):
    import json
    result = run_module(capsys, defect_info, dict(pt_module_args, releases=["PAY-4.2"], _ansible_verbosity=4))
    text = json.dumps(result)
    assert result["http_log"] and "POST /defects/search -> 200" in " ".join(result["http_log"])
    for secret in (pt_module_args["client_secret"], pt_module_args["password"],
                   pt_module_args["release_connection"]["client_secret"],
                   pt_module_args["release_connection"]["password"]):
        assert secret not in text
