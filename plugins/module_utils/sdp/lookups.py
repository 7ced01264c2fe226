# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""SDP's catalogues (priorities, statuses, templates, users, user-defined fields ...), read only to check a name a
task is about to write, and matched with the core's one name matcher.

SDP itself takes names case-insensitively on input, so a catalogue is read only when a field changes: an unchanged
release costs no catalogue request. A catalogue is shared with the later tasks and forks of a run through the token
cache directory for ``LOOKUP_TTL`` seconds. A server without a catalogue's endpoint (404) leaves the check to SDP,
whose refusal then names the field.

The paths are those SDP answers live (sdp-api.md section 9, item 11): release types are ``change_types``, people
are read from ``technicians`` and ``requesters`` (one list, each person once). Release templates, stages and
statuses, impacts, risks, groups, services, assets and CIs have no public catalogue (404): SDP checks those.
Subcategory and item names repeat under different parents ("Install" under two subcategories), so for them a
name is checked to exist and SDP resolves it under its parent.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from ansible_collections.relops.itsm.plugins.module_utils.core.errors import NotFoundError, ValidationError
from ansible_collections.relops.itsm.plugins.module_utils.core.filestore import fingerprint
from ansible_collections.relops.itsm.plugins.module_utils.core.lookup import field, find_all, match_one

LOOKUP_TTL = 900
# lookup -> (path or paths, the answer's root key (each path's own when several), what an item is called in messages).
CATALOGUES = {
    "template": ("release_templates", "release_templates", "release template"),
    "stage": ("release_stages", "release_stages", "release stage"),
    "status": ("release_statuses", "release_statuses", "release status"),
    "priority": ("priorities", "priorities", "priority"),
    "impact": ("impacts", "impacts", "impact"),
    "urgency": ("urgencies", "urgencies", "urgency"),
    "risk": ("risks", "risks", "risk"),
    "category": ("categories", "categories", "category"),
    "subcategory": ("subcategories", "subcategories", "subcategory"),
    "item": ("items", "items", "item"),
    "release_type": ("change_types", "change_types", "release type"),
    "group": ("groups", "groups", "support group"),
    "site": ("sites", "sites", "site"),
    "services": ("services", "services", "service"),
    "assets": ("assets", "assets", "asset"),
    "configuration_items": ("cmdb/ci", "cis", "configuration item"),
    "user": (("technicians", "requesters"), None, "user"),
}
# Catalogues whose names repeat under different parents: a name must exist, SDP picks the one under the parent.
PARENTED = ("subcategory", "item")


class Lookups:
    """Names checked against SDP's catalogues, one request per catalogue per run at most."""

    def __init__(self, client, clock=time.time):
        self.client = client
        self._clock = clock
        self._cache = {}
        self._fresh = set()

    def _shared(self, name, fetch, fresh=False):
        """``fetch()``'s answer, from the run's shared copy while it is young, else read (and shared)."""
        store, key = self.client.store, "lookup-" + fingerprint(self.client.api_base, "sdp", name)
        entry = None if fresh else store.read(key)
        try:
            if entry and 0 <= self._clock() - float(entry.get("at", 0)) < LOOKUP_TTL:
                return entry.get("items")
        except (TypeError, ValueError):
            pass
        items = fetch()
        store.write(key, {"at": self._clock(), "items": items})
        self._fresh.add(name)
        return items

    def _catalogue(self, kind, fresh=False):
        """The catalogue (a list, or None when the server has no such endpoint)."""
        paths, root, _what = CATALOGUES[kind]
        paths = (paths,) if isinstance(paths, str) else paths

        def fetch():
            found, ids, served = [], set(), False
            for path in paths:
                try:
                    items = list(self.client.listing(path, root or path))
                except NotFoundError:
                    continue
                served = True
                for item in items:
                    if item.get("id") is None or str(item["id"]) not in ids:
                        ids.add(str(item.get("id")))
                        found.append(item)
            return found if served else None
        return self._shared(kind, fetch, fresh)

    def table(self, kind):
        if kind not in self._cache:
            self._cache[kind] = self._catalogue(kind)
        return self._cache[kind]

    def match(self, kind, value, option):
        """The catalogue item ``value`` names, or None when the server has no catalogue (SDP checks it then)."""
        names = [field("name"), field("internal_name")] if kind in ("stage", "status") else [field("name")]
        if kind == "user":
            names = [field("name"), field("email_id")]
        what = CATALOGUES[kind][2]

        def pick(items):
            if items is None:
                return None
            if kind in PARENTED and not find_all(items, value, [], "id"):
                items = list(dict((str(i.get("name")).strip().lower(), i) for i in reversed(items)).values())
            return match_one(items, value, option, what, names,
                             hint=" (give the name or the e-mail)" if kind == "user" else "")
        try:
            return pick(self.table(kind))
        except ValidationError:
            if kind in self._fresh:
                raise
            self._cache[kind] = self._catalogue(kind, fresh=True)
            return pick(self._cache[kind])

    def status(self, value, option, stage=None):
        """A release status by name or internal name; with ``stage`` (an internal name), one of that stage's."""
        items = self.table("status")
        if items is None:
            return None
        if stage is not None:
            stages = self.table("stage") or []
            ids = [s.get("id") for s in stages if str(s.get("internal_name")).lower() == stage]
            items = [i for i in items if (i.get("stage") or {}).get("id") in ids]
        names = [field("internal_name"), field("name")]
        return match_one(items, value, option, "closure status" if stage else "release status", names,
                         shown=field("internal_name"))

    def udf_definitions(self):
        """User-defined release fields as ``{display name lower-case: {name, display_name, type}}`` (metainfo)."""
        if "udf" not in self._cache:
            self._cache["udf"] = self._shared("releases/_metainfo", self._read_udfs)
        return dict((str(i.get("display_name") or i.get("name")).lower(), i) for i in self._cache["udf"] or [])

    def _read_udfs(self):
        body = self.client.get("releases/_metainfo")
        fields = ((body.get("metainfo") or {}).get("fields") or {}).get("udf_fields") or {}
        items = fields.get("fields") if isinstance(fields, dict) else fields
        if isinstance(items, dict):
            items = [dict(v, name=v.get("name") or k) for k, v in items.items()]
        return [i for i in items or [] if isinstance(i, dict)]
