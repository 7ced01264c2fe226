# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Entry points of the installed simulators: ``sim_entry:<vendor>_sim`` runs that package's ``spec.SPEC``.

The console script ``plutora-sim`` (setup.py writes one per ``*_sim`` package) does ``from sim_entry import
plutora_sim; sys.exit(plutora_sim())``; the attribute is made here on first use, so a new vendor package needs none.
"""

import importlib


def __getattr__(name):
    if not name.endswith("_sim") or name.startswith("_"):
        raise AttributeError("module %r has no attribute %r" % (__name__, name))

    def run(argv=None):
        from sim_core.cli import main  # pylint: disable=import-outside-toplevel

        return main(importlib.import_module(name + ".spec").SPEC, argv)

    run.__name__ = run.__qualname__ = name
    run.__doc__ = "Run the %s simulator (its spec.SPEC) until SIGTERM/SIGINT; return the exit status." % name
    return run
