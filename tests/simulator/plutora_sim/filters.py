# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The vendor's two query languages: the GET ``filter=`` expression and the POST ``searchFilters`` list."""

import datetime
import functools
import re

OPERATORS = {
    "equals": "Equals", "=": "Equals", "notequals": "NotEquals", "!=": "NotEquals", "contains": "Contains",
    "~": "Contains", "notcontains": "NotContains", "!~": "NotContains", "greaterthan": "GreaterThan",
    ">": "GreaterThan", "greaterorequal": "GreaterOrEqual", ">=": "GreaterOrEqual", "lessthan": "LessThan",
    "<": "LessThan", "lessorequal": "LessOrEqual", "lessorequals": "LessOrEqual", "<=": "LessOrEqual",
    "hasvalue": "HasValue", "!\u2205": "HasValue", "hasnovalue": "HasNoValue", "\u2205": "HasNoValue",
    "iswithin": "IsWithin", "notwithin": "NotWithin", "startswith": "StartsWith",
}
SEARCH_OPERATORS = ("Equals", "NotEquals", "Contains", "NotContains", "GreaterThan", "GreaterOrEqual", "LessThan",
                    "LessOrEqual", "IsWithin", "NotWithin", "StartsWith")
ORDERINGS = {"GreaterThan": lambda a, b: a > b, "GreaterOrEqual": lambda a, b: a >= b, "LessThan": lambda a, b: a < b,
             "LessOrEqual": lambda a, b: a <= b}
_DATE_FORMATS = ("%Y-%m-%dT%H:%M:%S.%f", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d", "%Y/%m/%d", "%m/%d/%Y", "%d-%m-%Y")
_DATE_LIKE = re.compile(r"^\d{4}-\d\d-\d\d")
_YEAR_FIRST = re.compile(r"^\d{4}-")


class FilterError(Exception):
    """A filter the vendor answers with 500 (unknown property) or 400 (bad syntax or operator)."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


def parse_date(text):
    return _parse_date(str(text).strip())


@functools.lru_cache(maxsize=65536)  # a search compares the same few texts with every record: parse each once
def _parse_date(text):
    if text.endswith("Z"):
        text = text[:-1]
    text = re.sub(r"[+-]\d\d:\d\d$", "", text)
    if "." in text:
        head, frac = text.split(".", 1)
        text = head + "." + frac[:6]
    for fmt in _DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def _typed(record_value, wanted):
    """Coerce the wanted text to the record value's type: dates as dates, numbers as numbers, text folded."""
    if isinstance(record_value, bool):
        return record_value, str(wanted).lower() in ("true", "1", "yes")
    if isinstance(record_value, (int, float)):
        try:
            return float(record_value), float(wanted)
        except (TypeError, ValueError):
            return str(record_value).lower(), str(wanted).lower()
    if isinstance(record_value, str):
        if _DATE_LIKE.match(record_value):
            left, right = parse_date(record_value), parse_date(wanted)
            if left is not None and right is not None:
                return left, right
        return record_value.lower(), str(wanted).lower()
    return record_value, wanted


def matches(value, operator, wanted):
    if operator == "HasValue":
        return value not in (None, "", [])
    if operator == "HasNoValue":
        return value in (None, "", [])
    if operator in ("IsWithin", "NotWithin"):
        found = any(matches(value, "Equals", item.strip()) for item in str(wanted).split(","))
        return found if operator == "IsWithin" else not found
    if value is None:
        return operator in ("NotEquals", "NotContains")
    left, right = _typed(value, wanted)
    if operator == "Equals":
        return left == right
    if operator == "NotEquals":
        return left != right
    if operator in ("Contains", "NotContains", "StartsWith"):
        left, right = str(value).lower(), str(wanted).lower()
        if operator == "StartsWith":
            return left.startswith(right)
        return (right in left) == (operator == "Contains")
    try:
        return ORDERINGS[operator](left, right)  # both parsers only pass operators they know
    except TypeError:  # values that do not compare (a date and a word) match nothing
        return False


def resolve_property(name, sample_keys, entity):
    for key in sample_keys:
        if key.lower() == str(name).lower():
            return key
    raise FilterError(500, "Property '%s' does not exist on type '%s'." % (name, entity))


_TOKEN = re.compile(r"\s*(`[^`]*`|\(|\)|[^\s()`]+)")


def parse_filter(text, keys, entity):
    """Compile a GET ``filter`` expression into a predicate over records."""
    tokens = [t for t in _TOKEN.findall(text or "") if t.strip()]
    position = [0]

    def peek():
        return tokens[position[0]] if position[0] < len(tokens) else None

    def take():
        token = peek()
        if token is None:
            raise FilterError(400, "Unexpected end of filter expression.")
        position[0] += 1
        return token

    def term():
        token = take()
        if token == "(":
            predicate = disjunction()
            if take() != ")":
                raise FilterError(400, "Missing ')' in filter expression.")
            return predicate
        if not token.startswith("`"):
            raise FilterError(400, "Expected a `field` in filter expression, found '%s'." % token)
        field = resolve_property(token.strip("`"), keys, entity)
        op_token = take()
        operator = OPERATORS.get(op_token.lower())
        if operator is None:
            raise FilterError(400, "Unknown filter operator '%s'." % op_token)
        if operator in ("HasValue", "HasNoValue"):
            return lambda record: matches(record.get(field), operator, None)
        value = take()
        if not value.startswith("`"):
            raise FilterError(400, "Expected a `value` after '%s' in filter expression." % op_token)
        wanted = value[1:-1]
        return lambda record: matches(record.get(field), operator, wanted)

    def conjunction():
        predicates = [term()]
        while (peek() or "").lower() == "and":
            take()
            predicates.append(term())
        return lambda record: all(p(record) for p in predicates)

    def disjunction():
        predicates = [conjunction()]
        while (peek() or "").lower() == "or":
            take()
            predicates.append(conjunction())
        return lambda record: any(p(record) for p in predicates)

    predicate = disjunction()
    if peek() is not None:
        raise FilterError(400, "Unexpected '%s' in filter expression." % peek())
    return predicate


def search(records, search_filters, keys, entity):
    """Apply ``searchFilters`` (all must hold) and sort by each filter's property and direction."""
    compiled = []
    for item in search_filters or []:
        if not isinstance(item, dict):
            raise FilterError(400, "Each searchFilters item must be an object.")
        prop = resolve_property(item.get("property"), keys, entity)
        operator = None
        for name in SEARCH_OPERATORS:
            if name.lower() == str(item.get("operator") or "Equals").lower():
                operator = name
        if operator is None:
            raise FilterError(400, "Operator '%s' is not supported. Valid operators: %s."
                              % (item.get("operator"), ", ".join(SEARCH_OPERATORS)))
        direction = str(item.get("direction") or "ASC").upper()
        if direction not in ("ASC", "DESC"):
            raise FilterError(400, "Direction '%s' is not supported. Valid directions: ASC, DESC." % direction)
        compiled.append((prop, operator, item.get("value"), direction))
    found = [r for r in records if all(matches(r.get(p), o, v) for p, o, v, _d in compiled)]
    for prop, _o, _v, direction in reversed(compiled):
        found.sort(key=lambda r, p=prop: _sort_key(r.get(p)), reverse=direction == "DESC")
    return found


def _sort_key(value):
    if value is None:
        return (0, "")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (1, value)
    parsed = parse_date(value) if isinstance(value, str) and _YEAR_FIRST.match(value) else None
    if parsed is not None:
        return (2, parsed.isoformat())
    return (3, str(value).lower())
