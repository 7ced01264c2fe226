# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Both editions' authentication: technician keys on-premises (5.1), Zoho OAuth on cloud (5.2), and the v3
``Accept`` header every call carries (1.1)."""

import hashlib
import secrets
import time
import urllib.parse

from fastapi import Request

from sim_core.web import Routes, SimError, note_client, reply, state_of

from .envelope import failed

routes = Routes()
ACCEPTED = ("application/vnd.manageengine.sdp.v3+json", "application/v3+json", "*/*", "application/json")
ZOHO_WINDOW = 600  # seconds: the per-refresh-token grant cap counts over ten minutes (5.2, 9.8)
TOO_MANY = {"error_description": "You have made too many requests continuously. Please try again after some time.",
            "error": "Access Denied", "status": "failure"}


def technician_key(headers):
    """The key of any spelling public clients use (5.1): ``authtoken``/``Authtoken``, ``Authorization: authtoken:
    <key>``, ``TECHNICIAN_KEY``; None if none is sent."""
    if headers.get("authtoken"):
        return headers["authtoken"].strip()
    scheme, _sep, rest = (headers.get("authorization") or "").partition(":")
    if scheme.strip().lower() == "authtoken" and rest.strip():
        return rest.strip()
    if headers.get("technician_key"):
        return headers["technician_key"].strip()
    return None


def bearer(headers):
    """The access token of ``Authorization: Zoho-oauthtoken <t>`` or ``Bearer <t>`` (9.9), else None."""
    scheme, _sep, token = (headers.get("authorization") or "").strip().partition(" ")
    return token.strip() if scheme.lower() in ("zoho-oauthtoken", "bearer") and token.strip() else None


def fingerprint(secret):
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()[:12]


def identify(state, headers):
    """The core's ``identify`` hook: a technician (by user id, never the key) or an OAuth client."""
    tech = state.technician(technician_key(headers))
    if tech is not None:
        return "technician:%s" % tech["user"]
    entry = state.tokens.get(bearer(headers) or "")
    if entry is not None:
        return "oauth:%s" % fingerprint(entry[0])
    return None


def check_accept(request):
    accept = (request.headers.get("accept") or "").lower()
    if not any(kind in accept for kind in ACCEPTED):
        raise failed(4000, "Accept must be application/vnd.manageengine.sdp.v3+json", field="Accept", http=406)


def authorized(request):
    """(state, the calling user) once the request's edition-specific credentials are valid; 401 4022 otherwise."""
    state = state_of(request)
    check_accept(request)
    headers = request.headers
    creds = state.data["credentials"]
    portal = request.path_params.get("portal")
    if portal is None:  # on-premises
        tech = state.technician(technician_key(headers))
        if tech is None:
            raise failed(4022, "Invalid API key received", field="authtoken")
        portal_id = headers.get("portalid")
        if portal_id is not None and portal_id.strip() != str(creds["portal_id"]):
            raise failed(4001, "Value given for PORTALID is not valid", field="PORTALID")
        return state, state.user(tech["user"])
    if portal != creds["portal"].lower():
        raise failed(4007, "Invalid URL: no portal named %s" % portal)
    token = bearer(headers)
    entry = state.tokens.get(token or "")
    if entry is None or entry[2] < time.time():
        raise failed(4022, "Invalid or expired OAuth token", field="Authorization")
    return state, state.user(entry[1])


def grant_refused(body, status=200):
    """Zoho's token endpoint answers its refusals as ``{"error": ...}`` (chosen: HTTP 200 except the cap)."""
    return SimError(status, body)


def mint(state, refresh, user_id):
    """A new access token for ``refresh``: the cap per ten minutes, then the oldest live one beyond the limit goes."""
    now = time.time()
    with state.lock:
        grants = state.minted[refresh]
        while grants and grants[0] <= now - ZOHO_WINDOW:
            grants.popleft()
        if len(grants) >= state.config.token_cap:
            raise grant_refused(TOO_MANY, 400)
        grants.append(now)
        state.grant_count += 1
        token = "1000.%s.%s" % (secrets.token_hex(16), secrets.token_hex(16))
        state.tokens[token] = (refresh, user_id, now + state.config.token_ttl)
        live = state.active[refresh]
        live.append(token)
        while len(live) > state.config.active_tokens:
            state.tokens.pop(live.popleft(), None)
    return token


@routes.post("/oauth/v2/token", tags=["Zoho Accounts"])
async def token(request: Request):
    state = state_of(request)
    params = dict(request.query_params)
    raw = await request.body()
    if raw:
        params.update(urllib.parse.parse_qsl(raw.decode("utf-8"), keep_blank_values=True))
    note_client(request, "oauth:%s" % fingerprint(params.get("refresh_token") or ""))
    creds = state.data["credentials"]
    if params.get("grant_type") != "refresh_token":
        raise grant_refused({"error": "unsupported_grant_type"})
    if params.get("client_id") != creds["client_id"] or params.get("client_secret") != creds["client_secret"]:
        raise grant_refused({"error": "invalid_client"})
    owner = next((t for t in state.data["technicians"]
                  if t.get("refresh_token") and t["refresh_token"] == params.get("refresh_token")), None)
    if owner is None:
        raise grant_refused({"error": "invalid_code"})
    access = mint(state, owner["refresh_token"], owner["user"])
    api = "%s://%s" % (request.url.scheme, request.headers.get("host", ""))
    return reply({"access_token": access, "scope": "SDPOnDemand.releases.ALL SDPOnDemand.setup.READ",
                  "api_domain": api, "token_type": "Bearer", "expires_in": state.config.token_ttl})
