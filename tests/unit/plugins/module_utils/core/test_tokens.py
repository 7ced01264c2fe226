# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The core token cache and file store, through Plutora's password grant against the simulator: one login per
run, credentials never answered from another's cache, logins never re-sent, damaged and unsafe caches."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import multiprocessing
import os
import stat
import sys

import pytest

from ansible_collections.relops.itsm.plugins.module_utils.core import errors
from ansible_collections.relops.itsm.plugins.module_utils.core.filestore import FileStore
from ansible_collections.relops.itsm.plugins.module_utils.plutora.connection import connect

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
from conftest import sim_params  # noqa: E402  pylint: disable=wrong-import-position,import-error


def _secrets(sim):
    return [sim.info["client_secret"], sim.info["password"]]


def _assert_no_secret(sim, text, extra=()):
    for secret in list(_secrets(sim)) + list(extra):
        assert secret not in text


def test_me_with_one_login(sim, make_client):
    client = make_client()
    assert client.get("/me") == sim.info["username"]
    assert client.get("/ME") == sim.info["username"]
    assert client.calls == 3
    assert len(sim.token_requests()) == 1


def _me_in_child(options, barrier, results):
    barrier.wait()
    try:
        results.put(connect(options).get("/me"))
    except Exception as exc:  # pylint: disable=broad-exception-caught
        results.put("%s: %s" % (type(exc).__name__, exc))


def test_many_processes_share_one_login(sim, tmp_path):
    options = sim_params(sim.info, token_cache=str(tmp_path / "cache"))
    # spawn, not fork: the test process has threads (the simulator's output reader), which fork does not copy safely.
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(8), ctx.Queue()
    procs = [ctx.Process(target=_me_in_child, args=(options, barrier, results)) for dummy in range(8)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(60)
    assert sorted(results.get(timeout=5) for dummy in range(8)) == [sim.info["username"]] * 8
    assert [proc.exitcode for proc in procs] == [0] * 8
    assert len(sim.token_requests()) == 1
    assert len([r for r in sim.requests_log() if r["path"].lower() == "/me"]) == 8


def test_token_cache_file_is_private_and_holds_no_secret(sim, make_client, tmp_path):
    make_client().get("/me")
    cache = tmp_path / "cache"
    assert stat.S_IMODE(os.stat(str(cache)).st_mode) == 0o700
    files = [p for p in cache.iterdir() if p.name.endswith(".json")]
    assert files
    for path in files:
        assert stat.S_IMODE(os.stat(str(path)).st_mode) == 0o600
        _assert_no_secret(sim, path.read_text(), [sim.info["username"]])
    token_files = [p for p in files if p.name.startswith("token-")]
    assert len(token_files) == 1 and json.loads(token_files[0].read_text())["access_token"]


def test_changed_credentials_are_never_answered_from_the_cache(sim, make_client):
    assert make_client().get("/me") == sim.info["username"]
    with pytest.raises(errors.LoginFailed):
        make_client(password="wrong").get("/me")
    with pytest.raises(errors.BadClientCredentials):
        make_client(client_secret="wrong").get("/me")
    assert len(sim.token_requests()) == 3
    assert make_client().get("/me") == sim.info["username"]
    assert len(sim.token_requests()) == 3


def test_wrong_password_costs_one_attempt_across_tasks(sim, make_client, tmp_path):
    messages = set()
    for dummy in range(10):
        with pytest.raises(errors.LoginFailed) as caught:
            make_client(password="not-the-password").get("/me")
        messages.add(caught.value.message.split(" (remembered")[0])
        _assert_no_secret(sim, caught.value.message, ["not-the-password"])
    assert len(sim.token_requests()) == 1
    assert len(messages) == 1
    message = messages.pop()
    assert "wrong username or password" in message and "4 login attempt(s) left" in message
    # The memory is keyed with a random per-cache secret: no slow hash of the password an attacker could test.
    for path in (tmp_path / "cache").iterdir():
        if path.name.startswith("rejected-"):
            memory = json.loads(path.read_text())
            assert set(memory) == {"at", "verdict"} and "credentials" not in memory
    # Changing the credentials forgets the refusal: the right password logs in at once.
    assert make_client().get("/me") == sim.info["username"]
    assert len(sim.token_requests()) == 2


def test_a_login_without_answer_is_never_resent_and_is_counted(sim, make_client):
    sim.control("POST", "faults", json={"method": "POST", "path": "/oauth/token", "count": 5, "drop": True})
    with pytest.raises(errors.TransportError) as caught:
        make_client(password="maybe-wrong").get("/me")
    assert "not re-sent" in caught.value.message and "1 of 2" in caught.value.message
    with pytest.raises(errors.TransportError):
        make_client(password="maybe-wrong").get("/me")
    with pytest.raises(errors.AuthenticationError) as caught:
        make_client(password="maybe-wrong").get("/me")
    assert "no further login is tried" in caught.value.message
    assert len(sim.token_requests()) == 2


def test_lockout_is_reported(sim, make_client):
    # Without a cache nothing is remembered, so each client really spends an attempt.
    for dummy in range(5):
        with pytest.raises((errors.LoginFailed, errors.AccountLocked)):
            make_client(password="nope", token_cache="false").get("/me")
    with pytest.raises(errors.AccountLocked) as caught:
        make_client(token_cache="false").get("/me")
    assert "locked" in caught.value.message and "administrator" in caught.value.message
    _assert_no_secret(sim, caught.value.message)


def test_revoked_token_is_renewed_once(sim, make_client):
    client = make_client()
    client.get("/me")
    sim.control("DELETE", "tokens")
    assert client.get("/me") == sim.info["username"]
    assert len(sim.token_requests()) == 2
    statuses = [r["status"] for r in sim.requests_log() if r["path"].lower() == "/me"]
    assert statuses == [200, 401, 200]


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"access_token": 5, "expires_at": "soon"}', ""])
def test_a_damaged_cache_file_is_replaced_with_one_warning(sim, make_client, tmp_path, content):
    make_client().get("/me")
    cache = tmp_path / "cache"
    for path in cache.iterdir():
        if path.name.endswith(".json"):
            path.write_text(content)
    client = make_client()
    assert client.get("/me") == sim.info["username"]
    assert all("damaged" in w for w in client.warnings) and len(set(client.warnings)) == len(client.warnings)
    if not content.startswith('{"'):
        assert client.warnings
    assert make_client().get("/me") == sim.info["username"]


