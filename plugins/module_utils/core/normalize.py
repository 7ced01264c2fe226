# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""One normalisation per value type, used by BOTH the idempotency comparison and --diff.

Vendor APIs answer dates in UTC without a zone, colours in whatever case they were sent, and empty text as
null or "" interchangeably; comparing raw values would report changes that are not there. This module is also
the one date parser of the collection: every option that takes a date goes through ``date_time``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import math
import re

from ansible_collections.relops.itsm.plugins.module_utils.core.errors import ValidationError

GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")

_DATE_TIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})"
                        r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?$")


def text(value):
    """Text: None and "" are the same; surrounding white space is not significant."""
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def name(value):
    """A looked-up name (type, status, organisation ...): compared case-insensitively."""
    value = text(value)
    return value.lower() if value else None


def colour(value, field=None):
    """#RGB and #RRGGBB in any case: compared as lower-case #rrggbb. With ``field``, anything else is refused."""
    value = text(value)
    if value is None:
        return None
    if field and not _COLOUR.match(value):
        raise ValidationError("%s %r is not a colour; give #rgb or #rrggbb in hexadecimal, for example #1f77b4"
                              % (field, value))
    short = re.match(r"^#([0-9a-fA-F])([0-9a-fA-F])([0-9a-fA-F])$", value)
    if short:
        value = "#" + "".join(c * 2 for c in short.groups())
    return value.lower()


def date_time(value, field="date"):
    """A date or date-time -> UTC ``YYYY-MM-DDTHH:MM:SS``. No zone means UTC; a date alone means midnight UTC.

    Parsed with one pattern rather than ``fromisoformat`` so that every Python from 3.8 reads ``Z``, ``+0100`` and
    7-digit fractions the same way; fractions of a second are dropped (the vendor APIs answer whole seconds).
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        parsed = value
    elif isinstance(value, datetime.date):
        parsed = datetime.datetime(value.year, value.month, value.day)
    else:
        match = _DATE_TIME.match(str(value).strip())
        try:
            if not match:
                raise ValueError(value)
            year, month, day, hour, minute, second = (int(g or 0) for g in match.group(1, 2, 3, 4, 5, 6))
            parsed = datetime.datetime(year, month, day, hour, minute, second)
        except ValueError:
            raise ValidationError("%s %r is not a date (YYYY-MM-DD) or an ISO 8601 date-time such as "
                                  "2026-12-12T18:00:00Z" % (field, value))
        parsed = _to_utc(parsed, match.group(7), field, value)
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return "%04d-%02d-%02dT%02d:%02d:%02d" % (parsed.year, parsed.month, parsed.day, parsed.hour, parsed.minute,
                                              parsed.second)


def _to_utc(parsed, zone, field, value):
    if not zone or zone in ("Z", "z"):
        return parsed
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 23 or minutes > 59:
        raise ValidationError("%s %r has a time zone offset out of range" % (field, value))
    try:
        return parsed - sign * datetime.timedelta(hours=hours, minutes=minutes)
    except OverflowError:
        raise ValidationError("%s %r is out of range: in UTC it falls outside the years 1 to 9999" % (field, value))


def utc(value):
    """A date-time as results show it: UTC ISO 8601 with a ``Z`` (``2026-12-17T20:00:00Z``), which every date
    option takes back as it is. A value that is no date-time is shown as it came rather than failing a read."""
    try:
        normal = date_time(value)
    except ValidationError:
        return value
    return normal + "Z" if normal else None


def now_text():
    """The current time as UTC ``YYYY-MM-DDTHH:MM:SS``."""
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")


def date_only(value, field="date"):
    normal = date_time(value, field)
    return normal[:10] + "T00:00:00" if normal else None


def time_of_day(value, field="time"):
    if value is None or value == "":
        return None
    match = _TIME.match(str(value).strip())
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59 or int(match.group(3) or 0) > 59:
        raise ValidationError("%s %r is not a time of day (HH:MM or HH:MM:SS)" % (field, value))
    return "%02d:%02d:%02d" % (int(match.group(1)), int(match.group(2)), int(match.group(3) or 0))


def integer(value, field="value"):
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValidationError("%s %r is not a whole number" % (field, value))
    number = _finite(value, field, "whole number")
    if number != int(number):
        raise ValidationError("%s %r is not a whole number" % (field, value))
    return int(number)


def _finite(value, field, what):
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        raise ValidationError("%s %r is not a %s" % (field, value, what))
    if math.isnan(number) or math.isinf(number):
        raise ValidationError("%s %r is not a %s: it must be finite" % (field, value, what))
    return number


def decimal(value, field="value"):
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValidationError("%s %r is not a number" % (field, value))
    return _finite(value, field, "number")


def name_list(value):
    """A multi-select: the set of names, case-insensitively, in a stable order."""
    if value is None:
        return None
    values = value if isinstance(value, (list, tuple)) else [value]
    return sorted(set(name(v) for v in values if name(v)))


def enum(value, choices, field):
    """snake_case or the vendor's PascalCase -> the vendor's spelling; e.g. not_is_project -> NotIsProject."""
    if value is None:
        return None
    wanted = re.sub(r"[_\s-]", "", str(value)).lower()
    for choice in choices:
        if choice.lower() == wanted:
            return choice
    raise ValidationError("%s %r is not valid; valid: %s" % (field, value, ", ".join(choices)))
