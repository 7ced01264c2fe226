# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The built-in SDP tenant lives in ``seed.json`` beside this file; that file is also the ``--data`` format.

Releases in it are written as an Add body (lookups by name, date-times as ``{"value": ms}``) plus the keys only the
server sets (``id``, ``created_time``, ``completed_time``, ``deleted_time``, ``created_by``); the state builds the
full record through the same code as ``POST /api/v3/releases`` (records.py), so seed and API agree.
"""

import os

from sim_core.seed import read_seed

SEED_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "seed.json")
SEED_KEYS = ("credentials", "technicians", "users", "roles", "stages", "statuses", "workflows", "templates",
             "lookups", "udf_fields", "releases", "history", "status_comments")


def load_seed(path=None):
    seed = read_seed(SEED_FILE, SEED_KEYS, path)
    seed.setdefault("history", [])
    seed.setdefault("status_comments", [])
    return seed
