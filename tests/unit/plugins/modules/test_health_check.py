# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The health_check module's run against the simulator: results recorded once, and a bad environment anywhere
in a task writes nothing."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import sys

from ansible_collections.relops.itsm.plugins.modules import health_check

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
from conftest import run_module  # noqa: E402  pylint: disable=wrong-import-position,import-error


def _reports(sim):
    return [r for r in sim.requests_log() if r["method"] == "POST" and r["path"].lower() == "/environmenthealthcheck"]


def test_a_result_with_its_time_is_recorded_once(sim, capsys, module_args):
    args = dict(module_args, environment="Payments API - UAT", test_name="unit", health="online",
                executed_at="2026-11-22T14:30:00+0100")
    first = run_module(capsys, health_check, args)
    assert first["changed"] and first["results"][0]["executed_at"] == "2026-11-22T13:30:00Z"
    assert "raw" not in first["results"][0] and "record" not in first["results"][0]
    # the result given back as options is the same result: nothing new
    again = dict(module_args, **dict((k, v) for k, v in first["results"][0].items()
                                     if k in ("environment", "test_name", "health", "executed_at")))
    assert not run_module(capsys, health_check, again)["changed"]
    assert len(_reports(sim)) == 1
    raw = run_module(capsys, health_check, dict(args, test_name="unit-raw", raw=True))["results"][0]["raw"]
    assert raw["testName"] == "unit-raw" and raw["health"] == 1


def test_an_unknown_second_environment_writes_nothing(sim, capsys, module_args):
    result = run_module(capsys, health_check, dict(module_args, test_name="smoke", health="online", checks=[
        {"environment": "Payments API - UAT"}, {"environment": "Payments API - QA"}]))
    assert result["failed"] and result["msg"].startswith("checks[1].environment 'Payments API - QA' matches no")
    assert _reports(sim) == []


def test_a_report_whose_answer_was_lost_is_found_again_not_sent_twice(sim, capsys, module_args):
    run_module(capsys, health_check, dict(module_args, environment="Payments API - UAT", test_name="warm",
                                          health="online"))
    sim.control("POST", "faults", json={"method": "POST", "path": "/environmentHealthCheck", "drop": True,
                                        "after": True})
    result = run_module(capsys, health_check, dict(module_args, environment="Payments API - UAT", test_name="lost",
                                                   health="issue", log="boom"))
    assert result["changed"] and not result.get("failed")
    history = sim.control("GET", "data")["healthChecks"]
    assert len([h for h in history if h.get("testName") == "lost"]) == 1
