#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: api
short_description: Call any Plutora API endpoint
version_added: 0.1.0
description:
  - A generic escape hatch for Plutora endpoints that no dedicated module covers yet.
  - Uses the collection's shared connection layer, so it gets the same login caching, retries, request budget and
    error messages as every other module.
  - A V(GET) never changes anything. Any other method reports C(changed=true) when it succeeds, because the module
    cannot know what the endpoint did; in check mode such a request is not sent.
author:
  - Relops ITSM maintainers (@relops)
options:
  method:
    description:
      - HTTP method.
    type: str
    choices: [GET, POST, PUT, PATCH, DELETE]
    default: GET
  path:
    description:
      - Path relative to O(api_url), for example V(/me), V(/releases) or V(/releases/9d18a2dc-b694-4b20-971f-4944420f4038).
      - Query parameters go in O(query), not in the path.
    type: str
    required: true
  query:
    description:
      - Query parameters, for example a C(filter) in the vendor's syntax (see the examples).
    type: dict
  body:
    description:
      - JSON request body for V(POST), V(PUT) and V(PATCH).
    type: raw
  all_pages:
    description:
      - For a V(GET) of a list, read every page (100 records a page, the vendor's maximum) and return all records in
        RV(json). Works with both of the vendor's list shapes (a bare array, or C(resultSet)/C(totalCount)).
    type: bool
    default: false
  limit:
    description:
      - With O(all_pages), stop after this many records.
    type: int
  read_only:
    description:
      - Declare that a V(POST) only reads, as the vendor's C(/filter) searches do. It is then sent in check mode,
        retried like a V(GET), and reports C(changed=false).
    type: bool
    default: false
extends_documentation_fragment:
  - relops.itsm.connection
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying target.
    support: full
    details: V(GET) requests and O(read_only) V(POST) requests are sent; other methods are not sent and report C(changed=true).
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
    support: none
  action_group:
    description: Use C(group/relops.itsm.plutora) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - relops.itsm.plutora
seealso:
  - name: Plutora API overview
    description: The vendor's interactive API reference for your region.
    link: https://usapi.plutora.com/swagger
"""

EXAMPLES = r"""
- name: Check connectivity (credentials from PLUTORA_* environment variables)
  relops.itsm.api:
    path: /me
  register: me

- name: Read every release, page by page
  relops.itsm.api:
    path: /releases
    all_pages: true
  register: all_releases

- name: Find releases by identifier with the vendor's filter syntax
  relops.itsm.api:
    path: /releases
    query:
      filter: "`identifier` Equals `REL-2026.12`"
  register: found

- name: Search changes with the vendor's POST filter (read-only, also runs in check mode)
  relops.itsm.api:
    method: POST
    path: /changes/filter
    read_only: true
    body:
      searchFilters:
        - property: name
          operator: Contains
          value: login
          direction: ASC
      recordsPerPage: 100
      pageNum: 0
  register: login_changes
"""

RETURN = r"""
status:
  description: HTTP status of the (last) response. Not returned when a write was skipped in check mode.
  returned: when a request was sent
  type: int
  sample: 200
json:
  description:
    - Decoded JSON body of the response, or its text when it is not JSON.
    - With O(all_pages), the list of all records read.
  returned: when a request was sent
  type: raw
  sample: "release.manager@example.com"
api_calls:
  description: Number of HTTP requests the task made, token requests and retries included.
  returned: always
  type: int
  sample: 2
http_log:
  description: One line per HTTP request (method, path, status, milliseconds, retry number); no headers or bodies.
  returned: when run with verbosity 3 or more (C(-vvv))
  type: list
  elements: str
  sample: ["POST /oauth/token -> 200 in 41 ms (retry 0)", "GET /me -> 200 in 8 ms (retry 0)"]
"""

from ansible_collections.relops.itsm.plugins.module_utils.core.boundary import Module, run_module
from ansible_collections.relops.itsm.plugins.module_utils.core.errors import ConfigurationError
from ansible_collections.relops.itsm.plugins.module_utils.plutora.connection import connect, connection_argument_spec


def run(module, client):
    params = module.params
    method = params["method"]
    reads = method == "GET" or (method == "POST" and params["read_only"])
    if params["all_pages"] and method != "GET":
        raise ConfigurationError("all_pages works with method GET only, got %s" % method)
    if params["limit"] is not None and not params["all_pages"]:
        raise ConfigurationError("limit needs all_pages: true")
    if params["body"] is not None and method in ("GET", "DELETE"):
        raise ConfigurationError("body is not sent with method %s; use query for parameters" % method)
    if not reads and module.check_mode:
        return {"changed": True}
    if params["all_pages"]:
        records = list(client.paged(params["path"], params["query"], limit=params["limit"]))
        return {"changed": False, "status": 200, "json": records}
    response = client.request(method, params["path"], query=params["query"], json=params["body"],
                              idempotent=True if reads else None)
    return {"changed": not reads, "status": response.status, "json": response.body}


def main():
    argument_spec = dict(
        method=dict(type="str", default="GET", choices=["GET", "POST", "PUT", "PATCH", "DELETE"]),
        path=dict(type="str", required=True),
        query=dict(type="dict"),
        body=dict(type="raw"),
        all_pages=dict(type="bool", default=False),
        limit=dict(type="int"),
        read_only=dict(type="bool", default=False),
    )
    argument_spec.update(connection_argument_spec())
    module = Module(argument_spec=argument_spec, supports_check_mode=True)
    run_module(module, connect, run)


if __name__ == "__main__":
    main()
