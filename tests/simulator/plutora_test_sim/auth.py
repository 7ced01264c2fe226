# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Plutora Test's own OAuth2 password grant, with the switchable failing first request."""

import urllib.parse

from fastapi import Request

from sim_core.web import Routes, SimError, note_client, reply, state_of

routes = Routes()


def grant_error(error, description):
    return SimError(400, {"error": error, "error_description": description})


@routes.post("/oauth/token", tags=["OAuth"])
async def token(request: Request):
    state = state_of(request)
    kind = (request.headers.get("content-type") or "").lower()
    if "x-www-form-urlencoded" not in kind:
        raise grant_error("invalid_request", "The request must be form-encoded (application/x-www-form-urlencoded).")
    form = dict(urllib.parse.parse_qsl((await request.body()).decode("utf-8"), keep_blank_values=True))
    note_client(request, form.get("client_id"))
    if state.flaky_login():
        # "You may need to click Send a second time": an answer that says nothing about the credentials.
        raise SimError(500, None)
    creds = state.data["credentials"]
    if form.get("client_id") != creds["client_id"] or form.get("client_secret") != creds["client_secret"]:
        raise grant_error("invalid_client", "The client credentials are invalid.")
    if form.get("grant_type") != "password":
        raise grant_error("unsupported_grant_type", "Only grant_type=password is supported.")
    if (form.get("username") or "").lower() != creds["username"].lower() or form.get("password") != creds["password"]:
        raise grant_error("invalid_grant", "The user name or password is incorrect.")
    return reply({"access_token": state.issue_token(form["client_id"]), "token_type": "bearer",
                  "expires_in": state.config.token_ttl})
