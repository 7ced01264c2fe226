#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The collection against ansible.builtin.uri and against plain requests, on a fresh simulator (``make bench``).

    .venv/bin/python bench/run.py [--sizes 10,50,200] [--bulk-sizes 500] [--rounds 3] [--records 10000] [--quick]
                                  [--profile] [--no-playbooks] [--no-reading]

1. Playbooks (bench/playbooks/): the uri baseline and the relops.itsm.release equivalent, timed interleaved
   A B A B (``--rounds`` pairs) for each N of ``--sizes``: unchanged releases (an idempotent re-run), one field
   changed, create, ``state: absent``; and the unchanged release loop against an ansible.builtin.ping loop.
   Requests and logins come from the simulator's request log of each run.
2. Bulk: for each N of ``--bulk-sizes``, the unchanged re-run as N release tasks (A) against one release task
   with ``releases`` (B), A B A B; the speed-up A/B and B's requests per release.
3. ``release_info`` and ``change_search`` over ``--records`` records, the module's main() run as a child process
   (wall time, peak RSS from os.wait4), against the same pages fetched with requests in a child process.
``--quick`` (N=3, bulk N=3, one round, 200 records) is what ``hacking/test.sh bench`` runs: it checks that everything runs
and prints figures, judging none. ``--profile`` adds a cProfile of release_info (top functions).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import datetime
import json
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import benchlib  # pylint: disable=import-error

HERE = os.path.dirname(os.path.abspath(__file__))
BIN = os.path.dirname(sys.executable)
PLAYBOOKS = os.path.join(HERE, "playbooks")
SCENARIOS = ("unchanged", "changed", "create", "absent", "ping")


