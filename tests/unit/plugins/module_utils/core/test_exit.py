# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The module exit for large results: the same JSON exit_json would print, secrets masked all the same."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible.module_utils.testing import patch_module_args  # pylint: disable=import-error,no-name-in-module

from ansible_collections.relops.itsm.plugins.module_utils.core import boundary

SECRET = "s3cr\u00e9t/pass\"word"


def _records(count, name=lambda i: "release %d" % i):
    return [{"id": "id-%05d" % i, "name": name(i), "n": i, "ratio": i / 7.0, "ok": i % 2 == 0, "none": None,
             "tags": ["a", "\u00fc", {"deep": [i]}]} for i in range(count)]


def _exit(capsys, result, splice=True):
    """(what the module printed, decoded) with the large-result exit, or with plain exit_json."""
    capsys.readouterr()
    with patch_module_args({"password": SECRET, "name": "x"}):
        module = boundary.Module(argument_spec={"password": {"type": "str", "no_log": True},
                                                "name": {"type": "str"}})
        with pytest.raises(SystemExit) as done:
            if splice:
                boundary.exit_json(module, result)
            else:
                module.exit_json(**result)
    out = capsys.readouterr().out
    return done.value.code, json.loads(out)


def test_a_large_result_prints_what_exit_json_prints(capsys):
    records = _records(3000)
    code, spliced = _exit(capsys, {"changed": False, "releases": records, "total": 3000, "api_calls": 31})
    plain_code, plain = _exit(capsys, {"changed": False, "releases": _records(3000), "total": 3000, "api_calls": 31},
                              splice=False)
    assert code == plain_code and code in (0, None)
    assert spliced == plain
    assert spliced["releases"] == _records(3000)
    assert spliced["invocation"]["module_args"]["password"] == "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"


def test_a_secret_anywhere_in_a_large_result_is_still_masked(capsys):
    """A record holding a no_log value goes through ansible-core's scrub; this secret (a quote, a non-ASCII letter)
    occurs in the JSON text only in its escaped form."""
    def name(i):
        return ("holds %s here" % SECRET) if i == 1234 else "release %d" % i
    code, out = _exit(capsys, {"changed": False, "releases": _records(3000, name), "nested": {"k": [SECRET]}})
    text = json.dumps(out)
    assert SECRET not in text and json.dumps(SECRET)[1:-1] not in text
    assert out["releases"][1234]["name"] != name(1234) and "********" in out["releases"][1234]["name"]
    assert out["releases"][1233]["name"] == "release 1233"


def test_a_small_result_is_left_to_exit_json(capsys):
    code, out = _exit(capsys, {"changed": True, "release": {"id": "1", "name": "small"}})
    assert out["release"] == {"id": "1", "name": "small"} and out["changed"] is True


def test_a_secret_inside_the_placeholder_falls_back(capsys, monkeypatch):
    monkeypatch.setattr(boundary.os, "urandom", lambda n: b"\x00" * n)
    capsys.readouterr()
    with patch_module_args({"password": "0000", "name": "x"}):
        module = boundary.Module(argument_spec={"password": {"type": "str", "no_log": True},
                                                "name": {"type": "str"}})
        with pytest.raises(SystemExit):
            boundary.exit_json(module, {"changed": False, "releases": _records(3000)})
    out = json.loads(capsys.readouterr().out)
    assert out["releases"][0]["id"] == "id-********0"  # ansible-core's own scrub ran


def test_a_record_list_prints_what_exit_json_prints_for_the_list(capsys):
    code, spliced = _exit(capsys, {"changed": False, "releases": boundary.RecordList(_records(3000)), "total": 3000})
    plain_code, plain = _exit(capsys, {"changed": False, "releases": _records(3000), "total": 3000}, splice=False)
    assert code == plain_code and spliced == plain and spliced["releases"] == _records(3000)


def test_a_record_list_holding_a_secret_is_scrubbed_by_exit_json(capsys):
    def name(i):
        return ("holds %s here" % SECRET) if i == 17 else "release %d" % i
    code, out = _exit(capsys, {"changed": False, "releases": boundary.RecordList(_records(3000, name))})
    assert SECRET not in json.dumps(out) and "********" in out["releases"][17]["name"]
    assert len(out["releases"]) == 3000 and out["releases"][18]["name"] == "release 18"


def test_a_small_record_list_is_a_plain_list_for_exit_json(capsys):
    records = boundary.RecordList([{"id": "1", "name": "small"}])
    assert len(records) == 1 and list(records) == [{"id": "1", "name": "small"}]
    code, out = _exit(capsys, {"changed": False, "releases": records, "empty": boundary.RecordList()})
    assert out["releases"] == [{"id": "1", "name": "small"}] and out["empty"] == []
