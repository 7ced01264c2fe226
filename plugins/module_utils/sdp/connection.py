# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ServiceDesk Plus connection options, editions and data centres, and the client a module gets.

``OPTIONS`` is the single source of the option names, types and ``SDP_*`` environment variables;
``plugins/doc_fragments/sdp.py`` documents the same table and a unit test checks that the two agree.

Two editions: on-premises (``server_url`` and a technician key, API at ``{server_url}/api/v3``) and cloud (a data
centre or explicit ``api_url``/``accounts_url``, a portal, and Zoho OAuth's client id, client secret and refresh
token; API at ``{api_url}/app/{portal}/api/v3``). One option, ``data_centre``, picks both cloud hosts, so the API and
its accounts server cannot disagree.
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
from ansible_collections.relops.itsm.plugins.module_utils.sdp.auth import RefreshGrant
from ansible_collections.relops.itsm.plugins.module_utils.sdp.client import SdpClient

# Data centre -> (API host, Zoho accounts host). us, eu, in, cn and the accounts hosts of au, jp, uk, ca and sa are
# the vendor's (sdp-api.md 5.2 and the SDP Cloud help pages); the API hosts of jp, ca, sa and uk follow the
# pattern of the others (chosen: no vendor page lists them), so api_url overrides them where they differ.
DATA_CENTRES = {
    "us": ("https://sdpondemand.manageengine.com", "https://accounts.zoho.com"),
    "eu": ("https://sdpondemand.manageengine.eu", "https://accounts.zoho.eu"),
    "in": ("https://sdpondemand.manageengine.in", "https://accounts.zoho.in"),
    "au": ("https://sdpondemand.manageengine.com.au", "https://accounts.zoho.com.au"),
    "cn": ("https://servicedeskplus.cn", "https://accounts.zoho.com.cn"),
    "jp": ("https://sdpondemand.manageengine.jp", "https://accounts.zoho.jp"),
    "ca": ("https://sdpondemand.manageengine.ca", "https://accounts.zohocloud.ca"),
    "sa": ("https://sdpondemand.manageengine.sa", "https://accounts.zoho.sa"),
    "uk": ("https://sdpondemand.manageengine.uk", "https://accounts.zoho.uk"),
}
OPTIONS = {
    "server_url": Option("str", "SDP_SERVER_URL"),
    "technician_key": Option("str", "SDP_TECHNICIAN_KEY", no_log=True),
    "portal_id": Option("str", "SDP_PORTAL_ID"),
    "data_centre": Option("str", "SDP_DATA_CENTRE", choices=sorted(DATA_CENTRES)),
    "portal": Option("str", "SDP_PORTAL"),
    "api_url": Option("str", "SDP_API_URL"),
    "accounts_url": Option("str", "SDP_ACCOUNTS_URL"),
    "client_id": Option("str", "SDP_CLIENT_ID"),
    "client_secret": Option("str", "SDP_CLIENT_SECRET", no_log=True),
    "refresh_token": Option("str", "SDP_REFRESH_TOKEN", no_log=True),
    "validate_certs": Option("bool", "SDP_VALIDATE_CERTS", default=True),
    "ca_path": Option("path", "SDP_CA_PATH"),
    "timeout": Option("float", "SDP_TIMEOUT", default=30.0),
    "token_cache": Option("str", "SDP_TOKEN_CACHE"),
    "retries": Option("int", "SDP_RETRIES", default=3),
    "rate_limit": Option("int", "SDP_RATE_LIMIT", default=3600),
}
DEFAULT_RATE_LIMIT = OPTIONS["rate_limit"].default
ON_PREMISES = ("server_url", "technician_key", "portal_id")
CLOUD = ("data_centre", "portal", "api_url", "accounts_url", "client_id", "client_secret", "refresh_token")
CLOUD_SECRETS = ("client_id", "client_secret", "refresh_token")


def connection_argument_spec():
    """Argument spec entries for the SDP connection options, each with its environment fallback."""
    return boundary.argument_spec(OPTIONS)


def given_options(module):
    """The connection options a module's task set itself, so that they beat environment variables of the other
    edition (``Module`` keeps what the task gave before fallbacks apply)."""
    given = getattr(module, "_given", None) or {}
    return set(name for name in OPTIONS if given.get(name) is not None)


def _label(name):
    return "%s (%s)" % (name, OPTIONS[name].env)


def _set(params, name):
    value = params.get(name)
    return value is not None and str(value).strip() != ""


def edition(params, given=None):
    """``on_premises`` or ``cloud``, from the options set; options the task gave beat environment variables.

    ``given`` is the set of option names the task itself set (None: treat every set option as given).
    """
    def chosen(names):
        return [n for n in names if _set(params, n) and (given is None or n in given)]
    prem, cloud = chosen(("server_url",)), chosen(("data_centre", "api_url"))
    if prem and cloud:
        raise ConfigurationError(
            "server_url (on-premises) and %s (cloud) are mutually exclusive: give server_url for an on-premises "
            "ServiceDesk Plus, or data_centre (or api_url and accounts_url) with portal for ServiceDesk Plus Cloud"
            % " and ".join(cloud))
    if prem:
        return "on_premises"
    if cloud:
        return "cloud"
    # Only environment variables: the same rule over them.
    if _set(params, "server_url") and (_set(params, "data_centre") or _set(params, "api_url")):
        raise ConfigurationError("SDP_SERVER_URL (on-premises) and SDP_DATA_CENTRE or SDP_API_URL (cloud) are both "
                                 "set; set the option of the edition meant in the task, or unset one")
    if _set(params, "server_url"):
        return "on_premises"
    if _set(params, "data_centre") or _set(params, "api_url"):
        return "cloud"
    raise ConfigurationError(
        "no ServiceDesk Plus to talk to: give server_url (SDP_SERVER_URL) and technician_key for an on-premises "
        "server, or data_centre (SDP_DATA_CENTRE; one of %s) and portal with client_id, client_secret and "
        "refresh_token for ServiceDesk Plus Cloud" % ", ".join(sorted(DATA_CENTRES)))


