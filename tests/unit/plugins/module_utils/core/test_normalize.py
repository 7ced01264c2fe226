# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The normalisation that both the idempotency check and --diff use, one test per type."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.relops.itsm.plugins.module_utils.core import normalize
from ansible_collections.relops.itsm.plugins.module_utils.core.errors import ValidationError


def test_text_colour_name_and_lists():
    assert normalize.text("  x ") == "x" and normalize.text("") is None and normalize.text(None) is None
    assert normalize.colour("#ABC") == normalize.colour("#aabbcc") == "#aabbcc"
    assert normalize.colour("#8FCD50") == "#8fcd50"
    assert normalize.name(" Minor ") == normalize.name("minor")
    assert normalize.name_list(["EMEA", "apac", "emea"]) == ["apac", "emea"]
    assert normalize.time_of_day("9:05") == "09:05:00" and normalize.time_of_day("22:30:00.1234567") == "22:30:00"
    assert normalize.integer("21") == 21 and normalize.integer(21.0) == 21 and normalize.decimal("1.50") == 1.5
    assert normalize.enum("not_is_project", ("IsProject", "NotIsProject", "None"), "x") == "NotIsProject"
    for call in (lambda: normalize.integer("many", "Story Points"), lambda: normalize.integer(2.5, "Story Points"),
                 lambda: normalize.integer(True, "Story Points"), lambda: normalize.time_of_day("25:00", "t")):
        with pytest.raises(ValidationError):
            call()


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e400", float("nan"), float("inf")])
def test_numbers_must_be_finite(value):
    for parse in (normalize.integer, normalize.decimal):
        with pytest.raises(ValidationError) as caught:
            parse(value, "additional_information.Story Points")
        assert caught.value.message.startswith("additional_information.Story Points")


@pytest.mark.parametrize("value", ["red", "#12345", "#ggg", "12ab34", "#1234567"])
def test_a_colour_option_must_be_hexadecimal(value):
    with pytest.raises(ValidationError) as caught:
        normalize.colour(value, "display_color")
    assert caught.value.message.startswith("display_color %r is not a colour" % value)
    assert normalize.colour(value) == value.lower()  # what the server holds is compared, never refused
