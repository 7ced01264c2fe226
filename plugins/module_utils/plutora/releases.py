# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The release record API: every read and write of releases, their systems and custom fields, and every wire
shape they take. Modules hand it a ``Plan`` (``release_plan``) and never build a body themselves.

Identifiers are matched as the natural key: after trimming surrounding white space, case-insensitively, so a
re-run with stray spaces or another case finds the release it made instead of creating a second one.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from ansible_collections.relops.itsm.plugins.module_utils.core.errors import (
    NotFoundError,
    ServerError,
    TransportError,
    ValidationError,
)
from ansible_collections.relops.itsm.plugins.module_utils.core.filestore import fingerprint
from ansible_collections.relops.itsm.plugins.module_utils.core.normalize import GUID
from ansible_collections.relops.itsm.plugins.module_utils.plutora.release_changes import ReleaseChanges
from ansible_collections.relops.itsm.plugins.module_utils.plutora.release_fields import RELEASE, VALUE_KEYS
from ansible_collections.relops.itsm.plugins.module_utils.plutora.search import build_search_filters

WRITABLE = RELEASE.writable()
PROPERTIES = RELEASE.searchable()
# The vendor's GET filter takes at most this many or-ed terms per call in the scripts that use it.
IDENTIFIERS_PER_CALL = 25
# How long a check-mode task's planned release counts for the later tasks of that check-mode run.
PLANNED_TTL = 900


def identifier_key(value):
    """How identifiers are compared: trimmed, case-insensitive."""
    return str(value or "").strip().lower()


def _quote(value):
    """A filter literal: the vendor's grammar has no escape for a backtick, so it never reaches the filter."""
    return "`%s`" % str(value).replace("`", "")


def _filter_term(identifier):
    """The filter that finds every release whose identifier may match: Equals when the value quotes cleanly,
    else Contains on its longest backtick-free part (the exact match is made here)."""
    text = str(identifier).strip()
    if "`" not in text and text == str(identifier):
        return "`identifier` Equals %s" % _quote(text)
    part = max(text.split("`"), key=len)
    return "`identifier` Contains %s" % _quote(part)


def build_release_filters(filters, sort=None):
    """searchFilters for the filters; a sort property goes first, with the sort direction.

    The vendor sorts a search by its filters' properties, so sorting by a property no filter names adds a
    condition every record meets (a date on or after year 1, or not equal to a value no record holds).
    """
    direction = (sort or {}).get("direction") or "ASC"
    result = build_search_filters(filters, PROPERTIES, direction, option="filters")
    if sort and sort.get("property"):
        always = [{"property": sort["property"], "operator": "NotEquals", "value": "\u2400"}]
        key = build_search_filters(always, dict((k, "text") for k in PROPERTIES), direction, option="sort")[0]
        if PROPERTIES[key["property"]] == "datetime":
            key.update(operator="GreaterOrEqual", value="0001-01-01")
        named = [f for f in result if f["property"] == key["property"]]
        first = named[0] if named else key
        first["direction"] = direction.upper()
        result = [first] + [f for f in result if f is not first]
    return result


def held_by_several(identifier, records):
    return ValidationError(
        "identifier %r is held by %d releases on the server (ids %s); this module manages one release per "
        "identifier, so nothing was written. Give the id of the one to manage, or remove the duplicate."
        % (identifier, len(records), ", ".join(r["id"] for r in records)))


def custom_values(items):
    """The custom fields of a record that hold a value, in the form a write takes: ``{id, <value property>}``."""
    values = []
    for item in items or []:
        key = VALUE_KEYS.get(item.get("dataType"), "text")
        value = item.get(key)
        if value in (None, [], ""):
            continue
        if key == "listItem":
            value = {"id": value["id"]}
        elif key == "multiListItem":
            value = [{"id": v["id"]} for v in value]
        values.append({"id": item["id"], key: value})
    return values


