# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The change field table: a change in the names change_search's options take, wherever a change is returned (a
search, one change, or the changes a release delivers)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.relops.itsm.plugins.module_utils.core.fields import Field, FieldTable
from ansible_collections.relops.itsm.plugins.module_utils.plutora.release_fields import SYSTEM_LINK, custom_values_by_name

# A change as change_search returns it: each field under the snake_case name its search_filters property takes
# (``change_status`` finds ``changeStatusName``), dates in UTC with a ``Z``; the ids behind the names only in raw.
CHANGE = FieldTable("change", [
    Field(None, "id", shown_as="id"),
    Field(None, "changeId", shown_as="change_id"),
    Field(None, "name", shown_as="name"),
    Field(None, "changeStatusName", shown_as="change_status"),
    Field(None, "changeTypeName", shown_as="change_type"),
    Field(None, "changePriorityName", shown_as="change_priority"),
    Field(None, "changeDeliveryRiskName", shown_as="change_delivery_risk"),
    Field(None, "changeThemeName", shown_as="change_theme"),
    Field(None, "organization", shown_as="organization"),
    Field(None, "raisedBy", shown_as="raised_by"),
    Field(None, "raisedDate", compare="date", shown_as="raised_date"),
    Field(None, "assignedTo", shown_as="assigned_to"),
    Field(None, "businessValueScore", shown_as="business_value_score"),
    Field(None, "expectedDeliveryDate", compare="date", shown_as="expected_delivery_date"),
    Field(None, "description", shown_as="description"),
    Field(None, "lastModifiedDate", compare="date", shown_as="last_modified_date"),
    Field(None, "lastModifiedBy", shown_as="last_modified_by"),
])


def change_options(record):
    """A change in the names change_search's filters take; custom fields as a name -> value map and systems by
    name, when the record carries them."""
    result = CHANGE.to_options(record)
    if record.get("additionalInformation") is not None:
        result["additional_information"] = custom_values_by_name(record["additionalInformation"])
    if record.get("systems") is not None:
        result["systems"] = [SYSTEM_LINK.to_options(link) for link in record["systems"]]
    return result


# The two flags of a release's link to a change (GET /releases/{id}/changes) -> their result names.
LINK_FLAGS = (("targetRelease", "target_release"), ("actualDeliveryRelease", "actual_delivery_release"))


def delivered(item):
    """A change a release delivers: the fields its list item carries, in change_search's names, and the link's
    two flags (``target_release``, ``actual_delivery_release``)."""
    result = CHANGE.to_options(item, only_present=True)
    result.update((name, item[wire]) for wire, name in LINK_FLAGS if wire in item)
    return result
