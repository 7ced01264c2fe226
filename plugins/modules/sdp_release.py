#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: sdp_release
short_description: Manage a ServiceDesk Plus release as an idempotent resource
version_added: 0.1.0
description:
  - Makes a ServiceDesk Plus (SDP) release, on-premises or cloud, look as the task says, and reports C(changed) only
    when it writes (or, in check mode, would write). Only the options a task sets are managed; SDP's edit is a
    partial update, so only the fields that change are sent.
  - The natural key is O(title) - found with a server search and matched exactly (trimmed, ignoring case, as SDP
    compares names). SDP allows several releases with one title; then the task fails naming their ids, and O(id)
    picks one. Or O(key_field) names a user-defined field that holds a unique key.
  - Names are accepted wherever SDP has lookups (template, stage, status, priority, impact, urgency, risk, category,
    subcategory, item, release type, group, site, services, assets, configuration items) and for people (release
    manager and engineer by name or e-mail). Compared as SDP compares - names case-insensitively, date-times as
    instants to the second, grouped fields (roll-out plan ...) by their text, lists as sets.
  - A priority, urgency, category, subcategory, item, site, release type or person that differs from the record is
    checked in SDP's catalogue before anything is written; an unknown name fails naming the option and listing the
    valid names. SDP has no public catalogue for templates, stages, statuses, impacts, risks, groups, services,
    assets or configuration items; those are checked by SDP, whose refusal names the field.
  - Lifecycle - V(present), V(absent) (into the trash; O(purge) also deletes it from there), V(closed) (closed
    with O(closure_status) and O(closure_comment)); a trashed release is restored when it is made present again;
    O(release_engineer) is assigned with SDP's assign operation; O(pickup) makes the caller the engineer.
author:
  - Relops ITSM maintainers (@relops)
