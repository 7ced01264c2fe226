# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Connection settings every vendor package reads the same way: URLs, TLS verification, the cache directory.

Messages name the option and its environment variable as the vendor package labels them (``label``), so the core
names no vendor option itself.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

from ansible_collections.relops.itsm.plugins.module_utils.core.errors import ConfigurationError

_DISABLED = ("false", "no", "off", "0", "none", "")


def default_token_cache():
    """The directory every vendor's token cache, budget and locks share unless a task names another."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "relops.itsm")


def token_cache_dir(value):
    """The cache directory from the option: unset -> the default, false-like -> None (no file cache)."""
    if value is None:
        return default_token_cache()
    if str(value).strip().lower() in _DISABLED:
        return None
    return value


def checked_url(value, label, example):
    """``value`` without a trailing slash if it is an http(s) URL with a host; else a ConfigurationError."""
    text = str(value).strip().rstrip("/")
    scheme, sep, rest = text.partition("://")
    if not sep or scheme.lower() not in ("http", "https") or not rest or rest.startswith("/") or " " in rest:
        raise ConfigurationError("%s %r is not an http(s) URL; give one like %s" % (label, value, example))
    return text


def tls_verify(validate_certs, ca_path, label):
    """What ``requests`` takes as ``verify``: False, the CA bundle's path, or True."""
    if validate_certs is False:
        return False
    if ca_path and not os.path.exists(ca_path):
        raise ConfigurationError("%s %s does not exist; give the PEM file (or directory) of the CA that signed the "
                                 "server's certificate" % (label, ca_path))
    return ca_path or True


def check_numbers(params):
    """The transport's numbers as every vendor's options carry them: positive timeout, no negative retries or limit."""
    if params.get("timeout") is not None and params["timeout"] <= 0:
        raise ConfigurationError("timeout must be a positive number of seconds, got %s" % params["timeout"])
    for name, what in (("retries", "0 or more"), ("rate_limit", "0 (no client-side limit) or more requests an hour")):
        if params.get(name) is not None and params[name] < 0:
            raise ConfigurationError("%s must be %s, got %s" % (name, what, params[name]))
