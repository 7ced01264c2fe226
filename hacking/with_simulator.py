#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run a command against a fresh Plutora simulator.

    with_simulator.py [--integration-config FILE] [--tls] -- COMMAND [ARG...]

Starts tests/simulator/plutora-sim on a free loopback port, exports the PLUTORA_*
variables for it (and a private token cache), optionally writes an ansible-test
integration_config.yml with the same values, runs COMMAND, stops the simulator and
exits with COMMAND's status.
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
import threading

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SIM = os.path.join(ROOT, "tests", "simulator", "plutora-sim")


def start(tls, log_path):
    args = [sys.executable, SIM, "--port", "0"] + (["--tls"] if tls else [])
    log = open(log_path, "ab")
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=log)
    line = proc.stdout.readline()
    if not line:
        proc.wait()
        sys.exit("the simulator did not start (exit %s); see %s" % (proc.returncode, log_path))
    # Keep draining stdout so the simulator can never block on a full pipe.
    threading.Thread(target=proc.stdout.read, daemon=True).start()
    return proc, json.loads(line.decode("utf-8"))


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
    proc, info = start(opts.tls, opts.log)
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
    if opts.integration_config:
        keys = ("api_url", "auth_url", "client_id", "client_secret", "username", "password", "ca_cert")
        config = {"plutora_" + key: info[key] for key in keys}
        config["plutora_token_cache"] = cache
        with open(opts.integration_config, "w") as handle:
            json.dump(config, handle, indent=2)  # JSON is YAML
    try:
        return subprocess.call(command, env=env)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
