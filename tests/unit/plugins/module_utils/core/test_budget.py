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


def test_budget_waits_for_the_oldest_request_then_fails_when_far(tmp_path):
    clock = Clock()
    budget = _budget(FileStore(str(tmp_path)), "CLIENT", 3, clock)
    for dummy in range(3):
        budget.take()
        clock.now += 20
    assert clock.slept == []
    # The window is full; the oldest request frees up an hour after the second it was made in ended, far away.
    with pytest.raises(errors.ThrottledError) as caught:
        budget.take()
    assert "3 requests per hour" in caught.value.message and "PLUTORA_RATE_LIMIT" in caught.value.message
    # The first request was made at 1000000 s (counted until 1000001 s): it frees up at 1003601 s.
    clock.now = 1003601.0 - 30
    budget.take()
    assert clock.slept == [30.0]
    # The two later requests are still counted, and the one just taken: the next waits for the second one.
    budget.take()
    assert clock.slept == [30.0, 20.0]


def test_budget_is_at_least_as_strict_as_a_sliding_hour(tmp_path):
    """A request late in a second is still counted a full hour after it was made."""
    clock = Clock()
    clock.now = 1000019.9
    budget = _budget(FileStore(str(tmp_path)), "CLIENT", 1, clock)
    budget.take()
    clock.now += 3600 - 0.01  # just under an hour later: a sliding hour still holds that request, so it waits
    budget.take()
    assert len(clock.slept) == 1 and clock.slept[0] > 0
    assert clock.now >= 1000019.9 + 3600


def test_a_sliding_hour_never_holds_more_than_the_limit(tmp_path):
    """Requests at irregular times over three hours: no window of an hour ever holds more than the limit."""
    clock = Clock()
    budget = _budget(FileStore(str(tmp_path)), "CLIENT", 5, clock)
    made = []
    step = 0
    while clock.now < 1000000.0 + 3 * 3600:
        try:
            budget.take()
            made.append(clock.now)
        except errors.ThrottledError:
            pass
        step += 1
        clock.now += (step * 7919) % 1700 / 3.0
    assert len(made) > 10
    for index, start in enumerate(made):
        assert len([t for t in made[index:] if t < start + 3600]) <= 5


def test_an_append_reads_nothing_until_the_file_could_be_full(tmp_path):
    """One fixed-width line a request; the file is compacted (expired lines dropped) only once it could be full."""
    clock = Clock()
    budget = _budget(FileStore(str(tmp_path)), "CLIENT", 4, clock)
    path = tmp_path / (budget.key + ".log")
    for dummy in range(4):
        budget.take()
        clock.now += 1000
    assert path.read_bytes().count(b"\n") == 4 and len(path.read_bytes()) == 4 * 11
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    budget.take()  # the file is full: compaction keeps the requests of the last hour, then appends this one
    assert [int(line) for line in path.read_text().split()] == [1001001, 1002001, 1003001, 1004001]


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


def test_budget_without_a_directory_counts_in_memory():
    clock = Clock()
    budget = _budget(FileStore(None), "CLIENT", 2, clock)
    budget.take()
    budget.take()
    with pytest.raises(errors.ThrottledError):
        budget.take()
    clock.now += 3601
    budget.take()


def test_a_damaged_budget_file_counts_as_empty(tmp_path):
    store = FileStore(str(tmp_path))
    clock = Clock()
    budget = _budget(store, "CLIENT", 2, clock)
    (tmp_path / (budget.key + ".log")).write_bytes(b"garbage line\n\x00\x01many\n12")
    budget.take()
    budget.take()
    with pytest.raises(errors.ThrottledError):
        budget.take()


def test_a_planted_link_is_not_followed(tmp_path):
    store = FileStore(str(tmp_path / "cache"))
    target = tmp_path / "elsewhere"
    target.write_text("")
    budget = _budget(store, "CLIENT", 2, Clock())
    (tmp_path / "cache" / (budget.key + ".log")).symlink_to(target)
    with pytest.raises(OSError):
        budget.take()
    assert target.read_text() == ""
