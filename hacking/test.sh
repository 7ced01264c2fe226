#!/usr/bin/env bash
# Every quality gate of the collection, in the order a failure is cheapest to read.
# Usage: hacking/test.sh [STEP...]
#   steps: sanity units simulator simulator-package integration matrix bench lint changelog docs docs-site
#          molecule build importer ee (default: all); matrix is core-2.16 and core-2.21, each a step of its own too
# Prints one "::: step OK|FAILED" line per step and ends with "ci: N passed, N failed".
# The steps' bash -c '...' scripts expand their own "$0", "$1"... when they run, not when this file is read.
# shellcheck disable=SC2016
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"
# The copy lives outside the git checkout: inside it, ansible-test would ask git and skip ignored build files.
WORK="${TMPDIR:-/tmp}/relops.itsm-test-$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1)"
COLL="$WORK/ansible_collections/relops/itsm"
STEPS=("$@"); [ ${#STEPS[@]} -gt 0 ] || STEPS=(sanity units simulator simulator-package integration matrix bench lint changelog docs \
  docs-site molecule build importer ee)
# The oldest and the newest ansible-core that meta/runtime.yml claims, each with a controller Python it supports
# (2.16: 3.10-3.12; 2.21: 3.12-3.14), as "SHORT CORE PYTHON". The main run above them is 2.19 on Python 3.11.
MATRIX=("2.16 2.16.19 3.12" "2.21 2.21.5 3.13")
export PATH="$VENV/bin:$PATH" ANSIBLE_COLLECTIONS_PATH="$WORK" ANSIBLE_PYTHON_INTERPRETER="$PY"
export ANSIBLE_FORCE_COLOR=0 PY_COLORS=0 NO_COLOR=1 ANSIBLE_NOCOLOR=1
PASS=0; FAIL=0; FAILED=()

step() {  # step NAME CMD...  (runs in the collection copy; never aborts the script)
  local name="$1"; shift; local t0=$SECONDS
  echo "::: $name: $*"
  if (cd "$COLL" && "$@"); then PASS=$((PASS+1)); echo "::: $name OK ($((SECONDS-t0))s)"
  else FAIL=$((FAIL+1)); FAILED+=("$name"); echo "::: $name FAILED ($((SECONDS-t0))s)"; fi
}

# ansible-test needs a physical .../ansible_collections/relops/itsm directory: copy what git would ship.
rm -rf "$WORK"; mkdir -p "$COLL" "$ROOT/build"
(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf -) | tar -xf - -C "$COLL"

# ansible-test fetches a get-pip script from a host we cannot reach; serve it pip from PyPI instead. Each ansible-core
# wants its own pip version (2.16: 23.1.2, 2.19: 24.2, 2.21: 25.2): fill_get_pip PYTHON, with PYTHON's ansible-test.
CACHE="$HOME/.ansible/test/cache"; mkdir -p "$CACHE"
fill_get_pip() {
  local pipv
  pipv="$("$1" -c 'import sys
from ansible_test._internal.python_requirements import get_venv_packages as g
from ansible_test._internal.host_configs import NativePythonConfig as P
print(g(P(version="%d.%d" % sys.version_info[:2], path="x"))["pip"])' 2>/dev/null || echo 24.2)"
  [ -f "$CACHE/pip-$pipv-py3-none-any.whl" ] || "$PY" -m pip download -q --no-deps "pip==$pipv" -d "$CACHE"
  cp "$ROOT/hacking/get_pip_offline.py" "$CACHE/get_pip_${pipv//./_}.py"
}
fill_get_pip "$PY"

# Real interpreters (not pyenv shims) so compile/import sanity covers every target Python present.
PYBIN="$WORK/pybin"; rm -rf "$PYBIN"; mkdir -p "$PYBIN"
PYROOT="$(pyenv root 2>/dev/null || true)"
for v in 3.8 3.9 3.10 3.11 3.12 3.13; do
  for c in "$PYROOT"/versions/"$v".*/bin/python"$v"; do [ -n "$PYROOT" ] && [ -x "$c" ] && ln -sf "$c" "$PYBIN/python$v"; done
done
ln -sf "$PY" "$PYBIN/python3.11"
export PATH="$PYBIN:$PATH"
SANITY_PY=(--python 3.11); [ -x "$PYBIN/python3.8" ] && SANITY_PY=()

ensure_chromium() {  # the playbooks integration target opens the HTML report in headless Chromium, from Debian
  command -v chromium > /dev/null || { echo "::: installing chromium with apt-get (log: build/apt-chromium.log)"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 \
        chromium; } > "$ROOT/build/apt-chromium.log" 2>&1 || echo "::: could not install chromium"; }
}

