# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Plutora Test defects: the searchable fields, the search dialect, the record shape modules return, and the
reads and the one write (``PATCH /defects/{id}`` with a delta of ``Name`` and ``Description``)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

from ansible_collections.relops.itsm.plugins.module_utils.core import normalize
from ansible_collections.relops.itsm.plugins.module_utils.core.errors import NotFoundError, ValidationError
from ansible_collections.relops.itsm.plugins.module_utils.core.fields import Field, FieldTable

from ansible.module_utils.six.moves.urllib.parse import quote

# option name -> (the vendor's property, value type). Main entity fields only: the vendor says "Filters do not work
# on custom fields, only main entity fields" (plutora-api.md section 9).
PROPERTIES = {
    "id": ("Id", "guid"),
    "display_id": ("DisplayId", "text"),
    "name": ("Name", "text"),
    "description": ("Description", "text"),
    "status": ("Status", "text"),
    "severity": ("Severity", "text"),
    "priority": ("Priority", "text"),
    "created_date": ("CreatedDate", "datetime"),
    "last_modified_date": ("LastModifiedDate", "datetime"),
}
# The ten operators the vendor lists for Plutora Test searches.
OPERATORS = ("Equals", "NotEquals", "Contains", "NotContains", "LessThan", "LessOrEqual", "GreaterOrEqual",
             "GreaterThan", "IsWithin", "NotWithin")
LIST_OPERATORS = ("IsWithin", "NotWithin")
TEXT_ONLY = ("Contains", "NotContains")
# The fields the defect module keeps as stated: option -> the delta's key.
WRITABLE = (("name", "Name"), ("description", "Description"))


def _property(value, label):
    wanted = str(value or "").strip().lower().replace(" ", "_")
    for option, (wire, _kind) in PROPERTIES.items():
        if wanted in (option, wire.lower(), option.replace("_", "")):
            return option
    raise ValidationError(
        "%s.property %r is not a main defect field; valid properties: %s. Plutora Test does not filter on custom "
        "fields (the vendor: \"Filters do not work on custom fields, only main entity fields\"); read them in the "
        "results' custom_fields instead." % (label, value, ", ".join(PROPERTIES)))


def _operator(value, label):
    for operator in OPERATORS:
        if str(value).lower() == operator.lower():
            return operator
    raise ValidationError("%s.operator %r is not valid; valid operators: %s" % (label, value, ", ".join(OPERATORS)))


def _one_value(value, kind, option, where):
    if kind == "guid":
        if not normalize.GUID.match(str(value).strip()):
            raise ValidationError("%s %r is not a GUID (like 9d18a2dc-b694-4b20-971f-4944420f4038), which property "
                                  "%s needs" % (where, value, option))
        return str(value).strip().lower()
    if kind == "datetime":
        return normalize.date_time(value, where)
    return str(value)


def build_filters(filters, direction="ASC", option="filters"):
    """User filters (option names, any operator spelling) -> the vendor's ``SearchFilters``; messages name
    ``<option>[<index>]``."""
    result = []
    for index, item in enumerate(filters or []):
        label = "%s[%d]" % (option, index)
        prop = _property(item.get("property"), label)
        operator = _operator(item.get("operator") or "Equals", label)
        wire, kind = PROPERTIES[prop]
        if operator in TEXT_ONLY and kind != "text":
            raise ValidationError("%s: operator %s works on text properties only; %s is a %s"
                                  % (label, operator, prop, "date" if kind == "datetime" else "GUID"))
        value = item.get("value")
        where = label + ".value"
        if value is None:
            raise ValidationError("%s is required for property %s" % (where, prop))
        if operator in LIST_OPERATORS:
            values = value if isinstance(value, (list, tuple)) else str(value).split(",")
            values = [v.strip() if isinstance(v, str) else v for v in values]
            values = [v for v in values if v not in ("", None)]
            if not values:
                raise ValidationError("%s: operator %s needs at least one value (a list, or values separated by "
                                      "commas)" % (label, operator))
            text = ",".join(_one_value(v, kind, prop, where) for v in values)
        else:
            if isinstance(value, (list, tuple, dict)):
                raise ValidationError("%s must be a single value for operator %s; only IsWithin and NotWithin take "
                                      "a list" % (where, operator))
            if isinstance(value, datetime.date):
                value = value.isoformat()
            text = _one_value(value, kind, prop, where)
        result.append({"Property": wire, "Operator": operator, "Value": text,
                       "Direction": (item.get("direction") or direction).upper()})
    return result


