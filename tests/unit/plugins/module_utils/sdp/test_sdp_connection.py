# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""SDP's connection: editions, data centres, the option table against its documentation, and bad settings refused
before any request."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
import yaml

from ansible_collections.relops.itsm.plugins.doc_fragments.sdp import ModuleDocFragment
from ansible_collections.relops.itsm.plugins.module_utils.core import errors
from ansible_collections.relops.itsm.plugins.module_utils.sdp.connection import (
    DATA_CENTRES,
    OPTIONS,
    cloud_urls,
    connect,
    connection_argument_spec,
    edition,
)

CLOUD = dict(data_centre="eu", portal="itdesk", client_id="1000.X", client_secret="s3cret", refresh_token="r3fresh",
             token_cache="false")
PREM = dict(server_url="https://sdp.example.com:8080/", technician_key="KEY", token_cache="false")


def test_option_table_matches_documentation():
    documented = yaml.safe_load(ModuleDocFragment.DOCUMENTATION)["options"]
    assert list(documented) == list(OPTIONS)
    spec = connection_argument_spec()
    for name, option in OPTIONS.items():
        doc = documented[name]
        assert doc["type"] == option.kind and doc.get("default") == option.default, name
        assert doc.get("choices") == option.choices, name
        assert "E(%s)" % option.env in " ".join(doc["description"]), name
        assert option.env.startswith("SDP_")
        assert spec[name]["no_log"] == option.no_log
    assert [n for n, o in OPTIONS.items() if o.no_log] == ["technician_key", "client_secret", "refresh_token"]


@pytest.mark.parametrize("centre, api, accounts", [
    ("us", "https://sdpondemand.manageengine.com", "https://accounts.zoho.com"),
    ("eu", "https://sdpondemand.manageengine.eu", "https://accounts.zoho.eu"),
    ("in", "https://sdpondemand.manageengine.in", "https://accounts.zoho.in"),
    ("au", "https://sdpondemand.manageengine.com.au", "https://accounts.zoho.com.au"),
    ("cn", "https://servicedeskplus.cn", "https://accounts.zoho.com.cn"),
    ("jp", "https://sdpondemand.manageengine.jp", "https://accounts.zoho.jp"),
    ("ca", "https://sdpondemand.manageengine.ca", "https://accounts.zohocloud.ca"),
    ("sa", "https://sdpondemand.manageengine.sa", "https://accounts.zoho.sa"),
    ("uk", "https://sdpondemand.manageengine.uk", "https://accounts.zoho.uk"),
])
def test_one_option_picks_both_hosts(centre, api, accounts):
    assert cloud_urls({"data_centre": centre}) == (api, accounts)
    assert len(DATA_CENTRES) == 9


def test_explicit_urls_override_the_data_centre():
    assert cloud_urls({"data_centre": "eu", "api_url": "http://127.0.0.1:9/"}) == \
        ("http://127.0.0.1:9", "https://accounts.zoho.eu")
    assert cloud_urls({"api_url": "http://a/", "accounts_url": "http://b"}) == ("http://a", "http://b")
    with pytest.raises(errors.ConfigurationError) as caught:
        cloud_urls({"api_url": "http://a"})
    assert str(caught.value).startswith("api_url and accounts_url go together when no data_centre is given")


def test_editions():
    assert edition(PREM) == "on_premises"
    assert edition(CLOUD) == "cloud"
    # An exported SDP_SERVER_URL does not beat a cloud option the task gives.
    assert edition(dict(CLOUD, server_url="http://env"), given={"data_centre", "portal"}) == "cloud"
    assert edition(dict(CLOUD, server_url="http://task"), given={"server_url"}) == "on_premises"
    # An empty value counts as unset.
    assert edition(dict(CLOUD, server_url="")) == "cloud"


