# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Plutora Test's connection: hosts, the option table against its documentation, bad settings refused before any
request, one login shared through the token cache, and the grant's one extra request."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
import yaml

from ansible_collections.relops.itsm.plugins.doc_fragments.plutora_test import ModuleDocFragment
from ansible_collections.relops.itsm.plugins.module_utils.core import errors
from ansible_collections.relops.itsm.plugins.module_utils.plutora_test.connection import (
    OPTIONS,
    connection_argument_spec,
    resolve_urls,
)


@pytest.mark.parametrize("region, api, auth", [
    (None, "https://apips.plutora.com", "https://oauthps.plutora.com"),
    ("ps", "https://apips.plutora.com", "https://oauthps.plutora.com"),
    ("us", "https://usapi.plutora.com", "https://usoauth.plutora.com"),
    ("uk", "https://ukapi.plutora.com", "https://ukoauth.plutora.com"),
    ("au", "https://auapi.plutora.com", "https://auoauth.plutora.com"),
    ("eu", "https://euapi.plutora.com", "https://euoauth.plutora.com"),
])
def test_hosts(region, api, auth):
    assert resolve_urls(region) == (api, auth)


def test_explicit_urls():
    assert resolve_urls("uk", "http://127.0.0.1:8/") == ("http://127.0.0.1:8", "https://ukoauth.plutora.com")
    assert resolve_urls(None, "http://a/", "http://b/") == ("http://a", "http://b")
    with pytest.raises(errors.ConfigurationError) as caught:
        resolve_urls(None, "http://a")
    assert str(caught.value).startswith("auth_url (PLUTORA_TEST_AUTH_URL) is required when api_url is set")


def test_option_table_matches_documentation():
    documented = yaml.safe_load(ModuleDocFragment.DOCUMENTATION)["options"]
    assert list(documented) == list(OPTIONS)
    spec = connection_argument_spec()
    for name, option in OPTIONS.items():
        doc = documented[name]
        assert doc["type"] == option.kind and doc.get("default") == option.default, name
        assert doc.get("choices") == option.choices, name
        assert "E(%s)" % option.env in " ".join(doc["description"]), name
        assert option.env.startswith("PLUTORA_TEST_")
        assert spec[name]["no_log"] == option.no_log
    assert [n for n, o in OPTIONS.items() if o.no_log] == ["client_secret", "password"]


@pytest.mark.parametrize("overrides, message", [
    ({"client_id": None}, "Missing Plutora Test credentials: client_id. Set the options or the environment variables "
                          "PLUTORA_TEST_CLIENT_ID"),
    ({"api_url": "ftp://x"}, "api_url (PLUTORA_TEST_API_URL) 'ftp://x' is not an http(s) URL"),
    ({"region": "mars", "api_url": None}, "region (PLUTORA_TEST_REGION) must be one of au, eu, ps, uk, us"),
    ({"timeout": 0}, "timeout must be a positive number of seconds, got 0"),
    ({"retries": -1}, "retries must be 0 or more, got -1"),
    ({"ca_path": "/nonexistent/ca.pem"}, "ca_path (PLUTORA_TEST_CA_PATH) /nonexistent/ca.pem does not exist"),
])
def test_bad_settings_fail_before_any_request(pt_sim, make_pt_client, overrides, message):
    with pytest.raises(errors.ConfigurationError) as caught:
        make_pt_client(**overrides)
    assert str(caught.value).startswith(message)
    assert pt_sim.requests_log() == []


def test_one_login_shared_through_the_cache(pt_sim, make_pt_client):
    first, second = make_pt_client(), make_pt_client()
    first.request("POST", "/defects/search", json={}, idempotent=True)
    second.request("POST", "/defects/search", json={}, idempotent=True)
    assert len(pt_sim.token_requests()) == 1
    assert first.calls == 2 and second.calls == 1


def test_a_failed_first_token_request_is_sent_once_more(pt_sim, make_pt_client):
    pt_sim.control("PUT", "config", json={"first_login_fails": True})
    client = make_pt_client()
    data = client.request("POST", "/defects/search", json={}, idempotent=True)
    assert data["TotalCount"] == 30
    assert [r["status"] for r in pt_sim.token_requests()] == [500, 200]
    assert client.tokens._grant.extra_attempts == 1  # pylint: disable=protected-access
    # not a failed login: nothing remembered, the next client uses the cached token
    other = make_pt_client()
    other.request("POST", "/defects/search", json={}, idempotent=True)
    assert len(pt_sim.token_requests()) == 2


def test_two_failed_token_requests_fail_clearly(pt_sim, make_pt_client):
    pt_sim.control("POST", "faults", json={"path": "/oauth/token", "status": 503, "count": 2})
    client = make_pt_client()
    with pytest.raises(errors.ServerError) as caught:
        client.request("POST", "/defects/search", json={}, idempotent=True)
    assert "The token request was sent 2 times" in str(caught.value)
    assert len(pt_sim.token_requests()) == 2
    assert client.request("POST", "/defects/search", json={}, idempotent=True)["TotalCount"] == 30


def test_a_credential_verdict_is_not_sent_again(pt_sim, make_pt_client):
    client = make_pt_client(password="Wr0ng-Passw0rd-4-test")
    with pytest.raises(errors.LoginFailed) as caught:
        client.request("POST", "/defects/search", json={}, idempotent=True)
    assert "PLUTORA_TEST_PASSWORD" in str(caught.value) and "Wr0ng" not in str(caught.value)
    again = make_pt_client(password="Wr0ng-Passw0rd-4-test")
    with pytest.raises(errors.LoginFailed) as remembered:
        again.request("POST", "/defects/search", json={}, idempotent=True)
    assert "remembered from a login refused" in str(remembered.value)
    assert len(pt_sim.token_requests()) == 1
    bad_client = make_pt_client(client_secret="Wr0ng-Secret-4-test")
    with pytest.raises(errors.BadClientCredentials) as refused:
        bad_client.request("POST", "/defects/search", json={}, idempotent=True)
    assert "PLUTORA_TEST_CLIENT_SECRET" in str(refused.value)


def test_an_expired_token_is_renewed_once(pt_sim, make_pt_client):
    client = make_pt_client()
    client.request("POST", "/defects/search", json={}, idempotent=True)
    pt_sim.control("POST", "reset")
    client.tokens._token["access_token"] = "revoked"  # pylint: disable=protected-access
    assert client.request("POST", "/defects/search", json={}, idempotent=True)["TotalCount"] == 30
