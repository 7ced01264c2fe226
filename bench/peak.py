#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run a command; print its wall time and peak RSS as JSON on stderr's last line.

    peak.py OUTPUT_FILE COMMAND [ARG...]

A small process of its own between bench/run.py and the measured command: on Linux a child's ``ru_maxrss`` starts
at the RSS of the process it was forked from, so forking the module straight from run.py (which holds the records it
has read) would report run.py's size, not the module's.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import subprocess
import sys
import time


def main():
    out_path, argv = sys.argv[1], sys.argv[2:]
    started = time.perf_counter()
    with open(out_path, "wb") as out:
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT)
        _pid, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    print(json.dumps({"seconds": time.perf_counter() - started, "maxrss_kib": usage.ru_maxrss,
                      "status": proc.returncode}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
