# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures: a real Plutora simulator on loopback, and clients pointed at it."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import sys

import pytest
import requests

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "hacking"))

from simulator import start_simulator, stop_simulator  # noqa: E402  pylint: disable=wrong-import-position,import-error

from ansible_collections.relops.itsm.plugins.module_utils.client import PlutoraClient  # noqa: E402  pylint: disable=wrong-import-position


class Sim:
    """A running simulator plus helpers for its /_sim/ control API."""

    def __init__(self, info):
        self.info = info
        self.url = info["api_url"]

    def control(self, method, path, **kwargs):
        resp = requests.request(method, self.url + "/_sim/" + path, timeout=10, verify=self.info.get("ca_cert") or True,
                                **kwargs)
        resp.raise_for_status()
        return resp.json() if resp.content else None

    def requests_log(self):
        return self.control("GET", "requests")["requests"]

    def token_requests(self):
        return [r for r in self.requests_log() if r["path"].lower() == "/oauth/token"]


@pytest.fixture(scope="session")
def sim_process():
    proc, info = start_simulator()
    yield Sim(info)
    stop_simulator(proc)


@pytest.fixture
def sim(sim_process):
    sim_process.control("POST", "reset")
    return sim_process


class Sleeps(list):
    """A sleep function that records what it was asked to wait and returns at once."""

    def __call__(self, seconds):
        self.append(seconds)


@pytest.fixture
def make_client(sim, tmp_path):
    """Build a client for the simulator; keyword arguments override the defaults."""
    def factory(**overrides):
        options = dict(api_url=sim.info["api_url"], auth_url=sim.info["auth_url"], client_id=sim.info["client_id"],
                       client_secret=sim.info["client_secret"], username=sim.info["username"],
                       password=sim.info["password"], token_cache=str(tmp_path / "cache"), sleep=Sleeps())
        options.update(overrides)
        return PlutoraClient(**options)
    return factory
