# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The built-in demo tenant lives in ``seed.json`` beside this file; that file is also the ``--data`` format.

Ids in it are stable (uuid5 of kind and name, namespace ``NAMESPACE``), so tests and docs can rely on them.
"""

import os
import uuid

from sim_core.seed import read_seed

NAMESPACE = uuid.UUID("6f1d7c2e-2b1a-4c55-9a57-6c1f0d3e7a10")
SEED_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "seed.json")
# Keys of a seed document; --data files and POST /_sim/load use the same ones (README.md, "Seed data").
SEED_KEYS = ("credentials", "lookupDescriptions", "lookups", "organizations", "users", "systems", "environments",
             "releaseFields", "releases", "releaseSystems", "additionalInformation", "changes", "healthChecks",
             # change relations (README.md, "Seed data"): each in a key of its own
             "deliveryReleases", "changeFields", "changeAdditionalInformation", "changeSystems", "linkedChanges",
             # release sub-resources and what they name
             "userGroups", "workItemNames", "releaseStakeholders", "releasePhases", "releaseGates", "releaseActivities",
             "releaseCriterias",
             # environment requests and bookings
             "tecrs", "tebrs", "bookings")


def sid(kind, name):
    """The stable id the seed uses for a record of this kind and name (e.g. ``sid("release", "PAY-4.2")``)."""
    return str(uuid.uuid5(NAMESPACE, "%s:%s" % (kind, name)))


def build_seed(path=None):
    """The built-in seed, with the top-level keys of the JSON file at ``path`` (if any) replacing its own."""
    return read_seed(SEED_FILE, SEED_KEYS, path)
