# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # Connection options of the Plutora Test modules. The option table in
    # plugins/module_utils/plutora_test/connection.py is the same list; a unit test keeps them equal.
    DOCUMENTATION = r"""
options:
  region:
    description:
      - Which hosts serve Plutora Test (formerly Stryka).
      - V(ps) is C(https://apips.plutora.com) with tokens from C(https://oauthps.plutora.com), the hosts Plutora's
        own integration job calls Plutora Test on. It is used when neither a region nor URLs are given.
      - V(us), V(uk), V(au) and V(eu) are the regional hosts, for example C(https://usapi.plutora.com) with tokens
        from C(https://usoauth.plutora.com); the vendor's pages say the regional token URL serves every module,
        Plutora Test included.
      - O(api_url) and O(auth_url) override it.
      - If not set, the value of the E(PLUTORA_TEST_REGION) environment variable is used.
    type: str
    choices: [ps, us, uk, au, eu]
  api_url:
    description:
      - Base URL of the Plutora Test API, for example V(https://apips.plutora.com) or a local simulator.
      - When set without O(region), O(auth_url) must be set too, because tokens come from a separate host.
      - If not set, the value of the E(PLUTORA_TEST_API_URL) environment variable is used.
    type: str
  auth_url:
    description:
      - Base URL of the OAuth server; the token endpoint is C(<auth_url>/oauth/token).
      - If not set, the value of the E(PLUTORA_TEST_AUTH_URL) environment variable is used.
    type: str
  client_id:
    description:
      - OAuth client id of Plutora Test's own API keys (not those of Plutora Release & Verify).
      - If not set, the value of the E(PLUTORA_TEST_CLIENT_ID) environment variable is used.
    type: str
  client_secret:
    description:
      - OAuth client secret that belongs to O(client_id). Never logged or returned.
      - If not set, the value of the E(PLUTORA_TEST_CLIENT_SECRET) environment variable is used.
    type: str
  username:
    description:
      - Login e-mail of the Plutora Test API user (password grant).
      - If not set, the value of the E(PLUTORA_TEST_USERNAME) environment variable is used.
    type: str
  password:
    description:
      - Password of O(username). Never logged, returned or written to disk.
      - A refused login is not tried again with the same credentials for an hour; change the credentials or remove
        the token cache to retry sooner.
      - A first token request that fails without judging the credentials (a server error, an empty answer) is sent
        once more, as the vendor advises ("you may need to click Send a second time"); it does not count as a
        failed login.
      - If not set, the value of the E(PLUTORA_TEST_PASSWORD) environment variable is used.
    type: str
  validate_certs:
    description:
      - Verify the server's TLS certificate. Only set to V(false) against a test server.
      - If not set, the value of the E(PLUTORA_TEST_VALIDATE_CERTS) environment variable is used.
    type: bool
    default: true
  ca_path:
    description:
      - PEM file of CA certificates used to verify the server, for example a corporate TLS-inspecting proxy's CA.
      - If not set, the value of the E(PLUTORA_TEST_CA_PATH) environment variable is used.
    type: path
  timeout:
    description:
      - Seconds to wait for a connection and for each response.
      - If not set, the value of the E(PLUTORA_TEST_TIMEOUT) environment variable is used.
    type: float
    default: 30
  token_cache:
    description:
      - Directory where the access token is cached (mode 0600) so that every task and fork of a run shares one login.
        The file holds the token and its expiry, never the password or client secret.
      - Defaults to C(relops.itsm) under E(XDG_CACHE_HOME), or C(~/.cache/relops.itsm).
      - Set to V(false) to keep no token, budget or lock on disk; every task then logs in on its own. (Compiled code
        of the collection has its own cache and switch, E(RELOPS_ITSM_CODE_CACHE).)
      - If not set, the value of the E(PLUTORA_TEST_TOKEN_CACHE) environment variable is used.
    type: str
  retries:
    description:
      - How many times a request is retried after a connection error or a 429, 502, 503 or 504 answer,
        with jittered exponential backoff that honours C(Retry-After).
      - Reads and searches are retried; a change (PATCH) is retried only when it cannot have reached the server or
        was throttled.
      - If not set, the value of the E(PLUTORA_TEST_RETRIES) environment variable is used.
    type: int
    default: 3
  rate_limit:
    description:
      - Client-side budget of requests per sliding hour for this client id, shared by all processes using the same
        O(token_cache). No Plutora Test limit is public; the default is Plutora Release & Verify's 26,000 an hour.
        V(0) disables the budget.
      - If not set, the value of the E(PLUTORA_TEST_RATE_LIMIT) environment variable is used.
    type: int
    default: 26000
notes:
  - All connection options can be set once for a play with C(module_defaults) and the action group
    C(group/relops.itsm.plutora_test).
  - An environment variable that is set but empty counts as unset, as AWX injects an empty value for a credential
    input left blank.
  - Needs no Python library beyond the standard library on the host that runs the module (usually the
    controller, with C(delegate_to) set to C(localhost)). Proxies come from E(HTTPS_PROXY) (E(HTTP_PROXY) for plain
    HTTP, E(ALL_PROXY)) and E(NO_PROXY).
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
    description: Use C(group/relops.itsm.plutora_test) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - relops.itsm.plutora_test
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
    details: Only the fields that change, before and after; nothing when nothing changes.
  action_group:
    description: Use C(group/relops.itsm.plutora_test) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - relops.itsm.plutora_test
"""
