# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Seed documents: a vendor's built-in JSON file, whose top-level keys a ``--data`` file may replace."""

import json


def read_seed(builtin, keys, path=None):
    """The seed in the JSON file ``builtin``, with the top-level keys of the JSON file at ``path`` (if any)
    replacing its own; ``keys`` are the keys a seed may have (another is a ValueError)."""
    with open(builtin, encoding="utf-8") as handle:
        seed = json.load(handle)
    if path:
        with open(path, encoding="utf-8") as handle:
            extra = json.load(handle)
        if not isinstance(extra, dict):
            raise ValueError("%s: a seed file holds one JSON object" % path)
        unknown = sorted(set(extra) - set(keys))
        if unknown:
            raise ValueError("%s: unknown seed keys %s; keys: %s" % (path, ", ".join(unknown), ", ".join(keys)))
        seed.update(extra)
    return seed