def test_the_urls_each_edition_calls():
    assert connect(PREM).api_base == "https://sdp.example.com:8080/api/v3"
    client = connect(CLOUD)
    assert client.api_base == "https://sdpondemand.manageengine.eu/app/itdesk/api/v3" and client.edition == "cloud"


@pytest.mark.parametrize("params, given, message", [
    (dict(PREM, data_centre="us"), None,
     "server_url (on-premises) and data_centre (cloud) are mutually exclusive: give server_url for an on-premises "
     "ServiceDesk Plus, or data_centre (or api_url and accounts_url) with portal for ServiceDesk Plus Cloud"),
    (dict(token_cache="false"), None,
     "no ServiceDesk Plus to talk to: give server_url (SDP_SERVER_URL) and technician_key for an on-premises server, "
     "or data_centre (SDP_DATA_CENTRE; one of au, ca, cn, eu, in, jp, sa, uk, us) and portal with client_id, "
     "client_secret and refresh_token for ServiceDesk Plus Cloud"),
    (dict(PREM, technician_key=None), None,
     "Missing ServiceDesk Plus technician key: technician_key. Set the options or the environment variables "
     "SDP_TECHNICIAN_KEY."),
    (dict(CLOUD, refresh_token=""), None,
     "Missing ServiceDesk Plus OAuth credentials: refresh_token. Set the options or the environment variables "
     "SDP_REFRESH_TOKEN."),
    (dict(CLOUD, portal=None), None,
     "Missing ServiceDesk Plus portal (the portal's URL name, from ESM Directory > Service Desk Instances): portal. "
     "Set the options or the environment variables SDP_PORTAL."),
    (dict(PREM, client_id="1000.X"), {"server_url", "client_id"},
     "client_id belongs to the cloud edition; this task talks to the other one. Remove it"),
    (dict(CLOUD, technician_key="KEY"), None,
     "technician_key belongs to the on-premises edition; this task talks to the other one. Remove it"),
    (dict(PREM, server_url="sdp.example.com"), None,
     "server_url (SDP_SERVER_URL) 'sdp.example.com' is not an http(s) URL; give one like https://sdp.example.com:8080"),
    (dict(CLOUD, data_centre="mars"), None, "data_centre (SDP_DATA_CENTRE) must be one of au, ca, cn, eu, in, jp, "
                                            "sa, uk, us, got 'mars'"),
    (dict(PREM, timeout=0), None, "timeout must be a positive number of seconds, got 0"),
    (dict(PREM, ca_path="/nonexistent/ca.pem"), None,
     "ca_path (SDP_CA_PATH) /nonexistent/ca.pem does not exist; give the PEM file (or directory) of the CA that "
     "signed the server's certificate"),
])
def test_bad_settings_fail_before_any_request(params, given, message):
    with pytest.raises(errors.ConfigurationError) as caught:
        connect(params, given=given)
    assert str(caught.value) == message
    for secret in ("KEY", "s3cret", "r3fresh"):
        assert secret not in str(caught.value) or secret == "KEY" and "KEY" in message


def test_awx_credential_type_injects_the_option_variables():
    import os
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "..", "..", "..", "..", "extensions", "awx", "sdp_credential_type.yml")
    with open(path) as handle:
        definition = yaml.safe_load(handle)
    fields = dict((f["id"], f) for f in definition["inputs"]["fields"])
    env = definition["injectors"]["env"]
    # Every input reaches the module as its option's variable, and only the options' secrets are secret.
    assert dict((name, OPTIONS[name].env) for name in fields) == dict(
        (name, var) for var, template in env.items() for name in [template.strip("{} ")])
    assert sorted(n for n, f in fields.items() if f.get("secret")) == sorted(n for n, o in OPTIONS.items()
                                                                             if o.no_log)
    assert [c for c in fields["data_centre"]["choices"] if c] == sorted(DATA_CENTRES, key=list(
        ["us", "eu", "in", "au", "cn", "jp", "ca", "sa", "uk"]).index)
