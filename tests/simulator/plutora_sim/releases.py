# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Releases: list, search, read, create (one or in bulk), replace, delete, and the vendor's rules for them."""

import uuid

from fastapi import Request
from fastapi.responses import Response

from sim_core.web import Routes, reply

from .additional_information import apply_ai, render_ai, store_ai
from . import schedule
from .delivery import forget_release
from .filters import _TOKEN, matches, parse_date
from .render import filtered_records, invalid, listing_of, mismatched_id, not_found, search_reply
from .rules import authorized, check_lookup, now_text, query, read_body, utc_text
from .stakeholders import add_owner

routes = Routes()
RELEASE_REQUIRED = (
    ("identifier", "Release ID cannot be blank"),
    ("name", "Release Name cannot be blank"),
    ("releaseTypeId", "Release Type must be selected from the drop down"),
    ("releaseStatusTypeId", "Release Status must be selected from the drop down"),
    ("releaseRiskLevelId", "Risk Level must be selected from the drop down"),
    ("implementationDate", "Implementation Date must be set"),
    ("organizationId", "Portfolio Association must be selected from the drop down"),
)
# (lookup type, field, its name in messages)
LOOKUPS = (("ReleaseType", "releaseTypeId", "Release Type"),
           ("ReleaseStatusType", "releaseStatusTypeId", "Release Status"),
           ("ReleaseRiskLevel", "releaseRiskLevelId", "Risk Level"))
# (field, the collection its id must be in, its name in messages)
REFERENCES = (("organizationId", "organizations", "Portfolio Association"), ("managerId", "users", "user"),
              ("parentReleaseId", "releases", "release"))
# (field, the value when none is sent, the valid values)
CHOICES = (("plutoraReleaseType", "Independent", ("Enterprise", "Integrated", "Independent")),
           ("releaseProjectType", "None", ("IsProject", "NotIsProject", "None")))
RELEASE_WRITABLE = ("identifier", "name", "summary", "releaseTypeId", "location", "releaseStatusTypeId",
                    "releaseRiskLevelId", "implementationDate", "displayColor", "organizationId", "managerId",
                    "parentReleaseId", "plutoraReleaseType", "releaseProjectType")
ID_FIELDS = ("releaseTypeId", "releaseStatusTypeId", "releaseRiskLevelId", "organizationId", "managerId",
             "parentReleaseId")
# GET /releases list items: the 2017, 2021 and 2025 fields of plutora-api.md 3.3.
SUMMARY_FIELDS = ("id", "identifier", "name", "implementationDate", "displayColor", "plutoraReleaseType",
                  "releaseProjectType", "releaseStatusTypeId", "lastModifiedDate")
RELEASE_FIELDS = ("id", "identifier", "name", "summary", "releaseTypeId", "location", "releaseStatusTypeId",
                  "releaseRiskLevelId", "implementationDate", "displayColor", "organizationId", "managerId",
                  "parentReleaseId", "plutoraReleaseType", "releaseProjectType", "lastModifiedDate")
# What a GET filter or searchFilters may name: the full record's fields (an unknown one is the vendor's 500).
FILTER_FIELDS = RELEASE_FIELDS + ("releaseType", "releaseStatusType", "releaseRiskLevel", "organization", "manager",
                                  "parentRelease", "additionalInformation")


def _organization(state, release):
    org = state.find("organizations", release.get("organizationId"))
    return org["name"] if org else None


def _parent(state, release):
    parent = state.find("releases", release["parentReleaseId"]) if release.get("parentReleaseId") else None
    return parent["identifier"] if parent else None


# The full record's fields that are worked out from others, in the record's order.
DERIVED = {
    "releaseType": lambda state, r: state.name_of("ReleaseType", r.get("releaseTypeId")),
    "releaseStatusType": lambda state, r: state.name_of("ReleaseStatusType", r.get("releaseStatusTypeId")),
    "releaseRiskLevel": lambda state, r: state.name_of("ReleaseRiskLevel", r.get("releaseRiskLevelId")),
    "organization": _organization,
    "manager": lambda state, r: state.user_name(r.get("managerId")),
    "parentRelease": _parent,
    "additionalInformation": lambda state, r: render_ai(state, r["id"]),
}
_STORED = frozenset(RELEASE_FIELDS)


