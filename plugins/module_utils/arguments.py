# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The connection options every module shares, and the one place errors become ``fail_json``.

The table below is the single source of the option names, types and environment
variables; ``plugins/doc_fragments/connection.py`` documents the same table and a
unit test checks that the two agree.
"""

from __future__ import absolute_import, division, print_function
from __future__ import annotations

__metaclass__ = type

import os

from ansible.module_utils.basic import AnsibleFallbackNotFound, missing_required_lib

from ansible_collections.relops.itsm.plugins.module_utils.client import (
    REQUESTS_IMPORT_ERROR,
    PlutoraClient,
    default_token_cache,
)
from ansible_collections.relops.itsm.plugins.module_utils.errors import ConfigurationError, PlutoraError

# name: (type, environment variable, default, no_log, choices)
CONNECTION_OPTIONS = {
    "region": ("str", "PLUTORA_REGION", None, False, ["us", "uk", "au", "eu"]),
    "api_url": ("str", "PLUTORA_API_URL", None, False, None),
    "auth_url": ("str", "PLUTORA_AUTH_URL", None, False, None),
    "client_id": ("str", "PLUTORA_CLIENT_ID", None, False, None),
    "client_secret": ("str", "PLUTORA_CLIENT_SECRET", None, True, None),
    "username": ("str", "PLUTORA_USERNAME", None, False, None),
    "password": ("str", "PLUTORA_PASSWORD", None, True, None),
    "validate_certs": ("bool", "PLUTORA_VALIDATE_CERTS", True, False, None),
    "ca_path": ("path", "PLUTORA_CA_PATH", None, False, None),
    "timeout": ("float", "PLUTORA_TIMEOUT", 30.0, False, None),
    "token_cache": ("str", "PLUTORA_TOKEN_CACHE", None, False, None),
    "retries": ("int", "PLUTORA_RETRIES", 3, False, None),
    "rate_limit": ("int", "PLUTORA_RATE_LIMIT", 26000, False, None),
}

_DISABLED = ("false", "no", "off", "0", "none", "")


def set_env_fallback(*names):
    """The first of these environment variables that is set and not empty.

    Unlike ``env_fallback``, an empty variable counts as unset: AWX and many CI systems inject every variable of a
    credential, with an empty value for an input left blank.
    """
    for name in names:
        value = os.environ.get(name)
        if value is not None and value.strip() != "":
            return value
    raise AnsibleFallbackNotFound


def connection_argument_spec():
    """Argument spec entries for the connection options, each with its environment fallback."""
    spec = {}
    for name, (kind, env, default, no_log, choices) in CONNECTION_OPTIONS.items():
        # no_log is explicit on every option: False tells the sanity check that e.g. token_cache is no secret.
        entry = {"type": kind, "fallback": (set_env_fallback, [env]), "no_log": no_log}
        if default is not None:
            entry["default"] = default
        if choices:
            entry["choices"] = choices
        spec[name] = entry
    return spec


def token_cache_dir(value):
    """The cache directory from the option: unset -> default, false-like -> None (no file cache)."""
    if value is None:
        return default_token_cache()
    if str(value).strip().lower() in _DISABLED:
        return None
    return value


def client_from_params(params):
    """Build the client from module parameters (or any dict with the same keys)."""
    if params.get("timeout") is not None and params["timeout"] <= 0:
        raise ConfigurationError("timeout must be a positive number of seconds, got %s" % params["timeout"])
    if params.get("retries") is not None and params["retries"] < 0:
        raise ConfigurationError("retries must be 0 or more, got %s" % params["retries"])
    return PlutoraClient(
        client_id=params.get("client_id"), client_secret=params.get("client_secret"),
        username=params.get("username"), password=params.get("password"), region=params.get("region"),
        api_url=params.get("api_url"), auth_url=params.get("auth_url"),
        validate_certs=params.get("validate_certs", True), ca_path=params.get("ca_path"),
        timeout=params.get("timeout") or 30.0, token_cache=token_cache_dir(params.get("token_cache")),
        retries=3 if params.get("retries") is None else params["retries"],
        rate_limit=26000 if params.get("rate_limit") is None else params["rate_limit"])


def run_module(module, run):
    """Call ``run(module, client) -> dict`` and exit: the collection's single error boundary.

    Every result gets ``api_calls``; at verbosity 3 or more, ``http_log`` holds one line per request.
    """
    if REQUESTS_IMPORT_ERROR:
        module.fail_json(msg=missing_required_lib("requests"), exception=REQUESTS_IMPORT_ERROR)
    client = None
    try:
        client = client_from_params(module.params)
        if not module.params.get("validate_certs", True):
            module.warn("validate_certs is false: the TLS certificate of %s is not verified, so anyone on the network "
                        "path could read the credentials; use it against test servers only" % client.api_url)
        result = run(module, client)
    except PlutoraError as exc:
        extra = exc.to_result()
        extra.update(_accounting(module, client))
        module.fail_json(msg=exc.message, **extra)
    result.update(_accounting(module, client))
    module.exit_json(**result)


def _accounting(module, client):
    if client is None:
        return {"api_calls": 0}
    extra = {"api_calls": client.calls}
    if getattr(module, "_verbosity", 0) >= 3:
        extra["http_log"] = list(client.log)
    return extra
