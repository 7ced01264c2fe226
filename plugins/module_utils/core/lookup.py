# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one name matcher: a record picked from a list by its id or one of its names.

Ids and names are matched the same way everywhere: after trimming white space, case-insensitively. A value that
matches several records is refused naming their ids; one that matches none is refused listing the valid names.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.relops.itsm.plugins.module_utils.core.errors import ValidationError


def _key(value):
    return str(value).strip().lower() if value is not None else ""


def choices_text(values):
    """Names for a message: distinct, sorted case-insensitively."""
    return ", ".join(sorted(set(str(v) for v in values if v), key=lambda v: (v.lower(), v))) or "(none)"


def find_all(items, value, names, id_key="id"):
    """Every item whose ``id_key`` or one of the ``names`` (functions of an item) equals ``value``."""
    wanted = _key(value)
    if not wanted:
        return []
    by_id = [item for item in items if _key(item.get(id_key)) == wanted]
    if by_id:
        return by_id
    return [item for item in items if any(_key(name(item)) == wanted for name in names)]


MISSING = "%(option)s %(value)r is not %(a)s %(what)s%(hint)s; valid: %(valid)s"


def article(word):
    """The article before an item kind in a message: "an urgency", "an item", but "a user", "a system"."""
    text = str(word).lower()
    if text[:1] in ("a", "e", "i", "o") or (text[:1] == "u" and not text.startswith(("us", "uni", "uti"))):
        return "an"
    return "a"


def match_one(items, value, option, what, names, id_key="id", hint="", shown=None, missing=MISSING):
    """The single item that ``value`` names; ValidationError naming ``option`` otherwise.

    ``what`` says what the item is (for example "vendor system"), ``shown`` which name lists the valid choices (default: the
    first of ``names``), ``hint`` is appended to the no-match message, whose form ``missing`` may change.
    """
    found = find_all(items, value, names, id_key)
    if len(found) == 1:
        return found[0]
    if found:
        raise ValidationError("%s %r names %d %ss (ids %s); give the id of the one you mean"
                              % (option, value, len(found), what, ", ".join(str(f.get(id_key)) for f in found)))
    shown = shown or names[0]
    raise ValidationError(missing % {"option": option, "value": value, "what": what, "hint": hint, "a": article(what),
                                     "valid": choices_text(shown(item) for item in items)})


def field(key):
    """A name function reading one key of a record."""
    return lambda item: item.get(key)