def test_an_unsafe_cache_directory_is_made_private_or_refused(tmp_path):
    loose = tmp_path / "loose"
    loose.mkdir(mode=0o777)
    os.chmod(str(loose), 0o777)
    (loose / "token-planted.json").write_text('{"access_token": "planted", "expires_at": 9e9, "lifetime": 600}')
    store = FileStore(str(loose), label="token_cache")
    assert stat.S_IMODE(os.stat(str(loose)).st_mode) == 0o700
    assert "was accessible to other users" in store.warnings[0]
    assert not (loose / "token-planted.json").exists()
    link = tmp_path / "link"
    link.symlink_to(loose)
    with pytest.raises(errors.ConfigurationError) as caught:
        FileStore(str(link), label="token_cache")
    assert "symbolic link" in caught.value.message
    afile = tmp_path / "file"
    afile.write_text("x")
    with pytest.raises(errors.ConfigurationError) as caught:
        FileStore(str(afile), label="token_cache (PLUTORA_TOKEN_CACHE)")
    assert "token_cache (PLUTORA_TOKEN_CACHE)" in caught.value.message


def test_planted_links_are_not_followed(tmp_path):
    store = FileStore(str(tmp_path / "c"))
    target = tmp_path / "elsewhere.json"
    target.write_text('{"stolen": true}')
    (tmp_path / "c" / "entry.json").symlink_to(target)
    assert store.read("entry") is None
    store.write("entry", {"mine": 1})
    assert target.read_text() == '{"stolen": true}' and store.read("entry") == {"mine": 1}
