# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""FieldTable.to_options: a wire record in option names and option forms, what every module returns."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.relops.itsm.plugins.module_utils.core import normalize
from ansible_collections.relops.itsm.plugins.module_utils.core.fields import Field, FieldTable, shaped

LEVELS = {1: "low", 2: "high"}

TABLE = FieldTable("thing", [
    Field(None, "id", shown_as="id"),
    Field("when", "whenDate", compare="date"),
    Field("kind", "kindName", compare="enum", choices=("IsProject", "NotIsProject", "None")),
    Field("colour", "displayColor", compare="colour"),
    Field("owner", "owner", "ownerId", "name"),
    Field(None, "secretId"),  # neither an option nor shown: not returned
    Field("level", "level", read=LEVELS.get),
])


def test_every_field_under_its_option_in_the_form_the_option_takes():
    record = {"id": "x", "whenDate": "2026-12-17T21:00:00+01:00", "kindName": "NotIsProject", "displayColor": "#ABC",
              "owner": "Devon Lead", "ownerId": "u1", "secretId": "s", "level": 2}
    assert TABLE.to_options(record) == {"id": "x", "when": "2026-12-17T20:00:00Z", "kind": "not_is_project",
                                        "colour": "#aabbcc", "owner": "Devon Lead", "level": "high"}
    assert list(TABLE.to_options(record)) == ["id", "when", "kind", "colour", "owner", "level"]  # the table's order


def test_missing_values_are_null_or_left_out():
    assert TABLE.to_options({"id": "x", "kindName": ""}) == {"id": "x", "when": None, "kind": None, "colour": None,
                                                             "owner": None, "level": None}
    assert TABLE.to_options({"id": "x", "level": 1}, only_present=True) == {"id": "x", "level": "low"}
    compact = FieldTable("link", TABLE.fields, omit_empty=True)
    assert compact.to_options({"id": "x", "owner": None}) == {"id": "x"}


def test_shaped_adds_the_vendor_record_only_on_request():
    record = {"id": "x", "level": 1}
    assert shaped(record, TABLE.to_options) == TABLE.to_options(record)
    assert shaped(record, TABLE.to_options, raw=True)["raw"] is record
    assert shaped(None, TABLE.to_options, raw=True) is None


def test_a_date_that_is_no_date_is_shown_as_it_came():
    assert normalize.utc("soon") == "soon" and normalize.utc(None) is None and normalize.utc("") is None
    assert normalize.utc("2026-12-17") == "2026-12-17T00:00:00Z"
