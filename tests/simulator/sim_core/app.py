# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Build the ASGI app of one vendor's simulator: its routes, the /_sim/ control plane, and the middleware."""

from fastapi import FastAPI
from starlette.exceptions import HTTPException
from starlette.routing import Match

from . import control
from .middleware import Guard
from .web import SimError, reply, sim_error


def unrouted(spec):
    """The handler of the framework's own 404/405 (no route, no such method): the vendor's body for them."""
    async def handle(request, exc):
        if exc.status_code not in (404, 405):
            return reply({"message": str(exc.detail)}, exc.status_code)
        raw = request.scope.get("raw_path")  # the path as sent: the middleware matches it in lower case
        path = raw.decode("latin-1") if raw else request.url.path
        url = str(request.url.replace(path=path))
        response = reply(spec.unrouted_body(exc.status_code, request.method, url, request.app.state.sim),
                         exc.status_code, spec.error_type)
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        if exc.status_code == 405:
            response.headers["allow"] = ", ".join(allowed(request))
        return response
    return handle


def allowed(request):
    """Every method some route of this path takes (each route has one, so the framework's Allow names only the
    first); worked out only for a 405, which is rare."""
    methods = set()
    for route in request.app.router.routes:
        if getattr(route, "methods", None) and route.matches(request.scope)[0] != Match.NONE:
            methods.update(route.methods)
    return sorted(methods - {"HEAD"})


def create_app(spec, state):
    """The FastAPI app alone: the vendor's routes, then the control plane; ``SimError`` answers for both."""
    app = FastAPI(title="%s API (simulated)" % spec.vendor, version="1.0", docs_url=spec.docs_url,
                  openapi_url=spec.openapi_url, redoc_url=None)
    app.state.sim = state
    app.add_exception_handler(SimError, sim_error)
    app.add_exception_handler(HTTPException, unrouted(spec))
    spec.register(app)
    control.routes.add_to(app)
    return app


def build(spec, state):
    """What the server runs: the app inside the middleware."""
    return Guard(create_app(spec, state), spec, state)
