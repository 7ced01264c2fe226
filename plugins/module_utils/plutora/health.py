# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Environment health checks: environments by name or id, results, history and current status."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.relops.itsm.plugins.module_utils.core.errors import ServerError, TransportError, ValidationError
from ansible_collections.relops.itsm.plugins.module_utils.core.fields import Field, FieldTable
from ansible_collections.relops.itsm.plugins.module_utils.core.lookup import field, match_one
from ansible_collections.relops.itsm.plugins.module_utils.core.normalize import GUID

HEALTH = {"unknown": 0, "online": 1, "offline": 2, "issue": 3}
_MISSING = "%(option)s %(value)r matches no %(what)s; valid names: %(valid)s"
_HEALTH_NAMES = dict((number, name) for name, number in HEALTH.items())


def health_name(value):
    """The vendor's 0-3 as the health_check module's ``health`` choice; null when there is no result."""
    return _HEALTH_NAMES.get(value) if isinstance(value, int) and not isinstance(value, bool) else None


# A health-check result in the health_check module's option names (history, and each test of a current status).
RESULT = FieldTable("health check result", [
    Field(None, "id", shown_as="id"),
    Field(None, "environmentId", shown_as="environment_id"),
    Field("environment", "environment"),
    Field("test_name", "testName"),
    Field("health", "health", read=health_name),
    Field("executed_at", "executionDate", compare="date"),
    Field(None, "logFileName", shown_as="log_name"),
    Field("log", "logFile"),
])
# An environment's current status: its newest result, and each test's (``tests``).
STATUS = FieldTable("environment health", [
    Field(None, "environmentId", shown_as="environment_id"),
    Field("environment", "environment"),
    Field("health", "health", read=health_name),
    Field("executed_at", "lastExecutionDate", compare="date"),
])


def result_options(record):
    """A health-check result as the health_check module names its options; fields the record lacks (a current
    status's tests carry only test, health and time) are left out."""
    return RESULT.to_options(record, only_present=True)


def status_options(record):
    """An environment's current status in option names, each of its tests as a result (``tests``)."""
    result = STATUS.to_options(record)
    result["tests"] = [result_options(test) for test in record.get("tests") or []]
    return result


class Environments:
    """Environment names and ids, read once per task."""

    def __init__(self, client):
        self.client = client
        self._all = None

    def all(self):
        if self._all is None:
            self._all = list(self.client.paged("/environments"))
        return self._all

    def resolve(self, value, option="environment"):
        """Return (id, name) for an environment name (case-insensitive) or id."""
        text = str(value or "").strip()
        if not text:
            raise ValidationError("%s is required" % option)
        what = "Plutora environment %s" % ("id" if GUID.match(text) else "name")
        env = match_one(self.all(), text, option, what, [field("name")], missing=_MISSING)
        return env["id"], env["name"]


class HealthChecks:
    """The vendor's three health-check endpoints."""

    def __init__(self, client):
        self.client = client

    def report(self, environment_id, test_name, health, executed_at, log=None, log_name=None):
        """Record one result. An answer lost after the server may have acted is settled by reading that second's
        history (test name, time and health are a result's identity): found, it is not sent again; not found, it is
        sent once more."""
        fields = {"environmentId": environment_id, "health": health, "testName": test_name,
                  "executionDate": executed_at}
        for attempt in (0, 1):
            try:
                return self._post(fields, log, log_name)
            except (TransportError, ServerError) as exc:
                if isinstance(exc, TransportError) and not exc.maybe_sent:
                    raise
                landed = [r for r in self.history(environment_id, executed_at, executed_at)
                          if r.get("testName") == test_name and r.get("health") == health]
                if landed:
                    return landed[-1]
                if attempt:
                    exc.message += (" Reading the environment's history afterwards found no such result, so it was "
                                    "not recorded; run the task again.")
                    raise exc
        return None

    def _post(self, fields, log, log_name):
        if log is None:
            body = self.client.request("POST", "/environmentHealthCheck", json=fields).body
        else:
            files = {"logFile": (log_name or "log.txt", log.encode("utf-8"), "text/plain")}
            form = dict((k, str(v)) for k, v in fields.items())
            body = self.client.request("POST", "/environmentHealthCheck", data=form, files=files).body
        return (body or {}).get("Data") if isinstance(body, dict) else None

    def history(self, environment_id, since, until):
        body = self.client.request("POST", "/environmentHealthCheck/FullHistory", idempotent=True, json={
            "environmentId": environment_id, "startDate": since, "endDate": until}).body
        return body or []

    def current(self, environment_ids):
        body = self.client.request("POST", "/environmentHealthCheck/CurrentStatus", idempotent=True,
                                   json={"environmentIds": list(environment_ids)}).body
        return body or []
