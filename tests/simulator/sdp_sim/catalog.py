# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Lookups: a name (any case) or an id -> the catalogue's object, as SDP resolves them (sdp-api.md 2.5).

Each catalogue is indexed once (``Catalog``), rebuilt when the seed changes.
"""

import copy

from .envelope import failed, invalid_value

# field -> (seed collection, the key holding it under "lookups" or None for a top-level collection)
LOOKUPS = {"priority": "priorities", "impact": "impacts", "urgency": "urgencies", "risk": "risks",
           "release_type": "release_types", "category": "categories", "subcategory": "subcategories",
           "item": "items", "site": "sites", "group": "groups", "services": "services", "assets": "assets",
           "configuration_items": "configuration_items", "closure_code": "closure_codes"}
TOP_LEVEL = {"template": "templates", "stage": "stages", "status": "statuses", "role": "roles", "user": "users",
             "workflow": "workflows"}
# Keys a catalogue entry holds for the simulator only (a parent), never shown in a record.
PRIVATE = {"subcategories": ("category",), "items": ("subcategory",), "templates": ("workflow",),
           "stages": ("description",)}
# What else a name may be matched against, beside ``name``.
ALSO_MATCHED = {"stages": ("internal_name",), "statuses": ("internal_name",), "roles": ("internal_name",),
                "users": ("email_id",)}


class Catalog:
    """Id and lower-case name indexes of every catalogue in ``data``."""

    def __init__(self, data):
        self.entries = {}
        for field, key in list(LOOKUPS.items()) + list(TOP_LEVEL.items()):
            items = data["lookups"].get(key, []) if field in LOOKUPS else data.get(key, [])
            ids, names = {}, {}
            for item in items:
                ids.setdefault(str(item.get("id")), item)
                for name_key in ("name",) + ALSO_MATCHED.get(key, ()):
                    if item.get(name_key):
                        names.setdefault(str(item[name_key]).strip().lower(), []).append(item)
            self.entries[field] = (key, ids, names)

    def shown(self, field, item):
        """The object a record shows for ``item`` (a copy, without the simulator's private keys)."""
        key = self.entries[field][0]
        result = copy.deepcopy(item)
        for private in PRIVATE.get(key, ()):
            result.pop(private, None)
        return result

    def by_id(self, field, item_id):
        return self.entries[field][1].get(str(item_id))

    def candidates(self, field, value, label=None):
        """The items ``value`` (``{"id"}`` and/or ``{"name"}``, or ``{"email_id"}`` for users) may mean; the id wins
        over the name (2.5). A value of the wrong type is 4021, an id or name matching nothing 4001."""
        label = label or field
        if not isinstance(value, dict):
            raise failed(4021, "%s must be an object with an id or a name" % label, field=label)
        _key, ids, names = self.entries[field]
        if value.get("id") not in (None, ""):
            item = ids.get(str(value["id"]).strip())
            if item is None:
                raise invalid_value(label)
            return [item]
        for name_key in ("name", "email_id", "internal_name"):
            if value.get(name_key) not in (None, ""):
                if not isinstance(value[name_key], str):
                    raise failed(4021, "%s.%s must be text" % (label, name_key), field=label)
                found = names.get(value[name_key].strip().lower())
                if not found:
                    raise invalid_value(label)
                return found
        raise failed(4012, "Value not provided for %s (id or name)" % label, field=label)

    def resolve(self, field, value, label=None, parent=None):
        """The one item ``value`` names; ``parent`` = (key, id) narrows by a parent (a subcategory's category)."""
        found = self.candidates(field, value, label)
        if parent is not None:
            found = [i for i in found if str((i.get(parent[0]) or {}).get("id")) == str(parent[1])]
            if not found:
                raise invalid_value(label or field)
        return found[0]
