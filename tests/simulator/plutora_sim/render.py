# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""How the Plutora API answers in general: error bodies, lists and pages, GET filters and searches."""

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


def search_reply(body, records, entity, fields):
    """The paged answer to a ``searchFilters`` body over ``records``, at most ``limit`` (default 10,000) of them."""
    if not isinstance(body, dict):
        raise invalid({"search": ["The body must be a search object."]})
    keys = sorted(set(fields) | (set(records[0]) if records else set()))
    found = search(records, body.get("searchFilters") or [], keys, entity)
    try:
        limit = int(body.get("limit") or DEFAULT_SEARCH_LIMIT)
    except (TypeError, ValueError):
        raise SimError(400, {"message": "limit must be a whole number."})
    return reply(page_of(found[:max(0, limit)], body.get("pageNum"), body.get("recordsPerPage")))
