# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Request bodies in every media type a simulated API reads, decoded once for every route.

``await read(request)`` gives the body as JSON-like values (dicts, lists, text, numbers) whatever its media type:

- JSON (``application/json``, ``text/json``, ``*+json``);
- form fields (``application/x-www-form-urlencoded``, also with a malformed type such as
  ``x-www-form-urlencoded; charset=urf-8``), the keys nested as jQuery and the ``qs`` library write them
  (``a[b]=1``, ``a[0][b]=1``, ``a[]=1``) or as MVC does (``a.b=1``); keys that are all indexes make a list;
  every value is text (a route converts what it needs);
- multipart parts (``multipart/form-data``), nested the same way; a file part is ``{"filename", "bytes"}``;
- XML (``application/xml``, ``text/xml``): the root element's children are the fields, an element with children
  an object, repeated names a list.

No body is None. Another media type raises ``Unsupported`` (naming it), a body that does not parse ``Malformed``;
a vendor package turns them into its own answers.
"""

import collections
import json
import re
import urllib.parse
from xml.etree import ElementTree

_PART = re.compile(r"\[([^\]]*)\]")


class Unsupported(Exception):
    """A media type no route reads; ``kind`` is the type as sent (or application/octet-stream if none was)."""

    def __init__(self, kind):
        super().__init__(kind)
        self.kind = kind


class Malformed(Exception):
    """A body that does not parse as its media type says; ``kind`` is ``json``, ``form`` or ``xml``."""

    def __init__(self, kind, detail):
        super().__init__(detail)
        self.kind = kind


def media_type(request):
    return (request.headers.get("content-type") or "").split(";")[0].strip().lower()


async def read(request):
    """The decoded body of ``request`` (see the module's docstring)."""
    raw = await request.body()
    kind = media_type(request)
    if not raw:
        return None
    if kind in ("application/json", "text/json") or kind.endswith("+json"):
        try:
            return json.loads(raw.decode("utf-8"))
        except ValueError as exc:
            raise Malformed("json", str(exc)) from exc
    if kind.endswith("x-www-form-urlencoded"):
        try:
            return nest(urllib.parse.parse_qsl(raw.decode("utf-8"), keep_blank_values=True))
        except UnicodeDecodeError as exc:
            raise Malformed("form", str(exc)) from exc
    if kind == "multipart/form-data":
        form = await request.form()
        pairs = []
        for key, value in form.multi_items():
            if hasattr(value, "read"):
                value = {"filename": value.filename, "bytes": await value.read()}
            pairs.append((key, value))
        return nest(pairs)
    if kind in ("application/xml", "text/xml"):
        return from_xml(raw)
    raise Unsupported(kind or "application/octet-stream")


def key_path(key):
    """``a[b][0]`` and ``a.b.0`` -> ``["a", "b", "0"]``; ``a[]`` -> ``["a", ""]`` (the next index)."""
    head, bracket, rest = key.partition("[")
    parts = head.split(".") if head else []
    if bracket:
        parts += _PART.findall("[" + rest)
    return parts


def nest(pairs):
    """Form pairs -> one object (or a list when every top-level key is an index); a later pair wins."""
    root = {}
    for key, value in pairs:
        path = key_path(key)
        if not path:
            continue  # the stray ``&=`` some scripts append
        node = root
        for part in path[:-1]:
            part = part or str(len(node))
            if not isinstance(node.get(part), dict):
                node[part] = {}
            node = node[part]
        node[path[-1] or str(len(node))] = value
    return listed(root)


def listed(node):
    """Objects whose keys are all whole numbers become lists in index order, recursively."""
    if not isinstance(node, dict):
        return node
    items = {key: listed(value) for key, value in node.items()}
    if items and all(key.isdigit() for key in items):
        return [items[key] for key in sorted(items, key=int)]
    return items


def from_xml(raw):
    try:
        root = ElementTree.fromstring(raw)
    except ElementTree.ParseError as exc:
        raise Malformed("xml", str(exc)) from exc
    return element(root)


def element(node):
    """An element's value: its text if it has no children, else an object of them (a repeated name -> a list)."""
    children = [(child.tag.rsplit("}", 1)[-1], element(child)) for child in node]  # namespaces dropped
    if not children:
        return node.text if node.text is not None and node.text.strip() else None
    counts = collections.Counter(name for name, _value in children)
    result = {}
    for name, value in children:
        if counts[name] > 1:
            result.setdefault(name, []).append(value)
        else:
            result[name] = value
    return result
