# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The SDP simulator tests' client and fixtures (test_sdp_*.py import them): one sdp-sim per test module, reset
before every test."""

import json
import os

import pytest
import requests
from sim_core.launch import start, stop  # pylint: disable=import-error

SIM_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LAUNCHER = os.path.join(SIM_DIR, "sdp-sim")
ACCEPT = "application/vnd.manageengine.sdp.v3+json"
MSSQL = "MSSQL Server service pack upgrade"


class Sdp:
    """Calls to the on-premises API (technician key) or, with ``cloud()``, the cloud one (an OAuth token)."""

    def __init__(self, info):
        self.info = info
        self.http = requests.Session()
        self.verify = info.get("ca_cert") or True  # per request: a session's verify loses to REQUESTS_CA_BUNDLE
        self.base = info["url"] + "/api/v3"
        self.headers = {"Accept": ACCEPT, "Authorization": "authtoken: " + info["technician_key"]}

    def grant(self, **overrides):
        form = {"grant_type": "refresh_token", "client_id": self.info["client_id"],
                "client_secret": self.info["client_secret"], "refresh_token": self.info["refresh_token"]}
        form.update(overrides)
        return self.http.post(self.info["accounts_url"] + "/oauth/v2/token", data=form, timeout=10,
                              verify=self.verify)

    def cloud(self, scheme="Zoho-oauthtoken"):
        """The same client, now on the cloud edition with a fresh access token."""
        resp = self.grant()
        assert resp.status_code == 200 and "access_token" in resp.json(), resp.text
        self.base = "%s/app/%s/api/v3" % (self.info["cloud_url"], self.info["portal"])
        self.headers = {"Accept": ACCEPT, "Authorization": "%s %s" % (scheme, resp.json()["access_token"])}
        return self

    def call(self, method, path, data=None, params=None, headers=None, body=False):
        """``data`` goes as ``input_data``: in the query string on GET (unless ``body``), else a form field."""
        params = dict(params or {})
        form = None
        if data is not None:
            if method == "GET" and not body:
                params["input_data"] = json.dumps(data)
            else:
                form = {"input_data": json.dumps(data)}
        return self.http.request(method, self.base + path, params=params, data=form, verify=self.verify,
                                 headers=self.headers if headers is None else headers, timeout=30)

    def ok(self, method, path, data=None, **kwargs):
        resp = self.call(method, path, data, **kwargs)
        assert resp.status_code == 200, resp.text
        return resp.json()

    def add(self, **fields):
        body = {"title": "Release under test", "template": {"name": "General Template"}}
        body.update(fields)
        return self.ok("POST", "/releases", {"release": body})["release"]

    def get(self, release_id):
        return self.ok("GET", "/releases/%s" % release_id)["release"]

    def search(self, **list_info):
        return self.ok("GET", "/releases", {"list_info": list_info})

    def sim(self, method, path, **kwargs):
        resp = self.http.request(method, self.info["url"] + "/_sim/" + path, timeout=30, verify=self.verify, **kwargs)
        resp.raise_for_status()
        return resp.json()


def refused(resp, http, code, field=None):
    """The vendor's error envelope: HTTP ``http``, ``status_code`` 4000 wrapping one ``code`` message."""
    assert resp.status_code == http, resp.text
    status = resp.json()["response_status"]
    assert status["status_code"] == 4000 and status["status"] == "failed"
    entry = status["messages"][0]
    assert entry["status_code"] == code and entry["type"] == "failed", entry
    if field is not None:
        assert entry.get("field") == field, entry
    return entry


@pytest.fixture(scope="module")
def sdp_info():
    proc, info = start(LAUNCHER)
    yield info
    assert stop(proc) == 0


@pytest.fixture
def sdp(sdp_info):
    client = Sdp(sdp_info)
    client.sim("POST", "reset")
    yield client
    client.http.close()
