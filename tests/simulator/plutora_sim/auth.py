# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The OAuth2 password grant with its lock-out rule, and ``GET /me``."""

import urllib.parse

from fastapi import Request

from sim_core.web import Routes, SimError, note_client, reply, state_of

from .rules import authorized
from .state import MAX_FAILED_LOGINS

routes = Routes()


def grant_error(error, description):
    return SimError(400, {"error": error, "error_description": description})


def check_login(state, login, password):
    """Raise the vendor's validation_error for a locked or wrong login (counting it); forget the count on success."""
    creds = state.data["credentials"]
    with state.lock:
        if login in state.locked:
            raise grant_error("validation_error", "The user account has been locked out after %d failed login "
                                                  "attempts." % MAX_FAILED_LOGINS)
        if login != creds["username"].lower() or password != creds["password"]:
            state.failures[login] += 1
            left = MAX_FAILED_LOGINS - state.failures[login]
            if left <= 0:
                state.locked.add(login)
                raise grant_error("validation_error", "Login failed, the user account has been locked out after "
                                                      "%d failed login attempts." % MAX_FAILED_LOGINS)
            raise grant_error("validation_error", "Login failed, you have %d attempts to login" % left)
        state.failures.pop(login, None)


@routes.post("/oauth/token", tags=["OAuth"])
async def token(request: Request):
    state = state_of(request)
    kind = (request.headers.get("content-type") or "").lower()
    if "x-www-form-urlencoded" not in kind:
        raise grant_error("invalid_request", "The request must be form-encoded (application/x-www-form-urlencoded).")
    form = dict(urllib.parse.parse_qsl((await request.body()).decode("utf-8"), keep_blank_values=True))
    note_client(request, form.get("client_id"))  # the request log names the client a token is asked for
    creds = state.data["credentials"]
    if form.get("client_id") != creds["client_id"] or form.get("client_secret") != creds["client_secret"]:
        raise grant_error("invalid_grant", "The client_id or client_secret is incorrect.")
    if form.get("grant_type") != "password":
        raise grant_error("unsupported_grant_type", "Only grant_type=password is supported.")
    check_login(state, (form.get("username") or "").lower(), form.get("password"))
    return reply({"access_token": state.issue_token(form["client_id"]), "token_type": "bearer",
                  "expires_in": state.config.token_ttl, "refresh_token": state.refresh_token()})


@routes.get("/me", tags=["Me"])
async def me(request: Request):
    state = authorized(request)
    return reply(state.data["credentials"]["username"])