options:
  title:
    description:
      - The release's title, its natural key unless O(key_field) is given. Required to create a release.
      - With O(id) or O(key_field), a different title renames the release.
    type: str
  id:
    description:
      - The release's id (digits). Finds the release by id instead of by title; picks one of several releases that
        share a title.
    type: str
  key_field:
    description:
      - Display name of a user-defined field holding a unique key for the release (for example V(Change Ticket));
        its value is the entry of that name in O(udf_fields). The release is then found by that field instead of
        by its title.
    type: str
  state:
    description:
      - V(present) creates or updates the release (restoring it from the trash if it is there); V(absent) moves it
        to the trash; V(closed) makes it present, then closes it.
    type: str
    choices: [present, absent, closed]
    default: present
  purge:
    description:
      - With O(state=absent), also delete the release from the trash, for good (a release already in the trash is
        deleted from there).
    type: bool
    default: false
  closure_status:
    description:
      - With O(state=closed), the Closure stage's status to close with, by name or internal name, for example
        V(completed) (the default), V(failed) or V(canceled). A release already closed with it is left alone.
    type: str
  closure_comment:
    description: With O(state=closed), the comment the close records.
    type: str
  status_comment:
    description:
      - The comment SDP records with a change of O(stage) or O(status) (SDP Cloud asks for one by default). When not
        given, a change of stage or status says it was set by Ansible.
    type: str
  pickup:
    description:
      - Make the calling technician the release engineer (SDP's pickup) when the release has none. A release that
        has an engineer is left alone. Mutually exclusive with O(release_engineer).
    type: bool
    default: false
  template:
    description: The release template by name, for example V(General Template). Required to create a release.
    type: str
  description:
    description: Description (HTML allowed). An empty string clears it.
    type: str
  stage:
    description:
      - The stage by name or internal name, for example V(Planning) or V(UAT). The Closure stage is reached with
        O(state=closed) only.
    type: str
  status:
    description:
      - The status by name or internal name, for example V(In Planning); it must belong to the stage (SDP moves the
        release to the status's stage when O(stage) is not given).
    type: str
  priority:
    description: Priority by name, for example V(High). An empty string clears it.
    type: str
  impact:
    description: Impact by name. An empty string clears it.
    type: str
  urgency:
    description: Urgency by name. An empty string clears it.
    type: str
  risk:
    description: Risk by name. An empty string clears it.
    type: str
  category:
    description: Category by name. An empty string clears it.
    type: str
  subcategory:
    description: Subcategory by name; it must belong to the category.
    type: str
  item:
    description: Item by name; it must belong to the subcategory.
    type: str
  release_type:
    description: Release type by name, for example V(Standard).
    type: str
  group:
    description: Support group by name.
    type: str
  site:
    description: Site by name.
    type: str
  release_manager:
    description: The release manager by name or e-mail. An empty string removes the manager.
    type: str
  release_engineer:
    description:
      - The release engineer by name or e-mail, set with SDP's assign operation. Mutually exclusive with O(pickup).
    type: str
  scheduled_start_time:
    description:
      - A date (V(2026-12-12), meaning midnight UTC) or an ISO 8601 date-time; one without a zone is UTC. Compared
        with the record as an instant to the second.
    type: str
  scheduled_end_time:
    description: Like O(scheduled_start_time); SDP refuses an end before the start.
    type: str
  next_review_on:
    description: Like O(scheduled_start_time).
    type: str
  emergency:
    description: Whether the release is an emergency release.
    type: bool
  impact_details:
    description: The text of the release's Impact Details. An empty string clears it.
    type: str
  roll_out_plan:
    description: The text of the release's Rollout Plan.
    type: str
  back_out_plan:
    description: The text of the release's Backout Plan.
    type: str
  checklist:
    description: The text of the release's CheckList.
    type: str
  services:
    description: Affected services by name; compared as a set. An empty list removes them all.
    type: list
    elements: str
  assets:
    description: Assets linked to the release, by name; compared as a set.
    type: list
    elements: str
  configuration_items:
    description: Configuration items linked to the release, by name; compared as a set.
    type: list
    elements: str
  udf_fields:
    description:
      - User-defined fields by their display names, each value typed by the field's type (text, whole number,
        decimal, date-time, true/false). V(null) clears one. Fields not named are left as they are.
    type: dict
  vendor_record:
    description:
      - Also return the release as SDP holds it (RV(vendor_record)), beside the compact RV(release).
    type: bool
    default: false
extends_documentation_fragment:
  - relops.itsm.sdp
  - relops.itsm.sdp.attributes_write
notes:
  - "Requests per task with a warm token cache: an unchanged release costs 2 (the title search, then the record), or
    1 with O(id); a change costs one more (the edit), plus one per lifecycle operation (restore, assign, pickup,
    close, trash, purge). Catalogues are read only to check a name that changes, once per run (shared through
    O(token_cache) for 15 minutes)."
  - A create whose answer was lost is settled by searching the title (or key field) for a release that was not
    there before, before anything is sent again; other writes are settled by reading the release.
  - Concurrent tasks on one release (forks of a run sharing the token cache) take turns under a lock per release
    key, so none creates a second release. This does not reach across machines.
"""

EXAMPLES = r"""
- name: Ensure the release exists in Planning
  relops.itsm.sdp_release:
    title: Payroll 4.3 rollout
    template: General Template
    stage: Planning
    status: In Planning
    priority: high
    risk: Medium
    release_type: Standard
    scheduled_start_time: "2026-12-17T20:00:00Z"
    scheduled_end_time: "2026-12-17T23:00:00Z"
    release_manager: shawn.adams@example.com
    services: [Application Login]
    roll_out_plan: Blue-green switch behind the load balancer
    udf_fields:
      Change Ticket: CHG-4301
  delegate_to: localhost

- name: Assign the release engineer
  relops.itsm.sdp_release:
    title: Payroll 4.3 rollout
    release_engineer: Heather Graham

- name: Close it once the deployment succeeded
  relops.itsm.sdp_release:
    title: Payroll 4.3 rollout
    state: closed
    closure_status: completed
    closure_comment: Deployed to every system

- name: One of several releases that share a title, by id
  relops.itsm.sdp_release:
    id: "274"
    priority: Normal

- name: Move it to the trash, and delete it from there
  relops.itsm.sdp_release:
    title: Payroll 4.3 rollout
    state: absent
    purge: true
"""

RETURN = r"""
release:
  description:
    - The release after the task in option names (a compact shape a later task can feed back) - names for lookups
      and people, UTC ISO date-times, lists of names, plus C(id), C(short_description), C(release_requester),
      C(workflow), C(created_time), C(completed_time), C(deleted_time), C(status_type) and C(in_trash).
      In check mode, what a real run would leave (C(id) null when it would be created). Null when an absent release
      stays absent.
  returned: always
  type: dict
  sample:
    id: "274"
    title: Payroll 4.2 rollout
    template: General Template
    stage: Planning
    status: In Planning
    priority: High
    scheduled_start_time: "2026-12-17T20:00:00"
    release_manager: Shawn Adams
    services: [Application Login]
    in_trash: false
vendor_record:
  description: The release as SDP answered it, with O(vendor_record).
  returned: when O(vendor_record) is true
  type: dict
  sample: {"id": "274", "title": "Payroll 4.2 rollout", "priority": {"name": "High", "id": "4"}}
api_calls:
  description: Number of HTTP requests the task made, token requests and retries included.
  returned: always
  type: int
  sample: 2
"""

from ansible_collections.relops.itsm.plugins.module_utils.core.boundary import Module, run_module
from ansible_collections.relops.itsm.plugins.module_utils.sdp.connection import (
    connect,
    connection_argument_spec,
    given_options,
)
from ansible_collections.relops.itsm.plugins.module_utils.sdp.release_tasks import (
    Task,
    ensure,
    release_argument_spec,
)


def run(module, client):
    return ensure(Task(module.params, module.check_mode, module._diff), client)


def main():
    argument_spec = release_argument_spec()
    argument_spec.update(connection_argument_spec())
    module = Module(argument_spec=argument_spec, supports_check_mode=True)
    given = given_options(module)
    run_module(module, lambda params: connect(params, given=given), run)


if __name__ == "__main__":
    main()
