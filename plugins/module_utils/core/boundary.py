# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one place errors become ``fail_json``, and the plumbing of connection option tables.

A vendor package declares its connection options as ``Option`` rows; ``argument_spec`` turns them into argument
spec entries with environment fallbacks, and ``run_module`` builds the vendor's client and calls the module's
``run``. Every result gets ``api_calls``; at verbosity 3 or more, ``http_log`` holds one line per request.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import io
import json
import os
import sys

from ansible.module_utils.basic import AnsibleFallbackNotFound, AnsibleModule

# First of the collection's imports: from a module's zip payload, importing it caches the compiled code of every
# module_utils imported after it (core/codecache.py).
from ansible_collections.relops.itsm.plugins.module_utils.core import codecache  # noqa: F401  pylint: disable=unused-import
from ansible_collections.relops.itsm.plugins.module_utils.core.errors import ApiError, ConfigurationError


class Option:
    """One connection option: its type, environment variable, default, whether it is a secret, its choices."""

    def __init__(self, kind, env, default=None, no_log=False, choices=None):
        self.kind = kind
        self.env = env
        self.default = default
        self.no_log = no_log
        self.choices = choices


def set_env_fallback(*names):
    """The first of these environment variables that is set and not empty.

    Unlike ``env_fallback``, an empty variable counts as unset: AWX and many CI systems inject every variable of a
    credential, with an empty value for an input left blank.
    """
    for name in names:
        value = os.environ.get(name)
        if value is not None and value.strip() != "":
            return value
    raise AnsibleFallbackNotFound


def argument_spec(options):
    """Argument spec entries for a table of ``Option`` rows, each with its environment fallback."""
    spec = {}
    for name, option in options.items():
        # no_log is explicit on every option: False tells the sanity check that e.g. token_cache is no secret.
        entry = {"type": option.kind, "fallback": (set_env_fallback, [option.env]), "no_log": option.no_log}
        if option.default is not None:
            entry["default"] = option.default
        if option.choices:
            entry["choices"] = list(option.choices)
        spec[name] = entry
    return spec


def at_least(params, name, minimum, what):
    """Refuse a number option below ``minimum``; None passes."""
    value = params.get(name)
    if value is not None and value < minimum:
        raise ConfigurationError("%s must be %s, got %s" % (name, what, value))


# What argument validation says of a string given where a dictionary is wanted: it names no option.
_NOT_A_DICT = "dictionary requested, could not parse JSON or key=value"


class Module(AnsibleModule):
    """AnsibleModule whose refusal of a non-dictionary item of a list-of-dictionaries option names the option."""

    def _load_params(self):
        super(Module, self)._load_params()
        # Validation replaces what it could not convert; keep what the task gave, for the message.
        self._given = copy.deepcopy(self.params)

    def fail_json(self, msg=None, **kwargs):
        if msg and _NOT_A_DICT in str(msg):
            msg = _name_dict_lists(self.argument_spec, getattr(self, "_given", self.params)) or msg
        super(Module, self).fail_json(msg=msg, **kwargs)


def _name_dict_lists(spec, params):
    """A message naming the first list-of-dictionaries option (top level) given something else."""
    for name, entry in spec.items():
        if entry.get("type") != "list" or entry.get("elements") != "dict" or params.get(name) is None:
            continue
        options = entry.get("options") or {}
        key = next((k for k, o in options.items() if o.get("required")), next(iter(options), "name"))
        value = params[name]
        if not isinstance(value, list):
            return ('%s must be a list of dictionaries, for example [{"%s": ...}]; got %r' % (name, key, value))
        for index, item in enumerate(value):
            if not isinstance(item, dict) and not (isinstance(item, str) and item.strip().startswith("{")):
                return ('%s[%d] must be a dictionary of its suboptions, for example {"%s": ...}; got %r'
                        % (name, index, key, item))
    return None


def run_module(module, connect, run):
    """Build the client with ``connect(module.params)``, call ``run(module, client) -> dict`` and exit.

    The collection's single error boundary: an ``ApiError`` anywhere becomes ``fail_json`` with its kind and the
    accounting; the client's ``warnings`` (a damaged cache replaced, TLS checks off) are shown once each.
    """
    client = None
    try:
        client = connect(module.params)
        result = run(module, client)
    except ApiError as exc:
        _warn(module, client)
        extra = exc.to_result()
        extra.update(_accounting(module, client))
        module.fail_json(msg=exc.message, **extra)
    _warn(module, client)
    result.update(_accounting(module, client))
    exit_json(module, result)


# A list or dictionary of a result at least this long (in JSON) is encoded here rather than by exit_json.
LARGE = 64 * 1024


