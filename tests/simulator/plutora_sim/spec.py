# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Plutora simulator as the core sees it (``sim_core.spec.VendorSpec``)."""

import functools

from sim_core.spec import VendorSpec
from sim_core.web import state_of

from . import (additional_information, auth, change_links, changes, control, delivery, env_requests, environments, health,
               lookups, release_systems, releases, schedule, stakeholders, systems)
from .filters import FilterError
from .render import error_body, filter_error, unrouted_body
from .rules import identify
from .seed import build_seed
from .state import State

# In this order: where two routes could match a request, the first one registered answers.
ROUTES = (auth, lookups, systems, environments, releases, additional_information, release_systems, stakeholders, schedule,
          changes, delivery, change_links, health, env_requests, control)


# POSTs that change no record (logins, searches, health-check queries) keep the state's derived views.
READ_ONLY_POSTS = ("/oauth/token", "/releases/filter", "/changes/filter", "/environmenthealthcheck/fullhistory",
                   "/environmenthealthcheck/currentstatus")


def forgetting(endpoint):
    """The route, followed (answered or refused) by ``State.changed()``: what was derived from the data is stale."""
    @functools.wraps(endpoint)
    async def route(*args, **kwargs):
        try:
            return await endpoint(*args, **kwargs)
        finally:
            state_of(kwargs["request"]).changed()
    return route


def register(app):
    app.add_exception_handler(FilterError, filter_error)
    for module in ROUTES:
        for path, endpoint, method, options in module.routes.entries:
            if method != "GET" and path.lower() not in READ_ONLY_POSTS:
                endpoint = forgetting(endpoint)
            app.add_api_route(path, endpoint, methods=[method], **options)


def add_options(parser, defaults):
    parser.add_argument("--token-ttl", type=int, default=defaults["token_ttl"], metavar="SECONDS",
                        help="token lifetime (default %d)" % defaults["token_ttl"])


def announce(state):
    """The demo tenant's login goes in the first stdout line, beside the URLs."""
    return dict(state.data["credentials"])


SPEC = VendorSpec(
    vendor="Plutora",
    name="plutora-sim",
    register=register,
    state_class=State,
    load_seed=build_seed,
    identify=identify,
    error_body=error_body,
    unrouted_body=unrouted_body,
    unmetered_paths=("/oauth/token",),  # a client renewing its token must not be starved by the limit it waits out
    url_keys=("api_url", "auth_url"),  # one server serves both "hosts"
    announce=announce,
    add_options=add_options,
    docs_url="/swagger",
    openapi_url="/swagger/v1/swagger.json",
)
