#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: change_search
short_description: Search Plutora changes
version_added: 0.1.0
description:
  - Reads changes with Plutora's change search (C(POST /changes/filter)), or one change by its id.
  - Never writes; C(changed) is always C(false).
author:
  - Relops ITSM maintainers (@relops)
options:
  id:
    description:
      - Read this one change (its GUID) instead of searching. Fails if it does not exist.
    type: str
  release:
    description:
      - Only the changes this release delivers - the release's identifier or id. Without O(search_filters), the
        release's list of changes and then each change's full record are read (one request per change); with
        them, the vendor's search runs and only the release's changes are kept.
      - Not with O(id) or O(page).
    type: str
  search_filters:
    description:
      - Conditions, all of which a change must meet.
    type: list
    elements: dict
    default: []
    suboptions:
      property:
        description:
          - Change property, in snake_case or the vendor's camelCase, for example V(name), V(change_status),
            V(last_modified_date), V(business_value_score).
          - "Searchable: id, name, changeId, changePriorityName (or changePriority) and changePriorityId, likewise
            changeStatus, changeType, changeDeliveryRisk and changeTheme; organization(Id), raisedBy(Id), raisedDate,
            assignedTo(Id), businessValueScore, expectedDeliveryDate, description, descriptionSimple, lastModifiedDate,
            lastModifiedBy."
        type: str
        required: true
      operator:
        description:
          - Comparison, named as the vendor names it. V(Contains) and V(NotContains) work on text properties only.
        type: str
        choices: [Equals, NotEquals, Contains, NotContains, GreaterThan, GreaterOrEqual, LessThan, LessOrEqual]
        default: Equals
      value:
        description:
          - Value to compare with. Dates as V(YYYY-MM-DD) or ISO 8601 date-times (UTC when no zone is given),
            ids as GUIDs, scores as whole numbers.
        type: raw
        required: true
      direction:
        description:
          - Sort direction for this property; defaults to O(direction).
        type: str
        choices: [ASC, DESC]
  direction:
    description:
      - Sort direction applied to each filter's property.
    type: str
    choices: [ASC, DESC]
    default: ASC
  page_size:
    description:
      - Records asked for in each request, at most 100 (the vendor's maximum).
    type: int
    default: 100
  page:
    description:
      - Return only this page (0 is the first) of O(page_size) records instead of every page.
    type: int
  limit:
    description:
      - Stop after this many changes. The vendor's own default limit of a search is 10,000.
    type: int
    default: 10000
extends_documentation_fragment:
  - relops.itsm.connection
  - relops.itsm.connection.attributes_read
  - relops.itsm.results
"""

EXAMPLES = r"""
- name: Changes touched in the last week, newest first
  relops.itsm.change_search:
    search_filters:
      - property: last_modified_date
        operator: GreaterOrEqual
        value: "{{ '%Y-%m-%d' | strftime(now(utc=true).timestamp() - 7 * 86400) }}"
    direction: DESC
  register: recent

- name: Changes whose name mentions login
  relops.itsm.change_search:
    search_filters:
      - property: name
        operator: Contains
        value: login
    limit: 20
  register: login_changes

- name: The changes release PAY-4.2 delivers, with their full records
  relops.itsm.change_search:
    release: PAY-4.2
  register: delivered

- name: The second page of 25 high-value changes
  relops.itsm.change_search:
    search_filters:
      - property: business_value_score
        operator: GreaterThan
        value: 50
    page_size: 25
    page: 1
  register: valuable
"""

RETURN = r"""
changes:
  description:
    - The changes found, in the order the API returned them (empty when nothing matches); with O(release), in
      the release's order.
    - Each field is under the snake_case name O(search_filters[].property) takes for it (C(change_status),
      C(last_modified_date) ...), so a value read here can be searched for again; dates are UTC with a C(Z), names
      stand for the ids behind them, custom fields (C(additional_information)) are a name-to-value map and systems
      are listed by C(name) and C(role). O(raw=true) adds the vendor's record, ids included, under C(raw).
  returned: always
  type: list
  elements: dict
  sample:
    - id: 2f1c9a52-6a4b-4f0e-9d53-5a1f3e3c1a01
      change_id: 17
      name: Fix login timeout
      change_status: Approved
      change_type: Bug Fix
      change_priority: High
      change_delivery_risk: Low
      change_theme: null
      organization: Payments
      raised_by: Devon Lead
      raised_date: "2026-11-02T10:00:00Z"
      assigned_to: null
      business_value_score: 60
      expected_delivery_date: "2026-12-10T00:00:00Z"
      description: "<p>Session expires too early.</p>"
      last_modified_date: "2026-11-20T09:15:00Z"
      last_modified_by: api.user@example.com
      additional_information: {}
      systems: []
total:
  description:
    - How many changes match the filters in all (the vendor's C(totalCount)), which may exceed the number returned.
    - With O(release), the number returned.
  returned: always
  type: int
  sample: 42
api_calls:
  description: Number of HTTP requests the task made, token requests and retries included.
  returned: always
  type: int
  sample: 3
"""

from ansible_collections.relops.itsm.plugins.module_utils.core.boundary import at_least, Module, RecordList, run_module
from ansible_collections.relops.itsm.plugins.module_utils.core.errors import ConfigurationError
from ansible_collections.relops.itsm.plugins.module_utils.core.fields import RAW_OPTION, shaped
from ansible_collections.relops.itsm.plugins.module_utils.plutora.change_fields import change_options
from ansible_collections.relops.itsm.plugins.module_utils.plutora.changes import Changes, build_change_filters
from ansible_collections.relops.itsm.plugins.module_utils.plutora.connection import connect, connection_argument_spec
from ansible_collections.relops.itsm.plugins.module_utils.plutora.search import OPERATORS


def run(module, client):
    params = module.params
    if not 1 <= params["page_size"] <= 100:
        raise ConfigurationError("page_size must be between 1 and 100 (the vendor's maximum), got %d" % params["page_size"])
    at_least(params, "limit", 1, "1 or more")
    at_least(params, "page", 0, "0 or more (0 is the first page)")
    changes_api = Changes(client)
    if params["id"]:
        return {"changed": False, "changes": [shaped(changes_api.get(params["id"]), change_options, params["raw"])],
                "total": 1}
    filters = build_change_filters(params["search_filters"], params["direction"])
    if params["release"] is not None:
        changes = changes_api.of_release(changes_api.release_id(params["release"]), filters, params["limit"],
                                         params["page_size"])
        return {"changed": False, "changes": [shaped(c, change_options, params["raw"]) for c in changes],
                "total": len(changes)}
    if params["page"] is not None:
        page, total = changes_api.page(filters, params["page"], params["page_size"], params["limit"])
        changes = [shaped(c, change_options, params["raw"]) for c in page[:params["limit"]]]
    else:  # shaped page by page: a page's vendor records are dropped once shown
        listing = changes_api.search(filters, params["limit"], params["page_size"])
        changes = RecordList(shaped(c, change_options, params["raw"]) for c in listing)  # kept as JSON text
        total = listing.total
    return {"changed": False, "changes": changes, "total": len(changes) if total is None else total}


def main():
    argument_spec = dict(
        id=dict(type="str"),
        release=dict(type="str"),
        search_filters=dict(type="list", elements="dict", default=[], options=dict(
            property=dict(type="str", required=True),
            operator=dict(type="str", default="Equals", choices=list(OPERATORS)),
            value=dict(type="raw", required=True),
            direction=dict(type="str", choices=["ASC", "DESC"]),
        )),
        direction=dict(type="str", default="ASC", choices=["ASC", "DESC"]),
        page_size=dict(type="int", default=100),
        page=dict(type="int"),
        limit=dict(type="int", default=10000),
    )
    argument_spec.update(RAW_OPTION)
    argument_spec.update(connection_argument_spec())
    module = Module(argument_spec=argument_spec, supports_check_mode=True,
                    mutually_exclusive=[("id", "search_filters"), ("id", "page"), ("id", "release"),
                                        ("release", "page")])
    run_module(module, connect, run)


if __name__ == "__main__":
    main()