class RecordList:
    """The records a module returns, each kept as its JSON text once it is complete.

    A read of many records then holds about the size of its result's JSON instead of Python objects of it (about
    five times as large), and ``exit_json`` writes the texts out one after another. Iterating decodes them again.
    """

    def __init__(self, records=()):
        self._texts = []
        for record in records:
            self.append(record)

    def append(self, record):
        self._texts.append(json.dumps(record))

    def __len__(self):
        return len(self._texts)

    def __iter__(self):
        return (json.loads(text) for text in self._texts)

    def texts(self):
        return self._texts


def exit_json(module, result):
    """``module.exit_json(**result)``, cheap for large results (many records).

    ``exit_json`` walks the whole result to mask ``no_log`` values (over 10,000 records about 1.3 million calls,
    most of a large read's time) and then encodes it with ansible-core's tagged-data encoder. A large list or
    dictionary of the result (or a ``RecordList``, already JSON text) is instead encoded here once with the standard
    ``json`` encoder and searched for every ``no_log`` value (and its JSON-escaped form, which any string holding it
    would contain): only when none occurs - then the scrub could change nothing - it stands in the result as a
    placeholder, is dropped from memory, and is written piece by piece where ``exit_json`` printed the placeholder.
    Anything else (a secret found, a value the encoder cannot take, ansible's own markers, a small result) goes
    through ``exit_json`` unchanged, so masking is never skipped where it could apply.
    """
    secrets = [str(v) for v in getattr(module, "no_log_values", ()) if str(v)]
    # Each secret as it is and JSON-escaped (the form any string holding it has in JSON text), worked out once.
    needles = sorted(set(secrets) | set(json.dumps(s)[1:-1] for s in secrets))
    spliced = {}
    tag = "relops-itsm-" + os.urandom(16).hex()
    usable = not any(s in tag for s in secrets)
    for key in list(result):
        value = result[key]
        if not isinstance(value, (list, dict, RecordList)) or key in ("diff", "invocation", "warnings", "deprecations"):
            continue
        texts = value.texts() if isinstance(value, RecordList) else _json_text(value)
        if not usable or texts is None or not _clean(texts, needles):
            if isinstance(value, RecordList):
                result[key] = list(value)
            continue
        placeholder = "%s-%d" % (tag, len(spliced))
        spliced[json.dumps(placeholder)] = _array(texts) if isinstance(value, RecordList) else texts
        result[key] = placeholder
        value = texts = None  # the records are no longer needed: only their JSON text is kept
    if not spliced:
        module.exit_json(**result)
    real, captured = sys.stdout, io.StringIO()
    sys.stdout = captured
    try:
        module.exit_json(**result)
    except SystemExit as done:
        sys.stdout = real
        if _write_spliced(real, captured.getvalue(), spliced) is False:
            done = SystemExit(1)
        raise done
    finally:
        sys.stdout = real


def _json_text(value):
    """``[JSON text of value]``, or None when the standard encoder cannot take it."""
    try:
        return [json.dumps(value)]
    except (TypeError, ValueError):
        return None


def _clean(texts, needles):
    """True if these JSON texts are large together and hold none of ``needles`` (the secrets, plain and escaped)
    nor anything ansible-core would decode as a tagged value."""
    if sum(len(text) for text in texts) < LARGE:
        return False
    for text in texts:
        if "__ansible" in text or any(needle in text for needle in needles):
            return False
    return True


def _array(texts):
    """The pieces of a JSON array of these texts, as json.dumps separates items."""
    pieces = ["["]
    for index, text in enumerate(texts):
        if index:
            pieces.append(", ")
        pieces.append(text)
    pieces.append("]")
    return pieces


def _write_spliced(stream, printed, spliced):
    """Write what exit_json printed with each placeholder string replaced by its JSON text pieces."""
    found = dict((placeholder, printed.find(placeholder)) for placeholder in spliced)
    if any(at < 0 for at in found.values()):  # never expected (a placeholder altered on the way): fail, not lie
        stream.write(json.dumps({"failed": True, "msg": "relops.itsm could not write this task's large result; run "
                                 "it with a smaller selection (limit) and report this as a bug"}))
        stream.flush()
        return False
    at = 0
    for placeholder, start in sorted(found.items(), key=lambda item: item[1]):
        stream.write(printed[at:start])
        for piece in spliced[placeholder]:
            stream.write(piece)
        at = start + len(placeholder)
    stream.write(printed[at:])
    stream.flush()


def _warn(module, client):
    for message in getattr(client, "warnings", None) or []:
        module.warn(message)


def _accounting(module, client):
    if client is None:
        return {"api_calls": 0}
    extra = {"api_calls": client.calls}
    if getattr(module, "_verbosity", 0) >= 3:
        extra["http_log"] = list(client.log)
    return extra
