#!/usr/bin/env bash
# The collection's playbooks, run as a user runs them (ansible-playbook relops.itsm.NAME) against the simulator.
# What they did is read back from the simulator's store by check.py (GET /_sim/data, /_sim/requests), never taken
# from the playbooks' own output.
set -eu
WORKDIR="$(mktemp -d)"
trap 'rm -rf "$WORKDIR"' EXIT
# shellcheck source=../setup_plutora_env/plutora_env.sh
source ../setup_plutora_env/plutora_env.sh
export ANSIBLE_PYTHON_INTERPRETER="${ANSIBLE_PYTHON_INTERPRETER:-$(command -v python)}"
export ANSIBLE_LOCALHOST_WARNING=false ANSIBLE_INVENTORY_UNPARSED_WARNING=false

python check.py reset

echo "== deployment_pipeline: a new release, two systems deployed"
cat > "$WORKDIR/ok.json" <<'JSON'
{"pipeline_release": "IT-PIPE-1",
 "pipeline_release_fields": {"name": "Pipeline test release", "release_type": "Minor", "status": "Draft",
                             "risk_level": "Low", "implementation_date": "2026-12-15T20:00:00Z",
                             "organization": "Payments"},
 "pipeline_systems": [{"name": "Payments API"}, {"name": "Auth Service", "environment": "Auth Service - SIT"}],
 "pipeline_started_at": "2026-11-22T08:00:00Z"}
JSON
ansible-playbook relops.itsm.deployment_pipeline -e "@$WORKDIR/ok.json"
python check.py deployed

echo "== deployment_pipeline again: Plutora gets no write"
python check.py clear-log
ansible-playbook relops.itsm.deployment_pipeline -e "@$WORKDIR/ok.json"
python check.py deployed
python check.py no-writes

echo "== deployment_pipeline: a failing system ends the run non-zero, after its rollback is recorded"
cat > "$WORKDIR/fail.json" <<'JSON'
{"pipeline_release": "PAY-4.2",
 "pipeline_systems": [{"name": "Ledger Core",
                       "command": ["sh", "-c", "echo 'ledger migration 0042 failed: lock timeout' >&2; exit 4"]},
                      {"name": "Search Gateway"}],
 "pipeline_started_at": "2026-11-22T08:30:00Z"}
JSON
rc=0
ansible-playbook relops.itsm.deployment_pipeline -e "@$WORKDIR/fail.json" > "$WORKDIR/fail.log" 2>&1 || rc=$?
tail -n 4 "$WORKDIR/fail.log"
[ "$rc" -ne 0 ] || { echo "a failed deployment ended the run with status 0"; exit 1; }
python check.py rolled-back

echo "== deployment_pipeline without the release identifier fails before any request"
python check.py clear-log
rc=0
ansible-playbook relops.itsm.deployment_pipeline -e '{"pipeline_systems": [{"name": "Payments API"}]}' \
  > "$WORKDIR/noid.log" 2>&1 || rc=$?
[ "$rc" -ne 0 ] && grep -q "Give the release identifier" "$WORKDIR/noid.log"
python check.py no-requests

echo "== deployment_pipeline for a release that does not exist, without its fields, names pipeline_release_fields"
python check.py clear-log
rc=0
ansible-playbook relops.itsm.deployment_pipeline -e pipeline_release=NOPE-1.0 \
  -e '{"pipeline_systems": [{"name": "Payments API"}]}' > "$WORKDIR/missing.log" 2>&1 || rc=$?
if [ "$rc" -eq 0 ] || ! grep -q "NOPE-1.0 does not exist in Plutora" "$WORKDIR/missing.log" ||
   ! grep -q "pipeline_release_fields" "$WORKDIR/missing.log"; then
  cat "$WORKDIR/missing.log"; exit 1
fi
python check.py no-writes

echo "== release_report: releases due in December, their systems, health and recent changes"
ansible-playbook relops.itsm.release_report -e report_from=2026-12-01 -e report_until=2027-01-01 \
  -e report_changes_since=2026-11-15 -e "report_path=$WORKDIR/report.md"
python check.py report "$WORKDIR/report.md" 2026-12-01 2027-01-01 2026-11-15
