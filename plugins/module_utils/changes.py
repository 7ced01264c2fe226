# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Plutora changes: the searchable properties, their types, and the vendor's search request."""

from __future__ import absolute_import, division, print_function
from __future__ import annotations

__metaclass__ = type

import datetime
import re

from ansible_collections.relops.itsm.plugins.module_utils.errors import ValidationError

# Searchable change properties and their value types (plutora-api.md section 5.1).
CHANGE_PROPERTIES = {
    "id": "guid",
    "name": "text",
    "changeId": "integer",
    "changePriorityId": "guid",
    "changePriority": "text",
    "changeStatusId": "guid",
    "changeStatus": "text",
    "changeTypeId": "guid",
    "changeType": "text",
    "changeDeliveryRiskId": "guid",
    "changeDeliveryRisk": "text",
    "changeThemeId": "guid",
    "changeTheme": "text",
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

OPERATORS = ("Equals", "NotEquals", "Contains", "NotContains", "GreaterThan", "GreaterOrEqual", "LessThan",
             "LessOrEqual")
_TEXT_ONLY = ("Contains", "NotContains")
_GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
VENDOR_LIMIT = 10000


def camel(name):
    """``last_modified_date`` -> ``lastModifiedDate``; camelCase passes through."""
    head, _sep, tail = name.partition("_")
    if not tail:
        return name
    return head + "".join(part[:1].upper() + part[1:] for part in tail.split("_"))


def _canonical(value, choices, what, index):
    for choice in choices:
        if str(value).lower() == choice.lower():
            return choice
    raise ValidationError("search_filters[%d].%s %r is not valid; valid %s: %s"
                          % (index, what, value, "properties" if what == "property" else what + "s", ", ".join(sorted(choices, key=str.lower))))


def _check_value(prop, kind, operator, value, index):
    where = "search_filters[%d].value" % index
    if operator in _TEXT_ONLY and kind != "text":
        raise ValidationError("search_filters[%d]: operator %s works on text properties only; %s is a %s"
                              % (index, operator, prop, kind))
    if value is None:
        raise ValidationError("%s is required for property %s" % (where, prop))
    text = str(value)
    if kind == "integer":
        if isinstance(value, bool) or not re.match(r"^-?\d+$", text):
            raise ValidationError("%s %r is not a whole number, which property %s needs" % (where, value, prop))
    elif kind == "guid":
        if not _GUID.match(text):
            raise ValidationError("%s %r is not a GUID (like 9d18a2dc-b694-4b20-971f-4944420f4038), which property %s "
                                  "needs" % (where, value, prop))
    elif kind == "datetime":
        if isinstance(value, (datetime.date, datetime.datetime)):
            return value.isoformat()
        try:
            datetime.datetime.strptime(text[:10], "%Y-%m-%d")
        except ValueError:
            raise ValidationError("%s %r is not a date (YYYY-MM-DD or an ISO 8601 date-time), which property %s needs"
                                  % (where, value, prop))
    return text


def build_search_filters(filters, direction="ASC"):
    """Validate user filters and return the vendor's ``searchFilters`` list."""
    result = []
    for index, item in enumerate(filters or []):
        prop = _canonical(camel(str(item.get("property") or "")), list(CHANGE_PROPERTIES), "property", index)
        operator = _canonical(item.get("operator") or "Equals", OPERATORS, "operator", index)
        value = _check_value(prop, CHANGE_PROPERTIES[prop], operator, item.get("value"), index)
        result.append({"property": prop, "operator": operator, "value": value,
                       "direction": (item.get("direction") or direction).upper()})
    return result


class ChangeSearch:
    """Reads changes through ``POST /changes/filter``, page by page."""

    def __init__(self, client):
        self.client = client

    def get(self, change_id):
        return self.client.get("/changes/%s" % change_id)

    def one_page(self, search_filters, page, page_size, limit=VENDOR_LIMIT):
        body = {"searchFilters": search_filters, "recordsPerPage": page_size, "pageNum": page, "limit": limit}
        result = self.client.request("POST", "/changes/filter", json=body, idempotent=True).body or {}
        return result.get("resultSet") or [], result.get("totalCount")

    def all(self, search_filters, limit=VENDOR_LIMIT, page_size=100):
        records = list(self.client.search("/changes/filter", search_filters, limit=limit, page_size=page_size,
                                          extra={"limit": limit}))
        return records, self.client.last_total