class Bench:
    def __init__(self, info, tree, workdir):
        self.info, self.tree, self.workdir = info, tree, workdir
        with open(benchlib.SEED) as handle:
            seed = json.load(handle)
        template = seed["releases"][0]
        names = dict(((k, i["id"]), i["value"]) for k, items in seed["lookups"].items() for i in items)
        orgs = dict((o["id"], o["name"]) for o in seed["organizations"])
        keys = ("releaseTypeId", "releaseStatusTypeId", "releaseRiskLevelId", "organizationId")
        self.ids = dict((k, template[k]) for k in keys)
        self.names = {"release_type": names[("ReleaseType", template["releaseTypeId"])],
                      "status": names[("ReleaseStatusType", template["releaseStatusTypeId"])],
                      "risk_level": names[("ReleaseRiskLevel", template["releaseRiskLevelId"])],
                      "organization": orgs[template["organizationId"]]}

    def env(self):
        """The PLUTORA_* variables, the collection tree, and a token cache of this run's own."""
        cache = tempfile.mkdtemp(prefix="token-cache-", dir=self.workdir)
        env = dict(os.environ)
        env.update(PLUTORA_API_URL=self.info["api_url"], PLUTORA_AUTH_URL=self.info["auth_url"],
                   PLUTORA_CLIENT_ID=self.info["client_id"], PLUTORA_CLIENT_SECRET=self.info["client_secret"],
                   PLUTORA_USERNAME=self.info["username"], PLUTORA_PASSWORD=self.info["password"],
                   PLUTORA_TOKEN_CACHE=cache, ANSIBLE_COLLECTIONS_PATH=self.tree,
                   ANSIBLE_PYTHON_INTERPRETER=sys.executable, PATH=BIN + os.pathsep + env.get("PATH", ""),
                   ANSIBLE_NOCOLOR="1", ANSIBLE_INVENTORY_UNPARSED_WARNING="False",
                   ANSIBLE_LOCALHOST_WARNING="False", PYTHONPATH=self.tree)
        return env

    def playbook(self, name, state, releases):
        """Run one playbook; (seconds, API requests, logins) as the simulator's log counts them."""
        handle, extra = tempfile.mkstemp(prefix="vars-", suffix=".json", dir=self.workdir)
        with os.fdopen(handle, "w") as handle:
            json.dump({"bench_state": state, "bench_releases": releases, "bench_ids": self.ids,
                       "bench_names": self.names,
                       "bench_bulk": [{"identifier": r["identifier"], "name": r["name"], "implementation_date": r["date"]}
                                      for r in releases]}, handle)
        benchlib.clear_log(self.info)
        log = os.path.join(self.workdir, "ansible.log")
        started = time.perf_counter()
        with open(log, "ab") as out:
            status = subprocess.call([os.path.join(BIN, "ansible-playbook"), "-i", "localhost,", "-c", "local",
                                      os.path.join(PLAYBOOKS, name), "-e", "@" + extra], env=self.env(),
                                     stdout=out, stderr=subprocess.STDOUT)
        seconds = time.perf_counter() - started
        if status:
            with open(log) as handle:
                sys.stderr.write(handle.read()[-4000:])
            raise SystemExit("bench: %s failed (exit %d); its output is above" % (name, status))
        return (seconds,) + benchlib.counts(benchlib.requests_log(self.info))

    def existing(self, prefix, count):
        """Load ``count`` releases (identifiers PREFIX-00000...) and return them as the playbooks' items."""
        doc = benchlib.releases_doc(count, prefix)
        benchlib.load(self.info, doc)
        return [{"identifier": r["identifier"], "name": r["name"], "date": r["implementationDate"]}
                for r in doc["releases"]]

    def scenarios(self, size, rounds, which=SCENARIOS):
        """{scenario: [(A result, B result) per round]} for releases of this size."""
        kept = self.existing("KEEP%d" % size, size)
        idle = self.existing("IDLE%d" % size, size)  # never changed: the no-op release runs of "ping"
        results = {}
        uri, coll = "uri_release.yml", "collection_release.yml"
        for scenario in which:
            pairs = []
            for round_ in range(rounds):
                pair = []
                for side in ("A", "B"):
                    tag = "%s%d%s" % (scenario[:3].upper(), round_, side)
                    book = uri if side == "A" else coll
                    if scenario == "unchanged":
                        pair.append(self.playbook(book, "present", kept))
                    elif scenario == "changed":
                        items = [dict(r, name=r["name"] + " " + tag) for r in kept]
                        pair.append(self.playbook(book, "present", items))
                    elif scenario == "create":
                        items = [{"identifier": "%s-%05d" % (tag, i), "name": "Created %d" % i,
                                  "date": "2027-03-01T18:00:00"} for i in range(size)]
                        pair.append(self.playbook(book, "present", items))
                    elif scenario == "absent":
                        pair.append(self.playbook(book, "absent", self.existing(tag, size)))
                    else:  # ping (A) against a no-op release task (B), the same loop
                        pair.append(self.playbook("ping.yml" if side == "A" else coll, "present", idle))
                pairs.append(tuple(pair))
            results[scenario] = pairs
            print("bench: N=%d %s done" % (size, scenario), file=sys.stderr)
        return results

    def bulk(self, size, rounds):
        """[(A, B) per round]: A the unchanged re-run as one release task per release, B as one bulk task."""
        kept = self.existing("BULK%d" % size, size)
        pairs = []
        for dummy in range(rounds):
            pairs.append((self.playbook("collection_release.yml", "present", kept),
                          self.playbook("collection_bulk.yml", "present", kept)))
        print("bench: bulk N=%d done" % size, file=sys.stderr)
        return pairs

    def child(self, argv, out_path, fails=False):
        """Run ``argv`` through peak.py; (seconds, peak RSS in MiB, API requests, logins, output MiB)."""
        benchlib.clear_log(self.info)
        measured = json.loads(subprocess.check_output([sys.executable, os.path.join(HERE, "peak.py"), out_path] + argv,
                                                      env=self.env()))
        if bool(measured["status"]) != fails:
            with open(out_path) as handle:
                sys.stderr.write(handle.read()[-4000:])
            raise SystemExit("bench: %s failed (exit %d)" % (" ".join(argv[:3]), measured["status"]))
        peak = measured["maxrss_kib"] / 1024.0
        size = os.path.getsize(out_path) / 1048576.0
        return (measured["seconds"], peak) + benchlib.counts(benchlib.requests_log(self.info)) + (size,)

    def module(self, name, args, tag):
        """The module's main() in a child process, its arguments in a file as Ansible hands them over."""
        path = os.path.join(self.workdir, "%s-args.json" % tag)
        with open(path, "w") as handle:
            json.dump({"ANSIBLE_MODULE_ARGS": args}, handle)
        source = os.path.join(self.tree, "ansible_collections", "relops", "itsm", "plugins", "modules", name + ".py")
        return [sys.executable, source, path]

    def reading(self, records, profile, rounds=1):
        """release_info and change_search over the loaded records, and the same pages fetched directly."""
        sys.path.insert(0, self.tree)
        from ansible_collections.relops.itsm.plugins.module_utils.plutora.changes import build_change_filters
        from ansible_collections.relops.itsm.plugins.module_utils.plutora.releases import build_release_filters
        release_args = {"filters": [{"property": "implementation_date", "operator": "GreaterOrEqual",
                                     "value": "2000-01-01"}],
                        "sort": {"property": "implementation_date", "direction": "ASC"}}
        change_args = {"search_filters": [{"property": "name", "operator": "Contains", "value": "login"}]}
        release_body = build_release_filters([dict(f) for f in release_args["filters"]], dict(release_args["sort"]))
        change_body = build_change_filters([dict(f, direction=None) for f in change_args["search_filters"]], "ASC")
        direct = os.path.join(HERE, "direct_fetch.py")
        # What a module process holds before it reads anything: release_info refusing limit 0 (after every import,
        # before any request).
        start = self.child(self.module("release_info", {"limit": 0}, "start"), os.path.join(self.workdir, "start.out"),
                           fails=True)[1]
        rows = []
        for label, name, args, path, body, extra in (
                ("release_info", "release_info", release_args, "/releases/filter", release_body, {}),
                ("release_info, raw: true", "release_info", dict(release_args, raw=True), "/releases/filter",
                 release_body, {}),
                ("change_search", "change_search", change_args, "/changes/filter", change_body, {"limit": 10000})):
            pairs = []
            for dummy in range(rounds):  # A B A B: the module, then the direct fetch of the same pages
                module = self.child(self.module(name, args, name), os.path.join(self.workdir, name + ".out"))
                with open(os.path.join(self.workdir, name + ".out")) as handle:
                    found = json.load(handle)
                count = len(found.get("releases") or found.get("changes") or [])
                plain = self.child([sys.executable, direct, path, json.dumps(body), json.dumps(extra)],
                                   os.path.join(self.workdir, name + "-direct.out"))
                with open(os.path.join(self.workdir, name + "-direct.out")) as handle:
                    plain_count = len(json.load(handle)["records"])
                if plain_count != count:
                    raise SystemExit("bench: %s returned %d records, the direct fetch %d" % (name, count, plain_count))
                pairs.append((module, plain))
            rows.append((label, count, pairs, start))
            print("bench: %s over %d records done" % (name, records), file=sys.stderr)
        if profile:
            out = os.path.join(self.workdir, "release_info.prof")
            self.child([sys.executable, "-m", "cProfile", "-o", out] + self.module(
                "release_info", release_args, "profile")[1:], os.path.join(self.workdir, "profile.out"))
            stats = pstats.Stats(out)
            for order in ("cumulative", "tottime"):
                print("\nrelease_info over %d records, cProfile, top 25 by %s:" % (records, order))
                stats.sort_stats(order).print_stats(25)
        return rows


