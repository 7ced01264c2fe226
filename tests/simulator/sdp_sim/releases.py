# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Releases: add, get, edit (a partial update), list, and the field metadata (``_metainfo``)."""

import copy

from fastapi import Request

from . import history, listing, records
from .auth import authorized
from .envelope import ApiRoutes, failed, input_data, ok, release_id
from .lifecycle_rules import existing, live

routes = ApiRoutes()
TAG = "Releases"


def release_body(data):
    body = data.get("release")
    if body is None:
        raise failed(4012, "Value not provided for release", field="release", fields=["release"])
    extra = sorted(set(data) - {"release"})
    if extra:
        raise failed(4000, "Extra key found in JSON: %s" % extra[0], field=extra[0], http=400)
    return body


@routes.get("/releases/_metainfo", tags=[TAG])
async def metainfo(request: Request):
    state, _user = authorized(request)
    udfs = {f["name"]: dict(f) for f in state.data["udf_fields"]}
    fields = {name: {"name": name} for name in records.WRITABLE + records.READ_ONLY if name != "udf_fields"}
    fields["udf_fields"] = {"fields": udfs}
    return ok({"metainfo": {"name": "release", "fields": fields}})


@routes.get("/releases", tags=[TAG])
async def list_releases(request: Request):
    state, user = authorized(request)
    query = listing.read_list_info(state, await input_data(request))
    with state.lock:
        return ok(listing.answer(state, query, user), array=True)


@routes.post("/releases", tags=[TAG])
async def add_release(request: Request):
    state, user = authorized(request)
    body = release_body(await input_data(request))
    with state.lock:
        record = records.blank(state, None)
        changes, roles, comment = records.check(state, record, body, creating=True)
        record["id"] = state.next_id("release")
        for field in records.DESCRIPTIVE:
            record[field]["release"]["id"] = record["id"]
        record["created_time"] = records.dates.date_time(records.dates.now_ms())
        records.write(state, record, changes, roles, user)
        state.add(record)
        history.created(state, record, user, comment)
        return ok({"release": copy.deepcopy(record)})


@routes.get("/releases/{release_id}", tags=[TAG])
async def get_release(request: Request):
    state, _user = authorized(request)
    with state.lock:
        return ok({"release": copy.deepcopy(existing(state, release_id(request)))})


@routes.put("/releases/{release_id}", tags=[TAG])
async def edit_release(request: Request):
    state, user = authorized(request)
    body = release_body(await input_data(request))
    with state.lock:
        record = live(state, release_id(request))
        changes, roles, comment = records.check(state, record, body, creating=False)
        old_title = record["title"]
        diff, role_diff = records.write(state, record, changes, roles, user)
        state.retitle(record, old_title)
        history.updated(state, record, user, diff, role_diff, comment)
        return ok({"release": copy.deepcopy(record)})