def list_choices(item):
    """The values a list custom field is known to take, ``{id, value}``: the ``listItems`` its item carries when
    Plutora lists them (the simulator does; no public capture shows them), and the values it holds on the record."""
    choices = [dict(id=i["id"], value=i["value"]) for i in item.get("listItems") or [] if i.get("id")]
    held = [item.get("listItem")] if isinstance(item.get("listItem"), dict) else []
    for value in held + [v for v in item.get("multiListItem") or [] if isinstance(v, dict)]:
        if value.get("id") and value.get("value") and all(c["id"] != value["id"] for c in choices):
            choices.append({"id": value["id"], "value": value["value"]})
    return choices


def _choice(choices, name):
    """The choice a normalised (lower-case) name or id names, or None."""
    for choice in choices:
        if name in (str(choice["value"]).lower(), str(choice["id"]).lower()):
            return choice
    return None


def by_choice_name(definition, value):
    """A normalised list value (or values) with each known choice's id replaced by its lower-case name, so that a
    value given by id compares equal to the same value held by name."""
    choices = list_choices(definition)
    if isinstance(value, list):
        return sorted(set(_choice_name(choices, v) for v in value))
    return _choice_name(choices, value) if value else value


def _choice_name(choices, value):
    found = _choice(choices, value)
    return str(found["value"]).lower() if found else value


def list_values(definition, value):
    """Normalised (lower-case) list names or ids -> the list items as Plutora shows them, ``{id, value}``."""
    choices = list_choices(definition)
    if isinstance(value, list):
        return [c for c in (_choice(choices, v) for v in value) if c]
    return _choice(choices, value)


def custom_item(definition, value, option):
    """The write form of one custom field's normalised value; list values must be the field's known choices."""
    kind = definition["dataType"]
    key = VALUE_KEYS.get(kind, "text")
    choices = list_choices(definition)
    if kind in ("ListField", "ListSelect") and value:
        wanted = value if kind == "ListSelect" else [value]
        if not definition.get("listItems"):
            # the field's choices are not listed: a list item id is taken as given
            choices = choices + [{"id": v, "value": v} for v in wanted if GUID.match(v) and _choice(choices, v) is None]
        unknown = [v for v in wanted if _choice(choices, v) is None]
        if unknown:
            hint = "" if definition.get("listItems") else (
                " (Plutora's custom-field items list no choices, so only the values releases hold are known by "
                "name; give another value by its id)")
            raise ValidationError("%s: %s not in the list; valid: %s%s" % (
                option, ", ".join(repr(u) for u in unknown), ", ".join(c["value"] for c in choices) or "(none known)",
                hint))
        ids = [{"id": _choice(choices, v)["id"]} for v in wanted]
        value = ids if kind == "ListSelect" else ids[0]
    return {"id": definition["id"], key: value}


def link_body(system_id, target, dependency_id):
    """A release-system link as the vendor takes it."""
    return {"systemId": system_id, "systemRoleType": target["role"], "systemRoleDependencyTypeId": dependency_id,
            "deploymentStatus": target["deployment_status"]}


def planned_links(section):
    """System links as a planned section would leave them (for check mode): ``{system, role, ...}`` items."""
    return [{"system": name, "systemId": None, "systemRoleType": target["role"],
             "systemRoleDependencyType": target["dependency_type"], "deploymentStatus": target["deployment_status"]}
            for name, target in section.after.items() if target is not None]


def blank_custom_item(definition):
    """A custom field with no value, as the vendor lists it on a release (its known choices kept)."""
    item = dict(id=definition["id"], name=definition["name"], type="Release", dataType=definition["dataType"])
    item.update(dict((key, None) for key in VALUE_KEYS.values()))
    if definition.get("listItems"):
        item["listItems"] = definition["listItems"]
    return item


