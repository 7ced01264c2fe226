# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the benchmarks share: a fresh simulator, a token, bulk data, and the simulator's request log."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import copy
import json
import os
import sys
import uuid

import requests

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "hacking"))
from simulator import start_simulator, stop_simulator  # noqa: E402  pylint: disable=wrong-import-position,import-error

SEED = os.path.join(ROOT, "tests", "simulator", "plutora_sim", "seed.json")
NAMESPACE = uuid.UUID("0b5c8a52-0d64-4c1c-9a0e-6f2f1c6b0e11")


@contextlib.contextmanager
def simulator(log_path=os.devnull, args=()):
    """A fresh simulator for the ``with`` block: yields its first line (URLs and the demo login)."""
    proc, info = start_simulator(list(args), log_path=log_path)
    try:
        yield info
    finally:
        stop_simulator(proc)


def login(info):
    form = {"client_id": info["client_id"], "client_secret": info["client_secret"], "grant_type": "password",
            "username": info["username"], "password": info["password"]}
    answer = requests.post(info["auth_url"] + "/oauth/token", data=form, timeout=30)
    answer.raise_for_status()
    return answer.json()["access_token"]


def session(token):
    s = requests.Session()
    s.headers["Authorization"] = "bearer " + token
    return s


def bench_id(kind, index):
    return str(uuid.uuid5(NAMESPACE, "%s:%d" % (kind, index)))


def releases_doc(count, prefix="BENCH", start=0):
    """``count`` releases shaped like the seed's first one, identifiers PREFIX-00000..., one custom field each."""
    with open(SEED) as handle:
        seed = json.load(handle)
    template = seed["releases"][0]
    field = seed["releaseFields"][0]["id"]
    releases, info = [], {}
    for index in range(start, start + count):
        record = copy.deepcopy(template)
        record.update(id=bench_id(prefix, index), identifier="%s-%05d" % (prefix, index),
                      name="Bench release %d" % index, parentReleaseId=None, plutoraReleaseType="Independent",
                      implementationDate="2027-%02d-%02dT18:00:00" % (1 + index % 12, 1 + index % 28))
        releases.append(record)
        info[record["id"]] = {field: {"text": "bench %d" % index}}
    return {"releases": releases, "additionalInformation": info}


def changes_doc(count, start=1000):
    """``count`` changes shaped like the seed's first one, ``changeId`` from ``start``."""
    with open(SEED) as handle:
        template = json.load(handle)["changes"][0]
    changes = []
    for index in range(count):
        record = copy.deepcopy(template)
        record.update(id=bench_id("change", index), changeId=start + index, name="BENCH change %d login" % index,
                      raisedDate="2026-%02d-%02dT10:00:00" % (1 + index % 12, 1 + index % 28))
        changes.append(record)
    return {"changes": changes}


def load(info, doc):
    answer = requests.post(info["api_url"] + "/_sim/load", json=doc, timeout=300)
    answer.raise_for_status()
    return answer.json()


def requests_log(info):
    return requests.get(info["api_url"] + "/_sim/requests", timeout=60).json()["requests"]


def clear_log(info):
    requests.delete(info["api_url"] + "/_sim/requests", timeout=60).raise_for_status()


def counts(log):
    """(API requests, token requests) in a request log."""
    logins = sum(1 for entry in log if entry["path"].lower().endswith("/oauth/token"))
    return len(log), logins
