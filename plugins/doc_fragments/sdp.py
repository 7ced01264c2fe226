# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # Connection options of the ServiceDesk Plus modules. The option table in
    # plugins/module_utils/sdp/connection.py is the same list; a unit test keeps them equal.
    DOCUMENTATION = r"""
options:
  server_url:
    description:
      - Base URL of an on-premises ServiceDesk Plus, for example V(https://sdp.example.com:8080); the API is
        C(<server_url>/api/v3). Chooses the on-premises edition, with O(technician_key).
      - Mutually exclusive with O(data_centre) and O(api_url) when both are given in the task; an option given in
        the task beats an environment variable of the other edition.
      - If not set, the value of the E(SDP_SERVER_URL) environment variable is used.
    type: str
  technician_key:
    description:
      - The on-premises API key ("technician key", Admin > Technicians > Generate API key), sent in the
        C(authtoken) header. Never logged or returned.
      - If not set, the value of the E(SDP_TECHNICIAN_KEY) environment variable is used.
    type: str
  portal_id:
    description:
      - On-premises only - the C(PORTALID) of one portal of a multi-portal (ESM) server.
      - If not set, the value of the E(SDP_PORTAL_ID) environment variable is used.
    type: str
  data_centre:
    description:
      - ServiceDesk Plus Cloud's data centre; picks both the API host and its Zoho accounts (token) host, so they
        cannot disagree - V(us) (sdpondemand.manageengine.com, accounts.zoho.com), V(eu) (.eu), V(in) (.in),
        V(au) (sdpondemand.manageengine.com.au, accounts.zoho.com.au), V(cn) (servicedeskplus.cn,
        accounts.zoho.com.cn), V(jp), V(ca) (accounts.zohocloud.ca), V(sa) or V(uk).
      - O(api_url) and O(accounts_url) override its hosts.
      - If not set, the value of the E(SDP_DATA_CENTRE) environment variable is used.
    type: str
    choices: [au, ca, cn, eu, in, jp, sa, uk, us]
  portal:
    description:
      - Cloud only - the portal's URL name (ESM Directory > Service Desk Instances); the API is
        C(<api host>/app/<portal>/api/v3).
      - If not set, the value of the E(SDP_PORTAL) environment variable is used.
    type: str
  api_url:
    description:
      - Cloud only - the API host instead of the data centre's, for example a custom domain or a simulator.
        Without O(data_centre), O(accounts_url) must be given too.
      - If not set, the value of the E(SDP_API_URL) environment variable is used.
    type: str
  accounts_url:
    description:
      - Cloud only - the Zoho accounts host instead of the data centre's; the token endpoint is
        C(<accounts_url>/oauth/v2/token).
      - If not set, the value of the E(SDP_ACCOUNTS_URL) environment variable is used.
    type: str
  client_id:
    description:
      - Cloud only - the Zoho OAuth client id (a self client or server-based application).
      - If not set, the value of the E(SDP_CLIENT_ID) environment variable is used.
    type: str
  client_secret:
    description:
      - Cloud only - the OAuth client secret. Never logged or returned.
      - If not set, the value of the E(SDP_CLIENT_SECRET) environment variable is used.
    type: str
  refresh_token:
    description:
      - Cloud only - the refresh token access tokens are minted from (C(grant_type=refresh_token)). Never logged,
        returned or written to disk. One access token is minted per run and shared by every task and fork through
        O(token_cache), as Zoho lets a refresh token mint only about ten per ten minutes.
      - A refusal of these credentials is remembered for an hour, so later tasks fail at once; change them or
        remove the token cache to try sooner.
      - If not set, the value of the E(SDP_REFRESH_TOKEN) environment variable is used.
    type: str
  validate_certs:
    description:
      - Verify the server's TLS certificate. Only set to V(false) against a test server.
      - If not set, the value of the E(SDP_VALIDATE_CERTS) environment variable is used.
    type: bool
    default: true
  ca_path:
    description:
      - PEM file of CA certificates used to verify the server, for example an on-premises server's own CA.
      - If not set, the value of the E(SDP_CA_PATH) environment variable is used.
    type: path
  timeout:
    description:
      - Seconds to wait for a connection and for each response.
      - If not set, the value of the E(SDP_TIMEOUT) environment variable is used.
    type: float
    default: 30
  token_cache:
    description:
      - Directory shared by every task and fork of a run - the cloud access token (mode 0600, keyed by a digest of
        the client secret and refresh token, so changed credentials never get a cached token), the request
        budget, the per-release locks and the catalogues read to check names. Never a secret other than the token.
      - Defaults to C(relops.itsm) under E(XDG_CACHE_HOME), or C(~/.cache/relops.itsm).
      - Set to V(false) to keep no token, budget or lock on disk; every task then mints its own token. (Compiled code
        of the collection has its own cache and switch, E(RELOPS_ITSM_CODE_CACHE).)
      - If not set, the value of the E(SDP_TOKEN_CACHE) environment variable is used.
    type: str
  retries:
    description:
      - How many times a read is retried after a connection error or a 429, 502, 503 or 504 answer, with jittered
        exponential backoff that honours C(Retry-After). A write is re-sent only when it surely never reached the
        server or was refused with 429; a write whose answer was lost is settled by reading (a create by looking
        its key up), so a fault never makes a duplicate.
      - If not set, the value of the E(SDP_RETRIES) environment variable is used.
    type: int
    default: 3
  rate_limit:
    description:
      - Client-side budget of requests per sliding hour for this server and credential, shared by all processes
        using the same O(token_cache). SDP publishes no number; V(0) disables the budget.
      - If not set, the value of the E(SDP_RATE_LIMIT) environment variable is used.
    type: int
    default: 3600
notes:
  - All connection options can be set once for a play with C(module_defaults) and the action group
    C(group/relops.itsm.sdp).
  - An environment variable (or option) that is set but empty counts as unset, as AWX injects an empty value for
    a credential input left blank; a task can so give V("") to ignore an exported variable of the other edition.
  - Needs nothing beyond ansible-core and Python's standard library on the host that runs the module (usually the
    controller, with C(delegate_to) set to C(localhost)).
"""

    ATTRIBUTES_READ = r"""
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying target.
    support: full
    details: The module only reads, so check mode behaves exactly like a normal run.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
    support: none
  action_group:
    description: Use C(group/relops.itsm.sdp) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - relops.itsm.sdp
"""

    ATTRIBUTES_WRITE = r"""
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying target.
    support: full
    details: Every read is made and no write; C(changed) and the returned record are what a real run would give.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
    support: full
    details: Only the fields that change, before and after, in option names; nothing when nothing changes.
  action_group:
    description: Use C(group/relops.itsm.sdp) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - relops.itsm.sdp
"""
