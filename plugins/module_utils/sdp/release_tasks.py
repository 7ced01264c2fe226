# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Ensuring one SDP release: find it (by id, title or a user-defined key field), plan, then write - every check
and every name resolved before the first write, so a task that fails writes nothing.

Lifecycle: ``present`` creates or edits (a trashed release with the key is restored first), ``absent`` moves it
to the trash (``purge`` also deletes it from there), ``closed`` makes it present and closes it with a closure
status and comment. The release engineer is set with SDP's assign operation; ``pickup`` makes the caller the
engineer of a release that has none.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.relops.itsm.plugins.module_utils.core import normalize
from ansible_collections.relops.itsm.plugins.module_utils.core.errors import ValidationError
from ansible_collections.relops.itsm.plugins.module_utils.sdp.lookups import Lookups
from ansible_collections.relops.itsm.plugins.module_utils.sdp.release_fields import RELEASE, argument_spec
from ansible_collections.relops.itsm.plugins.module_utils.sdp.release_plan import (
    plan_release,
    record_udfs,
    settle_names,
    wire_body,
)
from ansible_collections.relops.itsm.plugins.module_utils.sdp.releases import (
    Releases,
    closed,
    several,
    title_key,
    to_options,
)

TRASH_FILTER = "trashed_releases"
DEFAULT_CLOSURE = "completed"


def release_argument_spec():
    """The options of one SDP release (without the connection)."""
    spec = dict(
        id=dict(type="str"),
        key_field=dict(type="str", no_log=False),
        state=dict(type="str", default="present", choices=["present", "absent", "closed"]),
        purge=dict(type="bool", default=False),
        closure_status=dict(type="str"),
        closure_comment=dict(type="str"),
        status_comment=dict(type="str"),
        pickup=dict(type="bool", default=False),
        udf_fields=dict(type="dict"),
        vendor_record=dict(type="bool", default=False),
    )
    spec.update(argument_spec())
    return spec


class Task:
    """What ensuring one release needs of the module run: parameters, check and diff mode."""

    def __init__(self, params, check_mode, diff):
        self.params = params
        self.check_mode = check_mode
        self.diff = diff


def validate(params):
    """Refuse contradictory options before any request."""
    title = normalize.text(params.get("title"))
    if not params.get("id") and not title and not params.get("key_field"):
        raise ValidationError("one of the following is required: title, id, key_field")
    if params.get("id") is not None and not str(params["id"]).strip().isdigit():
        raise ValidationError("id %r is not an SDP release id (digits, for example 274)" % params["id"])
    if params.get("key_field"):
        udfs = params.get("udf_fields") or {}
        if params["key_field"] not in udfs or udfs[params["key_field"]] in (None, ""):
            raise ValidationError("key_field %r names the user-defined field holding the release's key, so "
                                  "udf_fields must give its value (udf_fields: {%r: ...})"
                                  % (params["key_field"], params["key_field"]))
    if params["state"] != "closed" and (params.get("closure_status") or params.get("closure_comment")):
        raise ValidationError("closure_status and closure_comment apply to state=closed only, not state=%s"
                              % params["state"])
    if params["purge"] and params["state"] != "absent":
        raise ValidationError("purge applies to state=absent only (it deletes the release from the trash)")
    if params["pickup"] and params.get("release_engineer"):
        raise ValidationError("pickup and release_engineer are mutually exclusive: pickup makes the caller the "
                              "release engineer, release_engineer assigns the one named")
    for field in RELEASE.compared():
        if field.compare == "date" and params.get(field.option) is not None:
            field.desired(params[field.option])  # a date that is no date fails before any request
    if params["state"] == "closed" and (params.get("stage") or params.get("status")):
        raise ValidationError("stage and status are set by closing with state=closed; give closure_status instead")


def _key(params):
    if params.get("key_field"):
        return "udf:%s:%s" % (params["key_field"].lower(), params["udf_fields"][params["key_field"]])
    return "title:%s" % title_key(params["title"]) if normalize.text(params.get("title")) else "id:%s" % params["id"]


