#!/usr/bin/env bash
# The AWX credential type the collection ships, end to end:
#  1. playbook relops.itsm.install_awx_credential_type against a fake controller: check mode, create, no-op,
#     drift repaired with a PATCH of only the differing fields, a refused change, basic auth, a bad token;
#     -vvvv output never shows the token or the password;
#  2. the modules, run with nothing in their environment but what the type's injector renders (as AWX renders it)
#     from the simulator's login, connect and read.
set -eu
COLLECTION="${ANSIBLE_COLLECTIONS_PATH%%:*}/ansible_collections/relops/itsm"
DEFINITION="$COLLECTION/extensions/awx/plutora_credential_type.yml"
CONFIG="$(cd ../.. && pwd)/integration_config.yml"
PYTHON="$(command -v python)"
export ANSIBLE_PYTHON_INTERPRETER="$PYTHON"
WORKDIR="$(mktemp -d)"
FAKE_PID=""
cleanup() { [ -z "$FAKE_PID" ] || kill "$FAKE_PID" 2>/dev/null || true; rm -rf "$WORKDIR"; }
trap cleanup EXIT

FAKE_CONTROLLER_TOKEN="tok-$(python -c 'import secrets; print(secrets.token_hex(20))')"
FAKE_PASSWORD="pw-$(python -c 'import secrets; print(secrets.token_hex(12))')"
export FAKE_CONTROLLER_TOKEN FAKE_CONTROLLER_BASIC="admin:$FAKE_PASSWORD"
python fake_controller.py "$WORKDIR/port" &
FAKE_PID=$!
for _ in $(seq 50); do [ -s "$WORKDIR/port" ] && break; sleep 0.1; done
FAKE="http://127.0.0.1:$(cat "$WORKDIR/port")"
unset FAKE_CONTROLLER_BASIC

install() {  # install OUTFILE [ansible-playbook args]: run the playbook, keep its output (shown on failure)
  local out="$1"; shift
  ANSIBLE_CALLBACK_RESULT_FORMAT=json ansible-playbook relops.itsm.install_awx_credential_type "$@" > "$out" 2>&1 \
    || { cat "$out"; return 1; }
}

echo "== check mode on an empty controller: changed, nothing written"
CONTROLLER_HOST="$FAKE" CONTROLLER_OAUTH_TOKEN="$FAKE_CONTROLLER_TOKEN" install "$WORKDIR/check1" --check
python check.py run "$WORKDIR/check1" --changed --fake "$FAKE" --writes 0 --expect-message "check mode, nothing written"

echo "== first run creates the type exactly as shipped"
CONTROLLER_HOST="$FAKE" CONTROLLER_OAUTH_TOKEN="$FAKE_CONTROLLER_TOKEN" install "$WORKDIR/run1"
python check.py run "$WORKDIR/run1" --changed --fake "$FAKE" --writes 1 --last-write POST
python check.py stored "$FAKE" "$DEFINITION"

echo "== second run: not changed, no write; check mode agrees"
CONTROLLER_HOST="$FAKE" CONTROLLER_OAUTH_TOKEN="$FAKE_CONTROLLER_TOKEN" install "$WORKDIR/run2"
python check.py run "$WORKDIR/run2" --not-changed --fake "$FAKE" --writes 1 --expect-message "already up to date"
CONTROLLER_HOST="$FAKE" CONTROLLER_OAUTH_TOKEN="$FAKE_CONTROLLER_TOKEN" install "$WORKDIR/check2" --check
python check.py run "$WORKDIR/check2" --not-changed --fake "$FAKE" --writes 1

echo "== a changed definition: PATCH of only the fields that differ"
python check.py edit "$DEFINITION" "$WORKDIR/edited.yml" description injectors
CONTROLLER_HOST="$FAKE" CONTROLLER_OAUTH_TOKEN="$FAKE_CONTROLLER_TOKEN" \
  install "$WORKDIR/run3" -e "plutora_credential_type_file=$WORKDIR/edited.yml"
python check.py run "$WORKDIR/run3" --changed --fake "$FAKE" --writes 2 --last-write PATCH \
  --patched description,injectors --expect-message "updated description, injectors"
python check.py stored "$FAKE" "$WORKDIR/edited.yml"

echo "== back to the shipped definition, with basic auth instead of a token"
CONTROLLER_HOST="$FAKE" CONTROLLER_USERNAME=admin CONTROLLER_PASSWORD="$FAKE_PASSWORD" install "$WORKDIR/run4"
python check.py run "$WORKDIR/run4" --changed --fake "$FAKE" --writes 3 --last-write PATCH --patched description,injectors
python check.py stored "$FAKE" "$DEFINITION"
CONTROLLER_HOST="$FAKE" CONTROLLER_USERNAME=admin CONTROLLER_PASSWORD="$FAKE_PASSWORD" install "$WORKDIR/run5"
python check.py run "$WORKDIR/run5" --not-changed --fake "$FAKE" --writes 3

echo "== a type in use: the controller refuses new inputs and the playbook says why"
python check.py in-use "$FAKE"
python check.py edit "$DEFINITION" "$WORKDIR/new_inputs.yml" inputs
if CONTROLLER_HOST="$FAKE" CONTROLLER_OAUTH_TOKEN="$FAKE_CONTROLLER_TOKEN" \
    install "$WORKDIR/refused" -e "plutora_credential_type_file=$WORKDIR/new_inputs.yml" > /dev/null 2>&1; then
  echo "a refused PATCH must fail the play"; exit 1
fi
python check.py failed "$WORKDIR/refused" \
  "answered 403: {'detail': 'Modifications to inputs are not allowed for credential types that are in use'}"
