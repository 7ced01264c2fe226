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
    description: Identifier of the parent (Enterprise) release. An empty string removes the parent.
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
notes:
  - "Requests per task, measured against the bundled simulator with a warm token cache: an unchanged release costs 2
    (a filtered list by identifier, then the record), or 1 with O(id); a change of its fields costs 3 (those two and
    the PUT); O(state=absent) costs 2 (the list, then the DELETE); a create costs 2 (the list and the POST) once the
    lookup tables are shared. Managing O(systems) adds 1 (the release's systems) plus one write per system changed."
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

- name: Next month's release as a copy of this month's
  relops.itsm.release:
    identifier: REL-2027.02
    copy_from: REL-2026.12
    name: February 2027 enterprise release
    status: Draft
    implementation_date: "2027-02-20T18:00:00Z"

- name: Remove a release
  relops.itsm.release:
    identifier: PAY-4.3
    state: absent
"""

RETURN = r"""
release:
  description:
    - The release as Plutora holds it after the task - the vendor's answer to a create, the record read with this
      task's edits applied after an update (the vendor answers an update with no body; C(lastModifiedDate) is then
      left out), as it would be in check mode (without an id when it would be created), or, for a deleted release,
      its list item. Null when an absent release stays absent.
  returned: always
  type: dict
  sample:
    id: 2f5d3b1c-4a6e-4c1b-9f0e-7d8c9b0a1e2f
    identifier: PAY-4.3
    name: Payments API 4.3
    releaseTypeId: 0c6d2f1e-5b4a-4e3d-8c2b-1a0f9e8d7c6b
    releaseType: Minor
    releaseStatusType: Draft
    releaseRiskLevel: Low
    implementationDate: "2026-12-17T20:00:00"
    organization: Payments
    manager: Devon Lead
    parentRelease: REL-2026.12
    plutoraReleaseType: Integrated
    additionalInformation: [{"name": "Jira Epic", "dataType": "FreeText", "text": "PAY-431"}]
systems:
  description: The release's systems after the task, when O(systems) or O(purge_systems) is used.
  returned: when O(systems) or O(purge_systems) is set
  type: list
  elements: dict
  sample: [{"system": "Payments API", "systemRoleType": "Impact", "deploymentStatus": "Completed"}]
api_calls:
  description: Number of HTTP requests the task made, token requests and retries included.
  returned: always
  type: int
  sample: 2
