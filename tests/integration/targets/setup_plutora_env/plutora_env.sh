# shellcheck shell=bash
# Source from a runme.sh (aliases: needs/target/setup_plutora_env) with WORKDIR set to a private directory:
# exports the PLUTORA_* (and PLUTORA_TEST_*) variables of the simulators that ansible-test's integration_config.yml describes, and a token
# cache under WORKDIR, so the modules connect exactly as a user's would, with no connection options in the tasks.
CONFIG="$(cd ../.. && pwd)/integration_config.yml"
eval "$(python - "$CONFIG" "$WORKDIR" <<'PY'
import json, shlex, sys
config = json.load(open(sys.argv[1]))
for key in ("api_url", "auth_url", "client_id", "client_secret", "username", "password"):
    print("export PLUTORA_%s=%s" % (key.upper(), shlex.quote(config["plutora_" + key])))
print("export PLUTORA_TOKEN_CACHE=%s" % shlex.quote(sys.argv[2] + "/cache"))
for key in ("api_url", "auth_url", "client_id", "client_secret", "username", "password"):  # Plutora Test
    print("export PLUTORA_TEST_%s=%s" % (key.upper(), shlex.quote(config["plutora_test_" + key])))
print("export PLUTORA_TEST_TOKEN_CACHE=%s" % shlex.quote(sys.argv[2] + "/cache"))
# ServiceDesk Plus, on-premises edition (the SDP modules' own SDP_* variables)
if config.get("sdp_server_url"):
    print("export SDP_SERVER_URL=%s SDP_TECHNICIAN_KEY=%s SDP_TOKEN_CACHE=%s" % (
        shlex.quote(config["sdp_server_url"]), shlex.quote(config["sdp_technician_key"]),
        shlex.quote(sys.argv[2] + "/cache")))
    if config.get("sdp_ca_cert"):
        print("export SDP_CA_PATH=%s" % shlex.quote(config["sdp_ca_cert"]))
PY
)"
