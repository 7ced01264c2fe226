# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The changes a release delivers: reading them, naming changes by id or name, planning and writing the links.

Public clients link a change to a release with ``PUT /changes/{id}/deliveryReleases/{releaseId}`` and the body
``{releaseId, targetRelease: true, actualDeliveryRelease: true}`` (plutora-api.md 2.3, 7.12), and read a release's
changes with ``GET /releases/{id}/changes``. Every source sends both flags true, so this module does too. No public
source removes a link; ``DELETE`` on the same path is what the simulator offers (its README says why).

Delivered changes are returned in the names ``change_search`` uses for its options (``id``, ``name``,
``change_id``, ``last_modified_date`` ...), not the vendor's wire names.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.relops.itsm.plugins.module_utils.core.errors import NotFoundError, ValidationError
from ansible_collections.relops.itsm.plugins.module_utils.core.lookup import field, find_all, match_one
from ansible_collections.relops.itsm.plugins.module_utils.core.normalize import GUID
from ansible_collections.relops.itsm.plugins.module_utils.plutora.change_fields import delivered

# The vendor's GET filter takes at most this many or-ed terms per call in the scripts that use it.
TERMS_PER_CALL = 25


def _term(value):
    text = str(value).strip()
    if GUID.match(text):
        return "`id` Equals `%s`" % text
    if "`" in text:  # the grammar has no escape for a backtick: the longest part, matched exactly here
        return "`name` Contains `%s`" % max(text.split("`"), key=len)
    return "`name` Equals `%s`" % text


class ReleaseChanges:
    """Reads and writes which changes releases deliver."""

    def __init__(self, client):
        self.client = client
        self._all = None

    def of_release(self, release_id):
        """The release's changes as the vendor lists them (``GET /releases/{id}/changes``, page by page)."""
        return list(self.client.paged("/releases/%s/changes" % release_id))

    def shown(self, release_id):
        """The release's changes in the collection's names (``delivered``)."""
        return [delivered(item) for item in self.of_release(release_id)]

    def resolve(self, values, option="changes"):
        """The change list items ``values`` name (each an id or a name, trimmed, case-insensitive), in order.

        One filtered GET per 25 values; a value it does not find makes the whole list be read once, so the
        refusal can list the valid names (and a name the filter's comparison missed is still found).
        """
        found = []
        for start in range(0, len(values), TERMS_PER_CALL):
            chunk = values[start:start + TERMS_PER_CALL]
            found.extend(self.client.paged("/changes", {"filter": " or ".join(_term(v) for v in chunk)}))
        items = []
        for index, value in enumerate(values):
            label = "%s[%d]" % (option, index)
            if len(find_all(found, value, [field("name")])) == 1:
                items.append(match_one(found, value, label, "Plutora change", [field("name")]))
                continue
            items.append(match_one(self.every(), value, label, "Plutora change", [field("name")]))
        return items

    def every(self):
        """Every change's list item (read once per task, only to refuse a name)."""
        if self._all is None:
            self._all = list(self.client.paged("/changes"))
        return self._all

    def link(self, release_id, change_id):
        self.client.request("PUT", "/changes/%s/deliveryReleases/%s" % (change_id, release_id),
                            json={"releaseId": release_id, "targetRelease": True, "actualDeliveryRelease": True})

    def unlink(self, release_id, change_id):
        """Remove the link; a 404 means it is gone already (another task, or a retry of a lost first attempt)."""
        try:
            self.client.request("DELETE", "/changes/%s/deliveryReleases/%s" % (change_id, release_id))
        except NotFoundError:
            return

    def apply(self, release_id, writes):
        """``(verb, change id)`` writes as ``plan_changes`` made them: ``add`` links, ``remove`` unlinks."""
        for verb, change_id in writes:
            if verb == "add":
                self.link(release_id, change_id)
            else:
                self.unlink(release_id, change_id)


def check_changes(values, option="changes"):
    """Refuse a change named twice (by the same text), before anything is read or written."""
    keys = [str(v).strip().lower() for v in values or []]
    twice = sorted(set(k for k in keys if keys.count(k) > 1))
    if twice:
        raise ValidationError("%s lists %s more than once" % (option, ", ".join(twice)))
    empty = [i for i, k in enumerate(keys) if not k]
    if empty:
        raise ValidationError("%s[%d] is empty; give a change's id or name" % (option, empty[0]))


def plan_changes(plan, wanted, current, purge, changes_api):
    """The ``changes`` section of a plan: links to add for wanted changes not delivered yet, and with ``purge``
    links to remove for delivered changes not wanted. Every name is resolved here, before any write."""
    section = plan.section("changes")
    if not wanted and not purge:
        return
    resolved = changes_api.resolve(list(wanted)) if wanted else []
    now = dict((str(item["id"]).lower(), item) for item in current)
    keep = set()
    for item in resolved:
        key = str(item["id"]).lower()
        if key in keep:
            raise ValidationError("changes names change %s (%s) more than once" % (item["id"], item.get("name")))
        keep.add(key)
        if key not in now:
            section.writes.append(("add", item["id"]))
            section.after[item.get("name") or item["id"]] = {"id": item["id"], "change_id": item.get("changeId")}
    if purge:
        for key, item in now.items():
            if key not in keep:
                section.writes.append(("remove", item["id"]))
                section.before[item.get("name") or item["id"]] = {"id": item["id"], "change_id": item.get("changeId")}
                section.after[item.get("name") or item["id"]] = None


def planned_changes(current, section):
    """The release's changes as a real run would leave them (for check mode), in the collection's names."""
    removed = set(str(change_id).lower() for verb, change_id in section.writes if verb == "remove")
    kept = [delivered(item) for item in current if str(item["id"]).lower() not in removed]
    added = [{"id": shown["id"], "change_id": shown["change_id"], "name": name, "target_release": True,
              "actual_delivery_release": True} for name, shown in section.after.items() if shown is not None]
    return kept + added
