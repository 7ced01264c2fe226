#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Check an installed relops-itsm-simulator as a user's CI would use it; run with the Python of its venv.

    check_simulator_package.py

Each console script of the distribution answers --help; plutora-sim, found on PATH (not in this checkout), starts on
a free port, plain and with --tls, prints its first JSON line, hands out a token for the demo login, answers GET /me
with that login, and stops with status 0 on SIGTERM. Only the standard library is used here.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import shutil
import ssl
import subprocess
import sys
import tempfile
from importlib import metadata
from urllib.parse import urlencode
from urllib.request import Request, urlopen

DIST = "relops-itsm-simulator"


def fail(message):
    sys.exit("check_simulator_package: " + message)


def call(url, context, data=None, token=None):
    headers = {"Authorization": "Bearer " + token} if token else {}
    if data is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    with urlopen(Request(url, data=data, headers=headers), timeout=30, context=context) as resp:
        return json.loads(resp.read().decode("utf-8"))


def serve_once(command, args, workdir):
    proc = subprocess.Popen([command, "--port", "0"] + args, stdout=subprocess.PIPE, cwd=workdir,
                            env=dict((k, v) for k, v in os.environ.items() if k != "PYTHONPATH"))
    try:
        line = proc.stdout.readline()
        if not line:
            fail("%s %s printed no first line (exit %s)" % (command, " ".join(args), proc.wait(timeout=10)))
        info = json.loads(line.decode("utf-8"))
        context = ssl.create_default_context(cafile=info["ca_cert"]) if info.get("ca_cert") else None
        if args and not info.get("ca_cert"):
            fail("--tls gave no ca_cert")
        form = urlencode({"grant_type": "password", "client_id": info["client_id"],
                          "client_secret": info["client_secret"], "username": info["username"],
                          "password": info["password"]}).encode("ascii")
        token = call(info["auth_url"] + "/oauth/token", context, data=form)["access_token"]
        me = call(info["api_url"] + "/me", context, token=token)
        if me != info["username"]:
            fail("GET /me answered %r, not %r" % (me, info["username"]))
        print("%s %s: %s, /me -> %s" % (command, " ".join(args) or "(plain)", info["api_url"], me))
    finally:
        proc.terminate()
        status = proc.wait(timeout=15)
    if status != 0:
        fail("%s ended with status %s after SIGTERM" % (command, status))


def main():
    scripts = sorted(ep.name for ep in metadata.distribution(DIST).entry_points if ep.group == "console_scripts")
    print("%s %s: console scripts %s" % (DIST, metadata.version(DIST), ", ".join(scripts)))
    if "plutora-sim" not in scripts:
        fail("no plutora-sim console script")
    bindir = os.path.dirname(os.path.abspath(sys.executable))
    for name in scripts:
        found = shutil.which(name)
        if not found or os.path.dirname(os.path.abspath(found)) != bindir:
            fail("%s is not on PATH from this venv (found %s)" % (name, found))
        subprocess.check_call([found, "--help"], stdout=subprocess.DEVNULL)
    workdir = tempfile.mkdtemp(prefix="sim-package-")
    try:
        for args in ([], ["--tls"]):
            serve_once(shutil.which("plutora-sim"), args, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
