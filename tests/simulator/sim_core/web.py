# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What route code (the core's and a vendor's) uses to answer: JSON replies, errors, the state, the log's client."""

import json

from fastapi.responses import Response

JSON = "application/json; charset=utf-8"
# The scope key through which a route names the client of a request the middleware could not identify (a token
# request names its client in the body); the request log then shows it.
CLIENT_KEY = "sim_client_id"


class SimError(Exception):
    """Raise to answer ``status`` with the JSON ``body`` (``None``: no body) and extra headers."""

    def __init__(self, status, body, headers=None):
        super().__init__(status)
        self.status = status
        self.body = body
        self.headers = headers or {}


def reply(data, status=200, content_type=JSON):
    return Response(json.dumps(data), status_code=status, media_type=content_type)


async def sim_error(_request, exc):
    """The exception handler for ``SimError``."""
    response = Response(status_code=exc.status) if exc.body is None else reply(exc.body, exc.status)
    for key, value in exc.headers.items():
        response.headers[key] = value
    return response


def state_of(request):
    """The simulator state the app was built with."""
    return request.app.state.sim


def note_client(request, client_id):
    """Name the client of this request in the request log."""
    request.scope[CLIENT_KEY] = client_id


class Routes:
    """A module's routes, declared with FastAPI's decorators (``@routes.get(path, tags=...)``) and added to the app
    itself by ``add_to(app)``: an included ``APIRouter`` would cost a nested match on every request."""

    def __init__(self):
        self.entries = []

    def route(self, method, path, **options):
        def declare(endpoint):
            self.entries.append((path, endpoint, method, options))
            return endpoint
        return declare

    def get(self, path, **options):
        return self.route("GET", path, **options)

    def post(self, path, **options):
        return self.route("POST", path, **options)

    def put(self, path, **options):
        return self.route("PUT", path, **options)

    def delete(self, path, **options):
        return self.route("DELETE", path, **options)

    def add_to(self, app):
        for path, endpoint, method, options in self.entries:
            app.add_api_route(path, endpoint, methods=[method], **options)
