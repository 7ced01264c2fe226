# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Environment change requests (``/TECRs``), environment booking requests (``/TEBRs``) and bookings
(``/Bookings``): paged lists (the paged object even without ``pageNum``, as the 2025 capture of /Bookings shows)
with the GET ``filter``, and one record by id. One mechanism serves the three."""

from fastapi import Request

from sim_core.web import Routes, reply

from .render import filtered_records, not_found, page_of
from .rules import authorized, query

routes = Routes()


def _release_name(state, record):
    release = state.find("releases", record.get("releaseID"))
    return release["name"] if release else None


# path -> (collection, entity for filter errors, {derived field: how})
KINDS = {
    "tecrs": ("tecrs", "TECR", {
        "crType": lambda state, r: state.name_of("ChangeRequestType", r.get("crTypeID")),
        "crStatus": lambda state, r: state.name_of("ChangeRequestStatus", r.get("crStatusID")),
        "assignedTo": lambda state, r: state.user_name(r.get("userId")),
        "releaseName": _release_name}),
    "tebrs": ("tebrs", "TEBR", {
        "status": lambda state, r: state.name_of("BookingRequestStatus", r.get("statusID")),
        "type": lambda state, r: state.name_of("BookingRequestType", r.get("typeID")),
        "assignedTo": lambda state, r: state.user_name(r.get("assignedToID")),
        "isEnvironmentOnly": lambda _state, r: not r.get("releaseID")}),
    "bookings": ("bookings", "Booking", {}),
}


def render(state, path, record):
    shown = dict(record)
    shown.update((key, derive(state, record)) for key, derive in KINDS[path][2].items())
    return shown


def field(state, path, record, key):
    derive = KINDS[path][2].get(key)
    return derive(state, record) if derive else record.get(key)


def list_route(path):
    collection, entity, derived = KINDS[path]

    async def records(request: Request):
        state = authorized(request)
        found = state.data[collection]
        text = query(request, "filter")
        if text:
            found = filtered_records(state, text, entity, collection, lambda r, k: field(state, path, r, k),
                                     lambda r: render(state, path, r), tuple(derived))
        result = page_of(found, query(request, "pageNum"), query(request, "recordsPerPage"))
        result["resultSet"] = [render(state, path, r) for r in result["resultSet"]]
        return reply(result)
    records.__name__ = path
    return records


def one_route(path):
    collection = KINDS[path][0]

    async def record(record_id: str, request: Request):
        state = authorized(request)
        found = state.find(collection, record_id)
        if not found:
            raise not_found()
        return reply(render(state, path, found))
    record.__name__ = path[:-1]
    return record


for _path in KINDS:
    routes.get("/" + _path, tags=["Environment requests"])(list_route(_path))
    routes.get("/%s/{record_id}" % _path, tags=["Environment requests"])(one_route(_path))
