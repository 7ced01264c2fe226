# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Plutora's OAuth2 password grant and what its refusals mean (the cache around it is the core's)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.relops.itsm.plugins.module_utils.core.errors import (
    AccountLocked,
    AuthenticationError,
    BadClientCredentials,
    ConfigurationError,
    LoginFailed,
    ServerError,
)
from ansible_collections.relops.itsm.plugins.module_utils.core.tokens import LoginRejected, NoVerdict, Token, when_text

_ATTEMPTS = re.compile(r"you have (\d+) attempt", re.IGNORECASE)
CREDENTIALS = ("client_id", "client_secret", "username", "password")


def check_credentials(values):
    missing = [name for name in CREDENTIALS if not values.get(name)]
    if missing:
        raise ConfigurationError(
            "Missing Plutora credentials: %s. Set the options or the environment variables %s."
            % (", ".join(missing), ", ".join("PLUTORA_" + m.upper() for m in missing)))


def login_error(status, body, auth_url, username, remembered_at=None):
    """Translate a token endpoint refusal into the exception a person can act on."""
    body = body if isinstance(body, dict) else {}
    code = str(body.get("error") or "")
    text = str(body.get("error_description") or body.get("message") or body.get("Message") or "").strip()
    suffix = ""
    if remembered_at:
        suffix = (" (remembered from a login refused at %s; this task did not try again so as not to spend "
                  "more login attempts; change the credentials or remove the token cache to try again)"
                  % when_text(remembered_at))
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


class PasswordGrant:
    """The token request: one POST of the password grant, never re-sent once it may have reached the server
    unanswered; an answer that judges nothing raises ``NoVerdict`` (one more request, not a failed login)."""

    def __init__(self, transport, auth_url, credentials, raise_for_status):
        self.transport = transport
        self.auth_url = auth_url
        self.username = credentials["username"]
        self._form = {"client_id": credentials["client_id"], "client_secret": credentials["client_secret"],
                      "grant_type": "password", "username": credentials["username"],
                      "password": credentials["password"]}
        self._raise_for_status = raise_for_status  # (method, path, reply) -> ApiError

    def __call__(self):
        # retry_safe=False: a wrong password counts at the vendor each time it arrives, so only a request that
        # surely never left, or a 429 the server refused without acting, is sent again by the transport; an
        # answer without a verdict is sent once more by the token cache (NoVerdict).
        reply = self.transport.send("POST", self.auth_url + "/oauth/token", False, data=self._form)
        body = reply.body
        if reply.status == 200 and isinstance(body, dict) and body.get("access_token"):
            return Token(body["access_token"], body.get("expires_in") or 600)
        if reply.status in (400, 401, 403) and isinstance(body, dict) and \
                (body.get("error") or body.get("error_description")):
            # Only the vendor's own verdicts are remembered: its error code and description, never what we sent.
            verdict = {"status": reply.status, "error": body.get("error"),
                       "error_description": body.get("error_description")}
            raise LoginRejected(self.replay(verdict), verdict)
        if reply.status == 200:
            raise NoVerdict(ServerError("Plutora's token endpoint %s/oauth/token answered 200 without an "
                                        "access_token." % self.auth_url, status=reply.status))
        if reply.status in (400, 401):
            error = login_error(reply.status, body, self.auth_url, self.username)
            if isinstance(body, dict):
                raise error
        else:
            error = self._raise_for_status("POST", "/oauth/token", reply)
        if reply.status >= 500 or reply.status in (400, 401):
            # Answered, but with nothing about the credentials (a 5xx, an empty or unreadable body): the vendor's
            # "you may need to click Send a second time" (plutora-api.md section 9). The core sends it once more,
            # and it is not a failed login.
            raise NoVerdict(error)
        raise error

    def replay(self, verdict, remembered_at=None):
        body = {"error": verdict.get("error"), "error_description": verdict.get("error_description")}
        return login_error(verdict.get("status"), body, self.auth_url, self.username, remembered_at)
