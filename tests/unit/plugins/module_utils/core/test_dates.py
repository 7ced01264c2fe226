# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one date parser, on every Python the modules support.

Written with unittest alone so that ``make test`` can run it with each interpreter the sanity step uses
(3.8 to 3.13), where pytest is not installed; pytest collects it too.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import unittest

from ansible_collections.relops.itsm.plugins.module_utils.core import normalize
from ansible_collections.relops.itsm.plugins.module_utils.core.errors import ValidationError

GOOD = [
    ("2026-12-17", "2026-12-17T00:00:00"),
    ("2026-12-17T20:00:00", "2026-12-17T20:00:00"),
    ("2026-12-17T20:00:00Z", "2026-12-17T20:00:00"),
    ("2026-12-17T21:00:00+01:00", "2026-12-17T20:00:00"),
    ("2026-12-18T01:30:00+05:30", "2026-12-17T20:00:00"),
    ("2026-12-17T20:00:00.1234567+00:00", "2026-12-17T20:00:00"),
    ("2026-12-17T21:00:00+0100", "2026-12-17T20:00:00"),
    ("2026-11-22T14:30:00+0100", "2026-11-22T13:30:00"),
    ("2026-12-17T15:00-05", "2026-12-17T20:00:00"),
    ("2026-12-17 20:00", "2026-12-17T20:00:00"),
    ("2026-12-31T23:30:00-01:00", "2027-01-01T00:30:00"),
    ("0001-01-01T00:00:00", "0001-01-01T00:00:00"),
    (datetime.date(2026, 12, 17), "2026-12-17T00:00:00"),
    (None, None),
    ("", None),
]
BAD = ["next tuesday", "2026-02-30", "17/12/2026", "2026-12-17T25:00:00", "yesterday", "0000-01-01"]
OUT_OF_RANGE = ["0001-01-01T00:00:00+01:00", "9999-12-31T23:30:00-01:00", "2026-12-17T20:00:00+25:00"]


class DateParserTest(unittest.TestCase):

    def test_dates_are_utc_without_zone(self):
        for value, expected in GOOD:
            self.assertEqual(normalize.date_time(value), expected, value)

    def test_bad_date_names_the_field(self):
        for value in BAD:
            with self.assertRaises(ValidationError) as caught:
                normalize.date_time(value, "implementation_date")
            self.assertTrue(caught.exception.message.startswith(
                "implementation_date %r is not a date (YYYY-MM-DD)" % value), caught.exception.message)

    def test_out_of_range_names_the_field(self):
        for value in OUT_OF_RANGE:
            with self.assertRaises(ValidationError) as caught:
                normalize.date_time(value, "executed_at")
            self.assertTrue(caught.exception.message.startswith("executed_at %r" % value), caught.exception.message)

    def test_date_only(self):
        self.assertEqual(normalize.date_only("2026-12-17T23:00:00-02:00"), "2026-12-18T00:00:00")


if __name__ == "__main__":
    unittest.main()
