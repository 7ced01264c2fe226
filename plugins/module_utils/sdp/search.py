# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""SDP's ``search_criteria`` dialect (sdp-api.md 4.3), written in the release module's option names.

A user criterion ``{field, condition, value | values, logical_operator, children}`` names a field as the release
module's option does (``priority``, ``scheduled_start_time``); it becomes the vendor's dotted path (``priority.name``)
with its value in the vendor's type (epoch milliseconds for date-times). Conditions are checked against the
vendor's table and its short forms before anything is sent; messages name ``<option>[<index>]``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.relops.itsm.plugins.module_utils.core import normalize
from ansible_collections.relops.itsm.plugins.module_utils.core.errors import ValidationError
from ansible_collections.relops.itsm.plugins.module_utils.sdp.release_fields import RELEASE
from ansible_collections.relops.itsm.plugins.module_utils.sdp.releases import epoch_ms

# The vendor's operators and their short forms (sdp-api.md 4.3).
CONDITIONS = {
    "is": ("=", "eq", "equals"),
    "is not": ("!=", "neq", "not equals"),
    "greater than": ("gt", ">"),
    "greater or equal": ("gte", ">="),
    "lesser than": ("lt", "<", "less than"),
    "lesser or equal": ("lte", "<=", "less or equal"),
    "between": (),
    "not between": (),
    "starts with": (),
    "ends with": (),
    "contains": (),
    "not contains": (),
}
TEXT_ONLY = ("starts with", "ends with", "contains", "not contains")
RANGES = ("between", "not between")
# option -> (vendor path, value type): the table's searchable fields, looked-up names by their name.
FIELDS = dict((f.option or f.wire, (f.wire + ".name" if f.search == "name" else f.wire, f.search))
              for f in RELEASE.fields if f.search)
SORTABLE = ("created_time", "completed_time", "scheduled_start_time", "scheduled_end_time", "id", "title",
            "priority", "status", "stage")


def condition(value, label):
    wanted = " ".join(str(value or "is").replace("_", " ").lower().split())
    for name, short in CONDITIONS.items():
        if wanted == name or wanted in short:
            return name
    raise ValidationError("%s.condition %r is not valid; valid conditions: %s (or their short forms =, !=, eq, "
                          "neq, gt, gte, lt, lte)" % (label, value, ", ".join(CONDITIONS)))


def field(value, label):
    wanted = str(value or "").strip().lower()
    if wanted in FIELDS:
        return wanted
    raise ValidationError("%s.field %r is not a searchable release field; valid fields: %s"
                          % (label, value, ", ".join(sorted(FIELDS))))


def _one(value, kind, label, name):
    where = label + ".value"
    if isinstance(value, (dict, list, tuple)):
        raise ValidationError("%s must be a single value for field %s" % (where, name))
    if kind == "datetime":
        return epoch_ms(normalize.date_time(value, where))
    if kind == "bool":
        text = str(value).strip().lower()
        if text not in ("true", "false", "yes", "no"):
            raise ValidationError("%s %r is not true or false, which field %s needs" % (where, value, name))
        return text in ("true", "yes")
    if kind == "id" and not str(value).strip().isdigit():
        raise ValidationError("%s %r is not a release id (digits), which field id needs" % (where, value))
    return str(value)


def criterion(item, label):
    """One user criterion (and its children) as the vendor takes it."""
    if not isinstance(item, dict):
        raise ValidationError("%s must be a dictionary with field, condition and value" % label)
    unknown = sorted(set(item) - set(("field", "condition", "value", "values", "logical_operator", "children")))
    if unknown:
        raise ValidationError("%s has unknown keys %s; valid: field, condition, value, values, logical_operator, "
                              "children" % (label, ", ".join(unknown)))
    name = field(item.get("field"), label)
    path, kind = FIELDS[name]
    cond = condition(item.get("condition"), label)
    if cond in TEXT_ONLY and kind not in ("text", "name"):
        raise ValidationError("%s: condition %s works on text and names only; %s is a %s"
                              % (label, cond, name, "date-time" if kind == "datetime" else kind))
    result = {"field": path, "condition": cond}
    values = item.get("values")
    if values is None and isinstance(item.get("value"), (list, tuple)):
        values = item["value"]
    if values is not None:
        if not isinstance(values, (list, tuple)) or not values:
            raise ValidationError("%s.values must be a non-empty list" % label)
        result["values"] = [_one(v, kind, label, name) for v in values]
    elif item.get("value") is None:
        raise ValidationError("%s.value (or values) is required for field %s" % (label, name))
    else:
        result["value"] = _one(item["value"], kind, label, name)
    if cond in RANGES and len(result.get("values") or []) != 2:
        raise ValidationError("%s: condition %s needs values with exactly two items, the range's ends" % (label, cond))
    operator = item.get("logical_operator")
    if operator is not None:
        if str(operator).lower() not in ("and", "or"):
            raise ValidationError("%s.logical_operator %r is not valid; valid: and, or" % (label, operator))
        result["logical_operator"] = str(operator).lower()
    children = item.get("children")
    if children:
        if not isinstance(children, list):
            raise ValidationError("%s.children must be a list of criteria" % label)
        result["children"] = [criterion(child, "%s.children[%d]" % (label, index))
                              for index, child in enumerate(children)]
    return result


def build_criteria(items, option="search_criteria"):
    """The vendor's ``search_criteria`` (a list) for the task's criteria; None when there are none."""
    if not items:
        return None
    return [criterion(item, "%s[%d]" % (option, index)) for index, item in enumerate(items)]


def build_sort(sort, option="sort"):
    """``(field, order)`` for ``list_info`` from ``{field, order}`` in option names; None without a sort."""
    if not sort:
        return None
    name = str(sort.get("field") or "").strip().lower()
    if name not in SORTABLE:
        raise ValidationError("%s.field %r is not sortable; valid: %s"
                              % (option, sort.get("field"), ", ".join(SORTABLE)))
    return name, (sort.get("order") or "asc").lower()
