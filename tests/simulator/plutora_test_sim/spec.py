# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Plutora Test simulator as the core sees it (``sim_core.spec.VendorSpec``)."""

from sim_core.spec import VendorSpec

from . import auth, defects
from .rules import error_body, identify
from .seed import load_seed
from .state import State

ROUTES = (auth, defects)


def register(app):
    for module in ROUTES:
        module.routes.add_to(app)


def add_options(parser, defaults):
    parser.add_argument("--token-ttl", type=int, default=defaults["token_ttl"], metavar="SECONDS",
                        help="token lifetime (default %d)" % defaults["token_ttl"])
    parser.add_argument("--first-login-fails", action="store_true", default=defaults["first_login_fails"],
                        help="every login's first token request answers 500 with no body")


def announce(state):
    """The demo tenant's Plutora Test login goes in the first stdout line, beside the URLs."""
    return dict(state.data["credentials"])


SPEC = VendorSpec(
    vendor="Plutora Test",
    name="plutora-test-sim",
    register=register,
    state_class=State,
    load_seed=load_seed,
    identify=identify,
    error_body=error_body,
    unmetered_paths=("/oauth/token",),
    url_keys=("api_url", "auth_url"),
    announce=announce,
    add_options=add_options,
    docs_url="/swagger",
    openapi_url="/swagger/v1/swagger.json",
)
