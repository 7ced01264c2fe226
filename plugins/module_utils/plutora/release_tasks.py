# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Ensuring releases: what the release module does for one release, and for many in one task.

``decide`` compares one task's parameters with the record and returns the result a person reads together with
the write that makes it true (None when nothing is to be written, or in check mode), so that many releases can
be planned - and refused - before the first of them is written. Both modes share every check and message.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.relops.itsm.plugins.module_utils.core.errors import ApiError, ValidationError
from ansible_collections.relops.itsm.plugins.module_utils.core.fields import shaped
from ansible_collections.relops.itsm.plugins.module_utils.plutora.change_fields import delivered
from ansible_collections.relops.itsm.plugins.module_utils.plutora.lookups import Lookups
from ansible_collections.relops.itsm.plugins.module_utils.plutora.release_changes import check_changes, planned_changes
from ansible_collections.relops.itsm.plugins.module_utils.plutora.release_fields import RELEASE, release_options
from ansible_collections.relops.itsm.plugins.module_utils.plutora.release_plan import plan_release, prediction
from ansible_collections.relops.itsm.plugins.module_utils.plutora.releases import (
    Releases,
    held_by_several,
    identifier_key,
    planned_links,
)

SYSTEM_OPTIONS = dict(
    name=dict(type="str", required=True),
    role=dict(type="str", choices=["Impact", "Dependency"]),
    dependency_type=dict(type="str"),
    deployment_status=dict(type="str", choices=["Completed", "RollbackPending", "Rejected"]),
)


def release_argument_spec():
    """The options of one release (without the connection): the module's, and each item of ``releases``."""
    spec = dict(
        identifier=dict(type="str"),
        id=dict(type="str"),
        state=dict(type="str", default="present", choices=["present", "absent"]),
        additional_information=dict(type="dict"),
        systems=dict(type="list", elements="dict", options=SYSTEM_OPTIONS),
        purge_systems=dict(type="bool", default=False),
        changes=dict(type="list", elements="str"),
        purge_changes=dict(type="bool", default=False),
        copy_from=dict(type="str"),
    )
    spec.update(RELEASE.argument_spec())
    return spec


class Task:
    """What ensuring one release needs of the module run: parameters, check and diff mode, a way to warn."""

    def __init__(self, params, check_mode, diff, warn):
        self.params = params
        self.check_mode = check_mode
        self.diff = diff
        self._warn = warn
        self._said = set()

    def warn(self, message):
        """Warn once: a bulk task decides a release twice (planning, then again under its lock before writing)."""
        if message not in self._said:
            self._said.add(message)
            self._warn(message)


def validate(params):
    if not params["id"] and not (params["identifier"] or "").strip():
        raise ValidationError("one of the following is required: identifier, id")
    check_changes(params.get("changes"))
    names = [entry["name"].lower() for entry in params["systems"] or []]
    if len(names) != len(set(names)):
        raise ValidationError("systems lists a system more than once: %s"
                              % ", ".join(sorted(set(n for n in names if names.count(n) > 1))))


# --------------------------------------------------------------------- one release
def absent(task, releases, record):
    if record is None:
        return {"changed": False, "release": None}, None
    result = {"changed": True, "release": record}
    if task.diff:
        result["diff"] = {"before": {"identifier": record["identifier"], "name": record.get("name")}, "after": {}}
    return result, None if task.check_mode else (lambda: releases.delete(record["id"]))


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
        raise ValidationError("status %r is an End State, and Plutora does not create releases in an End State%s; "
                              "create it with another status, then set this one" % (status["value"], origin))


def create(task, releases, lookups):
    params = task.params
    if params["id"]:
        raise ValidationError("id %s matches no release; to create a release give its identifier and no id"
                              % params["id"])
    source = _copy_source(releases, params)
    missing = [option for option in RELEASE.required_on_create() if params[option] is None and source is None]
    if missing:
        raise ValidationError("creating release %r needs %s; nothing was written"
                              % (params["identifier"], ", ".join(missing)))
    identifier = params["identifier"].strip()
    plan = plan_release(params, None, lookups, releases, identifier=identifier, source=source,
                        current_changes=[] if _manages_changes(params) else None)
    _refuse_end_state(lookups, plan, source, params)
    result = {"changed": True}
    if task.diff:
        result["diff"] = plan.diff()
    if task.check_mode:
        result["release"] = prediction(releases, lookups, None, plan, source)
        links = planned_links(plan.section("systems"))
        releases.plan_for_check_mode(identifier, result["release"], links)
        if params["systems"] is not None:
            result["systems"] = links
        if _manages_changes(params):
            result["changes"] = planned_changes([], plan.section("changes"))
        return result, None

    def write():
        result["release"] = releases.create(plan, identifier, source)
        releases.apply_systems(result["release"]["id"], plan.section("systems").writes)
        if params["systems"] is not None:
            result["systems"] = releases.systems(result["release"]["id"])
        _write_changes(releases, params, result["release"]["id"], plan, result)
    return result, write


