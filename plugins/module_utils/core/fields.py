# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Typed field tables and the plan they produce.

One ``FieldTable`` per entity names every field once - its option, its wire field, the id field that carries a
looked-up name, how values compare, its choices, whether a write carries it, how it is searched, whether a create
needs it and whether it can be cleared - and everything else (argument spec, the body of a whole-object write,
searchable properties, required options, comparison) is derived from it. A ``Plan`` is what comparing a task with
a record produces (field edits and sections; the word "changes" is left to the vendors' Change entity); the same
object drives the writes, check mode and ``--diff``.

The same rows turn a vendor record into what a module returns (``FieldTable.to_options``): each field under its
option name, its value in the form the option takes (dates in UTC with a ``Z``, enum choices in snake_case), so a
result can be given back as options. Fields a task cannot set are returned under their ``shown_as`` name.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.relops.itsm.plugins.module_utils.core import normalize

COMPARISONS = ("text", "colour", "date", "enum", "name")


def snake(value):
    """The vendor's PascalCase choice as an option value: ``NotIsProject`` -> ``not_is_project``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", value).lower()


class Field:
    """One field of an entity.

    ``option`` is None for fields that are only searched or read (an id, a modification date); ``key`` marks the
    natural key, which the module handles itself (it finds the record) and the planner does not compare. ``compare`` is one
    of COMPARISONS; ``lookup`` names the table a ``name`` field's value is resolved in; ``choices`` are the vendor's
    spellings of an ``enum``; ``search`` is the searchable value type of ``wire`` (its ``id_wire`` is then
    searchable as a GUID).
    """

    def __init__(self, option, wire, id_wire=None, compare="text", lookup=None, choices=None, writable=True,
                 search="text", required=False, clearable=True, key=False, shown_as=None, read=None):
        if compare not in COMPARISONS:
            raise ValueError("unknown comparison %r for %s" % (compare, wire))
        self.option = option
        self.wire = wire
        self.id_wire = id_wire
        self.compare = compare
        self.lookup = lookup
        self.choices = tuple(choices or ())
        self.writable = writable
        self.search = search
        self.required = required
        self.clearable = clearable
        self.key = key
        self.shown_as = shown_as
        self._read = read

    @property
    def result_name(self):
        """The name the field has in a module's result: its option, else ``shown_as`` (None: not returned)."""
        return self.option or self.shown_as

    def shown(self, value):
        """A wire value in the form the option takes back: what results and ``--diff`` show."""
        if self._read is not None:
            return self._read(value)
        if value in (None, ""):
            return None
        if self.compare == "date":
            return normalize.utc(value)
        if self.compare == "enum":
            return snake(str(value))
        if self.compare == "colour":
            return normalize.colour(value)
        return value

    @property
    def written(self):
        """The wire field a write carries: the id field for looked-up names."""
        return self.id_wire or self.wire

    def option_choices(self):
        return [snake(c) for c in self.choices] if self.compare == "enum" else None

    def desired(self, value):
        """The task's value in the form the comparison uses; None means 'clear'."""
        if self.compare == "date":
            return normalize.date_time(value, self.option)
        if self.compare == "colour":
            return normalize.colour(value, self.option)
        if self.compare == "enum":
            return normalize.enum(value, self.choices, self.option)
        return normalize.text(value)

    def same(self, current, wanted):
        if self.compare == "text":
            return normalize.text(current) == wanted
        if self.compare == "colour":
            return normalize.colour(current) == wanted
        if self.compare == "date":
            return normalize.date_time(current) == wanted
        return normalize.name(current) == normalize.name(wanted)


class FieldTable:
    """The fields of one entity, in the order they are documented and written."""

    def __init__(self, entity, fields, omit_empty=False):
        self.entity = entity
        self.fields = tuple(fields)
        self.omit_empty = omit_empty
        self.by_option = dict((f.option, f) for f in self.fields if f.option)

    def argument_spec(self):
        spec = {}
        for field in self.fields:
            if field.option:
                entry = {"type": "str"}
                if field.option_choices():
                    entry["choices"] = field.option_choices()
                spec[field.option] = entry
        return spec

    def writable(self):
        """Wire fields a whole-object write must carry (the vendor clears what it is not sent)."""
        return tuple(f.written for f in self.fields if f.writable)

    def searchable(self):
        """Searchable wire property -> value type."""
        result = {}
        for field in self.fields:
            if field.search:
                result[field.wire] = field.search
                if field.id_wire:
                    result[field.id_wire] = "guid"
        return result

    def to_options(self, record, only_present=False):
        """A wire record -> ``{result name: shown value}`` in the table's order. A field without a value is null, or
        left out with ``omit_empty`` (for entries given back to options whose choices take no null); with
        ``only_present``, fields the record does not carry at all are left out (a shorter shape of the same entity)."""
        record = record or {}
        shown = ((f.result_name, f.shown(record.get(f.wire))) for f in self.fields
                 if f.result_name and (f.wire in record or not only_present))
        return dict((name, value) for name, value in shown if value is not None or not self.omit_empty)

    def required_on_create(self):
        return tuple(f.option for f in self.fields if f.required)

    def compared(self):
        """The fields a task may set and the planner compares with the record."""
        return tuple(f for f in self.fields if f.option and not f.key)


class FieldEdit:
    """One field that changes: what a person reads (``before``/``after``) and what is sent (``wire``: ``value``)."""

    def __init__(self, option, before, after, wire, value):
        self.option = option
        self.before = before
        self.after = after
        self.wire = wire
        self.value = value


class Section:
    """A group of edits written with calls of their own (custom fields, linked records): a diff and the writes."""

    def __init__(self):
        self.before = {}
        self.after = {}
        self.writes = []

    @property
    def changed(self):
        return bool(self.writes)


class Plan:
    """Everything one task changes on one record; empty when the record already is as the task says."""

    def __init__(self, creating=False):
        self.creating = creating
        self.edits = []
        self.sections = {}

    def add(self, option, before, after, wire, value):
        self.edits.append(FieldEdit(option, before, after, wire, value))

    def section(self, name):
        if name not in self.sections:
            self.sections[name] = Section()
        return self.sections[name]

    def wire(self):
        """The changed fields as the vendor takes them."""
        return dict((c.wire, c.value) for c in self.edits)

    def after_fields(self):
        return dict((c.option, c.after) for c in self.edits)

    @property
    def changed(self):
        return self.creating or bool(self.edits) or any(s.changed for s in self.sections.values())

    def diff(self, before_extra=None, after_extra=None):
        """``{"before", "after"}`` with only what changes: fields by option name, each section under its name."""
        before = {} if self.creating else dict((c.option, c.before) for c in self.edits)
        after = dict((c.option, c.after) for c in self.edits)
        for name, section in self.sections.items():
            if section.after or section.before:
                if not self.creating:
                    before[name] = section.before
                after[name] = section.after
        before.update(before_extra or {})
        after.update(after_extra or {})
        return {"before": before, "after": after}


# The option every module that returns records takes (doc fragment relops.itsm.results).
RAW_OPTION = dict(raw=dict(type="bool", default=False))


def shaped(record, to_options, raw=False):
    """One record as a module returns it: ``to_options(record)``, with the vendor's record under ``raw`` when asked."""
    if record is None:
        return None
    result = to_options(record)
    if raw:
        result["raw"] = record
    return result
