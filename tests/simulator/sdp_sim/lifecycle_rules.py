# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a release must be for an operation: existing, live (not in the trash), in the trash, open."""

from .envelope import failed

CLOSURE_STAGE = "9"


def existing(state, release_id):
    """The release (trashed ones too: GET shows them with ``deleted_time``, chosen), else 404 4007."""
    record = state.find(release_id)
    if record is None:
        raise failed(4007, "Release %s does not exist" % release_id, field="id")
    return record


def live(state, release_id):
    record = existing(state, release_id)
    if record["deleted_time"] is not None:
        raise failed(4001, "Release %s is in the trash; restore it first" % release_id, field="id")
    return record


def trashed(state, release_id):
    record = existing(state, release_id)
    if record["deleted_time"] is None:
        raise failed(4001, "Not in trash: release %s" % release_id, field="id")  # 9.6
    return record


def is_closed(record):
    return record["stage"]["id"] == CLOSURE_STAGE
