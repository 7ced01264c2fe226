#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: health_check
short_description: Report environment health-check results to Plutora
version_added: 0.1.0
description:
  - Records the result of a post-deployment check of an environment in Plutora's Health Check Dashboard
    (C(POST /environmentHealthCheck)), with an optional error log sent as the text attachment the vendor expects.
  - One task can report several results, for several environments or tests, with O(checks).
  - "Idempotent where it can be: a result is not recorded again when the environment already holds one that is
    identical: same test name, same execution time to the second (in UTC), same health and, when a log is given,
    the same log text. A result without O(executed_at) is stamped with the current time, so it is always new."
author:
  - Relops ITSM maintainers (@relops)
options:
  environment:
    description:
      - Environment name (case-insensitive) or id. Required unless every item of O(checks) names its environment.
    type: str
  test_name:
    description:
      - Name of the check, for example V(smoke) or V(db-connectivity). Results are kept per test.
    type: str
  health:
    description:
      - The result. Plutora stores these as 0 (unknown), 1 (online), 2 (offline) and 3 (issue).
    type: str
    choices: [unknown, online, offline, issue]
  executed_at:
    description:
      - When the check ran, as an ISO 8601 date-time. A value without a time zone is taken as UTC; one with a zone is
        converted to UTC, which is how Plutora stores it. Precision is one second.
      - Defaults to the time the task runs.
    type: str
  log:
    description:
      - Error log text to attach, for example the output of a failed check. Mutually exclusive with O(log_path).
    type: str
  log_path:
    description:
      - File whose text is attached as the error log. Its base name is the attachment's name.
    type: path
  checks:
    description:
      - Several results in one task. An option an item leaves out is taken from the task's own option of that name.
    type: list
    elements: dict
    suboptions:
      environment:
        description: Environment name or id; defaults to O(environment).
        type: str
      test_name:
        description: Name of the check; defaults to O(test_name).
        type: str
      health:
        description: The result; defaults to O(health).
        type: str
        choices: [unknown, online, offline, issue]
      executed_at:
        description: When the check ran (ISO 8601, UTC when no zone is given); defaults to O(executed_at), else now.
        type: str
      log:
        description: Error log text to attach; defaults to O(log).
        type: str
      log_path:
        description: File whose text is attached as the error log; defaults to O(log_path).
        type: path
extends_documentation_fragment:
  - relops.itsm.connection
  - relops.itsm.connection.attributes_write
  - relops.itsm.results
notes:
  - Requests per task - one to read the environments (names to ids), one history read per result that has
    O(executed_at) (to find an identical result), and one write per new result; plus a token request when the cached
    token has expired.
seealso:
  - module: relops.itsm.health_check_info
"""

EXAMPLES = r"""
- name: Record a passed smoke test
  relops.itsm.health_check:
    environment: Payments API - UAT
    test_name: smoke
    health: online

- name: Record a failed check with its log, at the time it ran
  relops.itsm.health_check:
    environment: Customer Portal - UAT
    test_name: login-journey
    health: issue
    executed_at: "2026-11-22T14:30:00Z"
    log: |
      GET /login -> 502 after 30 s
      retrying ... failed

- name: Several environments and tests in one task
  relops.itsm.health_check:
    health: online
    executed_at: "2026-11-22T15:00:00Z"
    checks:
      - environment: Payments API - UAT
        test_name: smoke
      - environment: Payments API - UAT
        test_name: db
      - environment: Auth Service - UAT
        test_name: smoke
        health: offline
"""

RETURN = r"""
results:
  description: One entry per result, in the order given, with what was (or, in check mode, would be) recorded.
  returned: always
  type: list
  elements: dict
  contains:
    environment_id:
      description: Id of the environment.
      type: str
      sample: 0d5b6f4e-3c1e-5b8a-9d2f-1a2b3c4d5e6f
    environment:
      description: Name of the environment.
      type: str
      sample: Payments API - UAT
    test_name:
      description: Name of the test.
      type: str
      sample: smoke
    health:
      description: The result as a name.
      type: str
      sample: online
    executed_at:
      description: Execution time in UTC, ISO 8601 with a C(Z), as O(executed_at) takes it.
      type: str
      sample: "2026-11-22T15:00:00Z"
    log_name:
      description: Name of the attached log, or null.
      type: str
      sample: smoke.log
    changed:
      description: Whether this result was (or would be) recorded; false when an identical result was already there.
      type: bool
      sample: true
    raw:
      description:
        - With O(raw=true), the record as Plutora returned it; absent in check mode and when nothing was recorded.
      type: dict
      sample: {"id": "5a0c1f0e-8d8e-4d44-b1c1-0e9f3f2d7a10", "health": 1, "healthStatus": "Online"}
api_calls:
  description: Number of HTTP requests the task made, token requests and retries included.
  returned: always
  type: int
  sample: 3
