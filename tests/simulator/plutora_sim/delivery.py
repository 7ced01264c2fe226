# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Which releases deliver a change: ``/changes/{id}/deliveryReleases/{releaseId}`` and ``/releases/{id}/changes``.

Stored as ``data["deliveryReleases"]``: change id -> ``[{releaseId, targetRelease, actualDeliveryRelease}]``; the
changes of one release come from a reverse index kept until the next write.
"""

from fastapi import Request
from fastapi.responses import Response

from sim_core.web import Routes, reply

from .render import invalid, listing_of, not_found
from .rules import authorized, read_body, truth

routes = Routes()
FLAGS = ("targetRelease", "actualDeliveryRelease")


def links_of(state, change_id):
    return state.data["deliveryReleases"].get(change_id, [])


def render_links(state, change):
    """A change's ``deliveryReleases`` (plutora-api.md 7.12), releases deleted since left out."""
    return [dict(link) for link in links_of(state, change["id"]) if state.find("releases", link["releaseId"])]


def delivered_by(state, release_id):
    """(change, link) pairs of the changes ``release_id`` delivers, in the changes' order."""
    def build():
        found = {}
        for change in state.data["changes"]:
            for link in state.data["deliveryReleases"].get(change["id"], ()):
                found.setdefault(link["releaseId"], []).append((change, link))
        return found
    return state.cached(("delivered",), build).get(release_id, [])


def check_link(body, release_id, errors):
    """The stored link a body describes (flags default to true, as every public client sends them)."""
    if not isinstance(body, dict):
        errors.setdefault("deliveryRelease", []).append("The body must be a delivery release object.")
        return None
    sent = str(body.get("releaseId") or release_id).lower()
    if sent != release_id:
        errors.setdefault("deliveryRelease.releaseId", []).append(
            "The releaseId in the body does not match the release id in the URL.")
    link = {"releaseId": release_id}
    for flag in FLAGS:
        value = truth(body.get(flag, True))
        if value is None:
            errors.setdefault("deliveryRelease." + flag, []).append("%s must be true or false." % flag)
        link[flag] = value
    return link


def replace_links(state, items, errors):
    """A PUT /changes/{id} body's ``deliveryReleases``: the change's new links (checked), or None if not sent."""
    if items is None:
        return None
    if not isinstance(items, list):
        errors.setdefault("change.deliveryReleases", []).append("deliveryReleases must be an array.")
        return None
    links = {}
    for item in items:
        release = state.find("releases", str(item.get("releaseId") or "")) if isinstance(item, dict) else None
        if release is None:
            errors.setdefault("change.deliveryReleases", []).append(
                "'%s' is not a release." % (item.get("releaseId") if isinstance(item, dict) else item))
            continue
        links[release["id"]] = check_link(item, release["id"], errors)
    return list(links.values())


def set_links(state, change_id, links):
    if links:
        state.data["deliveryReleases"][change_id] = links
    else:
        state.data["deliveryReleases"].pop(change_id, None)


def forget_release(state, release_id):
    """A deleted release delivers nothing any more."""
    for change_id, links in list(state.data["deliveryReleases"].items()):
        kept = [link for link in links if link["releaseId"] != release_id]
        if len(kept) != len(links):
            set_links(state, change_id, kept)


def change_and_release(state, change_id, release_id):
    change = state.find("changes", change_id)
    release = state.find("releases", release_id)
    if not change or not release:
        raise not_found()
    return change, release


@routes.put("/changes/{change_id}/deliveryreleases/{release_id}", tags=["Changes"])
async def put_delivery_release(change_id: str, release_id: str, request: Request):
    state = authorized(request)
    body = await read_body(request)
    with state.lock:
        change, release = change_and_release(state, change_id, release_id)
        errors = {}
        link = check_link({} if body is None else body, release["id"], errors)
        if errors:
            raise invalid(errors)
        links = [existing for existing in links_of(state, change["id"]) if existing["releaseId"] != release["id"]]
        set_links(state, change["id"], links + [link])
    return Response(status_code=204)


@routes.delete("/changes/{change_id}/deliveryreleases/{release_id}", tags=["Changes"])
async def delete_delivery_release(change_id: str, release_id: str, request: Request):
    state = authorized(request)
    with state.lock:
        change, release = change_and_release(state, change_id, release_id)
        links = links_of(state, change["id"])
        kept = [link for link in links if link["releaseId"] != release["id"]]
        if len(kept) == len(links):
            raise not_found()
        set_links(state, change["id"], kept)
    return reply({"message": "Delivery release removed from change."})


def release_change_item(pair):
    change, link = pair
    item = {"id": change["id"], "changeId": change["changeId"], "name": change["name"],
            "lastModifiedDate": change["lastModifiedDate"]}
    item.update((flag, link[flag]) for flag in FLAGS)
    return item


@routes.get("/releases/{release_id}/changes", tags=["Releases"])
async def release_changes(release_id: str, request: Request):
    state = authorized(request)
    release = state.find("releases", release_id)
    if not release:
        raise not_found()
    return listing_of(request, delivered_by(state, release["id"]), release_change_item)
