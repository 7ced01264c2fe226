# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the Plutora simulator remembers beyond the core's bookkeeping: the tenant, tokens, lock-outs."""

import collections
import secrets
import time

from sim_core import state as core

from .seed import build_seed

MAX_FAILED_LOGINS = 5


class Config(core.Config):
    """The core's settings plus Plutora's: token lifetime, and whether Enterprise releases may be POSTed."""

    DEFAULTS = {"token_ttl": 12000, **core.Config.DEFAULTS, "rate_limit": 26000, "enterprise_post": True}


class State(core.State):
    config_class = Config
    EXTEND_NESTED = ("lookups",)  # /_sim/load extends each lookup type's list

    def __init__(self, seed=None, config=None):
        self.tokens = {}  # access token -> (client id, expiry); a reset keeps them (DELETE /_sim/tokens does not)
        self.cache = {}
        super().__init__(seed or build_seed(), config)

    def reset(self):
        with self.lock:
            super().reset()
            self.failures = collections.Counter()
            self.locked = set()
            self.count_changes()
            self.changed()

    def load(self, extra):
        with self.lock:
            try:
                super().load(extra)
            finally:
                self.count_changes()
                self.changed()

    # ------------------------------------------------------------------ derived views
    # What is worked out from ``data`` once and kept until the data changes: id and name indexes, the records a
    # filter or search found. Every Plutora route that is not a GET (or a read-only search) ends with
    # ``changed()`` (spec.register wraps them), as do reset and load; an index of one collection is also rebuilt
    # when that list is replaced or its length changes.
    def changed(self):
        """Forget everything derived from ``data`` (after any write)."""
        self.cache = {}

    def cached(self, key, build, collection=None):
        """``build()``, kept under ``key`` until the data changes (or ``collection``'s list is replaced or resized)."""
        records = self.data[collection] if collection else None
        entry = self.cache.get(key)
        if entry is None or entry[0] is not records or entry[1] != (len(records) if collection else 0):
            if len(self.cache) > 256:  # many different searches and no write: bounded memory
                self.cache = {}
            entry = self.cache[key] = (records, len(records) if collection else 0, build())
        return entry[2]

    def index(self, collection):
        """Id -> the first record with that id in ``collection``."""
        def build():
            ids = {}
            for record in self.data[collection]:
                ids.setdefault(record.get("id"), record)
            return ids
        return self.cached(("ids", collection), build, collection)

    def count_changes(self):
        """The change sequence continues after the highest ``changeId`` held."""
        self.change_sequence = max([c.get("changeId") or 0 for c in self.data["changes"]] + [0])

    # ------------------------------------------------------------------ records
    def find(self, collection, record_id):
        return self.index(collection).get(str(record_id).lower())

    def name_of(self, kind, value_id):
        """The value of lookup ``value_id`` of type ``kind``, or None."""
        def build():
            names = {}
            for item in self.data["lookups"].get(kind, []):
                names.setdefault(item["id"], item["value"])
            return names
        try:
            return self.cached(("names", kind), build).get(value_id)
        except TypeError:  # an id that cannot be a key (a list in loaded data) names nothing
            return None

    def user_name(self, user_id):
        record = self.find("users", user_id) if user_id else None
        return "%s %s" % (record["firstName"], record["lastName"]) if record else None

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
