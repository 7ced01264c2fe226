# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Validation of change search filters before anything is sent."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.relops.itsm.plugins.module_utils.plutora.changes import build_change_filters as build_search_filters
from ansible_collections.relops.itsm.plugins.module_utils.plutora.search import camel
from ansible_collections.relops.itsm.plugins.module_utils.core.errors import ValidationError


def test_snake_case_and_case_insensitive_names_become_the_vendors():
    assert camel("last_modified_date") == "lastModifiedDate"
    assert camel("name") == "name"
    assert build_search_filters([
        {"property": "last_modified_date", "operator": "greaterorequal", "value": "2026-01-01"},
        {"property": "NAME", "operator": "Contains", "value": "login", "direction": "desc"},
        {"property": "business_value_score", "operator": "LessThan", "value": 50},
        {"property": "change_status", "value": "Approved"},
    ], "ASC") == [
        {"property": "lastModifiedDate", "operator": "GreaterOrEqual", "value": "2026-01-01", "direction": "ASC"},
        {"property": "name", "operator": "Contains", "value": "login", "direction": "DESC"},
        {"property": "businessValueScore", "operator": "LessThan", "value": "50", "direction": "ASC"},
        {"property": "changeStatusName", "operator": "Equals", "value": "Approved", "direction": "ASC"},
    ]


@pytest.mark.parametrize("item, message", [
    ({"property": "colour", "value": "x"},
     "search_filters[0].property 'colour' is not valid; valid properties: assignedTo, assignedToId,"),
    ({"property": "name", "operator": "Resembles", "value": "x"},
     "search_filters[0].operator 'Resembles' is not valid; valid operators: Contains, Equals, GreaterOrEqual,"),
    ({"property": "business_value_score", "value": "high"},
     "search_filters[0].value 'high' is not a whole number, which property businessValueScore needs"),
    ({"property": "raised_date", "value": "yesterday"},
     "search_filters[0].value 'yesterday' is not a date (YYYY-MM-DD or an ISO 8601 date-time)"),
    ({"property": "organization_id", "value": "Finance"},
     "search_filters[0].value 'Finance' is not a GUID"),
    ({"property": "raised_date", "operator": "Contains", "value": "2026"},
     "search_filters[0]: operator Contains works on text properties only; raisedDate is a datetime"),
    ({"property": "name", "value": None}, "search_filters[0].value is required for property name"),
])
def test_bad_filters_name_the_field_and_the_valid_choices(item, message):
    with pytest.raises(ValidationError) as caught:
        build_search_filters([item])
    assert caught.value.message.startswith(message)


def test_release_sort_keeps_every_filter_and_puts_the_sort_property_first():
    from ansible_collections.relops.itsm.plugins.module_utils.plutora.releases import build_release_filters
    filters = [{"property": "name", "operator": "Contains", "value": "x"},
               {"property": "implementation_date", "operator": "GreaterOrEqual", "value": "2026-12-01"},
               {"property": "implementation_date", "operator": "LessThan", "value": "2027-01-01"}]
    built = build_release_filters(filters, {"property": "implementation_date", "direction": "DESC"})
    assert [(f["property"], f["operator"], f["direction"]) for f in built] == [
        ("implementationDate", "GreaterOrEqual", "DESC"), ("name", "Contains", "DESC"),
        ("implementationDate", "LessThan", "DESC")]
    unsorted = build_release_filters(filters[:1], {"property": "lastModifiedDate", "direction": "ASC"})
    assert unsorted[0] == {"property": "lastModifiedDate", "operator": "GreaterOrEqual", "value": "0001-01-01",
                           "direction": "ASC"}
