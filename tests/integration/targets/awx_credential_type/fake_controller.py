# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A tiny stand-in for the credential-type part of the AWX / Automation Controller REST API.

    FAKE_CONTROLLER_TOKEN=... [FAKE_CONTROLLER_BASIC=USER:PASSWORD] python fake_controller.py PORT_FILE

Serves GET (list with ?name= / ?kind= filters, and detail), POST and PATCH of /api/v2/credential_types/, keeps
the records in memory, and answers like AWX: paged lists {count, next, previous, results}, 201 on create, 400
with field errors, 401 without a valid bearer token (or basic login when FAKE_CONTROLLER_BASIC is set). It refuses a PATCH
of "inputs" on a type marked as used (POST /_fake/in_use/<id>), as AWX does for a type that credentials use.
GET /_fake/requests returns every request seen (method, path, and the JSON body of writes), without auth headers.
The chosen port is written to PORT_FILE once the server listens. The login comes from the environment so that
it never shows in a process listing.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import base64
import json
import os
import re
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlsplit

PREFIX = "/api/v2/credential_types/"
WRITABLE = ("name", "description", "kind", "inputs", "injectors")


class State:
    def __init__(self, token, basic):
        self.token = token
        self.basic = basic
        self.records = {}
        self.next_id = 30  # AWX's own managed types take the low ids
        self.in_use = set()
        self.requests = []


class Handler(BaseHTTPRequestHandler):
    state = None  # set in main()
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # keep the test output quiet; the request log is available over HTTP
        pass

    def _send(self, status, body):
        data = json.dumps(body).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _authorized(self):
        header = self.headers.get("Authorization", "")
        if header == "Bearer " + self.state.token:
            return True
        if self.state.basic and header == "Basic " + base64.b64encode(self.state.basic.encode()).decode():
            return True
        return False

    def _body(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            return json.loads(raw.decode("utf-8") or "{}")
        except ValueError:
            return None

    def _handle(self, method):
        url = urlsplit(self.path)
        body = self._body() if method in ("POST", "PATCH") else None
        if url.path.startswith("/_fake/"):
            return self._fake(method, url.path)
        self.state.requests.append({"method": method, "path": url.path, "query": url.query, "body": body})
        if not self._authorized():
            return self._send(401, {"detail": "Authentication credentials were not provided."})
        match = re.match(r"^%s(?:(\d+)/)?$" % re.escape(PREFIX), url.path)
        if not match:
            return self._send(404, {"detail": "Not found."})
        if body is None and method in ("POST", "PATCH"):
            return self._send(400, {"detail": "JSON parse error"})
        rid = int(match.group(1)) if match.group(1) else None
        if rid is None and method == "GET":
            return self._list(parse_qs(url.query))
        if rid is None and method == "POST":
            return self._create(body)
        if rid is None:
            return self._send(405, {"detail": 'Method "%s" not allowed.' % method})
        if rid not in self.state.records:
            return self._send(404, {"detail": "Not found."})
        if method == "GET":
            return self._send(200, self.state.records[rid])
        if method == "PATCH":
            return self._update(rid, body)
        return self._send(405, {"detail": 'Method "%s" not allowed.' % method})

    def _fake(self, method, path):
        if path == "/_fake/requests" and method == "GET":
            return self._send(200, {"requests": self.state.requests})
        match = re.match(r"^/_fake/in_use/(\d+)$", path)
        if match and method == "POST":
            self.state.in_use.add(int(match.group(1)))
            return self._send(200, {})
        return self._send(404, {"detail": "Not found."})

    def _list(self, query):
        rows = sorted(self.state.records.values(), key=lambda r: r["id"])
        for key in ("name", "kind"):
            if key in query:
                rows = [r for r in rows if r[key] == query[key][0]]
        return self._send(200, {"count": len(rows), "next": None, "previous": None, "results": rows})

    @staticmethod
    def _errors(record):
        errors = {}
        if not record.get("name"):
            errors["name"] = ["This field may not be blank."]
        if record.get("kind") not in ("cloud", "net"):
            errors["kind"] = ["Must be 'cloud' or 'net', not %s" % record.get("kind")]
        for key in ("inputs", "injectors"):
            if not isinstance(record.get(key, {}), dict):
                errors[key] = ["Must be an object."]
        return errors

    def _create(self, body):
        unknown = sorted(set(body) - set(WRITABLE))
        record = {"name": "", "description": "", "kind": None, "inputs": {}, "injectors": {}}
        record.update({k: v for k, v in body.items() if k in WRITABLE})
        errors = self._errors(record)
        if any(r["name"] == record["name"] and r["kind"] == record["kind"] for r in self.state.records.values()):
            errors["__all__"] = ["Credential type with this Name and Kind already exists."]
        if unknown:
            errors["unknown"] = unknown
        if errors:
            return self._send(400, errors)
        rid = self.state.next_id
        self.state.next_id += 1
        record.update({"id": rid, "type": "credential_type", "url": "%s%d/" % (PREFIX, rid), "managed": False,
                       "namespace": None})
        self.state.records[rid] = record
        return self._send(201, record)

    def _update(self, rid, body):
        record = dict(self.state.records[rid])
        if rid in self.state.in_use and "inputs" in body and body["inputs"] != record["inputs"]:
            return self._send(403, {"detail": "Modifications to inputs are not allowed for credential types that are in use"})
        record.update({k: v for k, v in body.items() if k in WRITABLE})
        errors = self._errors(record)
        if errors:
            return self._send(400, errors)
        self.state.records[rid] = record
        return self._send(200, record)

    def do_GET(self):  # noqa: N802  (http.server's naming)
        self._handle("GET")

    def do_POST(self):  # noqa: N802
        self._handle("POST")

    def do_PATCH(self):  # noqa: N802
        self._handle("PATCH")

    def do_PUT(self):  # noqa: N802
        self._handle("PUT")

    def do_DELETE(self):  # noqa: N802
        self._handle("DELETE")


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("port_file")
    opts = parser.parse_args()
    Handler.state = State(os.environ["FAKE_CONTROLLER_TOKEN"], os.environ.get("FAKE_CONTROLLER_BASIC"))
    server = HTTPServer(("127.0.0.1", 0), Handler)
    with open(opts.port_file + ".tmp", "w") as handle:
        handle.write(str(server.server_address[1]))
    os.rename(opts.port_file + ".tmp", opts.port_file)  # readers never see a half-written file
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
