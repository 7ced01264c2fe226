#!/usr/bin/env bash
# Connection-layer behaviour that needs whole ansible runs: forks, repeated tasks, -vvvv output, ad-hoc use.
set -eu
CONFIG="$(cd ../.. && pwd)/integration_config.yml"
EXTRA=(-e "@$CONFIG")
export ANSIBLE_PYTHON_INTERPRETER="${ANSIBLE_PYTHON_INTERPRETER:-$(command -v python)}"
WORKDIR="$(mktemp -d)"
trap 'rm -rf "$WORKDIR"' EXIT

echo "== ten forks at once log in once"
ansible-playbook -i inventory.ini -f 10 forks.yml "${EXTRA[@]}" -e "cache_dir=$WORKDIR/forks"

echo "== a wrong password across ten tasks spends one login attempt; -vvvv shows no secret"
ansible-playbook -i inventory.ini -vvvv wrong_password.yml "${EXTRA[@]}" -e "cache_dir=$WORKDIR/wrong" \
  > "$WORKDIR/vvvv.log" 2>&1
tail -5 "$WORKDIR/vvvv.log"
grep -q "login attempt(s) left" "$WORKDIR/vvvv.log"
grep -q "GET /me -> 200" "$WORKDIR/vvvv.log"
python - "$CONFIG" "$WORKDIR/vvvv.log" <<'PY'
import json, sys
config = json.load(open(sys.argv[1]))
log = open(sys.argv[2]).read()
secrets = [config["plutora_client_secret"], config["plutora_password"], "Wr0ng-Passw0rd-4-test", "Wr0ng-Secret-4-test"]
leaked = [s for s in secrets if s in log]
tokens = [w for w in log.split() if len(w) > 120 and "/" not in w]
assert not leaked, "secrets found in -vvvv output"
assert not tokens, "something token-like found in -vvvv output"
print("checked %d bytes of -vvvv output: no secret, no token" % len(log))
PY

echo "== ad-hoc with only environment variables"
out="$(env PLUTORA_API_URL="$(python -c 'import json,sys;print(json.load(open(sys.argv[1]))["plutora_api_url"])' "$CONFIG")" \
  PLUTORA_AUTH_URL="$(python -c 'import json,sys;print(json.load(open(sys.argv[1]))["plutora_auth_url"])' "$CONFIG")" \
  PLUTORA_CLIENT_ID="$(python -c 'import json,sys;print(json.load(open(sys.argv[1]))["plutora_client_id"])' "$CONFIG")" \
  PLUTORA_CLIENT_SECRET="$(python -c 'import json,sys;print(json.load(open(sys.argv[1]))["plutora_client_secret"])' "$CONFIG")" \
  PLUTORA_USERNAME="$(python -c 'import json,sys;print(json.load(open(sys.argv[1]))["plutora_username"])' "$CONFIG")" \
  PLUTORA_PASSWORD="$(python -c 'import json,sys;print(json.load(open(sys.argv[1]))["plutora_password"])' "$CONFIG")" \
  PLUTORA_TOKEN_CACHE="$WORKDIR/adhoc" \
  ansible localhost -m relops.itsm.api -a path=/me 2>&1)" || { echo "$out"; exit 1; }
echo "$out"
echo "$out" | grep -q 'SUCCESS'
echo "$out" | grep -q "$(python -c 'import json,sys;print(json.load(open(sys.argv[1]))["plutora_username"])' "$CONFIG")"