"""

from ansible_collections.relops.itsm.plugins.module_utils.core.boundary import Module, run_module
from ansible_collections.relops.itsm.plugins.module_utils.core.errors import ValidationError
from ansible_collections.relops.itsm.plugins.module_utils.plutora.connection import connect, connection_argument_spec
from ansible_collections.relops.itsm.plugins.module_utils.plutora.lookups import Lookups
from ansible_collections.relops.itsm.plugins.module_utils.plutora.release_fields import RELEASE
from ansible_collections.relops.itsm.plugins.module_utils.plutora.release_plan import plan_release, prediction
from ansible_collections.relops.itsm.plugins.module_utils.plutora.releases import Releases, planned_links


def absent(module, releases, record):
    if record is None:
        return {"changed": False, "release": None}
    if not module.check_mode:
        releases.delete(record["id"])
    result = {"changed": True, "release": record}
    if module._diff:
        result["diff"] = {"before": {"identifier": record["identifier"], "name": record.get("name")}, "after": {}}
    return result


def _copy_source(releases, params):
    if not params["copy_from"]:
        return None
    source = releases.find(params["copy_from"])
    if source is None:
        raise ValidationError("copy_from %r matches no release identifier; nothing was written" % params["copy_from"])
    return source


def _refuse_end_state(lookups, plan, source, params):
    status_id = plan.wire().get("releaseStatusTypeId") or (source or {}).get("releaseStatusTypeId")
    status = lookups.value("ReleaseStatusType", status_id, "status")
    if status.get("isEndState"):
        origin = " (the copy's status comes from %s)" % params["copy_from"] if source and params["status"] is None else ""
        raise ValidationError("status %r is an End State, and Plutora does not create releases in an End State%s; create "
                              "it with another status, then set this one" % (status["value"], origin))


def create(module, releases, lookups):
    params = module.params
    if params["id"]:
        raise ValidationError("id %s matches no release; to create a release give its identifier and no id" % params["id"])
    source = _copy_source(releases, params)
    missing = [option for option in RELEASE.required_on_create() if params[option] is None and source is None]
    if missing:
        raise ValidationError("creating release %r needs %s; nothing was written" % (params["identifier"], ", ".join(missing)))
    identifier = params["identifier"].strip()
    plan = plan_release(params, None, lookups, releases, identifier=identifier)
    _refuse_end_state(lookups, plan, source, params)
    result = {"changed": True}
    if module._diff:
        result["diff"] = plan.diff()
    if module.check_mode:
        result["release"] = prediction(releases, lookups, None, plan, source)
        releases.plan_for_check_mode(identifier, result["release"], planned_links(plan.section("systems")))
        return result
    result["release"] = releases.create(plan, identifier, source)
    release_id = result["release"]["id"]
    releases.apply_systems(release_id, plan.section("systems").writes)
    if params["systems"] is not None:
        result["systems"] = releases.systems(release_id)
    return result


def update(module, releases, lookups, record, planned_systems=None):
    params = module.params
    manage_systems = params["systems"] is not None or params["purge_systems"]
    if planned_systems is not None:
        current_systems = planned_systems if manage_systems else None
    else:
        current_systems = releases.systems(record["id"]) if manage_systems else None
    plan = plan_release(params, record, lookups, releases, current_systems)
    if params["id"] and params["identifier"] and params["identifier"].strip() != record["identifier"]:
        new = params["identifier"].strip()
        releases.ensure_identifier_free(new, record["id"])
        plan.add("identifier", record["identifier"], new, "identifier", new)
    result = {"changed": plan.changed}
    if plan.changed and module._diff:
        result["diff"] = plan.diff()
    if not plan.changed:
        result["release"] = record
    else:
        # The vendor answers an update with no body: the record read, with this task's edits, is what it holds.
        result["release"] = prediction(releases, lookups, record, plan)
        if not module.check_mode:
            releases.update(record, plan)
        elif planned_systems is not None:
            systems = _merged_links(planned_systems, plan.section("systems")) if manage_systems else planned_systems
            releases.plan_for_check_mode(record["identifier"], result["release"], systems)
    if manage_systems:
        result["systems"] = releases.systems(record["id"]) if plan.changed and not module.check_mode else current_systems
    return result


def _merged_links(current, section):
    links = dict((link["system"], link) for link in current)
    for link in planned_links(section):
        links[link["system"]] = link
    for name, target in section.after.items():
        if target is None:
            links.pop(name, None)
    return list(links.values())


def _planned(module, releases, params):
    """In check mode, a release an earlier task of the run would have created stands in for the missing one."""
    if not module.check_mode or params["id"] or params["state"] != "present":
        return None
    planned = releases.planned(params["identifier"])
    if planned:
        module.warn("release %r does not exist yet; this check-mode task is compared with the release an earlier "
                    "check-mode task of the run would have created, as a real run would be" % params["identifier"])
    return planned


def validate(params):
    if not params["id"] and not (params["identifier"] or "").strip():
        raise ValidationError("one of the following is required: identifier, id")
    names = [entry["name"].lower() for entry in params["systems"] or []]
    if len(names) != len(set(names)):
        raise ValidationError("systems lists a system more than once: %s"
                              % ", ".join(sorted(set(n for n in names if names.count(n) > 1))))


def run(module, client):
    params = module.params
    validate(params)
    releases, lookups = Releases(client), Lookups(client)
    # Read, compare and write under one lock per release, so forks of a run never interleave on it.
    with releases.lock(params["identifier"] or params["id"]):
        if params["state"] == "absent":
            # Deleting needs only the id: the list item found by identifier is enough (one request, not two).
            found = releases.get(params["id"], missing_ok=True) if params["id"] else \
                releases.find_summary(params["identifier"])
            return absent(module, releases, found)
        record = releases.get(params["id"], missing_ok=True) if params["id"] else releases.find(params["identifier"])
        if record is None:
            planned = _planned(module, releases, params)
            if planned:
                return update(module, releases, lookups, planned[0], planned[1])
            return create(module, releases, lookups)
        return update(module, releases, lookups, record)


def main():
    argument_spec = dict(
        id=dict(type="str"),
        state=dict(type="str", default="present", choices=["present", "absent"]),
        additional_information=dict(type="dict"),
        systems=dict(type="list", elements="dict", options=dict(
            name=dict(type="str", required=True),
            role=dict(type="str", choices=["Impact", "Dependency"]),
            dependency_type=dict(type="str"),
            deployment_status=dict(type="str", choices=["Completed", "RollbackPending", "Rejected"]),
        )),
        purge_systems=dict(type="bool", default=False),
        copy_from=dict(type="str"),
    )
    argument_spec.update(RELEASE.argument_spec())
    argument_spec.update(connection_argument_spec())
    module = Module(argument_spec=argument_spec, supports_check_mode=True)
    run_module(module, connect, run)


if __name__ == "__main__":
    main()
