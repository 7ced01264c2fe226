#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: release
short_description: Manage a Plutora release as an idempotent resource
version_added: 0.1.0
description:
  - Makes a Plutora release look as the task says, with the fewest requests, and reports C(changed) only when it
    writes (or, in check mode, would write).
  - Only the options a task sets are managed. Plutora's update replaces the whole record and clears what it is not
    sent, so every update carries the current values of all other fields; custom fields and systems a task does not
    name are left as they are.
  - Names are accepted wherever Plutora wants an id (types, statuses, risk levels, organisations, the manager, the
    parent release, systems, custom fields and their list values); an unknown name fails with the valid ones listed.
  - The vendor's rules are checked before any write - the fields a new release needs (all missing ones named at
    once), no new release in an End-State status, and one release per identifier.
author:
  - Relops ITSM maintainers (@relops)
options:
  identifier:
    description:
      - The release's "Release ID", its natural key. Required to create a release.
      - With O(id), a different value renames the identifier; that fails, naming both ids, when another release
        already holds the new one.
    type: str
  id:
    description:
      - The release's id (GUID). Finds the release by id instead of by identifier.
    type: str
  state:
    description:
      - V(present) creates or updates the release; V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  name:
    description: Release name. Required to create a release.
    type: str
  summary:
    description: Summary (HTML allowed). An empty string clears it.
    type: str
  release_type:
    description: Release type by name, for example V(Major). Required to create a release.
    type: str
  status:
    description:
      - Release status by name, for example V(Draft). Required to create a release, and must not be an End State then.
    type: str
  risk_level:
    description: Risk level by name, for example V(Low). Required to create a release.
    type: str
  implementation_date:
    description:
      - A date (V(2026-12-12), meaning midnight UTC) or an ISO 8601 date-time. A date-time without a time zone is
        taken as UTC; one with a zone is converted to UTC, which is how Plutora stores and returns it.
        Required to create a release.
    type: str
  location:
    description: Location text. An empty string clears it.
    type: str
  organization:
    description: The organisation ("Portfolio Association") by name. Required to create a release.
    type: str
  manager:
    description: The release manager by login e-mail or full name. An empty string removes the manager.
    type: str
  parent_release:
    description:
      - Identifier of the parent (Enterprise) release. An empty string removes the parent.
      - Changing it on an existing release warns - Plutora does not migrate the release's phases and gates when the
        parent link changes through the API (the vendor recommends its UI for that).
    type: str
  plutora_release_type:
    description: V(enterprise), V(integrated) or V(independent). Plutora defaults a new release to independent.
    type: str
    choices: [enterprise, integrated, independent]
  release_project_type:
    description: V(is_project), V(not_is_project) or V(none).
    type: str
    choices: [is_project, not_is_project, none]
  display_color:
    description: Colour on the release calendar, C(#rgb) or C(#rrggbb); compared case-insensitively.
    type: str
  additional_information:
    description:
      - Custom fields by name, each value typed by the field's data type - text; whole number; decimal; date;
        time (V(HH:MM:SS)); date-time (UTC as for O(implementation_date)); a list value by its name; a multi-select
        as a list of names. V(null) clears a field. Fields not named are left as they are.
      - The fields a release takes are read as Plutora's own scripts read them - from a release's custom fields
        (C(GET /releases/{id}/additionalInformation)), which list every custom field of the tenant, set or not. An
        existing release's record already carries them (no extra request); a copy takes the source's; a new release
        takes those of the tenant's first release (two requests, shared with the rest of the run for 15 minutes),
        so names and values are checked before the release is created. A tenant without any release cannot name
        custom fields on a create - create the release first, then set them.
      - A list value is matched by name against the choices the field's item lists, and the values releases
        already hold; a value may also be given by its id.
    type: dict
  systems:
    description:
      - Impacted systems to ensure on the release, with their role and deployment status. Systems not listed are
        left alone unless O(purge_systems) is set.
    type: list
    elements: dict
    suboptions:
      name:
        description: System name.
        type: str
        required: true
      role:
        description: The system's role in the release.
        type: str
        choices: [Impact, Dependency]
      dependency_type:
        description: System role dependency type by name, for example V(Code Implementation Dependency).
        type: str
      deployment_status:
        description: Deployment status of the system in this release. Left as it is when not given.
        type: str
        choices: [Completed, RollbackPending, Rejected]
  purge_systems:
    description: Remove systems linked to the release that O(systems) does not list.
    type: bool
    default: false
  changes:
    description:
      - Changes the release delivers, each by its id (GUID) or its name (trimmed, case-insensitive). Changes it
        delivers that are not listed are left alone unless O(purge_changes) is set.
      - Every change is found before anything is written; a name no change has fails listing the changes there
        are, a name several changes share fails naming their ids.
      - A change is linked as Plutora's own scripts link one - C(PUT /changes/{id}/deliveryReleases/{releaseId})
        with C(targetRelease) and C(actualDeliveryRelease) true - and unlinked with C(DELETE) on that path.
    type: list
    elements: str
  purge_changes:
    description:
      - Stop delivering the changes the release delivers that O(changes) does not list (all of them when
        O(changes) is empty or not given).
    type: bool
    default: false
  releases:
    description:
      - Many releases in one task (bulk mode) - each item takes the options of one release (O(identifier) or O(id),
        O(state), the fields, O(additional_information), O(systems), O(purge_systems), O(changes),
        O(purge_changes), O(copy_from)); an option an
        item leaves out is taken from the task's own option of that name, so shared values are given once.
      - Every release is read with one paged search (100 releases a request), every item is checked and compared
        locally, and any refusal fails the task before the first write, naming the item. Only the releases that
        change are written - each read again under its lock first, so a concurrent task's change is not lost.
      - A write that fails names its release and does not hide the results of the others (RV(releases)).
      - Mutually exclusive with O(identifier) and O(id).
    type: list
    elements: dict
  copy_from:
    description:
      - Identifier of a release to copy when this release does not exist yet, as the vendor's copy flow does -
        every field and custom field of the source, overlaid with the options of this task. Systems are not copied;
        list them in O(systems). Ignored when the release already exists.
      - The copy must not end up in an End-State status; give O(status) when copying a finished release.
    type: str
extends_documentation_fragment:
  - relops.itsm.connection
  - relops.itsm.connection.attributes_write
  - relops.itsm.results
notes:
  - "Requests per task, measured against the bundled simulator with a warm token cache: an unchanged release costs 2
    (a filtered list by identifier, then the record), or 1 with O(id); a change of its fields costs 3 (those two and
    the PUT); O(state=absent) costs 2 (the list, then the DELETE); a create costs 2 (the list and the POST) once the
    lookup tables are shared. Managing O(systems) adds 1 (the release's systems) plus one write per system changed;
    managing O(changes) adds 1 (the release's changes), 1 filtered list of changes per 25 named, and one write per
    change linked or unlinked."
  - "Lookup tables (types, statuses, risk levels, organisations, users, systems, custom-field definitions) are read
    once and shared with the later tasks and forks of a run through the token cache directory for 15 minutes; a name
    the shared copy does not know makes the task read the table again before it fails."
  - Identifiers are matched after trimming surrounding white space and case-insensitively, so a re-run with stray
    spaces or another case finds the release it made; a new release gets the trimmed identifier.
  - Concurrent tasks on one release (forks of a run, or several playbooks on one machine sharing the token cache)
    take turns - each holds a lock for that release while it reads, compares and writes, so none creates a second
    release or overwrites another's change. This does not reach across machines.
  - Plutora allows several releases with one identifier; this module refuses to act on such an identifier and names
    the ids, so nothing is written to the wrong one.
  - "What counts as unchanged: text with the same content once surrounding white space is dropped (V(null) and an
    empty string are the same); names of types, statuses, risk levels, organisations, the manager, list values and
    system roles compared case-insensitively with the names the record carries (so no lookup table is read for them);
    colours as lower-case C(#rrggbb) (V(#ABC) equals V(#aabbcc)); dates and date-times as UTC to the second; whole
    numbers and decimals by value (V(21) equals V(21.0)); multi-select values as a set."
  - Each update is one PUT of the whole record built from the values just read, with this task's changes on top; the
    current custom-field values travel in the same PUT (changed ones overlaid), so a field Plutora would clear for
    being left out keeps its value. Custom fields alone are written with the release's additional-information call.
"""

EXAMPLES = r"""
- name: Ensure the release of this deployment exists
  relops.itsm.release:
    identifier: PAY-4.3
    name: Payments API 4.3
    release_type: Minor
    status: Draft
    risk_level: Low
    implementation_date: "2026-12-17T20:00:00Z"
    organization: Payments
    parent_release: REL-2026.12
    plutora_release_type: integrated
    manager: dev.lead@example.com
  delegate_to: localhost
  run_once: true

- name: Record deployment results per system
  relops.itsm.release:
    identifier: PAY-4.3
    status: In Progress
    systems:
      - name: Payments API
        role: Impact
        dependency_type: Code Implementation Dependency
        deployment_status: Completed
      - name: Ledger Core
        deployment_status: RollbackPending

- name: Custom fields by name
  relops.itsm.release:
    identifier: PAY-4.3
    additional_information:
      Jira Epic: PAY-431
      Story Points: 21
      Go-Live Date: "2026-12-17"
      Deployment Method: Canary
      Impacted Regions: [EMEA, APAC]

- name: The release delivers exactly these changes (by name or id); others are unlinked
  relops.itsm.release:
    identifier: PAY-4.3
    changes:
      - CHG-001 card tokenisation
      - 0101ca0a-e09a-5e15-9d72-df8c82395dfd  # a change by its id
    purge_changes: true

- name: Next month's release as a copy of this month's
  relops.itsm.release:
    identifier: REL-2027.02
    copy_from: REL-2026.12
    name: February 2027 enterprise release
    status: Draft
    implementation_date: "2027-02-20T18:00:00Z"

- name: Many releases in one task, sharing their type, risk and organisation
  relops.itsm.release:
    release_type: Minor
    risk_level: Low
    organization: Payments
    status: Draft
    releases:
      - identifier: PAY-5.0
        name: Payments API 5.0
        implementation_date: "2027-01-14"
      - identifier: PAY-5.1
        name: Payments API 5.1
        implementation_date: "2027-02-11"

- name: Remove a release
  relops.itsm.release:
    identifier: PAY-4.3
    state: absent
"""

RETURN = r"""
release:
  description:
    - The release after the task, in this module's option names and value forms, so it can be given back as the
      options of a later task - the vendor's answer to a create, the record read with this task's edits applied
      after an update (the vendor answers an update with no body; RV(release.last_modified_date) is then null), as
      it would be in check mode (with a null RV(release.id) when it would be created), or, for a deleted release,
      what its list item holds. Null when an absent release stays absent.
    - Every option field is there, null when the release has no value; O(raw=true) adds the vendor's record.
  returned: always
  type: dict
  contains:
    id:
      description: The release's id (GUID); null in check mode for a release that would be created.
      type: str
    identifier:
      description: The release's identifier.
      type: str
    name:
      description: Release name.
      type: str
    status:
      description: Release status by name.
      type: str
    release_type:
      description: Release type by name.
      type: str
    risk_level:
      description: Risk level by name.
      type: str
    implementation_date:
      description: Implementation date-time in UTC, ISO 8601 with a C(Z).
      type: str
    organization:
      description: Organisation by name.
      type: str
    manager:
      description: The release manager's full name, or null.
      type: str
    parent_release:
      description: Identifier of the parent release, or null.
      type: str
    plutora_release_type:
      description: V(enterprise), V(integrated) or V(independent).
      type: str
    release_project_type:
      description: V(is_project), V(not_is_project) or V(none).
      type: str
    display_color:
      description: Calendar colour as lower-case C(#rrggbb), or null.
      type: str
    summary:
      description: Summary, or null.
      type: str
    location:
      description: Location, or null.
      type: str
    last_modified_date:
      description: When the vendor last wrote the release (UTC, with a C(Z)); null when not known.
      type: str
    additional_information:
      description:
        - Custom fields, name to value in the form O(additional_information) takes (list values by name, a
          multi-select as a list of names, dates as C(YYYY-MM-DD)), for the fields that hold a value; a field
          left out has none, and giving the map back as O(additional_information) leaves it so.
        - Absent for a deleted release's list item.
      type: dict
    systems:
      description:
        - The release's systems after the task, as O(systems) takes them (C(name), C(role), and C(dependency_type)
          and C(deployment_status) when the link has them), when O(systems) or O(purge_systems) is set.
      type: list
      elements: dict
    raw:
      description: The vendor's record (with its C(systems) when they were read), with O(raw=true) only.
      type: dict
  sample:
    id: 2f5d3b1c-4a6e-4c1b-9f0e-7d8c9b0a1e2f
    identifier: PAY-4.3
    name: Payments API 4.3
    summary: null
    release_type: Minor
    location: null
    status: Draft
    risk_level: Low
    implementation_date: "2026-12-17T20:00:00Z"
    display_color: null
    organization: Payments
    manager: Devon Lead
    parent_release: REL-2026.12
    plutora_release_type: integrated
    release_project_type: none
    last_modified_date: "2026-12-01T09:30:00Z"
    additional_information: {"Jira Epic": "PAY-431", "Story Points": 21, "Impacted Regions": ["EMEA", "APAC"]}
    systems: [{"name": "Payments API", "role": "Impact", "deployment_status": "Completed"}]
changes:
  description:
    - The changes the release delivers after the task (as a real run would leave them, in check mode), when
      O(changes) or O(purge_changes) is used, in the names M(relops.itsm.change_search) uses - C(id), C(name),
      C(change_id), C(last_modified_date), C(target_release), C(actual_delivery_release).
  returned: when O(changes) or O(purge_changes) is set
  type: list
  elements: dict
  sample: [{"id": "7ec34332-5fee-50f6-b724-85f449008472", "change_id": 1, "name": "CHG-001 card tokenisation",
            "last_modified_date": "2026-11-02T08:01:00Z", "target_release": true, "actual_delivery_release": true}]
releases:
  description:
    - With O(releases), one entry per item in the order given - C(identifier), C(changed), C(release) (as
      RV(release)), C(diff) (with C(--diff)), C(changes) when the item manages changes, and C(failed)/C(msg) for a
      write that failed.
  returned: when O(releases) is given
  type: list
  elements: dict
  sample: [{"identifier": "PAY-4.3", "changed": false, "release": {"id": "2f5d3b1c-4a6e-4c1b-9f0e-7d8c9b0a1e2f",
            "identifier": "PAY-4.3", "status": "Draft"}}]
api_calls:
  description: Number of HTTP requests the task made, token requests and retries included.
  returned: always
  type: int
  sample: 2
"""

from ansible_collections.relops.itsm.plugins.module_utils.core.boundary import Module, run_module
from ansible_collections.relops.itsm.plugins.module_utils.core.errors import ValidationError
from ansible_collections.relops.itsm.plugins.module_utils.core.fields import RAW_OPTION
from ansible_collections.relops.itsm.plugins.module_utils.plutora.connection import connect, connection_argument_spec
from ansible_collections.relops.itsm.plugins.module_utils.plutora.release_tasks import (
    Task,
    ensure,
    ensure_many,
    release_argument_spec,
)


def run(module, client):
    task = Task(module.params, module.check_mode, module._diff, module.warn)
    if module.params["releases"] is None:
        return ensure(task, client)
    if module.params["identifier"] or module.params["id"]:
        raise ValidationError("releases manages many releases in one task; give identifier and id inside its items, "
                              "not beside it")
    results = ensure_many(task, client, module.params["releases"])
    outcome = {"changed": any(r["changed"] for r in results), "releases": results}
    diffs = [dict(r["diff"], before_header=r["identifier"], after_header=r["identifier"])
             for r in results if r.get("diff")]
    if module._diff and diffs:
        outcome["diff"] = diffs
    return outcome


def main():
    argument_spec = release_argument_spec()
    argument_spec["releases"] = dict(type="list", elements="dict")
    argument_spec.update(RAW_OPTION)
    argument_spec.update(connection_argument_spec())
    module = Module(argument_spec=argument_spec, supports_check_mode=True)
    run_module(module, connect, run)


if __name__ == "__main__":
    main()
