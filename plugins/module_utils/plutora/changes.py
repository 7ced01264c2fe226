# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Plutora changes: the searchable properties and their types, and reading through the vendor's search."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

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
