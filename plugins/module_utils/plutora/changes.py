# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Plutora changes: the searchable properties and their types, reading one or through the vendor's search, and
the changes a release delivers with their full records."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.relops.itsm.plugins.module_utils.core.errors import ValidationError
from ansible_collections.relops.itsm.plugins.module_utils.core.normalize import GUID
from ansible_collections.relops.itsm.plugins.module_utils.plutora.release_changes import ReleaseChanges
from ansible_collections.relops.itsm.plugins.module_utils.plutora.releases import Releases
from ansible_collections.relops.itsm.plugins.module_utils.plutora.search import build_search_filters, camel

# Searchable change properties and their value types (plutora-api.md section 5.1).
CHANGE_PROPERTIES = {
    "id": "guid",
    "name": "text",
    "changeId": "integer",
    "changePriorityId": "guid",
    "changePriorityName": "text",
    "changeStatusId": "guid",
    "changeStatusName": "text",
    "changeTypeId": "guid",
    "changeTypeName": "text",
    "changeDeliveryRiskId": "guid",
    "changeDeliveryRiskName": "text",
    "changeThemeId": "guid",
    "changeThemeName": "text",
    "organizationId": "guid",
    "organization": "text",
    "raisedById": "guid",
    "raisedBy": "text",
    "raisedDate": "datetime",
    "assignedToId": "guid",
    "assignedTo": "text",
    "businessValueScore": "integer",
    "expectedDeliveryDate": "datetime",
    "description": "text",
    "descriptionSimple": "text",
    "lastModifiedDate": "datetime",
    "lastModifiedBy": "text",
}

VENDOR_LIMIT = 10000

# The 2019 names of the display fields, which current responses call ...Name (plutora-api.md 5.1).
ALIASES = dict((old, old + "Name") for old in ("changePriority", "changeStatus", "changeType", "changeDeliveryRisk",
                                               "changeTheme"))


def build_change_filters(filters, direction="ASC"):
    """Validate change search filters and return the vendor's ``searchFilters`` list."""
    filters = [dict(f, property=ALIASES.get(camel(str(f.get("property") or "")), f.get("property")))
               for f in filters or []]
    return build_search_filters(filters, CHANGE_PROPERTIES, direction)


class Changes:
    """Reads changes: one by id, or through ``POST /changes/filter``, page by page."""

    def __init__(self, client):
        self.client = client

    def get(self, change_id):
        return self.client.get("/changes/%s" % change_id)

    def page(self, search_filters, page, page_size, limit=VENDOR_LIMIT):
        """One page of a search: (records, the vendor's total)."""
        body = {"searchFilters": search_filters, "recordsPerPage": page_size, "pageNum": page, "limit": limit}
        result = self.client.request("POST", "/changes/filter", json=body, idempotent=True).body or {}
        return result.get("resultSet") or [], result.get("totalCount")

    def search(self, search_filters, limit=VENDOR_LIMIT, page_size=100):
        """A Listing of every change the search finds, up to ``limit`` (``total`` after reading)."""
        return self.client.search("/changes/filter", search_filters, limit=limit, page_size=page_size,
                                  extra={"limit": limit})

    def release_id(self, release, option="release"):
        """The id of the release ``release`` names: its id (a GUID), or its identifier."""
        text = str(release or "").strip()
        if GUID.match(text):
            return text
        summary = Releases(self.client).find_summary(text)
        if summary is None:
            raise ValidationError("%s %r matches no release identifier (give a release's identifier or id)"
                                  % (option, release))
        return summary["id"]

    def of_release(self, release_id, search_filters=None, limit=VENDOR_LIMIT, page_size=100):
        """The full records of the changes the release delivers, in the release's order.

        Without filters: the release's list (``GET /releases/{id}/changes``), then each change's record. With
        filters: the vendor's search, keeping the changes the release delivers (the search has no "any of these
        ids" condition that public clients show working).
        """
        delivered = ReleaseChanges(self.client).of_release(release_id)
        if not search_filters:
            return [self.get(item["id"]) for item in delivered[:limit]]
        wanted = set(str(item["id"]).lower() for item in delivered)
        found = []
        if wanted:
            for change in self.search(search_filters, VENDOR_LIMIT, page_size):
                if str(change.get("id")).lower() in wanted:
                    found.append(change)
                    if len(found) >= limit:
                        break
        return found
