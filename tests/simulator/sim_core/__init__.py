# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The vendor-neutral core of the API simulators: app factory, middleware, /_sim/ control plane, state, launcher.

A vendor package (``<vendor>_sim``, one per vendor API) hands the core a ``spec.VendorSpec``; see README.md beside
this package.
"""
