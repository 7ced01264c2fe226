#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Assertions for runme.sh, made on the simulator's own store (GET /_sim/data) and request log.

    check.py reset | clear-log | deployed | no-writes | no-requests | rolled-back
    check.py report FILE FROM UNTIL CHANGES_SINCE
    check.py html FILE DOM SCREENSHOT FROM UNTIL
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import re
import struct
import sys
import zlib

from collections import Counter
from html.parser import HTMLParser
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
    due = due_releases(store, since, until)
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


def due_releases(store, since, until):
    return sorted((r for r in store.data["releases"] if since <= r["implementationDate"][:10] < until),
                  key=lambda r: r["implementationDate"])


class Page(HTMLParser):
    """What the rendered page shows: releases with their system rows, and the SVG charts' elements."""

    def __init__(self):
        HTMLParser.__init__(self)
        self.releases = []  # [(identifier, [row attributes])]
        self.tags = Counter()
        self.segments = []  # data-count of each donut segment, by status
        self.bars = {}  # data-count of each health bar, by status

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        self.tags[tag] += 1
        if tag == "article" and "release" in classes:
            self.releases.append((attrs["data-identifier"], []))
        elif tag == "tr" and "system" in classes:
            self.releases[-1][1].append(attrs)
        elif tag == "circle" and "segment" in classes:
            self.segments.append((attrs["data-status"], int(attrs["data-count"])))
        elif tag == "rect" and "bar" in classes:
            self.bars[attrs["data-status"]] = int(attrs["data-count"])


def read_png(path):
    """(width, height, Counter of RGB colours) of an 8-bit RGB or RGBA PNG, decoded with zlib and struct."""
    with open(path, "rb") as handle:
        data = handle.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "%s is not a PNG" % path
    pos, idat, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", data[pos + 8:pos + 8 + length])
        elif kind == b"IDAT":
            idat.append(data[pos + 8:pos + 8 + length])
        pos += 12 + length
    width, height, depth, colour_type, _compression, _filter, interlace = header
    assert depth == 8 and colour_type in (2, 6) and interlace == 0, "unexpected PNG format %r" % (header,)
    bpp = 3 if colour_type == 2 else 4
    raw, stride, prev, colours = zlib.decompress(b"".join(idat)), width * bpp, bytearray(width * bpp), Counter()
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):  # undo the PNG row filter (None, Sub, Up, Average, Paeth)
            a, b, c = (line[i - bpp] if i >= bpp else 0), prev[i], (prev[i - bpp] if i >= bpp else 0)
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        colours.update(bytes(line[x:x + 3]).hex() for x in range(0, stride, bpp))
        prev = line
    return width, height, colours


# The page's colours (playbooks/templates/release_report.html.j2).
DEPLOYMENT_COLOURS = {"Completed": "2f9e5b", "RollbackPending": "d64545"}
HEALTH_COLOURS = {"Online": "2f9e5b", "Issue": "f0a030"}


def html(path, dom, screenshot, since, until):
    store = Store()
    with open(path) as handle:
        source = handle.read()
    for external in ("<script", "<link", "<img", "@import", "url(", "http://", "https://"):
        assert external not in source, "the page is not self-contained: it has %r" % external
    page = Page()
    with open(dom) as handle:
        page.feed(handle.read())
    due = due_releases(store, since, until)
    expect([identifier for identifier, _rows in page.releases], [r["identifier"] for r in due], "releases on the page")
    systems, environments = 0, {}
    for identifier, rows in page.releases:
        statuses = store.statuses(identifier)
        expect(sorted(row["data-system"] for row in rows), sorted(statuses), identifier + " systems")
        for row in rows:
            what = identifier + " " + row["data-system"]
            expect(row["data-deployment"], statuses[row["data-system"]] or "not deployed", what + " deployment")
            expect(row["data-environment"], row["data-system"] + " - UAT", what + " environment")
            expect(row["data-health"], store.latest_health(row["data-environment"]) or "NoData", what + " health")
            environments[row["data-environment"]] = row["data-health"]
        systems += len(rows)
    # The charts: one donut segment per deployment status present, one health bar per status, one stacked bar per
    # release with systems, and their counts add up to what the tables show.
    expect(sum(count for _status, count in page.segments), systems, "systems in the deployment chart")
    expect({s: c for s, c in page.bars.items() if c}, dict(Counter(environments.values())), "health chart")
    assert page.tags["svg"] >= 2 + len([1 for _i, rows in page.releases if rows]), "SVG charts: %r" % page.tags
    for status in set(s for s, _c in page.segments) | set(s for s, c in page.bars.items() if c):
        assert status in DEPLOYMENT_COLOURS or status in HEALTH_COLOURS or status in ("not deployed", "NoData"), status
    width, height, colours = read_png(screenshot)
    expect((width, height), (1200, 900), "screenshot size")
    assert len(colours) > 100, "the screenshot has only %d colours" % len(colours)
    # The charts are at the top of the page, so their colours must be in the screenshot.
    shown = [DEPLOYMENT_COLOURS[s] for s, _c in page.segments if s in DEPLOYMENT_COLOURS]
    shown += [HEALTH_COLOURS[s] for s, c in page.bars.items() if c and s in HEALTH_COLOURS]
    assert shown, "no status with a known colour on the page"
    for colour in shown:
        assert colours[colour] > 200, "colour #%s covers only %d pixels of the screenshot" % (colour, colours[colour])
    print("html: %d releases, %d system rows, %d SVG elements; screenshot %dx%d with %d colours, chart colours %s"
          % (len(page.releases), systems, page.tags["svg"], width, height, len(colours), ", ".join(sorted(set(shown)))))


def main(argv):
    command, args = argv[1], argv[2:]
    if command == "reset":
        call("POST", "/_sim/reset")
    elif command == "clear-log":
        call("DELETE", "/_sim/requests")
    else:
        {"deployed": deployed, "no-writes": no_writes, "no-requests": no_requests, "rolled-back": rolled_back,
         "report": report, "html": html}[command](*args)


if __name__ == "__main__":
    main(sys.argv)
