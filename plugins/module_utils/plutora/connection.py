# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Plutora Release & Verify connection options, regions, and the client a module gets.

``OPTIONS`` is the single source of the option names, types and environment variables;
``plugins/doc_fragments/connection.py`` documents the same table and a unit test checks that the two agree.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.relops.itsm.plugins.module_utils.core import boundary
from ansible_collections.relops.itsm.plugins.module_utils.core.boundary import Option
from ansible_collections.relops.itsm.plugins.module_utils.core.budget import RequestBudget
from ansible_collections.relops.itsm.plugins.module_utils.core.errors import ConfigurationError
from ansible_collections.relops.itsm.plugins.module_utils.core.filestore import FileStore
from ansible_collections.relops.itsm.plugins.module_utils.core.settings import (
    check_numbers,
    checked_url,
    tls_verify,
    token_cache_dir,
)
from ansible_collections.relops.itsm.plugins.module_utils.core.tokens import TokenCache
from ansible_collections.relops.itsm.plugins.module_utils.core.transport import Hints, Transport
from ansible_collections.relops.itsm.plugins.module_utils.plutora.auth import PasswordGrant, check_credentials
from ansible_collections.relops.itsm.plugins.module_utils.plutora.client import PlutoraClient

REGIONS = {
    "us": ("https://usapi.plutora.com", "https://usoauth.plutora.com"),
    "uk": ("https://ukapi.plutora.com", "https://ukoauth.plutora.com"),
    "au": ("https://auapi.plutora.com", "https://auoauth.plutora.com"),
    "eu": ("https://euapi.plutora.com", "https://euoauth.plutora.com"),
}
OPTIONS = {
    "region": Option("str", "PLUTORA_REGION", choices=["us", "uk", "au", "eu"]),
    "api_url": Option("str", "PLUTORA_API_URL"),
    "auth_url": Option("str", "PLUTORA_AUTH_URL"),
    "client_id": Option("str", "PLUTORA_CLIENT_ID"),
    "client_secret": Option("str", "PLUTORA_CLIENT_SECRET", no_log=True),
    "username": Option("str", "PLUTORA_USERNAME"),
    "password": Option("str", "PLUTORA_PASSWORD", no_log=True),
    "validate_certs": Option("bool", "PLUTORA_VALIDATE_CERTS", default=True),
    "ca_path": Option("path", "PLUTORA_CA_PATH"),
    "timeout": Option("float", "PLUTORA_TIMEOUT", default=30.0),
    "token_cache": Option("str", "PLUTORA_TOKEN_CACHE"),
    "retries": Option("int", "PLUTORA_RETRIES", default=3),
    "rate_limit": Option("int", "PLUTORA_RATE_LIMIT", default=26000),
}
DEFAULT_RATE_LIMIT = OPTIONS["rate_limit"].default


def connection_argument_spec():
    """Argument spec entries for the connection options, each with its environment fallback."""
    return boundary.argument_spec(OPTIONS)


def resolve_urls(region=None, api_url=None, auth_url=None):
    """Return (api_url, auth_url) without trailing slashes; explicit URLs win over the region."""
    if region and region not in REGIONS:
        raise ConfigurationError("region must be one of %s, got %r" % (", ".join(sorted(REGIONS)), region))
    default_api, default_auth = REGIONS.get(region or "us")
    if api_url and not auth_url and not region:
        raise ConfigurationError(
            "auth_url (PLUTORA_AUTH_URL) is required when api_url is set without a region: Plutora serves "
            "tokens from a separate host (for example https://usoauth.plutora.com)")
    example = "https://usapi.plutora.com"
    api = checked_url(api_url, "api_url (PLUTORA_API_URL)", example) if api_url else default_api
    auth = checked_url(auth_url, "auth_url (PLUTORA_AUTH_URL)", example) if auth_url else default_auth
    return api, auth


def connect(params, sleep=None):
    """The Plutora client for module parameters (or any dict with the same keys); validates before any request."""
    check_numbers(params)
    api_url, auth_url = resolve_urls(params.get("region"), params.get("api_url"), params.get("auth_url"))
    check_credentials(params)
    verify = tls_verify(params.get("validate_certs", True), params.get("ca_path"), "ca_path (PLUTORA_CA_PATH)")
    store = FileStore(token_cache_dir(params.get("token_cache")), label="token_cache (PLUTORA_TOKEN_CACHE)")
    rate_limit = DEFAULT_RATE_LIMIT if params.get("rate_limit") is None else params["rate_limit"]
    budget = RequestBudget(store, (api_url, params["client_id"]), rate_limit,
                           setting="rate_limit (PLUTORA_RATE_LIMIT)", **({"sleep": sleep} if sleep is not None else {}))
    transport = Transport(
        budget, verify=verify, timeout=params.get("timeout") or 30.0,
        retries=3 if params.get("retries") is None else params["retries"],
        hints=Hints(urls="the URL (api_url/auth_url or region)", ca="ca_path (PLUTORA_CA_PATH)"),
        strip=(api_url, auth_url), headers={"Accept": "application/json"}, store=store,
        **({"sleep": sleep} if sleep is not None else {}))
    # The grant maps refusals as the client does (the client exists by the time a login happens).
    grant = PasswordGrant(transport, auth_url, params, lambda m, p, r: client.error(m, p, r))  # pylint: disable=unnecessary-lambda
    tokens = TokenCache(store, (auth_url, params["client_id"], params["username"]),
                        (params["client_secret"], params["password"]), grant, grant.replay)
    warnings = []
    if verify is False:
        warnings.append("validate_certs is false: the TLS certificate of %s is not verified, so anyone on the "
                        "network path could read the credentials; use it against test servers only" % api_url)
    client = PlutoraClient(transport, tokens, api_url, auth_url, store, warnings)
    return client
