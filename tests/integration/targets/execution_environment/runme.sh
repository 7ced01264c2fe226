#!/usr/bin/env bash
# meta/execution-environment.yml has two readers, and both must find what requirements.txt says (today no package:
# the modules need only the standard library):
#  1. ansible-builder building the file itself (paths relative to meta/): the context must carry the requirements
#     and name relops.itsm for ansible-galaxy;
#  2. ansible-builder introspecting an installed relops.itsm inside any EE (paths relative to the collection root).
# A container build is not possible here; the introspection script ansible-builder ships into the image is run
# against a real installation of the built collection instead.
set -eu
COLLECTION="${ANSIBLE_COLLECTIONS_PATH%%:*}/ansible_collections/relops/itsm"
WORKDIR="$(mktemp -d)"
trap 'rm -rf "$WORKDIR"' EXIT
reqs() { grep -v -e '^#' -e '^[[:space:]]*$' "$1"; }

echo "== meta/requirements.txt says what requirements.txt says"
diff <(reqs "$COLLECTION/requirements.txt") <(reqs "$COLLECTION/meta/requirements.txt")

echo "== ansible-builder create on the shipped file"
ansible-builder create --file "$COLLECTION/meta/execution-environment.yml" --context "$WORKDIR/ctx" \
  --output-filename Containerfile > "$WORKDIR/create.log" 2>&1 || { cat "$WORKDIR/create.log"; exit 1; }
CTX="$WORKDIR/ctx"
[ -f "$CTX/_build/requirements.txt" ] && [ ! -L "$CTX/_build/requirements.txt" ]
diff <(reqs "$COLLECTION/requirements.txt") <(reqs "$CTX/_build/requirements.txt")
grep -q '^COPY _build/requirements.txt requirements.txt$' "$CTX/Containerfile"
grep -q 'introspect.py introspect --user-pip=requirements.txt' "$CTX/Containerfile"
grep -q '^ARG ANSIBLE_INSTALL_REFS=".*ansible-core.*ansible-runner' "$CTX/Containerfile"
python - "$CTX/_build/requirements.yml" "$COLLECTION/meta/runtime.yml" "$CTX/Containerfile" <<'PY'
import re, sys
import yaml
from ansible.module_utils.compat.version import LooseVersion
names = [c["name"] for c in yaml.safe_load(open(sys.argv[1]))["collections"]]
assert names == ["relops.itsm"], names
# The ansible-core the image installs must satisfy requires_ansible.
floor = yaml.safe_load(open(sys.argv[2]))["requires_ansible"].lstrip(">=")
pins = re.search(r'ANSIBLE_INSTALL_REFS="ansible-core>=([0-9.]+)', open(sys.argv[3]).read())
assert pins and LooseVersion(pins.group(1)) >= LooseVersion(floor), (pins and pins.group(1), floor)
print("context names %s; ansible-core >= %s satisfies requires_ansible >= %s" % (names, pins.group(1), floor))
PY

echo "== introspection of an installed relops.itsm finds what requirements.txt says"
ansible-galaxy collection build "$COLLECTION" --output-path "$WORKDIR/dist" > /dev/null
# --force: the collection under test is already on the configured path, which would make this a no-op
ansible-galaxy collection install --force "$WORKDIR"/dist/relops-itsm-*.tar.gz -p "$WORKDIR/installed" > /dev/null 2>&1
python "$CTX/_build/scripts/introspect.py" introspect "$WORKDIR/installed" > "$WORKDIR/introspect.yml"
cat "$WORKDIR/introspect.yml"
python - "$WORKDIR/introspect.yml" "$COLLECTION/requirements.txt" <<'PY'
import sys
import yaml
text = open(sys.argv[1]).read()
data = yaml.safe_load(text[text.index("python:"):])
wanted = ["%s  # from collection relops.itsm" % l.strip() for l in open(sys.argv[2]) if l.strip() and not l.startswith("#")]
assert (data.get("python") or []) == wanted, (data.get("python"), wanted)
assert not data.get("system"), data.get("system")
print("introspection: %s, no system packages" % data["python"])
PY
