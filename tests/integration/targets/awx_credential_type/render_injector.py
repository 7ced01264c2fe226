# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Render the credential type's env injector the way AWX does, after checking the definition the way AWX would.

    python render_injector.py DEFINITION INTEGRATION_CONFIG COLLECTION_ROOT OUT_FILE [--without F,G] [--region R]

The credential's inputs come from the simulator's login in INTEGRATION_CONFIG. OUT_FILE (mode 0600) gets one
NAME=value per line, as `env -i` takes them (values never hold a newline). Nothing secret is printed.

What AWX does, and this script repeats:
* when a type is saved: every field id is a valid name and unique, field keys are the known ones, every env
  variable name is allowed, and each template renders in a sandbox with StrictUndefined when every field is set;
* when a job starts: the namespace holds only the inputs with a non-empty value, each env template is rendered
  with jinja2's ImmutableSandboxedEnvironment (so an unset input renders as an empty string), and every env key
  is set, empty or not.
It then checks the result against the modules' option table (plugins/module_utils/plutora/connection.py).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import ast
import json
import os
import re
import sys

import yaml
from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

FIELD_KEYS = {"id", "label", "type", "format", "choices", "help_text", "multiline", "secret", "ask_at_runtime",
              "default"}
NAME = re.compile(r"^[a-zA-Z_]+[a-zA-Z0-9_]*$")
# Connection options that tune the client rather than say which tenant and which login: they stay with the job
# template or the execution environment. Every other option must come from the credential; a new connection
# option makes this script fail until it is put on one side or the other.
NOT_FROM_CREDENTIAL = {"validate_certs", "ca_path", "timeout", "token_cache", "retries", "rate_limit"}


def fail(msg):
    sys.exit("render_injector: " + msg)


def connection_options(collection):
    """The Plutora connection OPTIONS table, read without importing the collection: name -> (type, env, default,
    no_log, choices), from its ``Option(...)`` rows."""
    path = os.path.join(collection, "plugins", "module_utils", "plutora", "connection.py")
    tree = ast.parse(open(path).read(), path)
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "OPTIONS" for t in node.targets):
            table = {}
            for key, call in zip(node.value.keys, node.value.values):
                args = [ast.literal_eval(a) for a in call.args]
                kwargs = dict((k.arg, ast.literal_eval(k.value)) for k in call.keywords)
                args += [None] * (2 - len(args))
                table[ast.literal_eval(key)] = (args[0], args[1], kwargs.get("default"), kwargs.get("no_log", False),
                                                kwargs.get("choices"))
            return table
    fail("no OPTIONS table in %s" % path)


def validate_definition(definition):
    for key in ("name", "description", "kind", "inputs", "injectors"):
        if key not in definition:
            fail("the definition has no %s" % key)
    if definition["kind"] not in ("cloud", "net"):
        fail("AWX accepts kind cloud or net for a custom type, not %r" % definition["kind"])
    inputs = definition["inputs"]
    if set(inputs) - {"fields", "required"}:
        fail("unknown keys in inputs: %s" % sorted(set(inputs) - {"fields", "required"}))
    ids = []
    for field in inputs["fields"]:
        extra = set(field) - FIELD_KEYS
        if extra or not {"id", "label"} <= set(field):
            fail("field %r: unknown keys %s or no id/label" % (field.get("id"), sorted(extra)))
        if not NAME.match(field["id"]) or field["id"] == "tower" or field["id"] in ids:
            fail("field id %r is not a valid, unique, unreserved name" % field["id"])
        if field.get("type", "string") != "string":
            fail("field %s: only string fields are expected here" % field["id"])
        if field.get("format") not in (None, "url"):
            fail("field %s: unexpected format %r" % (field["id"], field.get("format")))
        if not field.get("help_text"):
            fail("field %s has no help_text" % field["id"])
        ids.append(field["id"])
    missing = set(inputs.get("required", [])) - set(ids)
    if missing:
        fail("required names unknown fields: %s" % sorted(missing))
    if set(definition["injectors"]) != {"env"}:
        fail("only an env injector is expected, got %s" % sorted(definition["injectors"]))
    strict = ImmutableSandboxedEnvironment(undefined=StrictUndefined)
    for var, template in definition["injectors"]["env"].items():
        if not NAME.match(var) or var.startswith("ANSIBLE_"):
            fail("AWX refuses the env variable name %s" % var)
        strict.from_string(template).render(dict((i, "EXAMPLE") for i in ids))  # raises on an unknown field
    return ids