python check.py stored "$FAKE" "$DEFINITION"

echo "== a wrong token fails with the controller's answer"
if CONTROLLER_HOST="$FAKE" CONTROLLER_OAUTH_TOKEN=not-the-token install "$WORKDIR/badtoken" > /dev/null 2>&1; then
  echo "a wrong token must fail the play"; exit 1
fi
python check.py failed "$WORKDIR/badtoken" "answered 401: Authentication credentials were not provided."

echo "== no controller given: a message that names the variables"
if (unset CONTROLLER_HOST TOWER_HOST; install "$WORKDIR/nohost" > /dev/null 2>&1); then
  echo "a missing controller_host must fail the play"; exit 1
fi
python check.py failed "$WORKDIR/nohost" "Set controller_host (CONTROLLER_HOST)"

echo "== -vvvv output, check mode and real runs, holds neither the token nor the password"
python check.py edit "$DEFINITION" "$WORKDIR/edited2.yml" description
for run in check edited plain; do
  case "$run" in
    check) args=(--check) ;;
    edited) args=(-e "plutora_credential_type_file=$WORKDIR/edited2.yml") ;;
    *) args=() ;;
  esac
  CONTROLLER_HOST="$FAKE" CONTROLLER_OAUTH_TOKEN="$FAKE_CONTROLLER_TOKEN" \
    ansible-playbook -vvvv relops.itsm.install_awx_credential_type "${args[@]}" >> "$WORKDIR/vvvv.log" 2>&1
  CONTROLLER_HOST="$FAKE" CONTROLLER_USERNAME=admin CONTROLLER_PASSWORD="$FAKE_PASSWORD" \
    ansible-playbook -vvvv relops.itsm.install_awx_credential_type "${args[@]}" >> "$WORKDIR/vvvv.log" 2>&1
done
grep -q "ok=" "$WORKDIR/vvvv.log"
python check.py no-secrets "$WORKDIR" "$FAKE_CONTROLLER_TOKEN" "$FAKE_PASSWORD" \
  "$(printf 'admin:%s' "$FAKE_PASSWORD" | base64)"

echo "== the modules run with only what the injector sets"
python render_injector.py "$DEFINITION" "$CONFIG" "$COLLECTION" "$WORKDIR/injected.env"
EXTRA=()
# The simulator serves plain HTTP in this suite; when it runs with --tls its CA reaches the modules the way a
# custom CA reaches them on a controller: through the execution environment, not through the credential.
CA="$(python -c 'import json,sys; print(json.load(open(sys.argv[1])).get("plutora_ca_cert") or "")' "$CONFIG")"
[ -z "$CA" ] || EXTRA+=("PLUTORA_CA_PATH=$CA")
mkdir -p "$WORKDIR/home"
run_clean() {  # run_clean OUTFILE CMD...: env -i, then PATH, HOME, Ansible's own settings and the injected variables
  local out="$1"; shift
  local injected
  mapfile -t injected < "$WORKDIR/injected.env"
  env -i PATH="$PATH" HOME="$WORKDIR/home" LC_ALL=C.UTF-8 ANSIBLE_COLLECTIONS_PATH="$ANSIBLE_COLLECTIONS_PATH" \
    ANSIBLE_PYTHON_INTERPRETER="$PYTHON" ANSIBLE_NOCOLOR=1 "${injected[@]}" ${EXTRA[@]+"${EXTRA[@]}"} "$@" > "$out" 2>&1
}
run_clean "$WORKDIR/me.log" ansible localhost -m relops.itsm.api -a path=/me || { cat "$WORKDIR/me.log"; exit 1; }
cat "$WORKDIR/me.log"
grep -q "SUCCESS" "$WORKDIR/me.log"
grep -q "\"$(python -c 'import json,sys; print(json.load(open(sys.argv[1]))["plutora_username"])' "$CONFIG")\"" \
  "$WORKDIR/me.log"
python -c 'import json, sys, urllib.request
url = json.load(open(sys.argv[1]))["plutora_api_url"] + "/_sim/reset"
urllib.request.urlopen(urllib.request.Request(url, method="POST"))' "$CONFIG"  # the seed's releases, whatever ran before
run_clean "$WORKDIR/releases.log" ansible localhost -m relops.itsm.release_info -a identifier=PAY-4.2 \
  || { cat "$WORKDIR/releases.log"; exit 1; }
grep -q "SUCCESS" "$WORKDIR/releases.log"
grep -q '"identifier": "PAY-4.2"' "$WORKDIR/releases.log" || { cat "$WORKDIR/releases.log"; exit 1; }
echo "release_info read PAY-4.2"
python check.py token-cache "$WORKDIR/home"
python check.py no-secrets "$WORKDIR" "$(python -c 'import json,sys; c=json.load(open(sys.argv[1]))
print(c["plutora_client_secret"]); print(c["plutora_password"])' "$CONFIG")" --skip injected.env

echo "== an unset optional input (empty PLUTORA_API_URL / PLUTORA_AUTH_URL) means the region's own hosts"
python render_injector.py "$DEFINITION" "$CONFIG" "$COLLECTION" "$WORKDIR/injected.env" --without api_url,auth_url --region eu
if run_clean "$WORKDIR/region.log" env PLUTORA_RETRIES=0 PLUTORA_TIMEOUT=5 ansible localhost -m relops.itsm.api -a path=/me; then
  echo "the region's real host is not reachable from the test; the call must fail"; exit 1
fi
grep -q "https://euoauth.plutora.com/oauth/token" "$WORKDIR/region.log" || { cat "$WORKDIR/region.log"; exit 1; }
echo "empty URL variables fell back to the eu region's hosts"
