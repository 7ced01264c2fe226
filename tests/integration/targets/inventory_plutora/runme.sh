#!/usr/bin/env bash
# The relops.itsm.plutora inventory end to end: ansible-inventory shows the simulator's hosts and groups, a playbook
# runs on an environment's hosts with connection: local, and inventory plus tasks log in once; the inventory cache
# answers a second run without a request; bad configuration fails with a message and no traceback.
set -eu
WORKDIR="$(mktemp -d)"
trap 'rm -rf "$WORKDIR"' EXIT
# shellcheck source=../setup_plutora_env/plutora_env.sh
source ../setup_plutora_env/plutora_env.sh
ANSIBLE_PYTHON_INTERPRETER="$(command -v python)"  # ansible-test sets a placeholder for inventories to replace
export ANSIBLE_PYTHON_INTERPRETER
export ANSIBLE_INVENTORY_ENABLED=relops.itsm.plutora ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED=true
requests() {  # requests PATH-PREFIX: how many API requests the simulator logged whose path starts with it
  python - "$PLUTORA_API_URL" "$1" <<'PY'
import json, sys, urllib.request
log = json.load(urllib.request.urlopen(sys.argv[1] + "/_sim/requests", timeout=10))["requests"]
print(len([r for r in log if r["path"].lower().startswith(sys.argv[2].lower())]))
PY
}
clear_log() { python -c 'import sys, urllib.request; urllib.request.urlopen(urllib.request.Request(sys.argv[1] + "/_sim/requests", method="DELETE"), timeout=10)' "$PLUTORA_API_URL"; }

cat > "$WORKDIR/plutora.yml" <<YAML
plugin: relops.itsm.plutora
systems: [Payments API, Ledger Core]
statuses: [Active]
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: $WORKDIR/inventory-cache
cache_timeout: 600
YAML

clear_log
echo "== the graph"
ansible-inventory -i "$WORKDIR/plutora.yml" --graph | tee "$WORKDIR/graph"
grep -q -- "--@environment_payments_api_uat:" "$WORKDIR/graph"
grep -q -- "--@system_ledger_core:" "$WORKDIR/graph"
grep -q -- "--@status_active:" "$WORKDIR/graph"
grep -q -- "pay-uat-db01.example.com" "$WORKDIR/graph"

echo "== a playbook on the inventory's hosts, connection: local"
mkdir "$WORKDIR/out"
ansible-playbook -i "$WORKDIR/plutora.yml" deploy.yml -e "out_dir=$WORKDIR/out"
ls "$WORKDIR/out"
[ "$(find "$WORKDIR/out" -name '*.json' | wc -l)" -eq 3 ]
grep -q '"payments-api": "4.2.0"' "$WORKDIR/out/pay-uat-app01.example.com.json"
echo "token requests for the inventory and the playbook: $(requests /oauth/token)"
[ "$(requests /oauth/token)" -eq 1 ]
echo "environment requests (the playbook read the inventory from the cache): $(requests /environments)"
[ "$(requests /environments)" -eq 9 ]  # 1 list + the 8 environments of the two systems, all by ansible-inventory

echo "== a cache hit makes no request"
clear_log
ansible-inventory -i "$WORKDIR/plutora.yml" --list > "$WORKDIR/list"
[ "$(requests /)" -eq 0 ]
grep -q "pay-prod-app01.example.com" "$WORKDIR/list"

echo "== bad configuration: a message, no traceback"
printf 'plugin: relops.itsm.plutora\nsystems: [No Such System]\n' > "$WORKDIR/bad_plutora.yml"
if ansible-inventory -i "$WORKDIR/bad_plutora.yml" --list > /dev/null 2> "$WORKDIR/bad.err"; then
  echo "a system that names nothing was accepted"; exit 1
fi
# (older ansible-core wraps warnings: compare with the line breaks made spaces)
tr -s '\n ' '  ' < "$WORKDIR/bad.err" | grep -q "systems 'No Such System' is not a Plutora system; valid: "
if grep -q Traceback "$WORKDIR/bad.err"; then cat "$WORKDIR/bad.err"; exit 1; fi
echo "ok"