def _manages_changes(params):
    return params.get("changes") is not None or bool(params.get("purge_changes"))


def _write_changes(releases, params, release_id, plan, result):
    """Link and unlink the release's changes as planned; the result then carries them as the vendor lists them."""
    releases.delivery.apply(release_id, plan.section("changes").writes)
    if _manages_changes(params):
        result["changes"] = releases.delivery.shown(release_id)


def update(task, releases, lookups, record, planned_systems=None):
    params = task.params
    manage_systems = params["systems"] is not None or params["purge_systems"]
    if planned_systems is not None:
        current_systems = planned_systems if manage_systems else None
    else:
        current_systems = releases.systems(record["id"]) if manage_systems else None
    current_changes = None
    if _manages_changes(params):
        # a release a check-mode task only planned has no id and delivers nothing yet
        current_changes = releases.delivery.of_release(record["id"]) if record.get("id") else []
    plan = plan_release(params, record, lookups, releases, current_systems, current_changes=current_changes)
    if params["id"] and params["identifier"] and params["identifier"].strip() != record["identifier"]:
        new = params["identifier"].strip()
        releases.ensure_identifier_free(new, record["id"])
        plan.add("identifier", record["identifier"], new, "identifier", new)
    _warn_parent_change(task, record, plan)
    result = {"changed": plan.changed, "release": record}
    if manage_systems:
        result["systems"] = current_systems
    if current_changes is not None:
        result["changes"] = [delivered(item) for item in current_changes]
    if not plan.changed:
        return result, None
    if task.diff:
        result["diff"] = plan.diff()
    # The vendor answers an update with no body: the record read, with this task's edits, is what it holds.
    result["release"] = prediction(releases, lookups, record, plan)
    if task.check_mode:
        if manage_systems:  # the links as a real run would leave them
            result["systems"] = _merged_links(current_systems, plan.section("systems"))
        if planned_systems is not None:
            systems = result["systems"] if manage_systems else planned_systems
            releases.plan_for_check_mode(record["identifier"], result["release"], systems)
        if current_changes is not None:
            result["changes"] = planned_changes(current_changes, plan.section("changes"))
        return result, None

    def write():
        releases.update(record, plan)
        if manage_systems:
            result["systems"] = releases.systems(record["id"])
        _write_changes(releases, params, record["id"], plan, result)
    return result, write


def _warn_parent_change(task, record, plan):
    """Plutora does not migrate a release's phases and gates when its parent link changes (through PUT, POST or
    the bulk endpoint); the vendor points to its UI for that. Said in check mode too, before anything is written."""
    for edit in plan.edits:
        if edit.option == "parent_release":
            task.warn("release %r: parent_release changes from %s to %s; Plutora does not migrate the release's "
                      "phases and gates to the new parent's when the link changes through the API - check them "
                      "in Plutora's UI (the vendor recommends the UI for moving a release)"
                      % (record.get("identifier"), repr(edit.before) if edit.before else "none",
                         repr(edit.after) if edit.after else "none"))


def _merged_links(current, section):
    links = dict((link["system"], link) for link in current)
    for link in planned_links(section):
        links[link["system"]] = link
    for name, target in section.after.items():
        if target is None:
            links.pop(name, None)
    return list(links.values())


def _planned(task, releases, params):
    """In check mode, a release an earlier task of the run would have created stands in for the missing one."""
    if not task.check_mode or params["id"] or params["state"] != "present":
        return None
    planned = releases.planned(params["identifier"])
    if planned:
        task.warn("release %r does not exist yet; this check-mode task is compared with the release an earlier "
                  "check-mode task of the run would have created, as a real run would be" % params["identifier"])
    return planned


def decide(task, releases, lookups, record):
    """(result, write or None) for one release, given its record (None when there is none)."""
    params = task.params
    if params["state"] == "absent":
        return absent(task, releases, record)
    if record is None:
        planned = _planned(task, releases, params)
        if planned:
            return update(task, releases, lookups, planned[0], planned[1])
        return create(task, releases, lookups)
    return update(task, releases, lookups, record)


def read(releases, params):
    """The record a task is about: by id, or by identifier (only the list item when it is to be deleted)."""
    if params["id"]:
        return releases.get(params["id"], missing_ok=True)
    if params["state"] == "absent":
        return releases.find_summary(params["identifier"])  # deleting needs only the id: one request, not two
    return releases.find(params["identifier"])


