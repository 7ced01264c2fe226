# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The SDP client against the simulator over HTTP: both editions' auth, one Zoho token per run shared through the
cache (keyed on the secrets), refusals mapped to the core's errors, paging, and retries only where safe."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

import pytest

from ansible_collections.relops.itsm.plugins.module_utils.core import errors
from ansible_collections.relops.itsm.plugins.module_utils.sdp.releases import Releases


def test_on_premises_key_and_paging(sdp_sim, make_sdp_client):
    client = make_sdp_client()
    listing = Releases(client).search(page_size=3)
    records = list(listing)
    assert len(records) == listing.total and listing.total >= 8
    assert listing.pages == -(-listing.total // 3)  # every page once, no empty page after the last
    assert client.calls == listing.pages
    assert len(set(r["id"] for r in records)) == len(records)


def test_cloud_mints_one_token_for_every_client_of_the_run(sdp_sim, make_sdp_client):
    first = make_sdp_client(cloud=True)
    Releases(first).get("274")
    second = make_sdp_client(cloud=True)  # another task (or fork) with the same cache directory
    Releases(second).get("274")
    assert sdp_sim.tokens()["granted"] == 1
    assert [p for _m, p in sdp_sim.api_requests()].count("/oauth/v2/token") == 1
    assert second.calls == 1  # the cached token: no token request
    # The cache file holds the token only, mode 0600, never the secrets.
    cache = first.store.directory
    for name in os.listdir(cache):
        path = os.path.join(cache, name)
        assert os.stat(path).st_mode & 0o077 == 0
        with open(path) as handle:
            text = handle.read()
        assert sdp_sim.info["client_secret"] not in text and sdp_sim.info["refresh_token"] not in text


def test_changed_secret_is_never_answered_from_the_cache(sdp_sim, make_sdp_client):
    Releases(make_sdp_client(cloud=True)).get("274")
    wrong = make_sdp_client(cloud=True, client_secret="another-secret")
    with pytest.raises(errors.BadClientCredentials) as caught:
        Releases(wrong).get("274")
    assert "refused the client id or client secret (invalid_client)" in caught.value.message
    assert "another-secret" not in caught.value.message
    # Remembered: the next task with that secret fails without asking Zoho again.
    again = make_sdp_client(cloud=True, client_secret="another-secret")
    with pytest.raises(errors.BadClientCredentials) as caught:
        Releases(again).get("274")
    assert "remembered from a token request refused at" in caught.value.message and again.calls == 0


def test_a_revoked_token_is_renewed_once(sdp_sim, make_sdp_client):
    client = make_sdp_client(cloud=True)
    Releases(client).get("274")
    sdp_sim.control("DELETE", "tokens")
    assert Releases(client).get("274")["id"] == "274"
    assert sdp_sim.tokens()["granted"] == 2


def test_token_cap_is_a_throttle_not_a_verdict(sdp_sim, make_sdp_client):
    sdp_sim.control("PUT", "config", json={"token_cap": 0})
    with pytest.raises(errors.ThrottledError) as caught:
        Releases(make_sdp_client(cloud=True)).get("274")
    assert "a refresh token may mint about ten access tokens per ten minutes" in caught.value.message
    sdp_sim.control("PUT", "config", json={"token_cap": 10})
    assert Releases(make_sdp_client(cloud=True)).get("274")["id"] == "274"  # not remembered as a refusal


def test_refusals_map_to_the_core_errors(sdp_sim, make_sdp_client):
    client = make_sdp_client()
    with pytest.raises(errors.NotFoundError):
        Releases(client).get("999999")
    assert Releases(client).get("999999", missing_ok=True) is None
    with pytest.raises(errors.AuthenticationError) as caught:
        Releases(make_sdp_client(technician_key="00000000-0000-0000-0000-000000000000")).get("274")
    assert caught.value.status == 401 and "technician key (technician_key, SDP_TECHNICIAN_KEY)" in caught.value.message
    with pytest.raises(errors.ValidationError) as caught:
        client.request("POST", "releases", {"release": {"title": "x", "template": {"name": "No Such Template"}}})
    assert caught.value.message == ("ServiceDesk Plus refused POST releases as invalid: Value given for template is "
                                    "not valid; field template (4001)")
    assert caught.value.details == {"status_codes": [4001], "fields": ["template"]}


def test_reads_are_retried_writes_are_not(sdp_sim, make_sdp_client):
    client = make_sdp_client()
    sdp_sim.control("POST", "faults", json={"method": "GET", "path": "*/releases/274", "count": 2, "status": 503})
    assert Releases(client).get("274")["id"] == "274" and client.calls == 3
    sdp_sim.control("POST", "faults", json={"method": "PUT", "path": "*/releases/274", "count": 1, "status": 503})
    with pytest.raises(errors.ServerError):
        client.request("PUT", "releases/274", {"release": {"description": "x"}})
    assert [m for m, p in sdp_sim.api_requests() if p.endswith("/releases/274")].count("PUT") == 1


def test_throttle_waits_retry_after(sdp_sim, make_sdp_client):
    client = make_sdp_client()
    sdp_sim.control("POST", "faults", json={"method": "PUT", "path": "*/releases/274", "count": 1, "status": 429,
                                            "retry_after": 7})
    client.request("PUT", "releases/274", {"release": {"description": "after the wait"}})
    assert client.transport._sleep == [7.0]  # pylint: disable=protected-access
