# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one name matcher."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.relops.itsm.plugins.module_utils.core.errors import ValidationError
from ansible_collections.relops.itsm.plugins.module_utils.core.lookup import field, match_one

ITEMS = [{"id": "9D18A2DC-B694-4B20-971F-4944420F4038", "name": "Payments API"},
         {"id": "a2", "name": "Ledger Core"}, {"id": "a3", "name": "ledger core"}]


def test_names_and_ids_match_trimmed_and_case_insensitively():
    assert match_one(ITEMS, "  payments api ", "system", "system", [field("name")])["id"].startswith("9D18")
    assert match_one(ITEMS, "9d18a2dc-b694-4b20-971f-4944420f4038", "system", "system", [field("name")]) is ITEMS[0]
    assert match_one(ITEMS, "A2", "system", "system", [field("name")]) is ITEMS[1]


def test_an_ambiguous_name_is_refused_naming_the_candidates():
    with pytest.raises(ValidationError) as caught:
        match_one(ITEMS, "Ledger Core", "systems[1].name", "Plutora system", [field("name")])
    assert caught.value.message == ("systems[1].name 'Ledger Core' names 2 Plutora systems (ids a2, a3); give the id "
                                    "of the one you mean")


def test_no_match_lists_the_valid_names_once_each_sorted():
    with pytest.raises(ValidationError) as caught:
        match_one(ITEMS, "Mainframe", "system", "Plutora system", [field("name")], hint=" (by name)")
    assert caught.value.message == ("system 'Mainframe' is not a Plutora system (by name); valid: Ledger Core, "
                                    "ledger core, Payments API")


@pytest.mark.parametrize("what, message", [
    ("urgency", "urgency 'Mainframe' is not an urgency; valid: Ledger Core, ledger core, Payments API"),
    ("item", "urgency 'Mainframe' is not an item; valid: Ledger Core, ledger core, Payments API"),
    ("user", "urgency 'Mainframe' is not a user; valid: Ledger Core, ledger core, Payments API"),
])
def test_the_no_match_message_reads_as_english(what, message):
    with pytest.raises(ValidationError) as caught:
        match_one(ITEMS, "Mainframe", "urgency", what, [field("name")])
    assert caught.value.message == message
