# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # Where a plugin (not a module) reads Plutora's connection options: the modules' environment variables, an
    # ansible.cfg section, and plutora_<option> variables (an inventory plugin sees the extra vars, -e). A plugin
    # extends relops.itsm.connection (names, types, defaults, descriptions) and this fragment, which adds only the
    # env, ini and vars entries to the same options; a unit test keeps both equal to OPTIONS in
    # plugins/module_utils/plutora/connection.py.
    DOCUMENTATION = r"""
options:
  region:
    env:
      - name: PLUTORA_REGION
    ini:
      - section: relops.itsm.plutora
        key: region
    vars:
      - name: plutora_region
  api_url:
    env:
      - name: PLUTORA_API_URL
    ini:
      - section: relops.itsm.plutora
        key: api_url
    vars:
      - name: plutora_api_url
  auth_url:
    env:
      - name: PLUTORA_AUTH_URL
    ini:
      - section: relops.itsm.plutora
        key: auth_url
    vars:
      - name: plutora_auth_url
  client_id:
    env:
      - name: PLUTORA_CLIENT_ID
    ini:
      - section: relops.itsm.plutora
        key: client_id
    vars:
      - name: plutora_client_id
  client_secret:
    env:
      - name: PLUTORA_CLIENT_SECRET
    ini:
      - section: relops.itsm.plutora
        key: client_secret
    vars:
      - name: plutora_client_secret
  username:
    env:
      - name: PLUTORA_USERNAME
    ini:
      - section: relops.itsm.plutora
        key: username
    vars:
      - name: plutora_username
  password:
    env:
      - name: PLUTORA_PASSWORD
    ini:
      - section: relops.itsm.plutora
        key: password
    vars:
      - name: plutora_password
  validate_certs:
    env:
      - name: PLUTORA_VALIDATE_CERTS
    ini:
      - section: relops.itsm.plutora
        key: validate_certs
    vars:
      - name: plutora_validate_certs
  ca_path:
    env:
      - name: PLUTORA_CA_PATH
    ini:
      - section: relops.itsm.plutora
        key: ca_path
    vars:
      - name: plutora_ca_path
  timeout:
    env:
      - name: PLUTORA_TIMEOUT
    ini:
      - section: relops.itsm.plutora
        key: timeout
    vars:
      - name: plutora_timeout
  token_cache:
    env:
      - name: PLUTORA_TOKEN_CACHE
    ini:
      - section: relops.itsm.plutora
        key: token_cache
    vars:
      - name: plutora_token_cache
  retries:
    env:
      - name: PLUTORA_RETRIES
    ini:
      - section: relops.itsm.plutora
        key: retries
    vars:
      - name: plutora_retries
  rate_limit:
    env:
      - name: PLUTORA_RATE_LIMIT
    ini:
      - section: relops.itsm.plutora
        key: rate_limit
    vars:
      - name: plutora_rate_limit
"""
