# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every simulator remembers besides its vendor's records: settings, the request log, faults, the budget."""

import collections
import copy
import fnmatch
import ipaddress
import threading
import time

ANYWHERE = ["0.0.0.0/0", "::/0"]
MAX_LOG = 100000
WINDOW = 3600  # seconds: the budget is per sliding hour


class Config:
    """Settings that can change at run time through /_sim/config.

    ``DEFAULTS`` names every setting, in the order /_sim/config lists them; a vendor subclass adds its own (and
    sets its ``rate_limit``). Each is an attribute; the constructor coerces values to the default's type.
    """

    DEFAULTS = {"rate_limit": 1000, "whitelist": ANYWHERE}

    def __init__(self, **values):
        unknown = sorted(set(values) - set(self.DEFAULTS))
        if unknown:
            raise TypeError("unknown settings: %s" % ", ".join(unknown))
        for name, default in self.DEFAULTS.items():
            value = values.get(name, default)
            # An empty whitelist at start means "everyone" (the command line's default).
            setattr(self, name, list(value or ANYWHERE) if name == "whitelist" else type(default)(value))
        self._networks = None

    def as_dict(self):
        return {name: list(self.whitelist) if name == "whitelist" else getattr(self, name) for name in self.DEFAULTS}

    def update(self, values):
        for key, value in values.items():
            if key not in self.DEFAULTS:
                raise ValueError("unknown setting %r; settings: %s" % (key, ", ".join(self.DEFAULTS)))
            if key == "whitelist":
                value = [value] if isinstance(value, str) else list(value)
                for cidr in value:
                    ipaddress.ip_network(cidr, strict=False)
            setattr(self, key, value)
        self._networks = None

    def allowed(self, address):
        if self._networks is None:
            self._networks = [ipaddress.ip_network(c, strict=False) for c in self.whitelist]
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip.version == net.version and ip in net for net in self._networks)


class State:
    """The seed-derived ``data`` plus the core's bookkeeping; one lock guards every change.

    Handlers hold the lock only for in-memory work (no I/O). A vendor subclass sets ``config_class``, adds its own
    bookkeeping by extending ``reset`` and ``load`` (under the lock; it is re-entrant), and names in
    ``EXTEND_NESTED`` the seed mappings whose lists ``load`` extends instead of replacing.
    """

    config_class = Config
    EXTEND_NESTED = ()
    BUDGET_WINDOW = WINDOW  # seconds the budget slides over; a vendor may count per minute
    BUDGET_TEXT = "sliding hour per client id"  # what rate_limit counts, for --help

    @staticmethod
    def budget_key(client_id, _method, _path):
        """What the budget counts by: the client; a vendor may count per client and URL (its per-URL throttle)."""
        return client_id

    def __init__(self, seed, config=None):
        self.lock = threading.RLock()
        self.initial_seed = copy.deepcopy(seed)
        self.initial_config = (config or self.config_class()).as_dict()
        self.reset()

    def reset(self):
        """Back to the start: the seed, the start-up settings, no faults, budget counters or log."""
        with self.lock:
            self.data = copy.deepcopy(self.initial_seed)
            self.config = self.config_class(**self.initial_config)
            self.faults = []
            self.log = []
            self.hits = collections.defaultdict(collections.deque)

    def load(self, extra):
        """Add records (``POST /_sim/load``): lists are appended, mappings merged."""
        with self.lock:
            for key, value in extra.items():
                if key not in self.data:
                    raise ValueError("unknown seed key %r; keys: %s" % (key, ", ".join(sorted(self.data))))
                if isinstance(self.data[key], list):
                    self.data[key].extend(copy.deepcopy(value))
                elif key in self.EXTEND_NESTED:
                    for kind, items in value.items():
                        self.data[key].setdefault(kind, []).extend(copy.deepcopy(items))
                else:
                    self.data[key].update(copy.deepcopy(value))

    def spend(self, client_id, method="GET", path="/"):
        """Count a request; return None if within the window's budget, else the seconds until there is room."""
        window = self.BUDGET_WINDOW
        with self.lock:
            now = time.time()
            hits = self.hits[self.budget_key(client_id, method, path)]
            while hits and hits[0] <= now - window:
                hits.popleft()
            if len(hits) >= self.config.rate_limit:
                return max(1, int(hits[0] + window - now + 0.999))
            hits.append(now)
            return None

    def take_fault(self, method, path):
        """The first armed fault matching this request, counted down (a copy), or None."""
        with self.lock:
            for fault in self.faults:
                if fault["count"] <= 0:
                    continue
                if fault["method"] not in ("*", method):
                    continue
                if not fnmatch.fnmatchcase(path.lower(), fault["path"].lower()):
                    continue
                fault["count"] -= 1
                return dict(fault)
        return None

    def record(self, entry):
        with self.lock:
            self.log.append(entry)
            if len(self.log) > MAX_LOG + 10000:  # bounded memory on long runs: keep the newest MAX_LOG entries
                del self.log[:len(self.log) - MAX_LOG]
