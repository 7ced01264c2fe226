# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the Plutora Test simulator remembers beyond the core's bookkeeping: tokens and the flaky first login."""

import secrets
import time

from sim_core import state as core

from .seed import load_seed


class Config(core.Config):
    """The core's settings plus Plutora Test's: token lifetime, and the failing first token request."""

    DEFAULTS = {"token_ttl": 12000, **core.Config.DEFAULTS, "rate_limit": 26000, "first_login_fails": False}


class State(core.State):
    config_class = Config

    def __init__(self, seed=None, config=None):
        self.tokens = {}  # access token -> (client id, expiry); a reset keeps them
        super().__init__(seed or load_seed(), config)

    def reset(self):
        with self.lock:
            super().reset()
            self.last_login_failed = False

    def flaky_login(self):
        """With ``first_login_fails``, every other token request fails: the first of each login, then its retry
        succeeds ("you may need to click Send a second time")."""
        with self.lock:
            if not self.config.first_login_fails:
                return False
            self.last_login_failed = not self.last_login_failed
            return self.last_login_failed

    def find(self, defect_id):
        wanted = str(defect_id).lower()
        for record in self.data["defects"]:
            if record["Id"].lower() == wanted:
                return record
        return None

    def issue_token(self, client_id):
        token = secrets.token_urlsafe(320)
        now = time.time()
        with self.lock:
            if len(self.tokens) >= 10000:
                self.tokens = {k: v for k, v in self.tokens.items() if v[1] >= now}
            self.tokens[token] = (client_id, now + self.config.token_ttl)
        return token

    def client_of(self, token):
        entry = self.tokens.get(token)
        if entry is None or entry[1] < time.time():
            return None
        return entry[0]
