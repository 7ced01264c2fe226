# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Environment health checks: environments by name or id, results, history and current status."""

from __future__ import absolute_import, division, print_function
from __future__ import annotations

__metaclass__ = type

import datetime
import re

from ansible_collections.relops.itsm.plugins.module_utils.errors import ValidationError

HEALTH = {"unknown": 0, "online": 1, "offline": 2, "issue": 3}
HEALTH_NAMES = dict((v, k) for k, v in HEALTH.items())
_GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def utc_text(value, field):
    """A date or ISO 8601 date-time -> UTC ``YYYY-MM-DDTHH:MM:SS`` (a value without a zone is taken as UTC)."""
    if isinstance(value, datetime.datetime):
        parsed = value
    else:
        text = str(value).strip()
        if text.endswith("Z"):
            text = text[:-1] + "+00:00"
        try:
            parsed = datetime.datetime.fromisoformat(text)
        except ValueError:
            raise ValidationError("%s %r is not an ISO 8601 date or date-time, for example 2026-11-22T14:30:00Z"
                                  % (field, value))
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return parsed.strftime("%Y-%m-%dT%H:%M:%S")


def now_text():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")


class Environments:
    """Environment names and ids, read once per task."""

    def __init__(self, client):
        self.client = client
        self._all = None

    def all(self):
        if self._all is None:
            self._all = list(self.client.paged("/environments"))
        return self._all

    def resolve(self, value, field="environment"):
        """Return (id, name) for an environment name (case-insensitive) or id."""
        text = str(value or "").strip()
        if not text:
            raise ValidationError("%s is required" % field)
        for env in self.all():
            if env["id"].lower() == text.lower() or (env.get("name") or "").lower() == text.lower():
                return env["id"], env["name"]
        names = sorted(env["name"] for env in self.all())
        what = "id" if _GUID.match(text) else "name"
        raise ValidationError("%s %r matches no Plutora environment %s; valid names: %s"
                              % (field, text, what, ", ".join(names)))


class HealthChecks:
    """The vendor's three health-check endpoints."""

    def __init__(self, client):
        self.client = client

    def report(self, environment_id, test_name, health, executed_at, log=None, log_name=None):
        fields = {"environmentId": environment_id, "health": health, "testName": test_name,
                  "executionDate": executed_at}
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
