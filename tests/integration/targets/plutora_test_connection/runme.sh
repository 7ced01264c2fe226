#!/usr/bin/env bash
# Plutora Test's connection in whole runs: forks share one login, the release gate playbook passes and fails as
# the defects say, a failing first token request is sent once more, and -vvvv output holds no secret.
set -eu
WORKDIR="$(mktemp -d)"
trap 'rm -rf "$WORKDIR"' EXIT
# shellcheck source=../setup_plutora_env/plutora_env.sh
source ../setup_plutora_env/plutora_env.sh
export ANSIBLE_PYTHON_INTERPRETER="${ANSIBLE_PYTHON_INTERPRETER:-$(command -v python)}"
export ANSIBLE_LOCALHOST_WARNING=false ANSIBLE_INVENTORY_UNPARSED_WARNING=false
sim() {  # sim METHOD PATH [JSON]: the Plutora Test simulator's control API; prints the answer
  python - "$@" <<'PY'
import json, os, sys, urllib.request
method, path = sys.argv[1], sys.argv[2]
data = sys.argv[3].encode() if len(sys.argv) > 3 else None
request = urllib.request.Request(os.environ["PLUTORA_TEST_API_URL"] + "/_sim/" + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
print(urllib.request.urlopen(request).read().decode())
PY
}
logins() {
  sim GET requests | python -c 'import json, sys
print(len([r for r in json.load(sys.stdin)["requests"] if r["path"].lower() == "/oauth/token"]))'
}

echo "== ten forks at once log in once"
sim POST reset > /dev/null
PLUTORA_TEST_TOKEN_CACHE="$WORKDIR/forks" ansible-playbook -i inventory.ini -f 10 forks.yml
[ "$(logins)" = 1 ] || { echo "expected one login, got $(logins)"; exit 1; }

echo "== the release gate passes for a release without open defects"
sim POST reset > /dev/null
ansible-playbook relops.itsm.release_gate -e gate_release=PORTAL-7.0 > "$WORKDIR/pass.log" 2>&1 ||
  { cat "$WORKDIR/pass.log"; exit 1; }
grep -q "Release PORTAL-7.0 may go" "$WORKDIR/pass.log"

echo "== a failing first token request is sent once more; the gate fails for PAY-4.2; -vvvv shows no secret"
sim POST reset > /dev/null
sim PUT config '{"first_login_fails": true}' > /dev/null
if PLUTORA_TEST_TOKEN_CACHE="$WORKDIR/flaky" ansible-playbook -vvvv relops.itsm.release_gate -e gate_release=PAY-4.2 \
    > "$WORKDIR/vvvv.log" 2>&1; then
  echo "the gate passed for PAY-4.2, which has open defects"; tail -20 "$WORKDIR/vvvv.log"; exit 1
fi
grep -q "fail_if_any: 4 defect(s) match: DEF-1004" "$WORKDIR/vvvv.log" || { tail -20 "$WORKDIR/vvvv.log"; exit 1; }
grep -q "POST /oauth/token -> 500" "$WORKDIR/vvvv.log"
grep -q "POST /defects/search -> 200" "$WORKDIR/vvvv.log"
[ "$(logins)" = 2 ] || { echo "expected the token request twice, got $(logins)"; exit 1; }
python - "$WORKDIR/vvvv.log" <<'PY'
import os, sys
log = open(sys.argv[1]).read()
secrets = [os.environ[name] for name in ("PLUTORA_TEST_CLIENT_SECRET", "PLUTORA_TEST_PASSWORD",
                                         "PLUTORA_CLIENT_SECRET", "PLUTORA_PASSWORD")]
leaked = [s for s in secrets if s in log]
tokens = [w for w in log.split() if len(w) > 120 and "/" not in w]
assert not leaked, "secrets found in -vvvv output"
assert not tokens, "something token-like found in -vvvv output"
print("checked %d bytes of -vvvv output: no secret, no token" % len(log))
PY
