#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: defect_info
short_description: Read Plutora Test defects, or fail a release gate while defects are open
version_added: 0.1.0
description:
  - Reads defects from Plutora Test (formerly Stryka), one by O(id) or O(display_id), or every defect a search
    finds (C(POST /defects/search)), page by page. With no selector at all it lists every defect.
  - A search combines O(filters) on the defects' main fields with the releases they are linked to
    (O(releases), O(no_release)).
  - With O(fail_if_any=true) the task fails when anything is found, which makes a release gate one task
    ("fail unless no defect of release X is open").
  - Never writes; C(changed) is always C(false).
author:
  - Relops ITSM maintainers (@relops)
options:
  id:
    description:
      - Read this one defect, by its id (a GUID). Fails if it does not exist.
      - Cannot be combined with O(display_id) or the search options.
    type: str
  display_id:
    description:
      - Read this one defect, by the id people see (for example V(DEF-1001)). Fails if it does not exist.
      - Cannot be combined with O(id) or the search options.
    type: str
  filters:
    description:
      - Conditions, all of which a defect must meet.
      - Plutora Test filters on main fields only (the vendor says "Filters do not work on custom fields, only main
        entity fields"), so a custom field's name is refused before anything is sent.
    type: list
    elements: dict
    default: []
    suboptions:
      property:
        description:
          - "The field: V(id), V(display_id), V(name), V(description), V(status), V(severity), V(priority),
            V(created_date) or V(last_modified_date)."
        type: str
        required: true
      operator:
        description:
          - Comparison, named as the vendor names it. V(Contains) and V(NotContains) work on text fields only (not on
            V(id) or dates). V(IsWithin) and V(NotWithin) take several values.
        type: str
        choices: [Equals, NotEquals, Contains, NotContains, LessThan, LessOrEqual, GreaterOrEqual, GreaterThan,
                  IsWithin, NotWithin]
        default: Equals
      value:
        description:
          - Value to compare with; text compares case-insensitively, dates as V(YYYY-MM-DD) or ISO 8601 date-times
            (UTC when no zone is given), V(id) as a GUID.
          - For V(IsWithin) and V(NotWithin), a list, or values separated by commas.
        type: raw
        required: true
      direction:
        description:
          - Sort direction for this field; defaults to O(direction).
        type: str
        choices: [ASC, DESC]
  direction:
    description:
      - Sort direction applied to each filter's field.
    type: str
    choices: [ASC, DESC]
    default: ASC
  releases:
    description:
      - Only defects linked to at least one of these Plutora releases.
      - Each is a release identifier (for example V(PAY-4.2)), looked up in Plutora Release & Verify with
        O(release_connection), or a release id (a GUID), used as it is without any lookup.
      - An identifier no release has fails the task before the search.
    type: list
    elements: str
    default: []
  no_release:
    description:
      - Only defects linked to no release; with O(releases), defects of those releases or of none.
    type: bool
    default: false
  release_connection:
    description:
      - The Plutora Release & Verify login used only to turn identifiers in O(releases) into ids; nothing is asked
        of Release & Verify when O(releases) holds ids only.
      - Each key defaults to the Release & Verify environment variable named below, so a run that already has the
        E(PLUTORA_*) variables set needs nothing here. O(timeout), O(retries) and O(token_cache) are this task's
        own.
    type: dict
    default: {}
    suboptions:
      region:
        description:
          - Release & Verify region (V(us), V(uk), V(au) or V(eu)).
          - If not set, the value of the E(PLUTORA_REGION) environment variable is used.
        type: str
        choices: [us, uk, au, eu]
      api_url:
        description:
          - Release & Verify API URL.
          - If not set, the value of the E(PLUTORA_API_URL) environment variable is used.
        type: str
      auth_url:
        description:
          - Release & Verify OAuth URL.
          - If not set, the value of the E(PLUTORA_AUTH_URL) environment variable is used.
        type: str
      client_id:
        description:
          - Release & Verify client id.
          - If not set, the value of the E(PLUTORA_CLIENT_ID) environment variable is used.
        type: str
      client_secret:
        description:
          - Release & Verify client secret. Never logged or returned.
          - If not set, the value of the E(PLUTORA_CLIENT_SECRET) environment variable is used.
        type: str
      username:
        description:
          - Release & Verify API user.
          - If not set, the value of the E(PLUTORA_USERNAME) environment variable is used.
        type: str
      password:
        description:
          - Password of that user. Never logged or returned.
          - If not set, the value of the E(PLUTORA_PASSWORD) environment variable is used.
        type: str
      validate_certs:
        description:
          - Verify the Release & Verify server's TLS certificate.
          - If not set, the value of the E(PLUTORA_VALIDATE_CERTS) environment variable is used.
        type: bool
        default: true
      ca_path:
        description:
          - CA bundle for the Release & Verify server.
          - If not set, the value of the E(PLUTORA_CA_PATH) environment variable is used.
        type: path
  page_size:
    description:
      - Records asked for in each search request, from 1 to 100.
    type: int
    default: 100
  limit:
    description:
      - Stop after this many defects. Without it every page is read.
    type: int
  fail_if_any:
    description:
      - Fail the task when the search (or O(id), O(display_id)) finds any defect; the message names the first ten.
        The result still carries RV(defects) and RV(total).
    type: bool
    default: false
extends_documentation_fragment:
  - relops.itsm.plutora_test
  - relops.itsm.plutora_test.attributes_read
  - relops.itsm.results
notes:
  - Custom fields are returned in each defect's RV(defects[].custom_fields), by name.
seealso:
  - module: relops.itsm.defect
"""

EXAMPLES = r"""
- name: One defect by the id people see
  relops.itsm.defect_info:
    display_id: DEF-1001
  register: one

- name: Release gate - fail unless no defect of PORTAL-7.0 is still open
  relops.itsm.defect_info:
    releases: [PORTAL-7.0]
    filters:
      - property: status
        operator: NotWithin
        value: [Closed, Rejected, Verified]
    fail_if_any: true

- name: Critical defects of two releases (by identifier, or by id), newest change first
  relops.itsm.defect_info:
    releases: [PAY-4.2, 234e450c-b59a-54fc-b5fa-44000440bbf8]
    filters:
      - property: severity
        operator: Equals
        value: Critical
      - property: last_modified_date
        operator: GreaterOrEqual
        value: "2026-01-01"
        direction: DESC
  register: critical

- name: Defects linked to no release, ten a page
  relops.itsm.defect_info:
    no_release: true
    page_size: 10
  register: unplanned

- name: Every defect
  relops.itsm.defect_info:
  register: all_defects

- name: Show each defect's root cause (a custom field)
  ansible.builtin.debug:
    msg: "{{ item.display_id }}: {{ item.custom_fields['Root Cause'] }}"
  loop: "{{ all_defects.defects }}"
  loop_control:
    label: "{{ item.display_id }}"
"""

RETURN = r"""
defects:
  description: The defects found, in the order the API returned them (empty when nothing matches).
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The defect's id.
      type: str
    display_id:
      description: The id people see.
      type: str
    name:
      description: The title.
      type: str
    description:
      description: The description (HTML as Plutora Test keeps it).
      type: str
    status:
      description: The status's name.
      type: str
    severity:
      description: The severity's name.
      type: str
    priority:
      description: The priority's name.
      type: str
    releases:
      description: The releases it is linked to, each with C(id), C(identifier) and C(name).
      type: list
      elements: dict
    custom_fields:
      description: Custom fields, name to value.
      type: dict
    created_date:
      description: When it was created (UTC, ISO 8601 with a C(Z)).
      type: str
    last_modified_date:
      description: When it last changed (UTC, ISO 8601 with a C(Z)).
      type: str
    raw:
      description: The defect as Plutora Test sent it, with O(raw=true) only.
      type: dict
  sample:
    - id: 5aee8d68-58d9-5142-8707-48747d7bfa33
      display_id: DEF-1001
      name: Payment confirmation e-mail sent twice
      description: "<p>Payment confirmation e-mail sent twice.</p>"
      status: Open
      severity: High
      priority: High
      releases:
        - id: ada39bec-0a1e-5bcb-b70c-5d2c8f7f7369
          identifier: PAY-4.2
          name: Payments API 4.2
      custom_fields:
        Root Cause: Retry without idempotency key
        Found In Build: 4.2.0-rc1
      created_date: "2026-09-01T09:00:00Z"
      last_modified_date: "2026-11-01T14:00:00Z"
total:
  description: How many defects match in all (the vendor's C(TotalCount)), which may exceed the number returned.
  returned: always
  type: int
  sample: 4
releases:
  description: What each identifier in O(releases) resolved to (ids given as ids are not listed).
  returned: always
  type: list
  elements: dict
  sample:
    - identifier: PAY-4.2
      id: ada39bec-0a1e-5bcb-b70c-5d2c8f7f7369
api_calls:
  description: Number of HTTP requests the task made (Release & Verify lookups, token requests and retries included).
  returned: always
  type: int
  sample: 3
"""

from ansible_collections.relops.itsm.plugins.module_utils.core.boundary import at_least, Module, run_module
from ansible_collections.relops.itsm.plugins.module_utils.core.errors import ConfigurationError
from ansible_collections.relops.itsm.plugins.module_utils.core.fields import RAW_OPTION, shaped
from ansible_collections.relops.itsm.plugins.module_utils.plutora_test import release_ids
from ansible_collections.relops.itsm.plugins.module_utils.plutora_test.connection import (
    connect,
    connection_argument_spec,
)
from ansible_collections.relops.itsm.plugins.module_utils.plutora_test.defects import (
    OPERATORS,
    Defects,
    build_filters,
    simple,
)

SEARCH_OPTIONS = ("filters", "releases", "no_release", "limit")
SHOWN = 10


def check(params):
    """Every option checked before any request."""
    if not 1 <= params["page_size"] <= 100:
        raise ConfigurationError("page_size must be between 1 and 100, got %d" % params["page_size"])
    at_least(params, "limit", 1, "1 or more")
    selectors = [name for name in ("id", "display_id") if params.get(name)]
    if len(selectors) > 1:
        raise ConfigurationError("id and display_id each name one defect; give one of them, not both")
    searching = [name for name in SEARCH_OPTIONS if params.get(name)]
    if selectors and searching:
        raise ConfigurationError("%s reads one defect, so %s cannot be given with it; leave %s out to search"
                                 % (selectors[0], ", ".join(searching), selectors[0]))
    return build_filters(params["filters"], params["direction"])


def gate_message(defects, total):
    shown = ", ".join("%s %s (%s)" % (d["display_id"], d["name"], d["status"]) for d in defects[:SHOWN])
    more = "" if total <= SHOWN else ", and %d more" % (total - SHOWN)
    return "fail_if_any: %d defect(s) match: %s%s" % (total, shown, more)


def run(module, client):
    params = module.params
    search_filters = check(params)
    api = Defects(client)
    resolved = []
    if params["id"]:
        records, total = [api.by_id(params["id"])], 1
    elif params["display_id"]:
        records, total = [api.by_display_id(params["display_id"])], 1
    else:
        ids, resolved = release_ids.resolve(client, params, params["releases"])
        listing = api.search(search_filters, ids, params["no_release"], params["limit"], params["page_size"])
        records = list(listing)
        total = len(records) if listing.total is None else listing.total
    defects = [shaped(r, simple, params["raw"]) for r in records]
    result = {"changed": False, "defects": defects, "total": total, "releases": resolved}
    if params["fail_if_any"] and defects:
        result.update(failed=True, msg=gate_message(defects, total))
    return result


def main():
    argument_spec = dict(
        id=dict(type="str"),
        display_id=dict(type="str"),
        filters=dict(type="list", elements="dict", default=[], options=dict(
            property=dict(type="str", required=True),
            operator=dict(type="str", default="Equals", choices=list(OPERATORS)),
            value=dict(type="raw", required=True),
            direction=dict(type="str", choices=["ASC", "DESC"]),
        )),
        direction=dict(type="str", default="ASC", choices=["ASC", "DESC"]),
        releases=dict(type="list", elements="str", default=[]),
        no_release=dict(type="bool", default=False),
        release_connection=release_ids.argument_spec(),
        page_size=dict(type="int", default=100),
        limit=dict(type="int"),
        fail_if_any=dict(type="bool", default=False),
    )
    argument_spec.update(RAW_OPTION)
    argument_spec.update(connection_argument_spec())
    module = Module(argument_spec=argument_spec, supports_check_mode=True)
    run_module(module, connect, run)


if __name__ == "__main__":
    main()
