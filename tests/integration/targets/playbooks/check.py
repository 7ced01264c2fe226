#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Assertions for runme.sh, made on the simulator's own store (GET /_sim/data) and request log.

    check.py reset | clear-log | deployed | no-writes | no-requests | rolled-back
    check.py report FILE FROM UNTIL CHANGES_SINCE
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import re
import sys

from urllib.request import Request, urlopen

API = os.environ["PLUTORA_API_URL"].rstrip("/")
HEALTH = {0: "Unknown", 1: "Online", 2: "Offline", 3: "Issue"}
# Requests that only read, though some are POSTs (searches and health reads).
READS = re.compile(r"^/(oauth/token|releases/filter|changes/filter|environmentHealthCheck/(FullHistory|CurrentStatus))$",
                   re.IGNORECASE)


def call(method, path):
    with urlopen(Request(API + path, method=method), timeout=30) as response:
        body = response.read()
    return json.loads(body) if body else None


class Store:
    """The simulator's data, with the lookups the checks need."""

    def __init__(self):
        self.data = call("GET", "/_sim/data")
        self.system_names = {s["id"]: s["name"] for s in self.data["systems"]}
        self.env_ids = {e["name"]: e["id"] for e in self.data["environments"]}

    def release(self, identifier):
        found = [r for r in self.data["releases"] if r["identifier"] == identifier]
        assert len(found) == 1, "%d releases %s" % (len(found), identifier)
        return found[0]

    def statuses(self, identifier):
        links = self.data["releaseSystems"].get(self.release(identifier)["id"], [])
        return {self.system_names[link["systemId"]]: link["deploymentStatus"] for link in links}

    def results(self, environment, test_name, executed):
        return [h for h in self.data["healthChecks"] if h["environmentId"] == self.env_ids[environment]
                and h["testName"] == test_name and h["executionDate"] == executed]

    def latest_health(self, environment):
        results = [h for h in self.data["healthChecks"] if h["environmentId"] == self.env_ids[environment]]
        return HEALTH[max(results, key=lambda h: h["executionDate"])["health"]] if results else None


def expect(actual, wanted, what):
    assert actual == wanted, "%s: %r, wanted %r" % (what, actual, wanted)


def deployed():
    store = Store()
    release = store.release("IT-PIPE-1")
    expect(release["name"], "Pipeline test release", "name")
    expect(release["implementationDate"], "2026-12-15T20:00:00", "implementation date")
    expect(store.statuses("IT-PIPE-1"), {"Payments API": "Completed", "Auth Service": "Completed"}, "statuses")
    for environment in ("Payments API - UAT", "Auth Service - SIT"):
        results = store.results(environment, "smoke", "2026-11-22T08:00:00")
        expect([(r["health"], r["logFile"]) for r in results], [(1, None)], environment + " results")
    print("IT-PIPE-1: both systems Completed, one online result each")


def rolled_back():
    store = Store()
    # Payments API was linked by the seed and is not part of this run: left as it was.
    expect(store.statuses("PAY-4.2"), {"Payments API": None, "Ledger Core": "RollbackPending", "Search Gateway": None},
           "statuses")
    results = store.results("Ledger Core - UAT", "smoke", "2026-11-22T08:30:00")
    expect([r["health"] for r in results], [3], "Ledger Core - UAT results")
    log = results[0]["logFile"]
    for text in ('Deployment of Ledger Core failed in task "Deploy Ledger Core to Ledger Core - UAT"',
                 "non-zero return code", "ledger migration 0042 failed: lock timeout"):
        assert text in log, "%r not in the log %r" % (text, log)
    expect(store.results("Search Gateway - UAT", "smoke", "2026-11-22T08:30:00"), [], "Search Gateway results")
    print("PAY-4.2: Ledger Core RollbackPending with its log, Search Gateway not deployed")


def writes():
    return [r for r in call("GET", "/_sim/requests")["requests"]
            if r["method"] != "GET" and not READS.match(r["path"])]


def no_writes():
    expect(writes(), [], "write requests")
    print("no write request")


def no_requests():
    expect(call("GET", "/_sim/requests")["requests"], [], "requests")
    print("no request")


def report(path, since, until, changes_since):
    store = Store()
    with open(path) as handle:
        text = handle.read()
    due = sorted((r for r in store.data["releases"] if since <= r["implementationDate"][:10] < until),
                 key=lambda r: r["implementationDate"])
    sections = re.split(r"^## ", text, flags=re.MULTILINE)[1:]
    headers = [s.split(":", 1)[0] for s in sections[:-1]]
    expect(headers, [r["identifier"] for r in due], "releases in the report")
    assert "IT-PIPE-1" in headers, "the release the pipeline created is due in the window"
    rows = 0
    for section in sections[:-1]:
        identifier = section.split(":", 1)[0]
        statuses = store.statuses(identifier)
        table = [[c.strip() for c in line.strip("|").split("|")] for line in section.splitlines()
                 if line.startswith("| ") and not line.startswith("| System ")]
        expect(sorted(row[0] for row in table), sorted(statuses), identifier + " systems")
        for system, deployment, environment, health, _last in table:
            expect(deployment, statuses[system] or "not deployed", identifier + " " + system)
            expect(environment, system + " - UAT", identifier + " " + system + " environment")
            latest = store.latest_health(environment)
            if latest:
                expect(health, latest, identifier + " " + environment + " health")
            else:
                assert health not in HEALTH.values(), "%s has no result but shows %s" % (environment, health)
            rows += 1
    changes = [c for c in store.data["changes"] if c["lastModifiedDate"][:10] >= changes_since]
    listed = [int(line.split("|")[1]) for line in sections[-1].splitlines() if re.match(r"^\| \d+ \|", line)]
    expect(sorted(listed), sorted(c["changeId"] for c in changes), "changes")
    print("report: %d releases, %d system rows, %d changes as the simulator holds them" % (len(due), rows, len(listed)))


def main(argv):
    command, args = argv[1], argv[2:]
    if command == "reset":
        call("POST", "/_sim/reset")
    elif command == "clear-log":
        call("DELETE", "/_sim/requests")
    else:
        {"deployed": deployed, "no-writes": no_writes, "no-requests": no_requests, "rolled-back": rolled_back,
         "report": report}[command](*args)


if __name__ == "__main__":
    main(sys.argv)
