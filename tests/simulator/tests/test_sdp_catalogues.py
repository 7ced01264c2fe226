# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""SDP lookup catalogues over real HTTP: the ones seen live answer the seed's items, paged with list_info, on both
editions; /groups, /change_risks and release templates/stages/statuses stay 404 "Invalid URL"."""

from sdp_client import refused, sdp, sdp_info  # noqa: F401  pylint: disable=unused-import,import-error


def names(body, root):
    return [i["name"] for i in body[root]]


def test_catalogues_answer_the_seed(sdp):  # noqa: F811
    data = sdp.sim("GET", "data")
    for path, key in (("priorities", "priorities"), ("urgencies", "urgencies"), ("categories", "categories"),
                      ("subcategories", "subcategories"), ("items", "items"), ("sites", "sites"),
                      ("change_types", "release_types"), ("closure_codes", "closure_codes")):
        body = sdp.ok("GET", "/" + path, {"list_info": {"row_count": 100}})
        assert names(body, path) == [i["name"] for i in data["lookups"][key]], path
        assert body["response_status"][0]["status"] == "success"
        assert body["list_info"]["has_more_rows"] is False
    assert sdp.ok("GET", "/priorities")["priorities"][3] == {"color": "#ff0000", "name": "High", "id": "4"}
    assert sdp.ok("GET", "/subcategories")["subcategories"][0]["category"] == {"id": "3"}
    technicians = sdp.ok("GET", "/technicians")["technicians"]
    assert [(t["name"], t["email_id"]) for t in technicians] == [("administrator", "administrator@example.com"),
                                                                 ("Heather Graham", "heather.graham@example.com")]
    requesters = sdp.ok("GET", "/requesters", {"list_info": {"row_count": 100}})["requesters"]
    assert [u["name"] for u in requesters] == [u["name"] for u in data["users"]]
    assert names(sdp.ok("GET", "/departments"), "departments") == ["IT Services", "Finance"]


def test_paging_like_the_release_list(sdp):  # noqa: F811
    first = sdp.ok("GET", "/urgencies", {"list_info": {"row_count": 3, "start_index": 1, "get_total_count": True}})
    assert names(first, "urgencies") == ["Urgent", "High", "Normal"]
    assert first["list_info"] == {"has_more_rows": True, "start_index": 1, "row_count": 3, "total_count": 4}
    rest = sdp.ok("GET", "/urgencies", {"list_info": {"row_count": 3, "start_index": 4}})
    assert names(rest, "urgencies") == ["Low"] and rest["list_info"]["has_more_rows"] is False
    assert names(sdp.ok("GET", "/urgencies", {"list_info": {"row_count": 3, "page": 2}}), "urgencies") == ["Low"]
    assert names(sdp.ok("GET", "/urgencies", {"list_info": {"start_index": 0, "row_count": 1}}),
                 "urgencies") == ["Urgent"]
    refused(sdp.call("GET", "/urgencies", {"list_info": {"row_count": 0}}), 400, 4001, "list_info.row_count")
    refused(sdp.call("GET", "/urgencies", {"rows": 1}), 400, 4000, "rows")


def test_not_served_is_invalid_url(sdp):  # noqa: F811
    for path in ("/groups", "/change_risks", "/release_templates", "/release_stages", "/release_statuses",
                 "/impacts", "/risks"):
        refused(sdp.call("GET", path), 404, 4007)
        assert "Invalid URL" in sdp.call("GET", path).text


def test_auth_and_cloud(sdp):  # noqa: F811
    refused(sdp.call("GET", "/priorities", headers={"Accept": sdp.headers["Accept"]}), 401, 4022)
    cloud = sdp.cloud()
    assert names(cloud.ok("GET", "/sites"), "sites") == ["Headquarters", "London Office", "Chennai"]
    refused(cloud.call("GET", "/groups"), 404, 4007)
