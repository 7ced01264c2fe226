# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Release identifiers -> release ids, for Plutora Test searches.

Plutora Test links defects to Plutora releases by id; people name releases by identifier (``PAY-4.2``). Ids are used
as given; identifiers are looked up in Plutora Release & Verify with its own login (``release_connection``, each key
defaulting to its ``PLUTORA_*`` variable), in as few requests as its filter allows.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.relops.itsm.plugins.module_utils.core import boundary, normalize
from ansible_collections.relops.itsm.plugins.module_utils.core.errors import ApiError, ValidationError
from ansible_collections.relops.itsm.plugins.module_utils.plutora import connection as release_connection
from ansible_collections.relops.itsm.plugins.module_utils.plutora.releases import Releases, identifier_key

# The Release & Verify options a task may give in release_connection (its hosts may need another CA); timeout,
# retries and the token cache are the task's own.
KEYS = ("region", "api_url", "auth_url", "client_id", "client_secret", "username", "password", "validate_certs",
        "ca_path")
SHARED = ("timeout", "retries", "token_cache")


def argument_spec():
    """The ``release_connection`` option: a dict whose keys fall back to the PLUTORA_* variables."""
    options = boundary.argument_spec(dict((key, release_connection.OPTIONS[key]) for key in KEYS))
    return {"type": "dict", "default": {}, "options": options}


def split(values, option="releases"):
    """(ids, identifiers) of the task's releases, each in the order given, without repeats."""
    ids, identifiers = [], []
    for index, value in enumerate(values or []):
        text = str(value or "").strip()
        if not text:
            raise ValidationError("%s[%d] is empty; give a release identifier such as PAY-4.2, or a release id"
                                  % (option, index))
        if normalize.GUID.match(text):
            if text.lower() not in ids:
                ids.append(text.lower())
        elif identifier_key(text) not in [identifier_key(i) for i in identifiers]:
            identifiers.append(text)
    return ids, identifiers


def resolve(client, params, values, option="releases"):
    """Release ids for ``values`` and what each identifier resolved to (``[{identifier, id}]``).

    Identifiers need Plutora Release & Verify: its client is added to ``client.helpers``, so the task's
    ``api_calls`` count its requests.
    """
    ids, identifiers = split(values, option)
    resolved = []
    if not identifiers:
        return ids, resolved
    settings = dict((key, params.get(key)) for key in SHARED)
    settings.update(params.get("release_connection") or {})
    try:
        releases_client = release_connection.connect(settings)
    except ApiError as exc:
        exc.message = ("%s names release identifiers (%s), which are looked up in Plutora Release & Verify: %s"
                       % (option, ", ".join(identifiers), exc.message))
        exc.args = (exc.message,)
        raise
    client.helpers.append(releases_client)
    found = Releases(releases_client).with_identifiers(identifiers)
    missing = []
    for identifier in identifiers:
        matches = [r for r in found if identifier_key(r.get("identifier")) == identifier_key(identifier)]
        if not matches:
            missing.append(identifier)
        elif len(matches) > 1:
            raise ValidationError("%s: identifier %r is held by %d Plutora releases (ids %s); give the id of the one "
                                  "meant" % (option, identifier, len(matches), ", ".join(m["id"] for m in matches)))
        else:
            resolved.append({"identifier": matches[0]["identifier"], "id": matches[0]["id"].lower()})
            if matches[0]["id"].lower() not in ids:
                ids.append(matches[0]["id"].lower())
    if missing:
        raise ValidationError("%s: no Plutora release has the identifier %s; nothing was searched. Check the "
                              "identifiers, or give release ids" % (option, ", ".join(repr(m) for m in missing)))
    return ids, resolved
