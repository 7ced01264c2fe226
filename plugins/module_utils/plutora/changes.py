# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Plutora changes: the searchable properties and their types, and reading through the vendor's search."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.relops.itsm.plugins.module_utils.core.fields import Field, FieldTable
from ansible_collections.relops.itsm.plugins.module_utils.plutora.release_fields import SYSTEM_LINK, custom_values_by_name
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

# A change as change_search returns it: each field under the snake_case name its search_filters property takes
# (``change_status`` finds ``changeStatusName``), dates in UTC with a ``Z``; the ids behind the names only in raw.
CHANGE = FieldTable("change", [
    Field(None, "id", shown_as="id"),
    Field(None, "changeId", shown_as="change_id"),
    Field(None, "name", shown_as="name"),
    Field(None, "changeStatusName", shown_as="change_status"),
    Field(None, "changeTypeName", shown_as="change_type"),
    Field(None, "changePriorityName", shown_as="change_priority"),
    Field(None, "changeDeliveryRiskName", shown_as="change_delivery_risk"),
    Field(None, "changeThemeName", shown_as="change_theme"),
    Field(None, "organization", shown_as="organization"),
    Field(None, "raisedBy", shown_as="raised_by"),
    Field(None, "raisedDate", compare="date", shown_as="raised_date"),
    Field(None, "assignedTo", shown_as="assigned_to"),
    Field(None, "businessValueScore", shown_as="business_value_score"),
    Field(None, "expectedDeliveryDate", compare="date", shown_as="expected_delivery_date"),
    Field(None, "description", shown_as="description"),
    Field(None, "lastModifiedDate", compare="date", shown_as="last_modified_date"),
    Field(None, "lastModifiedBy", shown_as="last_modified_by"),
])


def change_options(record):
    """A change in the names change_search's filters take; custom fields as a name -> value map and systems by
    name, when the record carries them."""
    result = CHANGE.to_options(record)
    if record.get("additionalInformation") is not None:
        result["additional_information"] = custom_values_by_name(record["additionalInformation"])
    if record.get("systems") is not None:
        result["systems"] = [SYSTEM_LINK.to_options(link) for link in record["systems"]]
    return result


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
