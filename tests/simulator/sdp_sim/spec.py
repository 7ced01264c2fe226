# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The SDP simulator as the core sees it (``sim_core.spec.VendorSpec``)."""

from fastapi import Request

from sim_core.spec import VendorSpec

from . import auth, catalogues, control, extras, history, lifecycle, releases
from .auth import authorized
from .envelope import CLOUD, ON_PREM, error_body, failed
from .seed import load_seed
from .state import State

# In this order: where two routes could match a request, the first one registered answers (``/releases/assign``
# before ``/releases/{release_id}``).
ROUTES = (auth, control, lifecycle, history, extras, releases, catalogues)
ANNOUNCED = ("technician_key", "portal", "client_id", "client_secret", "refresh_token")


async def invalid_url(request: Request):
    """Any other path (or method) under the API: the vendor's 404 4007 "Invalid URL" (4.5), once authenticated."""
    authorized(request)
    raise failed(4007, "Invalid URL")


def register(app):
    for module in ROUTES:
        module.routes.add_to(app)
    methods = ["GET", "POST", "PUT", "DELETE", "PATCH"]
    for prefix in (ON_PREM, CLOUD):
        app.add_api_route(prefix + "/{rest:path}", invalid_url, methods=methods, include_in_schema=False)


def add_options(parser, defaults):
    parser.add_argument("--token-ttl", type=int, default=defaults["token_ttl"], metavar="SECONDS",
                        help="access token lifetime (default %d)" % defaults["token_ttl"])
    parser.add_argument("--token-cap", type=int, default=defaults["token_cap"], metavar="N",
                        help="access tokens one refresh token may get per 10 minutes (default %d)"
                        % defaults["token_cap"])
    parser.add_argument("--active-tokens", type=int, default=defaults["active_tokens"], metavar="N",
                        help="live access tokens per refresh token; a new one invalidates the oldest (default %d)"
                        % defaults["active_tokens"])


def announce(state):
    """The demo credentials of both editions go in the first stdout line, beside the URLs."""
    return {key: state.data["credentials"][key] for key in ANNOUNCED}


SPEC = VendorSpec(
    vendor="ServiceDesk Plus",
    name="sdp-sim",
    register=register,
    state_class=State,
    load_seed=load_seed,
    identify=auth.identify,
    error_body=error_body,
    unmetered_paths=("/oauth/v2/token",),  # the token endpoint has its own caps (5.2)
    url_keys=("url", "cloud_url", "accounts_url"),  # one server serves both editions and the accounts host
    announce=announce,
    add_options=add_options,
)
