# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Assertions for runme.sh: playbook output (default callback), the fake controller's state, files on disk.

    python check.py run OUTPUT (--changed|--not-changed) --fake URL --writes N [--last-write METHOD]
                        [--patched F,G] [--expect-message TEXT]
    python check.py failed OUTPUT TEXT      the play failed, with TEXT in a failed task's message
    python check.py stored URL DEFINITION        the controller holds exactly one such type, equal to DEFINITION
    python check.py edit DEFINITION OUT KEY...   write DEFINITION with the given top-level keys changed
    python check.py in-use URL                   mark the type as used by credentials
    python check.py token-cache HOME             the modules' token cache under HOME exists, every file 0600
    python check.py no-secrets DIR SECRET... [--skip NAME]   no file under DIR contains any SECRET line
The controller's token comes from FAKE_CONTROLLER_TOKEN.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import copy
import json
import os
import re
import stat
import sys
from urllib.request import Request, urlopen

import yaml

COMPARED = ("name", "description", "kind", "inputs", "injectors")


def fail(msg):
    sys.exit("check.py: " + msg)


def http(url, method="GET"):
    req = Request(url, method=method, headers={"Authorization": "Bearer " + os.environ["FAKE_CONTROLLER_TOKEN"]})
    with urlopen(req) as resp:  # nosec: a loopback test server
        return json.loads(resp.read().decode("utf-8"))


