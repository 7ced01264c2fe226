# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""How the Plutora API answers in general: error bodies, lists and pages, GET filters and searches."""

import json

from sim_core.web import SimError, reply

from .filters import parse_filter, search
from .rules import DENIED, query

MAX_PAGE = 100
DEFAULT_SEARCH_LIMIT = 10000


def invalid(model_state, message="The request is invalid."):
    return SimError(400, {"message": message, "modelState": model_state})


def not_found():
    # A well-formed id that matches nothing: the vendor's 404 carries no body (plutora-api.md 6.1).
    return SimError(404, None)


def mismatched_id():
    return SimError(400, {"message": "The id in the body does not match the id in the URL."})


async def filter_error(_request, exc):
    """The exception handler for ``filters.FilterError``: the vendor's 500 for unknown fields, else a 400."""
    if exc.status == 500:
        return reply({"message": "An error has occurred.", "exceptionMessage": exc.message,
                      "exceptionType": "System.ArgumentException"}, 500)
    return reply({"message": exc.message}, exc.status)


def error_body(kind, state):
    """The core's ``error_body`` hook: Plutora's bodies for the answers the middleware makes."""
    if kind == "forbidden":
        return DENIED
    if kind == "throttled":
        return {"message": "API calls quota exceeded! maximum admitted %d per 1h." % state.config.rate_limit}
    return {"message": "Injected fault."}


def unrouted_body(status, method, url, _state):
    """The core's ``unrouted_body`` hook: what ASP.NET Web API answers when no route has the path or the method."""
    if status == 405:
        return {"message": "The requested resource does not support http method '%s'." % method}
    return {"message": "No HTTP resource was found that matches the request URI '%s'." % url}


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


def filtered(request, items, entity, fields):
    """The items the GET ``filter`` keeps; ``fields`` (and the items' own keys) are what it may name."""
    text = query(request, "filter")
    if not text:
        return items
    keys = set(fields) | (set(items[0]) if items else set())
    predicate = parse_filter(text, sorted(keys), entity)
    return [item for item in items if predicate(item)]


class View:
    """A record as a filter or search sees it: ``derive(raw, key)`` works a field out only when it is read."""

    __slots__ = ("raw", "derive")

    def __init__(self, raw, derive):
        self.raw = raw
        self.derive = derive

    def get(self, key):
        return self.derive(self.raw, key)


def listing_of(request, records, render):
    """``listing`` over stored records, rendering only the ones the answer holds (a page, or all without pageNum)."""
    page = query(request, "pageNum")
    if page is None:
        return reply([render(r) for r in records])
    result = page_of(records, page, query(request, "recordsPerPage"))
    result["resultSet"] = [render(r) for r in result["resultSet"]]
    return reply(result)


def filter_keys(records, render, fields):
    """What a filter may name: ``fields`` and the keys of a rendered record (the first one, as the vendor's type)."""
    return sorted(set(fields) | (set(render(records[0])) if records else set()))


def filtered_records(state, text, entity, collection, derive, render, fields):
    """The records of ``collection`` the GET ``filter`` ``text`` keeps, in order; it sees them as ``render`` would
    show them (fields worked out by ``derive`` only when the filter names them); kept until a write."""
    records = state.data[collection]

    def build():
        predicate = parse_filter(text, filter_keys(records, render, fields), entity)
        return [r for r in records if predicate(View(r, derive))]
    return state.cached(("filter", entity, text), build, collection)


def search_paging(body, name, alias):
    """A search body's paging value under the vendor's name, or else under the name of its search documentation
    (``Page``, ``PageSize`` in PascalCase; camelCase once read): both must agree when both are sent."""
    value, other = body.get(name), body.get(alias)
    if value in (None, ""):
        return other
    if other not in (None, "") and str(other) != str(value):
        raise invalid({name: ["%s and %s differ; send one of them." % (name, alias)]})
    return value


def search_reply(state, body, entity, collection, derive, render, fields):
    """The paged answer to a ``searchFilters`` body over ``records``, at most ``limit`` (default 10,000) of them.

    The filters see each record as ``render`` shows it (fields worked out by ``derive`` when read); the sorted
    result is kept until a write, so paging through it costs one page's rendering a page.
    """
    if not isinstance(body, dict):
        raise invalid({"search": ["The body must be a search object."]})
    filters = body.get("searchFilters") or []
    records = state.data[collection]

    def build():
        views = search([View(r, derive) for r in records], filters, filter_keys(records, render, fields), entity)
        return [view.raw for view in views]
    found = state.cached(("search", entity, json.dumps(filters, sort_keys=True)), build, collection)
    try:
        limit = int(body.get("limit") or DEFAULT_SEARCH_LIMIT)
    except (TypeError, ValueError):
        raise SimError(400, {"message": "limit must be a whole number."})
    result = page_of(found[:max(0, limit)], search_paging(body, "pageNum", "page"),
                     search_paging(body, "recordsPerPage", "pageSize"))
    result["resultSet"] = [render(r) for r in result["resultSet"]]
    return reply(result)
