# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The release's fields, once (plutora-api.md section 3.1): every list of release fields is derived from here.

A new plain release field is one row here plus its entry in the release module's DOCUMENTATION (a unit test
fails until both agree, and until the simulator writes the same fields).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.relops.itsm.plugins.module_utils.core import normalize
from ansible_collections.relops.itsm.plugins.module_utils.core.fields import Field, FieldTable

PLUTORA_RELEASE_TYPES = ("Enterprise", "Integrated", "Independent")
PROJECT_TYPES = ("IsProject", "NotIsProject", "None")

RELEASE = FieldTable("release", [
    Field(None, "id", writable=False, search="guid", shown_as="id"),
    Field("identifier", "identifier", key=True),
    Field("name", "name", required=True),
    Field("summary", "summary"),
    Field("release_type", "releaseType", "releaseTypeId", "name", lookup="ReleaseType", required=True,
          clearable=False),
    Field("location", "location"),
    Field("status", "releaseStatusType", "releaseStatusTypeId", "name", lookup="ReleaseStatusType", required=True,
          clearable=False),
    Field("risk_level", "releaseRiskLevel", "releaseRiskLevelId", "name", lookup="ReleaseRiskLevel", required=True,
          clearable=False),
    Field("implementation_date", "implementationDate", compare="date", search="datetime", required=True),
    Field("display_color", "displayColor", compare="colour"),
    Field("organization", "organization", "organizationId", "name", lookup="organization", required=True,
          clearable=False),
    Field("manager", "manager", "managerId", "name", lookup="user"),
    Field("parent_release", "parentRelease", "parentReleaseId", "name", lookup="release"),
    Field("plutora_release_type", "plutoraReleaseType", compare="enum", choices=PLUTORA_RELEASE_TYPES),
    Field("release_project_type", "releaseProjectType", compare="enum", choices=PROJECT_TYPES),
    Field(None, "lastModifiedDate", compare="date", writable=False, search="datetime", shown_as="last_modified_date"),
])

# A release's system link, as the release module's ``systems`` items name it; a value the link lacks is left out,
# since ``systems`` choices take no null.
SYSTEM_LINK = FieldTable("release system", [
    Field("name", "system"),
    Field("role", "systemRoleType"),
    Field("dependency_type", "systemRoleDependencyType"),
    Field("deployment_status", "deploymentStatus"),
], omit_empty=True)

# Custom field data type -> the property holding its value.
VALUE_KEYS = {"FreeText": "text", "Number": "number", "Decimal": "decimal", "DatePicker": "date",
              "TimePicker": "time", "DateTimePicker": "dateTime", "ListField": "listItem", "ListSelect": "multiListItem"}


def custom_value(item):
    """One custom field's value as the ``additional_information`` option takes it: list values by name, a
    multi-select as a list of names, a date as ``YYYY-MM-DD``, a date-time in UTC with a ``Z``."""
    kind = item.get("dataType")
    value = item.get(VALUE_KEYS.get(kind, "text"))
    if value in (None, "", []):
        return None
    if kind == "ListField":
        return value.get("value") if isinstance(value, dict) else value
    if kind == "ListSelect":
        return [v.get("value") if isinstance(v, dict) else v for v in value]
    if kind == "DatePicker":
        return (normalize.utc(value) or "")[:10] or None
    if kind == "DateTimePicker":
        return normalize.utc(value)
    return value


def custom_values_by_name(items):
    """Custom field items -> ``{name: value}`` of those that hold a value: one entry per field that says something,
    not a dozen vendor properties per field (the vendor's items are in ``raw``). A field left out has no value, and
    giving the map back as ``additional_information`` leaves such fields as they are."""
    values = ((item.get("name"), custom_value(item)) for item in items or [])
    return dict((name, value) for name, value in values if value is not None)


def release_options(record):
    """A release record in the release module's option names: the one shape every release result takes - the
    release module, its bulk mode, check mode and release_info. ``additional_information`` is a name -> value map
    of the fields that hold a value, when the record carries custom fields; ``systems`` is there when the record
    was read with its links (``systems``, as the vendor lists them)."""
    result = RELEASE.to_options(record)
    if record.get("additionalInformation") is not None:
        result["additional_information"] = custom_values_by_name(record["additionalInformation"])
    if record.get("systems") is not None:
        result["systems"] = [SYSTEM_LINK.to_options(link) for link in record["systems"]]
    return result