def find(releases, lookups, params, trash=False):
    """(full record or None, ids of the releases with the key). Several with the key fail naming their ids."""
    if params.get("id"):
        record = releases.get(str(params["id"]).strip(), missing_ok=True)
        if record is not None and bool(record.get("deleted_time")) != trash:
            record = None
        return record, []
    filter_by = TRASH_FILTER if trash else None
    if params.get("key_field"):
        definition = lookups.udf_definitions().get(params["key_field"].strip().lower())
        if definition is None:
            raise ValidationError("key_field %r is not a user-defined release field; valid: %s"
                                  % (params["key_field"], ", ".join(sorted(
                                      str(d.get("display_name")) for d in lookups.udf_definitions().values()))))
        value = params["udf_fields"][params["key_field"]]
        found = [r for r in releases.search({"field": "udf_fields.%s" % definition["name"], "condition": "is",
                                             "value": str(value)}, filter_by=filter_by,
                                            fields=("title", "deleted_time", "udf_fields"))
                 if normalize.text(record_udfs(r).get(definition["name"])) == normalize.text(value)]
        label = "%s %r" % (params["key_field"], value)
    else:
        found = releases.by_title(params["title"], filter_by=filter_by)
        label = params["title"]
    # Whatever the list holds, only live releases count as live, trashed ones as trashed.
    found = [r for r in found if bool(r.get("deleted_time")) == trash]
    if len(found) > 1:
        raise several(label, found)
    if not found:
        return None, []
    return releases.get(found[0]["id"]), [found[0]["id"]]


def _result(task, record, changed, plan=None, extra_before=None, extra_after=None):
    result = {"changed": changed, "release": to_options(record) if record is not None else None}
    if task.params.get("vendor_record"):
        result["vendor_record"] = record
    if task.diff and changed:
        if plan is not None:
            result["diff"] = plan.diff(extra_before, extra_after)
        else:
            result["diff"] = {"before": extra_before or {}, "after": extra_after or {}}
    return result


def absent(task, releases, lookups):
    params = task.params
    record, _ids = find(releases, lookups, params)
    trashed = None
    if record is None and params["purge"]:
        trashed, _ids = find(releases, lookups, params, trash=True)
    if record is None and trashed is None:
        return _result(task, None, False)
    target = record or trashed
    before = {"title": target.get("title"), "in_trash": trashed is not None}
    after = {} if params["purge"] else {"title": target.get("title"), "in_trash": True}
    if not task.check_mode:
        if record is not None:
            releases.trash(record["id"])
        if params["purge"]:
            releases.purge(target["id"])
    shown = dict(target, deleted_time=target.get("deleted_time") or {"value": "0"})
    return _result(task, shown, True, extra_before=before, extra_after=after)


def _require_create(params):
    missing = [f.option for f in RELEASE.fields if f.required and normalize.text(params.get(f.option)) is None]
    if missing:
        raise ValidationError("creating release %r needs %s; nothing was written"
                              % (params.get("title") or "", ", ".join(missing)))
    if params.get("id"):
        raise ValidationError("id %s matches no release; to create a release give its title and no id" % params["id"])


def _closure(task, lookups, record):
    """The closure status to close with (internal name), or None when the release is already closed with it."""
    params = task.params
    wanted = params.get("closure_status") or DEFAULT_CLOSURE
    item = lookups.status(wanted, "closure_status", stage="close")
    internal = str(item.get("internal_name") if item else wanted).lower()
    if record is not None and closed(record):
        status = record.get("status") or {}
        if internal in (str(status.get("internal_name") or "").lower(), str(status.get("name") or "").lower()):
            return None, item
    return internal, item


