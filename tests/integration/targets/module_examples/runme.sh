#!/usr/bin/env bash
# Every module's EXAMPLES, run as written against the simulator: the connection comes from PLUTORA_* variables,
# as a user's would, and each module's examples run as one play on a freshly reset simulator.
set -eu
WORKDIR="$(mktemp -d)"
trap 'rm -rf "$WORKDIR"' EXIT
# shellcheck source=../setup_plutora_env/plutora_env.sh
source ../setup_plutora_env/plutora_env.sh
# Every module of the collection, so a new module's EXAMPLES are run without editing this file.
MODULES="$(ansible-doc -t module -l relops.itsm --json | python -c 'import json, sys
print(" ".join(sorted(name.split(".")[-1] for name in json.load(sys.stdin))))')"
[ -n "$MODULES" ]
for module in $MODULES; do
  python - "$module" "$WORKDIR/$module.yml" <<'PY'
import subprocess, sys
import yaml
module, path = sys.argv[1], sys.argv[2]
docs = yaml.safe_load(subprocess.check_output(["ansible-doc", "--json", "relops.itsm." + module]))
tasks = yaml.safe_load(docs["relops.itsm." + module]["examples"])
reset = {"name": "Reset the simulator", "ansible.builtin.uri": {"url": "{{ lookup('env', 'PLUTORA_API_URL') }}/_sim/reset",
                                                                "method": "POST"}}
reset_test = {"name": "Reset the Plutora Test simulator",
              "ansible.builtin.uri": {"url": "{{ lookup('env', 'PLUTORA_TEST_API_URL') }}/_sim/reset", "method": "POST"}}
resets = [reset, reset_test]
if module.startswith("sdp_"):  # the SDP simulator's seed for the SDP modules
    resets.append({"name": "Reset the SDP simulator",
                   "ansible.builtin.uri": {"url": "{{ lookup('env', 'SDP_SERVER_URL') }}/_sim/reset", "method": "POST"}})
play = [{"name": "EXAMPLES of relops.itsm.%s" % module, "hosts": "localhost", "connection": "local",
         "gather_facts": False, "tasks": resets + tasks}]
with open(path, "w") as handle:
    yaml.safe_dump(play, handle, sort_keys=False)
print("relops.itsm.%s: %d examples" % (module, len(tasks)))
PY
  ansible-playbook "$WORKDIR/$module.yml"
done

# The README's ad-hoc commands, each line as written, on a freshly reset simulator: each must succeed.
README="$(ansible-galaxy collection list relops.itsm --format json | python -c 'import json, os, sys
print([os.path.join(p, "relops", "itsm", "README.md") for p in json.load(sys.stdin)][0])')"
python - "$README" "$WORKDIR/adhoc.sh" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
block = re.search(r"<!-- adhoc-commands -->\n```bash\n(.*?)```\n<!-- /adhoc-commands -->", text, re.S).group(1)
commands = [line for line in block.splitlines() if line.startswith("ansible ")]
assert len(commands) >= 10, "expected the README's ad-hoc block, found %d commands" % len(commands)
with open(sys.argv[2], "w") as handle:
    handle.write("".join(line + "\n" for line in commands))
print("README: %d ad-hoc commands" % len(commands))
PY
python -c 'import os, urllib.request
urllib.request.urlopen(urllib.request.Request(os.environ["PLUTORA_API_URL"] + "/_sim/reset", method="POST"))'
# With the two settings make shell has (the README names them): no warning about the missing inventory.
export ANSIBLE_INVENTORY_UNPARSED_WARNING=False ANSIBLE_LOCALHOST_WARNING=False
while IFS= read -r command; do
  echo "+ $command"
  bash -c "$command" </dev/null > "$WORKDIR/adhoc.out" 2>&1 || { cat "$WORKDIR/adhoc.out"; exit 1; }
  grep -E '^localhost \| (SUCCESS|CHANGED) =>' "$WORKDIR/adhoc.out"
  if grep -E 'No inventory was parsed|provided hosts list is empty' "$WORKDIR/adhoc.out"; then exit 1; fi
done < "$WORKDIR/adhoc.sh"
