# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The vendor's search filters (``POST /<entity>/filter``): names, operators and value types checked before sending."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import re

from ansible_collections.relops.itsm.plugins.module_utils.core.errors import ValidationError
from ansible_collections.relops.itsm.plugins.module_utils.core.normalize import GUID, date_time

OPERATORS = ("Equals", "NotEquals", "Contains", "NotContains", "GreaterThan", "GreaterOrEqual", "LessThan",
             "LessOrEqual")
_TEXT_ONLY = ("Contains", "NotContains")


def camel(name):
    """``last_modified_date`` -> ``lastModifiedDate``; camelCase passes through."""
    head, _sep, tail = name.partition("_")
    if not tail:
        return name
    return head + "".join(part[:1].upper() + part[1:] for part in tail.split("_"))


def _canonical(value, choices, what, where):
    for choice in choices:
        if str(value).lower() == choice.lower():
            return choice
    raise ValidationError("%s.%s %r is not valid; valid %s: %s"
                          % (where, what, value, "properties" if what == "property" else what + "s", ", ".join(sorted(choices, key=str.lower))))


def _check_value(prop, kind, operator, value, label):
    where = label + ".value"
    if operator in _TEXT_ONLY and kind != "text":
        raise ValidationError("%s: operator %s works on text properties only; %s is a %s"
                              % (label, operator, prop, kind))
    if value is None:
        raise ValidationError("%s is required for property %s" % (where, prop))
    text = str(value)
    if kind == "integer":
        if isinstance(value, bool) or not re.match(r"^-?\d+$", text):
            raise ValidationError("%s %r is not a whole number, which property %s needs" % (where, value, prop))
    elif kind == "guid":
        if not GUID.match(text):
            raise ValidationError("%s %r is not a GUID (like 9d18a2dc-b694-4b20-971f-4944420f4038), which property %s "
                                  "needs" % (where, value, prop))
    elif kind == "datetime":
        if isinstance(value, (datetime.date, datetime.datetime)):
            return value.isoformat()
        try:
            date_time(text, where)
        except ValidationError:
            raise ValidationError("%s %r is not a date (YYYY-MM-DD or an ISO 8601 date-time), which property %s needs"
                                  % (where, value, prop))
    return text


def build_search_filters(filters, properties, direction="ASC", option="search_filters"):
    """Validate user filters against ``properties`` (name -> type) and return the vendor's ``searchFilters``.

    Messages name the filter as ``<option>[<index>]``.
    """
    result = []
    for index, item in enumerate(filters or []):
        label = "%s[%d]" % (option, index)
        prop = _canonical(camel(str(item.get("property") or "")), list(properties), "property", label)
        operator = _canonical(item.get("operator") or "Equals", OPERATORS, "operator", label)
        value = _check_value(prop, properties[prop], operator, item.get("value"), label)
        result.append({"property": prop, "operator": operator, "value": value,
                       "direction": (item.get("direction") or direction).upper()})
    return result