def _refuse_other(params, given, names, which):
    found = [n for n in names if _set(params, n) and (given is None or n in given)]
    if found:
        raise ConfigurationError("%s belong%s to the %s edition; this task talks to the other one. Remove %s"
                                 % (", ".join(found), "s" if len(found) == 1 else "", which,
                                    "it" if len(found) == 1 else "them"))


def cloud_urls(params):
    """(API base, accounts base) of the cloud edition: the data centre's hosts, or explicit URLs over them."""
    centre = params.get("data_centre")
    if _set(params, "data_centre") and centre not in DATA_CENTRES:
        raise ConfigurationError("data_centre (SDP_DATA_CENTRE) must be one of %s, got %r"
                                 % (", ".join(sorted(DATA_CENTRES)), centre))
    api, accounts = DATA_CENTRES.get(centre) if _set(params, "data_centre") else (None, None)
    if not _set(params, "data_centre") and not (_set(params, "api_url") and _set(params, "accounts_url")):
        raise ConfigurationError(
            "api_url and accounts_url go together when no data_centre is given: the token comes from the data "
            "centre's Zoho accounts server (for example https://accounts.zoho.eu), so give data_centre, which picks "
            "both, or both URLs")
    if _set(params, "api_url"):
        api = settings.checked_url(params["api_url"], _label("api_url"), "https://sdpondemand.manageengine.com")
    if _set(params, "accounts_url"):
        accounts = settings.checked_url(params["accounts_url"], _label("accounts_url"), "https://accounts.zoho.com")
    return api, accounts


def _missing(params, names, hint):
    missing = [n for n in names if not _set(params, n)]
    if missing:
        raise ConfigurationError("Missing ServiceDesk Plus %s: %s. Set the options or the environment variables %s."
                                 % (hint, ", ".join(missing), ", ".join(OPTIONS[m].env for m in missing)))


def connect(params, sleep=None, given=None):
    """The SDP client for module parameters; validates everything before any request.

    ``given`` names the options the task set itself, so that an option of one edition in the task beats an
    environment variable of the other.
    """
    settings.check_numbers(params)
    which = edition(params, given)
    verify = settings.tls_verify(params.get("validate_certs", True), params.get("ca_path"), _label("ca_path"))
    store = FileStore(settings.token_cache_dir(params.get("token_cache")), label=_label("token_cache"))
    waits = {"sleep": sleep} if sleep is not None else {}
    rate_limit = DEFAULT_RATE_LIMIT if params.get("rate_limit") is None else params["rate_limit"]
    if which == "on_premises":
        _refuse_other(params, given, CLOUD if given is not None else CLOUD_SECRETS, "cloud")
        server = settings.checked_url(params["server_url"], _label("server_url"), "https://sdp.example.com:8080")
        _missing(params, ("technician_key",), "technician key")
        api_base, accounts, identity = server + "/api/v3", None, params["technician_key"]
    else:
        _refuse_other(params, given, ON_PREMISES if given is not None else ("technician_key",), "on-premises")
        api, accounts = cloud_urls(params)
        _missing(params, ("portal",), "portal (the portal's URL name, from ESM Directory > Service Desk Instances)")
        _missing(params, CLOUD_SECRETS, "OAuth credentials")
        api_base, identity = "%s/app/%s/api/v3" % (api, str(params["portal"]).strip().strip("/")), params["client_id"]
    budget = RequestBudget(store, (api_base, store.keyed(identity)[:32]), rate_limit,
                           setting=_label("rate_limit"), **waits)
    transport = Transport(
        budget, verify=verify, timeout=params.get("timeout") or 30.0,
        retries=3 if params.get("retries") is None else params["retries"],
        hints=Hints(urls="the ServiceDesk Plus URL (server_url, or data_centre/api_url/accounts_url)",
                    ca=_label("ca_path")),
        strip=(api_base, accounts), headers={"Accept": "application/vnd.manageengine.sdp.v3+json"}, store=store,
        **waits)
    tokens = None
    if which == "cloud":
        grant = RefreshGrant(transport, accounts, params)
        # The cache key holds a keyed digest of the client secret and the refresh token: changed credentials are
        # never answered from the cache.
        tokens = TokenCache(store, (accounts, params["client_id"]), (params["client_secret"], params["refresh_token"]),
                            grant, grant.replay)
    warnings = []
    if verify is False:
        warnings.append("validate_certs is false: the TLS certificate of %s is not verified, so anyone on the "
                        "network path could read the credentials; use it against test servers only" % api_base)
    return SdpClient(transport, api_base, store, edition=which, tokens=tokens,
                     technician_key=params.get("technician_key") if which == "on_premises" else None,
                     portal_id=params.get("portal_id") if which == "on_premises" else None, warnings=warnings)
