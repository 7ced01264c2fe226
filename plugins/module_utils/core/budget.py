# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A client-side request budget: at most N requests in any sliding hour per API client.

Counting on our side, in a file shared by every fork of the run, keeps a large run from tripping the vendor's
throttle (which would fail unrelated automations using the same key).

The file is append-only: a request appends one fixed-width line, the second from which it may be counted as gone
less an hour (its time rounded up), under the store's lock. The file's size alone bounds how many requests it holds,
so an append reads nothing; only when that bound reaches the limit is the file read, the lines older than an hour
dropped and the rest written back (compaction). A request is let go only once a full hour has passed since the
second it was made in ended, so the count is never below what a sliding-hour throttle on the server sees.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import tempfile
import time

from ansible_collections.relops.itsm.plugins.module_utils.core.errors import ThrottledError
from ansible_collections.relops.itsm.plugins.module_utils.core.filestore import fingerprint

WINDOW = 3600
# The longest we wait for budget to free up before failing the task.
MAX_WAIT = 60.0
# One line a request: ten digits of seconds and a newline.
LINE = 11
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


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
        self._memory = []  # the stamps, when the store keeps nothing on disk

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

    def _try_take(self):
        """Count one request if the window allows it and return 0, else return seconds to wait."""
        with self.store.locked(self.key):
            now = self._clock()
            stamp = int(now) + 1  # the end of the second this request is made in
            path = self.store.path(self.key + ".log")
            if path is None:
                self._memory = _alive(self._memory, now)
                if len(self._memory) >= self.limit:
                    return _wait(self._memory, now)
                self._memory.append(stamp)
                return 0
            fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT | _NOFOLLOW, 0o600)
            try:
                size = os.fstat(fd).st_size
                if -(-size // LINE) < self.limit:  # at most this many requests are in the file: room, read nothing
                    os.write(fd, _line(stamp))
                    return 0
                stamps = _alive(_parse(_read_all(fd)), now)
            finally:
                os.close(fd)
            if len(stamps) >= self.limit:
                self._rewrite(path, stamps)
                return _wait(stamps, now)
            self._rewrite(path, stamps + [stamp])
            return 0

    def _rewrite(self, path, stamps):
        """Compaction: the live stamps written to a new file that replaces the old one (never through a link)."""
        fd, tmp = tempfile.mkstemp(prefix="." + self.key, dir=os.path.dirname(path))
        try:
            os.fchmod(fd, 0o600)
            os.write(fd, b"".join(_line(s) for s in stamps))
            os.close(fd)
            os.rename(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise


def _line(stamp):
    return ("%010d\n" % stamp).encode("ascii")


def _read_all(fd):
    os.lseek(fd, 0, os.SEEK_SET)
    chunks = []
    while True:
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _parse(data):
    """The stamps of a budget file; a damaged line counts as nothing rather than stopping every task."""
    stamps = []
    for line in data.split(b"\n"):
        if len(line) == LINE - 1 and line.isdigit():
            stamps.append(int(line))
    return stamps


def _alive(stamps, now):
    """The stamps of requests a sliding hour ending now still holds."""
    return [s for s in stamps if s + WINDOW > now]


def _wait(stamps, now):
    return max(0.001, min(stamps) + WINDOW - now)
