# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The client-side request budget: a sliding hour, shared through the store."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.relops.itsm.plugins.module_utils.core import errors
from ansible_collections.relops.itsm.plugins.module_utils.core.budget import RequestBudget
from ansible_collections.relops.itsm.plugins.module_utils.core.filestore import FileStore


class Clock:
    def __init__(self):
        self.now = 1000000.0
        self.slept = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(seconds)
        self.now += seconds


def _budget(store, client, limit, clock):
    return RequestBudget(store, ("https://api", client), limit, setting="rate_limit (PLUTORA_RATE_LIMIT)",
                         sleep=clock.sleep, clock=clock)


def test_budget_waits_for_the_oldest_minute_then_fails_when_far(tmp_path):
    clock = Clock()
    budget = _budget(FileStore(str(tmp_path)), "CLIENT", 3, clock)
    for dummy in range(3):
        budget.take()
    assert clock.slept == []
    # The window is full; the oldest bucket frees up an hour after its last possible request, far away.
    with pytest.raises(errors.ThrottledError) as caught:
        budget.take()
    assert "3 requests per hour" in caught.value.message and "PLUTORA_RATE_LIMIT" in caught.value.message
    # The bucket began at 999960 s and may hold a request of 1000019 s: it frees up at 1003620 s.
    clock.now += 3560
    budget.take()
    assert clock.slept == [60.0]


def test_budget_is_at_least_as_strict_as_a_sliding_hour(tmp_path):
    """A request late in a minute is still counted a full hour after it was made."""
    clock = Clock()
    clock.now = 1000019.0  # the last second of the bucket that began at 999960
    budget = _budget(FileStore(str(tmp_path)), "CLIENT", 1, clock)
    budget.take()
    clock.now += 3600 - 1  # 59 min 59 s later: a sliding hour still holds that request, so it waits
    budget.take()
    assert len(clock.slept) == 1 and clock.slept[0] >= 1


def test_budget_is_shared_through_the_store(tmp_path):
    clock = Clock()
    first = _budget(FileStore(str(tmp_path)), "CLIENT", 2, clock)
    second = _budget(FileStore(str(tmp_path)), "CLIENT", 2, clock)
    other = _budget(FileStore(str(tmp_path)), "OTHER", 2, clock)
    first.take()
    second.take()
    other.take()
    with pytest.raises(errors.ThrottledError):
        first.take()


def test_budget_zero_is_unlimited():
    budget = _budget(FileStore(None), "CLIENT", 0, Clock())
    for dummy in range(100):
        budget.take()


def test_a_damaged_budget_file_counts_as_empty(tmp_path):
    store = FileStore(str(tmp_path))
    clock = Clock()
    budget = _budget(store, "CLIENT", 2, clock)
    store.write(budget.key, {"999960": "many", "x": 1})
    budget.take()
    budget.take()
