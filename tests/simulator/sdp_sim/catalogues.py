# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The lookup catalogues SDP answers live (sdp-api.md section 9, item 11): ``GET /priorities`` ... from the seed,
paged with ``list_info`` like the release list; ``/groups`` and ``/change_risks`` stay 404 "Invalid URL" (as seen
live), and so does every catalogue not listed here (release templates, stages and statuses have none)."""

import copy

from fastapi import Request

from .auth import authorized
from .catalog import PRIVATE
from .envelope import ApiRoutes, failed, input_data, ok
from .listing import DEFAULT_ROWS, whole

routes = ApiRoutes()
TAG = "Catalogues"


def _lookup(key):
    return lambda data: data["lookups"].get(key, [])


def _technicians(data):
    ids = {t["user"] for t in data["technicians"]}
    return [u for u in data["users"] if u["id"] in ids]


def _departments(data):
    seen = {}
    for user in data["users"]:
        department = user.get("department")
        if department and department.get("id") not in seen:
            seen[department["id"]] = {"id": department["id"], "name": department["name"]}
    return sorted(seen.values(), key=lambda d: int(d["id"]))


# path (= the answer's root key) -> (the seed's items, their private keys' collection)
CATALOGUES = {
    "priorities": (_lookup("priorities"), "priorities"),
    "urgencies": (_lookup("urgencies"), "urgencies"),
    "categories": (_lookup("categories"), "categories"),
    "subcategories": (_lookup("subcategories"), None),  # live answers show the parent category
    "items": (_lookup("items"), None),  # ... and the parent subcategory
    "sites": (_lookup("sites"), "sites"),
    "change_types": (_lookup("release_types"), "release_types"),  # chosen: the seed's release types
    "closure_codes": (_lookup("closure_codes"), "closure_codes"),
    "technicians": (_technicians, "users"),  # chosen: the seed users who are technicians
    "requesters": (lambda data: data["users"], "users"),  # chosen: every seed user
    "departments": (_departments, "departments"),  # chosen: the departments the seed's users show
}


def read_paging(data):
    extra = sorted(set(data) - {"list_info"})
    if extra:
        raise failed(4000, "Extra key found in JSON: %s" % extra[0], field=extra[0], http=400)
    info = data.get("list_info") or {}
    if not isinstance(info, dict):
        raise failed(4021, "list_info must be an object", field="list_info")
    rows = whole(info, "row_count", DEFAULT_ROWS, 1)
    start = max(1, whole(info, "start_index", 1, 0))  # 0 means the first row, as for releases (9.10)
    if "page" in info:
        start = (whole(info, "page", 1, 1) - 1) * rows + 1
    total = info.get("get_total_count", False)
    return rows, start, total is True or str(total).lower() == "true"


def catalogue_route(path, items_of, private_of):
    @routes.get("/" + path, tags=[TAG], name="list_" + path)
    async def list_catalogue(request: Request):
        state, _user = authorized(request)
        rows, start, total = read_paging(await input_data(request))
        rows = min(rows, state.config.max_row_count)
        with state.lock:
            found = items_of(state.data)
            chunk = [copy.deepcopy(i) for i in found[start - 1:start - 1 + rows]]
        for item in chunk:
            for private in PRIVATE.get(private_of, ()):
                item.pop(private, None)
        info = {"has_more_rows": len(found) > start - 1 + rows, "start_index": start, "row_count": len(chunk)}
        if total:
            info["total_count"] = len(found)
        return ok({path: chunk, "list_info": info}, array=True)
    return list_catalogue


for _path, (_items, _private) in CATALOGUES.items():
    catalogue_route(_path, _items, _private)
