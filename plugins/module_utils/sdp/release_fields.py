# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The SDP release's fields, once (sdp-api.md sections 2.1-2.5): options, comparison, writes, search and the record
in option names are all derived from here.

SDP takes looked-up values by name (case-insensitively) and answers them as objects, so a ``name`` field's wire
value is ``{"name": ...}`` and no id field is needed. ``lookup`` names the catalogue a name is checked in before a
write, ``user`` for people (matched by name or e-mail). ``GROUPED`` fields are descriptive objects whose text is
their ``description``; ``FLAGS`` are booleans; ``LISTS`` are lists of named objects (services, assets).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.relops.itsm.plugins.module_utils.core.fields import Field, FieldTable

RELEASE = FieldTable("release", [
    Field(None, "id", writable=False, search="id"),
    Field("title", "title", key=True, required=True),
    Field("template", "template", compare="name", lookup="template", search="name", required=True, clearable=False),
    Field("description", "description"),
    Field("stage", "stage", compare="name", lookup="stage", search="name", clearable=False),
    Field("status", "status", compare="name", lookup="status", search="name", clearable=False),
    Field("priority", "priority", compare="name", lookup="priority", search="name"),
    Field("impact", "impact", compare="name", lookup="impact", search="name"),
    Field("urgency", "urgency", compare="name", lookup="urgency", search="name"),
    Field("risk", "risk", compare="name", lookup="risk", search="name"),
    Field("category", "category", compare="name", lookup="category", search="name"),
    Field("subcategory", "subcategory", compare="name", lookup="subcategory", search="name"),
    Field("item", "item", compare="name", lookup="item", search="name"),
    Field("release_type", "release_type", compare="name", lookup="release_type", search="name"),
    Field("group", "group", compare="name", lookup="group", search="name"),
    Field("site", "site", compare="name", lookup="site", search="name"),
    Field("release_manager", "release_manager", compare="name", lookup="user", search="name"),
    # Written with the vendor's assign operation, not with an edit.
    Field("release_engineer", "release_engineer", compare="name", lookup="user", search="name", writable=False),
    Field("scheduled_start_time", "scheduled_start_time", compare="date", search="datetime"),
    Field("scheduled_end_time", "scheduled_end_time", compare="date", search="datetime"),
    Field("next_review_on", "next_review_on", compare="date", search="datetime"),
    Field("emergency", "emergency", search="bool"),
    Field("impact_details", "impact_details", search=None),
    Field("roll_out_plan", "roll_out_plan", search=None),
    Field("back_out_plan", "back_out_plan", search=None),
    Field("checklist", "checklist", search=None),
    Field(None, "created_time", compare="date", writable=False, search="datetime"),
    Field(None, "completed_time", compare="date", writable=False, search="datetime"),
])
GROUPED = ("impact_details", "roll_out_plan", "back_out_plan", "checklist")
FLAGS = ("emergency",)
# option -> wire field of a list of named objects.
LISTS = {"services": "services", "assets": "assets", "configuration_items": "configuration_items"}
# Read-only fields the record in option names carries too: option -> (wire, kind).
READ_ONLY = {"id": ("id", "text"), "short_description": ("short_description", "text"),
             "release_requester": ("release_requester", "name"), "workflow": ("workflow", "name"),
             "created_time": ("created_time", "date"), "completed_time": ("completed_time", "date"),
             "deleted_time": ("deleted_time", "date")}


def argument_spec():
    """The release's field options: the table's, with booleans and lists typed as such."""
    spec = RELEASE.argument_spec()
    for option in FLAGS:
        spec[option] = {"type": "bool"}
    for option in LISTS:
        spec[option] = {"type": "list", "elements": "str"}
    return spec
