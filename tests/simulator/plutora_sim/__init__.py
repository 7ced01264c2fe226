# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A local HTTP server that behaves like Plutora's REST API, for tests, demos and benchmarks.

Its routes and rules, one module per resource, on the vendor-neutral ``sim_core``; ``spec.SPEC`` joins them.
"""
