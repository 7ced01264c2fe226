# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Plutora's name <-> id tables (lookup fields, organisations, users, systems, custom-field definitions), matched
with the core's one name matcher.

Release custom-field definitions are learnt as the vendor's own scripts learn them (``CSV-proj-import.js``): from the
custom fields of a release of the tenant, ``GET /releases?pageNum=0&recordsPerPage=1`` and then
``GET /releases/{id}/additionalInformation``, values blanked. No public source shows an endpoint of definitions.

A table is read at most once per task, and shared with the later tasks and forks of a run through the token cache
directory for ``LOOKUP_TTL`` seconds, so a run pays for each table once, not once per task. A name that a shared
table does not hold makes the table be read again before the task fails, so a value added meanwhile is found.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from ansible_collections.relops.itsm.plugins.module_utils.core.errors import ValidationError
from ansible_collections.relops.itsm.plugins.module_utils.core.filestore import fingerprint
from ansible_collections.relops.itsm.plugins.module_utils.core.lookup import field, match_one
from ansible_collections.relops.itsm.plugins.module_utils.plutora.releases import blank_custom_item

LOOKUP_TTL = 900
# The shared-table name of the release custom-field definitions (read from a release, not from one path).
CUSTOM_FIELDS = "/releases/{first}/additionalInformation"


def full_name(user):
    return ("%s %s" % (user.get("firstName") or "", user.get("lastName") or "")).strip()


class Lookups:
    """Names to ids, one request per table per task."""

    def __init__(self, client, clock=time.time):
        self.client = client
        self._clock = clock
        self._cache = {}
        self._fresh = set()

    def _table(self, path):
        if path not in self._cache:
            self._cache[path] = self._shared(path)
        return self._cache[path]

    def _shared(self, path, fresh=False, load=None):
        """The table from the run's shared copy while it is young, else from the API (and shared); ``load()``
        reads it when it is not the answer of a GET of ``path``."""
        store, name = self.client.store, "lookup-" + fingerprint(self.client.api_url, path)
        entry = None if fresh else store.read(name)
        try:
            if entry and isinstance(entry.get("items"), list) and \
                    0 <= self._clock() - float(entry.get("at", 0)) < LOOKUP_TTL:
                return entry["items"]
        except (TypeError, ValueError):
            pass
        items = (load() if load else self.client.get(path)) or []
        store.write(name, {"at": self._clock(), "items": items})
        self._fresh.add(path)
        return items

    def _match(self, path, match):
        """``match(items)`` on the table; a miss on a shared copy reads the table anew once."""
        try:
            return match(self._table(path))
        except ValidationError:
            if path in self._fresh:
                raise
            self._cache[path] = self._shared(path, fresh=True)
            return match(self._cache[path])

    def value(self, kind, value, option):
        """A lookup value (``ReleaseType`` ...) by name or id."""
        return self._match("/lookupfields/" + kind, lambda items: match_one(
            items, value, option, "Plutora " + kind, [field("value")]))

    def organization(self, value, option="organization"):
        return self._match("/organizations", lambda items: match_one(
            items, value, option, "Plutora organization", [field("name")]))

    def user(self, value, option="manager"):
        """A user by login e-mail, by "First Last", or by id."""
        return self._match("/users", lambda items: match_one(
            items, value, option, "Plutora user", [field("userName"), full_name],
            hint=" (give the login e-mail or the full name)"))

    def system(self, value, option):
        return self._match("/systems", lambda items: match_one(
            items, value, option, "Plutora system", [field("name")]))

    def systems(self):
        """Every system (the table ``system`` matches in)."""
        return self._table("/systems")

    def custom_fields(self):
        """Release custom-field definitions: the custom fields of the tenant's first release, values blanked.

        Two requests, shared with the later tasks and forks of a run like every table. Only a task that sets
        custom fields on a release not yet holding any (a create) needs them: an existing release's own items are
        its definitions.
        """
        if CUSTOM_FIELDS not in self._cache:
            self._cache[CUSTOM_FIELDS] = self._shared(CUSTOM_FIELDS, load=self._template_fields)
        return self._cache[CUSTOM_FIELDS]

    def _template_fields(self):
        first = list(self.client.paged("/releases", limit=1, page_size=1))
        if not first:
            raise ValidationError(
                "additional_information: the tenant has no release to learn its custom fields from (Plutora shows "
                "them only on a release); create this release without additional_information, then set them")
        items = self.client.get("/releases/%s/additionalInformation" % first[0]["id"]) or []
        return [blank_custom_item(item) for item in items]
