# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The release planner: what counts as a change, what it sends and shows, and which lookups it needs."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.relops.itsm.plugins.module_utils.core.errors import ValidationError
from ansible_collections.relops.itsm.plugins.module_utils.plutora.release_plan import plan_release

RECORD = {"id": "r1", "identifier": "PAY-4.3", "name": "Payments", "summary": "", "releaseType": "Minor",
          "releaseTypeId": "t1", "releaseStatusType": "Draft", "releaseStatusTypeId": "s1", "displayColor": "#AABBCC",
          "implementationDate": "2026-12-17T20:00:00", "manager": "Devon Lead", "managerId": "u1",
          "plutoraReleaseType": "Integrated", "organization": "Payments", "organizationId": "o1"}


class NoLookups:
    """Fails the test if the planner asks for a lookup table it does not need."""

    def __getattr__(self, name):
        raise AssertionError("unexpected lookup %s" % name)


def test_equal_values_written_differently_are_no_change_and_need_no_lookup():
    params = {"name": " Payments ", "summary": None, "release_type": "MINOR", "status": "draft",
              "display_color": "#abc", "implementation_date": "2026-12-17T21:00:00+01:00", "manager": "devon lead",
              "plutora_release_type": "integrated", "organization": "payments"}
    plan = plan_release(params, RECORD, NoLookups(), NoLookups())
    assert not plan.changed and plan.wire() == {} and plan.diff() == {"before": {}, "after": {}}


def test_a_change_carries_ids_for_the_api_and_names_for_the_diff():
    class Lookups:
        def value(self, kind, value, option):
            assert (kind, value) == ("ReleaseStatusType", "In Progress")
            return {"id": "s2", "value": "In Progress"}

    plan = plan_release({"status": "In Progress", "summary": "", "name": "Payments"}, RECORD, Lookups(), None)
    assert plan.wire() == {"releaseStatusTypeId": "s2"}
    assert plan.diff() == {"before": {"status": "Draft"}, "after": {"status": "In Progress"}}


def test_clearing_the_manager_sends_the_vendors_empty_string():
    plan = plan_release({"manager": ""}, RECORD, NoLookups(), None)
    assert plan.wire() == {"managerId": ""} and plan.after_fields() == {"manager": None}
    with pytest.raises(ValidationError) as caught:
        plan_release({"status": ""}, RECORD, NoLookups(), None)
    assert caught.value.message == "status cannot be cleared: Plutora requires a release to have one"


def test_a_bad_colour_is_refused_before_anything():
    with pytest.raises(ValidationError) as caught:
        plan_release({"display_color": "red"}, RECORD, NoLookups(), None)
    assert caught.value.message.startswith("display_color 'red' is not a colour")


def test_custom_fields_compare_typed_values_without_reading_definitions():
    record = dict(RECORD, additionalInformation=[
        {"id": "f1", "name": "Story Points", "dataType": "Number", "number": 21},
        {"id": "f2", "name": "Impacted Regions", "dataType": "ListSelect",
         "multiListItem": [{"id": "a", "value": "APAC"}, {"id": "e", "value": "EMEA"}]},
        {"id": "f3", "name": "Approved At", "dataType": "DateTimePicker", "dateTime": "2026-12-01T09:15:00"}])
    plan = plan_release({"additional_information": {
        "story points": "21", "Impacted Regions": ["emea", "APAC"], "Approved At": "2026-12-01T10:15:00+01:00"}},
        record, NoLookups(), None)
    assert not plan.changed


LINKS = [{"systemId": "s1", "system": "Payments API", "systemRoleType": "Impact",
          "systemRoleDependencyType": "Code Implementation Dependency", "systemRoleDependencyTypeId": "d1",
          "deploymentStatus": "Completed"},
         {"systemId": "s2", "system": "Ledger Core", "systemRoleType": "Dependency",
          "systemRoleDependencyType": None, "deploymentStatus": None}]


def test_systems_are_matched_by_name_and_only_differences_count():
    wanted = [{"name": "payments api", "role": None, "dependency_type": None, "deployment_status": None},
              {"name": "Ledger Core", "role": None, "dependency_type": None, "deployment_status": "RollbackPending"}]
    plan = plan_release({"systems": wanted}, RECORD, NoLookups(), None, LINKS)
    writes = plan.section("systems").writes
    assert [(verb, body["systemId"]) for verb, body in writes] == [("update", "s2")]
    assert writes[0][1]["deploymentStatus"] == "RollbackPending"
    diff = plan.diff()
    assert diff["before"] == {"systems": {"Ledger Core": {"role": "Dependency", "dependency_type": None,
                                                          "deployment_status": None}}}
    assert diff["after"]["systems"]["Ledger Core"]["deployment_status"] == "RollbackPending"
    plan = plan_release({"systems": [{"name": "Payments API"}], "purge_systems": True}, RECORD, NoLookups(), None,
                        LINKS)
    assert plan.section("systems").writes == [("remove", "s2")]
    assert plan.diff()["after"] == {"systems": {"Ledger Core": None}}


def test_an_unknown_system_fails_while_planning_before_any_write():
    class Lookups:
        def system(self, value, option):
            raise ValidationError("%s %r is not a Plutora system" % (option, value))

    with pytest.raises(ValidationError) as caught:
        plan_release({"name": "New name", "systems": [{"name": "Payments API"}, {"name": "Mainframe"}]}, RECORD,
                     Lookups(), None, LINKS)
    assert caught.value.message == "systems[1].name 'Mainframe' is not a Plutora system"


def test_a_new_release_plans_its_identifier_and_every_field():
    class Lookups:
        def value(self, kind, value, option):
            return {"id": kind + "-id", "value": value}

    plan = plan_release({"name": "N", "status": "Draft", "implementation_date": "2027-01-01"}, None, Lookups(), None,
                        identifier="NEW-1")
    assert plan.creating and plan.changed
    assert plan.wire() == {"name": "N", "releaseStatusTypeId": "ReleaseStatusType-id",
                           "implementationDate": "2027-01-01T00:00:00", "identifier": "NEW-1"}
    assert plan.diff()["before"] == {} and plan.diff()["after"]["identifier"] == "NEW-1"
