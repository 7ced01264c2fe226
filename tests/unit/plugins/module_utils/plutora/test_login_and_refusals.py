# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Against the simulator: a token request answered without a verdict is sent once more (not a failed login) while
one that may have reached the server unanswered never is; a 401 that outlives a fresh login is explained as the
IP whitelist; a change of parent_release warns that phases and gates are not migrated."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import sys

import pytest

from ansible_collections.relops.itsm.plugins.module_utils.core import errors
from ansible_collections.relops.itsm.plugins.module_utils.plutora.release_tasks import (
    Task,
    ensure,
    ensure_many,
    release_argument_spec,
)
from ansible_collections.relops.itsm.plugins.modules import release

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
from conftest import run_module  # noqa: E402  pylint: disable=wrong-import-position,import-error


def _memory(tmp_path):
    cache = tmp_path / "cache"
    return sorted(p.name.split("-")[0] for p in cache.iterdir()) if cache.exists() else []


def test_a_first_token_request_answered_without_a_verdict_is_sent_once_more(sim, make_client, tmp_path):
    sim.control("POST", "faults", json={"method": "POST", "path": "/oauth/token", "status": 500, "count": 1})
    client = make_client()
    assert client.get("/me") == sim.info["username"]
    assert [r["status"] for r in sim.token_requests()] == [500, 200]
    assert client.tokens.unjudged == 1
    assert "rejected" not in _memory(tmp_path) and "uncertain" not in _memory(tmp_path)
    assert make_client().get("/me") == sim.info["username"] and len(sim.token_requests()) == 2  # cached token


def test_two_answers_without_a_verdict_fail_clearly_and_are_not_remembered(sim, make_client, tmp_path):
    sim.control("POST", "faults", json={"method": "POST", "path": "/oauth/token", "status": 503, "count": 2})
    with pytest.raises(errors.ServerError) as caught:
        make_client().get("/me")
    assert "The token request was sent 2 times" in caught.value.message and "503" in caught.value.message
    assert len(sim.token_requests()) == 2
    assert "rejected" not in _memory(tmp_path) and "uncertain" not in _memory(tmp_path)
    assert make_client().get("/me") == sim.info["username"]  # no lock-out memory: the next task logs in


def test_a_lost_answer_is_never_sent_again_even_when_the_server_acted(sim, make_client):
    sim.control("POST", "faults", json={"method": "POST", "path": "/oauth/token", "drop": True, "after": True})
    with pytest.raises(errors.TransportError) as caught:
        make_client(password="maybe-wrong").get("/me")
    assert "not re-sent" in caught.value.message
    assert len(sim.token_requests()) == 1


def test_a_wrong_password_is_a_verdict_and_is_sent_once(sim, make_client):
    with pytest.raises(errors.LoginFailed):
        make_client(password="wrong").get("/me")
    assert len(sim.token_requests()) == 1


def test_a_401_after_a_fresh_login_is_explained_as_the_ip_whitelist(sim, make_client):
    client = make_client()
    assert client.get("/me") == sim.info["username"]
    sim.control("PUT", "config", json={"token_ttl": 0})  # every token the server hands out is refused at once
    sim.control("DELETE", "tokens")  # and the one the client holds is revoked
    with pytest.raises(errors.NotWhitelisted) as caught:
        client.get("/releases")
    message = caught.value.message
    assert message.startswith("Plutora refused GET /releases with 401 (Authorization has been denied for this "
                              "request.) even with a token from a fresh login, so the token is not the problem")
    assert "IP Whitelisting" in message and "same region" in message
    assert len(sim.token_requests()) == 2  # the first token, then exactly one fresh login


PARENT = {"identifier": "CHILD-1.0", "name": "Child", "release_type": "Minor", "status": "Draft",
          "risk_level": "Low", "implementation_date": "2027-03-01", "organization": "Payments",
          "parent_release": "REL-2026.12"}


def test_changing_the_parent_release_warns_in_check_mode_and_for_real(sim, capsys, module_args):
    created = run_module(capsys, release, dict(module_args, **PARENT))
    assert created["changed"]
    checked = run_module(capsys, release, dict(module_args, identifier="CHILD-1.0", parent_release=""),
                         check_mode=True)
    assert checked["changed"] and "does not migrate the release's phases and gates" in str(checked["warnings"])
    moved = run_module(capsys, release, dict(module_args, identifier="CHILD-1.0", parent_release=""))
    assert moved["changed"] and "parent_release changes from 'REL-2026.12' to none" in str(moved["warnings"])
    bulk = run_module(capsys, release, dict(module_args, releases=[{"identifier": "CHILD-1.0",
                                                                    "parent_release": "REL-2026.12"}]))
    assert bulk["changed"] and "release 'CHILD-1.0': parent_release changes from none to 'REL-2026.12'" in str(
        bulk["warnings"])


def test_no_warning_when_the_parent_stays_or_is_set_on_create(make_client):
    client, said = make_client(), []
    params = dict(release_argument_spec_defaults(), **PARENT)
    assert ensure(Task(params, False, False, said.append), client)["changed"]
    assert not ensure(Task(dict(params, name=None), False, False, said.append), client)["changed"]
    assert not ensure(Task(dict(params, parent_release="rel-2026.12 "), False, False, said.append), client)["changed"]
    assert said == []
    assert ensure(Task(dict(params, parent_release=""), True, False, said.append), client)["changed"]
    assert len(said) == 1 and "phases and gates" in said[0]


def release_argument_spec_defaults():
    """Every option of one release at its default, as the module hands them to release_tasks."""
    return dict((name, spec.get("default")) for name, spec in release_argument_spec().items())


def test_a_bulk_task_warns_once_though_it_decides_twice(make_client):
    client, said = make_client(), []
    params = dict(release_argument_spec_defaults(), identifier=None, id=None)
    results = ensure_many(Task(params, False, False, said.append), client, [
        {"identifier": "PAY-4.2", "parent_release": "REL-2027.01"}])
    assert results[0]["changed"] and len(said) == 1 and "release 'PAY-4.2'" in said[0]
