# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""One simulator process for the session; every test starts from the seed data."""

import os
import sys

import pytest
import requests

SIM_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LAUNCHER = os.path.join(SIM_DIR, "plutora-sim")
INFO_KEYS = ("api_url", "auth_url", "ca_cert", "client_id", "client_secret", "username", "password", "pid")
sys.path.insert(0, SIM_DIR)

from sim_core.launch import start, stop  # noqa: E402  pylint: disable=wrong-import-position


class Api:
    """A thin requests wrapper that logs in once and knows the simulator's control API."""

    def __init__(self, info):
        self.info = info
        self.url = info["api_url"]
        self.http = requests.Session()
        self._token = None

    def login(self, **overrides):
        form = {"client_id": self.info["client_id"], "client_secret": self.info["client_secret"],
                "grant_type": "password", "username": self.info["username"], "password": self.info["password"]}
        form.update(overrides)
        return self.http.post(self.url + "/oauth/token", data=form, timeout=10)

    @property
    def token(self):
        if self._token is None:
            resp = self.login()
            resp.raise_for_status()
            self._token = resp.json()["access_token"]
        return self._token

    def call(self, method, path, auth=True, **kwargs):
        headers = kwargs.pop("headers", {})
        if auth:
            headers.setdefault("Authorization", "bearer " + self.token)
        return self.http.request(method, self.url + path, headers=headers, timeout=30, **kwargs)

    def sim(self, method, path, **kwargs):
        resp = self.http.request(method, self.url + "/_sim/" + path, timeout=10, **kwargs)
        resp.raise_for_status()
        return resp.json()

    def lookup(self, kind, value):
        return [i for i in self.call("GET", "/lookupfields/" + kind).json() if i["value"] == value][0]["id"]

    def release_body(self, identifier, **overrides):
        body = {"identifier": identifier, "name": "Release " + identifier,
                "releaseTypeId": self.lookup("ReleaseType", "Minor"),
                "releaseStatusTypeId": self.lookup("ReleaseStatusType", "Draft"),
                "releaseRiskLevelId": self.lookup("ReleaseRiskLevel", "Low"),
                "implementationDate": "2027-03-01T10:00:00Z",
                "organizationId": self.call("GET", "/organizations").json()[1]["id"],
                "plutoraReleaseType": "Independent", "releaseProjectType": "IsProject", "displayColor": "#abcdef"}
        body.update(overrides)
        return body


@pytest.fixture(scope="session")
def sim_info():
    proc, info = start(LAUNCHER)
    yield info
    stop(proc)


@pytest.fixture
def launch():
    """Start extra simulator processes with other options; each is stopped after the test."""
    procs = []

    def start_one(*args):
        proc, info = start(LAUNCHER, args)
        procs.append(proc)
        return proc, info

    yield start_one
    for proc in procs:
        if proc.poll() is None:
            stop(proc)


@pytest.fixture(autouse=True)
def api(sim_info):
    client = Api(sim_info)
    client.sim("POST", "reset")
    return client
