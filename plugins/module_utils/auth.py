# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Plutora's OAuth2 password grant, with one login per run.

* Region names map to the vendor's separate API and OAuth hosts.
* The token is cached in a 0600 file keyed by a hash of auth URL, client id and
  username (never the password), behind a lock so that forks starting at once
  wait for a single login. It is renewed shortly before it expires.
* A rejected login is remembered (keyed additionally by a salted slow hash of
  the secret and password) so later tasks fail at once instead of spending
  the vendor's five attempts before lock-out.
"""

from __future__ import absolute_import, division, print_function
from __future__ import annotations

__metaclass__ = type

import re
import time

from ansible_collections.relops.itsm.plugins.module_utils.errors import (
    AccountLocked,
    AuthenticationError,
    BadClientCredentials,
    ConfigurationError,
    LoginFailed,
    ServerError,
)
from ansible_collections.relops.itsm.plugins.module_utils.filestore import fingerprint, secret_fingerprint

REGIONS = {
    "us": ("https://usapi.plutora.com", "https://usoauth.plutora.com"),
    "uk": ("https://ukapi.plutora.com", "https://ukoauth.plutora.com"),
    "au": ("https://auapi.plutora.com", "https://auoauth.plutora.com"),
    "eu": ("https://euapi.plutora.com", "https://euoauth.plutora.com"),
}

# How long a rejected login is remembered when nothing about the credentials changes.
REJECTION_MEMORY_SECONDS = 3600

_ATTEMPTS = re.compile(r"you have (\d+) attempt", re.IGNORECASE)


def resolve_urls(region=None, api_url=None, auth_url=None):
    """Return (api_url, auth_url) without trailing slashes; explicit URLs win over the region."""
    if region and region not in REGIONS:
        raise ConfigurationError("region must be one of %s, got %r" % (", ".join(sorted(REGIONS)), region))
    default_api, default_auth = REGIONS.get(region or "us")
    if api_url and not auth_url and not region:
        raise ConfigurationError(
            "auth_url (PLUTORA_AUTH_URL) is required when api_url is set without a region: Plutora serves "
            "tokens from a separate host (for example https://usoauth.plutora.com)")
    return (api_url or default_api).rstrip("/"), (auth_url or default_auth).rstrip("/")


def login_error(status, body, auth_url, username, remembered_at=None):
    """Translate a token endpoint refusal into the exception a person can act on."""
    body = body if isinstance(body, dict) else {}
    code = str(body.get("error") or "")
    text = str(body.get("error_description") or body.get("message") or body.get("Message") or "").strip()
    suffix = ""
    if remembered_at:
        suffix = (" (remembered from a login refused at %s; this task did not try again so as not to spend "
                  "more login attempts; change the credentials or remove the token cache to try again)"
                  % time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(remembered_at)))
    if code == "invalid_grant":
        return BadClientCredentials(
            "Plutora at %s refused the client id or client secret (invalid_grant: %s). Check client_id and "
            "client_secret (PLUTORA_CLIENT_ID, PLUTORA_CLIENT_SECRET): they are generated in Plutora under "
            "Settings > Customization > Integrations > API.%s" % (auth_url, text or "no description", suffix),
            status=status)
    if "lock" in text.lower():
        return AccountLocked(
            "Plutora has locked the account %s after repeated failed logins (%s). Ask a Plutora administrator "
            "to unlock it, then correct the password.%s" % (username, text, suffix), status=status)
    if code == "validation_error" or "login failed" in text.lower():
        match = _ATTEMPTS.search(text)
        left = int(match.group(1)) if match else None
        hint = ("%d login attempt(s) left before Plutora locks the account" % left) if left is not None \
            else "further failures lock the account"
        return LoginFailed(
            "Plutora refused the login for %s: wrong username or password (%s). Check username and password "
            "(PLUTORA_USERNAME, PLUTORA_PASSWORD); %s.%s" % (username, text or code, hint, suffix),
            status=status, attempts_left=left)
    return AuthenticationError(
        "Plutora's token endpoint %s/oauth/token answered %s (%s)." % (auth_url, status, text or code or "no details"),
        status=status)


class TokenManager:
    """Hands out a valid bearer token, logging in at most once for all processes of a run."""

    def __init__(self, store, auth_url, client_id, client_secret, username, password, post_form):
        missing = [name for name, value in (("client_id", client_id), ("client_secret", client_secret),
                                            ("username", username), ("password", password)) if not value]
        if missing:
            raise ConfigurationError(
                "Missing Plutora credentials: %s. Set the options or the environment variables %s."
                % (", ".join(missing), ", ".join("PLUTORA_" + m.upper() for m in missing)))
        self.store = store
        self.auth_url = auth_url
        self.client_id = client_id
        self.username = username
        self._secrets = (client_secret, password)
        self._post_form = post_form
        self._key = "token-" + fingerprint(auth_url, client_id, username)
        self._rejected_key = "rejected-" + fingerprint(auth_url, client_id, username)
        self._token = None

    def _credential_print(self):
        return secret_fingerprint(self._key, *self._secrets)

    @staticmethod
    def _fresh(entry, now):
        if not entry or not entry.get("access_token"):
            return False
        # Renew a little before expiry: 10% of the lifetime, at most one minute.
        margin = min(60.0, 0.1 * float(entry.get("lifetime", 600)))
        return float(entry.get("expires_at", 0)) - margin > now

    def token(self):
        """Return a bearer token, from memory, from the shared cache, or from one login."""
        now = time.time()
        if self._token and self._fresh(self._token, now):
            return self._token["access_token"]
        with self.store.locked(self._key):
            entry = self.store.read(self._key)
            if not self._fresh(entry, time.time()):
                self._check_rejected()
                entry = self._login()
                self.store.write(self._key, entry)
            self._token = entry
        return entry["access_token"]

    def invalidate(self, token):
        """Forget ``token`` (the API refused it) so the next call logs in again."""
        self._token = None
        with self.store.locked(self._key):
            entry = self.store.read(self._key)
            if entry and entry.get("access_token") == token:
                self.store.delete(self._key)

    def _check_rejected(self):
        memory = self.store.read(self._rejected_key)
        if not memory:
            return
        fresh = time.time() - float(memory.get("at", 0)) < REJECTION_MEMORY_SECONDS
        if fresh and memory.get("credentials") == self._credential_print():
            raise login_error(memory.get("status"), memory.get("body"), self.auth_url, self.username,
                              remembered_at=memory.get("at"))
        self.store.delete(self._rejected_key)

    def _login(self):
        client_secret, password = self._secrets
        form = {"client_id": self.client_id, "client_secret": client_secret, "grant_type": "password",
                "username": self.username, "password": password}
        status, body = self._post_form(self.auth_url + "/oauth/token", form)
        if status == 200 and isinstance(body, dict) and body.get("access_token"):
            lifetime = float(body.get("expires_in") or 600)
            return {"access_token": body["access_token"], "expires_at": time.time() + lifetime, "lifetime": lifetime}
        if status in (400, 401, 403) and isinstance(body, dict) and (body.get("error") or body.get("error_description")):
            # Only the vendor's own verdicts are remembered: its error code and description, never what we sent.
            kept = {"error": body.get("error"), "error_description": body.get("error_description")}
            self.store.write(self._rejected_key, {"at": time.time(), "status": status, "body": kept,
                                                  "credentials": self._credential_print()})
            raise login_error(status, kept, self.auth_url, self.username)
        if status == 200:
            raise ServerError("Plutora's token endpoint %s/oauth/token answered 200 without an access_token."
                              % self.auth_url, status=status)
        raise login_error(status, body, self.auth_url, self.username)
