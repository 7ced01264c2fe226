#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: sdp_release_info
short_description: Read ServiceDesk Plus releases
version_added: 0.1.0
description:
  - Reads one release by O(id), the releases with a O(title), or searches with O(search_criteria) in the
    M(relops.itsm.sdp_release) module's option names, with O(sort) and O(limit), reading every page (100 releases
    a request).
  - With none of O(id), O(title) and O(search_criteria), lists every release.
  - O(include) adds history, status comments, summary, permissions or approval summary, each fetched only when
    asked for (one request per release and kind).
  - Never writes; C(changed) is always C(false). Nothing found is not an error, except for O(id).
author:
  - Relops ITSM maintainers (@relops)
options:
  id:
    description: Read the release with this id (digits). Fails if there is none.
    type: str
  title:
    description:
      - Read the releases with this title, matched exactly after a server search (trimmed, ignoring case). SDP
        allows several releases with one title; all are returned.
    type: str
  search_criteria:
    description:
      - Search conditions in the vendor's shape, with fields named as the release module's options - a release must
        meet the first, then each later one joined by its O(search_criteria[].logical_operator).
      - An empty list, like leaving out every selector, matches every release.
    type: list
    elements: dict
    suboptions:
      field:
        description:
          - A release field as M(relops.itsm.sdp_release) names it, for example V(title), V(priority), V(stage),
            V(status), V(release_manager), V(scheduled_start_time), V(created_time), V(emergency) or V(id). Names
            are compared by name; date-times take ISO 8601 values.
        type: str
        required: true
      condition:
        description:
          - The vendor's condition, or a short form - V(is) (V(=), V(eq)), V(is not) (V(!=), V(neq)), V(greater
            than) (V(gt)), V(greater or equal) (V(gte)), V(lesser than) (V(lt)), V(lesser or equal) (V(lte)),
            V(between), V(not between), V(starts with), V(ends with), V(contains), V(not contains).
        type: str
        default: is
      value:
        description: The value to compare with (a list is taken as O(search_criteria[].values)).
        type: raw
      values:
        description: Several values (any of them; two for V(between) and V(not between)).
        type: list
        elements: raw
      logical_operator:
        description: How this condition joins the one before it.
        type: str
        choices: [and, or]
      children:
        description: Nested conditions of the same shape, grouped with this one.
        type: list
        elements: dict
  sort:
    description: Order of a search or list. Not with O(id).
    type: dict
    suboptions:
      field:
        description:
          - V(created_time), V(completed_time), V(scheduled_start_time), V(scheduled_end_time), V(id), V(title),
            V(priority), V(status) or V(stage).
        type: str
        required: true
      order:
        description: V(asc) or V(desc).
        type: str
        choices: [asc, desc]
        default: asc
  limit:
    description: Return at most this many releases; reading stops as soon as it has them. Not with O(id).
    type: int
  include:
    description: Related data to add to each release found, read only when asked for.
    type: list
    elements: str
    choices: [history, status_comments, summary, permissions, approval_summary]
    default: []
  vendor_record:
    description: Also return each release as SDP holds it, under C(vendor_record) of each item.
    type: bool
    default: false
extends_documentation_fragment:
  - relops.itsm.sdp
  - relops.itsm.sdp.attributes_read
"""

EXAMPLES = r"""
- name: The releases called "MSSQL Server service pack upgrade"
  relops.itsm.sdp_release_info:
    title: MSSQL Server service pack upgrade
  register: mssql

- name: High-priority releases starting this year, with their history
  relops.itsm.sdp_release_info:
    search_criteria:
      - field: priority
        condition: is
        value: High
      - field: scheduled_start_time
        condition: greater or equal
        value: "2020-01-01"
        logical_operator: and
    sort:
      field: scheduled_start_time
      order: asc
    include: [history]
  register: due

- name: Every release, newest first
  relops.itsm.sdp_release_info:
    sort:
      field: created_time
      order: desc
  register: all_releases