def summary(pairs, index=0):
    """median, min, max of B/A over the rounds' pairs (index 0: seconds)."""
    ratios = [b[index] / a[index] for a, b in pairs if a[index]]
    return statistics.median(ratios), min(ratios), max(ratios)


def report(sizes, by_size, reading, records, command, bulk=None):
    lines = ["Measured %s with `%s` (%s, %d cores, Python %s)." % (
        datetime.date.today().isoformat(), command, os.uname().sysname, os.cpu_count() or 0,
        sys.version.split()[0]), "",
        "| scenario | N | A: uri s (median) | B: collection s (median) | B/A median [min, max] | "
        "requests A / B | logins A / B |", "|---|---:|---:|---:|---|---:|---:|"]
    if not by_size:
        lines = lines[:2]
    labels = {"unchanged": "unchanged (re-run)", "changed": "one field changed", "create": "create",
              "absent": "state: absent", "ping": "A: ping, B: no-op release"}
    for scenario in SCENARIOS:
        for size in [s for s in sizes if s in by_size and scenario in by_size[s]]:
            pairs = by_size[size][scenario]
            med, low, high = summary(pairs)
            lines.append("| %s | %d | %.2f | %.2f | %.2f [%.2f, %.2f] | %d / %d | %d / %d |" % (
                labels[scenario], size, statistics.median(a[0] for a, _b in pairs),
                statistics.median(b[0] for _a, b in pairs), med, low, high, pairs[-1][0][1], pairs[-1][1][1],
                pairs[-1][0][2], pairs[-1][1][2]))
    if bulk:
        lines += ["", "| unchanged re-run | N | A: N release tasks s (median) | B: one bulk task s (median) | "
                  "A/B median [min, max] | requests A / B | B requests per release (logins excluded) | logins A / B |",
                  "|---|---:|---:|---:|---|---:|---:|---:|"]
        for size, pairs in sorted(bulk.items()):
            speed = [a[0] / b[0] for a, b in pairs if b[0]]
            last_a, last_b = pairs[-1]
            lines.append("| bulk | %d | %.2f | %.2f | %.1f [%.1f, %.1f] | %d / %d | %.3f | %d / %d |" % (
                size, statistics.median(a[0] for a, _b in pairs), statistics.median(b[0] for _a, b in pairs),
                statistics.median(speed), min(speed), max(speed), last_a[1], last_b[1],
                (last_b[1] - last_b[2]) / float(size), last_a[2], last_b[2]))
    if not reading:
        return "\n".join(lines)
    lines += ["", "| over %d records | returned | result MiB | module s (median) | module peak MiB | module requests "
              "(logins) | direct s (median) | direct peak MiB | direct requests (logins) | module/direct s median "
              "[min, max] | module peak/result | module start MiB | (peak - start)/result |" % records,
              "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|"]
    for label, count, pairs, start in reading:
        module, plain = pairs[-1]
        med, low, high = summary([(b, a) for a, b in pairs])
        peak = max(a[1] for a, _b in pairs)
        lines.append("| %s | %d | %.1f | %.2f | %.1f | %d (%d) | %.2f | %.1f | %d (%d) | %.2f [%.2f, %.2f] | %.1f | %.1f "
                     "| %.1f |" % (
                         label, count, module[4], statistics.median(a[0] for a, _b in pairs), peak, module[2],
                         module[3], statistics.median(b[0] for _a, b in pairs), max(b[1] for _a, b in pairs),
                         plain[2], plain[3], med, low, high, peak / module[4], start, (peak - start) / module[4]))
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description="the collection against uri and requests, on a fresh simulator")
    parser.add_argument("--sizes", default="10,50,200")
    parser.add_argument("--rounds", type=int, default=3, help="A B pairs per scenario and size")
    parser.add_argument("--records", type=int, default=10000, help="records release_info and change_search read")
    parser.add_argument("--quick", action="store_true", help="N=3, one round, 200 records: that it runs")
    parser.add_argument("--profile", action="store_true", help="also profile release_info over the records")
    parser.add_argument("--log", default=os.devnull, help="the simulator's stderr")
    parser.add_argument("--no-playbooks", action="store_true", help="only release_info and change_search")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS), help="which playbook scenarios to run")
    parser.add_argument("--bulk-sizes", default="500", help="N for the bulk comparison ('' for none)")
    parser.add_argument("--no-reading", action="store_true", help="skip release_info and change_search")
    opts = parser.parse_args()
    if opts.quick:
        opts.sizes, opts.rounds, opts.records, opts.bulk_sizes = "3", 1, 200, "3"
    sizes = [int(s) for s in opts.sizes.split(",") if s]
    command = "bench/run.py " + " ".join(sys.argv[1:])
    workdir = tempfile.mkdtemp(prefix="relops-bench-")
    tree = os.path.join(workdir, "collections")
    os.makedirs(os.path.join(tree, "ansible_collections", "relops"))
    os.symlink(benchlib.ROOT, os.path.join(tree, "ansible_collections", "relops", "itsm"))
    try:
        by_size, bulk, reading = {}, {}, []
        for size in [] if opts.no_playbooks else sizes:
            with benchlib.simulator(opts.log) as info:
                by_size[size] = Bench(info, tree, workdir).scenarios(size, opts.rounds, opts.scenarios.split(","))
        for size in [] if opts.no_playbooks else [int(s) for s in opts.bulk_sizes.split(",") if s]:
            with benchlib.simulator(opts.log) as info:
                bulk[size] = Bench(info, tree, workdir).bulk(size, opts.rounds)
        if not opts.no_reading:
            with benchlib.simulator(opts.log) as info:
                benchlib.load(info, benchlib.releases_doc(opts.records, "BIG"))
                benchlib.load(info, benchlib.changes_doc(opts.records))
                reading = Bench(info, tree, workdir).reading(opts.records, opts.profile, opts.rounds)
        print(report([s for s in sizes if s in by_size], by_size, reading, opts.records, command.strip(), bulk))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
