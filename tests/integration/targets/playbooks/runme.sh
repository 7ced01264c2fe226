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
echo "== deployment_pipeline in check mode, for a release that does not exist yet: it finishes and writes nothing"
python check.py clear-log
ansible-playbook relops.itsm.deployment_pipeline -e "@$WORKDIR/ok.json" --check > "$WORKDIR/check.log" 2>&1 ||
  { cat "$WORKDIR/check.log"; echo "the check-mode run failed"; exit 1; }
tail -n 3 "$WORKDIR/check.log"
grep -Eq "localhost +: ok=[0-9]+ +changed=[1-9]" "$WORKDIR/check.log" || { echo "check mode reported no change"; exit 1; }
grep -q "does not exist yet" "$WORKDIR/check.log" || { echo "no warning about the planned release"; exit 1; }
python check.py no-writes

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

echo "== release_report: releases due in December, their systems, health and recent changes, as Markdown and HTML"
# Relative paths: written in the directory ansible-playbook runs in, not in the installed collection.
COLLECTION="${ANSIBLE_COLLECTIONS_PATH%%:*}/ansible_collections/relops/itsm"
mkdir "$WORKDIR/out"
(cd "$WORKDIR/out" && ansible-playbook relops.itsm.release_report -e report_from=2026-12-01 \
  -e report_until=2027-01-01 -e report_changes_since=2026-11-15 -e report_path=report.md \
  -e report_html_path=report.html)
for file in report.md report.html; do
  [ -s "$WORKDIR/out/$file" ] || { echo "$file was not written in the current directory"; exit 1; }
  [ ! -e "$COLLECTION/playbooks/$file" ] || { echo "$file was written into the collection"; exit 1; }
done
python check.py report "$WORKDIR/out/report.md" 2026-12-01 2027-01-01 2026-11-15

echo "== the HTML page in headless Chromium: what it shows, and what a screenshot of it looks like"
command -v chromium > /dev/null || { echo "chromium is missing: apt-get install -y chromium (hacking/test.sh does)"; exit 1; }
chromium_run() {
  timeout 180 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d "$WORKDIR/chromium.XXXXXX")" --run-all-compositor-stages-before-draw \
    --virtual-time-budget=5000 --window-size=1200,900 "$@" 2>> "$WORKDIR/chromium.log"
}
chromium_run --dump-dom "file://$WORKDIR/out/report.html" > "$WORKDIR/dom.html" || { cat "$WORKDIR/chromium.log"; exit 1; }
chromium_run --screenshot="$WORKDIR/report.png" "file://$WORKDIR/out/report.html" > /dev/null ||
  { cat "$WORKDIR/chromium.log"; exit 1; }
python check.py html "$WORKDIR/out/report.html" "$WORKDIR/dom.html" "$WORKDIR/report.png" 2026-12-01 2027-01-01
