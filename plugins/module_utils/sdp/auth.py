# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ServiceDesk Plus Cloud's Zoho refresh-token grant and what its refusals mean (the cache around it is the core's).

Zoho lets one refresh token mint about ten access tokens per ten minutes (sdp-api.md 5.2), so the token is minted
once per run and shared by every task and fork through ``core.tokens.TokenCache``. A refusal that judges the
credentials (``invalid_client``, ``invalid_code``, ...) is remembered, so later tasks fail at once; a refusal for
too many token requests is not a verdict on the credentials and is not remembered.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.relops.itsm.plugins.module_utils.core.errors import (
    AuthenticationError,
    BadClientCredentials,
    ThrottledError,
)
from ansible_collections.relops.itsm.plugins.module_utils.core.tokens import LoginRejected, Token, when_text

TOKEN_PATH = "/oauth/v2/token"
# Zoho's words for a refusal of the token rate, not of the credentials.
_TOO_MANY = ("too many", "access denied", "limit")


def _too_many(code, text):
    lowered = ("%s %s" % (code, text)).lower()
    return any(word in lowered for word in _TOO_MANY)


def login_error(status, body, accounts_url, remembered_at=None):
    """The exception a person can act on for a refusal of the token endpoint."""
    body = body if isinstance(body, dict) else {}
    code = str(body.get("error") or "")
    text = str(body.get("error_description") or body.get("message") or "").strip()
    suffix = ""
    if remembered_at:
        suffix = (" (remembered from a token request refused at %s; this task did not ask again; change the "
                  "credentials or remove the token cache to try again)" % when_text(remembered_at))
    where = accounts_url + TOKEN_PATH
    if code == "invalid_client":
        return BadClientCredentials(
            "Zoho accounts at %s refused the client id or client secret (invalid_client%s). Check client_id and "
            "client_secret (SDP_CLIENT_ID, SDP_CLIENT_SECRET), and that data_centre is the one the client was made "
            "in.%s" % (where, ": " + text if text else "", suffix), status=status)
    if code in ("invalid_code", "invalid_grant", "invalid_token"):
        return AuthenticationError(
            "Zoho accounts at %s refused the refresh token (%s%s): it was revoked, belongs to another client or "
            "data centre. Check refresh_token (SDP_REFRESH_TOKEN).%s"
            % (where, code, ": " + text if text else "", suffix), status=status)
    return AuthenticationError("Zoho accounts at %s answered %s (%s).%s"
                               % (where, status, text or code or "no details", suffix), status=status)


class RefreshGrant:
    """``grant_type=refresh_token``: one POST; a verdict on the credentials is raised as ``LoginRejected``."""

    def __init__(self, transport, accounts_url, credentials):
        self.transport = transport
        self.accounts_url = accounts_url
        self._form = {"grant_type": "refresh_token", "client_id": credentials["client_id"],
                      "client_secret": credentials["client_secret"], "refresh_token": credentials["refresh_token"]}

    def __call__(self):
        # retry_safe=False: a token request that may have been answered spends one of the ten a window allows.
        reply = self.transport.send("POST", self.accounts_url + TOKEN_PATH, False, data=self._form)
        body = reply.body if isinstance(reply.body, dict) else {}
        if reply.status == 200 and body.get("access_token") and not body.get("error"):
            return Token(body["access_token"], body.get("expires_in") or 3600)
        code, text = str(body.get("error") or ""), str(body.get("error_description") or "")
        if reply.status == 429 or _too_many(code, text):
            raise ThrottledError(
                "Zoho accounts at %s refused a new access token (%s): a refresh token may mint about ten access "
                "tokens per ten minutes. Share one token across the run with token_cache (SDP_TOKEN_CACHE) and "
                "try again after the window." % (self.accounts_url + TOKEN_PATH, text or code or reply.status),
                status=reply.status)
        if code:
            verdict = {"status": reply.status, "error": code, "error_description": text}
            raise LoginRejected(self.replay(verdict), verdict)
        raise login_error(reply.status, body, self.accounts_url)

    def replay(self, verdict, remembered_at=None):
        return login_error(verdict.get("status"), verdict, self.accounts_url, remembered_at)
