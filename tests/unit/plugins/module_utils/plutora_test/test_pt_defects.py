# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Defect search filters (checked before sending), the record shape, and the record API against the simulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.relops.itsm.plugins.module_utils.core import errors
from ansible_collections.relops.itsm.plugins.module_utils.plutora_test.defects import Defects, build_filters, simple


def test_filters_in_option_names():
    assert build_filters([
        {"property": "status", "operator": "notwithin", "value": ["Closed", "Rejected"]},
        {"property": "created_date", "operator": "GreaterOrEqual", "value": "2026-10-01T02:00:00+02:00",
         "direction": "desc"},
        {"property": "DisplayId", "operator": "IsWithin", "value": "DEF-1001, DEF-1002"},
    ]) == [
        {"Property": "Status", "Operator": "NotWithin", "Value": "Closed,Rejected", "Direction": "ASC"},
        {"Property": "CreatedDate", "Operator": "GreaterOrEqual", "Value": "2026-10-01T00:00:00", "Direction": "DESC"},
        {"Property": "DisplayId", "Operator": "IsWithin", "Value": "DEF-1001,DEF-1002", "Direction": "ASC"},
    ]


@pytest.mark.parametrize("item, message", [
    ({"property": "Root Cause", "value": "x"},
     "filters[0].property 'Root Cause' is not a main defect field; valid properties: id, display_id, name"),
    ({"property": "name", "operator": "Like", "value": "x"},
     "filters[0].operator 'Like' is not valid; valid operators: Equals, NotEquals"),
    ({"property": "id", "operator": "Contains", "value": "x"},
     "filters[0]: operator Contains works on text properties only; id is a GUID"),
    ({"property": "created_date", "value": "yesterday"}, "filters[0].value 'yesterday' is not a date"),
    ({"property": "id", "value": "DEF-1"}, "filters[0].value 'DEF-1' is not a GUID"),
    ({"property": "name", "value": None}, "filters[0].value is required for property name"),
    ({"property": "name", "value": ["a", "b"]}, "filters[0].value must be a single value for operator Equals"),
    ({"property": "status", "operator": "IsWithin", "value": " , "},
     "filters[0]: operator IsWithin needs at least one value"),
])
def test_bad_filters(item, message):
    with pytest.raises(errors.ValidationError) as caught:
        build_filters([item])
    assert str(caught.value).startswith(message)


def test_simple_shape():
    record = {"Id": "i", "DisplayId": "DEF-1", "Name": "n", "Description": "d", "Status": {"Id": "s", "Value": "Open"},
              "Severity": {"Value": "High"}, "Priority": None, "Fields": [{"Name": "Root Cause", "Value": "x"},
                                                                          {"Name": "Count", "Value": 2}],
              "Releases": [{"Id": "r", "Identifier": "PAY-4.2", "Name": "Payments"}]}
    assert simple(record) == {"id": "i", "display_id": "DEF-1", "name": "n", "description": "d", "status": "Open",
                              "severity": "High", "priority": None,
                              "releases": [{"id": "r", "identifier": "PAY-4.2", "name": "Payments"}],
                              "custom_fields": {"Root Cause": "x", "Count": 2}, "created_date": None,
                              "last_modified_date": None}


def test_reads_and_update(pt_sim, make_pt_client):
    api = Defects(make_pt_client())
    by_display = api.by_display_id("DEF-1003")
    assert api.by_id(by_display["Id"].upper()) == by_display
    with pytest.raises(errors.NotFoundError) as caught:
        api.by_display_id("DEF-9999")
    assert str(caught.value) == "Plutora Test has no defect with display id 'DEF-9999'."
    with pytest.raises(errors.NotFoundError):
        api.by_id("00000000-0000-0000-0000-000000000000")
    updated = api.update(by_display["Id"], {"Name": "Renamed"})
    assert updated["Name"] == "Renamed" and pt_sim.defect("DEF-1003")["Name"] == "Renamed"


def test_search_reads_every_page(pt_sim, make_pt_client):
    client = make_pt_client()
    listing = Defects(client).search([], page_size=7)
    records = list(listing)
    assert len(records) == 30 and len({r["Id"] for r in records}) == 30 and listing.total == 30
    assert client.calls == 1 + 5
    limited = Defects(client).search([], limit=8, page_size=7)
    assert len(list(limited)) == 8


def test_search_by_release_ids(pt_sim, make_pt_client):
    api = Defects(make_pt_client())
    found = list(api.search(build_filters([{"property": "status", "value": "Closed"}]),
                            ["1e0b9631-43db-5402-ba11-ae94bd2de18d"]))
    assert sorted(d["DisplayId"] for d in found) == ["DEF-1007", "DEF-1008"]