# core_venv CORE PYTHON: a venv of that ansible-core on the pyenv interpreter (a bare pythonX.Y may be a broken
# pyenv shim), made once per requirements, with ansible-test's get-pip cache filled for its pip.
core_venv() {
  local venv="$ROOT/build/core-$1-py$2" base stamp
  stamp="$venv/.installed-$(cat "$ROOT/requirements.txt" "$ROOT/requirements-matrix.txt" | cksum | cut -d' ' -f1)"
  if [ ! -f "$stamp" ]; then
    base="$PYBIN/python$2"
    [ -x "$base" ] || { echo "no Python $2 found under $(pyenv root 2>/dev/null || echo '(no pyenv)')/versions"; return 1; }
    echo "making $venv from $(readlink -f "$base")"
    rm -rf "$venv" && "$base" -m venv "$venv" &&
      "$venv/bin/python" -m pip install -q --disable-pip-version-check "ansible-core==$1" \
        -r "$ROOT/requirements-matrix.txt" || return 1
    touch "$stamp"
  fi
  "$venv/bin/ansible" --version | head -n 1
  fill_get_pip "$venv/bin/python"
}

# matrix_run SHORT CORE PYTHON: sanity (on the controller Python: the main run covers every target Python) and the
# integration targets with that ansible-core, its Python also being the modules' interpreter.
matrix_run() {
  local venv="$ROOT/build/core-$2-py$3" failed=$FAIL
  step "venv-$1" core_venv "$2" "$3"
  [ "$FAIL" = "$failed" ] || return 0
  step "sanity-$1" env PATH="$venv/bin:$PATH" ANSIBLE_PYTHON_INTERPRETER="$venv/bin/python" \
    ansible-test sanity --local --python "$3" --color no
  ensure_chromium
  step "integration-$1" env PATH="$venv/bin:$PATH" ANSIBLE_PYTHON_INTERPRETER="$venv/bin/python" \
    "$PY" "$ROOT/hacking/with_simulator.py" --log "$ROOT/build/simulator-$1.log" \
    --integration-config tests/integration/integration_config.yml -- \
    ansible-test integration --local --python "$3" --color no
}

for s in "${STEPS[@]}"; do
  case "$s" in
    sanity) step sanity ansible-test sanity --local "${SANITY_PY[@]}" --color no ;;
    units) step units env PYTHONPATH="$WORK" "$PY" -m pytest -q -p no:cacheprovider tests/unit
      # The one date parser runs on the targets' Pythons too (stdlib unittest: those have no pytest).
      for p in "$PYBIN"/python3.*; do
        step "dates-$(basename "$p")" env PYTHONPATH="$WORK" "$p" -m unittest discover -q \
          -s tests/unit/plugins/module_utils/core -p test_dates.py
      done ;;
    simulator) step simulator "$PY" -m pytest -q -p no:cacheprovider tests/simulator/tests ;;
    simulator-package)  # the simulator as users install it: a wheel, a venv of its own, plutora-sim from PATH
      # Built from a copy (an in-tree build leaves build/ and *.egg-info behind); the venv's Python is the oldest
      # that pyproject.toml claims (3.10) when pyenv has it.
      step simulator-package bash -c 'dist="$0" venv="$1" src="$2" py="$3" base="$4" root="$5" log="$5/build/simulator-package.log"
        rm -rf "$dist" "$venv" "$src" && mkdir -p "$dist" && cp -r tests/simulator "$src" && : > "$log" &&
        "$py" -m pip wheel -q --disable-pip-version-check --no-deps -w "$dist" "$src" >> "$log" 2>&1 &&
        "$py" -c "import sys, zipfile; names = zipfile.ZipFile(sys.argv[1]).namelist()
