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
USER_GROUP_FIELDS = ("id", "groupName", "description")
# Every lookup type public clients read (QE's lookup-fields.js reads these 56): each answers 200 with its values,
# an empty list when the tenant has none; the seed's ``lookups`` may hold more.
KNOWN_TYPES = (
    "ActionType", "ActionStatus", "ActionsByType", "ActionsPriority", "BlockoutPeriodType", "BookingRequestStatus",
    "BookingRequestType", "CalendarEventPortfolio", "CalendarEventStatus", "CalendarEventType", "ChangeDeliveryRisk",
    "ChangePriority", "ChangeRequestStatus", "ChangeRequestType", "ChangeStatus", "ChangeTheme", "ChangeType",
    "DefectPriority", "DefectStatus", "DefectType", "DeploymentPlanGroupName", "DeploymentTo", "DeploymentType",
    "EnvironmentMapConnectivityType", "EnvironmentStatus", "EscapingDefectsByChangeType", "ExternalChangeType",
    "ExternalSystem", "ImpactType", "KPIMetricType", "MilestoneLookupField", "PhaseLookupField", "PIRCategory",
    "PIRItemStatus", "PIRItemSubCategory", "PIRItemType", "PIRStatus", "PIRTheme", "PIRType", "PMStatus", "PMType",
    "ReleaseApprovalWorkflowStatus", "ReleaseCapacityType", "ReleasePackage", "ReleaseRiskLevel", "ReleaseStatusType",
    "ReleaseType", "RequirementStatus", "RootCauseStatus", "RootCauseType", "StackLayer", "StakeholderRole",
    "SystemDependencyImpact", "SystemDeploymentType", "SystemRoleDependencyType", "UsedForWorkItem")


def type_names(state):
    """The seed's types in its order, then the known types it has no values of."""
    seeded = list(state.data["lookups"])
    held = {name.lower() for name in seeded}
    return seeded + [name for name in KNOWN_TYPES if name.lower() not in held]


@routes.get("/lookupfields", tags=["LookupFields"])
async def lookup_types(request: Request):
    state = authorized(request)
    descriptions = state.data.get("lookupDescriptions") or {}
    return reply([{"name": k, "description": descriptions.get(k, k)} for k in type_names(state)])


@routes.get("/lookupfields/{kind}", tags=["LookupFields"])
async def lookup_values(kind: str, request: Request):
    state = authorized(request)
    for name, items in state.data["lookups"].items():
        if name.lower() == kind.lower():
            return reply(items)
    if kind.lower() in {name.lower() for name in KNOWN_TYPES}:
        return reply([])
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


@routes.get("/users/usergroups", tags=["Users"])
async def user_groups(request: Request):
    """``[{id, groupName, description}]``; ``filter``, ``pageNum`` and ``recordsPerPage`` as on /users (QE users.js)."""
    state = authorized(request)
    return listing(request, filtered(request, state.data["userGroups"], "UserGroup", USER_GROUP_FIELDS))
