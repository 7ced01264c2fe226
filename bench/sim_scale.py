#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""How the simulator's answer time grows with the tenant: the same requests at several tenant sizes.

    .venv/bin/python bench/sim_scale.py [--sizes 1000,10000] [--repeat 20]

For each size, a fresh simulator is loaded (POST /_sim/load) with that many releases and changes, then each request
below is timed ``--repeat`` times (median, in ms, client on the same machine). "after a write" times the first
filtered GET (or search page) after a PUT of one release (what a playbook of release tasks sees), the PUT itself
not counted.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import statistics
import sys
import time

import benchlib  # pylint: disable=import-error


def timed(call, repeat):
    times = []
    for _round in range(repeat):
        started = time.perf_counter()
        answer = call()
        times.append((time.perf_counter() - started) * 1000)
        assert answer.status_code < 300, (answer.status_code, answer.text[:300])
    return statistics.median(times)


def measure(size, repeat):
    with benchlib.simulator() as info:
        benchlib.load(info, benchlib.releases_doc(size))
        benchlib.load(info, benchlib.changes_doc(size))
        api = info["api_url"]
        http = benchlib.session(benchlib.login(info))
        middle = size // 2
        rid = benchlib.bench_id("BENCH", middle)
        ident = "BENCH-%05d" % middle
        record = http.get(api + "/releases/" + rid, timeout=60).json()
        search = {"searchFilters": [{"property": "implementationDate", "operator": "GreaterOrEqual",
                                     "value": "0001-01-01", "direction": "ASC"}], "recordsPerPage": 100}
        last_page = dict(search, pageNum=max(0, (size - 1) // 100))
        change_search = {"searchFilters": [{"property": "name", "operator": "Contains", "value": "login",
                                            "direction": "ASC"}], "recordsPerPage": 100}

        def put_then_filter():
            http.put(api + "/releases/" + rid, json=record, timeout=60).raise_for_status()
            started = time.perf_counter()
            answer = http.get(api + "/releases", params={"filter": "`identifier` Equals `%s`" % ident}, timeout=60)
            return answer, (time.perf_counter() - started) * 1000

        def put_then_search():
            http.put(api + "/releases/" + rid, json=record, timeout=60).raise_for_status()
            started = time.perf_counter()
            answer = http.post(api + "/releases/filter", json=search, timeout=60)
            return answer, (time.perf_counter() - started) * 1000

        after_write = statistics.median(put_then_filter()[1] for _round in range(repeat))
        search_after_write = statistics.median(put_then_search()[1] for _round in range(repeat))
        rows = [
            ("GET /releases/{id}", timed(lambda: http.get(api + "/releases/" + rid, timeout=60), repeat)),
            ("GET /releases?filter=identifier Equals", timed(lambda: http.get(
                api + "/releases", params={"filter": "`identifier` Equals `%s`" % ident}, timeout=60), repeat)),
            ("  the same, first after a write (PUT)", after_write),
            ("GET /releases?filter=name Contains", timed(lambda: http.get(
                api + "/releases", params={"filter": "`name` Contains `release 4`"}, timeout=60), repeat)),
            ("GET /releases?pageNum=0 (100 a page)", timed(lambda: http.get(
                api + "/releases", params={"pageNum": 0, "recordsPerPage": 100}, timeout=60), repeat)),
            ("POST /releases/filter page 0 (sorted)", timed(lambda: http.post(
                api + "/releases/filter", json=search, timeout=60), repeat)),
            ("  the same, first after a write (PUT)", search_after_write),
            ("POST /releases/filter last page", timed(lambda: http.post(
                api + "/releases/filter", json=last_page, timeout=60), repeat)),
            ("POST /changes/filter page 0", timed(lambda: http.post(
                api + "/changes/filter", json=change_search, timeout=60), repeat)),
            ("GET /changes?filter=changeId Equals", timed(lambda: http.get(
                api + "/changes", params={"filter": "`changeId` Equals `%d`" % (1000 + middle)}, timeout=60),
                repeat)),
        ]
    return rows


def main():
    parser = argparse.ArgumentParser(description="simulator answer time by tenant size")
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--repeat", type=int, default=20)
    opts = parser.parse_args()
    sizes = [int(s) for s in opts.sizes.split(",")]
    results = [measure(size, opts.repeat) for size in sizes]
    print("| request (median ms) | " + " | ".join("%d releases + changes" % s for s in sizes) + " |")
    print("|---|" + "---:|" * len(sizes))
    for index, (name, _value) in enumerate(results[0]):
        print("| %s | %s |" % (name, " | ".join("%.1f" % r[index][1] for r in results)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
