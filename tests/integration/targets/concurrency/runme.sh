#!/usr/bin/env bash
# Twenty forks at once on shared and own releases: no duplicate, no lost update, no corrupt cache, one login.
set -eu
WORKDIR="$(mktemp -d)"
trap 'rm -rf "$WORKDIR"' EXIT
# shellcheck source=/dev/null
source ../setup_plutora_env/plutora_env.sh
export ANSIBLE_PYTHON_INTERPRETER="${ANSIBLE_PYTHON_INTERPRETER:-$(command -v python)}"
ansible-playbook -i inventory.ini -f 20 concurrency.yml
ansible-playbook -i inventory.ini -f 20 concurrency.yml -e second_run=true
