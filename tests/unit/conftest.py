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

from ansible_collections.relops.itsm.plugins.module_utils.plutora.connection import connect  # noqa: E402  pylint: disable=wrong-import-position


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


def sim_params(info, **overrides):
    """Module parameters pointing at a simulator; keyword arguments override them."""
    params = dict(api_url=info["api_url"], auth_url=info["auth_url"], client_id=info["client_id"],
                  client_secret=info["client_secret"], username=info["username"], password=info["password"],
                  validate_certs=True, timeout=30.0, retries=3, rate_limit=26000, region=None, ca_path=None,
                  token_cache="false")
    params.update(overrides)
    return params


def slept(client):
    """What the client's transport was asked to wait, in order."""
    return client.transport._sleep  # pylint: disable=protected-access


@pytest.fixture
def make_client(sim, tmp_path):
    """Build a client for the simulator with the modules' own ``connect``; keyword arguments override options."""
    def factory(**overrides):
        overrides.setdefault("token_cache", str(tmp_path / "cache"))
        return connect(sim_params(sim.info, **overrides), sleep=Sleeps())
    return factory


def run_module(capsys, module, args, check_mode=False, diff=False):
    """Run a module's ``main()`` as Ansible would, with ``args``; return its JSON result (``failed`` on failure)."""
    import json

    from ansible.module_utils.testing import patch_module_args  # pylint: disable=import-error,no-name-in-module

    args = dict(args, _ansible_check_mode=check_mode, _ansible_diff=diff)
    capsys.readouterr()
    with patch_module_args(args):
        with pytest.raises(SystemExit):
            module.main()
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def module_args(sim, tmp_path):
    """The connection arguments every module run against the simulator uses (a private token cache)."""
    info = sim.info
    return dict(api_url=info["api_url"], auth_url=info["auth_url"], client_id=info["client_id"],
                client_secret=info["client_secret"], username=info["username"], password=info["password"],
                token_cache=str(tmp_path / "module-cache"))


# ----------------------------------------------------------------------------------------------- Plutora Test
# A Plutora Test simulator beside the Plutora one (whose releases its defects link to), and clients and module
# arguments pointed at it.
from sim_core import launch  # noqa: E402  pylint: disable=wrong-import-position,import-error,wrong-import-order

from ansible_collections.relops.itsm.plugins.module_utils.plutora_test.connection import connect as pt_connect  # noqa: E402  pylint: disable=wrong-import-position

PT_SIM = os.path.join(os.path.dirname(os.path.dirname(HERE)), "tests", "simulator", "plutora-test-sim")


class PtSim(Sim):
    """A running Plutora Test simulator: the same control API, and its raw defects."""

    def defect(self, display_id):
        return [d for d in self.control("GET", "data")["defects"] if d["DisplayId"] == display_id][0]


@pytest.fixture(scope="session")
def pt_sim_process():
    proc, info = launch.start(PT_SIM, (), os.devnull)
    yield PtSim(info)
    launch.stop(proc)


@pytest.fixture
def pt_sim(pt_sim_process):
    pt_sim_process.control("POST", "reset")
    return pt_sim_process


@pytest.fixture
def make_pt_client(pt_sim, tmp_path):
    """A Plutora Test client for the simulator built with the modules' own ``connect``."""
    def factory(**overrides):
        overrides.setdefault("token_cache", str(tmp_path / "pt-cache"))
        return pt_connect(sim_params(pt_sim.info, **overrides), sleep=Sleeps())
    return factory


@pytest.fixture
def pt_module_args(pt_sim, sim, tmp_path):
    """Arguments of a Plutora Test module run: its connection, and release_connection to the Plutora simulator."""
    info, rv = pt_sim.info, sim.info
    return dict(api_url=info["api_url"], auth_url=info["auth_url"], client_id=info["client_id"],
                client_secret=info["client_secret"], username=info["username"], password=info["password"],
                token_cache=str(tmp_path / "pt-module-cache"),
                release_connection=dict(api_url=rv["api_url"], auth_url=rv["auth_url"], client_id=rv["client_id"],
                                        client_secret=rv["client_secret"], username=rv["username"],
                                        password=rv["password"]))


# ----------------------------------------------------------------------------------------------- ServiceDesk Plus
# The SDP simulator (both editions from one server), clients built with the modules' own connect, and module
# arguments for the on-premises and the cloud edition.
from ansible_collections.relops.itsm.plugins.module_utils.sdp.connection import connect as sdp_connect  # noqa: E402  pylint: disable=wrong-import-position

SDP_SIM = os.path.join(os.path.dirname(os.path.dirname(HERE)), "tests", "simulator", "sdp-sim")


class SdpSim(Sim):
    """A running SDP simulator: its control API, its request log under the API paths, its tokens."""

    def __init__(self, info):  # pylint: disable=super-init-not-called
        self.info = info
        self.url = info["url"]

    def api_requests(self):
        """(method, path) of every API request since the reset, the control plane's left out."""
        return [(r["method"], r["path"]) for r in self.requests_log() if "/_sim/" not in r["path"]]

    def tokens(self):
        return self.control("GET", "tokens")


@pytest.fixture(scope="session")
def sdp_sim_process():
    proc, info = launch.start(SDP_SIM, (), os.devnull)
    yield SdpSim(info)
    launch.stop(proc)


@pytest.fixture
def sdp_sim(sdp_sim_process):
    sdp_sim_process.control("POST", "reset")
    return sdp_sim_process


def sdp_params(info, cloud=False, **overrides):
    """Connection parameters for the simulator's on-premises (or cloud) edition; keyword arguments override them."""
    if cloud:
        params = dict(api_url=info["cloud_url"], accounts_url=info["accounts_url"], portal=info["portal"],
                      client_id=info["client_id"], client_secret=info["client_secret"],
                      refresh_token=info["refresh_token"])
    else:
        params = dict(server_url=info["url"], technician_key=info["technician_key"])
    params.update(validate_certs=True, timeout=30.0, retries=3, rate_limit=3600, ca_path=None, token_cache="false")
    params.update(overrides)
    return params


@pytest.fixture
def make_sdp_client(sdp_sim, tmp_path):
    """An SDP client for the simulator built with the modules' own ``connect``."""
    def factory(cloud=False, **overrides):
        overrides.setdefault("token_cache", str(tmp_path / "sdp-cache"))
        return sdp_connect(sdp_params(sdp_sim.info, cloud, **overrides), sleep=Sleeps())
    return factory


@pytest.fixture
def sdp_args(sdp_sim, tmp_path):
    """Arguments of an SDP module run against the on-premises edition (a private token cache)."""
    info = sdp_sim.info
    return dict(server_url=info["url"], technician_key=info["technician_key"],
                token_cache=str(tmp_path / "sdp-module-cache"))


@pytest.fixture
def sdp_cloud_args(sdp_sim, tmp_path):
    """Arguments of an SDP module run against the cloud edition."""
    info = sdp_sim.info
    return dict(api_url=info["cloud_url"], accounts_url=info["accounts_url"], portal=info["portal"],
                client_id=info["client_id"], client_secret=info["client_secret"],
                refresh_token=info["refresh_token"], token_cache=str(tmp_path / "sdp-module-cache"))
