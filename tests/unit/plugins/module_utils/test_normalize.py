# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The normalisation that both the idempotency check and --diff use, one test per type."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

import pytest

from ansible_collections.relops.itsm.plugins.module_utils import normalize
from ansible_collections.relops.itsm.plugins.module_utils.errors import ValidationError
from ansible_collections.relops.itsm.plugins.module_utils.release_state import (
    custom_field_changes,
    field_changes,
    system_changes,
)


@pytest.mark.parametrize("value, expected", [
    ("2026-12-17", "2026-12-17T00:00:00"),
    ("2026-12-17T20:00:00", "2026-12-17T20:00:00"),
    ("2026-12-17T20:00:00Z", "2026-12-17T20:00:00"),
    ("2026-12-17T21:00:00+01:00", "2026-12-17T20:00:00"),
    ("2026-12-18T01:30:00+05:30", "2026-12-17T20:00:00"),
    ("2026-12-17T20:00:00.1234567+00:00", "2026-12-17T20:00:00"),
    ("2026-12-17T21:00:00+0100", "2026-12-17T20:00:00"),
    ("2026-12-17T15:00-05", "2026-12-17T20:00:00"),
    ("2026-12-17 20:00", "2026-12-17T20:00:00"),
    ("2026-12-31T23:30:00-01:00", "2027-01-01T00:30:00"),
    (datetime.date(2026, 12, 17), "2026-12-17T00:00:00"),
    (None, None),
    ("", None),
])
def test_dates_are_utc_without_zone(value, expected):
    assert normalize.date_time(value) == expected


@pytest.mark.parametrize("value", ["next tuesday", "2026-02-30", "17/12/2026", "2026-12-17T25:00:00"])
def test_bad_date_names_the_field(value):
    with pytest.raises(ValidationError) as caught:
        normalize.date_time(value, "implementation_date")
    assert caught.value.message.startswith("implementation_date %r is not a date (YYYY-MM-DD)" % value)


def test_text_colour_name_and_lists():
    assert normalize.text("  x ") == "x" and normalize.text("") is None and normalize.text(None) is None
    assert normalize.colour("#ABC") == normalize.colour("#aabbcc") == "#aabbcc"
    assert normalize.colour("#8FCD50") == "#8fcd50"
    assert normalize.name(" Minor ") == normalize.name("minor")
    assert normalize.name_list(["EMEA", "apac", "emea"]) == ["apac", "emea"]
    assert normalize.time_of_day("9:05") == "09:05:00" and normalize.time_of_day("22:30:00.1234567") == "22:30:00"
    assert normalize.integer("21") == 21 and normalize.integer(21.0) == 21 and normalize.decimal("1.50") == 1.5
    assert normalize.enum("not_is_project", ("IsProject", "NotIsProject", "None"), "x") == "NotIsProject"
    for call in (lambda: normalize.integer("many", "Story Points"), lambda: normalize.integer(2.5, "Story Points"),
                 lambda: normalize.integer(True, "Story Points"), lambda: normalize.time_of_day("25:00", "t")):
        with pytest.raises(ValidationError):
            call()


RECORD = {"id": "r1", "identifier": "PAY-4.3", "name": "Payments", "summary": "", "releaseType": "Minor",
          "releaseTypeId": "t1", "releaseStatusType": "Draft", "releaseStatusTypeId": "s1", "displayColor": "#AABBCC",
          "implementationDate": "2026-12-17T20:00:00", "manager": "Devon Lead", "managerId": "u1",
          "plutoraReleaseType": "Integrated", "organization": "Payments", "organizationId": "o1"}


class NoLookups:
    """Fails the test if the comparison asks for a lookup table it does not need."""

    def __getattr__(self, name):
        raise AssertionError("unexpected lookup %s" % name)


def test_equal_values_written_differently_are_no_change_and_need_no_lookup():
    params = {"name": " Payments ", "summary": None, "release_type": "MINOR", "status": "draft",
              "display_color": "#abc", "implementation_date": "2026-12-17T21:00:00+01:00", "manager": "devon lead",
              "plutora_release_type": "integrated", "organization": "payments"}
    changes = field_changes(params, RECORD, NoLookups(), NoLookups())
    assert changes.api == {} and changes.before == {} and changes.after == {}


def test_a_change_carries_ids_for_the_api_and_names_for_the_diff():
    class Lookups:
        def value(self, kind, value, option):
            assert (kind, value) == ("ReleaseStatusType", "In Progress")
            return {"id": "s2", "value": "In Progress"}

    changes = field_changes({"status": "In Progress", "summary": "", "name": "Payments"}, RECORD, Lookups(), None)
    assert changes.api == {"releaseStatusTypeId": "s2"}
    assert changes.before == {"status": "Draft"} and changes.after == {"status": "In Progress"}


def test_clearing_the_manager_sends_the_vendors_empty_string():
    changes = field_changes({"manager": ""}, RECORD, NoLookups(), None)
    assert changes.api == {"managerId": ""} and changes.after == {"manager": None}
    with pytest.raises(ValidationError) as caught:
        field_changes({"status": ""}, RECORD, NoLookups(), None)
    assert caught.value.message == "status cannot be cleared: Plutora requires a release to have one"


def test_custom_fields_compare_typed_values_without_reading_definitions():
    current = [{"id": "f1", "name": "Story Points", "dataType": "Number", "number": 21},
               {"id": "f2", "name": "Impacted Regions", "dataType": "ListSelect",
                "multiListItem": [{"id": "a", "value": "APAC"}, {"id": "e", "value": "EMEA"}]},
               {"id": "f3", "name": "Approved At", "dataType": "DateTimePicker", "dateTime": "2026-12-01T09:15:00"}]
    send, before, after = custom_field_changes(
        {"story points": "21", "Impacted Regions": ["emea", "APAC"], "Approved At": "2026-12-01T10:15:00+01:00"},
        current, NoLookups())
    assert (send, before, after) == ([], {}, {})


def test_systems_are_matched_by_name_and_only_differences_count():
    current = [{"systemId": "s1", "system": "Payments API", "systemRoleType": "Impact",
                "systemRoleDependencyType": "Code Implementation Dependency", "deploymentStatus": "Completed"},
               {"systemId": "s2", "system": "Ledger Core", "systemRoleType": "Dependency",
                "systemRoleDependencyType": None, "deploymentStatus": None}]
    add, update, remove, before, after = system_changes(
        [{"name": "payments api", "role": None, "dependency_type": None, "deployment_status": None},
         {"name": "Ledger Core", "role": None, "dependency_type": None, "deployment_status": "RollbackPending"}],
        current, False)
    assert add == [] and remove == [] and [link["systemId"] for link, _e, _t in update] == ["s2"]
    assert before == {"Ledger Core": {"role": "Dependency", "dependency_type": None, "deployment_status": None}}
    assert after["Ledger Core"]["deployment_status"] == "RollbackPending"
    add, update, remove, before, after = system_changes([{"name": "Payments API"}], current, True)
    assert [link["systemId"] for link in remove] == ["s2"] and after == {"Ledger Core": None}
