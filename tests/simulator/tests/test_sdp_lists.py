# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""SDP lists over real HTTP: list_info paging and totals, sort, every search_criteria operator with children and
logical operators, filter_by, search_fields, fields_required; the title index answers like a scan."""

import pytest
from sdp_client import MSSQL, refused, sdp, sdp_info  # noqa: F401  pylint: disable=unused-import,import-error


def ids(answer):
    return [r["id"] for r in answer["releases"]]


def test_paging(sdp):  # noqa: F811
    first = sdp.search(row_count=3, get_total_count=True)
    assert first["list_info"] == {"has_more_rows": True, "start_index": 1, "row_count": 3, "sort_field": "id",
                                  "sort_order": "asc", "total_count": 9, "get_total_count": "true"}
    assert ids(first) == ["1", "3", "6"]  # 4 is in the trash
    second = sdp.search(row_count=3, start_index=4)
    last = sdp.search(row_count=3, start_index=7)
    assert ids(second) == ["8", "9", "10"] and ids(last) == ["273", "274", "275"]
    assert last["list_info"]["has_more_rows"] is False and "total_count" not in last["list_info"]
    assert ids(sdp.search(row_count=3, page=2)) == ids(second)
    assert ids(sdp.search(row_count=3, start_index=0)) == ids(first)  # 0 is the first row (9.10)
    assert len(sdp.search()["releases"]) == 9 and sdp.search()["list_info"]["row_count"] == 9  # default 10
    refused(sdp.call("GET", "/releases", {"list_info": {"row_count": 101}}), 400, 4001, "row_count")
    assert len(sdp.search(row_count=100)["releases"]) == 9
    refused(sdp.call("GET", "/releases", {"list_info": {"row_count": "ten"}}), 400, 4001)
    refused(sdp.call("GET", "/releases", {"list_info": {}, "rows": 1}), 400, 4000, "rows")


def test_sort(sdp):  # noqa: F811
    assert ids(sdp.search(sort_field="id", sort_order="desc", row_count=2)) == ["275", "274"]
    by_created = sdp.search(sort_fields=[{"field": "created_time", "order": "desc"}], row_count=3)
    assert ids(by_created)[0] == "275"
    titles = [r["title"] for r in sdp.search(sort_field="title", row_count=100)["releases"]]
    assert titles == sorted(titles, key=str.lower)
    refused(sdp.call("GET", "/releases", {"list_info": {"sort_field": "colour"}}), 400, 4001, "sort_field")


@pytest.mark.parametrize("criterion,expected", [
    ({"field": "title", "condition": "is", "value": MSSQL.upper()}, ["3", "6", "8", "9", "273"]),
    ({"field": "title", "condition": "eq", "value": "email gateway patch"}, ["275"]),
    ({"field": "title", "condition": "is not", "value": MSSQL}, ["1", "10", "274", "275"]),
    ({"field": "title", "condition": "neq", "value": MSSQL}, ["1", "10", "274", "275"]),
    ({"field": "title", "condition": "contains", "value": "mssql"}, ["3", "6", "8", "9", "10", "273"]),
    ({"field": "title", "condition": "not contains", "value": "mssql"}, ["1", "274", "275"]),
    ({"field": "title", "condition": "starts with", "value": "pay"}, ["274"]),
    ({"field": "title", "condition": "ends with", "value": "RELEASE"}, ["10"]),
    ({"field": "priority", "condition": "is", "values": [{"name": "low"}, {"name": "Medium"}]}, ["274", "275"]),
    ({"field": "priority.name", "condition": "=", "value": "medium"}, ["274"]),
    ({"field": "priority", "condition": "is", "value": {"id": "1"}}, ["275"]),
    ({"field": "priority", "condition": "is", "value": None}, ["1"]),
    ({"field": "stage.name", "condition": "is", "value": "Closure"}, ["1"]),
    ({"field": "status", "condition": "is", "value": {"name": "Rejected"}}, ["6", "8", "10", "273"]),
    ({"field": "emergency", "condition": "is", "value": True}, ["275"]),
    ({"field": "services.name", "condition": "is", "value": "Payroll"}, ["274"]),
    ({"field": "udf_fields.udf_char1", "condition": "is", "value": "chg-1042"}, ["274"]),
    ({"field": "created_time", "condition": "greater than", "value": "1735722000000"}, ["275"]),
    ({"field": "created_time", "condition": "gte", "value": "1735722000000"}, ["274", "275"]),
    ({"field": "created_time", "condition": "lesser than", "value": "1585057512478"}, ["8"]),
    ({"field": "created_time", "condition": "lte", "value": "1585057512478"}, ["8", "9"]),
    ({"field": "created_time", "condition": "gt", "value": "1738400400000"}, []),
    ({"field": "created_time", "condition": "lt", "value": "1585056877591"}, ["8"]),
    ({"field": "created_time", "condition": "between", "values": ["1585056877590", "1585058137756"]},
     ["8", "9", "10"]),
    ({"field": "created_time", "condition": "not between", "values": ["1585056877590", "1689315713969"]},
     ["274", "275"]),
])
def test_every_operator(sdp, criterion, expected):  # noqa: F811
    answer = sdp.search(search_criteria=criterion, row_count=100)
    assert ids(answer) == expected
    assert answer["list_info"]["search_criteria"] == criterion


def test_logical_operators_and_children(sdp):  # noqa: F811
    # (A OR B) AND (C OR D), as the older cloud reference writes it.
    criteria = [
        {"field": "priority", "condition": "is", "values": [{"name": "Low"}],
         "children": [{"field": "priority", "condition": "is", "values": [{"name": "Medium"}],
                       "logical_operator": "or"}]},
        {"field": "stage", "condition": "is", "value": {"name": "Testing"}, "logical_operator": "and",
         "children": [{"field": "stage.name", "condition": "is", "value": "Closure", "logical_operator": "or"}]}]
    assert ids(sdp.search(search_criteria=criteria)) == ["275"]
    either = [{"field": "title", "condition": "is", "value": "Email gateway patch"},
              {"field": "title", "condition": "is", "value": "Payroll 4.2 rollout", "logical_operator": "or"}]
    assert ids(sdp.search(search_criteria=either)) == ["274", "275"]
    both = [{"field": "title", "condition": "is", "value": MSSQL},
            {"field": "stage.name", "condition": "is", "value": "planning", "logical_operator": "AND"}]
    assert ids(sdp.search(search_criteria=both)) == ["6", "8", "273"]
    legacy = {"criteria": [{"field_name": "title", "condition": "starts with", "value": "email"}]}
    assert ids(sdp.search(search_criteria=legacy)) == ["275"]


def test_criteria_refusals(sdp):  # noqa: F811
    for criterion in ({"field": "colour", "condition": "is", "value": "x"},
                      {"field": "title", "condition": "like", "value": "x"},
                      {"field": "title", "condition": "is"},
                      {"field": "created_time", "condition": "between", "values": ["1"]},
                      {"field": "title", "condition": "is", "value": "x", "logical_operator": "xor"}):
        refused(sdp.call("GET", "/releases", {"list_info": {"search_criteria": criterion}}), 400, 4001,
                "search_criteria")


def test_filter_by_search_fields_and_fields_required(sdp):  # noqa: F811
    assert ids(sdp.search(filter_by={"name": "trashed_releases"})) == ["4"]
    assert ids(sdp.search(filter_by={"name": "closed_releases"})) == ["1"]
    assert "1" not in ids(sdp.search(filter_by={"name": "open_releases"}))
    refused(sdp.call("GET", "/releases", {"list_info": {"filter_by": {"name": "mine"}}}), 400, 4001, "filter_by")
    found = sdp.search(search_fields={"title": "mssql"}, row_count=100)
    assert ids(found) == ["3", "6", "8", "9", "10", "273"] and found["list_info"]["search_fields"] == {"title": "mssql"}
    narrow = sdp.search(fields_required=["title", "udf_fields", "roles"], row_count=1)["releases"][0]
    assert sorted(narrow) == ["id", "roles", "title", "udf_fields"]
    default = sdp.search(row_count=1)["releases"][0]
    assert "stage" in default and "roles" not in default and "description" not in default
    refused(sdp.call("GET", "/releases", {"list_info": {"fields_required": ["colour"]}}), 400, 4001,
            "fields_required")


def test_title_index_agrees_with_a_scan_after_writes(sdp):  # noqa: F811
    record = sdp.add(title="Renamed later")
    sdp.ok("PUT", "/releases/%s" % record["id"], {"release": {"title": MSSQL}})
    exact = ids(sdp.search(search_criteria={"field": "title", "condition": "is", "value": MSSQL}, row_count=100))
    scan = ids(sdp.search(search_criteria={"field": "title", "condition": "starts with", "value": MSSQL},
                          row_count=100))
    assert exact == [i for i in scan if i != "10"] == ["3", "6", "8", "9", "273", record["id"]]
    assert ids(sdp.search(search_criteria={"field": "title", "condition": "is", "value": "Renamed later"})) == []
