# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Start and stop the bundled Plutora simulator from scripts and test fixtures.

A thin shim over the simulators' one launcher (tests/simulator/sim_core/launch.py): the unit tests, the benchmark
and with_simulator.py import it from here.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SIM_DIR = os.path.join(ROOT, "tests", "simulator")
SIM = os.path.join(SIM_DIR, "plutora-sim")
sys.path.insert(0, SIM_DIR)

from sim_core import launch  # noqa: E402  pylint: disable=wrong-import-position,import-error


def start_simulator(args=(), log_path=os.devnull):
    """Start it on a free loopback port, its stderr appended to ``log_path``; return (process, its first line's JSON)."""
    return launch.start(SIM, args, log_path)


def stop_simulator(proc):
    """SIGTERM, then wait (killing it after 10 s); return its exit status."""
    return launch.stop(proc)
