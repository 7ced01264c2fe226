# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: plutora
short_description: Hosts of Plutora environments as an Ansible inventory
version_added: 0.1.0
description:
  - Reads the hosts that Plutora (Release & Verify) records under its environments, with their stack layers, and
    makes them inventory hosts, grouped by environment, by system and by environment status.
  - Every host gets host variables from Plutora (see the C(plutora_*) variables below); C(compose), C(groups) and
    C(keyed_groups) work as in other inventory plugins.
  - Organisations, systems, statuses and exact environment names are sent to Plutora as the environment list's
    C(filter); patterns with wildcards are matched here. Every page of environments is read, then each kept
    environment once (Plutora gives an environment's hosts only in its own record).
  - The connection options are the modules' (same names and E(PLUTORA_*) variables), and the plugin shares the
    modules' token cache, so an inventory and the tasks that follow cost one login together.
  - "Host variables set: C(plutora_host_id), C(plutora_environment), C(plutora_environment_id),
    C(plutora_environment_status), C(plutora_environment_url), C(plutora_environment_usage), C(plutora_system),
    C(plutora_system_id), C(plutora_organization), C(plutora_layers) (a list of C(id), C(component), C(version),
    C(stack_layer), C(stack_layer_type)), C(plutora_components) (component name to version) and
    C(plutora_environments) (every environment that lists the host)."
  - "Groups made: C(environment_<name>), C(system_<name>) and C(status_<name>), each name in lower case with every
    run of other characters than letters and digits made one C(_) (C(Payments API - UAT) is
    C(environment_payments_api_uat))."
  - A host that several environments list (by the same name) is one inventory host in each of their groups; its
    other variables come from the first environment read.
author:
  - Relops ITSM maintainers (@relops)
extends_documentation_fragment:
  - relops.itsm.connection
  - relops.itsm.plugin_connection
  - constructed
  - inventory_cache
options:
  plugin:
    description: Marks the file as this plugin's configuration.
    required: true
    type: str
    choices: [relops.itsm.plutora]
  organizations:
    description:
      - Keep the environments of systems that belong to these organisations (names or ids).
      - A name that names no organisation is an error that lists the valid ones.
    type: list
    elements: str
    default: []
  systems:
    description:
      - Keep the environments linked to these systems (names or ids). Combined with O(organizations), a system
        must be in both.
      - A name that names no system is an error that lists the valid ones.
    type: list
    elements: str
    default: []
  statuses:
    description:
      - Keep the environments with these statuses (the C(EnvironmentStatus) lookup, for example V(Active)).
      - A status that Plutora does not have is an error that lists the valid ones.
    type: list
    elements: str
    default: []
  environments:
    description:
      - Keep the environments whose name matches one of these shell-style patterns (V(Payments API - *)),
        case-insensitively; a name without wildcards is sent to Plutora as a filter.
      - A pattern that matches no environment is an error.
    type: list
    elements: str
    default: []
  strict:
    description:
      - As for other inventory plugins, V(true) makes a C(compose), C(groups) or C(keyed_groups) expression that
        fails an error.
      - With V(false), a tenant that cannot be reached (no answer, a server error, throttling) gives an empty
        inventory and a warning instead of an error. Wrong credentials and bad options are errors either way.
notes:
  - The configuration file's name must end in C(plutora.yml) or C(plutora.yaml).
  - Inventory plugins read no play or host variables, so the connection comes from the configuration file, the
    E(PLUTORA_*) environment variables, the C([relops.itsm.plutora]) section of C(ansible.cfg), or extra variables
    (C(-e plutora_region=uk)).
"""

EXAMPLES = r"""
# plutora.yml: the hosts of every active environment of two systems, connection from PLUTORA_* variables
plugin: relops.itsm.plutora
systems: [Payments API, Ledger Core]
statuses: [Active]
keyed_groups:
  - key: plutora_environment_usage
    prefix: usage
compose:
  payments_version: plutora_components['payments-api'] | default(omit)
groups:
  databases: plutora_layers | selectattr('stack_layer', 'equalto', 'Database') | list | length > 0
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: ~/.cache/relops.itsm/inventory
cache_timeout: 600

# Another plutora.yml, for UAT environments only (by name pattern) of a UK tenant, would hold:
#   plugin: relops.itsm.plutora
#   region: uk
#   environments: ["* - UAT"]
"""

import os
import re

from ansible.errors import AnsibleParserError
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable

from ansible_collections.relops.itsm.plugins.module_utils.core.errors import (
    ApiError,
    ServerError,
    ThrottledError,
    TransportError,
)
from ansible_collections.relops.itsm.plugins.module_utils.plutora.connection import OPTIONS, connect
from ansible_collections.relops.itsm.plugins.module_utils.plutora.environments import EnvironmentRecords, Selection

UNREACHABLE = (TransportError, ServerError, ThrottledError)
FILTERS = ("organizations", "systems", "statuses", "environments")


def _drop_blank_variables():
    """A PLUTORA_* variable that is set but blank counts as unset, as for the modules (AWX injects a blank for an
    input left empty); Ansible's option reading would take the blank as the value (and refuse it as a region)."""
    for option in OPTIONS.values():
        value = os.environ.get(option.env)
        if value is not None and not value.strip():
            del os.environ[option.env]


def group_name(prefix, name):
    """``environment_payments_api_uat`` for ("environment", "Payments API - UAT")."""
    text = re.sub(r"[^a-z0-9]+", "_", str(name or "").lower()).strip("_")
    return "%s_%s" % (prefix, text or "none")


def host_vars(record):
    """The ``plutora_*`` variables of one host record."""
    env, system = record["environment"], record["system"]
    return {
        "plutora_host_id": record["id"],
        "plutora_environment": env["name"],
        "plutora_environment_id": env["id"],
        "plutora_environment_status": env["status"],
        "plutora_environment_url": env["url"],
        "plutora_environment_usage": env["usage"],
        "plutora_system": system["name"],
        "plutora_system_id": system["id"],
        "plutora_organization": system["organization"],
        "plutora_layers": record["layers"],
        "plutora_components": dict((x["component"], x["version"]) for x in record["layers"] if x["component"]),
        "plutora_environments": [env["name"]],
    }


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):
    NAME = "relops.itsm.plutora"

    def verify_file(self, path):
        return super(InventoryModule, self).verify_file(path) and path.endswith(("plutora.yml", "plutora.yaml"))

    def parse(self, inventory, loader, path, cache=True):
        super(InventoryModule, self).parse(inventory, loader, path, cache)
        _drop_blank_variables()
        config = self._read_config_data(path)
        unknown = sorted(set(config) - set(self._options))
        if unknown:
            raise AnsibleParserError("relops.itsm.plutora: %s: unknown option%s %s; valid options: %s"
                                     % (path, "s" if len(unknown) > 1 else "", ", ".join(unknown),
                                        ", ".join(sorted(self._options))))
        cache_key = self.get_cache_key(path)
        use_cache = self.get_option("cache") and cache
        update_cache = self.get_option("cache") and not cache
        records = None
        if use_cache:
            try:
                records = self._cache[cache_key]
            except KeyError:
                update_cache = True
        if records is None:
            records = self._read()
            if records is None:
                return  # not strict and the tenant unreachable: warned, nothing to add (and nothing cached)
        if update_cache:
            self._cache[cache_key] = records
        self._populate(records)

    def _params(self):
        """The connection options as the modules get them: an empty value counts as unset (AWX's blank inputs)."""
        params = {}
        for name in OPTIONS:
            value = self.get_option(name)
            params[name] = None if isinstance(value, str) and not value.strip() else value
        return params

    def _read(self):
        selection = Selection(**dict((name, self.get_option(name)) for name in FILTERS))
        client = None
        try:
            client = connect(self._params())
            records = EnvironmentRecords(client).host_records(selection)
        except UNREACHABLE as exc:
            if self.get_option("strict"):
                raise AnsibleParserError("relops.itsm.plutora: %s" % exc.message)
            self.display.warning("relops.itsm.plutora: %s The inventory is empty (strict: false)." % exc.message)
            return None
        except ApiError as exc:
            raise AnsibleParserError("relops.itsm.plutora: %s" % exc.message)
        finally:
            for warning in getattr(client, "warnings", None) or []:
                self.display.warning("relops.itsm.plutora: %s" % warning)
        self.display.vvv("relops.itsm.plutora: %d hosts in %d requests" % (len(records), client.calls))
        return records

    def _populate(self, records):
        strict = self.get_option("strict")
        seen = {}
        for record in records:
            name = record["name"]
            if not name:
                continue
            env, system = record["environment"], record["system"]
            if name in seen:
                if env["name"] not in seen[name]["plutora_environments"]:
                    seen[name]["plutora_environments"].append(env["name"])
            else:
                seen[name] = host_vars(record)
                self.inventory.add_host(name)
            for group in (group_name("environment", env["name"]), group_name("system", system["name"]),
                          group_name("status", env["status"])):
                self.inventory.add_group(group)
                self.inventory.add_child(group, name)
        for name, variables in seen.items():
            for key, value in variables.items():
                self.inventory.set_variable(name, key, value)
            self._set_composite_vars(self.get_option("compose"), variables, name, strict=strict)
            variables = self.inventory.get_host(name).get_vars()  # with what compose made
            self._add_host_to_composed_groups(self.get_option("groups"), variables, name, strict=strict)
            self._add_host_to_keyed_groups(self.get_option("keyed_groups"), variables, name, strict=strict)
