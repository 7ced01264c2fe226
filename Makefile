# The two commands of the README: `make demo` and `make test`. Both start from nothing but Python 3.11 and pip.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo demo-link shell test bench sanity units simulator simulator-package integration matrix core-2.16 core-2.21 lint changelog docs docs-site molecule build importer ee venv clean

venv: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	@echo "make: installing the tools into $(VENV) (first run, or after a requirements change: about 2 minutes)"
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install -q --disable-pip-version-check -U pip
	@$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	@touch $(STAMP)
	@echo "make: $(VENV) is ready"

# The checkout seen as relops.itsm through a symlink, and the environment the demo and the shell run in. The two
# warnings are about running without an inventory, which is how the README's commands use the implicit localhost.
DEMO_ENV = ANSIBLE_COLLECTIONS_PATH="$(CURDIR)/build/demo" ANSIBLE_PYTHON_INTERPRETER="$(CURDIR)/$(PY)" \
	ANSIBLE_STDOUT_CALLBACK=default ANSIBLE_CALLBACK_RESULT_FORMAT=yaml PATH="$(CURDIR)/$(VENV)/bin:$$PATH" \
	ANSIBLE_INVENTORY_UNPARSED_WARNING=False ANSIBLE_LOCALHOST_WARNING=False

demo-link:
	rm -rf build/demo && mkdir -p build/demo/ansible_collections/relops
	ln -s "$(CURDIR)" build/demo/ansible_collections/relops/itsm

demo: $(STAMP) demo-link
	@echo "make demo: starting the Plutora and SDP simulators (log: build/demo/simulator.log) and running playbooks/demo.yml"
	@echo "make demo: one of its two deployments (Ledger Core) fails on purpose, to show how a failure is recorded"
	@$(DEMO_ENV) $(PY) hacking/with_simulator.py --log build/demo/simulator.log -- \
	ansible-playbook -i localhost, -c local playbooks/demo.yml
	@echo "make demo: done; the one red failure above (Ledger Core) was staged, and rescued by the role: rescued=1, failed=0"

# A shell whose PLUTORA_* variables point at a fresh simulator: try the README's ad-hoc commands; exit to stop it.
SHELL_BANNER = echo "make shell: Plutora simulator at $$PLUTORA_API_URL (tokens from $$PLUTORA_AUTH_URL), as"; \
	echo "  $$PLUTORA_USERNAME; fresh seed data, kept in memory until you leave. PLUTORA_* and ANSIBLE_* are set:"; \
	echo "  try the ad-hoc commands of the README, e.g.  ansible localhost -m relops.itsm.api -a path=/me"; \
	echo "  Type exit (or Ctrl-D) to leave; that stops the simulator. Its log: build/demo/simulator.log"
shell: $(STAMP) demo-link
	@echo "make shell: starting the Plutora simulator"
	@$(DEMO_ENV) $(PY) hacking/with_simulator.py --log build/demo/simulator.log -- \
	bash -c '$(SHELL_BANNER); exec "$${SHELL:-bash}"'
	@echo "make shell: left the shell; the simulator is stopped"

test: $(STAMP)
	hacking/test.sh

# The benchmarks against a fresh simulator (bench/README.md): N = 10, 50, 200 and 10,000 records; BENCH_ARGS to
# change that (e.g. BENCH_ARGS="--sizes 10 --rounds 2"). hacking/test.sh bench runs them once at a small size.
BENCH_ARGS ?=
bench: $(STAMP)
	$(PY) bench/run.py $(BENCH_ARGS)

sanity units simulator simulator-package integration matrix core-2.16 core-2.21 lint changelog docs docs-site molecule build \
	importer ee: $(STAMP)
	hacking/test.sh $@

clean:
	rm -rf build $(VENV) tests/output
