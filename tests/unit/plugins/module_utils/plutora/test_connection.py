# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Plutora's connection options: regions and URLs, the option table against its documentation, and every bad
setting refused before a request."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
import yaml

from ansible_collections.relops.itsm.plugins.doc_fragments.connection import ModuleDocFragment
from ansible_collections.relops.itsm.plugins.module_utils.core import errors
from ansible_collections.relops.itsm.plugins.module_utils.plutora.connection import (
    OPTIONS,
    connect,
    connection_argument_spec,
    resolve_urls,
    token_cache_dir,
)


@pytest.mark.parametrize("region, api, auth", [
    ("us", "https://usapi.plutora.com", "https://usoauth.plutora.com"),
    ("uk", "https://ukapi.plutora.com", "https://ukoauth.plutora.com"),
    ("au", "https://auapi.plutora.com", "https://auoauth.plutora.com"),
    ("eu", "https://euapi.plutora.com", "https://euoauth.plutora.com"),
    (None, "https://usapi.plutora.com", "https://usoauth.plutora.com"),
])
def test_regions(region, api, auth):
    assert resolve_urls(region) == (api, auth)


def test_explicit_urls_win_and_need_each_other():
    assert resolve_urls("uk", "http://127.0.0.1:8/", None) == ("http://127.0.0.1:8", "https://ukoauth.plutora.com")
    assert resolve_urls(None, "http://a/", "http://b/") == ("http://a", "http://b")
    with pytest.raises(errors.ConfigurationError) as caught:
        resolve_urls(None, "http://a", None)
    assert "auth_url" in caught.value.message
    with pytest.raises(errors.ConfigurationError) as caught:
        resolve_urls("mars")
    assert "au, eu, uk, us" in caught.value.message


def test_token_cache_option():
    assert token_cache_dir(None).endswith("relops.itsm")
    for off in ("false", "False", "no", "0", ""):
        assert token_cache_dir(off) is None
    assert token_cache_dir("/tmp/x") == "/tmp/x"


def test_option_table_matches_documentation():
    documented = yaml.safe_load(ModuleDocFragment.DOCUMENTATION)["options"]
    spec = connection_argument_spec()
    assert sorted(documented) == sorted(spec) == sorted(OPTIONS)
    for name, entry in spec.items():
        doc = documented[name]
        assert doc["type"] == entry["type"], name
        assert doc.get("default") == entry.get("default"), name
        assert doc.get("choices") == entry.get("choices"), name
        env = OPTIONS[name].env
        assert "E(%s)" % env in " ".join(doc["description"]), name
        assert entry["no_log"] == (name in ("client_secret", "password")), name


def test_an_empty_environment_variable_counts_as_unset(monkeypatch):
    # AWX injects every variable of a credential type, with "" for an input left blank.
    from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
    validator = ArgumentSpecValidator(connection_argument_spec())
    monkeypatch.setenv("PLUTORA_REGION", "")
    monkeypatch.setenv("PLUTORA_API_URL", " ")
    monkeypatch.setenv("PLUTORA_CLIENT_ID", "ABC")
    result = validator.validate({})
    assert result.error_messages == []
    assert result.validated_parameters["region"] is None
    assert result.validated_parameters["api_url"] is None
    assert result.validated_parameters["client_id"] == "ABC"
    monkeypatch.setenv("PLUTORA_REGION", "mars")
    assert "region must be one of" in " ".join(validator.validate({}).error_messages)


GOOD = {"api_url": "http://127.0.0.1:9", "auth_url": "http://127.0.0.1:9", "client_id": "C", "client_secret": "S",
        "username": "u", "password": "p", "token_cache": "false"}


@pytest.mark.parametrize("overrides, message", [
    ({"api_url": "not a url"}, "api_url (PLUTORA_API_URL) 'not a url' is not an http(s) URL"),
    ({"auth_url": "ftp://files.example.com"}, "auth_url (PLUTORA_AUTH_URL) 'ftp://files.example.com' is not an http(s) URL"),
    ({"rate_limit": -1}, "rate_limit must be 0 (no client-side limit) or more requests an hour, got -1"),
    ({"retries": -2}, "retries must be 0 or more, got -2"),
    ({"timeout": 0}, "timeout must be a positive number of seconds, got 0"),
    ({"ca_path": "/nonexistent/ca.pem"}, "ca_path (PLUTORA_CA_PATH) /nonexistent/ca.pem does not exist"),
    ({"client_secret": None, "password": ""}, "Missing Plutora credentials: client_secret, password."),
])
def test_bad_connection_options_fail_before_any_request(overrides, message):
    with pytest.raises(errors.ConfigurationError) as caught:
        connect(dict(GOOD, **overrides))
    assert caught.value.message.startswith(message)


def test_a_token_cache_that_is_a_file_is_refused(tmp_path):
    path = tmp_path / "cache-file"
    path.write_text("")
    with pytest.raises(errors.ConfigurationError) as caught:
        connect(dict(GOOD, token_cache=str(path)))
    assert caught.value.message.startswith("token_cache (PLUTORA_TOKEN_CACHE) %s" % path)
