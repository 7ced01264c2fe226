# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Plutora's client over the core transport, against the simulator: envelopes, paging and error messages."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.relops.itsm.plugins.module_utils.core import errors
from ansible_collections.relops.itsm.plugins.module_utils.plutora.connection import connect


def test_missing_credentials_named():
    with pytest.raises(errors.ConfigurationError) as caught:
        connect({"api_url": "http://127.0.0.1:9", "auth_url": "http://127.0.0.1:9", "client_id": "x",
                 "token_cache": "false"})
    assert "client_secret, username, password" in caught.value.message
    assert "PLUTORA_PASSWORD" in caught.value.message


def test_bad_client_secret(sim, make_client):
    with pytest.raises(errors.BadClientCredentials) as caught:
        make_client(client_secret="WRONG").get("/me")
    assert "refused the client id or client secret" in caught.value.message
    assert "PLUTORA_CLIENT_SECRET" in caught.value.message
    assert "WRONG" not in caught.value.message and sim.info["password"] not in caught.value.message


def test_paging_over_250_records(sim, make_client):
    client = make_client()
    before = len(client.get("/releases"))
    for start in range(0, 250, 50):
        client.request("POST", "/releases/bulk", json=[_release(client, "PAGE-%03d" % n) for n in range(start, start + 50)])
    calls = client.calls
    records = list(client.paged("/releases"))
    assert len(records) == before + 250
    assert len(set(r["id"] for r in records)) == before + 250
    assert client.calls - calls == (before + 250 + 99) // 100
    assert len(list(client.paged("/releases", limit=130))) == 130


def test_search_pages(sim, make_client):
    client = make_client()
    listing = client.search("/changes/filter", [{"property": "name", "operator": "Contains", "value": "",
                                                 "direction": "ASC"}], page_size=7)
    found = list(listing)
    assert listing.total == len(found) and len(found) > 7 and listing.pages == (len(found) + 6) // 7


_IDS = {}


def _release(client, identifier):
    cache = _IDS.setdefault(client.api_url, {})
    if not cache:
        for kind in ("ReleaseType", "ReleaseStatusType", "ReleaseRiskLevel"):
            values = client.get("/lookupfields/" + kind)
            cache[kind] = [v for v in values if not v.get("isEndState")][0]["id"]
        cache["org"] = client.get("/organizations")[0]["id"]
    return {"identifier": identifier, "name": identifier, "releaseTypeId": cache["ReleaseType"],
            "releaseStatusTypeId": cache["ReleaseStatusType"], "releaseRiskLevelId": cache["ReleaseRiskLevel"],
            "implementationDate": "2027-01-15T00:00:00", "organizationId": cache["org"],
            "plutoraReleaseType": "Independent", "releaseProjectType": "IsProject", "displayColor": "#336699"}


def test_vendor_errors_have_actionable_messages(sim, make_client):
    client = make_client()
    with pytest.raises(errors.NotFoundError) as caught:
        client.get("/releases/00000000-0000-0000-0000-000000000000")
    assert "404" in caught.value.message and "/releases/0000" in caught.value.message
    with pytest.raises(errors.ValidationError) as caught:
        client.request("POST", "/releases", json={"name": "only a name"})
    for label in ("Release ID cannot be blank", "Implementation Date must be set"):
        assert label in caught.value.message
    with pytest.raises(errors.ServerError) as caught:
        client.get("/releases", {"filter": "`noSuchField` Equals `x`"})
    assert "500" in caught.value.message and "noSuchField" in caught.value.message
    with pytest.raises(errors.MediaTypeError) as caught:
        client.request("POST", "/releases", data=b"plain", headers={"Content-Type": "text/plain"})
    assert "text/plain" in caught.value.message
    sim.control("PUT", "config", json={"whitelist": ["10.0.0.0/8"]})
    with pytest.raises(errors.NotWhitelisted) as caught:
        make_client(token_cache="false").get("/me")
    assert "IP Whitelisting" in caught.value.message
    sim.control("PUT", "config", json={"whitelist": ["0.0.0.0/0"], "rate_limit": 3})
    with pytest.raises(errors.ThrottledError) as caught:
        for dummy in range(5):
            client.get("/me")
    assert "429" in caught.value.message and "26,000" in caught.value.message


def test_a_whitelist_refusal_is_remembered_for_the_run(sim, make_client):
    sim.control("PUT", "config", json={"whitelist": ["10.0.0.0/8"]})
    with pytest.raises(errors.NotWhitelisted):
        make_client().get("/me")
    sim.control("PUT", "config", json={"whitelist": ["0.0.0.0/0"]})
    sim.control("DELETE", "requests")
    later = make_client()
    with pytest.raises(errors.NotWhitelisted) as caught:
        later.get("/me")
    assert "Remembered from" in caught.value.message and "IP Whitelisting" in caught.value.message
    assert later.calls == 0 and sim.requests_log() == []
