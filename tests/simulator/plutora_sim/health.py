# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Environment health checks: report a result (with its log file), read the history and the current status."""

import base64
import hashlib
import uuid

from fastapi import Request

from sim_core.web import Routes, SimError, reply

from .rules import authorized, now_text, read_body, utc_text

routes = Routes()
HEALTH_NAMES = {0: "Unknown", 1: "Online", 2: "Offline", 3: "Issue"}
PLAIN_JSON = "application/json"  # these endpoints answer without a charset


def health_error(message):
    return SimError(400, {"Messages": [message], "Data": None, "Status": "Failed"})


def render_health(state, record):
    env = state.find("environments", record["environmentId"])
    shown = {k: v for k, v in record.items() if k != "logFileBase64"}
    shown.setdefault("logFileSize", None)
    shown.setdefault("logFileSha256", None)
    return dict(shown, environment=env["name"] if env else None, healthStatus=HEALTH_NAMES[record["health"]])


def health_value(value):
    """0-3, their digits as text, or their names (and NoData for 0), in any case."""
    if isinstance(value, int) and not isinstance(value, bool) and value in HEALTH_NAMES:
        return value
    text = str(value if value is not None else "").strip()
    if text.isdigit() and int(text) in HEALTH_NAMES:
        return int(text)
    names = {v.lower(): k for k, v in HEALTH_NAMES.items()}
    names["nodata"] = 0
    if text.lower() in names:
        return names[text.lower()]
    raise health_error("Health '%s' is not valid. Valid values: 0 Unknown, 1 Online, 2 Offline, 3 Issue." % text)


def log_fields(log):
    """The record's log-file fields: the text for readers, size, SHA-256 and base64 of the exact bytes received."""
    if isinstance(log, str):  # a plain form field rather than a file part
        log = {"filename": None, "bytes": log.encode("utf-8")}
    raw = log["bytes"] if isinstance(log, dict) else None
    if raw is None:
        return {"logFileName": None, "logFile": None, "logFileSize": None, "logFileSha256": None,
                "logFileBase64": None}
    return {"logFileName": log["filename"], "logFile": raw.decode("utf-8", "replace"), "logFileSize": len(raw),
            "logFileSha256": hashlib.sha256(raw).hexdigest(), "logFileBase64": base64.b64encode(raw).decode("ascii")}


@routes.post("/environmenthealthcheck", tags=["EnvironmentHealthCheck"])
async def health_check(request: Request):
    state = authorized(request)
    body = await read_body(request) or {}
    env_id = str(body.get("environmentId") or "")
    if not env_id:
        raise health_error("The EnvironmentId field is required.")
    env = state.find("environments", env_id)
    if not env:
        raise health_error("Environment '%s' does not exist." % env_id)
    execution = utc_text(body["executionDate"]) if body.get("executionDate") else now_text()
    if execution is None:
        raise health_error("ExecutionDate '%s' is not a valid date-time." % body.get("executionDate"))
    log = log_fields(body.get("logFile"))
    record = {"id": str(uuid.uuid4()), "environmentId": env["id"], "testName": body.get("testName") or "",
              "health": health_value(body.get("health")), "executionDate": execution}
    record.update(log)
    with state.lock:
        state.data["healthChecks"].append(record)
    return reply({"Messages": ["Created record for EnvironmentTransaction"], "Data": render_health(state, record),
                  "Status": "Success"}, content_type=PLAIN_JSON)


@routes.post("/environmenthealthcheck/fullhistory", tags=["EnvironmentHealthCheck"])
async def health_history(request: Request):
    state = authorized(request)
    body = await read_body(request) or {}
    env = state.find("environments", str(body.get("environmentId") or "")) if body.get("environmentId") else None
    if not env:
        raise health_error("The EnvironmentId field is required and must name an environment.")
    start = utc_text(body.get("startDate") or "1900-01-01")
    end = utc_text(body.get("endDate") or "2999-12-31T23:59:59")
    if start is None or end is None:
        raise health_error("StartDate and EndDate must be ISO 8601 dates.")
    records = sorted((r for r in state.data["healthChecks"] if r["environmentId"] == env["id"] and
                      start <= r["executionDate"] <= end), key=lambda r: r["executionDate"])
    return reply([render_health(state, r) for r in records], content_type=PLAIN_JSON)


def current_status(state, env):
    """One environment's entry of CurrentStatus: the latest result per test; overall, the most recent one."""
    latest = {}
    for record in sorted(state.data["healthChecks"], key=lambda r: r["executionDate"]):
        if record["environmentId"] == env["id"]:
            latest[record["testName"]] = record
    tests = [{"testName": r["testName"], "health": r["health"], "healthStatus": HEALTH_NAMES[r["health"]],
              "executionDate": r["executionDate"]} for r in latest.values()]
    newest = max(latest.values(), key=lambda r: r["executionDate"]) if latest else None
    return {"environmentId": env["id"], "environment": env["name"], "health": newest["health"] if newest else None,
            "healthStatus": HEALTH_NAMES[newest["health"]] if newest else "NoData",
            "lastExecutionDate": newest["executionDate"] if newest else None, "tests": tests}


@routes.post("/environmenthealthcheck/currentstatus", tags=["EnvironmentHealthCheck"])
async def health_current(request: Request):
    state = authorized(request)
    body = await read_body(request) or {}
    ids = body.get("environmentIds")
    if not isinstance(ids, list) or not ids:
        raise health_error("EnvironmentIds must be a non-empty array of environment ids.")
    result = []
    for env_id in ids:
        env = state.find("environments", str(env_id))
        if not env:
            raise health_error("Environment '%s' does not exist." % env_id)
        result.append(current_status(state, env))
    return reply(result, content_type=PLAIN_JSON)