bad = [n for n in names if n.startswith((\"tests/\", \"plugins/\")) or \"dummy_sim\" in n]
assert not bad, bad; print(sys.argv[1], len(names), \"files\")" "$dist"/relops_itsm_simulator-*.whl &&
        { [ -x "$base" ] || base="$py"; } && "$base" -m venv "$venv" &&
        "$venv/bin/python" -m pip install -q --disable-pip-version-check "$dist"/*.whl >> "$log" 2>&1 &&
        cd / && env -u PYTHONPATH PATH="$venv/bin:/usr/bin:/bin" python "$root/hacking/check_simulator_package.py" ||
        { tail -n 20 "$log"; false; }' \
        "$ROOT/build/simulator-dist" "$WORK/simulator-venv" "$WORK/simulator-src" "$PY" "$PYBIN/python3.10" "$ROOT" ;;
    integration)
      ensure_chromium
      step integration "$PY" hacking/with_simulator.py --log "$ROOT/build/simulator.log" \
        --integration-config tests/integration/integration_config.yml -- \
        ansible-test integration --local --python 3.11 --color no ;;
    bench) step bench "$PY" bench/run.py --quick --log "$ROOT/build/bench-simulator.log" ;;  # runs, judges no time
    matrix) for m in "${MATRIX[@]}"; do read -r short core pyv <<< "$m"; matrix_run "$short" "$core" "$pyv"; done ;;
    core-*) found=0
      for m in "${MATRIX[@]}"; do read -r short core pyv <<< "$m"
        [ "core-$short" = "$s" ] && { found=1; matrix_run "$short" "$core" "$pyv"; }; done
      [ "$found" = 1 ] || { echo "unknown step $s"; FAIL=$((FAIL+1)); FAILED+=("$s"); } ;;
    lint) step ansible-lint env HOME="$WORK/lint-home" ansible-lint --nocolor ;;  # it installs the collection in ~
    build) step build bash -c 'ansible-galaxy collection build --force --output-path "$0/dist" >/dev/null &&
        tar -tzf "$0"/dist/relops-itsm-*.tar.gz > "$0/dist/files.txt" &&
        grep -q "^plugins/modules/api.py$" "$0/dist/files.txt" &&
        ! grep -E "^(tests/simulator|tests/output|bench|hacking|build|\.ci|\.venv)/" "$0/dist/files.txt" &&
        echo "built $(wc -l < "$0/dist/files.txt") files"' "$WORK" ;;
    changelog) step changelog antsibull-changelog lint ;;
    docs) step docs-lint antsibull-docs lint-collection-docs --plugin-docs --validate-collection-refs self \
        --disallow-unknown-collection-refs . ;;
    docs-site)  # the HTML site antsibull-docs sets up, built offline with warnings as errors (docs/site/offline_conf.py)
      step docs-site bash -c 'rm -rf "$0" && mkdir -p "$0/rst" && chmod 755 "$0" "$0/rst" &&
        antsibull-docs sphinx-init --use-current --lenient --fail-on-error --dest-dir "$0" relops.itsm > /dev/null &&
        cat docs/site/offline_conf.py >> "$0/conf.py" &&
        antsibull-docs --config-file "$0/antsibull-docs.cfg" collection --cleanup everything --fail-on-error \
          --use-current --dest-dir "$0/rst" relops.itsm > /dev/null &&
        sphinx-build -q -W --keep-going -b html -c "$0" "$0/rst" "$0/build/html" &&
        echo "site: $0/build/html/index.html"' "$ROOT/build/docs-site" ;;
    molecule)  # every scenario of every role, each against its own simulator
      found=0
      for m in "$COLL"/roles/*/molecule/*/molecule.yml; do
        [ -f "$m" ] || continue; found=1
        r="$(dirname "$(dirname "$(dirname "$m")")")"; sc="$(basename "$(dirname "$m")")"
        # molecule installs the collection into ~/.ansible/collections, where it would shadow the copy under test
        # in later ansible-lint runs (and a user's own install): give it a HOME of its own.
        step "molecule-$(basename "$r")-$sc" bash -c 'cd "$0" && mkdir -p "$4" && HOME="$4" python \
            "$1/hacking/with_simulator.py" --log "$2/build/molecule-simulator.log" -- molecule test -s "$3"' \
            "$r" "$COLL" "$ROOT" "$sc" "$WORK/molecule-home"
      done
      [ "$found" = 1 ] || step molecule bash -c 'echo "no molecule scenario found"; false' ;;
    importer)  # galaxy-importer exits 0 on lint findings: gate on its WARNING/ERROR lines too
      step importer bash -c 'cd "$0/dist" && python -m galaxy_importer.main relops-itsm-*.tar.gz > importer.log 2>&1;
        rc=$?; tail -n 5 importer.log; [ $rc -eq 0 ] && ! grep -E "^(WARNING|ERROR):" importer.log' "$WORK" ;;
    ee) step ee ansible-builder create --file meta/execution-environment.yml --context "$WORK/ee-context" \
        --output-filename Containerfile ;;
    *) echo "unknown step $s"; FAIL=$((FAIL+1)); FAILED+=("$s") ;;
  esac
done
echo "failed steps: ${FAILED[*]:-none}"
echo "ci: $PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
