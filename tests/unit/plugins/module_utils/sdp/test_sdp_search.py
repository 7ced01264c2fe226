# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The search_criteria dialect in option names: fields to vendor paths, conditions and their short forms, value
types, children, and the messages for bad criteria."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.relops.itsm.plugins.module_utils.core.errors import ValidationError
from ansible_collections.relops.itsm.plugins.module_utils.sdp.search import build_criteria, build_sort


def test_fields_conditions_and_values():
    criteria = build_criteria([
        {"field": "priority", "condition": "eq", "values": ["High", "Medium"],
         "children": [{"field": "release_manager", "condition": "is", "value": "Shawn Adams",
                       "logical_operator": "OR"}]},
        {"field": "scheduled_start_time", "condition": "gte", "value": "2020-06-22T10:05:50Z",
         "logical_operator": "and"},
        {"field": "title", "condition": "Contains", "value": "mssql"},
        {"field": "emergency", "condition": "!=", "value": "yes"},
    ])
    assert criteria == [
        {"field": "priority.name", "condition": "is", "values": ["High", "Medium"],
         "children": [{"field": "release_manager.name", "condition": "is", "value": "Shawn Adams",
                       "logical_operator": "or"}]},
        {"field": "scheduled_start_time", "condition": "greater or equal", "value": "1592820350000",
         "logical_operator": "and"},
        {"field": "title", "condition": "contains", "value": "mssql"},
        {"field": "emergency", "condition": "is not", "value": True},
    ]
    assert build_criteria([]) is None
    assert build_sort({"field": "Created_Time", "order": "DESC"}) == ("created_time", "desc")


@pytest.mark.parametrize("items, message", [
    ([{"field": "colour", "value": 1}], "search_criteria[0].field 'colour' is not a searchable release field; valid "
                                        "fields: category, completed_time, created_time, description, emergency, group, "
                                        "id, impact, item, next_review_on, priority, release_engineer, release_manager, "
                                        "release_type, risk, scheduled_end_time, scheduled_start_time, site, stage, "
                                        "status, subcategory, template, title, urgency"),
    ([{"field": "title", "condition": "like", "value": "x"}],
     "search_criteria[0].condition 'like' is not valid; valid conditions: is, is not, greater than, greater or "
     "equal, lesser than, lesser or equal, between, not between, starts with, ends with, contains, not contains (or "
     "their short forms =, !=, eq, neq, gt, gte, lt, lte)"),
    ([{"field": "created_time", "condition": "contains", "value": "2020"}],
     "search_criteria[0]: condition contains works on text and names only; created_time is a date-time"),
    ([{"field": "created_time", "value": "yesterday"}],
     "search_criteria[0].value 'yesterday' is not a date (YYYY-MM-DD) or an ISO 8601 date-time such as "
     "2026-12-12T18:00:00Z"),
    ([{"field": "title"}], "search_criteria[0].value (or values) is required for field title"),
    ([{"field": "created_time", "condition": "between", "values": ["2020-01-01"]}],
     "search_criteria[0]: condition between needs values with exactly two items, the range's ends"),
    ([{"field": "title", "value": "x", "children": [{"field": "id", "value": "abc"}]}],
     "search_criteria[0].children[0].value 'abc' is not a release id (digits), which field id needs"),
    ([{"field": "title", "value": "x", "logical_operator": "xor"}],
     "search_criteria[0].logical_operator 'xor' is not valid; valid: and, or"),
    ([{"field": "title", "value": "x", "colour": 1}],
     "search_criteria[0] has unknown keys colour; valid: field, condition, value, values, logical_operator, children"),
])
def test_bad_criteria(items, message):
    with pytest.raises(ValidationError) as caught:
        build_criteria(items)
    assert str(caught.value) == message


def test_bad_sort():
    with pytest.raises(ValidationError) as caught:
        build_sort({"field": "description"})
    assert str(caught.value) == ("sort.field 'description' is not sortable; valid: created_time, completed_time, "
                                 "scheduled_start_time, scheduled_end_time, id, title, priority, status, stage")
