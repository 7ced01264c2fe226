# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Date-times as SDP shows them: ``{"display_value", "value"}``, ``value`` epoch milliseconds as text (1.1)."""

import datetime
import time

from .envelope import failed


def now_ms():
    return int(time.time() * 1000)


def display(ms):
    """The server's own rendering (UTC, the default format; 2.5: it recomputes what a client sent)."""
    moment = datetime.datetime.fromtimestamp(int(ms) / 1000.0, datetime.timezone.utc)
    return "%s %d, %s" % (moment.strftime("%b"), moment.day, moment.strftime("%Y %I:%M %p"))


def date_time(ms):
    return {"display_value": display(ms), "value": str(int(ms))}


def with_parts(ms):
    """History's ``time``: the date-time plus ``date`` and ``time`` strings (1.3 item 5)."""
    shown = date_time(ms)
    shown["date"], shown["time"] = shown["display_value"][:-9], shown["display_value"][-8:]
    return shown


def parse_ms(raw, field):
    """Epoch ms (digits, as text or a number) or an ISO 8601 text (9.10: some clients send one) -> int."""
    if isinstance(raw, bool):
        raise failed(4021, "%s.value must be epoch milliseconds" % field, field=field)
    if isinstance(raw, int):
        return raw
    if isinstance(raw, str) and raw.strip().isdigit():
        return int(raw.strip())
    if isinstance(raw, str):
        try:
            moment = datetime.datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
        except ValueError:
            moment = None
        if moment is not None:
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=datetime.timezone.utc)
            return int(moment.timestamp() * 1000)
    raise failed(4021, "%s.value must be epoch milliseconds" % field, field=field)


def read_date_time(value, field):
    """A date-time input: null, or an object whose ``value`` is the instant (``display_value`` ignored)."""
    if value is None:
        return None
    if not isinstance(value, dict) or value.get("value") in (None, ""):
        raise failed(4021, "%s must be an object with value (epoch milliseconds)" % field, field=field)
    return date_time(parse_ms(value["value"], field))
