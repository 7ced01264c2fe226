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
    msg: "{{ all_health.statuses | rejectattr('healthStatus', 'in', ['Online', 'NoData'])
             | map(attribute='environment') | list }}"
"""

RETURN = r"""
statuses:
  description:
    - Current status of each environment in O(environments), in the order given; with neither O(environments) nor
      O(environment), of every environment, in the vendor's order of environments.
    - C(healthStatus) is C(NoData) (and C(health) null) for an environment with no result yet.
  returned: when O(environments) is given, or when neither O(environments) nor O(environment) is
  type: list
  elements: dict
  sample:
    - environmentId: 0d5b6f4e-3c1e-5b8a-9d2f-1a2b3c4d5e6f
      environment: Payments API - UAT
      health: 1
      healthStatus: Online
      lastExecutionDate: "2026-11-22T15:00:00"
      tests: [{"testName": "smoke", "health": 1, "healthStatus": "Online", "executionDate": "2026-11-22T15:00:00"}]
history:
  description: Results recorded for O(environment) in the window, oldest first, with their logs.
  returned: when O(environment) is given
  type: list
  elements: dict
  sample:
    - id: 5a0c1f0e-8d8e-4d44-b1c1-0e9f3f2d7a10
      testName: smoke
      health: 3
      healthStatus: Issue
      executionDate: "2026-11-22T14:30:00"
      logFileName: smoke.log
      logFile: "GET /login -> 502"
api_calls:
  description: Number of HTTP requests the task made, token requests and retries included.
  returned: always
  type: int
  sample: 2
"""

import datetime

from ansible_collections.relops.itsm.plugins.module_utils.core.boundary import Module, run_module
from ansible_collections.relops.itsm.plugins.module_utils.core.errors import ConfigurationError
from ansible_collections.relops.itsm.plugins.module_utils.core.normalize import date_time, now_text
from ansible_collections.relops.itsm.plugins.module_utils.plutora.connection import connect, connection_argument_spec
from ansible_collections.relops.itsm.plugins.module_utils.plutora.health import Environments, HealthChecks


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
    return result


def main():
    argument_spec = dict(
        environments=dict(type="list", elements="str"),
        environment=dict(type="str"),
        since=dict(type="str"),
        until=dict(type="str"),
    )
    argument_spec.update(connection_argument_spec())
    module = Module(argument_spec=argument_spec, supports_check_mode=True)
    run_module(module, connect, run)


if __name__ == "__main__":
    main()