class Releases:
    """Reads and writes release records."""

    def __init__(self, client):
        self.client = client
        self.delivery = ReleaseChanges(client)  # the changes releases deliver

    # ----------------------------------------------------------------- reads
    def get(self, release_id, missing_ok=False):
        try:
            return self.client.get("/releases/%s" % release_id)
        except NotFoundError:
            if missing_ok:
                return None
            raise

    def summaries(self, identifier):
        """List items of every release whose identifier matches ``identifier`` (one filtered GET)."""
        wanted = identifier_key(identifier)
        return [s for s in self.client.paged("/releases", {"filter": _filter_term(identifier)})
                if identifier_key(s.get("identifier")) == wanted]

    def find_summary(self, identifier):
        """The list item of the release with this identifier, or None; fails if the server holds several."""
        summaries = self.summaries(identifier)
        if len(summaries) > 1:
            raise held_by_several(identifier, summaries)
        return summaries[0] if summaries else None

    def find(self, identifier):
        """The full record of the release with this identifier, or None; fails if the server holds several."""
        summary = self.find_summary(identifier)
        return self.get(summary["id"]) if summary else None

    def ensure_identifier_free(self, identifier, release_id):
        """Fail, naming both ids, if another release than ``release_id`` already holds ``identifier``."""
        others = [s["id"] for s in self.summaries(identifier) if s["id"] != release_id]
        if others:
            raise ValidationError(
                "identifier %r is already held by release %s, so release %s cannot take it; nothing was written"
                % (identifier, ", ".join(others), release_id))

    def with_identifiers(self, identifiers):
        """Summaries of releases whose identifier is one of ``identifiers``, in as few GET filter calls as allowed."""
        found = []
        for start in range(0, len(identifiers), IDENTIFIERS_PER_CALL):
            chunk = identifiers[start:start + IDENTIFIERS_PER_CALL]
            expression = " or ".join("`identifier` Equals %s" % _quote(i) for i in chunk)
            found.extend(self.client.paged("/releases", {"filter": expression}))
        return found

    def search(self, search_filters, limit=None):
        """A Listing of the releases a ``POST /releases/filter`` search finds (``total`` after reading)."""
        return self.client.search("/releases/filter", search_filters, limit=limit)

    def by_identifier(self):
        """Every release, read with the fewest requests the API allows (a search, 100 full records a page), by the
        key identifiers are matched with."""
        found = {}
        for record in self.search(build_release_filters([], {"property": "identifier", "direction": "ASC"})):
            found.setdefault(identifier_key(record.get("identifier")), []).append(record)
        return found

    def systems(self, release_id):
        return self.client.get("/releases/%s/systems" % release_id) or []

    def additional_information(self, release_id):
        return self.client.get("/releases/%s/additionalInformation" % release_id)

    def plan_for_check_mode(self, identifier, record, systems):
        """Remember, for the later tasks of a check-mode run, the release an earlier task would have created."""
        self.client.store.write(self._planned_key(identifier), {"at": time.time(), "release": record,
                                                                "systems": systems or []})

    def planned(self, identifier):
        """(record, systems) a check-mode task planned for this identifier within PLANNED_TTL, or None."""
        entry = self.client.store.read(self._planned_key(identifier))
        try:
            if entry and isinstance(entry.get("release"), dict) and \
                    0 <= time.time() - float(entry.get("at", 0)) < PLANNED_TTL:
                return entry["release"], list(entry.get("systems") or [])
        except (TypeError, ValueError):
            pass
        return None

    def _planned_key(self, identifier):
        return "planned-" + fingerprint(self.client.api_url, "release", identifier_key(identifier))

    def lock(self, identifier):
        """Hold while reading, comparing and writing one release: forks of a run then never interleave on it."""
        return self.client.store.locked("record-" + fingerprint(self.client.api_url, "release",
                                                                identifier_key(identifier)))

    # ----------------------------------------------------------------- writes
    def create(self, plan, identifier, source=None):
        """POST the release the plan describes (over ``source``, the record copied); returns the new record as the
        vendor answered it (read back only when the answer was lost).

        A create whose answer was lost is settled by looking the identifier up before anything is sent again.
        """
        body = dict((key, (source or {}).get(key)) for key in WRITABLE)
        body.update(plan.wire())
        body["identifier"] = identifier
        for key in ("managerId", "parentReleaseId"):
            body[key] = body.get(key) or None
        items = dict((item["id"], item) for item in custom_values((source or {}).get("additionalInformation")))
        for item in plan.section("additional_information").writes:
            items[item["id"]] = item
        body["additionalInformation"] = list(items.values())
        for attempt in (0, 1):
            try:
                created = self.client.request("POST", "/releases", json=body).body
            except (TransportError, ServerError) as exc:
                found = self._settle_create(exc, identifier, attempt)
                if found:
                    return self.get(found["id"])
                continue
            if isinstance(created, dict) and created.get("identifier") is not None:
                return created
            return self.get(created["id"])

    def _settle_create(self, exc, identifier, attempt):
        if isinstance(exc, TransportError) and not exc.maybe_sent:
            raise exc
        found = self.summaries(identifier)
        if found:
            return found[0]
        if attempt:
            exc.message += (" Looking release %r up afterwards found nothing, so it was not created; the next run "
                            "creates it." % identifier)
            raise exc
        return None

    def update(self, record, plan):
        """PUT the whole object: the current values of every writable field, overlaid with the plan's edits.

        The current custom-field values go along too (overlaid with the plan's): the vendor's scripts PUT back
        the record they read, and a PUT that leaves a field out may clear it. Custom fields alone are written with
        the additional-information call.
        """
        custom = plan.section("additional_information").writes
        if plan.edits:
            body = dict((key, record.get(key)) for key in WRITABLE)
            body.update(plan.wire())
            body["id"] = record["id"]
            items = dict((item["id"], item) for item in custom_values(record.get("additionalInformation")))
            for item in custom:
                items[item["id"]] = item
            body["additionalInformation"] = list(items.values())
            self.client.request("PUT", "/releases/%s" % record["id"], json=body)
        elif custom:
            self.client.request("PUT", "/releases/%s/additionalInformation" % record["id"], json=custom)
        self.apply_systems(record["id"], plan.section("systems").writes)

    def apply_systems(self, release_id, writes):
        """Add, update and remove system links: ``(verb, link body or system id)`` as the planner resolved them."""
        for verb, link in writes:
            if verb == "add":
                self.client.request("POST", "/releases/%s/systems" % release_id, json=link)
            elif verb == "update":
                self.client.request("PUT", "/releases/%s/systems/%s" % (release_id, link["systemId"]), json=link)
            else:
                self.client.request("DELETE", "/releases/%s/systems/%s" % (release_id, link))

    def delete(self, release_id):
        """DELETE; an answer lost after the server acted is settled by reading: a release that is gone is deleted.

        A 404 counts as done too: the release was just read, so either a retry of a lost first attempt or another
        task removed it, and either way it is gone as the task wants.
        """
        try:
            self.client.request("DELETE", "/releases/%s" % release_id)
        except NotFoundError:
            return
        except (TransportError, ServerError) as exc:
            if isinstance(exc, TransportError) and not exc.maybe_sent:
                raise
            if self.get(release_id, missing_ok=True) is not None:
                raise

    # ----------------------------------------------------------------- check mode
    def predict(self, record, plan, definitions, source=None):
        """The record a real run would return, built from the current one (or the copied source) and the plan."""
        predicted = dict(source or record or {})
        if plan.creating:
            predicted.update((key, (source or {}).get(key)) for key in WRITABLE)
            predicted["id"] = None
        predicted.pop("lastModifiedDate", None)  # the server stamps it when it writes
        for edit in plan.edits:
            field = RELEASE.by_option.get(edit.option)
            if field and field.id_wire:  # a looked-up name: the record shows the name and carries the id
                predicted[field.wire] = edit.after
                predicted[field.id_wire] = edit.value or None
            else:
                predicted[field.wire if field else edit.option] = edit.value
        after = plan.section("additional_information").after
        current = predicted.get("additionalInformation") or []
        if after:
            items = dict((i["name"], dict(i)) for i in current)
            for definition in definitions:
                items.setdefault(definition["name"], blank_custom_item(definition))
            for definition in definitions:
                if definition["name"] in after:
                    items[definition["name"]][VALUE_KEYS.get(definition["dataType"], "text")] = \
                        _wire_value(definition, after[definition["name"]])
            current = [items[d["name"]] for d in definitions]
        predicted["additionalInformation"] = current
        return predicted


def _wire_value(definition, shown):
    """A custom field's value as the record carries it, from its display value."""
    if definition["dataType"] in ("ListField", "ListSelect") and shown:
        lowered = [v.lower() for v in shown] if isinstance(shown, list) else shown.lower()
        return list_values(definition, lowered)
    return shown
