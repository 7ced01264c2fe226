# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Plutora Test (formerly Stryka) connection options, hosts, and the client a module gets.

``OPTIONS`` is the single source of the option names, types and ``PLUTORA_TEST_*`` environment variables;
``plugins/doc_fragments/plutora_test.py`` documents the same table and a unit test checks that the two agree.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.relops.itsm.plugins.module_utils.core import boundary, settings
from ansible_collections.relops.itsm.plugins.module_utils.core.boundary import Option
from ansible_collections.relops.itsm.plugins.module_utils.core.budget import RequestBudget
from ansible_collections.relops.itsm.plugins.module_utils.core.errors import ConfigurationError
from ansible_collections.relops.itsm.plugins.module_utils.core.filestore import FileStore
from ansible_collections.relops.itsm.plugins.module_utils.core.tokens import TokenCache
from ansible_collections.relops.itsm.plugins.module_utils.core.transport import Hints, Transport
from ansible_collections.relops.itsm.plugins.module_utils.plutora_test.auth import PasswordGrant, check_credentials
from ansible_collections.relops.itsm.plugins.module_utils.plutora_test.client import PlutoraTestClient

# "ps": the hosts Plutora's own job calls Plutora Test on; the regions: the vendor pages say the regional token
# URL serves every module, Plutora Test included (plutora-api.md section 9).
REGIONS = {
    "ps": ("https://apips.plutora.com", "https://oauthps.plutora.com"),
    "us": ("https://usapi.plutora.com", "https://usoauth.plutora.com"),
    "uk": ("https://ukapi.plutora.com", "https://ukoauth.plutora.com"),
    "au": ("https://auapi.plutora.com", "https://auoauth.plutora.com"),
    "eu": ("https://euapi.plutora.com", "https://euoauth.plutora.com"),
}
DEFAULT_REGION = "ps"
OPTIONS = {
    "region": Option("str", "PLUTORA_TEST_REGION", choices=["ps", "us", "uk", "au", "eu"]),
    "api_url": Option("str", "PLUTORA_TEST_API_URL"),
    "auth_url": Option("str", "PLUTORA_TEST_AUTH_URL"),
    "client_id": Option("str", "PLUTORA_TEST_CLIENT_ID"),
    "client_secret": Option("str", "PLUTORA_TEST_CLIENT_SECRET", no_log=True),
    "username": Option("str", "PLUTORA_TEST_USERNAME"),
    "password": Option("str", "PLUTORA_TEST_PASSWORD", no_log=True),
    "validate_certs": Option("bool", "PLUTORA_TEST_VALIDATE_CERTS", default=True),
    "ca_path": Option("path", "PLUTORA_TEST_CA_PATH"),
    "timeout": Option("float", "PLUTORA_TEST_TIMEOUT", default=30.0),
    "token_cache": Option("str", "PLUTORA_TEST_TOKEN_CACHE"),
    "retries": Option("int", "PLUTORA_TEST_RETRIES", default=3),
    "rate_limit": Option("int", "PLUTORA_TEST_RATE_LIMIT", default=26000),
}
DEFAULT_RATE_LIMIT = OPTIONS["rate_limit"].default


def connection_argument_spec():
    """Argument spec entries for the Plutora Test connection options, each with its environment fallback."""
    return boundary.argument_spec(OPTIONS)


def resolve_urls(region=None, api_url=None, auth_url=None):
    """Return (api_url, auth_url) without trailing slashes; explicit URLs win over the region."""
    if region and region not in REGIONS:
        raise ConfigurationError("region (PLUTORA_TEST_REGION) must be one of %s, got %r"
                                 % (", ".join(sorted(REGIONS)), region))
    if api_url and not auth_url and not region:
        raise ConfigurationError(
            "auth_url (PLUTORA_TEST_AUTH_URL) is required when api_url is set without a region: tokens come from "
            "a separate host (for example https://oauthps.plutora.com)")
    default_api, default_auth = REGIONS[region or DEFAULT_REGION]
    api = settings.checked_url(api_url, "api_url (PLUTORA_TEST_API_URL)", "https://apips.plutora.com") \
        if api_url else default_api
    auth = settings.checked_url(auth_url, "auth_url (PLUTORA_TEST_AUTH_URL)", "https://oauthps.plutora.com") \
        if auth_url else default_auth
    return api, auth


def connect(params, sleep=None):
    """The Plutora Test client for module parameters; validates everything before any request."""
    settings.check_numbers(params)
    api_url, auth_url = resolve_urls(params.get("region"), params.get("api_url"), params.get("auth_url"))
    check_credentials(params)
    verify = settings.tls_verify(params.get("validate_certs", True), params.get("ca_path"),
                                 "ca_path (PLUTORA_TEST_CA_PATH)")
    store = FileStore(settings.token_cache_dir(params.get("token_cache")),
                      label="token_cache (PLUTORA_TEST_TOKEN_CACHE)")
    waits = {"sleep": sleep} if sleep is not None else {}
    rate_limit = DEFAULT_RATE_LIMIT if params.get("rate_limit") is None else params["rate_limit"]
    budget = RequestBudget(store, (api_url, params["client_id"]), rate_limit,
                           setting="rate_limit (PLUTORA_TEST_RATE_LIMIT)", **waits)
    transport = Transport(
        budget, verify=verify, timeout=params.get("timeout") or 30.0,
        retries=3 if params.get("retries") is None else params["retries"],
        hints=Hints(urls="the Plutora Test URL (api_url/auth_url or region)", ca="ca_path (PLUTORA_TEST_CA_PATH)"),
        strip=(api_url, auth_url), headers={"Accept": "application/json"}, store=store, **waits)
    grant = PasswordGrant(transport, auth_url, params, api_url)
    tokens = TokenCache(store, (auth_url, params["client_id"], params["username"]),
                        (params["client_secret"], params["password"]), grant, grant.replay)
    warnings = []
    if verify is False:
        warnings.append("validate_certs is false: the TLS certificate of %s is not verified, so anyone on the "
                        "network path could read the credentials; use it against test servers only" % api_url)
    return PlutoraTestClient(transport, tokens, api_url, auth_url, store, warnings)
