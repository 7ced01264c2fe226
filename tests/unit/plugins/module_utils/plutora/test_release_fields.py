# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The release field table is the one source: it must agree with the module's documentation and argument spec
and with the fields the simulator writes, so a field added in one place and not the others fails here."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import importlib
import os
import sys

import yaml

from ansible_collections.relops.itsm.plugins.module_utils.plutora.release_fields import RELEASE
from ansible_collections.relops.itsm.plugins.modules import release as release_module

SIMULATOR = os.path.join(os.path.dirname(os.path.abspath(__file__)), *([os.pardir] * 4 + ["simulator"]))


def sim_releases():
    """The Plutora simulator's release routes module (its writable, required and filterable fields)."""
    sys.path.insert(0, os.path.abspath(SIMULATOR))
    return importlib.import_module("plutora_sim.releases")


def test_every_field_option_is_documented_as_the_table_says():
    documented = yaml.safe_load(release_module.DOCUMENTATION)["options"]
    for option, entry in RELEASE.argument_spec().items():
        assert option in documented, option
        assert documented[option]["type"] == entry["type"], option
        assert documented[option].get("choices") == entry.get("choices"), option
        field = RELEASE.by_option[option]
        text = " ".join(documented[option]["description"]) if isinstance(documented[option]["description"], list) \
            else documented[option]["description"]
        if field.required:
            assert "Required to create a release" in text, option


def test_the_table_writes_what_the_simulator_keeps():
    assert set(RELEASE.writable()) == set(sim_releases().RELEASE_WRITABLE)
    required = set(key for key, _message in sim_releases().RELEASE_REQUIRED) - {"identifier"}
    assert set(RELEASE.by_option[o].written for o in RELEASE.required_on_create()) == required


def test_every_searchable_property_is_one_the_simulator_knows():
    known = set(sim_releases().FILTER_FIELDS)
    assert set(RELEASE.searchable()) <= known


def test_derived_lists():
    assert RELEASE.writable()[:3] == ("identifier", "name", "summary")
    assert "releaseStatusTypeId" in RELEASE.writable() and "releaseStatusType" not in RELEASE.writable()
    assert RELEASE.searchable()["lastModifiedDate"] == "datetime" and RELEASE.searchable()["managerId"] == "guid"
    assert RELEASE.required_on_create() == ("name", "release_type", "status", "risk_level", "implementation_date",
                                            "organization")
    assert RELEASE.argument_spec()["release_project_type"]["choices"] == ["is_project", "not_is_project", "none"]