def in_option_names(result, raw=False):
    """A decided (and written) result as the module returns it: ``release`` in option names, its systems inside it
    when they were read; the vendor's record (systems included) under ``release.raw`` only with ``raw``."""
    record = result.get("release")
    systems = result.pop("systems", None)
    if record is not None:
        if systems is not None:
            record = dict(record, systems=systems)
        result["release"] = shaped(record, release_options, raw)
    return result


def ensure(task, client):
    """One release: read, compare and write under one lock, so forks of a run never interleave on it."""
    validate(task.params)
    releases, lookups = Releases(client), Lookups(client)
    with releases.lock(task.params["identifier"] or task.params["id"]):
        result, write = decide(task, releases, lookups, read(releases, task.params))
        if write:
            write()
    return in_option_names(result, task.params.get("raw"))


# --------------------------------------------------------------------- many releases
class PartialFailure(ApiError):
    """Some releases of a bulk task failed; the others' results are kept."""

    kind = "partial_failure"

    def __init__(self, message, results, changed):
        super(PartialFailure, self).__init__(message)
        self.results = results
        self.changed = changed

    def to_result(self):
        result = super(PartialFailure, self).to_result()
        result.update(releases=self.results, changed=self.changed)
        return result


def item_params(defaults, items):
    """Each item of ``releases`` validated as a release's options, with the task's own options as defaults."""
    spec = release_argument_spec()
    merged, problems = [], []
    for index, item in enumerate(items):
        given = dict((k, v) for k, v in defaults.items() if k in spec and k not in ("identifier", "id") and
                     v is not None and not (k in ("state", "purge_systems", "purge_changes") and v == spec[k].get("default")))
        given.update(item)
        outcome = ArgumentSpecValidator(spec).validate(given)
        if outcome.error_messages:
            problems.append("releases[%d]: %s" % (index, "; ".join(outcome.error_messages)))
            continue
        params = outcome.validated_parameters
        try:
            validate(params)
        except ValidationError as exc:
            problems.append("releases[%d]: %s" % (index, exc.message))
            continue
        merged.append(params)
    keys = [identifier_key(p["identifier"] or p["id"]) for p in merged]
    twice = sorted(set(k for k in keys if keys.count(k) > 1))
    if twice:
        problems.append("releases lists %s more than once" % ", ".join(twice))
    if problems:
        raise ValidationError("%s; nothing was written" % "; ".join(problems))
    return merged


def ensure_many(module_task, client, items):
    """Many releases in one task: one paged search reads them all, every one is planned (and any refusal fails the
    task before a write), then each that must change is read again under its lock, planned anew and written."""
    releases, lookups = Releases(client), Lookups(client)
    params_list = item_params(module_task.params, items)
    existing = releases.by_identifier()
    # each item warns through the module task, so a message is shown once for the whole task
    tasks = [Task(p, module_task.check_mode, module_task.diff, module_task.warn) for p in params_list]
    decided, known, problems = [], [], []
    for index, task in enumerate(tasks):
        try:
            known.append(_known(existing, releases, task.params))
            decided.append(decide(task, releases, lookups, known[-1]))
        except ApiError as exc:
            problems.append("releases[%d] (%s): %s" % (index, _label(task.params), exc.message))
    if problems:
        raise ValidationError("; ".join(problems) + "; nothing was written")
    results, failed = [], []
    for task, record, (result, write) in zip(tasks, known, decided):
        if write:
            result = _write_one(task, releases, lookups, record, result, failed)
        result = in_option_names(result, module_task.params.get("raw"))
        result["identifier"] = _label(task.params)
        results.append(result)
    changed = any(r.get("changed") for r in results)
    if failed:
        raise PartialFailure("%d of %d releases failed: %s" % (len(failed), len(results), "; ".join(failed)),
                             results, changed)
    return results


def _write_one(task, releases, lookups, record, result, failed):
    """Re-read under the release's lock (by id when the search found it) and decide again - another task may have
    written it meanwhile - then write."""
    try:
        with releases.lock(task.params["identifier"] or task.params["id"]):
            fresh = releases.get(record["id"], missing_ok=True) if record else read(releases, task.params)
            result, write = decide(task, releases, lookups, fresh)
            if write:
                write()
        return result
    except ApiError as exc:
        failed.append("%s: %s" % (_label(task.params), exc.message))
        return dict(result, failed=True, msg=exc.message)


def _known(existing, releases, params):
    """The release's record from the one search, by id or identifier; several with one identifier are refused."""
    if params["id"]:
        found = [r for records in existing.values() for r in records if r["id"].lower() == params["id"].lower()]
        return found[0] if found else None
    found = existing.get(identifier_key(params["identifier"]), [])
    if len(found) > 1:
        raise held_by_several(params["identifier"], found)
    return found[0] if found else None


def _label(params):
    return (params["identifier"] or params["id"] or "").strip()
