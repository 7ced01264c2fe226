# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Release custom-field definitions learnt as the vendor's scripts learn them - from a release's own
``additionalInformation`` - never from an endpoint no public source shows; against the simulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import sys

from ansible_collections.relops.itsm.plugins.modules import release

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
from conftest import run_module  # noqa: E402  pylint: disable=wrong-import-position,import-error

NEW = {"identifier": "CF-1.0", "name": "Custom fields", "release_type": "Minor", "status": "Draft",
       "risk_level": "Low", "implementation_date": "2027-03-01", "organization": "Payments"}
VALUES = {"Jira Epic": "CF-1", "Deployment Method": "canary", "Impacted Regions": ["emea", "APAC"]}


def _paths(sim):
    return [(r["method"], r["path"].lower(), r["query"]) for r in sim.requests_log() if r["path"] != "/oauth/token"]


def _values(record):
    """The three fields as the result gives them back, in the option's form (list values by their names)."""
    values = record["additional_information"]
    return values["Jira Epic"], values["Deployment Method"], sorted(values["Impacted Regions"])


def test_a_create_learns_the_fields_from_another_release_once_per_run(sim, capsys, module_args):
    sim.control("DELETE", "requests")
    checked = run_module(capsys, release, dict(module_args, additional_information=VALUES, **NEW), check_mode=True)
    assert checked["changed"] and _values(checked["release"]) == ("CF-1", "Canary", ["APAC", "EMEA"])
    paths = _paths(sim)
    assert not [p for p in paths if p[1].startswith("/additionalinformation")]
    first = [p for p in paths if p[1] == "/releases" and "recordsPerPage=1" in p[2].split("&")]
    assert len(first) == 1 and "pageNum=0" in first[0][2].split("&") and "filter" not in first[0][2]
    assert len([p for p in paths if p[1].endswith("/additionalinformation")]) == 1
    sim.control("DELETE", "requests")
    created = run_module(capsys, release, dict(module_args, additional_information=VALUES, **NEW))
    assert created["changed"] and _values(created["release"]) == ("CF-1", "Canary", ["APAC", "EMEA"])
    # the definitions come from the run's shared copy: the list by identifier and the POST, nothing else
    assert [p[:2] for p in _paths(sim)] == [("GET", "/releases"), ("POST", "/releases")]
    again = run_module(capsys, release, dict(module_args, additional_information=VALUES, identifier="CF-1.0"))
    assert not again["changed"] and again["api_calls"] == 2


def test_an_update_takes_the_definitions_from_the_release_itself(sim, capsys, module_args):
    run_module(capsys, release, dict(module_args, **NEW))
    sim.control("DELETE", "requests")
    changed = run_module(capsys, release, dict(module_args, identifier="CF-1.0", additional_information=VALUES),
                         diff=True)
    assert changed["changed"] and changed["api_calls"] == 3  # list, record, PUT of the custom fields
    assert changed["diff"]["after"]["additional_information"]["Deployment Method"] == "Canary"
    assert _values(changed["release"]) == ("CF-1", "Canary", ["APAC", "EMEA"])
    canary = "4f41d6d2-dff9-5c30-aec2-b48603ef2218"  # the seed's id of the Canary list item
    by_id = run_module(capsys, release, dict(module_args, identifier="CF-1.0",
                                             additional_information={"Deployment Method": canary.upper()}))
    assert not by_id["changed"] and by_id["api_calls"] == 2


def test_unknown_fields_and_values_are_refused_before_any_write(sim, capsys, module_args):
    sim.control("DELETE", "requests")
    bad = run_module(capsys, release, dict(module_args, additional_information={"Jira Story": "x"}, **NEW))
    assert bad["failed"] and bad["msg"].startswith(
        "additional_information: 'Jira Story' is not a release custom field; valid: Approved At, Budget,")
    value = run_module(capsys, release, dict(module_args, additional_information={"Deployment Method": "x"}, **NEW))
    assert value["msg"] == ("additional_information.Deployment Method: 'x' not in the list; valid: Blue/Green, "
                            "Canary, Big Bang")
    assert not [r for r in sim.requests_log() if r["method"] in ("POST", "PUT") and r["path"] != "/oauth/token"]


def test_a_tenant_without_releases_cannot_name_custom_fields_on_a_create(sim, capsys, module_args, make_client):
    client = make_client()
    for summary in list(client.paged("/releases")):
        client.request("DELETE", "/releases/%s" % summary["id"])
    sim.control("DELETE", "requests")
    bad = run_module(capsys, release, dict(module_args, additional_information={"Jira Epic": "x"}, **NEW))
    assert bad["failed"] and bad["msg"].startswith("additional_information: the tenant has no release to learn")
    assert not [r for r in sim.requests_log() if r["method"] == "POST" and r["path"] != "/oauth/token"]
    plain = run_module(capsys, release, dict(module_args, **NEW))
    assert plain["changed"]


def test_a_list_field_without_listed_choices_takes_the_values_releases_hold_or_an_id():
    from ansible_collections.relops.itsm.plugins.module_utils.core.errors import ValidationError
    from ansible_collections.relops.itsm.plugins.module_utils.plutora.releases import custom_item

    # the shape of a real tenant's item as public clients show it: no listItems, the value it holds
    item = {"id": "f1", "name": "Deployment Method", "dataType": "ListField",
            "listItem": {"id": "c1", "value": "Canary"}}
    written = custom_item(item, "canary", "additional_information.Deployment Method")
    assert written == {"id": "f1", "listItem": {"id": "c1"}}
    other = "4f41d6d2-dff9-5c30-aec2-b48603ef2218"
    assert custom_item(item, other, "x") == {"id": "f1", "listItem": {"id": other}}
    listed = dict(item, listItems=[{"id": "c1", "value": "Canary"}])
    try:
        custom_item(listed, other, "additional_information.Deployment Method")
    except ValidationError as exc:
        assert exc.message == ("additional_information.Deployment Method: '%s' not in the list; valid: Canary" % other)
    else:
        raise AssertionError("an id the listed choices do not hold was accepted")
    try:
        custom_item(item, "blue/green", "additional_information.Deployment Method")
    except ValidationError as exc:
        assert exc.message.startswith("additional_information.Deployment Method: 'blue/green' not in the list; "
                                      "valid: Canary (Plutora's custom-field items list no choices")
    else:
        raise AssertionError("an unknown list value was accepted")
