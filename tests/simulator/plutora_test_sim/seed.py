# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The built-in Plutora Test tenant lives in ``seed.json`` beside this file; that file is also the ``--data`` format.

Defects link to the Plutora simulator's seed releases (same ids and identifiers), so a gate on "release PAY-4.2"
means the same release in both simulators.
"""

import os

from sim_core.seed import read_seed

SEED_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "seed.json")
SEED_KEYS = ("credentials", "statuses", "defects")


def load_seed(path=None):
    return read_seed(SEED_FILE, SEED_KEYS, path)
