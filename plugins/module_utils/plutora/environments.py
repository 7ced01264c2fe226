# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Environments with their hosts and layers: the record API behind the ``relops.itsm.plutora`` inventory.

Plutora lists environments (``GET /environments``, filtered on the server) and gives an environment's hosts and
their layers only in the environment's own record (``GET /environments/{id}``); there is no list of all hosts. So a
tenant's hosts cost one request per page of environments plus one per environment kept by the filters.

``host_records`` returns plain records (no wire names) that the inventory plugin turns into hosts and groups.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import fnmatch

from ansible_collections.relops.itsm.plugins.module_utils.core.errors import ValidationError
from ansible_collections.relops.itsm.plugins.module_utils.core.lookup import choices_text
from ansible_collections.relops.itsm.plugins.module_utils.plutora.lookups import Lookups
from ansible_collections.relops.itsm.plugins.module_utils.plutora.releases import (  # the GET filter's literal
    IDENTIFIERS_PER_CALL,
    _quote as literal,
)

WILDCARDS = "*?["


class Selection:
    """What the inventory keeps: organisations, systems, statuses (names or ids) and environment name patterns
    (shell-style, case-insensitive; a pattern without wildcards is a name). Empty means no restriction."""

    def __init__(self, organizations=None, systems=None, statuses=None, environments=None):
        self.organizations = [v for v in organizations or [] if str(v).strip()]
        self.systems = [v for v in systems or [] if str(v).strip()]
        self.statuses = [v for v in statuses or [] if str(v).strip()]
        self.environments = [str(v).strip() for v in environments or [] if str(v).strip()]


def _or_terms(field, values):
    """`field` = `a` or `field` = `b` ... in parentheses; None when the server cannot be asked for them all."""
    values = sorted(set(v for v in values if "`" not in v), key=lambda v: v.lower())
    if not values or len(values) > IDENTIFIERS_PER_CALL:
        return None
    return "( %s )" % " or ".join("`%s` Equals %s" % (field, literal(v)) for v in values)


def environment_filter(system_names=None, statuses=None, names=None):
    """The GET ``filter`` that asks the server for what it can select (every other check is made here too)."""
    terms = [_or_terms(f, v) for f, v in (("linkedSystem", system_names), ("status", statuses), ("name", names)) if v]
    return " and ".join(t for t in terms if t) or None


class EnvironmentRecords:
    """Reads environments and their hosts; names of organisations, systems and statuses go through ``Lookups``."""

    def __init__(self, client, lookups=None):
        self.client = client
        self.lookups = lookups or Lookups(client)

    def listed(self, filter_text=None):
        """Environment list items, every page."""
        return list(self.client.paged("/environments", {"filter": filter_text} if filter_text else None))

    def read(self, environment_id):
        """One environment with ``hosts[].layers[]``."""
        return self.client.get("/environments/%s" % environment_id) or {}

    # ------------------------------------------------------------------ names -> records
    def _systems(self, selection):
        """The systems the selection allows (by id), or None for any; a name naming nothing is refused."""
        allowed = None
        if selection.organizations:
            orgs = set(self.lookups.organization(v, "organizations")["id"].lower() for v in selection.organizations)
            allowed = set(s["id"].lower() for s in self.lookups.systems()
                          if str(s.get("organizationId") or "").lower() in orgs)
        if selection.systems:
            named = set(self.lookups.system(v, "systems")["id"].lower() for v in selection.systems)
            allowed = named if allowed is None else allowed & named
        return allowed

    def host_records(self, selection):
        """Every host of the selected environments: ``{name, id, environment, system, layers}`` records."""
        system_ids = self._systems(selection)
        if system_ids is not None and not system_ids:
            return []
        statuses = [self.lookups.value("EnvironmentStatus", v, "statuses")["value"] for v in selection.statuses]
        systems = dict((s["id"].lower(), s) for s in self.lookups.systems())
        exact = [p for p in selection.environments if not any(c in p for c in WILDCARDS)]
        names = exact if len(exact) == len(selection.environments) else None
        system_names = sorted(set(systems[i]["name"] for i in system_ids if i in systems)) \
            if system_ids is not None else None
        listed = self.listed(environment_filter(system_names, statuses, names))
        # What the server was asked is checked here too: a field with too many names for one filter was not sent.
        wanted_statuses = set(s.lower() for s in statuses)
        wanted_systems = set(n.lower() for n in system_names) if system_names is not None else None
        kept, unmatched = [], list(selection.environments)
        for env in listed:
            if wanted_statuses and str(env.get("status") or "").lower() not in wanted_statuses:
                continue
            if wanted_systems is not None and str(env.get("linkedSystem") or "").lower() not in wanted_systems:
                continue
            name = str(env.get("name") or "").lower()
            hits = [p for p in selection.environments if fnmatch.fnmatchcase(name, p.lower())]
            if selection.environments and not hits:
                continue
            unmatched = [p for p in unmatched if p not in hits]
            kept.append(env)
        if unmatched:
            raise ValidationError(
                "environments %s match%s no Plutora environment%s; environments there: %s"
                % (", ".join(repr(p) for p in unmatched), "es" if len(unmatched) == 1 else "",
                   " of the selected systems and statuses" if system_ids is not None or statuses else "",
                   choices_text(e.get("name") for e in listed) if len(listed) <= 50 else "%d, too many to list"
                   % len(listed)))
        records = []
        for env in kept:
            full = self.read(env["id"])
            system = systems.get(str(full.get("linkedSystemId") or "").lower())
            if system_ids is not None and (system is None or system["id"].lower() not in system_ids):
                continue  # a system of the same name as a selected one
            records.extend(self._hosts(full, env, system))
        return records

    def _hosts(self, full, listed, system):
        organization = None
        if system and system.get("organizationId"):
            try:
                organization = self.lookups.organization(system["organizationId"])["name"]
            except ValidationError:
                organization = None
        environment = {"id": full.get("id") or listed.get("id"), "name": full.get("name") or listed.get("name"),
                       "status": full.get("environmentStatus") or listed.get("status"),
                       "url": full.get("url"), "usage": full.get("usageWorkItem") or listed.get("usageWorkItem"),
                       "vendor": full.get("vendor"), "color": full.get("color"),
                       "shared": full.get("isSharedEnvironment"), "description": full.get("description")}
        system_record = {"id": full.get("linkedSystemId"), "name": full.get("linkedSystem") or listed.get("linkedSystem"),
                         "organization": organization}
        hosts = []
        for host in full.get("hosts") or []:
            layers = [{"id": layer.get("id"), "component": layer.get("componentName"), "version": layer.get("version"),
                       "stack_layer": layer.get("stackLayer"), "stack_layer_type": layer.get("stackLayerType")}
                      for layer in host.get("layers") or []]
            hosts.append({"name": host.get("name"), "id": host.get("id"), "environment": environment,
                          "system": system_record, "layers": layers})
        return hosts