"""

RETURN = r"""
releases:
  description:
    - The releases found, each in the release module's option names (see the C(release) that M(relops.itsm.sdp_release) returns),
      with the O(include) kinds under their names and C(vendor_record) with O(vendor_record).
  returned: always
  type: list
  elements: dict
  sample:
    - id: "274"
      title: Payroll 4.2 rollout
      stage: Planning
      status: In Planning
      priority: High
      history: [{"operation": {"name": "add"}}]
total:
  description: How many releases match in all (the vendor's C(total_count)); the number returned otherwise.
  returned: always
  type: int
  sample: 7
api_calls:
  description: Number of HTTP requests the task made, token requests and retries included.
  returned: always
  type: int
  sample: 1
"""

from ansible_collections.relops.itsm.plugins.module_utils.core.boundary import at_least, Module, RecordList, run_module
from ansible_collections.relops.itsm.plugins.module_utils.core.errors import ConfigurationError, ValidationError
from ansible_collections.relops.itsm.plugins.module_utils.sdp.connection import (
    connect,
    connection_argument_spec,
    given_options,
)
from ansible_collections.relops.itsm.plugins.module_utils.sdp.releases import Releases, to_options
from ansible_collections.relops.itsm.plugins.module_utils.sdp.search import build_criteria, build_sort


def _item(releases, record, params):
    item = to_options(record)
    for kind in params["include"]:
        item[kind] = releases.related(record["id"], kind)
    if params["vendor_record"]:
        item["vendor_record"] = record
    return item


def run(module, client):
    params = module.params
    at_least(params, "limit", 1, "1 or more")
    if params["id"] is not None and not str(params["id"]).strip().isdigit():
        raise ValidationError("id %r is not an SDP release id (digits, for example 274)" % params["id"])
    if params["id"] and (params["sort"] or params["limit"] is not None):
        raise ConfigurationError("sort and limit apply to a search or list, not to id")
    releases = Releases(client)
    total = None
    if params["id"]:
        found = [releases.get(str(params["id"]).strip())]
    else:
        criteria = build_criteria(params["search_criteria"])
        sort = build_sort(params["sort"])
        if params["title"]:
            title_criterion = {"field": "title", "condition": "is", "value": " ".join(params["title"].split())}
            criteria = [title_criterion] + [dict(c, logical_operator=c.get("logical_operator") or "and")
                                            for c in criteria or []]
        listing = releases.search(criteria, sort, limit=None if params["title"] else params["limit"])
        found = list(listing)
        total = listing.total
        if params["title"]:
            found = [r for r in found if releases.title_matches(r, params["title"])]
            found = found[:params["limit"]] if params["limit"] else found
            total = len(found)
        # A list item lacks some fields of the record (description, roles ...): read each record.
        found = [releases.get(r["id"]) for r in found] if params["include"] or params["vendor_record"] else found
    items = RecordList(_item(releases, record, params) for record in found)  # kept as JSON text
    return {"changed": False, "releases": items, "total": len(items) if total is None else total}


def main():
    criterion = dict(
        field=dict(type="str", required=True),
        condition=dict(type="str", default="is"),
        value=dict(type="raw"),
        values=dict(type="list", elements="raw"),
        logical_operator=dict(type="str", choices=["and", "or"]),
        children=dict(type="list", elements="dict"),
    )
    argument_spec = dict(
        id=dict(type="str"),
        title=dict(type="str"),
        search_criteria=dict(type="list", elements="dict", options=criterion),
        sort=dict(type="dict", options=dict(
            field=dict(type="str", required=True),
            order=dict(type="str", default="asc", choices=["asc", "desc"]),
        )),
        limit=dict(type="int"),
        include=dict(type="list", elements="str", default=[],
                     choices=["history", "status_comments", "summary", "permissions", "approval_summary"]),
        vendor_record=dict(type="bool", default=False),
    )
    argument_spec.update(connection_argument_spec())
    module = Module(argument_spec=argument_spec, supports_check_mode=True,
                    mutually_exclusive=[("id", "title"), ("id", "search_criteria")])
    given = given_options(module)
    run_module(module, lambda params: connect(params, given=given), run)


if __name__ == "__main__":
    main()
