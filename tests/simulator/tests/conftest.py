# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""One simulator process for the session; every test starts from the seed data."""

import json
import os
import subprocess
import sys
import threading

import pytest
import requests

LAUNCHER = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "plutora-sim")
INFO_KEYS = ("api_url", "auth_url", "ca_cert", "client_id", "client_secret", "username", "password", "pid")


def start_simulator(args=()):
    """``sys.executable plutora-sim --port 0 ARGS``; return (process, the JSON object of its first stdout line)."""
    proc = subprocess.Popen([sys.executable, LAUNCHER, "--port", "0"] + list(args), stdout=subprocess.PIPE)
    line = proc.stdout.readline()
    if not line:
        proc.wait(timeout=10)
        raise RuntimeError("the simulator did not start (exit %s)" % proc.returncode)
    # Drain stdout so the simulator can never block on a full pipe.
    threading.Thread(target=proc.stdout.read, daemon=True).start()
    return proc, json.loads(line.decode("utf-8"))


def stop_simulator(proc):
    """SIGTERM, then wait; return the exit status (killing it if it does not stop within 10 s)."""
    proc.terminate()
    try:
        return proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        raise


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
    proc, info = start_simulator()
    yield info
    stop_simulator(proc)


@pytest.fixture
def launch():
    """Start extra simulator processes with other options; each is stopped after the test."""
    procs = []

    def start(*args):
        proc, info = start_simulator(args)
        procs.append(proc)
        return proc, info

    yield start
    for proc in procs:
        if proc.poll() is None:
            stop_simulator(proc)


@pytest.fixture(autouse=True)
def api(sim_info):
    client = Api(sim_info)
    client.sim("POST", "reset")
    return client
