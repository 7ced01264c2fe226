# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Request bodies in every media type on every endpoint that takes one (sim_core/body.py): Plutora QE's Cypress
suite sends every call form-encoded with ``FromInternalProxy: true`` (support/api/common.js), nested objects and
arrays written as the ``qs`` library writes them; only text/plain (and other types without a reader) is a 415."""

import urllib.parse

import pytest

from sim_core.body import key_path, nest  # pylint: disable=import-error

QE_HEADERS = {"Content-Type": "application/x-www-form-urlencoded", "FromInternalProxy": "true"}


def qs(value, prefix=""):
    """``value`` as the ``qs`` library encodes it (Cypress sends a form body that way): ``a[0][b]=c``."""
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return [(prefix, "" if value is None else str(value).lower() if isinstance(value, bool) else str(value))]
    pairs = []
    for key, item in items:
        pairs += qs(item, "%s[%s]" % (prefix, key) if prefix else str(key))
    return pairs


def form(api, method, path, body, **kwargs):
    return api.call(method, path, data=urllib.parse.urlencode(qs(body)), headers=dict(QE_HEADERS), **kwargs)


def environment_id(api):
    return api.call("GET", "/environments").json()[0]["id"]


def test_nesting_as_qs_jquery_and_mvc_write_it():
    assert key_path("a[b][0]") == ["a", "b", "0"] and key_path("a.b") == ["a", "b"] and key_path("a[]") == ["a", ""]
    assert nest([("a[0][b]", "1"), ("a[1][b]", "2"), ("c[]", "x"), ("c[]", "y"), ("d.e", "z"), ("", "")]) == {
        "a": [{"b": "1"}, {"b": "2"}], "c": ["x", "y"], "d": {"e": "z"}}
    assert nest([("1[name]", "B"), ("0[name]", "A")]) == [{"name": "A"}, {"name": "B"}]
    assert nest([("10", "k"), ("2", "j")]) == ["j", "k"]  # indexes in number order, not text order


def test_health_check_and_its_queries_take_forms(api):
    env = environment_id(api)
    posted = form(api, "POST", "/environmentHealthCheck", {"environmentId": env, "health": "Online", "testName": "qe"})
    assert posted.status_code == 200 and posted.json()["Data"]["healthStatus"] == "Online"
    history = form(api, "POST", "/environmentHealthCheck/FullHistory", {"environmentId": env})
    assert history.status_code == 200 and "qe" in [r["testName"] for r in history.json()]
    current = form(api, "POST", "/environmentHealthCheck/CurrentStatus", {"environmentIds": [env]})
    assert current.status_code == 200 and current.json()[0]["environmentId"] == env
    assert current.json()[0]["healthStatus"] == "Online"


def test_bulk_changes_take_a_form_array(api):
    before = len(api.sim("GET", "data")["changes"])
    resp = form(api, "POST", "/changes/bulk", [{"name": "Form bulk 1", "businessValueScore": 5}, {"name": "Form bulk 2"}])
    assert resp.status_code == 200 and resp.json() == []
    names = [c["name"] for c in api.sim("GET", "data")["changes"]]
    assert len(names) == before + 2 and names[-2:] == ["Form bulk 1", "Form bulk 2"]
    assert api.sim("GET", "data")["changes"][-2]["businessValueScore"] == 5  # text in a form, a number when stored
    refused = form(api, "POST", "/changes/bulk", [{"name": ""}])
    assert refused.status_code == 400 and len(api.sim("GET", "data")["changes"]) == before + 2


def test_release_systems_and_search_take_forms(api):
    release = api.call("GET", "/releases").json()[0]["id"]
    system = api.call("GET", "/systems").json()[-1]["id"]
    linked = form(api, "POST", "/releases/%s/systems" % release, {"systemId": system, "systemRoleType": "Impact"})
    assert linked.status_code == 201 and linked.json()["systemId"] == system
    found = form(api, "POST", "/releases/filter", {"searchFilters": [
        {"property": "identifier", "operator": "Equals", "value": "PAY-4.2", "direction": "ASC"}],
        "recordsPerPage": 5, "pageNum": 0})
    assert found.status_code == 200
    assert found.json()["totalCount"] == 1 and found.json()["resultSet"][0]["identifier"] == "PAY-4.2"
    assert found.json()["recordsPerPage"] == 5


def test_release_create_and_update_take_forms(api):
    body = api.release_body("FORM-1")
    created = form(api, "POST", "/releases", body)
    assert created.status_code == 201 and created.json()["identifier"] == "FORM-1"
    release = created.json()
    release["name"] = "Renamed by form"
    updated = form(api, "PUT", "/releases/" + release["id"], {k: v for k, v in release.items() if v is not None})
    assert updated.status_code == 204
    assert api.call("GET", "/releases/" + release["id"]).json()["name"] == "Renamed by form"


def test_xml_bodies_are_read(api):
    xml = ("<Change xmlns='http://schemas.datacontract.org/2004/07/Plutora'><Name>From XML</Name>"
           "<BusinessValueScore>7</BusinessValueScore></Change>")
    resp = api.call("POST", "/changes", data=xml, headers={"Content-Type": "application/xml"})
    assert resp.status_code == 201 and resp.json()["name"] == "From XML" and resp.json()["businessValueScore"] == 7
    broken = api.call("POST", "/changes", data="<Change>", headers={"Content-Type": "text/xml"})
    assert broken.status_code == 400 and broken.json()["modelState"] == {"request": ["The request body is not valid XML."]}


@pytest.mark.parametrize("path", ["/environmentHealthCheck", "/environmentHealthCheck/FullHistory",
                                  "/environmentHealthCheck/CurrentStatus", "/changes/bulk", "/releases/filter",
                                  "/changes", "/releases"])
@pytest.mark.parametrize("kind", ["text/plain", "text/csv"])
def test_types_without_a_reader_are_a_415_everywhere(api, path, kind):
    resp = api.call("POST", path, data="name=x", headers={"Content-Type": kind})
    assert resp.status_code == 415
    assert resp.json() == {"message": "The request entity's media type '%s' is not supported for this resource." % kind}
