# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""``search_criteria`` (4.3): a criterion or a list; ``field`` (dotted), ``condition`` (every operator and its short
forms), ``value``/``values``, ``logical_operator`` joining it to the one before, ``children`` nested the same way.

Text compares without regard to case (9.2); a lookup matches by id or name; date-times compare as epoch ms.
"""

from . import records
from .dates import parse_ms
from .envelope import failed

CONDITIONS = {"is": "is", "=": "is", "eq": "is", "is not": "is not", "!=": "is not", "neq": "is not",
              "greater than": "gt", "gt": "gt", "greater or equal": "gte", "gte": "gte", "lesser than": "lt",
              "lt": "lt", "lesser or equal": "lte", "lte": "lte", "between": "between", "not between": "not between",
              "starts with": "starts with", "ends with": "ends with", "contains": "contains",
              "not contains": "not contains"}
FIELDS = frozenset(records.WRITABLE + records.READ_ONLY) - {"comment"}


def bad(text):
    return failed(4001, "Value given for search_criteria is not valid: %s" % text, field="search_criteria")


def parse(raw):
    """The checked criteria as a list of dicts (``path``, ``op``, ``values``, ``logic``, ``children``), or None."""
    if raw is None:
        return None
    if isinstance(raw, dict) and "criteria" in raw:  # the older wrapper ([CL-LEGACY])
        raw = raw["criteria"]
    items = [raw] if isinstance(raw, dict) else raw
    if not isinstance(items, list) or not items:
        raise bad("an object or a non-empty list of criteria")
    return [criterion(item) for item in items]


def criterion(item):
    if not isinstance(item, dict):
        raise bad("each criterion is an object")
    field = item.get("field", item.get("field_name"))
    if not isinstance(field, str) or field.split(".")[0] not in FIELDS:
        raise bad("unknown field %r" % (field,))
    op = CONDITIONS.get(str(item.get("condition", "")).strip().lower())
    if op is None:
        raise bad("unknown condition %r; conditions: %s" % (item.get("condition"), ", ".join(sorted(set(
            k for k in CONDITIONS if " " in k or k.isalpha())))))
    if "values" in item:
        values = item["values"]
        if not isinstance(values, list) or not values:
            raise bad("values must be a non-empty list")
    elif "value" in item:
        values = [item["value"]]
    else:
        raise bad("%s needs value or values" % field)
    if op in ("between", "not between") and len(values) != 2:
        raise bad("%s needs two values" % op)
    logic = str(item.get("logical_operator", "and")).lower()
    if logic not in ("and", "or"):
        raise bad("logical_operator is and or or")
    children = item.get("children") or []
    if not isinstance(children, list):
        raise bad("children must be a list")
    plain = all(isinstance(v, str) for v in values)
    return {"path": field.split("."), "op": op, "values": values, "logic": logic,
            "children": [criterion(c) for c in children], "lower": [v.lower() for v in values] if plain else None}


def value_at(record, path, strict=True):
    if isinstance(path, str):
        path = path.split(".")
    value = record
    for part in path:
        if isinstance(value, list):
            value = [v.get(part) for v in value if isinstance(v, dict)]
        elif isinstance(value, dict):
            value = value.get(part)
        else:
            return None
    return value


def atoms(value):
    if value is None:
        return []
    if isinstance(value, list):
        return [a for v in value for a in atoms(v)]
    if isinstance(value, dict):
        if "display_value" in value and "value" in value:
            return [("date", int(value["value"]))]
        if "id" in value or "name" in value:
            return [("lookup", str(value.get("id")), str(value.get("name") or "").lower())]
        return []
    if isinstance(value, bool):
        return [("bool", value)]
    if isinstance(value, (int, float)):
        return [("num", value)]
    return [("text", str(value).lower())]


def text_of(value):
    return " ".join(a[2] if a[0] == "lookup" else str(a[1]).lower() for a in atoms(value))


def number(kind, wanted):
    if kind == "date":
        return parse_ms(wanted.get("value") if isinstance(wanted, dict) else wanted, "search_criteria")
    try:
        return float(wanted)
    except (TypeError, ValueError):
        raise bad("%r is not a number" % (wanted,))


def equal(atom, wanted):
    kind = atom[0]
    if kind == "lookup":
        if isinstance(wanted, dict):
            if wanted.get("id") not in (None, ""):
                return str(wanted["id"]) == atom[1]
            return str(wanted.get("name", "")).lower() == atom[2]
        return str(wanted).lower() in (atom[1], atom[2])
    if kind == "bool":
        return str(wanted).lower() == str(atom[1]).lower()
    if kind in ("date", "num"):
        return number(kind, wanted) == atom[1]
    return str(wanted).lower() == atom[1]


def ordered(atom, wanted):
    """(the record's value, the wanted one) in one comparable form."""
    if atom[0] in ("date", "num"):
        return atom[1], number(atom[0], wanted)
    mine = atom[2] if atom[0] == "lookup" else str(atom[1]).lower()
    return mine, str(wanted.get("name") if isinstance(wanted, dict) else wanted).lower()


def text_test(op, atom, wanted):
    mine = atom[2] if atom[0] == "lookup" else str(atom[1]).lower()
    wanted = str(wanted.get("name") if isinstance(wanted, dict) else wanted).lower()
    if op in ("contains", "not contains"):
        return wanted in mine
    return mine.startswith(wanted) if op == "starts with" else mine.endswith(wanted)


TEXT_TESTS = {"contains": lambda mine, wanted: wanted in mine, "not contains": lambda mine, wanted: wanted in mine,
              "starts with": str.startswith, "ends with": str.endswith, "is": str.__eq__, "is not": str.__eq__}


def condition(record, crit):
    path, op = crit["path"], crit["op"]
    raw = record.get(path[0]) if len(path) == 1 else value_at(record, path)
    if isinstance(raw, str) and crit["lower"] is not None and op in TEXT_TESTS:
        # A text field against text values, the common search: no atoms needed.
        mine, test = raw.lower(), TEXT_TESTS[op]
        hit = any(test(mine, wanted) for wanted in crit["lower"])
        return not hit if op in ("not contains", "is not") else hit
    found, values = atoms(raw), crit["values"]
    if op in ("is", "is not"):
        if values == [None]:
            hit = not found
        else:
            hit = any(equal(a, w) for a in found for w in values if w is not None)
        return hit if op == "is" else not hit
    if op in ("between", "not between"):
        hit = False
        for atom in found:
            low, high = ordered(atom, values[0])[1], ordered(atom, values[1])[1]
            hit = hit or low <= ordered(atom, values[0])[0] <= high
        return hit if op == "between" else not hit
    if op in ("contains", "not contains", "starts with", "ends with"):
        hit = any(text_test(op, a, w) for a in found for w in values)
        return not hit if op == "not contains" else hit
    tests = {"gt": lambda a, b: a > b, "gte": lambda a, b: a >= b, "lt": lambda a, b: a < b,
             "lte": lambda a, b: a <= b}[op]
    return any(tests(*ordered(a, w)) for a in found for w in values)


def evaluate(record, crit):
    result = condition(record, crit)
    for child in crit["children"]:
        result = join(result, evaluate(record, child), child["logic"])
    return result


def join(left, right, logic):
    return (left or right) if logic == "or" else (left and right)


def holds(record, crits):
    if crits is None:
        return True
    result = evaluate(record, crits[0])
    for crit in crits[1:]:
        result = join(result, evaluate(record, crit), crit["logic"])
    return result


def predicate(crits):
    """``holds`` as one function of a record; a lone text criterion on a top-level field (the usual search) is
    tested inline, a few times faster over 10,000 releases."""
    if crits is None:
        return lambda record: True
    if len(crits) == 1 and not crits[0]["children"] and len(crits[0]["path"]) == 1 \
            and crits[0]["lower"] is not None and crits[0]["op"] in TEXT_TESTS:
        field, test, wanted = crits[0]["path"][0], TEXT_TESTS[crits[0]["op"]], crits[0]["lower"]
        negate = crits[0]["op"] in ("not contains", "is not")

        def text_only(record):
            raw = record.get(field)
            if not isinstance(raw, str):
                return condition(record, crits[0])
            mine = raw.lower()
            return any(test(mine, w) for w in wanted) != negate
        return text_only
    return lambda record: holds(record, crits)


def candidates(state, crits):
    """The releases an all-``and`` search with a plain ``title is`` / ``id is`` criterion can only match (from the
    index), or None: every release must be tested."""
    if crits is None or any(c["logic"] == "or" for c in crits[1:]):
        return None
    for crit in crits:
        if crit["children"] or crit["op"] != "is" or len(crit["path"]) != 1 or None in crit["values"]:
            continue
        if crit["path"][0] == "title" and all(isinstance(v, str) for v in crit["values"]):
            return [r for v in crit["values"] for r in state.by_title.get(v.strip().lower(), [])]
        if crit["path"][0] == "id":
            return [r for r in (state.find(str(v).strip()) for v in crit["values"]) if r is not None]
    return None
