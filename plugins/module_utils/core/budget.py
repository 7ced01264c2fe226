# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A client-side request budget: at most N requests in any sliding hour per API client.

Counting on our side, in a file shared by every fork of the run, keeps a large run from tripping the vendor's
throttle (which would fail unrelated automations using the same key). Requests are counted in one-minute buckets;
a bucket is let go only once its last possible request is an hour old, so the count is never below what a
sliding-hour throttle on the server sees.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from ansible_collections.relops.itsm.plugins.module_utils.core.errors import ThrottledError
from ansible_collections.relops.itsm.plugins.module_utils.core.filestore import fingerprint

WINDOW = 3600
BUCKET = 60
# The longest we wait for budget to free up before failing the task.
MAX_WAIT = 60.0


class RequestBudget:
    """Take one unit per request; wait briefly, or fail clearly, when the hour's budget is spent.

    ``setting`` names what raises the limit (an option and its variable), for the message.
    """

    def __init__(self, store, key_parts, limit, setting="the rate limit", sleep=time.sleep, clock=time.time):
        self.store = store
        self.limit = int(limit or 0)
        self.setting = setting
        self.key = "budget-" + fingerprint(*key_parts)
        self._sleep = sleep
        self._clock = clock

    def take(self):
        if self.limit <= 0:
            return
        while True:
            wait = self._try_take()
            if wait <= 0:
                return
            if wait > MAX_WAIT:
                raise ThrottledError(
                    "The client-side request budget of %d requests per hour for this API client is spent; the next "
                    "request would be possible in %d s. Spread the work, or raise %s only if the tenant allows more."
                    % (self.limit, int(wait), self.setting))
            self._sleep(wait)

    def _buckets(self, now):
        buckets = {}
        for key, value in (self.store.read(self.key) or {}).items():
            try:
                start, count = int(key), int(value)
            except (TypeError, ValueError):
                continue  # a damaged entry counts as nothing rather than stopping every task
            if start + BUCKET > now - WINDOW:
                buckets[start] = count
        return buckets

    def _try_take(self):
        """Count one request if the window allows it and return 0, else return seconds to wait."""
        with self.store.locked(self.key):
            now = self._clock()
            buckets = self._buckets(now)
            if sum(buckets.values()) >= self.limit:
                return max(0.001, min(buckets) + BUCKET + WINDOW - now)
            current = int(now // BUCKET) * BUCKET
            buckets[current] = buckets.get(current, 0) + 1
            self.store.write(self.key, dict((str(k), v) for k, v in buckets.items()))
            return 0