def _value(item):
    """A vendor value that may be ``{"Id", "Value"}`` or plain."""
    if isinstance(item, dict):
        return item.get("Value", item.get("Name"))
    return item


# A defect as the modules return it: the names of the defect module's options and of the filters' properties.
DEFECT = FieldTable("defect", [
    Field(None, "Id", shown_as="id"),
    Field(None, "DisplayId", shown_as="display_id"),
    Field("name", "Name"),
    Field("description", "Description"),
    Field(None, "Status", shown_as="status", read=_value),
    Field(None, "Severity", shown_as="severity", read=_value),
    Field(None, "Priority", shown_as="priority", read=_value),
    Field(None, "CreatedDate", compare="date", shown_as="created_date"),
    Field(None, "LastModifiedDate", compare="date", shown_as="last_modified_date"),
])


def simple(record):
    """A wire defect as modules return it: option names, plain status, dates in UTC with a ``Z``, the linked
    releases, custom fields as a name -> value map."""
    record = record or {}
    result = DEFECT.to_options(record)
    result["releases"] = [{"id": r.get("Id"), "identifier": r.get("Identifier"), "name": r.get("Name")}
                          for r in record.get("Releases") or [] if isinstance(r, dict)]
    fields = {}
    for item in record.get("Fields") or []:
        if isinstance(item, dict) and item.get("Name") is not None:
            fields[str(item["Name"])] = _value(item.get("Value"))
    result["custom_fields"] = fields
    return result


class Defects:
    """Reads defects and writes the delta of an existing one."""

    def __init__(self, client):
        self.client = client

    def by_display_id(self, display_id):
        """The wire record with this display id; NotFoundError if there is none."""
        data = self.client.request("GET", "/defects/GetByDisplayId/%s" % quote(str(display_id), safe=""))
        records = data if isinstance(data, list) else [data] if isinstance(data, dict) else []
        if not records:
            raise NotFoundError("Plutora Test has no defect with display id %r." % display_id)
        return records[0]

    def by_id(self, defect_id):
        """The wire record with this id (a GUID), read through the search; NotFoundError if there is none."""
        value = str(defect_id).strip().lower()
        if not normalize.GUID.match(value):
            raise ValidationError("id %r is not a defect id (a GUID like 9d18a2dc-b694-4b20-971f-4944420f4038); give "
                                  "the id, or the display_id people see (such as DEF-1001)" % defect_id)
        records = list(self.search([{"Property": "Id", "Operator": "Equals", "Value": value, "Direction": "ASC"}],
                                   limit=1, page_size=1))
        if not records:
            raise NotFoundError("Plutora Test has no defect with id %s." % value)
        return records[0]

    def search(self, search_filters, release_ids=None, no_release=False, limit=None, page_size=100):
        """A Listing of every defect the search finds, up to ``limit`` (``total`` after reading)."""
        body = {"SearchFilters": search_filters, "ReleaseIds": list(release_ids or []), "NoRelease": bool(no_release)}
        return self.client.search("/defects/search", body, limit=limit, page_size=page_size)

    def update(self, defect_id, delta):
        """Send the delta (``{"Name": ..., "Description": ...}``); the reply's record, if it has one."""
        data = self.client.request("PATCH", "/defects/%s" % defect_id, json=delta)
        return data if isinstance(data, dict) else None