RECAP = re.compile(r"^localhost\s+:\s+ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M)


def play_output(path):
    """The text ansible-playbook printed (default callback) and its recap counts for localhost."""
    with open(path) as handle:
        text = handle.read()
    recaps = RECAP.findall(text)
    if len(recaps) != 1:
        fail("expected one recap line for localhost in %s, found %d" % (path, len(recaps)))
    ok, changed, unreachable, failed = (int(n) for n in recaps[0])
    return text, {"ok": ok, "changed": changed, "unreachable": unreachable, "failures": failed}


def cmd_run(opts):
    text, st = play_output(opts.result)
    if st["failures"] or st["unreachable"]:
        fail("the play failed: %s" % st)
    if opts.changed and not st["changed"]:
        fail("expected changed, the recap says %s" % st)
    if opts.not_changed and st["changed"]:
        fail("expected no change, these tasks changed: %s"
             % [line for line in text.splitlines() if line.startswith("changed:")])
    if opts.expect_message and opts.expect_message not in text:
        fail("the output does not say %r" % opts.expect_message)
    log = http(opts.fake + "/_fake/requests")["requests"]
    writes = [r for r in log if r["method"] not in ("GET", "HEAD")]
    if len(writes) != opts.writes:
        fail("expected %d writes so far, the controller saw %s" % (opts.writes, [w["method"] for w in writes]))
    if opts.last_write and writes[-1]["method"] != opts.last_write:
        fail("expected the last write to be %s, got %s" % (opts.last_write, writes[-1]["method"]))
    if opts.patched is not None and sorted(writes[-1]["body"]) != sorted(opts.patched.split(",")):
        fail("the PATCH carried %s, expected %s" % (sorted(writes[-1]["body"]), opts.patched))
    if opts.last_write == "POST" and sorted(writes[-1]["body"]) != sorted(COMPARED):
        fail("the POST carried %s" % sorted(writes[-1]["body"]))
    print("ok: changed=%s, %d write(s) in total" % (st["changed"], len(writes)))


def cmd_failed(opts):
    text, st = play_output(opts.result)
    if not st["failures"]:
        fail("the play did not fail")
    if opts.text not in text:
        fail("the output does not say %r" % opts.text)
    print("ok: failed with %r" % opts.text)


def cmd_stored(opts):
    definition = yaml.safe_load(open(opts.definition))
    found = http("%s/api/v2/credential_types/?name=%s&kind=%s" % (opts.fake, definition["name"], definition["kind"]))
    if found["count"] != 1:
        fail("expected exactly one %s type, found %d" % (definition["name"], found["count"]))
    record = found["results"][0]
    differ = [k for k in COMPARED if record.get(k) != definition[k]]
    if differ:
        fail("the stored type differs from %s in %s" % (opts.definition, differ))
    print("ok: the controller holds %s (id %s) as defined" % (record["name"], record["id"]))


def cmd_edit(opts):
    definition = yaml.safe_load(open(opts.definition))
    edited = copy.deepcopy(definition)
    for key in opts.keys:
        if key == "description":
            edited["description"] += " (edited by the test)"
        elif key == "injectors":
            edited["injectors"]["env"]["PLUTORA_USERNAME"] = "{{ username | trim }}"
        elif key == "inputs":
            edited["inputs"]["fields"][0]["help_text"] += " (edited by the test)"
        else:
            fail("no edit defined for %s" % key)
    with open(opts.out, "w") as handle:
        yaml.safe_dump(edited, handle, sort_keys=False)


def cmd_in_use(opts):
    definition_name = "Plutora"
    found = http("%s/api/v2/credential_types/?name=%s" % (opts.fake, definition_name))
    http("%s/_fake/in_use/%d" % (opts.fake, found["results"][0]["id"]), method="POST")


def cmd_token_cache(opts):
    cache = os.path.join(opts.home, ".cache", "relops.itsm")
    files = [os.path.join(d, f) for d, _dirs, names in os.walk(cache) for f in names]
    if not files:
        fail("no token cache under %s" % cache)
    loose = [f for f in files if stat.S_IMODE(os.stat(f).st_mode) & 0o077]
    if loose:
        fail("token cache files readable by others: %s" % loose)
    print("ok: %d token cache file(s), all 0600" % len(files))


def cmd_no_secrets(opts):
    secrets = [s for s in "\n".join(opts.secrets).splitlines() if s.strip()]
    if not secrets:
        fail("no secrets given to look for")
    checked = 0
    for directory, _dirs, names in os.walk(opts.dir):
        for name in names:
            if name in opts.skip:
                continue
            path = os.path.join(directory, name)
            with open(path, "rb") as handle:
                data = handle.read()
            checked += len(data)
            for secret in secrets:
                if secret.encode("utf-8") in data:
                    fail("a secret appears in %s" % path)
    if not checked:
        fail("nothing to check under %s" % opts.dir)
    print("ok: %d bytes of output and files hold none of %d secrets" % (checked, len(secrets)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    run = sub.add_parser("run")
    run.add_argument("result")
    run.add_argument("--changed", action="store_true")
    run.add_argument("--not-changed", action="store_true")
    run.add_argument("--fake", required=True)
    run.add_argument("--writes", type=int, required=True)
    run.add_argument("--last-write")
    run.add_argument("--patched")
    run.add_argument("--expect-message")
    failed = sub.add_parser("failed")
    failed.add_argument("result")
    failed.add_argument("text")
    stored = sub.add_parser("stored")
    stored.add_argument("fake")
    stored.add_argument("definition")
    edit = sub.add_parser("edit")
    edit.add_argument("definition")
    edit.add_argument("out")
    edit.add_argument("keys", nargs="+")
    in_use = sub.add_parser("in-use")
    in_use.add_argument("fake")
    cache = sub.add_parser("token-cache")
    cache.add_argument("home")
    secrets = sub.add_parser("no-secrets")
    secrets.add_argument("dir")
    secrets.add_argument("secrets", nargs="+")
    secrets.add_argument("--skip", action="append", default=[])
    opts = parser.parse_args()
    if opts.cmd == "run" and opts.changed == opts.not_changed:
        parser.error("give exactly one of --changed / --not-changed")
    {"run": cmd_run, "failed": cmd_failed, "stored": cmd_stored, "edit": cmd_edit,
     "in-use": cmd_in_use, "token-cache": cmd_token_cache, "no-secrets": cmd_no_secrets}[opts.cmd](opts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
