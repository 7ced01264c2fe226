# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The built-in demo tenant. Ids are stable (uuid5 of kind and name) so tests and docs can rely on them.

``build_seed()`` returns the same structure that ``--data FILE`` and ``POST /_sim/load`` accept (README.md).
"""

import uuid

NAMESPACE = uuid.UUID("6f1d7c2e-2b1a-4c55-9a57-6c1f0d3e7a10")

CREDENTIALS = {
    "client_id": "RELOPSDEMOCLIENT0000000001",
    "client_secret": "SIMULATED-demo-client-secret-4f9a",
    "username": "release.manager@example.com",
    "password": "Simulated-Demo-Passw0rd!",
}


def sid(kind, name):
    return str(uuid.uuid5(NAMESPACE, "%s:%s" % (kind, name)))


LOOKUPS = {
    "ReleaseType": ["Major", "Minor", "Project", "HotFix", "Standard"],
    "ReleaseStatusType": ["Draft", "Screening", "Approved", "In Progress", "Deployed", "Completed", "Cancelled",
                          "Abandoned"],
    "ReleaseRiskLevel": ["Low", "Medium", "High"],
    "SystemRoleDependencyType": ["Code Implementation Dependency", "Interface Dependency", "Testing Dependency"],
    "ChangePriority": ["Low", "Medium Priority", "High Priority"],
    "ChangeStatus": ["Draft", "Submitted", "Approved", "In Progress", "Delivered", "Rejected"],
    "ChangeType": ["Defect Resolution", "Pull Request", "Enhancement", "Defect User Story"],
    "ChangeDeliveryRisk": ["Low", "Medium", "High Risk"],
    "ChangeTheme": ["Legislative", "Competitiveness", "Operational"],
    "EnvironmentStatus": ["Active", "Decommisioned", "Under Build/Config"],
    "UsedForWorkItem": ["Dev", "SIT", "UAT", "PRE-PROD", "PROD"],
    "StackLayer": ["Application", "Database", "Middleware", "Network", "Operating System"],
}
LOOKUP_DESCRIPTIONS = {
    "ReleaseType": "Release Type", "ReleaseStatusType": "Release Status", "ReleaseRiskLevel": "Release Risk Level",
    "SystemRoleDependencyType": "System Role Dependency Type", "ChangePriority": "Change Priority",
    "ChangeStatus": "Change Status", "ChangeType": "Change Type", "ChangeDeliveryRisk": "Change Delivery Risk",
    "ChangeTheme": "Change Theme", "EnvironmentStatus": "Environment Status", "UsedForWorkItem": "Used for WorkItemName",
    "StackLayer": "Stack Layer",
}
END_STATES = ("Completed", "Cancelled", "Abandoned")

SYSTEMS = ["Payments API", "Customer Portal", "Auth Service", "Data Warehouse", "Mobile App", "Notification Service",
           "Ledger Core", "Search Gateway"]
STAGES = ["Dev", "SIT", "UAT", "PROD"]

RELEASE_FIELDS = [
    ("Jira Epic", "FreeText", []),
    ("Story Points", "Number", []),
    ("Budget", "Decimal", []),
    ("Go-Live Date", "DatePicker", []),
    ("Change Window Start", "TimePicker", []),
    ("Approved At", "DateTimePicker", []),
    ("Deployment Method", "ListField", ["Blue/Green", "Canary", "Big Bang"]),
    ("Impacted Regions", "ListSelect", ["EMEA", "APAC", "Americas"]),
]

# identifier, name, type, status, risk, date, org, plutoraReleaseType, projectType, parent, manager
RELEASES = [
    ("REL-2026.12", "December 2026 enterprise release", "Major", "In Progress", "Medium", "2026-12-12T18:00:00",
     "Digital Banking", "Enterprise", "None", None, "release.manager@example.com"),
    ("PAY-4.2", "Payments API 4.2", "Minor", "Approved", "Low", "2026-12-10T20:00:00", "Payments", "Integrated",
     "NotIsProject", "REL-2026.12", "dev.lead@example.com"),
    ("PORTAL-7.0", "Customer Portal 7.0", "Major", "Screening", "High", "2026-12-11T20:00:00", "Digital Banking",
     "Integrated", "IsProject", "REL-2026.12", "release.manager@example.com"),
    ("AUTH-2.9", "Auth Service 2.9", "Minor", "Draft", "Medium", "2026-12-12T06:00:00", "Platform Engineering",
     "Integrated", "NotIsProject", "REL-2026.12", None),
    ("REL-2027.01", "January 2027 enterprise release", "Major", "Draft", "Medium", "2027-01-23T18:00:00",
     "Digital Banking", "Enterprise", "None", None, "release.manager@example.com"),
    ("DWH-3.1", "Data Warehouse 3.1", "Project", "Draft", "High", "2027-01-20T22:00:00", "Platform Engineering",
     "Independent", "IsProject", None, "ops.engineer@example.com"),
    ("MOB-12.4", "Mobile App 12.4", "Standard", "Approved", "Low", "2026-12-03T09:00:00", "Digital Banking",
     "Independent", "NotIsProject", None, "product.owner@example.com"),
    ("HOTFIX-1187", "Ledger rounding hotfix", "HotFix", "Deployed", "High", "2026-11-18T23:30:00", "Payments",
     "Independent", "NotIsProject", None, "dev.lead@example.com"),
    ("REL-2026.11", "November 2026 enterprise release", "Major", "Completed", "Medium", "2026-11-14T18:00:00",
     "Digital Banking", "Enterprise", "None", None, "release.manager@example.com"),
    ("NOTIF-1.8", "Notification Service 1.8", "Minor", "Completed", "Low", "2026-11-13T20:00:00",
     "Platform Engineering", "Integrated", "NotIsProject", "REL-2026.11", None),
    ("SEARCH-0.9", "Search Gateway beta", "Project", "Cancelled", "Medium", "2026-10-30T12:00:00",
     "Platform Engineering", "Independent", "IsProject", None, "qa.lead@example.com"),
    ("MOB-12.5", "Mobile App 12.5", "Standard", "Screening", "Low", "2027-02-04T09:00:00", "Digital Banking",
     "Independent", "NotIsProject", None, "product.owner@example.com"),
]


def build_seed():
    lookups = {}
    for kind, values in LOOKUPS.items():
        items = []
        for order, value in enumerate(values):
            item = {"id": sid(kind, value), "value": value, "sortOrder": order + 1, "type": kind}
            if kind == "ReleaseStatusType":
                item["isEndState"] = value in END_STATES
            items.append(item)
        lookups[kind] = items
    organizations = [{"id": sid("org", name), "name": name, "type": kind} for name, kind in (
        ("Acme Group", "Company"), ("Digital Banking", "Department"), ("Payments", "Department"),
        ("Platform Engineering", "Department"))]
    users = []
    for login, first, last in (("release.manager@example.com", "Riley", "Manager"),
                               ("dev.lead@example.com", "Devon", "Lead"),
                               ("qa.lead@example.com", "Quinn", "Assurance"),
                               ("ops.engineer@example.com", "Oakley", "Operations"),
                               ("change.manager@example.com", "Casey", "Change"),
                               ("product.owner@example.com", "Parker", "Owner")):
        users.append({"id": sid("user", login), "firstName": first, "lastName": last, "userName": login,
                      "roles": [{"id": sid("role", "API User"), "name": "API User", "description": "REST API access"}],
                      "phoneNumber": None, "status": "Active"})
    systems = []
    for index, name in enumerate(SYSTEMS):
        org = organizations[1 + index % 3]
        systems.append({"id": sid("system", name), "name": name, "vendor": "Acme", "status": "Active",
                        "organizationId": org["id"], "description": "%s, owned by %s" % (name, org["name"]),
                        "systemAlias": name.split()[0].upper()})
    environments = []
    for system in systems:
        for stage in STAGES:
            name = "%s - %s" % (system["name"], stage)
            environments.append({
                "id": sid("env", name), "name": name, "description": None,
                "url": "https://%s.%s.example.com" % (stage.lower(), system["systemAlias"].lower()),
                "vendor": "Acme", "linkedSystemId": system["id"], "environmentMgr": None,
                "usageWorkItemId": sid("UsedForWorkItem", stage),
                "environmentStatusId": sid("EnvironmentStatus", "Active"), "color": "#1f77b4",
                "isSharedEnvironment": False})
    fields = [{"id": sid("field", name), "name": name, "type": "Release", "dataType": data_type,
               "listItems": [{"id": sid("listitem", name + ":" + value), "value": value} for value in items]}
              for name, data_type, items in RELEASE_FIELDS]
    releases = []
    for ident, name, rtype, status, risk, date, org, prt, project, parent, manager in RELEASES:
        releases.append({
            "id": sid("release", ident), "identifier": ident, "name": name,
            "summary": "<div>%s</div>" % name, "releaseTypeId": sid("ReleaseType", rtype), "location": "",
            "releaseStatusTypeId": sid("ReleaseStatusType", status), "releaseRiskLevelId": sid("ReleaseRiskLevel", risk),
            "implementationDate": date, "displayColor": "#8FCD50", "organizationId": sid("org", org),
            "managerId": sid("user", manager) if manager else None,
            "parentReleaseId": sid("release", parent) if parent else None, "plutoraReleaseType": prt,
            "releaseProjectType": project, "lastModifiedDate": "2026-11-01T09:00:00"})
    release_systems = {
        sid("release", "PAY-4.2"): [{"systemId": sid("system", "Payments API"), "systemRoleType": "Impact",
                                     "systemRoleDependencyTypeId": sid("SystemRoleDependencyType",
                                                                       "Code Implementation Dependency"),
                                     "deploymentStatus": None}],
        sid("release", "PORTAL-7.0"): [
            {"systemId": sid("system", "Customer Portal"), "systemRoleType": "Impact",
             "systemRoleDependencyTypeId": sid("SystemRoleDependencyType", "Code Implementation Dependency"),
             "deploymentStatus": None},
            {"systemId": sid("system", "Auth Service"), "systemRoleType": "Impact",
             "systemRoleDependencyTypeId": sid("SystemRoleDependencyType", "Interface Dependency"),
             "deploymentStatus": None}],
        sid("release", "HOTFIX-1187"): [{"systemId": sid("system", "Ledger Core"), "systemRoleType": "Impact",
                                         "systemRoleDependencyTypeId": sid("SystemRoleDependencyType",
                                                                           "Code Implementation Dependency"),
                                         "deploymentStatus": "Completed"}],
    }
    additional_information = {
        sid("release", "REL-2026.12"): {sid("field", "Jira Epic"): {"text": "REL-1200"},
                                        sid("field", "Story Points"): {"number": 340},
                                        sid("field", "Deployment Method"): {
                                            "listItem": {"id": sid("listitem", "Deployment Method:Blue/Green")}}},
    }
    changes = []
    statuses, types = LOOKUPS["ChangeStatus"], LOOKUPS["ChangeType"]
    topics = ["login timeout", "card tokenisation", "statement export", "push opt-in", "ledger rounding",
              "search ranking", "password reset", "fee calculation", "audit trail", "session refresh"]
    for number in range(1, 31):
        topic = topics[number % len(topics)]
        changes.append({
            "id": sid("change", str(number)), "changeId": number, "name": "CHG-%03d %s" % (number, topic),
            "changePriorityId": sid("ChangePriority", LOOKUPS["ChangePriority"][number % 3]),
            "changeStatusId": sid("ChangeStatus", statuses[number % len(statuses)]),
            "changeTypeId": sid("ChangeType", types[number % len(types)]),
            "changeDeliveryRiskId": sid("ChangeDeliveryRisk", LOOKUPS["ChangeDeliveryRisk"][number % 3]),
            "changeThemeId": sid("ChangeTheme", LOOKUPS["ChangeTheme"][number % 3]),
            "organizationId": organizations[1 + number % 3]["id"],
            "raisedById": users[number % len(users)]["id"], "raisedDate": "2026-10-%02dT10:00:00" % (number % 28 + 1),
            "assignedToId": users[(number + 1) % len(users)]["id"], "businessValueScore": (number * 37) % 101,
            "expectedDeliveryDate": "2026-12-%02dT00:00:00" % (number % 28 + 1),
            "description": "<p>Fix %s</p>" % topic, "descriptionSimple": "Fix %s" % topic,
            "lastModifiedDate": "2026-11-%02dT08:%02d:00" % (number % 20 + 1, number),
            "lastModifiedBy": users[number % len(users)]["userName"]})
    health = []
    for number, (env, test, value) in enumerate((("Payments API - UAT", "smoke", 1), ("Payments API - UAT", "db", 1),
                                                 ("Customer Portal - UAT", "smoke", 3),
                                                 ("Auth Service - PROD", "smoke", 1))):
        health.append({"id": sid("health", str(number)), "environmentId": sid("env", env), "testName": test,
                       "health": value, "executionDate": "2026-11-20T0%d:00:00" % (number + 1), "logFileName": None,
                       "logFile": None})
    return {"credentials": dict(CREDENTIALS), "lookups": lookups, "organizations": organizations, "users": users,
            "systems": systems, "environments": environments, "releaseFields": fields, "releases": releases,
            "releaseSystems": release_systems, "additionalInformation": additional_information, "changes": changes,
            "healthChecks": health}
