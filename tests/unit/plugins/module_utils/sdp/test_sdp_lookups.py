# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""SDP names checked against the catalogues the simulator serves as SDP does live (issue 12): an unknown name is
refused naming the option and listing the valid names, each catalogue is read once (and shared through the token
cache), an unchanged name reads none, and a catalogue SDP does not serve (404) leaves the check to SDP."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.relops.itsm.plugins.module_utils.core.errors import ValidationError
from ansible_collections.relops.itsm.plugins.module_utils.sdp.lookups import Lookups
from ansible_collections.relops.itsm.plugins.module_utils.sdp.release_plan import plan_release

RECORD = {"id": "8", "title": "T", "priority": {"name": "High", "id": "4"}, "category": {"name": "Software"},
          "release_manager": {"name": "Shawn Adams", "email_id": "shawn.adams@example.com"}}


def reads(sdp_sim):
    return [p.rsplit("/", 1)[-1] for m, p in sdp_sim.api_requests() if m == "GET" and "/oauth" not in p]


def refused(lookups, kind, value, option):
    with pytest.raises(ValidationError) as caught:
        lookups.match(kind, value, option)
    return str(caught.value)


@pytest.mark.parametrize("kind, option, value, message", [
    ("priority", "priority", "Hgh", "priority 'Hgh' is not a priority; valid: High, Low, Medium, Normal"),
    ("urgency", "urgency", "Later", "urgency 'Later' is not an urgency; valid: High, Low, Normal, Urgent"),
    ("category", "category", "Printers",
     "category 'Printers' is not a category; valid: Hardware, Network, Operating System, Software"),
    ("subcategory", "subcategory", "Excel",
     "subcategory 'Excel' is not a subcategory; valid: Database, IE 7, MS Office, Router, Server, Windows"),
    ("item", "item", "Remove", "item 'Remove' is not an item; valid: Install, Patch, Replace, Upgrade"),
    ("site", "site", "Paris", "site 'Paris' is not a site; valid: Chennai, Headquarters, London Office"),
    ("release_type", "release_type", "Huge",
     "release_type 'Huge' is not a release type; valid: Emergency, Major, Minor, Standard"),
    ("user", "release_engineer", "Nobody",
     "release_engineer 'Nobody' is not a user (give the name or the e-mail); valid: Aditya S, administrator, Guest, "
     "Heather Graham, Howard Stern, Jeniffer Doe, Shawn Adams"),
])
def test_unknown_names_list_the_valid_ones(sdp_sim, make_sdp_client, kind, option, value, message):
    data = sdp_sim.control("GET", "data")
    if kind == "subcategory":
        assert sorted(i["name"] for i in data["lookups"]["subcategories"]) == \
            ["Database", "IE 7", "MS Office", "Router", "Server", "Windows"]
    assert refused(Lookups(make_sdp_client()), kind, value, option) == message
    assert all(m == "GET" for m, _p in sdp_sim.api_requests())


def test_known_names_any_case_each_catalogue_read_once(sdp_sim, make_sdp_client):
    lookups = Lookups(make_sdp_client())
    assert lookups.match("priority", " high ", "priority")["name"] == "High"
    assert lookups.match("priority", "4", "priority")["name"] == "High"  # by id
    assert lookups.match("release_type", "minor", "release_type")["name"] == "Minor"
    # Names that repeat under different parents are checked to exist; SDP picks the one under the parent.
    assert lookups.match("item", "install", "item")["name"] == "Install"
    assert lookups.match("item", "14", "item")["subcategory"] == {"id": "9"}
    # People: technicians and requesters as one list, each once (administrator is both).
    assert lookups.match("user", "administrator@example.com", "release_manager")["id"] == "5"
    assert lookups.match("user", "shawn adams", "release_manager")["id"] == "7"
    assert reads(sdp_sim) == ["priorities", "change_types", "items", "technicians", "requesters"]
    # Another task of the run (a new Lookups, the same token cache) reads none of them again.
    sdp_sim.control("DELETE", "requests")
    again = Lookups(make_sdp_client())
    assert again.match("priority", "LOW", "priority")["name"] == "Low"
    assert again.match("user", "Heather Graham", "release_engineer")["id"] == "6"
    assert reads(sdp_sim) == []


def test_a_stale_shared_catalogue_is_read_again_once(sdp_sim, make_sdp_client):
    assert Lookups(make_sdp_client()).match("site", "Chennai", "site")["name"] == "Chennai"
    data = sdp_sim.control("GET", "data")
    data["lookups"]["sites"].append({"name": "Pune", "id": "4"})
    sdp_sim.control("POST", "load", json={"lookups": data["lookups"]})
    sdp_sim.control("DELETE", "requests")
    assert Lookups(make_sdp_client()).match("site", "pune", "site")["name"] == "Pune"
    assert reads(sdp_sim) == ["sites"]
    sdp_sim.control("DELETE", "requests")
    task = Lookups(make_sdp_client())
    assert refused(task, "site", "X", "site") == "site 'X' is not a site; valid: Chennai, Headquarters, London " \
                                                 "Office, Pune"
    assert reads(sdp_sim) == ["sites"]  # a miss on the shared copy reads it once more in this task ...
    refused(task, "site", "Y", "site")
    assert reads(sdp_sim) == ["sites"]  # ... and only once


def test_no_catalogue_leaves_the_check_to_sdp(sdp_sim, make_sdp_client):
    lookups = Lookups(make_sdp_client())
    for kind in ("template", "stage", "impact", "risk", "group"):
        assert lookups.match(kind, "anything", kind) is None, kind
    assert lookups.status("anything", "status") is None
    assert reads(sdp_sim) == ["release_templates", "release_stages", "impacts", "risks", "groups",
                              "release_statuses"]


def test_an_unchanged_release_reads_no_catalogue(sdp_sim, make_sdp_client):
    plan = plan_release(dict(priority="HIGH", category="software", release_manager="SHAWN.ADAMS@example.com"),
                        RECORD, Lookups(make_sdp_client()))
    assert plan.edits == [] and reads(sdp_sim) == []
    with pytest.raises(ValidationError) as caught:
        plan_release(dict(priority="high", category="Printers"), RECORD, Lookups(make_sdp_client()))
    assert str(caught.value).startswith("category 'Printers' is not a category; valid: Hardware")
    assert reads(sdp_sim) == ["categories"]
