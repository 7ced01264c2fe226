# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Build the ASGI app of one vendor's simulator: its routes, the /_sim/ control plane, and the middleware."""

from fastapi import FastAPI

from . import control
from .middleware import Guard
from .web import SimError, sim_error


def create_app(spec, state):
    """The FastAPI app alone: the vendor's routes, then the control plane; ``SimError`` answers for both."""
    app = FastAPI(title="%s API (simulated)" % spec.vendor, version="1.0", docs_url=spec.docs_url,
                  openapi_url=spec.openapi_url, redoc_url=None)
    app.state.sim = state
    app.add_exception_handler(SimError, sim_error)
    spec.register(app)
    control.routes.add_to(app)
    return app


def build(spec, state):
    """What the server runs: the app inside the middleware."""
    return Guard(create_app(spec, state), spec, state)
