# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A client-side request budget: at most N requests per sliding hour per client id.

Plutora throttles at 26,000 requests an hour per API key. Counting on our side,
in a file shared by every fork of the run, keeps a large run from tripping the
vendor's limit (which would fail unrelated automations using the same key).
Requests are counted in one-minute buckets.
"""

from __future__ import absolute_import, division, print_function
from __future__ import annotations

__metaclass__ = type

import time

from ansible_collections.relops.itsm.plugins.module_utils.errors import ThrottledError
from ansible_collections.relops.itsm.plugins.module_utils.filestore import fingerprint

WINDOW = 3600
BUCKET = 60
# The longest we wait for budget to free up before failing the task.
MAX_WAIT = 60.0


class RequestBudget:
    """Take one unit per request; wait briefly, or fail clearly, when the hour's budget is spent."""

    def __init__(self, store, api_url, client_id, limit, sleep=time.sleep, clock=time.time):
        self.store = store
        self.limit = int(limit or 0)
        self.key = "budget-" + fingerprint(api_url, client_id)
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
                    "The client-side request budget of %d requests per hour for this client id is spent; the next "
                    "request would be possible in %d s. Raise rate_limit (PLUTORA_RATE_LIMIT) only if your Plutora "
                    "tenant allows more than 26,000 requests an hour." % (self.limit, int(wait)))
            self._sleep(wait)

    def _try_take(self):
        """Count one request if the window allows it and return 0, else return seconds to wait."""
        with self.store.locked(self.key):
            now = self._clock()
            current = int(now // BUCKET) * BUCKET
            buckets = dict((int(k), int(v)) for k, v in (self.store.read(self.key) or {}).items()
                           if int(k) > now - WINDOW)
            if sum(buckets.values()) >= self.limit:
                oldest = min(buckets)
                return max(0.001, oldest + WINDOW - now)
            buckets[current] = buckets.get(current, 0) + 1
            self.store.write(self.key, dict((str(k), v) for k, v in buckets.items()))
            return 0
