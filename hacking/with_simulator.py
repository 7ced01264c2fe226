#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run a command against a fresh Plutora simulator.

    with_simulator.py [--integration-config FILE] [--tls] -- COMMAND [ARG...]

Starts tests/simulator/plutora-sim on a free loopback port, exports the PLUTORA_*
variables for it (and a private token cache), optionally writes an ansible-test
integration_config.yml with the same values, runs COMMAND, stops the simulator and
exits with COMMAND's status. tests/simulator/plutora-test-sim (Plutora Test) runs
beside it, with PLUTORA_TEST_* variables and plutora_test_* config keys, and
tests/simulator/sdp-sim (ServiceDesk Plus, both editions) with the on-premises SDP_*
variables and sdp_* config keys (cloud values in the config only).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from simulator import SIM_DIR, start_simulator, stop_simulator  # noqa: E402  pylint: disable=wrong-import-position
from sim_core import launch  # noqa: E402  pylint: disable=wrong-import-position,import-error


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--integration-config")
    parser.add_argument("--tls", action="store_true")
    parser.add_argument("--log", default=os.path.join(tempfile.gettempdir(), "plutora-sim.log"))
    parser.add_argument("command", nargs=argparse.REMAINDER)
    opts = parser.parse_args()
    command = opts.command[1:] if opts.command[:1] == ["--"] else opts.command
    if not command:
        parser.error("no command given")
    proc, info = start_simulator(["--tls"] if opts.tls else [], log_path=opts.log)
    test_proc, test_info = launch.start(os.path.join(SIM_DIR, "plutora-test-sim"), ["--tls"] if opts.tls else [],
                                        opts.log)
    sdp_proc, sdp_info = launch.start(os.path.join(SIM_DIR, "sdp-sim"), ["--tls"] if opts.tls else [], opts.log)
    cache = tempfile.mkdtemp(prefix="plutora-token-cache-")
    env = dict(os.environ)
    env.update({
        "PLUTORA_API_URL": info["api_url"], "PLUTORA_AUTH_URL": info["auth_url"],
        "PLUTORA_CLIENT_ID": info["client_id"], "PLUTORA_CLIENT_SECRET": info["client_secret"],
        "PLUTORA_USERNAME": info["username"], "PLUTORA_PASSWORD": info["password"],
        "PLUTORA_TOKEN_CACHE": cache,
    })
    if info.get("ca_cert"):
        env["PLUTORA_CA_PATH"] = info["ca_cert"]
    keys = ("api_url", "auth_url", "client_id", "client_secret", "username", "password")
    env.update(("PLUTORA_TEST_" + key.upper(), test_info[key]) for key in keys)
    env["PLUTORA_TEST_TOKEN_CACHE"] = cache
    if test_info.get("ca_cert"):
        env["PLUTORA_TEST_CA_PATH"] = test_info["ca_cert"]
    # SDP: on-premises only in the environment, so a module with it set talks to one edition unambiguously.
    env.update({"SDP_SERVER_URL": sdp_info["url"], "SDP_TECHNICIAN_KEY": sdp_info["technician_key"],
                "SDP_TOKEN_CACHE": cache})
    if sdp_info.get("ca_cert"):
        env["SDP_CA_PATH"] = sdp_info["ca_cert"]
    if opts.integration_config:
        keys = ("api_url", "auth_url", "client_id", "client_secret", "username", "password", "ca_cert")
        config = {"plutora_" + key: info[key] for key in keys}
        config["plutora_token_cache"] = cache
        config.update(("plutora_test_" + key, test_info[key]) for key in keys)
        config["plutora_test_token_cache"] = cache
        config.update({"sdp_server_url": sdp_info["url"], "sdp_technician_key": sdp_info["technician_key"],
                       "sdp_cloud_api_url": sdp_info["cloud_url"], "sdp_accounts_url": sdp_info["accounts_url"],
                       "sdp_portal": sdp_info["portal"], "sdp_client_id": sdp_info["client_id"],
                       "sdp_client_secret": sdp_info["client_secret"], "sdp_refresh_token": sdp_info["refresh_token"],
                       "sdp_ca_cert": sdp_info["ca_cert"], "sdp_token_cache": cache})
        with open(opts.integration_config, "w") as handle:
            handle.write(json.dumps(config, indent=2) + "\n")  # JSON is YAML
    try:
        return subprocess.call(command, env=env)
    finally:
        stop_simulator(proc)
        launch.stop(test_proc)
        launch.stop(sdp_proc)
        shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