def release_field(state, release, key):
    """One field of the full record (what a filter reads); None for a field the record does not have."""
    if key in _STORED:
        return release.get(key)
    derive = DERIVED.get(key)
    return derive(state, release) if derive else None


def render_release(state, release, full=True):
    """The full record (plutora-api.md 3.1), names derived from the ids; without ``full`` a list item."""
    if not full:
        return {k: release.get(k) for k in SUMMARY_FIELDS}
    record = {key: release.get(key) for key in RELEASE_FIELDS}
    record.update((key, derive(state, release)) for key, derive in DERIVED.items())
    return record


def identifier_terms(text):
    """The values of a filter that is only ```identifier` Equals `x``` terms joined by ``or``, else None."""
    tokens = [t for t in _TOKEN.findall(text or "") if t.strip()]
    if len(tokens) % 4 != 3:
        return None
    wanted = []
    for start in range(0, len(tokens), 4):
        field, operator, value = tokens[start:start + 3]
        if field.lower() != "`identifier`" or operator.lower() not in ("equals", "=") or not value.startswith("`"):
            return None
        if start + 3 < len(tokens) and tokens[start + 3].lower() != "or":
            return None
        wanted.append(value[1:-1])
    return wanted


def with_identifiers(state, wanted):
    """The releases an ```identifier` Equals``` filter of ``wanted`` values keeps, in order, from an index by
    identifier; None when a value reads as a date (Equals then compares dates: the filter is evaluated)."""
    if any(parse_date(value) is not None for value in wanted):
        return None
    releases = state.data["releases"]

    def build():
        keyed, other = {}, []
        for position, release in enumerate(releases):
            value = release.get("identifier")
            if isinstance(value, str):
                keyed.setdefault(value.lower(), []).append(position)
            elif value is not None:  # numbers and booleans compare as such: left to matches()
                other.append(position)
        return keyed, other
    keyed, other = state.cached(("identifiers",), build, "releases")
    positions = set()
    for value in wanted:
        positions.update(keyed.get(value.lower(), ()))
        positions.update(p for p in other if matches(releases[p].get("identifier"), "Equals", value))
    return [releases[p] for p in sorted(positions)]


def creation_problems(state, status, release_type):
    """The rules only POST has: no End-State status, and Enterprise releases only if ``enterprise_post``."""
    problems = []
    if status and status.get("isEndState"):
        problems.append("A release cannot be created with the End State status '%s'." % status["value"])
    if release_type == "Enterprise" and not state.config.enterprise_post:
        problems.append("Only Project and Independent releases can be created through the API.")
    return problems


def check_release(state, body, creating, errors):
    """Vendor rules for POST (``creating``) and PUT: the cleaned record fields, or None with ``errors`` filled."""
    for field, message in RELEASE_REQUIRED:
        if body.get(field) in (None, ""):
            errors.setdefault("release." + field, []).append(message)
    found = {kind: check_lookup(state, kind, body.get(field), field, label, errors) for kind, field, label in LOOKUPS}
    for field, collection, label in REFERENCES:
        if body.get(field) and not state.find(collection, body[field]):
            errors.setdefault("release." + field, []).append("The value '%s' is not a valid %s." % (body[field], label))
    date = None
    if body.get("implementationDate"):
        date = utc_text(body["implementationDate"])
        if date is None:
            errors.setdefault("release.implementationDate", []).append(
                "The value '%s' is not a valid date." % body["implementationDate"])
    choices = {field: body.get(field) or default for field, default, _valid in CHOICES}
    for field, _default, valid in CHOICES:
        if choices[field] not in valid:
            errors.setdefault("release." + field, []).append(
                "The value '%s' is not valid. Valid values: %s." % (choices[field], ", ".join(valid)))
    if errors:
        return None
    business = creation_problems(state, found["ReleaseStatusType"], choices["plutoraReleaseType"]) if creating else []
    if business:
        errors["internalServerValidationError"] = business
        return None
    record = {key: body.get(key) for key in RELEASE_WRITABLE}
    for key in ID_FIELDS:
        record[key] = str(record[key]).lower() if record[key] else None
    record.update(implementationDate=date, lastModifiedDate=now_text(), **choices)
    return record


