# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Plutora Test's OAuth2 password grant and what its refusals mean (the cache around it is the core's).

The vendor's set-up pages say of Plutora Test credentials that "you may need to click Send a second time": a first
token request can fail without any verdict on the credentials. Such an answer (a 5xx, an empty or unreadable body, a
200 without a token) raises ``core.tokens.NoVerdict``, and the token cache - the one such mechanism, shared with
Release & Verify - sends exactly one more request, which is not a failed login: the account's
attempts are spent only by answers that judge the credentials, and those are never re-sent. A request that got no
answer at all is not re-sent either (the core counts it, because it may have reached the server).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.relops.itsm.plugins.module_utils.core.errors import (
    AuthenticationError,
    BadClientCredentials,
    ConfigurationError,
    LoginFailed,
)
from ansible_collections.relops.itsm.plugins.module_utils.core.tokens import LoginRejected, NoVerdict, Token, when_text
from ansible_collections.relops.itsm.plugins.module_utils.plutora_test.client import api_error

CREDENTIALS = ("client_id", "client_secret", "username", "password")


def check_credentials(values):
    missing = [name for name in CREDENTIALS if not values.get(name)]
    if missing:
        raise ConfigurationError(
            "Missing Plutora Test credentials: %s. Set the options or the environment variables %s (Plutora Test "
            "has API keys of its own, not those of Plutora Release & Verify)."
            % (", ".join(missing), ", ".join("PLUTORA_TEST_" + m.upper() for m in missing)))


def login_error(status, body, auth_url, username, remembered_at=None):
    """Translate a token endpoint refusal into the exception a person can act on."""
    body = body if isinstance(body, dict) else {}
    code = str(body.get("error") or "")
    text = str(body.get("error_description") or "").strip()
    suffix = ""
    if remembered_at:
        suffix = (" (remembered from a login refused at %s; this task did not try again so as not to spend more "
                  "login attempts; change the credentials or remove the token cache to try again)"
                  % when_text(remembered_at))
    if code == "invalid_client" or "client" in text.lower():
        return BadClientCredentials(
            "Plutora Test at %s refused the client id or client secret (%s: %s). Check client_id and client_secret "
            "(PLUTORA_TEST_CLIENT_ID, PLUTORA_TEST_CLIENT_SECRET): Plutora Test has API keys of its own.%s"
            % (auth_url, code or status, text or "no description", suffix), status=status)
    if code in ("invalid_grant", "validation_error"):
        return LoginFailed(
            "Plutora Test refused the login for %s: wrong username or password (%s). Check username and password "
            "(PLUTORA_TEST_USERNAME, PLUTORA_TEST_PASSWORD).%s" % (username, text or code, suffix), status=status)
    return AuthenticationError(
        "Plutora Test's token endpoint %s/oauth/token answered %s (%s).%s"
        % (auth_url, status, text or code or "no details", suffix), status=status)


def _verdict(reply):
    """The vendor's own judgement of the credentials in a refusal, or None (no judgement: worth one more try)."""
    body = reply.body
    judged = isinstance(body, dict) and (body.get("error") or body.get("error_description"))
    if reply.status in (400, 401, 403) and judged:
        return {"status": reply.status, "error": body.get("error"), "error_description": body.get("error_description")}
    return None


class PasswordGrant:
    """The token request: a credential verdict ends it; an answer without one gets one more request."""

    def __init__(self, transport, auth_url, credentials, api_url):
        self.transport = transport
        self.auth_url = auth_url
        self.api_url = api_url
        self.username = credentials["username"]
        self._form = {"client_id": credentials["client_id"], "client_secret": credentials["client_secret"],
                      "grant_type": "password", "username": credentials["username"],
                      "password": credentials["password"]}
        self.extra_attempts = 0  # answers without a verdict: how often the "second time" was needed (tests, the log)

    def __call__(self):
        # retry_safe=False: the transport itself re-sends only what surely never left, and a 429; an answer without
        # a verdict raises NoVerdict, and the token cache sends the request once more (not a failed login).
        reply = self.transport.send("POST", self.auth_url + "/oauth/token", False, data=self._form)
        body = reply.body
        if reply.status == 200 and isinstance(body, dict) and body.get("access_token"):
            return Token(body["access_token"], body.get("expires_in") or 600)
        verdict = _verdict(reply)
        if verdict:
            raise LoginRejected(self.replay(verdict), verdict)
        self.extra_attempts += 1
        raise NoVerdict(api_error("POST", "/oauth/token", reply, self.api_url, self.auth_url))

    def replay(self, verdict, remembered_at=None):
        body = {"error": verdict.get("error"), "error_description": verdict.get("error_description")}
        return login_error(verdict.get("status"), body, self.auth_url, self.username, remembered_at)
