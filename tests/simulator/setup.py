# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The console scripts of relops-itsm-simulator: one per vendor package ``<vendor>_sim`` with a ``spec.py``.

``plutora_sim`` becomes ``plutora-sim``, ``plutora_test_sim`` becomes ``plutora-test-sim``; each runs
``sim_core.cli.main(<package>.spec.SPEC)`` through ``sim_entry``. Everything else is in pyproject.toml.
"""

import glob
import os

from setuptools import setup

HERE = os.path.dirname(os.path.abspath(__file__))
VENDORS = sorted(os.path.basename(os.path.dirname(path)) for path in glob.glob(os.path.join(HERE, "*_sim", "spec.py")))

setup(entry_points={"console_scripts": ["%s = sim_entry:%s" % (name.replace("_", "-"), name) for name in VENDORS]})
