# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""SDP authentication over real HTTP: the first line, technician keys in every spelling (on-premises), Zoho OAuth
with its caps (cloud), and the Accept header (README.md, "The ServiceDesk Plus simulator")."""

import time

import pytest
from sdp_client import ACCEPT, refused, sdp, sdp_info  # noqa: F401  pylint: disable=unused-import,import-error

KEY_FIRST_LINE = ("url", "technician_key", "portal", "cloud_url", "accounts_url", "client_id", "client_secret",
                  "refresh_token", "ca_cert", "pid")


def test_first_line_carries_both_editions(sdp_info):  # noqa: F811
    assert sorted(sdp_info) == sorted(KEY_FIRST_LINE)
    assert sdp_info["url"] == sdp_info["cloud_url"] == sdp_info["accounts_url"]
    assert sdp_info["url"].startswith("http://127.0.0.1:") and sdp_info["ca_cert"] is None


@pytest.mark.parametrize("headers", [
    lambda key: {"Authorization": "authtoken: " + key},
    lambda key: {"authtoken": key},
    lambda key: {"Authtoken": key},
    lambda key: {"TECHNICIAN_KEY": key, "PORTALID": "1"},
    lambda key: {"TECHNICIAN_KEY": key},
])
def test_technician_key_spellings(sdp, headers):  # noqa: F811
    resp = sdp.call("GET", "/releases/3", headers=dict(headers(sdp.info["technician_key"]), Accept=ACCEPT))
    assert resp.status_code == 200, resp.text
    assert resp.json()["release"]["id"] == "3"


def test_bad_key_wrong_portal_id_and_no_secret_in_the_log(sdp):  # noqa: F811
    key = sdp.info["technician_key"]
    refused(sdp.call("GET", "/releases/3", headers={"Accept": ACCEPT, "authtoken": "0" + key[1:]}), 401, 4022)
    refused(sdp.call("GET", "/releases/3", headers={"Accept": ACCEPT}), 401, 4022)
    refused(sdp.call("GET", "/releases/3", headers={"Accept": ACCEPT, "TECHNICIAN_KEY": key, "PORTALID": "7"}),
            400, 4001, "PORTALID")
    log = sdp.sim("GET", "requests")["requests"]
    assert [e["status"] for e in log] == [401, 401, 400]
    assert log[2]["client_id"] == "technician:5" and key not in str(log)


def test_accept_header_is_the_v3_one(sdp):  # noqa: F811
    headers = dict(sdp.headers, Accept="text/html")
    refused(sdp.call("GET", "/releases/3", headers=headers), 406, 4000, "Accept")


def test_cloud_edition_with_either_scheme(sdp):  # noqa: F811
    for scheme in ("Zoho-oauthtoken", "Bearer"):
        sdp.cloud(scheme)
        assert sdp.base.endswith("/app/itdesk/api/v3")
        assert sdp.get(3)["title"] == "MSSQL Server service pack upgrade"
    # The portal is part of every cloud path; another one is an invalid URL.
    resp = sdp.http.get(sdp.info["cloud_url"] + "/app/otherdesk/api/v3/releases/3", headers=sdp.headers, timeout=10)
    refused(resp, 404, 4007)
    # Each edition takes its own credential only.
    on_prem = sdp.http.get(sdp.info["url"] + "/api/v3/releases/3", headers=sdp.headers, timeout=10)
    refused(on_prem, 401, 4022)
    key = {"Accept": ACCEPT, "Authorization": "authtoken: " + sdp.info["technician_key"]}
    refused(sdp.call("GET", "/releases/3", headers=key), 401, 4022)


def test_token_answer_and_refusals(sdp):  # noqa: F811
    body = sdp.grant().json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 3600
    assert body["access_token"].startswith("1000.") and body["api_domain"] == sdp.info["cloud_url"]
    assert sdp.grant(client_secret="wrong").json() == {"error": "invalid_client"}
    assert sdp.grant(refresh_token="1000.not.mine").json() == {"error": "invalid_code"}
    assert sdp.grant(grant_type="authorization_code").json() == {"error": "unsupported_grant_type"}
    assert sdp.info["client_secret"] not in str(sdp.sim("GET", "requests"))  # a form body is not logged
    # Parameters in the query string, as Zoho's own examples send them, work too.
    query = {"grant_type": "refresh_token", "client_id": sdp.info["client_id"],
             "client_secret": sdp.info["client_secret"], "refresh_token": sdp.info["refresh_token"]}
    assert "access_token" in sdp.http.post(sdp.info["accounts_url"] + "/oauth/v2/token", params=query,
                                           timeout=10).json()
    assert sdp.sim("GET", "tokens")["granted"] == 2


def test_grant_cap_per_ten_minutes(sdp):  # noqa: F811
    sdp.sim("PUT", "config", json={"token_cap": 3})
    answers = [sdp.grant() for dummy in range(4)]
    assert [("access_token" in r.json()) for r in answers] == [True, True, True, False]
    assert answers[3].status_code == 400
    assert answers[3].json()["error"] == "Access Denied"
    assert "too many requests" in answers[3].json()["error_description"]
    # The tokens already granted still work.
    sdp.headers = {"Accept": ACCEPT, "Authorization": "Zoho-oauthtoken " + answers[0].json()["access_token"]}
    sdp.base = "%s/app/%s/api/v3" % (sdp.info["cloud_url"], sdp.info["portal"])
    assert sdp.get(3)["id"] == "3"


def test_active_token_limit_drops_the_oldest(sdp):  # noqa: F811
    sdp.sim("DELETE", "tokens")
    sdp.sim("PUT", "config", json={"active_tokens": 2})
    tokens = [sdp.grant().json()["access_token"] for dummy in range(3)]
    base = "%s/app/%s/api/v3/releases/3" % (sdp.info["cloud_url"], sdp.info["portal"])
    statuses = [sdp.http.get(base, headers={"Accept": ACCEPT, "Authorization": "Zoho-oauthtoken " + t},
                             timeout=10).status_code for t in tokens]
    assert statuses == [401, 200, 200]
    assert sdp.sim("GET", "tokens")["active"] == 2


def test_expired_and_revoked_tokens(sdp):  # noqa: F811
    sdp.sim("PUT", "config", json={"token_ttl": 1})
    sdp.cloud()
    assert sdp.call("GET", "/releases/3").status_code == 200
    time.sleep(1.2)
    refused(sdp.call("GET", "/releases/3"), 401, 4022, "Authorization")
    sdp.sim("PUT", "config", json={"token_ttl": 3600})
    sdp.cloud()
    sdp.sim("DELETE", "tokens")
    refused(sdp.call("GET", "/releases/3"), 401, 4022)
