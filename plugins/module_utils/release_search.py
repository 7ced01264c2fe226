# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reading Plutora releases: by id, by identifier(s), or through the vendor's search, page by page."""

from __future__ import absolute_import, division, print_function
from __future__ import annotations

__metaclass__ = type

from ansible_collections.relops.itsm.plugins.module_utils.search import build_search_filters

# Searchable release properties and their value types (plutora-api.md section 3.1).
RELEASE_PROPERTIES = {
    "id": "guid", "identifier": "text", "name": "text", "summary": "text", "location": "text",
    "releaseTypeId": "guid", "releaseType": "text", "releaseStatusTypeId": "guid", "releaseStatusType": "text",
    "releaseRiskLevelId": "guid", "releaseRiskLevel": "text", "implementationDate": "datetime",
    "displayColor": "text", "organizationId": "guid", "organization": "text", "managerId": "guid", "manager": "text",
    "parentReleaseId": "guid", "parentRelease": "text", "plutoraReleaseType": "text", "releaseProjectType": "text",
    "lastModifiedDate": "datetime",
}
# The vendor's GET filter takes at most this many or-ed terms per call in the scripts that use it.
IDENTIFIERS_PER_CALL = 25


def build_release_filters(filters, sort=None):
    """searchFilters for the filters; a sort property goes first, with the sort direction.

    The vendor sorts a search by its filters' properties, so sorting by a property no filter names adds a
    condition every record meets (a date on or after year 1, or not equal to a value no record holds).
    """
    direction = (sort or {}).get("direction") or "ASC"
    result = build_search_filters(filters, RELEASE_PROPERTIES, direction, option="filters")
    if sort and sort.get("property"):
        always = [{"property": sort["property"], "operator": "NotEquals", "value": "\u2400"}]
        key = build_search_filters(always, dict((k, "text") for k in RELEASE_PROPERTIES), direction, option="sort")[0]
        if RELEASE_PROPERTIES[key["property"]] == "datetime":
            key.update(operator="GreaterOrEqual", value="0001-01-01")
        named = [f for f in result if f["property"] == key["property"]]
        first = named[0] if named else key
        first["direction"] = direction.upper()
        result = [first] + [f for f in result if f is not first]
    return result


def _quote(value):
    return "`%s`" % str(value).replace("`", "")


class ReleaseReader:
    """Read-only access to releases."""

    def __init__(self, client):
        self.client = client

    def get(self, release_id):
        return self.client.get("/releases/%s" % release_id)

    def ids_for_identifiers(self, identifiers):
        """Summaries of releases whose identifier is one of ``identifiers``, in as few GET filter calls as allowed."""
        found = []
        for start in range(0, len(identifiers), IDENTIFIERS_PER_CALL):
            chunk = identifiers[start:start + IDENTIFIERS_PER_CALL]
            expression = " or ".join("`identifier` Equals %s" % _quote(i) for i in chunk)
            found.extend(self.client.paged("/releases", {"filter": expression}))
        return found

    def search(self, search_filters, limit=None):
        return self.client.search("/releases/filter", search_filters, limit=limit)

    def systems(self, release_id):
        return self.client.get("/releases/%s/systems" % release_id)

    def additional_information(self, release_id):
        return self.client.get("/releases/%s/additionalInformation" % release_id)
