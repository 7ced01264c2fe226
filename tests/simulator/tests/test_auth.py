# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""OAuth2 password grant, lock-out and bearer tokens (plutora-api.md 1.1, 1.2, 6.1)."""

import time


def test_token_response_shape(api):
    resp = api.login()
    assert resp.status_code == 200
    body = resp.json()
    assert sorted(body) == ["access_token", "expires_in", "refresh_token", "token_type"]
    assert body["token_type"] == "bearer" and body["expires_in"] == 12000
    assert len(body["access_token"]) > 300 and body["access_token"].count(".") < 2  # opaque, not a JWT
    second = api.login().json()["access_token"]
    assert second != body["access_token"]
    for token in (body["access_token"], second):  # every issued token stays valid until it expires
        assert api.call("GET", "/me", headers={"Authorization": "bearer " + token}).status_code == 200
    assert api.call("GET", "/me", headers={"Authorization": "bearer " + body["refresh_token"]}).status_code == 401


def test_token_needs_a_form(api):
    resp = api.http.post(api.url + "/oauth/token", json={"client_id": api.info["client_id"]}, timeout=10)
    assert resp.status_code == 400 and resp.json()["error"] == "invalid_request"


def test_malformed_node_content_type_and_stray_pair_are_accepted(api):
    body = ("client_id=%s&client_secret=%s&grant_type=password&username=%s&password=%s&=" % (
        api.info["client_id"], api.info["client_secret"], api.info["username"].replace("@", "%40"),
        api.info["password"]))
    resp = api.http.post(api.url + "/oauth/token", data=body, timeout=10,
                         headers={"Content-Type": "x-www-form-urlencoded; charset=urf-8"})
    assert resp.status_code == 200


def test_bad_client(api):
    resp = api.login(client_secret="nope")
    assert resp.status_code == 400
    assert resp.json() == {"error": "invalid_grant", "error_description": "The client_id or client_secret is incorrect."}


def test_bad_password_counts_down_then_locks(api):
    texts = [api.login(password="bad").json()["error_description"] for dummy in range(5)]
    assert texts[:4] == ["Login failed, you have %d attempts to login" % n for n in (4, 3, 2, 1)]
    assert "locked" in texts[4]
    locked = api.login()
    assert locked.status_code == 400 and "locked" in locked.json()["error_description"]
    api.sim("POST", "unlock")
    assert api.login().status_code == 200


def test_success_resets_the_count(api):
    api.login(password="bad")
    api.login()
    assert api.login(password="bad").json()["error_description"] == "Login failed, you have 4 attempts to login"


def test_reset_unlocks(api):
    for dummy in range(5):
        api.login(password="bad")
    api.sim("POST", "reset")
    assert api.login().status_code == 200


def test_bearer_scheme_any_case_and_bad_tokens(api):
    token = api.token
    for scheme in ("bearer", "Bearer", "BEARER"):
        resp = api.call("GET", "/me", headers={"Authorization": "%s %s" % (scheme, token)})
        assert resp.status_code == 200 and resp.json() == api.info["username"]
    for header in ({}, {"Authorization": "bearer nonsense"}, {"Authorization": "Basic " + token}):
        resp = api.call("GET", "/me", auth=False, headers=header)
        assert resp.status_code == 401
        assert resp.json() == {"message": "Authorization has been denied for this request."}


def test_tokens_expire(api):
    api.sim("PUT", "config", json={"token_ttl": 1})
    token = api.login().json()["access_token"]
    assert api.call("GET", "/me", headers={"Authorization": "bearer " + token}).status_code == 200
    time.sleep(1.2)
    assert api.call("GET", "/me", headers={"Authorization": "bearer " + token}).status_code == 401


def test_revoke_all_tokens(api):
    token = api.token
    api.sim("DELETE", "tokens")
    assert api.call("GET", "/me", headers={"Authorization": "bearer " + token}).status_code == 401
