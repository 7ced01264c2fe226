#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: health_check_info
short_description: Read environment health from Plutora
version_added: 0.1.0
description:
  - Reads the current health status of one or more environments (C(POST /environmentHealthCheck/CurrentStatus)),
    and/or the full history of one environment between two dates (C(POST /environmentHealthCheck/FullHistory)).
  - With neither O(environments) nor O(environment), reads the current health of every environment, as the other
    C(_info) modules list everything when given no selector.
  - Never writes; C(changed) is always C(false).
author:
  - Relops ITSM maintainers (@relops)
options:
  environments:
    description:
      - Environments (names, case-insensitive, or ids) whose current status to read.
      - Leave out both this and O(environment) to read the current status of every environment. An empty list
        reads none (C(statuses) is empty).
    type: list
    elements: str
  environment:
    description:
      - Environment (name or id) whose history to read between O(since) and O(until).
    type: str
  since:
    description:
      - Start of the history window, an ISO 8601 date or date-time (UTC when no zone is given). Defaults to 7 days
        before O(until), the time a result stays valid on the vendor's dashboard.
    type: str
  until:
    description:
      - End of the history window (inclusive). Defaults to now.
    type: str
extends_documentation_fragment:
  - relops.itsm.connection
  - relops.itsm.connection.attributes_read
  - relops.itsm.results
seealso:
  - module: relops.itsm.health_check
"""

EXAMPLES = r"""
- name: Current health of the UAT environments
  relops.itsm.health_check_info:
    environments:
      - Payments API - UAT
      - Customer Portal - UAT
  register: uat

- name: Results of the last day for one environment
  relops.itsm.health_check_info:
    environment: Payments API - UAT
    since: "{{ '%Y-%m-%dT%H:%M:%SZ' | strftime(now(utc=true).timestamp() - 86400) }}"
  register: last_day

- name: Current health of every environment, and the ones that are not online
  relops.itsm.health_check_info: {}
  register: all_health

- name: Show the environments with a problem
  ansible.builtin.debug:
    msg: "{{ all_health.statuses | rejectattr('health', 'in', ['online', none])
             | map(attribute='environment') | list }}"
"""

RETURN = r"""
statuses:
  description:
    - Current status of each environment in O(environments), in the order given; with neither O(environments) nor
      O(environment), of every environment, in the vendor's order of environments.
    - In the option names of M(relops.itsm.health_check) - C(health) is its choice (V(unknown), V(online),
      V(offline), V(issue)), null for an environment with no result yet; times are UTC with a C(Z).
    - O(raw=true) adds each vendor record under C(raw).
  returned: when O(environments) is given, or when neither O(environments) nor O(environment) is
  type: list
  elements: dict
  contains:
    environment_id:
      description: Id of the environment.
      type: str
    environment:
      description: Name of the environment.
      type: str
    health:
      description: The newest result of any test, or null when there is none.
      type: str
    executed_at:
      description: When the newest result ran (UTC), or null.
      type: str
    tests:
      description: The newest result of each test, with C(test_name), C(health) and C(executed_at).
      type: list
      elements: dict
  sample:
    - environment_id: 0d5b6f4e-3c1e-5b8a-9d2f-1a2b3c4d5e6f
      environment: Payments API - UAT
      health: online
      executed_at: "2026-11-22T15:00:00Z"
      tests: [{"test_name": "smoke", "health": "online", "executed_at": "2026-11-22T15:00:00Z"}]
history:
  description:
    - Results recorded for O(environment) in the window, oldest first, with their logs, in the option names of
      M(relops.itsm.health_check) (C(log_name) is the attachment's name).
  returned: when O(environment) is given
  type: list
  elements: dict
  sample:
    - id: 5a0c1f0e-8d8e-4d44-b1c1-0e9f3f2d7a10
      environment_id: 0d5b6f4e-3c1e-5b8a-9d2f-1a2b3c4d5e6f
      environment: Payments API - UAT
      test_name: smoke
      health: issue
      executed_at: "2026-11-22T14:30:00Z"
      log_name: smoke.log
      log: "GET /login -> 502"
api_calls:
  description: Number of HTTP requests the task made, token requests and retries included.
  returned: always
  type: int
  sample: 2
"""

import datetime

from ansible_collections.relops.itsm.plugins.module_utils.core.boundary import Module, run_module
from ansible_collections.relops.itsm.plugins.module_utils.core.errors import ConfigurationError
from ansible_collections.relops.itsm.plugins.module_utils.core.fields import RAW_OPTION, shaped
from ansible_collections.relops.itsm.plugins.module_utils.core.normalize import date_time, now_text
from ansible_collections.relops.itsm.plugins.module_utils.plutora.connection import connect, connection_argument_spec
from ansible_collections.relops.itsm.plugins.module_utils.plutora.health import (
    Environments,
    HealthChecks,
    result_options,
    status_options,
)


def run(module, client):
    params = module.params
    if (params["since"] or params["until"]) and not params["environment"]:
        raise ConfigurationError("since and until need environment")
    until = date_time(params["until"], "until") if params["until"] else now_text()
    if params["since"]:
        since = date_time(params["since"], "since")
    else:
        since = (datetime.datetime.strptime(until, "%Y-%m-%dT%H:%M:%S")
                 - datetime.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M:%S")
    if since > until:
        raise ConfigurationError("since (%s) is after until (%s)" % (since, until))
    environments = Environments(client)
    checks = HealthChecks(client)
    result = {"changed": False}
    if params["environments"] is None and not params["environment"]:  # no selector: every environment
        ids = [env["id"] for env in environments.all()]
        result["statuses"] = checks.current(ids) if ids else []
    elif params["environments"] is not None:  # an empty list asks for no environment: no request
        ids = [environments.resolve(value, "environments[%d]" % index)[0]
               for index, value in enumerate(params["environments"])]
        result["statuses"] = checks.current(ids) if ids else []
    if params["environment"]:
        env_id = environments.resolve(params["environment"])[0]
        result["history"] = checks.history(env_id, since, until)
    if "statuses" in result:
        result["statuses"] = [shaped(r, status_options, params["raw"]) for r in result["statuses"]]
    if "history" in result:
        result["history"] = [shaped(r, result_options, params["raw"]) for r in result["history"]]
    return result


def main():
    argument_spec = dict(
        environments=dict(type="list", elements="str"),
        environment=dict(type="str"),
        since=dict(type="str"),
        until=dict(type="str"),
    )
    argument_spec.update(RAW_OPTION)
    argument_spec.update(connection_argument_spec())
    module = Module(argument_spec=argument_spec, supports_check_mode=True)
    run_module(module, connect, run)


if __name__ == "__main__":
    main()