"""

import os

from ansible_collections.relops.itsm.plugins.module_utils.core.boundary import Module, run_module
from ansible_collections.relops.itsm.plugins.module_utils.core.errors import ConfigurationError
from ansible_collections.relops.itsm.plugins.module_utils.core.fields import RAW_OPTION
from ansible_collections.relops.itsm.plugins.module_utils.core.normalize import date_time, now_text, utc
from ansible_collections.relops.itsm.plugins.module_utils.plutora.connection import connect, connection_argument_spec
from ansible_collections.relops.itsm.plugins.module_utils.plutora.health import HEALTH, Environments, HealthChecks

FIELDS = ("environment", "test_name", "health", "executed_at", "log", "log_path")


def plan(params):
    """Merge the task's options into each check and validate every one before anything is sent."""
    items = params["checks"] if params["checks"] else [{}]
    merged = []
    for index, item in enumerate(items):
        where = "checks[%d]." % index if params["checks"] else ""
        check = dict((key, item.get(key) if item.get(key) is not None else params[key]) for key in FIELDS)
        for key in ("environment", "test_name", "health"):
            if check[key] in (None, ""):
                raise ConfigurationError("%s%s is required" % (where, key))
        if str(check["health"]).lower() not in HEALTH:
            raise ConfigurationError("%shealth %r is not valid; valid: %s" % (where, check["health"], ", ".join(HEALTH)))
        if check["log"] is not None and check["log_path"]:
            raise ConfigurationError("%slog and log_path are mutually exclusive" % where)
        if check["log_path"]:
            path = check["log_path"]
            try:
                with open(path, "rb") as handle:
                    check["log"] = handle.read().decode("utf-8", "replace")
            except (IOError, OSError) as exc:
                raise ConfigurationError("%slog_path %s cannot be read: %s" % (where, check["log_path"], exc.strerror))
            check["log_name"] = os.path.basename(path)
        elif check["log"] is not None:
            check["log_name"] = "%s.log" % check["test_name"]
        check["explicit_time"] = check["executed_at"] is not None
        check["executed_at"] = date_time(check["executed_at"], where + "executed_at") if check["explicit_time"] else now_text()
        check["health"] = str(check["health"]).lower()
        check["where"] = where
        merged.append(check)
    return merged


def identical(existing, check):
    if existing.get("testName") != check["test_name"] or existing.get("executionDate") != check["executed_at"]:
        return False
    if existing.get("health") != HEALTH[check["health"]]:
        return False
    return check["log"] is None or (existing.get("logFile") or "") == check["log"]


def run(module, client):
    checks = plan(module.params)
    environments = Environments(client)
    health = HealthChecks(client)
    # Every environment is resolved before the first result is written, so a bad name writes nothing.
    for check in checks:
        check["environment_id"], check["environment_name"] = environments.resolve(check["environment"],
                                                                                  check["where"] + "environment")
    results, diffs = [], []
    for check in checks:
        env_id, env_name = check["environment_id"], check["environment_name"]
        before = None
        exists = False
        if check["explicit_time"]:
            same_second = health.history(env_id, check["executed_at"], check["executed_at"])
            exists = any(identical(record, check) for record in same_second)
            matches = [r for r in same_second if r.get("testName") == check["test_name"]]
            before = matches[-1] if matches else None
        result = {"environment_id": env_id, "environment": env_name, "test_name": check["test_name"],
                  "health": check["health"], "executed_at": utc(check["executed_at"]),
                  "log_name": check.get("log_name"), "changed": not exists}
        if not exists:
            if not module.check_mode:
                recorded = health.report(env_id, check["test_name"], HEALTH[check["health"]],
                                         check["executed_at"], check["log"], check.get("log_name"))
                if module.params["raw"]:
                    result["raw"] = recorded
            label = "%s / %s @ %s" % (env_name, check["test_name"], utc(check["executed_at"]))
            diffs.append({"before_header": label, "after_header": label,
                          "before": {"health": (before or {}).get("healthStatus", "").lower() or None} if before else {},
                          "after": {"health": check["health"], "log_name": check.get("log_name")}})
        results.append(result)
    outcome = {"changed": any(r["changed"] for r in results), "results": results}
    if module._diff and diffs:
        outcome["diff"] = diffs
    return outcome


def main():
    fields = dict(
        environment=dict(type="str"),
        test_name=dict(type="str"),
        health=dict(type="str", choices=sorted(HEALTH, key=HEALTH.get)),
        executed_at=dict(type="str"),
        log=dict(type="str"),
        log_path=dict(type="path"),
    )
    argument_spec = dict(fields, checks=dict(type="list", elements="dict", options=fields,
                                             mutually_exclusive=[("log", "log_path")]))
    argument_spec.update(RAW_OPTION)
    argument_spec.update(connection_argument_spec())
    module = Module(argument_spec=argument_spec, supports_check_mode=True,
                    mutually_exclusive=[("log", "log_path")])
    run_module(module, connect, run)


if __name__ == "__main__":
    main()
