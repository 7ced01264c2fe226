# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What an SDP release task wants, compared as SDP compares, with what the server holds: one ``Plan`` of field
edits (and user-defined fields) that drives the writes, check mode and ``--diff`` alike.

Names are compared case-insensitively with the record's (no catalogue read for an unchanged field), users by name
or e-mail, date-times as instants to the second, grouped fields (roll-out plan ...) by their text, lists of
services and assets as sets. Every name that changes is checked before the first write.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.relops.itsm.plugins.module_utils.core import normalize
from ansible_collections.relops.itsm.plugins.module_utils.core.errors import ValidationError
from ansible_collections.relops.itsm.plugins.module_utils.core.fields import Plan
from ansible_collections.relops.itsm.plugins.module_utils.sdp.release_fields import FLAGS, GROUPED, LISTS, RELEASE
from ansible_collections.relops.itsm.plugins.module_utils.sdp.releases import epoch_ms, to_options, wire_date

# What a user-defined field's type compares as.
UDF_KINDS = {"long": "integer", "integer": "integer", "double": "decimal", "decimal": "decimal",
             "datetime": "date", "date": "date", "boolean": "bool", "bool": "bool"}


def _user_same(record_user, wanted):
    if not isinstance(record_user, dict):
        return wanted is None
    wanted = normalize.name(wanted)
    return wanted in (normalize.name(record_user.get("name")), normalize.name(record_user.get("email_id")))


def _name_value(field, wanted, lookups, params):
    """(wire value, shown name) of a name field, checked in its catalogue when the server has one."""
    if field.option == "status":
        item = lookups.status(wanted, "status")
    else:
        item = lookups.match(field.lookup, wanted, field.option)
    if item is None:
        return ({"email_id": wanted} if field.lookup == "user" and "@" in wanted else {"name": wanted}), wanted
    return {"name": item["name"]}, item["name"]


def plan_release(params, record, lookups):
    """The plan for a task's ``params`` against the wire ``record`` (None when creating)."""
    plan = Plan(creating=record is None)
    current = to_options(record) if record is not None else {}
    for field in RELEASE.compared():
        value = params.get(field.option)
        if value is None:
            continue
        before = current.get(field.option)
        if field.option in FLAGS:
            if record is None or before != value:
                plan.add(field.option, before, value, field.wire, value)
            continue
        if field.compare == "date":
            wanted = field.desired(value)
            if record is None or normalize.date_time(before) != wanted:
                plan.add(field.option, before, wanted, field.wire, {"value": epoch_ms(wanted)} if wanted else None)
            continue
        wanted = normalize.text(value)
        if field.compare == "text":
            if record is None or normalize.text(before) != wanted:
                wire = {"description": wanted} if field.option in GROUPED else wanted
                plan.add(field.option, before, wanted, field.wire, wire)
            continue
        # A looked-up name.
        if wanted is None:
            if not field.clearable:
                raise ValidationError("%s cannot be cleared: an SDP release always has one" % field.option)
            if before is not None:
                plan.add(field.option, before, None, field.wire, None)
            continue
        if record is not None:
            same = _user_same(record.get(field.wire), wanted) if field.lookup == "user" else \
                normalize.name(before) == normalize.name(wanted)
            if same:
                continue
        wire, shown = _name_value(field, wanted, lookups, params)
        if record is not None and field.lookup == "user" and _user_same(record.get(field.wire), shown):
            continue
        plan.add(field.option, before, shown, field.wire, wire)
    title = " ".join(str(params.get("title") or "").split())
    if record is not None and title and (params.get("id") or params.get("key_field")) and \
            title != record.get("title"):
        plan.add("title", record.get("title"), title, "title", title)  # found by id or key field: a rename
    _lists(plan, params, current, record, lookups)
    _udfs(plan, params.get("udf_fields"), record, lookups)
    return plan


