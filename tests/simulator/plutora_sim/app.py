# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The simulated Plutora API: routes, vendor rules and error bodies. README.md lists each behaviour's source."""

import asyncio
import base64
import datetime
import hashlib
import json
import urllib.parse
import uuid

from fastapi import FastAPI, Request
from fastapi.responses import Response

from .filters import FilterError, parse_date, parse_filter, search
from .state import MAX_FAILED_LOGINS

JSON = "application/json; charset=utf-8"
DENIED = {"message": "Authorization has been denied for this request."}
DEPLOYMENT_STATUSES = ("Completed", "RollbackPending", "Rejected")
HEALTH_NAMES = {0: "Unknown", 1: "Online", 2: "Offline", 3: "Issue"}
VALUE_KEYS = {"FreeText": "text", "Number": "number", "Decimal": "decimal", "DatePicker": "date",
              "TimePicker": "time", "DateTimePicker": "dateTime", "ListField": "listItem", "ListSelect": "multiListItem"}
RELEASE_REQUIRED = (
    ("identifier", "Release ID cannot be blank"),
    ("name", "Release Name cannot be blank"),
    ("releaseTypeId", "Release Type must be selected from the drop down"),
    ("releaseStatusTypeId", "Release Status must be selected from the drop down"),
    ("releaseRiskLevelId", "Risk Level must be selected from the drop down"),
    ("implementationDate", "Implementation Date must be set"),
    ("organizationId", "Portfolio Association must be selected from the drop down"),
)
RELEASE_WRITABLE = ("identifier", "name", "summary", "releaseTypeId", "location", "releaseStatusTypeId",
                    "releaseRiskLevelId", "implementationDate", "displayColor", "organizationId", "managerId",
                    "parentReleaseId", "plutoraReleaseType", "releaseProjectType")
# GET /releases list items: the 2017, 2021 and 2025 fields of plutora-api.md 3.3.
SUMMARY_FIELDS = ("id", "identifier", "name", "implementationDate", "displayColor", "plutoraReleaseType",
                  "releaseProjectType", "releaseStatusTypeId", "lastModifiedDate")
CHANGE_WRITABLE = ("name", "changePriorityId", "changeStatusId", "changeTypeId", "changeDeliveryRiskId",
                   "changeThemeId", "organizationId", "raisedById", "raisedDate", "assignedToId", "businessValueScore",
                   "expectedDeliveryDate", "description", "descriptionSimple")
MAX_PAGE = 100
DEFAULT_SEARCH_LIMIT = 10000
RELEASE_FIELDS = ("id", "identifier", "name", "summary", "releaseTypeId", "location", "releaseStatusTypeId",
                  "releaseRiskLevelId", "implementationDate", "displayColor", "organizationId", "managerId",
                  "parentReleaseId", "plutoraReleaseType", "releaseProjectType", "lastModifiedDate")
# The fields GET filter= and searchFilters may name, per entity (an unknown one is the vendor's 500).
ENTITY_FIELDS = {
    "Organization": ("id", "name", "type"),
    "User": ("id", "firstName", "lastName", "userName", "roles", "phoneNumber", "status"),
    "System": ("id", "name", "vendor", "status", "organizationId", "description"),
    "Environment": ("id", "name", "url", "linkedSystem", "usageWorkItem", "status", "color", "lastModifiedDate",
                    "lastModifiedBy"),
    "Release": RELEASE_FIELDS + ("releaseType", "releaseStatusType", "releaseRiskLevel", "organization", "manager",
                                 "parentRelease", "additionalInformation"),
    "Change": ("id", "changeId", "name", "changePriorityId", "changeStatusId", "changeTypeId", "changeDeliveryRiskId",
               "changeThemeId", "organizationId", "raisedById", "raisedDate", "assignedToId", "businessValueScore",
               "expectedDeliveryDate", "description", "descriptionSimple", "lastModifiedDate", "lastModifiedBy",
               "changePriorityName", "changeStatusName", "changeTypeName", "changeDeliveryRiskName",
               "changeThemeName", "organization", "raisedBy", "assignedTo"),
}
CHANGE_LOOKUPS = (("changePriorityId", "ChangePriority"), ("changeStatusId", "ChangeStatus"),
                  ("changeTypeId", "ChangeType"), ("changeDeliveryRiskId", "ChangeDeliveryRisk"),
                  ("changeThemeId", "ChangeTheme"))


class SimError(Exception):
    def __init__(self, status, body, headers=None):
        super().__init__(status)
        self.status = status
        self.body = body
        self.headers = headers or {}


def reply(data, status=200, content_type=JSON):
    return Response(json.dumps(data), status_code=status, media_type=content_type)


def now_text():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")


def utc_text(value):
    """A date or date-time in any ISO form -> UTC without a zone suffix, as Plutora answers."""
    text = str(value).strip()
    try:
        parsed = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        parsed = parse_date(text)
        if parsed is None:
            return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return parsed.strftime("%Y-%m-%dT%H:%M:%S")


