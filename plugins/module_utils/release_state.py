# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a release task wants, compared with what Plutora holds: the field changes, custom-field changes and
system changes, in one shape that drives the writes, check mode and --diff alike."""

from __future__ import absolute_import, division, print_function
from __future__ import annotations

__metaclass__ = type

from ansible_collections.relops.itsm.plugins.module_utils import normalize
from ansible_collections.relops.itsm.plugins.module_utils.errors import ValidationError

PLUTORA_RELEASE_TYPES = ("Enterprise", "Integrated", "Independent")
PROJECT_TYPES = ("IsProject", "NotIsProject", "None")
DEPLOYMENT_STATUSES = ("Completed", "RollbackPending", "Rejected")

# option -> (record field holding the value or its name, id field or None, how to compare)
FIELDS = {
    "name": ("name", None, "text"),
    "summary": ("summary", None, "text"),
    "location": ("location", None, "text"),
    "display_color": ("displayColor", None, "colour"),
    "implementation_date": ("implementationDate", None, "date"),
    "plutora_release_type": ("plutoraReleaseType", None, "enum"),
    "release_project_type": ("releaseProjectType", None, "enum"),
    "release_type": ("releaseType", "releaseTypeId", "ReleaseType"),
    "status": ("releaseStatusType", "releaseStatusTypeId", "ReleaseStatusType"),
    "risk_level": ("releaseRiskLevel", "releaseRiskLevelId", "ReleaseRiskLevel"),
    "organization": ("organization", "organizationId", "organization"),
    "manager": ("manager", "managerId", "user"),
    "parent_release": ("parentRelease", "parentReleaseId", "release"),
}
REQUIRED_ON_CREATE = ("name", "release_type", "status", "risk_level", "implementation_date", "organization")
VALUE_KEYS = {"FreeText": "text", "Number": "number", "Decimal": "decimal", "DatePicker": "date",
              "TimePicker": "time", "DateTimePicker": "dateTime", "ListField": "listItem", "ListSelect": "multiListItem"}


def desired_value(option, value):
    """The task's value in the form the comparison uses; None means 'clear'."""
    kind = FIELDS[option][2]
    if kind == "date":
        return normalize.date_time(value, option)
    if kind == "colour":
        return normalize.colour(value)
    if option == "plutora_release_type":
        return normalize.enum(value, PLUTORA_RELEASE_TYPES, option)
    if option == "release_project_type":
        return normalize.enum(value, PROJECT_TYPES, option)
    return normalize.text(value)


def same(option, current, wanted):
    kind = FIELDS[option][2]
    if kind == "text":
        return normalize.text(current) == wanted
    if kind == "colour":
        return normalize.colour(current) == wanted
    if kind == "date":
        return normalize.date_time(current) == wanted
    return normalize.name(current) == normalize.name(wanted)


class FieldChanges:
    """Field changes: ``api`` is what to send (ids), ``before``/``after`` are what a person reads (names)."""

    def __init__(self):
        self.api = {}
        self.before = {}
        self.after = {}

    def add(self, option, before, after, api_key, api_value):
        self.before[option] = before
        self.after[option] = after
        self.api[api_key] = api_value


def field_changes(params, record, lookups, releases):
    """Compare the options a task sets with ``record`` (None when creating); resolve names only when needed."""
    changes = FieldChanges()
    record = record or {}
    for option, (field, id_field, kind) in FIELDS.items():
        if params.get(option) is None:
            continue
        wanted = desired_value(option, params[option])
        current = record.get(field)
        if record and same(option, current, wanted):
            continue
        if id_field is None:
            changes.add(option, current, wanted, field, wanted)
            continue
        if wanted is None:
            if option in ("release_type", "status", "risk_level", "organization"):
                raise ValidationError("%s cannot be cleared: Plutora requires a release to have one" % option)
            if record and record.get(id_field) is None:
                continue
            changes.add(option, current, None, id_field, "")
            continue
        resolved_id, shown = resolve(option, kind, wanted, lookups, releases)
        if record and record.get(id_field) == resolved_id:
            continue  # named differently (e.g. a manager by e-mail) but the same record
        changes.add(option, current, shown, id_field, resolved_id)
    return changes


def resolve(option, kind, wanted, lookups, releases):
    """(id, display name) for a name-valued option."""
    if kind == "organization":
        item = lookups.organization(wanted, option)
        return item["id"], item["name"]
    if kind == "user":
        item = lookups.user(wanted, option)
        return item["id"], ("%s %s" % (item.get("firstName") or "", item.get("lastName") or "")).strip()
    if kind == "release":
        parent = releases.find(wanted)
        if parent is None:
            raise ValidationError("parent_release %r matches no release identifier" % wanted)
        return parent["id"], parent["identifier"]
    item = lookups.value(kind, wanted, option)
    return item["id"], item["value"]


