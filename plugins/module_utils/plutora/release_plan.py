# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a release task wants, compared with what Plutora holds: one ``Plan`` of field edits, custom-field
edits and system edits that drives the writes, check mode and ``--diff`` alike.

Every name is resolved here, before the first write, so a task that would fail on its third write fails before
its first.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.relops.itsm.plugins.module_utils.core import normalize
from ansible_collections.relops.itsm.plugins.module_utils.core.errors import ValidationError
from ansible_collections.relops.itsm.plugins.module_utils.core.fields import Plan
from ansible_collections.relops.itsm.plugins.module_utils.plutora.lookups import full_name
from ansible_collections.relops.itsm.plugins.module_utils.plutora.release_changes import plan_changes
from ansible_collections.relops.itsm.plugins.module_utils.plutora.release_fields import RELEASE
from ansible_collections.relops.itsm.plugins.module_utils.plutora.releases import (
    VALUE_KEYS,
    by_choice_name,
    custom_item,
    link_body,
    list_values,
)


def plan_release(params, record, lookups, releases, current_systems=None, identifier=None, source=None,
                 current_changes=None):
    """The plan for a task's ``params`` against ``record`` (None when creating, then ``identifier`` is set, and
    ``source`` is the release copied, if any); ``current_changes`` are the changes the release delivers, given
    when the task manages them."""
    plan = Plan(creating=record is None)
    for field in RELEASE.compared():
        if params.get(field.option) is not None:
            _field(plan, field, params[field.option], record, lookups, releases)
    if identifier is not None:
        plan.add("identifier", None, identifier, "identifier", identifier)
    _custom_fields(plan, params.get("additional_information"), record, source, lookups)
    _systems(plan, params.get("systems"), current_systems or [], params.get("purge_systems"), lookups)
    if current_changes is not None:
        plan_changes(plan, params.get("changes"), current_changes, params.get("purge_changes"), releases.delivery)
    return plan


def _field(plan, field, value, record, lookups, releases):
    wanted = field.desired(value)
    current = (record or {}).get(field.wire)
    if record and field.same(current, wanted):
        return
    if field.id_wire is None:  # what --diff shows is in the form the option takes, like every result
        plan.add(field.option, field.shown(current), field.shown(wanted), field.wire, wanted)
        return
    if wanted is None:
        if not field.clearable:
            raise ValidationError("%s cannot be cleared: Plutora requires a release to have one" % field.option)
        if not record or record.get(field.id_wire) is not None:
            plan.add(field.option, current, None, field.id_wire, "")
        return
    resolved_id, shown = resolve(field, wanted, lookups, releases)
    if record and record.get(field.id_wire) == resolved_id:
        return  # named differently (e.g. a manager by e-mail) but the same record
    plan.add(field.option, current, shown, field.id_wire, resolved_id)


def resolve(field, wanted, lookups, releases):
    """(id, display name) for a name-valued field."""
    if field.lookup == "organization":
        item = lookups.organization(wanted, field.option)
        return item["id"], item["name"]
    if field.lookup == "user":
        item = lookups.user(wanted, field.option)
        return item["id"], full_name(item)
    if field.lookup == "release":
        parent = releases.find(wanted)
        if parent is None:
            raise ValidationError("%s %r matches no release identifier" % (field.option, wanted))
        return parent["id"], parent["identifier"]
    item = lookups.value(field.lookup, wanted, field.option)
    return item["id"], item["value"]


# --------------------------------------------------------------------- custom fields
def normal_custom(kind, value, option):
    """A custom field's value in the form comparisons use, by the field's data type."""
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


def current_custom(item):
    kind = item["dataType"]
    raw = item.get(VALUE_KEYS.get(kind, "text"))
    if kind == "ListField":
        return normalize.name((raw or {}).get("value"))
    if kind == "ListSelect":
        return normalize.name_list([i.get("value") for i in raw or []]) if raw else None
    return normal_custom(kind, raw, "current value")


def shown_custom(definition, value):
    """A custom field's value for people: list values in the case Plutora spells them."""
    if definition.get("dataType") == "ListField" and value:
        return (list_values(definition, value) or {"value": value})["value"]
    if definition.get("dataType") == "ListSelect" and value:
        return [i["value"] for i in list_values(definition, value)]
    return value