def new_release(state, body):
    """Create a release (the caller holds the lock); 400 naming every problem at once."""
    errors = {}
    record = check_release(state, body, True, errors)
    ai = apply_ai(state, body.get("additionalInformation"), errors)
    if errors:
        raise invalid(errors)
    record["id"] = str(uuid.uuid4())  # any id in the body (the copy flow) is ignored
    state.data["releases"].append(record)
    store_ai(state, record["id"], ai)
    add_owner(state, record)
    return record


@routes.get("/releases", tags=["Releases"])
async def releases(request: Request):
    state = authorized(request)
    text = query(request, "filter")
    records = state.data["releases"]
    if text:
        # The filter sees the full record (releaseStatusType, parentRelease, ...); the list shows list items.
        wanted = identifier_terms(text)
        found = with_identifiers(state, wanted) if wanted else None
        if found is None:
            found = filtered_records(state, text, "Release", "releases", lambda r, k: release_field(state, r, k),
                                     lambda r: render_release(state, r), FILTER_FIELDS)
        if len(state.index("releases")) < len(records):  # ids held twice: every holder of a found id is listed
            ids = {r["id"] for r in found}
            found = [r for r in records if r["id"] in ids]
        records = found
    return listing_of(request, records, lambda r: render_release(state, r, False))


@routes.post("/releases/filter", tags=["Releases"])
async def releases_filter(request: Request):
    state = authorized(request)
    return search_reply(state, await read_body(request) or {}, "Release", "releases",
                        lambda r, k: release_field(state, r, k), lambda r: render_release(state, r), FILTER_FIELDS)


@routes.post("/releases/bulk", tags=["Releases"])
async def releases_bulk(request: Request):
    state = authorized(request)
    body = await read_body(request)
    if not isinstance(body, list):
        raise invalid({"releases": ["The body must be an array of releases."]})
    with state.lock:
        for index, item in enumerate(body):  # all or nothing: check every release before creating any
            errors = {}
            check_release(state, item, True, errors)
            if errors:
                raise invalid({"[%d].%s" % (index, k): v for k, v in errors.items()})
        created = [new_release(state, item) for item in body]
    return reply([render_release(state, r) for r in created])


@routes.get("/releases/{release_id}", tags=["Releases"])
async def release(release_id: str, request: Request):
    state = authorized(request)
    found = state.find("releases", release_id)
    if not found:
        raise not_found()
    return reply(render_release(state, found))


@routes.post("/releases", tags=["Releases"])
async def create_release(request: Request):
    state = authorized(request)
    body = await read_body(request)
    if not isinstance(body, dict):
        raise invalid({"release": ["The request body must be a release object."]})
    with state.lock:
        record = new_release(state, body)
        return reply(render_release(state, record), 201)


@routes.put("/releases/{release_id}", tags=["Releases"])
async def update_release(release_id: str, request: Request):
    state = authorized(request)
    body = await read_body(request)
    if not isinstance(body, dict):
        raise invalid({"release": ["The request body must be a release object."]})
    with state.lock:
        found = state.find("releases", release_id)
        if str(body.get("id") or "").lower() != release_id.lower():
            raise mismatched_id()
        if not found:
            raise not_found()
        errors = {}
        record = check_release(state, body, False, errors)
        ai = apply_ai(state, body.get("additionalInformation"), errors)
        if errors:
            raise invalid(errors)
        found.update(record)  # whole-object: every writable field not sent is now null
        store_ai(state, found["id"], ai)
        add_owner(state, found, creator=False)  # a new manager is a stakeholder too
    return Response(status_code=204)


@routes.delete("/releases/{release_id}", tags=["Releases"])
async def delete_release(release_id: str, request: Request):
    state = authorized(request)
    with state.lock:
        found = state.find("releases", release_id)
        if not found:
            raise not_found()
        state.data["releases"].remove(found)
        state.data["releaseSystems"].pop(found["id"], None)
        state.data["additionalInformation"].pop(found["id"], None)
        forget_release(state, found["id"])
        schedule.forget_release(state, found["id"])
    return reply({"message": "Release deleted."})
