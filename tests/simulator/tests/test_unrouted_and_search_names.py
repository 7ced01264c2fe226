# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unknown routes and methods answer in the vendor's error style (sim_core/app.py, the VendorSpec's
``unrouted_body``), never the framework's {"detail": ...}; the change and release searches accept the paging
names of the vendor's search documentation (``Page``, ``PageSize``, ``Limit``) as well as their own."""

import os

import pytest
import requests

from conftest import SIM_DIR  # pylint: disable=import-error
from sim_core.launch import start, stop  # pylint: disable=import-error


def test_unknown_route_is_asp_net_web_api_style(api):
    resp = api.call("GET", "/NoSuchThing/Here?x=1")
    assert resp.status_code == 404 and resp.headers["content-type"] == "application/json; charset=utf-8"
    assert resp.json() == {"message": "No HTTP resource was found that matches the request URI '%s/NoSuchThing/Here?x=1'."
                           % api.url}
    assert "detail" not in api.call("GET", "/releases/x/nothing", auth=False).json()  # routing comes first


def test_unknown_method_is_405_with_allow(api):
    resp = api.call("PATCH", "/releases")
    assert resp.status_code == 405
    assert resp.json() == {"message": "The requested resource does not support http method 'PATCH'."}
    assert set(resp.headers["allow"].replace(" ", "").split(",")) == {"GET", "POST"}
    assert api.call("DELETE", "/lookupfields").json() == {
        "message": "The requested resource does not support http method 'DELETE'."}


def test_well_formed_unknown_ids_still_answer_404_without_a_body(api):
    resp = api.call("GET", "/releases/11111111-2222-3333-4444-555555555555")
    assert resp.status_code == 404 and not resp.content


def test_other_vendors_get_the_core_default():
    proc, info = start(os.path.join(SIM_DIR, "plutora-test-sim"))
    try:
        url = info["api_url"] if "api_url" in info else info[next(k for k in info if k.endswith("url"))]
        resp = requests.get(url + "/no/such/route", timeout=10)
        assert resp.status_code == 404 and "detail" not in resp.json() and resp.json()["message"]
    finally:
        stop(proc)


def change_search(api, body):
    return api.call("POST", "/changes/filter", json=body)


def test_change_search_takes_the_documented_pascal_case_names(api):
    filters = [{"Property": "changeId", "Operator": "LessOrEqual", "Value": "12", "Direction": "ASC"}]
    documented = change_search(api, {"SearchFilters": filters, "Page": 1, "PageSize": 5, "Limit": 11}).json()
    own = change_search(api, {"searchFilters": filters, "pageNum": 1, "recordsPerPage": 5, "limit": 11}).json()
    assert documented == own
    assert (documented["pageNum"], documented["recordsPerPage"], documented["totalCount"]) == (1, 5, 11)
    assert [c["changeId"] for c in documented["resultSet"]] == [6, 7, 8, 9, 10]
    assert change_search(api, {"searchFilters": filters, "page": 2, "pageSize": 5}).json()["resultSet"][0]["changeId"] == 11


@pytest.mark.parametrize("body", [{"Page": 1, "pageNum": 2}, {"PageSize": 5, "recordsPerPage": 6}])
def test_conflicting_paging_names_are_refused(api, body):
    resp = change_search(api, dict(body, searchFilters=[]))
    assert resp.status_code == 400 and resp.json()["modelState"]


def test_agreeing_names_and_release_search(api):
    assert change_search(api, {"searchFilters": [], "Page": 0, "pageNum": 0, "PageSize": 2}).json()["returnCount"] == 2
    releases = api.call("POST", "/releases/filter", json={"SearchFilters": [], "PageSize": 3, "Page": 1}).json()
    assert (releases["pageNum"], releases["returnCount"], releases["totalCount"]) == (1, 3, 12)