def present(task, releases, lookups):
    """present and closed: create or edit, restore from the trash, assign, pick up, close."""
    params = task.params
    record, known = find(releases, lookups, params)
    restore = None
    if record is None:
        restore, _ids = find(releases, lookups, params, trash=True)
        record = restore
    if record is None:
        _require_create(params)
    plan = plan_release(params, record, lookups)
    engineer = [e for e in plan.edits if e.option == "release_engineer"]
    pickup = params["pickup"] and (record is None or not (record.get("release_engineer") or {}).get("name"))
    closing, closure_item = _closure(task, lookups, record) if params["state"] == "closed" else (None, None)
    before_extra, after_extra = {}, {}
    if restore is not None:
        before_extra["in_trash"], after_extra["in_trash"] = True, False
    if pickup:
        before_extra["release_engineer"] = None
        after_extra["release_engineer"] = "(the caller, by pickup)"
    if closing:
        current = to_options(record) if record is not None else {}
        before_extra.update(stage=current.get("stage"), status=current.get("status"))
        after_extra.update(stage="Closure", status=(closure_item or {}).get("name") or closing)
        if params.get("closure_comment"):
            after_extra["closure_comment"] = params["closure_comment"]
    changed = plan.changed or bool(restore) or pickup or bool(closing)
    if not changed:
        return _result(task, record, False)
    if task.check_mode:
        return _result(task, _predict(record, plan, after_extra, " ".join(str(params.get("title") or "").split())), True, plan, before_extra, after_extra)
    body = wire_body(plan, params)
    release_id = record["id"] if record is not None else None
    if restore is not None:
        record = releases.restore(release_id) or record
    if release_id is None:
        body["title"] = " ".join(str(params["title"]).split())
        record = releases.create(body, params["title"], known)
        release_id = record["id"]
        body = {}
    if closing and body:
        # SDP has no catalogue of closure statuses to check first: closing before the edit means a refused
        # closure status leaves the release as it was.
        record = releases.close(release_id, closing, params.get("closure_comment")) or record
        closing = None
    if body:
        edits = plan.edits
        record = releases.edit(release_id, body, lambda r: r is not None and _applied(r, edits)) or record
    if engineer:
        value = engineer[0].value
        record = releases.assign(release_id, value.get("name") or value.get("email_id"),
                                 lambda r: r is not None and bool(r.get("release_engineer"))) or record
    if pickup:
        record = releases.pickup(release_id, lambda r: r is not None and bool(r.get("release_engineer"))) or record
    if closing:
        record = releases.close(release_id, closing, params.get("closure_comment")) or record
    settle_names(plan, record)
    if "status" in after_extra and record is not None:
        after_extra["status"] = to_options(record).get("status") or after_extra["status"]
    return _result(task, record, True, plan, before_extra, after_extra)


def _applied(record, edits):
    """True when a re-read record shows every planned edit (a lost answer to an edit that took effect)."""
    current = to_options(record)
    for edit in edits:
        if edit.option == "release_engineer":
            continue
        if normalize.name(str(current.get(edit.option))) != normalize.name(str(edit.after)):
            return False
    return True


def _predict(record, plan, after_extra, title):
    """The wire record a real run would leave, for check mode (no id when it would be created)."""
    predicted = dict(record or {"id": None})
    for edit in plan.edits:
        predicted[edit.wire] = edit.value if not isinstance(edit.value, dict) or "value" in edit.value \
            else dict(edit.value)
        if isinstance(edit.value, dict) and "name" in edit.value:
            predicted[edit.wire] = {"name": edit.after}
        if isinstance(edit.value, list):
            predicted[edit.wire] = edit.value
    if plan.creating:
        predicted["title"] = title
    if "in_trash" in after_extra:
        predicted["deleted_time"] = None
    if "stage" in after_extra:
        predicted["stage"] = {"name": "Closure", "internal_name": "close"}
        predicted["status"] = {"name": after_extra["status"]}
    if "release_engineer" in after_extra and not predicted.get("release_engineer"):
        predicted["release_engineer"] = {"name": None}
    return predicted


def ensure(task, client):
    """One release: find, compare and write under one lock, so forks of a run never interleave on it."""
    validate(task.params)
    releases, lookups = Releases(client), Lookups(client)
    with releases.lock(_key(task.params)):
        if task.params["state"] == "absent":
            return absent(task, releases, lookups)
        return present(task, releases, lookups)
