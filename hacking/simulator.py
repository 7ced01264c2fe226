# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Start and stop the bundled Plutora simulator from scripts and test fixtures."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import subprocess
import sys
import threading

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SIM = os.path.join(ROOT, "tests", "simulator", "plutora-sim")


def start_simulator(args=(), log_path=os.devnull):
    """Start it on a free loopback port; return (process, the JSON of its first line)."""
    with open(log_path, "ab") as log:
        proc = subprocess.Popen([sys.executable, SIM, "--port", "0"] + list(args), stdout=subprocess.PIPE, stderr=log)
    line = proc.stdout.readline()
    if not line:
        proc.wait()
        raise RuntimeError("the simulator did not start (exit %s); see %s" % (proc.returncode, log_path))
    # Keep draining stdout so the simulator can never block on a full pipe.
    threading.Thread(target=proc.stdout.read, daemon=True).start()
    return proc, json.loads(line.decode("utf-8"))


def stop_simulator(proc):
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
