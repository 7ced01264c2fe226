#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Requests per second the simulator serves on loopback: simple authenticated GETs from N threads.

    .venv/bin/python bench/sim_throughput.py [--threads 8] [--seconds 10] [--max-requests 100000]

Starts its own simulator on 127.0.0.1, sends only to it, and stops after the time or the request cap.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import os
import sys
import threading
import time

import requests

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "hacking"))
from simulator import start_simulator, stop_simulator  # noqa: E402  pylint: disable=wrong-import-position,import-error


def main():
    parser = argparse.ArgumentParser(description="simulator throughput on loopback")
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10.0, help="stop after this long (at most 60)")
    parser.add_argument("--max-requests", type=int, default=100000, help="stop after this many requests")
    opts = parser.parse_args()
    opts.seconds = min(opts.seconds, 60.0)
    opts.threads = max(1, min(opts.threads, 64))
    proc, info = start_simulator()
    try:
        form = {"client_id": info["client_id"], "client_secret": info["client_secret"], "grant_type": "password",
                "username": info["username"], "password": info["password"]}
        token = requests.post(info["auth_url"] + "/oauth/token", data=form, timeout=10).json()["access_token"]
        release = requests.get(info["api_url"] + "/releases", headers={"Authorization": "bearer " + token},
                               timeout=10).json()[0]["id"]
        url = info["api_url"] + "/releases/" + release
        counts, errors = [0] * opts.threads, [0] * opts.threads
        deadline = time.time() + opts.seconds
        per_thread = opts.max_requests // opts.threads

        def worker(index):
            session = requests.Session()
            session.headers["Authorization"] = "bearer " + token
            while time.time() < deadline and counts[index] + errors[index] < per_thread:
                if session.get(url, timeout=10).status_code == 200:
                    counts[index] += 1
                else:
                    errors[index] += 1

        started = time.time()
        threads = [threading.Thread(target=worker, args=(i,)) for i in range(opts.threads)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.time() - started
        print("GET /releases/{id}: %d ok, %d errors in %.1f s with %d threads: %.0f requests/s"
              % (sum(counts), sum(errors), elapsed, opts.threads, sum(counts) / elapsed))
    finally:
        stop_simulator(proc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
