# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a vendor package tells the core about its API: the only way vendor knowledge reaches the core."""

import dataclasses
import typing

from .web import JSON


def no_client(_state, _headers):
    """The default ``identify``: no request names a client, so nothing is metered."""
    return None


def plain_error(kind, state):
    """The default ``error_body``: ``{"message": ...}`` for the answers the core makes itself."""
    texts = {"forbidden": "This address may not call the API.", "fault": "Injected fault.",
             "throttled": "More than %d requests in an hour." % state.config.rate_limit}
    return {"message": texts[kind]}


def no_extra(_state):
    return {}


def plain_unrouted(status, method, url, _state):
    """The default ``unrouted_body``: ``{"message": ...}`` for a path no route has (404) or a method it lacks (405)."""
    if status == 405:
        return {"message": "The resource %s does not support the method %s." % (url, method)}
    return {"message": "No resource matches %s %s." % (method, url)}


@dataclasses.dataclass(frozen=True)
class VendorSpec:  # pylint: disable=too-many-instance-attributes
    """One vendor's simulator, as the core sees it.

    The core calls ``register(app)`` to add the vendor's routes and exception handlers to the FastAPI app (handlers
    reach the state with ``web.state_of(request)``), and builds the state as ``state_class(load_seed(path), config)``.
    """

    vendor: str  # "Acme": in the API title, the TLS certificate's name and --help
    name: str  # "acme-sim": the program name, also the prefix of temporary directories
    register: typing.Callable  # register(app)
    state_class: type  # a subclass of sim_core.state.State; its config_class lists the settings
    load_seed: typing.Callable  # load_seed(path or None) -> seed; OSError or ValueError stops the start (exit 2)
    # identify(state, headers) -> the client id a request acts for, or None: the budget's key and the log's client_id
    # (headers: lower-case names -> latin-1 text). Requests it names no client for are never throttled.
    identify: typing.Callable = no_client
    # error_body(kind, state) -> the JSON body of an answer the core makes: "forbidden" (403, outside the
    # whitelist), "fault" (an injected status) or "throttled" (429, over the hourly budget)
    error_body: typing.Callable = plain_error
    error_type: str = JSON  # the Content-Type of those answers
    # unrouted_body(status, method, url, state) -> the JSON body when no route has the path (404) or none of the
    # path's routes takes the method (405; the Allow header is added): never the framework's {"detail": ...}
    unrouted_body: typing.Callable = plain_unrouted
    unmetered_paths: tuple = ()  # paths the budget never counts (matched in any case), e.g. a token endpoint
    url_keys: tuple = ("url",)  # the keys of the first stdout line that carry the server's URL
    announce: typing.Callable = no_extra  # announce(state) -> more first-line keys, e.g. demo credentials
    # add_options(parser, defaults): more command-line options; one whose dest names a setting sets it
    add_options: typing.Optional[typing.Callable] = None
    docs_url: str = "/docs"  # Swagger UI and the OpenAPI document: served without any check, like /_sim/
    openapi_url: str = "/openapi.json"