def render(definition, credential_inputs):
    """AWX's job-time rendering: only non-empty inputs are defined; every env key is set."""
    namespace = dict((k, v) for k, v in credential_inputs.items() if v)
    env = ImmutableSandboxedEnvironment()
    return dict((var, env.from_string(template).render(**namespace))
                for var, template in definition["injectors"]["env"].items())


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("definition")
    parser.add_argument("config")
    parser.add_argument("collection")
    parser.add_argument("out")
    parser.add_argument("--without", default="", help="comma-separated inputs to leave unset")
    parser.add_argument("--region")
    opts = parser.parse_args()

    definition = yaml.safe_load(open(opts.definition))
    ids = validate_definition(definition)
    fields = dict((f["id"], f) for f in definition["inputs"]["fields"])

    config = json.load(open(opts.config))
    # The region is required; AWX stores a blank choice as its first choice. The explicit simulator URLs must
    # win over it, which this test proves: the region's real hosts are not reachable from here.
    credential_inputs = {"region": opts.region or fields["region"]["choices"][0]}
    for key in ("api_url", "auth_url", "client_id", "client_secret", "username", "password"):
        credential_inputs[key] = config["plutora_" + key]
    for key in filter(None, opts.without.split(",")):
        credential_inputs.pop(key)
    unknown = set(credential_inputs) - set(ids)
    if unknown:
        fail("the test sets inputs the type does not define: %s" % sorted(unknown))
    absent = [k for k in definition["inputs"].get("required", []) if not credential_inputs.get(k)]
    if absent:
        fail("AWX would refuse a credential without %s" % absent)
    for key, field in fields.items():
        if "choices" in field and key in credential_inputs and credential_inputs[key] not in field["choices"]:
            fail("%s=%r is not one of the choices" % (key, credential_inputs[key]))

    rendered = render(definition, credential_inputs)

    options = connection_options(opts.collection)
    env_to_option = dict((spec[1], name) for name, spec in options.items())
    stray = sorted(set(rendered) - set(env_to_option))
    if stray:
        fail("the injector sets variables no module reads: %s" % stray)
    injected_options = set(env_to_option[v] for v in rendered)
    needed = set(options) - NOT_FROM_CREDENTIAL
    if needed - injected_options:
        fail("connection options that must come from the credential are not injected: %s"
             % sorted(needed - injected_options))
    if injected_options & NOT_FROM_CREDENTIAL:
        fail("decide whether these belong to the credential: %s" % sorted(injected_options & NOT_FROM_CREDENTIAL))
    secret_options = set(name for name, spec in options.items() if spec[3])
    for var, value in rendered.items():
        option = env_to_option[var]
        if value != credential_inputs.get(option, ""):
            fail("%s should carry the %s input unchanged (or be empty when unset)" % (var, option))
        if option in secret_options and not fields.get(option, {}).get("secret"):
            fail("the %s input must be marked secret" % option)
        if not all(ord(c) < 128 for c in value):
            fail("AWX accepts only ASCII in env values (%s)" % var)
        if "\n" in value or "\0" in value:
            fail("%s holds a newline or NUL, which OUT_FILE cannot carry" % var)
    if secret_options - set(k for k, f in fields.items() if f.get("secret")):
        fail("secret options without a secret input: %s" % sorted(secret_options))

    fd = os.open(opts.out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        for var in sorted(rendered):
            handle.write("%s=%s\n" % (var, rendered[var]))
    print("injected %d variables: %s" % (len(rendered), ", ".join(
        "%s=%s" % (var, "<secret>" if env_to_option[var] in secret_options else (rendered[var] or "<empty>"))
        for var in sorted(rendered))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
