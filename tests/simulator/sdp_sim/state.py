# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the SDP simulator remembers beyond the core's bookkeeping: the releases and their indexes, history, status
comments, and the Zoho tokens."""

import collections

from sim_core import state as core

from . import history, records
from .catalog import Catalog
from .dates import date_time, parse_ms
from .seed import load_seed


class Config(core.Config):
    """The core's settings plus SDP's. ``rate_limit`` is per client, method and URL per minute (5.3)."""

    DEFAULTS = {"token_ttl": 3600, **core.Config.DEFAULTS, "rate_limit": 1000, "token_cap": 10,
                "active_tokens": 15, "max_row_count": 100}


class State(core.State):
    config_class = Config
    EXTEND_NESTED = ("lookups",)
    BUDGET_WINDOW = 60
    BUDGET_TEXT = "minute per client, method and URL (the vendor's per-URL throttle)"

    @staticmethod
    def budget_key(client_id, method, path):
        return (client_id, method, path)

    def __init__(self, seed=None, config=None):
        self.tokens = {}  # access token -> (refresh token, user id, expiry); a reset keeps them
        self.active = collections.defaultdict(collections.deque)  # refresh token -> its live tokens, oldest first
        super().__init__(seed or load_seed(), config)

    def reset(self):
        with self.lock:
            super().reset()
            self.minted = collections.defaultdict(collections.deque)  # refresh token -> times of its token grants
            self.grant_count = 0  # token grants since the reset (GET /_sim/tokens)
            self.counters = collections.Counter({"descriptive": 1000, "role": 1000})
            raw, self.data["releases"] = self.data["releases"], []
            self.rebuild(raw)

    def load(self, extra):
        with self.lock:
            known = {r.get("id") for r in self.data["releases"]}
            new = [r for r in extra.get("releases") or [] if not isinstance(r, dict) or r.get("id") is None
                   or str(r.get("id")) not in known]
            if len(new) != len(extra.get("releases") or []):
                raise ValueError("releases: an id that is already in use")
            extra = dict(extra, releases=[])
            super().load(extra)
            self.rebuild(new)

    # ------------------------------------------------------------------ the store
    def rebuild(self, raw_releases):
        """Index the catalogues, then build ``raw_releases`` (Add bodies, seed.py) into full records."""
        self.catalog = Catalog(self.data)
        for key, items in (("release", self.data["releases"]), ("history", self.data["history"]),
                           ("comment", self.data["status_comments"])):
            self.counters[key] = max([int(i["id"]) for i in items if str(i.get("id", "")).isdigit()] + [0])
        built = list(self.data["releases"])
        for raw in raw_releases:
            built.append(self.materialize(raw))
        built.sort(key=lambda r: int(r["id"]))
        self.data["releases"] = built
        self.by_id = {r["id"]: r for r in built}
        self.by_title = collections.defaultdict(list)
        for record in built:
            self.by_title[record["title"].lower()].append(record)

    def materialize(self, raw):
        if not isinstance(raw, dict):
            raise ValueError("releases: each release is an object")
        raw = dict(raw)
        release_id = str(raw.pop("id", "") or self.next_id("release"))
        if not release_id.isdigit():
            raise ValueError("releases: id %r is not digits" % release_id)
        self.counters["release"] = max(self.counters["release"], int(release_id))
        server = {key: raw.pop(key) for key in records.SERVER_SET if key in raw and key != "id"}
        actor = self.catalog.shown("user", self.catalog.by_id("user", server.get("created_by") or "5"))
        record = records.blank(self, release_id)
        try:
            changes, roles, comment = records.check(self, record, raw, creating=True, trusted=True)
        except Exception as exc:  # a SimError: a seed or loaded release the API itself would refuse
            raise ValueError("release %s: %s" % (release_id, getattr(exc, "body", exc)))
        for key in ("created_time", "completed_time", "deleted_time"):
            if server.get(key) is not None:
                record[key] = date_time(parse_ms(server[key]["value"], key))
        if record["created_time"] is None:
            record["created_time"] = date_time(parse_ms(str(1700000000000 + int(release_id) * 60000), "created"))
        records.write(self, record, changes, roles, actor)
        history.created(self, record, actor, comment, at=int(record["created_time"]["value"]))
        return record

    def next_id(self, kind):
        self.counters[kind] += 1
        return str(self.counters[kind])

    def find(self, release_id):
        return self.by_id.get(str(release_id))

    def add(self, record):
        self.data["releases"].append(record)
        self.by_id[record["id"]] = record
        self.by_title[record["title"].lower()].append(record)

    def retitle(self, record, old_title):
        if old_title == record["title"]:
            return
        self.by_title[old_title.lower()].remove(record)
        self.by_title[record["title"].lower()].append(record)

    def remove(self, record):
        self.data["releases"].remove(record)
        del self.by_id[record["id"]]
        self.by_title[record["title"].lower()].remove(record)

    # ------------------------------------------------------------------ users
    def technician(self, key):
        """The technician whose API key ``key`` is, or None."""
        return next((t for t in self.data["technicians"] if key and t.get("technician_key") == key), None)

    def user(self, user_id):
        return self.catalog.shown("user", self.catalog.by_id("user", user_id))
