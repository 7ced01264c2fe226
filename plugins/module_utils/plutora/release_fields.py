# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The release's fields, once (plutora-api.md section 3.1): every list of release fields is derived from here.

A new plain release field is one row here plus its entry in the release module's DOCUMENTATION (a unit test
fails until both agree, and until the simulator writes the same fields).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.relops.itsm.plugins.module_utils.core.fields import Field, FieldTable

PLUTORA_RELEASE_TYPES = ("Enterprise", "Integrated", "Independent")
PROJECT_TYPES = ("IsProject", "NotIsProject", "None")

RELEASE = FieldTable("release", [
    Field(None, "id", writable=False, search="guid"),
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
    Field(None, "lastModifiedDate", compare="date", writable=False, search="datetime"),
])
