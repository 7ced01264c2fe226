# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The tenant's directory: lookup fields, organisations (and their tree), users."""

from fastapi import Request

from sim_core.web import Routes, reply

from .render import filtered, listing, not_found
from .rules import authorized

routes = Routes()
# The fields a GET filter may name, per entity (an unknown one is the vendor's 500).
ORGANIZATION_FIELDS = ("id", "name", "type")
USER_FIELDS = ("id", "firstName", "lastName", "userName", "roles", "phoneNumber", "status")


@routes.get("/lookupfields", tags=["LookupFields"])
async def lookup_types(request: Request):
    state = authorized(request)
    descriptions = state.data.get("lookupDescriptions") or {}
    return reply([{"name": k, "description": descriptions.get(k, k)} for k in state.data["lookups"]])


@routes.get("/lookupfields/{kind}", tags=["LookupFields"])
async def lookup_values(kind: str, request: Request):
    state = authorized(request)
    for name, items in state.data["lookups"].items():
        if name.lower() == kind.lower():
            return reply(items)
    raise not_found()


@routes.get("/organizations", tags=["Organizations"])
async def organizations(request: Request):
    state = authorized(request)
    return listing(request, filtered(request, state.data["organizations"], "Organization", ORGANIZATION_FIELDS))


@routes.get("/organizations/tree", tags=["Organizations"])
async def organization_tree(request: Request):
    state = authorized(request)
    orgs = state.data["organizations"]
    root = dict(orgs[0])
    root["childs"] = [dict(o, childs=[]) for o in orgs[1:]]
    return reply(root)


@routes.get("/users", tags=["Users"])
async def users(request: Request):
    state = authorized(request)
    return listing(request, filtered(request, state.data["users"], "User", USER_FIELDS))