def camel_keys(value):
    """PascalCase request keys -> camelCase, recursively (the vendor accepts both)."""
    if isinstance(value, dict):
        return {(k[:1].lower() + k[1:] if isinstance(k, str) else k): camel_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [camel_keys(v) for v in value]
    return value


def invalid(model_state, message="The request is invalid."):
    return SimError(400, {"message": message, "modelState": model_state})


def not_found():
    # A well-formed id that matches nothing: the vendor's 404 carries no body (plutora-api.md 6.1).
    return SimError(404, None)


async def read_body(request, allow_form=False, allow_multipart=False):
    raw = await request.body()
    kind = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    if not raw and not kind:
        return None
    if kind in ("application/json", "text/json") or (kind.endswith("+json")):
        try:
            return camel_keys(json.loads(raw.decode("utf-8") or "null"))
        except ValueError:
            raise SimError(400, {"message": "The request is invalid.", "modelState": {
                "request": ["The request body is not valid JSON."]}})
    if allow_form and "x-www-form-urlencoded" in kind:
        pairs = urllib.parse.parse_qsl(raw.decode("utf-8"), keep_blank_values=True)
        return camel_keys({k: v for k, v in pairs if k})
    if allow_multipart and kind == "multipart/form-data":
        form = await request.form()
        result = {}
        for key, value in form.multi_items():
            if hasattr(value, "read"):
                result[key] = {"filename": value.filename, "bytes": await value.read()}
            else:
                result[key] = value
        return camel_keys(result)
    shown = kind or "application/octet-stream"
    raise SimError(415, {"message": "The request entity's media type '%s' is not supported for this resource." % shown})


def create_app(state):
    app = FastAPI(title="Plutora API (simulated)", version="1.0", docs_url="/swagger",
                  openapi_url="/swagger/v1/swagger.json", redoc_url=None)

    @app.exception_handler(SimError)
    async def sim_error(_request, exc):
        response = Response(status_code=exc.status) if exc.body is None else reply(exc.body, exc.status)
        for key, value in exc.headers.items():
            response.headers[key] = value
        return response

    @app.exception_handler(FilterError)
    async def filter_error(_request, exc):
        if exc.status == 500:
            return reply({"message": "An error has occurred.", "exceptionMessage": exc.message,
                          "exceptionType": "System.ArgumentException"}, 500)
        return reply({"message": exc.message}, exc.status)

    def user(request):
        header = request.headers.get("authorization") or ""
        scheme, _sep, token = header.partition(" ")
        client = state.client_of(token.strip()) if scheme.lower() == "bearer" else None
        if client is None:
            raise SimError(401, DENIED)
        return client

    def lookup(kind, value_id, field, label, errors):
        if value_id in (None, ""):
            return None
        for item in state.data["lookups"].get(kind, []):
            if item["id"] == str(value_id).lower():
                return item
        errors.setdefault("release." + field if label else field, []).append(
            "The value '%s' is not a valid %s." % (value_id, label or kind))
        return None

    def find(collection, record_id):
        record_id = str(record_id).lower()
        for record in state.data[collection]:
            if record["id"] == record_id:
                return record
        return None

    def name_of(kind, value_id):
        for item in state.data["lookups"].get(kind, []):
            if item["id"] == value_id:
                return item["value"]
        return None

    def user_name(user_id):
        record = find("users", user_id) if user_id else None
        return "%s %s" % (record["firstName"], record["lastName"]) if record else None

    def query(request, name):
        """A query parameter, its name matched case-insensitively (pageNum, pagenum and PageNum alike)."""
        name = name.lower()
        for key, value in request.query_params.multi_items():
            if key.lower() == name:
                return value
        return None

    def page_of(items, page, size):
        """The paged object; at most 100 a page, and recordsPerPage 0 (or less) means one record."""
        try:
            page = max(0, int(page or 0))
            size = 100 if size in (None, "") else int(size)
        except (TypeError, ValueError):
            raise SimError(400, {"message": "pageNum and recordsPerPage must be whole numbers."})
        size = 1 if size <= 0 else min(size, MAX_PAGE)
        chunk = items[page * size:(page + 1) * size]
        return {"resultSet": chunk, "returnCount": len(chunk), "totalCount": len(items), "pageNum": page,
                "recordsPerPage": size}

    def listing(request, items):
        """Bare array without pageNum; the paged object with it."""
        page = query(request, "pageNum")
        if page is None:
            return reply(items)
        return reply(page_of(items, page, query(request, "recordsPerPage")))

    def filtered(request, items, entity):
        text = query(request, "filter")
        if not text:
            return items
        keys = set(ENTITY_FIELDS.get(entity, ())) | (set(items[0]) if items else set())
        predicate = parse_filter(text, sorted(keys), entity)
        return [item for item in items if predicate(item)]

    # ------------------------------------------------------------------ auth
    @app.post("/oauth/token", tags=["OAuth"])
    async def token(request: Request):
        kind = (request.headers.get("content-type") or "").lower()
        if "x-www-form-urlencoded" not in kind:
            raise SimError(400, {"error": "invalid_request",
                                 "error_description": "The request must be form-encoded (application/x-www-form-urlencoded)."})
        form = dict(urllib.parse.parse_qsl((await request.body()).decode("utf-8"), keep_blank_values=True))
        request.scope["sim_client_id"] = form.get("client_id")
        creds = state.data["credentials"]
        if form.get("client_id") != creds["client_id"] or form.get("client_secret") != creds["client_secret"]:
            raise SimError(400, {"error": "invalid_grant", "error_description": "The client_id or client_secret is incorrect."})
        if form.get("grant_type") != "password":
            raise SimError(400, {"error": "unsupported_grant_type", "error_description": "Only grant_type=password is supported."})
        login = (form.get("username") or "").lower()
        with state.lock:
            if login in state.locked:
                raise SimError(400, {"error": "validation_error",
                                     "error_description": "The user account has been locked out after %d failed login "
                                                          "attempts." % MAX_FAILED_LOGINS})
            if login != creds["username"].lower() or form.get("password") != creds["password"]:
                state.failures[login] += 1
                left = MAX_FAILED_LOGINS - state.failures[login]
                if left <= 0:
                    state.locked.add(login)
                    raise SimError(400, {"error": "validation_error",
                                         "error_description": "Login failed, the user account has been locked out after "
                                                              "%d failed login attempts." % MAX_FAILED_LOGINS})
                raise SimError(400, {"error": "validation_error",
                                     "error_description": "Login failed, you have %d attempts to login" % left})
            state.failures.pop(login, None)
        return reply({"access_token": state.issue_token(form["client_id"]), "token_type": "bearer",
                      "expires_in": state.config.token_ttl, "refresh_token": state.refresh_token()})

    @app.get("/me", tags=["Me"])
    async def me(request: Request):
        user(request)
        return reply(state.data["credentials"]["username"])

    # ------------------------------------------------------------------ lookups and directory
    @app.get("/lookupfields", tags=["LookupFields"])
    async def lookup_types(request: Request):
        user(request)
        descriptions = state.data.get("lookupDescriptions") or {}
        return reply([{"name": k, "description": descriptions.get(k, k)} for k in state.data["lookups"]])

    @app.get("/lookupfields/{kind}", tags=["LookupFields"])
    async def lookup_values(kind: str, request: Request):
        user(request)
        for name, items in state.data["lookups"].items():
            if name.lower() == kind.lower():
                return reply(items)
        raise not_found()

    @app.get("/organizations", tags=["Organizations"])
    async def organizations(request: Request):
        user(request)
        return listing(request, filtered(request, state.data["organizations"], "Organization"))

    @app.get("/organizations/tree", tags=["Organizations"])
    async def organization_tree(request: Request):
        user(request)
        orgs = state.data["organizations"]
        root = dict(orgs[0])
        root["childs"] = [dict(o, childs=[]) for o in orgs[1:]]
        return reply(root)

    @app.get("/users", tags=["Users"])
    async def users(request: Request):
        user(request)
        return listing(request, filtered(request, state.data["users"], "User"))

    def render_system(system):
        org = find("organizations", system.get("organizationId"))
        return dict(system, organization=org["name"] if org else None, isAllowEdit=True, inMyOrganization=True,
                    additionalInformation=[])

    @app.get("/systems", tags=["Systems"])
    async def systems(request: Request):
        user(request)
        items = [{k: s.get(k) for k in ("id", "name", "vendor", "status", "organizationId", "description")}
                 for s in state.data["systems"]]
        return listing(request, filtered(request, items, "System"))

    @app.get("/systems/{system_id}", tags=["Systems"])
    async def system(system_id: str, request: Request):
        user(request)
        found = find("systems", system_id)
        if not found:
            raise not_found()
        return reply(render_system(found))

    @app.post("/systems", tags=["Systems"])
    async def create_system(request: Request):
        user(request)
        body = await read_body(request, allow_form=True) or {}
        errors = {}
        for field in ("name", "vendor", "status", "organizationId"):
            if not body.get(field):
                errors.setdefault("system." + field, []).append("%s is required." % field[:1].upper() + field[1:])
        if body.get("status") and body["status"] not in ("Active", "Inactive"):
            errors.setdefault("system.status", []).append("Status must be Active or Inactive.")
        if body.get("organizationId") and not find("organizations", body["organizationId"]):
            errors.setdefault("system.organizationId", []).append("The organization does not exist.")
        if errors:
            raise invalid(errors)
        record = {"id": str(uuid.uuid4()), "name": body["name"], "vendor": body["vendor"], "status": body["status"],
                  "organizationId": body["organizationId"].lower(), "description": body.get("description"),
                  "systemAlias": body.get("systemAlias")}
        with state.lock:
            state.data["systems"].append(record)
        return reply(render_system(record), 201)

    def render_environment(env, full):
        system = find("systems", env.get("linkedSystemId"))
        base = {"id": env["id"], "name": env["name"], "url": env.get("url"),
                "linkedSystem": system["name"] if system else None,
                "usageWorkItem": name_of("UsedForWorkItem", env.get("usageWorkItemId")),
                "status": name_of("EnvironmentStatus", env.get("environmentStatusId")), "color": env.get("color"),
                "lastModifiedDate": "2026-11-01T09:00:00", "lastModifiedBy": "release.manager@example.com"}
        if not full:
            return base
        record = dict(env)
        record.update(linkedSystem=base["linkedSystem"], usageWorkItem=base["usageWorkItem"],
                      environmentStatus=base["status"], hosts=[])
        return record

    @app.get("/environments", tags=["Environments"])
    async def environments(request: Request):
        user(request)
        items = [render_environment(e, False) for e in state.data["environments"]]
        return listing(request, filtered(request, items, "Environment"))

    @app.get("/environments/{env_id}", tags=["Environments"])
    async def environment(env_id: str, request: Request):
        user(request)
        found = find("environments", env_id)
        if not found:
            raise not_found()
        return reply(render_environment(found, True))

    # ------------------------------------------------------------------ releases
    def release_fields():
        return [f for f in state.data["releaseFields"] if f.get("type", "Release") == "Release"]

    def render_ai(release_id):
        values = state.data["additionalInformation"].get(release_id, {})
        items = []
        for field in release_fields():
            item = {"id": field["id"], "name": field["name"], "type": "Release", "dataType": field["dataType"],
                    "text": None, "time": None, "date": None, "number": None, "decimal": None, "dateTime": None,
                    "listItem": None, "multiListItem": None}
            stored = values.get(field["id"], {})
            item.update(stored)
            if item["listItem"]:
                item["listItem"] = {"id": item["listItem"]["id"], "value": _list_value(field, item["listItem"]["id"])}
            if item["multiListItem"]:
                item["multiListItem"] = [{"id": i["id"], "value": _list_value(field, i["id"])}
                                         for i in item["multiListItem"]]
            items.append(item)
        return items

    def _list_value(field, item_id):
        for item in field.get("listItems", []):
            if item["id"] == item_id:
                return item["value"]
        return None

    def render_release(release, full=True):
        if not full:
            return {k: release.get(k) for k in SUMMARY_FIELDS}
        org = find("organizations", release.get("organizationId"))
        parent = find("releases", release["parentReleaseId"]) if release.get("parentReleaseId") else None
        record = {}
        for key in RELEASE_FIELDS:
            record[key] = release.get(key)
        record.update(releaseType=name_of("ReleaseType", release.get("releaseTypeId")),
                      releaseStatusType=name_of("ReleaseStatusType", release.get("releaseStatusTypeId")),
                      releaseRiskLevel=name_of("ReleaseRiskLevel", release.get("releaseRiskLevelId")),
                      organization=org["name"] if org else None, manager=user_name(release.get("managerId")),
                      parentRelease=parent["identifier"] if parent else None,
                      additionalInformation=render_ai(release["id"]))
        return record

    def check_release(body, creating, errors):
        """Vendor rules for POST and PUT; returns the cleaned record fields."""
        for field, message in RELEASE_REQUIRED:
            if body.get(field) in (None, ""):
                errors.setdefault("release." + field, []).append(message)
        lookup("ReleaseType", body.get("releaseTypeId"), "releaseTypeId", "Release Type", errors)
        status = lookup("ReleaseStatusType", body.get("releaseStatusTypeId"), "releaseStatusTypeId", "Release Status",
                        errors)
        lookup("ReleaseRiskLevel", body.get("releaseRiskLevelId"), "releaseRiskLevelId", "Risk Level", errors)
        if body.get("organizationId") and not find("organizations", body["organizationId"]):
            errors.setdefault("release.organizationId", []).append(
                "The value '%s' is not a valid Portfolio Association." % body["organizationId"])
        if body.get("managerId") and not find("users", body["managerId"]):
            errors.setdefault("release.managerId", []).append("The value '%s' is not a valid user." % body["managerId"])
        if body.get("parentReleaseId") and not find("releases", body["parentReleaseId"]):
            errors.setdefault("release.parentReleaseId", []).append(
                "The value '%s' is not a valid release." % body["parentReleaseId"])
        date = None
        if body.get("implementationDate"):
            date = utc_text(body["implementationDate"])
            if date is None:
                errors.setdefault("release.implementationDate", []).append(
                    "The value '%s' is not a valid date." % body["implementationDate"])
        prt = body.get("plutoraReleaseType") or "Independent"
        if prt not in ("Enterprise", "Integrated", "Independent"):
            errors.setdefault("release.plutoraReleaseType", []).append(
                "The value '%s' is not valid. Valid values: Enterprise, Integrated, Independent." % prt)
        project = body.get("releaseProjectType") or "None"
        if project not in ("IsProject", "NotIsProject", "None"):
            errors.setdefault("release.releaseProjectType", []).append(
                "The value '%s' is not valid. Valid values: IsProject, NotIsProject, None." % project)
        if errors:
            return None
        business = []
        if creating and status and status.get("isEndState"):
            business.append("A release cannot be created with the End State status '%s'." % status["value"])
        if creating and prt == "Enterprise" and not state.config.enterprise_post:
            business.append("Only Project and Independent releases can be created through the API.")
        if business:
            errors["internalServerValidationError"] = business
            return None
        record = {key: body.get(key) for key in RELEASE_WRITABLE}
        for key in ("releaseTypeId", "releaseStatusTypeId", "releaseRiskLevelId", "organizationId", "managerId",
                    "parentReleaseId"):
            record[key] = str(record[key]).lower() if record[key] else None
        record.update(implementationDate=date, plutoraReleaseType=prt, releaseProjectType=project,
                      lastModifiedDate=now_text())
        return record

    def apply_ai(release_id, items, errors):
        if items is None:
            return {}
        if not isinstance(items, list):
            errors.setdefault("additionalInformation", []).append("additionalInformation must be an array.")
            return {}
        fields = {f["id"]: f for f in release_fields()}
        values = {}
        for item in items:
            field = fields.get(str(item.get("id") or "").lower())
            if field is None:
                errors.setdefault("additionalInformation", []).append(
                    "'%s' is not a Release custom field." % item.get("id"))
                continue
            key = VALUE_KEYS[field["dataType"]]
            value = item.get(key)
            label = "additionalInformation.%s" % field["name"]
            problem = _ai_problem(field, key, value)
            if problem:
                errors.setdefault(label, []).append(problem)
                continue
            if key == "listItem" and value:
                value = {"id": value["id"].lower()}
            if key == "multiListItem" and value:
                value = [{"id": v["id"].lower()} for v in value]
            if key in ("date", "dateTime") and value:
                value = utc_text(value)
            values[field["id"]] = {key: value}
        return values

    def _ai_problem(field, key, value):
        if value is None:
            return None
        kind = field["dataType"]
        ids = {i["id"] for i in field.get("listItems", [])}
        if kind == "FreeText" and not isinstance(value, str):
            return "%s expects text in 'text'." % field["name"]
        if kind == "Number" and (isinstance(value, bool) or not isinstance(value, int)):
            return "%s expects a whole number in 'number'." % field["name"]
        if kind == "Decimal" and (isinstance(value, bool) or not isinstance(value, (int, float))):
            return "%s expects a number in 'decimal'." % field["name"]
        if kind in ("DatePicker", "DateTimePicker") and utc_text(value) is None:
            return "%s expects a date in '%s'." % (field["name"], key)
        if kind == "TimePicker":
            try:
                datetime.time.fromisoformat(str(value).split(".", maxsplit=1)[0])
            except ValueError:
                return "%s expects a time (HH:MM:SS) in 'time'." % field["name"]
        if kind == "ListField" and (not isinstance(value, dict) or str(value.get("id", "")).lower() not in ids):
            return "%s expects listItem {id} of one of its list items." % field["name"]
        if kind == "ListSelect" and (not isinstance(value, list)
                                     or any(not isinstance(v, dict) or str(v.get("id", "")).lower() not in ids
                                            for v in value)):
            return "%s expects multiListItem [{id}] of its list items." % field["name"]
        return None

    def new_release(body):
        errors = {}
        record = check_release(body, True, errors)
        ai = apply_ai(None, body.get("additionalInformation"), errors)
        if errors:
            raise invalid(errors)
        record["id"] = str(uuid.uuid4())  # any id in the body (the copy flow) is ignored
        state.data["releases"].append(record)
        if ai:
            state.data["additionalInformation"][record["id"]] = ai
        return record

    @app.get("/releases", tags=["Releases"])
    async def releases(request: Request):
        user(request)
        if query(request, "filter"):
            items = filtered(request, [render_release(r) for r in state.data["releases"]], "Release")
            ids = {i["id"] for i in items}
            items = [render_release(r, False) for r in state.data["releases"] if r["id"] in ids]
        else:
            items = [render_release(r, False) for r in state.data["releases"]]
        return listing(request, items)

    @app.post("/releases/filter", tags=["Releases"])
    async def releases_filter(request: Request):
        user(request)
        return search_reply(await read_body(request) or {}, [render_release(r) for r in state.data["releases"]],
                            "Release")

    @app.post("/releases/bulk", tags=["Releases"])
    async def releases_bulk(request: Request):
        user(request)
        body = await read_body(request)
        if not isinstance(body, list):
            raise invalid({"releases": ["The body must be an array of releases."]})
        with state.lock:
            for index, item in enumerate(body):
                errors = {}
                check_release(item, True, errors)
                if errors:
                    raise invalid({"[%d].%s" % (index, k): v for k, v in errors.items()})
            created = [new_release(item) for item in body]
        return reply([render_release(r) for r in created])

    @app.get("/releases/{release_id}", tags=["Releases"])
    async def release(release_id: str, request: Request):
        user(request)
        found = find("releases", release_id)
        if not found:
            raise not_found()
        return reply(render_release(found))

    @app.post("/releases", tags=["Releases"])
    async def create_release(request: Request):
        user(request)
        body = await read_body(request, allow_form=True)
        if not isinstance(body, dict):
            raise invalid({"release": ["The request body must be a release object."]})
        with state.lock:
            record = new_release(body)
            return reply(render_release(record), 201)

    @app.put("/releases/{release_id}", tags=["Releases"])
    async def update_release(release_id: str, request: Request):
        user(request)
        body = await read_body(request, allow_form=True)
        if not isinstance(body, dict):
            raise invalid({"release": ["The request body must be a release object."]})
        with state.lock:
            found = find("releases", release_id)
            if str(body.get("id") or "").lower() != release_id.lower():
                raise SimError(400, {"message": "The id in the body does not match the id in the URL."})
            if not found:
                raise not_found()
            errors = {}
            record = check_release(body, False, errors)
            ai = apply_ai(release_id, body.get("additionalInformation"), errors)
            if errors:
                raise invalid(errors)
            found.update(record)  # whole-object: every writable field not sent is now null
            if "additionalInformation" in body:
                state.data["additionalInformation"].setdefault(found["id"], {}).update(ai)
        return Response(status_code=204)

    @app.delete("/releases/{release_id}", tags=["Releases"])
    async def delete_release(release_id: str, request: Request):
        user(request)
        with state.lock:
            found = find("releases", release_id)
            if not found:
                raise not_found()
            state.data["releases"].remove(found)
            state.data["releaseSystems"].pop(found["id"], None)
            state.data["additionalInformation"].pop(found["id"], None)
        return reply({"message": "Release deleted."})

    @app.get("/releases/{release_id}/additionalinformation", tags=["Releases"])
    async def release_ai(release_id: str, request: Request):
        user(request)
        found = find("releases", release_id)
        if not found:
            raise not_found()
        return reply(render_ai(found["id"]))

    @app.put("/releases/{release_id}/additionalinformation", tags=["Releases"])
    async def put_release_ai(release_id: str, request: Request):
        user(request)
        body = await read_body(request)
        with state.lock:
            found = find("releases", release_id)
            if not found:
                raise not_found()
            errors = {}
            ai = apply_ai(found["id"], body, errors)
            if errors:
                raise invalid(errors)
            state.data["additionalInformation"].setdefault(found["id"], {}).update(ai)
            found["lastModifiedDate"] = now_text()
            return reply(render_ai(found["id"]))

    @app.get("/additionalinformation/{entity}", tags=["AdditionalInformation (simulator)"])
    async def field_definitions(entity: str, request: Request):
        user(request)
        return reply([f for f in state.data["releaseFields"] if f.get("type", "Release").lower() == entity.lower()])

    def render_link(link):
        system = find("systems", link["systemId"])
        return {"systemId": link["systemId"], "system": system["name"] if system else None,
                "systemRoleType": link["systemRoleType"],
                "systemRoleDependencyTypeId": link.get("systemRoleDependencyTypeId"),
                "systemRoleDependencyType": name_of("SystemRoleDependencyType", link.get("systemRoleDependencyTypeId")),
                "deploymentStatus": link.get("deploymentStatus"), "isGhost": False, "isDeleted": False}

    def check_link(body, system_id=None):
        errors = {}
        if not body.get("systemRoleType"):
            errors.setdefault("systemRoleType", []).append("SystemRoleType is required (Impact).")
        elif body["systemRoleType"] not in ("Impact", "Dependency"):
            errors.setdefault("systemRoleType", []).append("SystemRoleType must be Impact or Dependency.")
        if body.get("systemRoleDependencyTypeId"):
            lookup("SystemRoleDependencyType", body["systemRoleDependencyTypeId"], "systemRoleDependencyTypeId", None,
                   errors)
        status = body.get("deploymentStatus")
        if status not in (None, "") and status not in DEPLOYMENT_STATUSES:
            errors.setdefault("deploymentStatus", []).append(
                "'%s' is not a deployment status. Valid values: %s." % (status, ", ".join(DEPLOYMENT_STATUSES)))
        if errors:
            raise invalid(errors)
        system = find("systems", system_id or body.get("systemId") or "")
        if not system:
            raise not_found()
        return {"systemId": system["id"], "systemRoleType": body["systemRoleType"],
                "systemRoleDependencyTypeId": (body.get("systemRoleDependencyTypeId") or "").lower() or None,
                "deploymentStatus": status or None}

    @app.get("/releases/{release_id}/systems", tags=["Releases"])
    async def release_systems(release_id: str, request: Request):
        user(request)
        found = find("releases", release_id)
        if not found:
            raise not_found()
        return reply([render_link(link) for link in state.data["releaseSystems"].get(found["id"], [])])

    @app.post("/releases/{release_id}/systems", tags=["Releases"])
    async def add_release_system(release_id: str, request: Request):
        user(request)
        body = await read_body(request) or {}
        with state.lock:
            found = find("releases", release_id)
            if not found:
                raise not_found()
            link = check_link(body)
            links = state.data["releaseSystems"].setdefault(found["id"], [])
            if any(existing["systemId"] == link["systemId"] for existing in links):
                raise invalid({"internalServerValidationError": ["The system is already linked to this release."]})
            links.append(link)
            return reply(render_link(link), 201)

    @app.put("/releases/{release_id}/systems/{system_id}", tags=["Releases"])
    async def update_release_system(release_id: str, system_id: str, request: Request):
        user(request)
        body = await read_body(request) or {}
        with state.lock:
            found = find("releases", release_id)
            links = state.data["releaseSystems"].get(found["id"], []) if found else []
            current = [link for link in links if link["systemId"] == system_id.lower()]
            if not current:
                raise not_found()
            merged = dict(current[0], **body)
            current[0].update(check_link(merged, system_id))
        return Response(status_code=204)

    @app.delete("/releases/{release_id}/systems/{system_id}", tags=["Releases"])
    async def remove_release_system(release_id: str, system_id: str, request: Request):
        user(request)
        with state.lock:
            found = find("releases", release_id)
            links = state.data["releaseSystems"].get(found["id"], []) if found else []
            current = [link for link in links if link["systemId"] == system_id.lower()]
            if not current:
                raise not_found()
            links.remove(current[0])
        return reply({"message": "System removed from release."})

    # ------------------------------------------------------------------ changes
    def render_change(change):
        record = dict(change)
        for field, kind in CHANGE_LOOKUPS:
            record[field[:-2] + "Name"] = name_of(kind, change.get(field))
        org = find("organizations", change.get("organizationId"))
        record.update(organization=org["name"] if org else None, raisedBy=user_name(change.get("raisedById")),
                      assignedTo=user_name(change.get("assignedToId")), additionalInformation=[], stakeholders=[],
                      systems=[], deliveryReleases=[], comments=[])
        return record

    def check_change(body):
        errors = {}
        if not body.get("name"):
            errors.setdefault("change.name", []).append("Name cannot be blank")
        for field, kind in CHANGE_LOOKUPS:
            lookup(kind, body.get(field), field, None, errors)
        score = body.get("businessValueScore")
        if score not in (None, ""):
            try:
                score = int(score)
                if not 0 <= score <= 100:
                    raise ValueError
            except (TypeError, ValueError):
                errors.setdefault("change.businessValueScore", []).append("Business value score must be 0 to 100.")
        if errors:
            raise invalid(errors)
        record = {key: body.get(key) for key in CHANGE_WRITABLE}
        for key in ("raisedDate", "expectedDeliveryDate"):
            record[key] = utc_text(record[key]) if record[key] else None
        for key in [f for f, _k in CHANGE_LOOKUPS] + ["organizationId", "raisedById", "assignedToId"]:
            record[key] = str(record[key]).lower() if record[key] else None
        record["businessValueScore"] = None if score in (None, "") else score
        record["raisedDate"] = record["raisedDate"] or now_text()
        record["lastModifiedDate"] = now_text()
        return record

    def new_change(body):
        record = check_change(body)
        state.change_sequence += 1
        record.update(id=str(uuid.uuid4()), changeId=state.change_sequence, lastModifiedBy=state.data["credentials"]["username"])
        state.data["changes"].append(record)
        return record

    def search_reply(body, records, entity):
        if not isinstance(body, dict):
            raise invalid({"search": ["The body must be a search object."]})
        keys = sorted(set(ENTITY_FIELDS[entity]) | (set(records[0]) if records else set()))
        found = search(records, body.get("searchFilters") or [], keys, entity)
        try:
            limit = int(body.get("limit") or DEFAULT_SEARCH_LIMIT)
        except (TypeError, ValueError):
            raise SimError(400, {"message": "limit must be a whole number."})
        return reply(page_of(found[:max(0, limit)], body.get("pageNum"), body.get("recordsPerPage")))

    @app.get("/changes", tags=["Changes"])
    async def changes(request: Request):
        user(request)
        items = filtered(request, [render_change(c) for c in state.data["changes"]], "Change")
        return listing(request, [{"id": c["id"], "name": c["name"], "changeId": c["changeId"],
                                  "lastModifiedDate": c["lastModifiedDate"]} for c in items])

    @app.post("/changes/filter", tags=["Changes"])
    async def changes_filter(request: Request):
        user(request)
        return search_reply(await read_body(request) or {}, [render_change(c) for c in state.data["changes"]], "Change")

    @app.post("/changes/bulk", tags=["Changes"])
    async def changes_bulk(request: Request):
        user(request)
        body = await read_body(request)
        if not isinstance(body, list):
            raise invalid({"changes": ["The body must be an array of changes."]})
        with state.lock:
            for item in body:
                check_change(item)
            for item in body:
                new_change(item)
        return reply([])

    @app.get("/changes/{change_id}", tags=["Changes"])
    async def change(change_id: str, request: Request):
        user(request)
        found = find("changes", change_id)
        if not found:
            raise not_found()
        return reply(render_change(found))

    @app.post("/changes", tags=["Changes"])
    async def create_change(request: Request):
        user(request)
        body = await read_body(request, allow_form=True)
        if not isinstance(body, dict):
            raise invalid({"change": ["The request body must be a change object."]})
        with state.lock:
            return reply(render_change(new_change(body)), 201)

    @app.put("/changes/{change_id}", tags=["Changes"])
    async def update_change(change_id: str, request: Request):
        user(request)
        body = await read_body(request, allow_form=True) or {}
        with state.lock:
            if str(body.get("id") or "").lower() != change_id.lower():
                raise SimError(400, {"message": "The id in the body does not match the id in the URL."})
            found = find("changes", change_id)
            if not found:
                raise not_found()
            found.update(check_change(body))
            return reply(render_change(found))

    @app.delete("/changes/{change_id}", tags=["Changes"])
    async def delete_change(change_id: str, request: Request):
        user(request)
        with state.lock:
            found = find("changes", change_id)
            if found:
                state.data["changes"].remove(found)
        return reply({"message": "Change deleted."})

    # ------------------------------------------------------------------ environment health checks
    def health_error(message):
        return SimError(400, {"Messages": [message], "Data": None, "Status": "Failed"})

    def render_health(record):
        env = find("environments", record["environmentId"])
        shown = {k: v for k, v in record.items() if k != "logFileBase64"}
        shown.setdefault("logFileSize", None)
        shown.setdefault("logFileSha256", None)
        return dict(shown, environment=env["name"] if env else None, healthStatus=HEALTH_NAMES[record["health"]])

    def health_value(value):
        if isinstance(value, int) and not isinstance(value, bool) and value in HEALTH_NAMES:
            return value
        text = str(value if value is not None else "").strip()
        if text.isdigit() and int(text) in HEALTH_NAMES:
            return int(text)
        names = {v.lower(): k for k, v in HEALTH_NAMES.items()}
        names["nodata"] = 0
        if text.lower() in names:
            return names[text.lower()]
        raise health_error("Health '%s' is not valid. Valid values: 0 Unknown, 1 Online, 2 Offline, 3 Issue." % text)

    @app.post("/environmenthealthcheck", tags=["EnvironmentHealthCheck"])
    async def health_check(request: Request):
        user(request)
        body = await read_body(request, allow_multipart=True) or {}
        env_id = str(body.get("environmentId") or "")
        if not env_id:
            raise health_error("The EnvironmentId field is required.")
        env = find("environments", env_id)
        if not env:
            raise health_error("Environment '%s' does not exist." % env_id)
        execution = utc_text(body["executionDate"]) if body.get("executionDate") else now_text()
        if execution is None:
            raise health_error("ExecutionDate '%s' is not a valid date-time." % body.get("executionDate"))
        log = body.get("logFile")
        if isinstance(log, str):  # a plain form field rather than a file part
            log = {"filename": None, "bytes": log.encode("utf-8")}
        raw = log["bytes"] if isinstance(log, dict) else None
        record = {"id": str(uuid.uuid4()), "environmentId": env["id"], "testName": body.get("testName") or "",
                  "health": health_value(body.get("health")), "executionDate": execution,
                  "logFileName": log["filename"] if raw is not None else None,
                  "logFile": raw.decode("utf-8", "replace") if raw is not None else None,
                  "logFileSize": len(raw) if raw is not None else None,
                  "logFileSha256": hashlib.sha256(raw).hexdigest() if raw is not None else None,
                  "logFileBase64": base64.b64encode(raw).decode("ascii") if raw is not None else None}
        with state.lock:
            state.data["healthChecks"].append(record)
        return reply({"Messages": ["Created record for EnvironmentTransaction"], "Data": render_health(record),
                      "Status": "Success"}, content_type="application/json")

    @app.post("/environmenthealthcheck/fullhistory", tags=["EnvironmentHealthCheck"])
    async def health_history(request: Request):
        user(request)
        body = await read_body(request) or {}
        env = find("environments", str(body.get("environmentId") or "")) if body.get("environmentId") else None
        if not env:
            raise health_error("The EnvironmentId field is required and must name an environment.")
        start = utc_text(body.get("startDate") or "1900-01-01")
        end = utc_text(body.get("endDate") or "2999-12-31T23:59:59")
        if start is None or end is None:
            raise health_error("StartDate and EndDate must be ISO 8601 dates.")
        records = sorted((r for r in state.data["healthChecks"] if r["environmentId"] == env["id"] and
                          start <= r["executionDate"] <= end), key=lambda r: r["executionDate"])
        return reply([render_health(r) for r in records], content_type="application/json")

    @app.post("/environmenthealthcheck/currentstatus", tags=["EnvironmentHealthCheck"])
    async def health_current(request: Request):
        user(request)
        body = await read_body(request) or {}
        ids = body.get("environmentIds")
        if not isinstance(ids, list) or not ids:
            raise health_error("EnvironmentIds must be a non-empty array of environment ids.")
        result = []
        for env_id in ids:
            env = find("environments", str(env_id))
            if not env:
                raise health_error("Environment '%s' does not exist." % env_id)
            latest = {}
            for record in sorted(state.data["healthChecks"], key=lambda r: r["executionDate"]):
                if record["environmentId"] == env["id"]:
                    latest[record["testName"]] = record
            tests = [{"testName": r["testName"], "health": r["health"], "healthStatus": HEALTH_NAMES[r["health"]],
                      "executionDate": r["executionDate"]} for r in latest.values()]
            newest = max(latest.values(), key=lambda r: r["executionDate"]) if latest else None
            result.append({"environmentId": env["id"], "environment": env["name"],
                           "health": newest["health"] if newest else None,
                           "healthStatus": HEALTH_NAMES[newest["health"]] if newest else "NoData",
                           "lastExecutionDate": newest["executionDate"] if newest else None, "tests": tests})
        return reply(result, content_type="application/json")

    # ------------------------------------------------------------------ test control
    @app.get("/_sim/requests", tags=["Simulator control"])
    async def sim_requests():
        return reply({"requests": list(state.log)})

    @app.delete("/_sim/requests", tags=["Simulator control"])
    async def sim_clear_requests():
        with state.lock:
            state.log = []
        return reply({"requests": []})

    @app.post("/_sim/reset", tags=["Simulator control"])
    async def sim_reset():
        state.reset()
        return reply({"reset": True})

    @app.get("/_sim/faults", tags=["Simulator control"])
    async def sim_faults():
        return reply({"faults": state.faults})

    @app.post("/_sim/faults", tags=["Simulator control"])
    async def sim_add_fault(request: Request):
        body = json.loads(await request.body() or b"{}")
        kinds = [k for k in ("status", "delay", "drop") if body.get(k) not in (None, False)]
        if len(kinds) != 1 or not body.get("path"):
            raise SimError(400, {"message": "A fault needs path and exactly one of status, delay or drop."})
        fault = {"method": str(body.get("method") or "*").upper(), "path": body["path"],
                 "count": int(body.get("count", 1)), "status": body.get("status"),
                 "retry_after": body.get("retry_after"), "delay": body.get("delay"), "drop": bool(body.get("drop"))}
        with state.lock:
            state.faults.append(fault)
        return reply(fault, 201)

    @app.delete("/_sim/faults", tags=["Simulator control"])
    async def sim_clear_faults():
        with state.lock:
            state.faults = []
        return reply({"faults": []})

    @app.get("/_sim/config", tags=["Simulator control"])
    async def sim_config():
        return reply(state.config.as_dict())

    @app.put("/_sim/config", tags=["Simulator control"])
    async def sim_set_config(request: Request):
        try:
            with state.lock:
                state.config.update(json.loads(await request.body() or b"{}"))
        except ValueError as exc:
            raise SimError(400, {"message": str(exc)})
        return reply(state.config.as_dict())

    @app.delete("/_sim/tokens", tags=["Simulator control"])
    async def sim_revoke():
        with state.lock:
            state.tokens.clear()
        return reply({"revoked": True})

    @app.post("/_sim/unlock", tags=["Simulator control"])
    async def sim_unlock():
        with state.lock:
            state.locked.clear()
            state.failures.clear()
        return reply({"unlocked": True})

    @app.post("/_sim/load", tags=["Simulator control"])
    async def sim_load(request: Request):
        try:
            state.load(json.loads(await request.body() or b"{}"))
        except ValueError as exc:
            raise SimError(400, {"message": str(exc)})
        return reply({k: len(v) for k, v in state.data.items() if isinstance(v, (list, dict))})

    @app.get("/_sim/healthchecks/{record_id}/logfile", tags=["Simulator control"])
    async def sim_log_file(record_id: str):
        found = find("healthChecks", record_id)
        if not found or found.get("logFileBase64") is None:
            raise SimError(404, {"message": "No health-check record with a log file has that id."})
        return Response(base64.b64decode(found["logFileBase64"]), media_type="application/octet-stream")

    @app.get("/_sim/data", tags=["Simulator control"])
    async def sim_data():
        return reply(state.data)

    return app


class VendorMiddleware:
    """Pure ASGI: case-insensitive routing, whitelist, budget, faults and the request log around every call."""

    def __init__(self, app, state):
        self.app = app
        self.state = state

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        original = scope["path"]
        scope["path"] = original.lower()
        if scope["path"].startswith(("/_sim/", "/swagger")):
            return await self.app(scope, receive, send)
        state = self.state
        method = scope["method"]
        entry = {"method": method, "path": original, "query": scope.get("query_string", b"").decode("latin-1"),
                 "status": None, "client_id": None}
        state.record(entry)
        headers = dict((k.decode("latin-1").lower(), v.decode("latin-1")) for k, v in scope.get("headers", []))
        scheme, _sep, token = headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer":
            entry["client_id"] = state.client_of(token.strip())

        async def finish(status, body, extra=()):
            entry["status"] = status
            payload = json.dumps(body).encode("utf-8")
            await send({"type": "http.response.start", "status": status,
                        "headers": [(b"content-type", JSON.encode()), (b"content-length", str(len(payload)).encode())]
                        + list(extra)})
            await send({"type": "http.response.body", "body": payload})

        client = (scope.get("client") or ("127.0.0.1", 0))[0]
        if not state.config.allowed(client):
            return await finish(403, DENIED)
        fault = state.take_fault(method, scope["path"])
        if fault:
            if fault["drop"]:
                transport = getattr(getattr(send, "__self__", None), "transport", None)
                if transport is not None:
                    transport.close()
                entry["status"] = "dropped"
                return None
            if fault["delay"]:
                await asyncio.sleep(float(fault["delay"]))
            elif fault["status"]:
                extra = [(b"retry-after", str(fault["retry_after"]).encode())] if fault.get("retry_after") else []
                return await finish(int(fault["status"]), {"message": "Injected fault."}, extra)
        if entry["client_id"] and scope["path"] != "/oauth/token":
            wait = state.spend(entry["client_id"])
            if wait is not None:
                return await finish(429, {"message": "API calls quota exceeded! maximum admitted %d per 1h."
                                          % state.config.rate_limit}, [(b"retry-after", str(wait).encode())])

        async def recording_send(message):
            if message["type"] == "http.response.start":
                entry["status"] = message["status"]
            await send(message)

        await self.app(scope, receive, recording_send)
        if scope.get("sim_client_id") is not None:
            entry["client_id"] = scope["sim_client_id"]
        return None


def build(state):
    return VendorMiddleware(create_app(state), state)
