# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A minimal vendor on sim_core, for test_core.py: one route, clients known by an ``X-Api-Key`` header.

Run as ``python dummy_sim.py --port 0``, like a vendor's launcher.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from fastapi import Request  # noqa: E402  pylint: disable=wrong-import-position

from sim_core.cli import main  # noqa: E402  pylint: disable=wrong-import-position
from sim_core.spec import VendorSpec  # noqa: E402  pylint: disable=wrong-import-position
from sim_core.state import Config, State  # noqa: E402  pylint: disable=wrong-import-position
from sim_core.web import Routes, SimError, reply, state_of  # noqa: E402  pylint: disable=wrong-import-position

KEYS = ("key-one", "key-two")
ERROR_TYPE = "application/vnd.dummy+json"
routes = Routes()


class DummyConfig(Config):
    DEFAULTS = dict(Config.DEFAULTS, rate_limit=50)


class DummyState(State):
    config_class = DummyConfig


@routes.get("/notes")
async def notes(request: Request):
    state = state_of(request)
    if request.headers.get("x-api-key") not in KEYS:
        raise SimError(401, {"error": "unknown key"})
    return reply(state.data["notes"])


SPEC = VendorSpec(
    vendor="Dummy",
    name="dummy-sim",
    register=routes.add_to,
    state_class=DummyState,
    load_seed=lambda _path: {"notes": ["first"]},
    identify=lambda _state, headers: headers.get("x-api-key") if headers.get("x-api-key") in KEYS else None,
    error_body=lambda kind, state: {"error": kind, "limit": state.config.rate_limit},
    error_type=ERROR_TYPE,
    announce=lambda _state: {"api_key": KEYS[0]},
)

if __name__ == "__main__":
    sys.exit(main(SPEC))
