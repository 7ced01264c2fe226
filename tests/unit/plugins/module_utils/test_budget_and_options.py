# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The request budget, URL resolution and the option table against its documentation."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
import yaml

from ansible_collections.relops.itsm.plugins.doc_fragments.connection import ModuleDocFragment
from ansible_collections.relops.itsm.plugins.module_utils import errors
from ansible_collections.relops.itsm.plugins.module_utils.arguments import (
    CONNECTION_OPTIONS,
    connection_argument_spec,
    token_cache_dir,
)
from ansible_collections.relops.itsm.plugins.module_utils.auth import resolve_urls
from ansible_collections.relops.itsm.plugins.module_utils.budget import RequestBudget
from ansible_collections.relops.itsm.plugins.module_utils.filestore import FileStore


class Clock:
    def __init__(self):
        self.now = 1000000.0
        self.slept = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(seconds)
        self.now += seconds


def test_budget_waits_for_the_oldest_minute_then_fails_when_far(tmp_path):
    clock = Clock()
    store = FileStore(str(tmp_path))
    budget = RequestBudget(store, "https://api", "CLIENT", 3, sleep=clock.sleep, clock=clock)
    for dummy in range(3):
        budget.take()
    assert clock.slept == []
    # The window is full; the oldest bucket frees up an hour after it began, far more than a minute away.
    with pytest.raises(errors.ThrottledError) as caught:
        budget.take()
    assert "3 requests per hour" in caught.value.message and "PLUTORA_RATE_LIMIT" in caught.value.message
    # The oldest bucket began at minute 999960 s; 3500 s later it frees up within a minute, so it waits.
    clock.now += 3500
    budget.take()
    assert clock.slept == [60.0]


def test_budget_is_shared_through_the_store(tmp_path):
    clock = Clock()
    first = RequestBudget(FileStore(str(tmp_path)), "https://api", "CLIENT", 2, sleep=clock.sleep, clock=clock)
    second = RequestBudget(FileStore(str(tmp_path)), "https://api", "CLIENT", 2, sleep=clock.sleep, clock=clock)
    other = RequestBudget(FileStore(str(tmp_path)), "https://api", "OTHER", 2, sleep=clock.sleep, clock=clock)
    first.take()
    second.take()
    other.take()
    with pytest.raises(errors.ThrottledError):
        first.take()


def test_budget_zero_is_unlimited(tmp_path):
    budget = RequestBudget(FileStore(None), "https://api", "CLIENT", 0)
    for dummy in range(100):
        budget.take()


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
    assert sorted(documented) == sorted(spec) == sorted(CONNECTION_OPTIONS)
    for name, entry in spec.items():
        doc = documented[name]
        assert doc["type"] == entry["type"], name
        assert doc.get("default") == entry.get("default"), name
        assert doc.get("choices") == entry.get("choices"), name
        env = CONNECTION_OPTIONS[name][1]
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