def custom_field_changes(wanted, current_items, lookups):
    """Changes to custom fields by name: (items to send, before, after). Definitions are read only to write."""
    if not wanted:
        return [], {}, {}
    by_name = dict((item["name"].lower(), item) for item in current_items or [])
    definitions = None
    send, before, after = [], {}, {}
    for label, value in wanted.items():
        item = by_name.get(str(label).lower())
        if item is None and not current_items:
            definitions = definitions or dict((f["name"].lower(), f) for f in lookups.fields())
            item = definitions.get(str(label).lower())
        if item is None:
            names = [i["name"] for i in (current_items or lookups.fields())]
            raise ValidationError("additional_information: %r is not a release custom field; valid: %s"
                                  % (label, ", ".join(sorted(names))))
        option = "additional_information.%s" % item["name"]
        kind = item["dataType"]
        new = _normal_custom(kind, value, option)
        old = _current_custom(kind, item) if current_items else None
        if current_items and old == new:
            continue
        definitions = definitions or dict((f["name"].lower(), f) for f in lookups.fields())
        send.append(_custom_item(definitions[item["name"].lower()], kind, new, option))
        before[item["name"]] = old
        after[item["name"]] = new
    return send, before, after


def _normal_custom(kind, value, option):
    if kind == "Number":
        return normalize.integer(value, option)
    if kind == "Decimal":
        return normalize.decimal(value, option)
    if kind == "DatePicker":
        return normalize.date_only(value, option)
    if kind == "TimePicker":
        return normalize.time_of_day(value, option)
    if kind == "DateTimePicker":
        return normalize.date_time(value, option)
    if kind == "ListField":
        return normalize.name(value)
    if kind == "ListSelect":
        return normalize.name_list(value)
    return normalize.text(value)


def _current_custom(kind, item):
    raw = item.get(VALUE_KEYS.get(kind, "text"))
    if kind == "ListField":
        return normalize.name((raw or {}).get("value"))
    if kind == "ListSelect":
        return normalize.name_list([i.get("value") for i in raw or []]) if raw else None
    return _normal_custom(kind, raw, "current value")


def _custom_item(definition, kind, value, option):
    key = VALUE_KEYS.get(kind, "text")
    items = dict((i["value"].lower(), i["id"]) for i in definition.get("listItems") or [])
    if kind in ("ListField", "ListSelect") and value:
        unknown = [v for v in (value if kind == "ListSelect" else [value]) if v not in items]
        if unknown:
            raise ValidationError("%s: %s not in the list; valid: %s" % (
                option, ", ".join(repr(u) for u in unknown),
                ", ".join(i["value"] for i in definition.get("listItems") or [])))
        value = [{"id": items[v]} for v in value] if kind == "ListSelect" else {"id": items[value]}
    return {"id": definition["id"], key: value}


def system_changes(wanted, current, purge):
    """(to add, to update, to remove, before, after) for the release's systems, matched by system name."""
    by_name = dict(((link.get("system") or "").lower(), link) for link in current or [])
    add, update, before, after = [], [], {}, {}
    seen = set()
    for entry in wanted or []:
        key = entry["name"].lower()
        seen.add(key)
        link = by_name.get(key)
        target = {"role": entry.get("role") or (link or {}).get("systemRoleType") or "Impact",
                  "dependency_type": entry.get("dependency_type") if entry.get("dependency_type") is not None
                  else (link or {}).get("systemRoleDependencyType"),
                  "deployment_status": entry.get("deployment_status") if entry.get("deployment_status") is not None
                  else (link or {}).get("deploymentStatus")}
        if link is None:
            add.append((entry, target))
            after[entry["name"]] = target
            continue
        now = {"role": link.get("systemRoleType"), "dependency_type": link.get("systemRoleDependencyType"),
               "deployment_status": link.get("deploymentStatus")}
        if normalize.name(now["role"]) != normalize.name(target["role"]) or \
                normalize.name(now["dependency_type"]) != normalize.name(target["dependency_type"]) or \
                (now["deployment_status"] or None) != (target["deployment_status"] or None):
            update.append((link, entry, target))
            before[link["system"]] = now
            after[link["system"]] = target
    remove = []
    if purge:
        for key, link in by_name.items():
            if key not in seen:
                remove.append(link)
                before[link["system"]] = {"role": link.get("systemRoleType"),
                                          "dependency_type": link.get("systemRoleDependencyType"),
                                          "deployment_status": link.get("deploymentStatus")}
                after[link["system"]] = None
    return add, update, remove, before, after
