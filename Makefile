# The two commands of the README: `make demo` and `make test`. Both start from nothing but Python 3.11 and pip.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo demo-link shell test sanity units simulator integration lint changelog docs docs-site molecule build importer ee venv clean

venv: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -U pip
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

# The checkout seen as relops.itsm through a symlink, and the environment the demo and the shell run in.
DEMO_ENV = ANSIBLE_COLLECTIONS_PATH="$(CURDIR)/build/demo" ANSIBLE_PYTHON_INTERPRETER="$(CURDIR)/$(PY)" \
	ANSIBLE_STDOUT_CALLBACK=default ANSIBLE_CALLBACK_RESULT_FORMAT=yaml PATH="$(CURDIR)/$(VENV)/bin:$$PATH"

demo-link:
	rm -rf build/demo && mkdir -p build/demo/ansible_collections/relops
	ln -s "$(CURDIR)" build/demo/ansible_collections/relops/itsm

demo: $(STAMP) demo-link
	$(DEMO_ENV) $(PY) hacking/with_simulator.py --log build/demo/simulator.log -- \
	ansible-playbook -i localhost, -c local playbooks/demo.yml

# A shell whose PLUTORA_* variables point at a fresh simulator: try the README's ad-hoc commands; exit to stop it.
shell: $(STAMP) demo-link
	$(DEMO_ENV) $(PY) hacking/with_simulator.py --log build/demo/simulator.log -- $${SHELL:-bash}

test: $(STAMP)
	hacking/test.sh

sanity units simulator integration lint changelog docs docs-site molecule build importer ee: $(STAMP)
	hacking/test.sh $@

clean:
	rm -rf build $(VENV) tests/output
