# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The release record API: find by identifier, get, create, whole-object update, delete, systems, custom fields,
and the name <-> id lookups a release needs, each read at most once per task."""

from __future__ import absolute_import, division, print_function
from __future__ import annotations

__metaclass__ = type

from ansible_collections.relops.itsm.plugins.module_utils.errors import NotFoundError, ValidationError
from ansible_collections.relops.itsm.plugins.module_utils.release_state import VALUE_KEYS

# Fields a PUT must carry (the vendor clears what it is not sent), with their id-bearing names.
WRITABLE = ("identifier", "name", "summary", "releaseTypeId", "location", "releaseStatusTypeId", "releaseRiskLevelId",
            "implementationDate", "displayColor", "organizationId", "managerId", "parentReleaseId",
            "plutoraReleaseType", "releaseProjectType")


def custom_values(items):
    """The custom fields of a record that hold a value, in the form a write takes: ``{id, <value property>}``."""
    values = []
    for item in items or []:
        key = VALUE_KEYS.get(item.get("dataType"), "text")
        value = item.get(key)
        if value in (None, [], ""):
            continue
        if key == "listItem":
            value = {"id": value["id"]}
        elif key == "multiListItem":
            value = [{"id": v["id"]} for v in value]
        values.append({"id": item["id"], key: value})
    return values


def _choices(values):
    return ", ".join(sorted(set(v for v in values if v), key=str.lower)) or "(none)"


class Lookups:
    """Names to ids, one request per table per task."""

    def __init__(self, client):
        self.client = client
        self._cache = {}

    def _table(self, key, path):
        if key not in self._cache:
            self._cache[key] = self.client.get(path)
        return self._cache[key]

    def value(self, kind, value, option):
        """Id of a lookup value (``ReleaseType`` ...) by name, case-insensitively; the item itself."""
        items = self._table(kind, "/lookupfields/" + kind)
        for item in items:
            if str(item.get("value", "")).lower() == str(value).strip().lower() or item.get("id") == value:
                return item
        raise ValidationError("%s %r is not a Plutora %s; valid: %s"
                              % (option, value, kind, _choices(i.get("value") for i in items)))

    def organization(self, value, option="organization"):
        items = self._table("organizations", "/organizations")
        for item in items:
            if item["name"].lower() == str(value).strip().lower() or item["id"] == value:
                return item
        raise ValidationError("%s %r is not a Plutora organization; valid: %s"
                              % (option, value, _choices(i["name"] for i in items)))

    def user(self, value, option="manager"):
        """A user by login e-mail, by "First Last", or by id."""
        items = self._table("users", "/users")
        wanted = str(value).strip().lower()
        for item in items:
            full = ("%s %s" % (item.get("firstName") or "", item.get("lastName") or "")).strip().lower()
            if wanted in ((item.get("userName") or "").lower(), full, item["id"]):
                return item
        raise ValidationError("%s %r is not a Plutora user (give the login e-mail or the full name); valid: %s"
                              % (option, value, _choices(i.get("userName") for i in items)))

    def system(self, value, option):
        items = self._table("systems", "/systems")
        matches = [i for i in items if i["name"].lower() == str(value).strip().lower() or i["id"] == value]
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise ValidationError("%s %r names %d Plutora systems (%s); give its id instead"
                                  % (option, value, len(matches), ", ".join(m["id"] for m in matches)))
        raise ValidationError("%s %r is not a Plutora system; valid: %s"
                              % (option, value, _choices(i["name"] for i in items)))

    def fields(self):
        """Release custom field definitions with their list items."""
        return self._table("fields", "/additionalInformation/Release")


class Releases:
    """Reads and writes release records."""

    def __init__(self, client):
        self.client = client

    def summaries(self, identifier):
        """List items of every release whose identifier is exactly ``identifier`` (one filtered GET)."""
        items = self.client.paged("/releases", {"filter": "`identifier` Equals `%s`" % str(identifier).replace("`", "")})
        return [s for s in items if s.get("identifier") == identifier]

    def find(self, identifier):
        """The full record of the release with this identifier, or None; fails if the server holds several."""
        summaries = self.summaries(identifier)
        if len(summaries) > 1:
            raise ValidationError(
                "identifier %r is held by %d releases on the server (ids %s); this module manages one release per "
                "identifier, so nothing was written. Give the id of the one to manage, or remove the duplicate."
                % (identifier, len(summaries), ", ".join(s["id"] for s in summaries)))
        return self.get(summaries[0]["id"]) if summaries else None

    def ensure_identifier_free(self, identifier, release_id):
        """Fail, naming both ids, if another release than ``release_id`` already holds ``identifier``."""
        others = [s["id"] for s in self.summaries(identifier) if s["id"] != release_id]
        if others:
            raise ValidationError(
                "identifier %r is already held by release %s, so release %s cannot take it; nothing was written"
                % (identifier, ", ".join(others), release_id))

    def get(self, release_id, missing_ok=False):
        try:
            return self.client.get("/releases/%s" % release_id)
        except NotFoundError:
            if missing_ok:
                return None
            raise

    def create(self, body):
        return self.client.request("POST", "/releases", json=body).body

    def update(self, record, changes, custom_items=None):
        """PUT the whole object: the current values of every writable field, overlaid with ``changes``.

        The current custom-field values go along too (overlaid with ``custom_items``): the vendor's scripts PUT back
        the record they read, and a PUT that leaves a field out may clear it.
        """
        body = dict((key, record.get(key)) for key in WRITABLE)
        body.update(changes)
        body["id"] = record["id"]
        items = dict((item["id"], item) for item in custom_values(record.get("additionalInformation")))
        for item in custom_items or []:
            items[item["id"]] = item
        body["additionalInformation"] = list(items.values())
        self.client.request("PUT", "/releases/%s" % record["id"], json=body)

    def delete(self, release_id):
        self.client.request("DELETE", "/releases/%s" % release_id)

    def set_custom_fields(self, release_id, items):
        self.client.request("PUT", "/releases/%s/additionalInformation" % release_id, json=items)

    def systems(self, release_id):
        return self.client.get("/releases/%s/systems" % release_id) or []

    def add_system(self, release_id, link):
        self.client.request("POST", "/releases/%s/systems" % release_id, json=link)

    def update_system(self, release_id, link):
        self.client.request("PUT", "/releases/%s/systems/%s" % (release_id, link["systemId"]), json=link)

    def remove_system(self, release_id, system_id):
        self.client.request("DELETE", "/releases/%s/systems/%s" % (release_id, system_id))