def settle_names(plan, record):
    """After the writes, the names a diff shows as SDP spells them (the task may have written "high")."""
    current = to_options(record)
    for edit in plan.edits:
        field = RELEASE.by_option.get(edit.option)
        if field is not None and field.lookup == "user" and edit.after is not None and \
                _user_same(record.get(field.wire), edit.after):
            edit.after = current.get(edit.option)  # named by e-mail: shown by name
        elif edit.after is not None and current.get(edit.option) is not None and \
                normalize.name(str(current[edit.option])) == normalize.name(str(edit.after)):
            edit.after = current[edit.option]
        elif isinstance(edit.after, list) and normalize.name_list(edit.after) == \
                normalize.name_list(current.get(edit.option)):
            edit.after = current[edit.option]


def _lists(plan, params, current, record, lookups):
    for option, wire in LISTS.items():
        value = params.get(option)
        if value is None:
            continue
        wanted = normalize.name_list(value)
        if record is not None and normalize.name_list(current.get(option)) == wanted:
            continue
        shown = []
        for index, name in enumerate(value):
            if normalize.name(name) is None:
                continue
            item = lookups.match(option, name, "%s[%d]" % (option, index))
            shown.append(item["name"] if item else str(name).strip())
        plan.add(option, current.get(option) if record is not None else None, shown, wire,
                 [{"name": n} for n in shown])


def udf_value(kind, value, option):
    """A user-defined field's value in the form comparisons use, by the field's type."""
    kind = UDF_KINDS.get(str(kind or "").lower(), "text")
    if kind == "integer":
        return normalize.integer(value, option)
    if kind == "decimal":
        return normalize.decimal(value, option)
    if kind == "date":
        return normalize.date_time(wire_date(value) if isinstance(value, dict) else value, option)
    if kind == "bool":
        if value in (None, ""):
            return None
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text not in ("true", "false", "yes", "no"):
            raise ValidationError("%s %r is not true or false" % (option, value))
        return text in ("true", "yes")
    return normalize.text(value)


def udf_wire(kind, value):
    if value is not None and UDF_KINDS.get(str(kind or "").lower()) == "date":
        return {"value": epoch_ms(value)}
    return value


def record_udfs(record):
    """A record's user-defined fields ``{api name: value}`` (inside ``udf_fields`` or top-level ``udf_*``)."""
    record = record or {}
    found = dict((k, v) for k, v in record.items() if str(k).startswith("udf_") and k != "udf_fields")
    if isinstance(record.get("udf_fields"), dict):
        found.update(record["udf_fields"])
    return found


def _udfs(plan, wanted, record, lookups):
    """User-defined fields by their display names; the edit carries them in ``udf_fields``."""
    if not wanted:
        return
    definitions = lookups.udf_definitions()
    section = plan.section("udf_fields")
    values = record_udfs(record)
    for label, value in wanted.items():
        definition = definitions.get(str(label).strip().lower())
        if definition is None:
            raise ValidationError("udf_fields: %r is not a user-defined release field; valid: %s"
                                  % (label, ", ".join(sorted(str(d.get("display_name")) for d in
                                                             definitions.values())) or "(none)"))
        option = "udf_fields.%s" % definition.get("display_name")
        new = udf_value(definition.get("type"), value, option)
        old = udf_value(definition.get("type"), values.get(definition["name"]), option) if record else None
        if record is not None and old == new:
            continue
        section.writes.append((definition["name"], udf_wire(definition.get("type"), new)))
        section.before[definition.get("display_name")] = old
        section.after[definition.get("display_name")] = new


def wire_body(plan, params):
    """The fields a create or an edit sends; a stage or status change carries its comment."""
    body = plan.wire()
    body.pop("release_engineer", None)
    udfs = plan.section("udf_fields").writes if "udf_fields" in plan.sections else []
    if udfs:
        body["udf_fields"] = dict(udfs)
    if ("stage" in body or "status" in body) and not plan.creating:
        body["comment"] = params.get("status_comment") or "Stage/status set by Ansible (relops.itsm.sdp_release)"
    elif params.get("status_comment") and plan.creating:
        body["comment"] = params["status_comment"]
    return body
