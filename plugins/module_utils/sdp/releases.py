# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The SDP release record API: every read and write of releases and every wire shape they take, and the one
function that turns a wire release into option names (``to_options``) for results, comparison and ``--diff``.

Titles are not unique in SDP (the vendor's own samples hold six releases with one title), so a title is matched
after a server search exactly - trimmed, ignoring case, as SDP compares - and several matches are refused naming
their ids. A write whose answer was lost is settled by reading before anything is sent again.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

from ansible_collections.relops.itsm.plugins.module_utils.core import normalize
from ansible_collections.relops.itsm.plugins.module_utils.core.errors import (
    NotFoundError,
    ServerError,
    TransportError,
    ValidationError,
)
from ansible_collections.relops.itsm.plugins.module_utils.core.filestore import fingerprint
from ansible_collections.relops.itsm.plugins.module_utils.sdp.release_fields import (
    FLAGS,
    GROUPED,
    LISTS,
    READ_ONLY,
    RELEASE,
)

_EPOCH = datetime.datetime(1970, 1, 1)
CLOSURE_STAGE = "close"  # the Closure stage's internal name (sdp-api.md 3.1)
INCLUDES = {"history": ("history", "history"), "status_comments": ("status_comments", "status_comments"),
            "summary": ("summary", "summary"), "permissions": ("get_permissions", "get_permissions"),
            "approval_summary": ("approval_levels/approval_summary", "approval_summary")}


def title_key(value):
    """How titles are matched: trimmed, case-insensitive (SDP's own name matching)."""
    return " ".join(str(value or "").split()).lower()


# --------------------------------------------------------------------- values
def epoch_ms(value):
    """A normalised UTC date-time (``YYYY-MM-DDTHH:MM:SS``) as SDP's epoch milliseconds string."""
    parsed = datetime.datetime.strptime(value, "%Y-%m-%dT%H:%M:%S")
    return str(int((parsed - _EPOCH).total_seconds()) * 1000)


def wire_date(value):
    """SDP's ``{display_value, value}`` (or a bare epoch number) -> UTC ``YYYY-MM-DDTHH:MM:SS``; None stays None."""
    if isinstance(value, dict):
        value = value.get("value")
    if value in (None, ""):
        return None
    try:
        millis = int(str(value).partition(".")[0])
    except ValueError:
        return normalize.date_time(value)
    moment = _EPOCH + datetime.timedelta(milliseconds=millis)
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


def wire_name(value):
    """The name of a looked-up object or user (``{"name": ...}``); a plain value passes through."""
    if isinstance(value, dict):
        return value.get("name")
    return value


def wire_text(value, grouped=False):
    if grouped and isinstance(value, dict):
        return value.get("description")
    return value


def to_options(record):
    """A wire release in the collection's option names: names for lookups, UTC ISO date-times, plain texts.

    A compact shape a task can feed back as options; the vendor's record is returned only on request.
    """
    record = record or {}
    result = {}
    for field in RELEASE.fields:
        option = field.option or field.wire
        value = record.get(field.wire)
        if field.compare == "date":
            result[option] = wire_date(value)
        elif field.compare == "name":
            result[option] = wire_name(value)
        elif option in FLAGS:
            result[option] = bool(value) if value is not None else None
        else:
            result[option] = wire_text(value, option in GROUPED)
    for option, wire in LISTS.items():
        result[option] = [wire_name(i) for i in record.get(wire) or [] if wire_name(i)]
    for option, (wire, kind) in READ_ONLY.items():
        value = record.get(wire)
        result[option] = wire_date(value) if kind == "date" else wire_name(value) if kind == "name" else value
    status = record.get("status") if isinstance(record.get("status"), dict) else {}
    result["status_type"] = status.get("status_type")
    result["in_trash"] = bool(record.get("deleted_time"))
    return result


def closed(record):
    """True when the wire release is in the Closure stage."""
    stage = record.get("stage") if isinstance(record.get("stage"), dict) else {}
    return str(stage.get("internal_name") or "").lower() == CLOSURE_STAGE or \
        str(stage.get("name") or "").lower() == "closure"


def several(title, records):
    return ValidationError(
        "title %r is held by %d releases (ids %s); this module manages one release per title, so nothing was "
        "written. Give id to pick one, or key_field with a unique value."
        % (title, len(records), ", ".join(str(r.get("id")) for r in records)))


class Releases:
    """Reads and writes SDP release records."""

    def __init__(self, client):
        self.client = client

    # ----------------------------------------------------------------- reads
    def get(self, release_id, missing_ok=False):
        try:
            return self.client.get("releases/%s" % release_id).get("release")
        except NotFoundError:
            if missing_ok:
                return None
            raise

    def search(self, criteria=None, sort=None, limit=None, filter_by=None, page_size=100, fields=None):
        """A Listing of the releases a ``list_info`` search finds (``fields``: the ``fields_required``)."""
        info = {"get_total_count": True}
        if fields:
            info["fields_required"] = list(fields)
        if criteria:
            info["search_criteria"] = criteria
        if sort:
            info["sort_field"], info["sort_order"] = sort
        if filter_by:
            info["filter_by"] = {"name": filter_by}
        return self.client.listing("releases", "releases", info, limit=limit, page_size=page_size)

    def by_title(self, title, filter_by=None):
        """List items of every release whose title matches ``title`` exactly (after a server search)."""
        wanted = title_key(title)
        criteria = {"field": "title", "condition": "is", "value": " ".join(str(title).split())}
        return [r for r in self.search(criteria, filter_by=filter_by) if title_key(r.get("title")) == wanted]

    @staticmethod
    def title_matches(record, title):
        return title_key(record.get("title")) == title_key(title)

    def related(self, release_id, include):
        """One of INCLUDES for a release: a list for history and status comments, the answer's object otherwise."""
        path, root = INCLUDES[include]
        if include in ("history", "status_comments"):
            return list(self.client.listing("releases/%s/%s" % (release_id, path), root))
        return self.client.get("releases/%s/%s" % (release_id, path)).get(root)

    def lock(self, key):
        """Hold while reading, comparing and writing one release: forks of a run never interleave on it."""
        return self.client.store.locked("record-" + fingerprint(self.client.api_base, "sdp-release", key))

    # ----------------------------------------------------------------- writes
    def create(self, body, title, known_ids):
        """POST ``{"release": body}``; a lost answer is settled by looking the title up before one more try.

        ``known_ids`` are the releases with this title before the create: a new one among them afterwards is ours.
        """
        for attempt in (0, 1):
            try:
                return self.client.request("POST", "releases", {"release": body}).get("release")
            except (TransportError, ServerError) as exc:
                if isinstance(exc, TransportError) and not exc.maybe_sent:
                    raise
                new = [r for r in self.by_title(title) if r.get("id") not in known_ids]
                if new:
                    return self.get(new[0]["id"])
                if attempt:
                    exc.message += (" Looking release %r up afterwards found nothing, so it was not created; the next "
                                    "run creates it." % title)
                    exc.args = (exc.message,)
                    raise
        return None  # pragma: no cover - the loop returns or raises

    def _settled(self, exc, release_id, done):
        """After a lost answer: the record read again if ``done(record)`` says the write took effect, else raise."""
        if isinstance(exc, TransportError) and not exc.maybe_sent:
            raise exc
        record = self.get(release_id, missing_ok=True)
        if done(record):
            return record
        raise exc

    def _write(self, method, path, input_data, release_id, done, root="release"):
        try:
            body = self.client.request(method, path, input_data)
        except (TransportError, ServerError) as exc:
            return self._settled(exc, release_id, done)
        found = body.get(root) if isinstance(body, dict) else None
        if isinstance(found, list):
            found = found[0] if found else None
        return found if isinstance(found, dict) and found.get("id") else self.get(release_id, missing_ok=True)

    def edit(self, release_id, body, done):
        """PUT a partial update (fields not sent are kept); ``done(record)`` settles a lost answer."""
        return self._write("PUT", "releases/%s" % release_id, {"release": body}, release_id, done)

    def assign(self, release_id, engineer, done):
        return self._write("PUT", "releases/assign?ids=%s" % release_id,
                           {"release": {"release_engineer": {"name": engineer}}}, release_id, done, "releases")

    def pickup(self, release_id, done):
        return self._write("PUT", "releases/pickup?ids=%s" % release_id, {}, release_id, done, "releases")

    def close(self, release_id, status, comment):
        data = {"status": status}
        if comment:
            data["comment"] = comment
        return self._write("PUT", "releases/%s/close" % release_id, data, release_id,
                           lambda r: r is not None and closed(r))

    def trash(self, release_id):
        """Move to the trash; gone from the live list (or marked deleted) settles a lost answer."""
        try:
            self.client.request("DELETE", "releases/move_to_trash?ids=%s" % release_id)
        except (TransportError, ServerError) as exc:
            self._settled(exc, release_id, lambda r: r is None or bool(r.get("deleted_time")))

    def restore(self, release_id):
        return self._write("PUT", "releases/restore_from_trash?ids=%s" % release_id, {}, release_id,
                           lambda r: r is not None and not r.get("deleted_time"), "releases")

    def purge(self, release_id):
        """Delete from the trash for good; a 404 afterwards means it is gone as the task wants."""
        try:
            self.client.request("DELETE", "releases/%s" % release_id)
        except NotFoundError:
            return
        except (TransportError, ServerError) as exc:
            self._settled(exc, release_id, lambda r: r is None)
