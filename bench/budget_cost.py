#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the request budget costs a request: ``take()`` in a loop on a fresh file store.

    .venv/bin/python bench/budget_cost.py [COLLECTIONS_DIR] [--count 2000]

COLLECTIONS_DIR holds ansible_collections/relops/itsm (default: this checkout through a temporary link), so that
two checkouts (before and after a change) can be compared.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import os
import shutil
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("tree", nargs="?")
    parser.add_argument("--count", type=int, default=2000)
    opts = parser.parse_args()
    work = tempfile.mkdtemp(prefix="budget-cost-")
    try:
        tree = opts.tree
        if not tree:
            tree = os.path.join(work, "tree")
            os.makedirs(os.path.join(tree, "ansible_collections", "relops"))
            os.symlink(ROOT, os.path.join(tree, "ansible_collections", "relops", "itsm"))
        sys.path.insert(0, tree)
        from ansible_collections.relops.itsm.plugins.module_utils.core.budget import RequestBudget
        from ansible_collections.relops.itsm.plugins.module_utils.core.filestore import FileStore
        budget = RequestBudget(FileStore(os.path.join(work, "store")), ("https://api", "client"), 26000)
        started = time.perf_counter()
        for dummy in range(opts.count):
            budget.take()
        spent = time.perf_counter() - started
        print("%s: %.1f us per request over %d requests" % (opts.tree or ROOT, spent / opts.count * 1e6, opts.count))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
