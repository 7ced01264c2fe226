# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Stand-in for the get-pip script ansible-test downloads from a host this network cannot reach.

ansible-test runs it as ``python get_pip.py ... pip==X --no-setuptools --no-wheel`` to put pip into
its virtual environments; this version installs pip from a wheel lying next to it (downloaded from
PyPI by hacking/test.sh).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import glob
import os
import runpy
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ARGS = [a for a in sys.argv[1:] if a not in ("--no-setuptools", "--no-wheel")]
WANTED = [a.split("==", 1)[1] for a in ARGS if a.startswith("pip==")]
WHEEL = os.path.join(HERE, "pip-%s-py3-none-any.whl" % WANTED[0]) if WANTED else ""
if not os.path.isfile(WHEEL):
    FOUND = sorted(glob.glob(os.path.join(HERE, "pip-*-py3-none-any.whl")))
    if not FOUND:
        sys.exit("no pip wheel next to %s" % __file__)
    WHEEL = FOUND[-1]
sys.path.insert(0, WHEEL)
sys.argv = ["pip", "install", "--upgrade", "--force-reinstall", "--find-links", HERE] + ARGS
runpy.run_module("pip", run_name="__main__", alter_sys=True)
