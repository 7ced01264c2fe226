# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Everything the simulator remembers: the tenant's records, tokens, lock-outs, the request log, faults, budget."""

import collections
import copy
import fnmatch
import ipaddress
import secrets
import threading
import time

from .seed import build_seed

MAX_FAILED_LOGINS = 5
MAX_LOG = 100000


class Config:
    """Settings that can change at run time through /_sim/config."""

    def __init__(self, token_ttl=12000, rate_limit=26000, whitelist=None, enterprise_post=True):
        self.token_ttl = int(token_ttl)
        self.rate_limit = int(rate_limit)
        self.whitelist = list(whitelist or ["0.0.0.0/0", "::/0"])
        self.enterprise_post = bool(enterprise_post)
        self._networks = None

    def as_dict(self):
        return {"token_ttl": self.token_ttl, "rate_limit": self.rate_limit, "whitelist": list(self.whitelist),
                "enterprise_post": self.enterprise_post}

    def update(self, values):
        for key, value in values.items():
            if key not in ("token_ttl", "rate_limit", "whitelist", "enterprise_post"):
                raise ValueError("unknown setting %r; settings: token_ttl, rate_limit, whitelist, enterprise_post" % key)
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
    """One lock guards every mutation; handlers hold it only for in-memory work (no I/O)."""

    def __init__(self, seed=None, config=None):
        self.lock = threading.RLock()
        self.initial_seed = copy.deepcopy(seed or build_seed())
        self.initial_config = (config or Config()).as_dict()
        self.config = Config(**self.initial_config)
        self.tokens = {}
        self.reset()

    def reset(self):
        with self.lock:
            self.data = copy.deepcopy(self.initial_seed)
            self.config = Config(**self.initial_config)
            self.failures = collections.Counter()
            self.locked = set()
            self.faults = []
            self.log = []
            self.hits = collections.defaultdict(collections.deque)
            self.change_sequence = max([c.get("changeId") or 0 for c in self.data["changes"]] + [0])

    def load(self, extra):
        """Add records (``POST /_sim/load``): lists are appended, dicts merged."""
        with self.lock:
            for key, value in extra.items():
                if key not in self.data:
                    raise ValueError("unknown seed key %r; keys: %s" % (key, ", ".join(sorted(self.data))))
                if isinstance(self.data[key], list):
                    self.data[key].extend(copy.deepcopy(value))
                elif key == "lookups":
                    for kind, items in value.items():
                        self.data[key].setdefault(kind, []).extend(copy.deepcopy(items))
                else:
                    self.data[key].update(copy.deepcopy(value))
            self.change_sequence = max([c.get("changeId") or 0 for c in self.data["changes"]] + [0])

    # ------------------------------------------------------------------ tokens
    def issue_token(self, client_id):
        """A new opaque access token (~430 base64url characters), valid for ``token_ttl`` seconds."""
        token = secrets.token_urlsafe(320)
        now = time.time()
        with self.lock:
            if len(self.tokens) >= 10000:  # keep memory bounded on long runs: forget expired tokens
                self.tokens = {k: v for k, v in self.tokens.items() if v[1] >= now}
            self.tokens[token] = (client_id, now + self.config.token_ttl)
        return token

    @staticmethod
    def refresh_token():
        """Shaped like an access token but never accepted as one (no public client uses refresh grants)."""
        return secrets.token_urlsafe(320)

    def client_of(self, token):
        entry = self.tokens.get(token)
        if entry is None or entry[1] < time.time():
            return None
        return entry[0]

    # ------------------------------------------------------------------ budget
    def spend(self, client_id):
        """Count a request; return None if within the hour's budget, else the seconds until there is room."""
        with self.lock:
            now = time.time()
            hits = self.hits[client_id]
            while hits and hits[0] <= now - 3600:
                hits.popleft()
            if len(hits) >= self.config.rate_limit:
                return max(1, int(hits[0] + 3600 - now + 0.999))
            hits.append(now)
            return None

    # ------------------------------------------------------------------ faults
    def take_fault(self, method, path):
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