def custom_definitions(record, source, lookups):
    """The custom fields a release takes, each ``{id, name, dataType, ...}``: the record's own items (a release
    lists every custom field of the tenant, set or not), the copied release's when creating a copy, else those of
    another release of the tenant (``Lookups.custom_fields``: no public endpoint lists definitions)."""
    for holder in (record, source):
        if holder and holder.get("additionalInformation"):
            return holder["additionalInformation"]
    return lookups.custom_fields()


def _custom_fields(plan, wanted, record, source, lookups):
    """Custom fields by name, compared with the record's own items (which carry their data types)."""
    if not wanted:
        return
    section = plan.section("additional_information")
    current_items = (record or {}).get("additionalInformation")
    definitions = custom_definitions(record, source, lookups)
    by_name = dict((item["name"].lower(), item) for item in definitions)
    for label, value in wanted.items():
        item = by_name.get(str(label).lower())
        if item is None:
            raise ValidationError("additional_information: %r is not a release custom field; valid: %s"
                                  % (label, ", ".join(sorted(i["name"] for i in definitions)) or "(none)"))
        option = "additional_information.%s" % item["name"]
        new = normal_custom(item["dataType"], value, option)
        if item["dataType"] in ("ListField", "ListSelect"):
            new = by_choice_name(item, new)
        old = current_custom(item) if current_items else None
        if current_items and old == new:
            continue
        section.writes.append(custom_item(item, new, option))
        section.before[item["name"]] = shown_custom(item, old)
        section.after[item["name"]] = shown_custom(item, new)


# --------------------------------------------------------------------- systems
def _link_state(link):
    return {"role": link.get("systemRoleType"), "dependency_type": link.get("systemRoleDependencyType"),
            "deployment_status": link.get("deploymentStatus")}


def _target(entry, link):
    link = link or {}
    return {"role": entry.get("role") or link.get("systemRoleType") or "Impact",
            "dependency_type": entry.get("dependency_type") if entry.get("dependency_type") is not None
            else link.get("systemRoleDependencyType"),
            "deployment_status": entry.get("deployment_status") if entry.get("deployment_status") is not None
            else link.get("deploymentStatus")}


def _differs(now, target):
    return normalize.name(now["role"]) != normalize.name(target["role"]) or \
        normalize.name(now["dependency_type"]) != normalize.name(target["dependency_type"]) or \
        (now["deployment_status"] or None) != (target["deployment_status"] or None)


def _dependency_id(lookups, entry, link, index):
    if entry.get("dependency_type") is None:
        return (link or {}).get("systemRoleDependencyTypeId")
    return lookups.value("SystemRoleDependencyType", entry["dependency_type"],
                         "systems[%d].dependency_type" % index)["id"]


def _systems(plan, wanted, current, purge, lookups):
    """System links matched by system name: adds and updates with their ids resolved, removals when purging."""
    section = plan.section("systems")
    by_name = dict(((link.get("system") or "").lower(), link) for link in current)
    seen = set()
    for index, entry in enumerate(wanted or []):
        key = entry["name"].lower()
        seen.add(key)
        link = by_name.get(key)
        target = _target(entry, link)
        if link is None:
            system_id = lookups.system(entry["name"], "systems[%d].name" % index)["id"]
            section.writes.append(("add", link_body(system_id, target, _dependency_id(lookups, entry, None, index))))
            section.after[entry["name"]] = target
        elif _differs(_link_state(link), target):
            body = link_body(link["systemId"], target, _dependency_id(lookups, entry, link, index))
            section.writes.append(("update", body))
            section.before[link["system"]] = _link_state(link)
            section.after[link["system"]] = target
    if purge:
        for key, link in by_name.items():
            if key not in seen:
                section.writes.append(("remove", link["systemId"]))
                section.before[link["system"]] = _link_state(link)
                section.after[link["system"]] = None


def prediction(releases, lookups, record, plan, source=None):
    """What a real run would return, for check mode: definitions are needed only when custom fields change."""
    changing = plan.section("additional_information").after
    definitions = custom_definitions(record, source, lookups) if changing else []
    return releases.predict(record, plan, definitions, source)
