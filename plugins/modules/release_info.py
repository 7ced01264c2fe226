#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: release_info
short_description: Read Plutora releases
version_added: 0.1.0
description:
  - Reads one release by O(id) or O(identifier), several by O(identifiers), or searches with O(filters), O(sort)
    and O(limit) through the vendor's release search, 100 records a page.
  - With none of O(id), O(identifier), O(identifiers) and O(filters), lists every release (a search without
    conditions, so O(sort) and O(limit) apply), as the other C(_info) modules do.
  - Never writes; C(changed) is always C(false). Nothing found is not an error, except for O(id).
author:
  - Relops ITSM maintainers (@relops)
options:
  id:
    description:
      - Read the release with this id (GUID). Fails if there is none.
    type: str
  identifier:
    description:
      - Read the releases whose identifier (the vendor's "Release ID") is this. Usually one; Plutora allows duplicates.
    type: str
  identifiers:
    description:
      - Read the releases with any of these identifiers, in as few requests as the vendor's filter allows.
    type: list
    elements: str
  filters:
    description:
      - Search conditions, all of which a release must meet.
      - An empty list, like leaving out every selector, matches every release.
    type: list
    elements: dict
    suboptions:
      property:
        description:
          - Release property in snake_case or the vendor's camelCase, for example V(implementation_date),
            V(release_status_type), V(plutora_release_type), V(identifier), V(organization).
        type: str
        required: true
      operator:
        description:
          - Comparison as the vendor names it. V(Contains) and V(NotContains) work on text properties only.
        type: str
        choices: [Equals, NotEquals, Contains, NotContains, GreaterThan, GreaterOrEqual, LessThan, LessOrEqual]
        default: Equals
      value:
        description:
          - Value to compare with; dates as V(YYYY-MM-DD) or ISO 8601 date-times, ids as GUIDs.
        type: raw
        required: true
  sort:
    description:
      - Order of a search (O(filters), or no selector at all). Not with O(id), O(identifier) or O(identifiers).
    type: dict
    suboptions:
      property:
        description: Property to sort by.
        type: str
        required: true
      direction:
        description: V(ASC) or V(DESC).
        type: str
        choices: [ASC, DESC]
        default: ASC
  limit:
    description:
      - Return at most this many releases from a search (O(filters), or no selector at all); reading stops as soon
        as it has them. Not with O(id), O(identifier) or O(identifiers).
    type: int
  include:
    description:
      - Related data to read for each release found, one request per release and kind. Fetched only when asked for.
      - V(systems) adds RV(releases[].systems), the impacted systems with their role and deployment status.
      - V(additional_information) reads RV(releases[].additional_information), the custom fields, where the record
        read does not already carry them.
      - V(changes) adds RV(releases[].changes), the changes the release delivers (C(GET /releases/{id}/changes)), in
        the names M(relops.itsm.change_search) uses - C(id), C(name), C(change_id), C(last_modified_date),
        C(target_release), C(actual_delivery_release). M(relops.itsm.change_search) with
        O(relops.itsm.change_search#module:release) returns their full records.
    type: list
    elements: str
    choices: [systems, additional_information, changes]
    default: []
extends_documentation_fragment:
  - relops.itsm.connection
  - relops.itsm.connection.attributes_read
  - relops.itsm.results
"""

EXAMPLES = r"""
- name: The release a build belongs to, with its systems
  relops.itsm.release_info:
    identifier: PAY-4.2
    include: [systems]
  register: build_release

- name: Results are in the release module's option names - move that release on, keeping its systems as they are
  relops.itsm.release:
    identifier: "{{ build_release.releases[0].identifier }}"
    status: In Progress
    systems: "{{ build_release.releases[0].systems }}"

- name: Releases due in the coming weeks, soonest first
  relops.itsm.release_info:
    filters:
      - property: implementation_date
        operator: GreaterOrEqual
        value: "2026-12-01"
      - property: implementation_date
        operator: LessThan
        value: "2027-01-01"
    sort:
      property: implementation_date
      direction: ASC
  register: due

- name: The changes a release delivers
  relops.itsm.release_info:
    identifier: PAY-4.2
    include: [changes]
  register: delivered

- name: Several releases by identifier
  relops.itsm.release_info:
    identifiers: [PAY-4.2, PORTAL-7.0, AUTH-2.9]
  register: train

- name: Every release, newest implementation date first
  relops.itsm.release_info:
    sort:
      property: implementation_date
      direction: DESC
  register: all_releases
"""

RETURN = r"""
releases:
  description:
    - The releases found, each in the option names and value forms of M(relops.itsm.release), so a release read
      here can be given back as that module's options - the same shape as its RV(relops.itsm.release#module:release)
      result. Empty when nothing matches.
    - Dates are UTC with a C(Z); custom fields (RV(releases[].additional_information)) are a name-to-value map
      for the fields that hold a value; systems (with O(include=systems)) are listed by name with their role,
      dependency type and deployment status. O(raw=true) adds each vendor record under C(raw).
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The release's id (GUID).
      type: str
    identifier:
      description: The release's identifier.
      type: str
    status:
      description: Release status by name.
      type: str
    implementation_date:
      description: Implementation date-time in UTC, ISO 8601 with a C(Z).
      type: str
    additional_information:
      description: Custom fields that hold a value, name to value; the vendor's items, every field included, are in C(raw).
      type: dict
    systems:
      description:
        - With O(include=systems), the release's systems as the release module's
          O(relops.itsm.release#module:systems) takes them - C(name), C(role), and C(dependency_type) and
          C(deployment_status) when the link has them.
      type: list
      elements: dict
    changes:
      description:
        - With O(include=changes), the changes the release delivers, in the names M(relops.itsm.change_search)
          uses - C(id), C(name), C(change_id), C(last_modified_date), C(target_release), C(actual_delivery_release).
      type: list
      elements: dict
    raw:
      description: The vendor's record, with O(raw=true) only.
      type: dict
  sample:
    - id: 9d18a2dc-b694-4b20-971f-4944420f4038
      identifier: PAY-4.2
      name: Payments API 4.2
      summary: null
      release_type: Minor
      location: null
      status: Approved
      risk_level: Low
      implementation_date: "2026-12-10T20:00:00Z"
      display_color: "#1f77b4"
      organization: Payments
      manager: Devon Lead
      parent_release: REL-2026.12
      plutora_release_type: integrated
      release_project_type: none
      last_modified_date: "2026-11-20T09:15:00Z"
      additional_information: {"Jira Epic": "PAY-421", "Story Points": 13, "Go-Live Date": null}
      systems: [{"name": "Payments API", "role": "Impact"}]
      changes: [{"id": "7ec34332-5fee-50f6-b724-85f449008472", "change_id": 1, "name": "CHG-001 card tokenisation",
                 "last_modified_date": "2026-11-02T08:01:00Z", "target_release": true, "actual_delivery_release": true}]
total:
  description: How many releases match a search in all (the vendor's C(totalCount)); the number returned otherwise.
  returned: always
  type: int
  sample: 7
api_calls:
  description: Number of HTTP requests the task made, token requests and retries included.
  returned: always
  type: int
  sample: 2
"""

from ansible_collections.relops.itsm.plugins.module_utils.core.boundary import at_least, Module, RecordList, run_module
from ansible_collections.relops.itsm.plugins.module_utils.core.errors import ConfigurationError
from ansible_collections.relops.itsm.plugins.module_utils.core.fields import RAW_OPTION, shaped
from ansible_collections.relops.itsm.plugins.module_utils.plutora.connection import connect, connection_argument_spec
from ansible_collections.relops.itsm.plugins.module_utils.plutora.release_fields import release_options
from ansible_collections.relops.itsm.plugins.module_utils.plutora.releases import Releases, build_release_filters
from ansible_collections.relops.itsm.plugins.module_utils.plutora.search import OPERATORS


def _by_identifiers(releases, wanted):
    summaries = releases.with_identifiers(wanted)
    order = dict((value, index) for index, value in enumerate(wanted))
    summaries.sort(key=lambda r: order.get(r.get("identifier"), len(order)))
    return [releases.get(summary["id"]) for summary in summaries]


def run(module, client):
    params = module.params
    at_least(params, "limit", 1, "1 or more")
    by_key = params["id"] or params["identifier"] or params["identifiers"]
    if (params["sort"] or params["limit"] is not None) and by_key:
        raise ConfigurationError("sort and limit apply to a search (filters, or no selector for every release), "
                                 "not to id, identifier or identifiers")
    releases = Releases(client)
    listing = None
    if params["id"]:
        found = [releases.get(params["id"])]
    elif params["identifier"] or params["identifiers"]:
        found = _by_identifiers(releases, [params["identifier"]] if params["identifier"] else params["identifiers"])
    else:  # filters, or no selector at all: a search, every release when there is no condition
        listing = releases.search(build_release_filters(params["filters"] or [], params["sort"]), limit=params["limit"])
        found = listing  # shaped page by page below: a page's vendor records are dropped once shown
    shown = RecordList()  # each release kept as JSON text once shaped
    for release in found:
        if "systems" in params["include"]:
            release["systems"] = releases.systems(release["id"])
        if "additional_information" in params["include"] and "additionalInformation" not in release:
            release["additionalInformation"] = releases.additional_information(release["id"])
        item = shaped(release, release_options, params["raw"])
        if "changes" in params["include"]:  # already in change_search's names
            item["changes"] = releases.delivery.shown(release["id"])
        shown.append(item)
    total = listing.total if listing is not None else None
    return {"changed": False, "releases": shown, "total": len(shown) if total is None else total}


def main():
    argument_spec = dict(
        id=dict(type="str"),
        identifier=dict(type="str"),
        identifiers=dict(type="list", elements="str"),
        filters=dict(type="list", elements="dict", options=dict(
            property=dict(type="str", required=True),
            operator=dict(type="str", default="Equals", choices=list(OPERATORS)),
            value=dict(type="raw", required=True),
        )),
        sort=dict(type="dict", options=dict(
            property=dict(type="str", required=True),
            direction=dict(type="str", default="ASC", choices=["ASC", "DESC"]),
        )),
        limit=dict(type="int"),
        include=dict(type="list", elements="str", default=[], choices=["systems", "additional_information", "changes"]),
    )
    argument_spec.update(RAW_OPTION)
    argument_spec.update(connection_argument_spec())
    module = Module(argument_spec=argument_spec, supports_check_mode=True,
                    mutually_exclusive=[("id", "identifier", "identifiers", "filters")])
    run_module(module, connect, run)


if __name__ == "__main__":
    main()
