# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Plutora's name <-> id tables (lookup fields, organisations, users, systems, custom-field definitions), each read
at most once per task and matched with the core's one name matcher."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.relops.itsm.plugins.module_utils.core.lookup import field, match_one


def full_name(user):
    return ("%s %s" % (user.get("firstName") or "", user.get("lastName") or "")).strip()


class Lookups:
    """Names to ids, one request per table per task."""

    def __init__(self, client):
        self.client = client
        self._cache = {}

    def _table(self, key, path):
        if key not in self._cache:
            self._cache[key] = self.client.get(path) or []
        return self._cache[key]

    def value(self, kind, value, option):
        """A lookup value (``ReleaseType`` ...) by name or id."""
        items = self._table(kind, "/lookupfields/" + kind)
        return match_one(items, value, option, "Plutora " + kind, [field("value")])

    def organization(self, value, option="organization"):
        items = self._table("organizations", "/organizations")
        return match_one(items, value, option, "Plutora organization", [field("name")])

    def user(self, value, option="manager"):
        """A user by login e-mail, by "First Last", or by id."""
        items = self._table("users", "/users")
        return match_one(items, value, option, "Plutora user", [field("userName"), full_name],
                         hint=" (give the login e-mail or the full name)")

    def system(self, value, option):
        items = self._table("systems", "/systems")
        return match_one(items, value, option, "Plutora system", [field("name")])

    def fields(self):
        """Release custom field definitions with their list items."""
        return self._table("fields", "/additionalInformation/Release")

    def definitions(self):
        """Custom field definitions by lower-case name."""
        return dict((d["name"].lower(), d) for d in self.fields())
