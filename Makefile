# The two commands of the README: `make demo` and `make test`. Both start from nothing but Python 3.11 and pip.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test sanity units simulator integration lint changelog docs molecule build importer ee venv clean

venv: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -U pip
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

demo: $(STAMP)
	rm -rf build/demo && mkdir -p build/demo/ansible_collections/relops
	ln -s "$(CURDIR)" build/demo/ansible_collections/relops/itsm
	ANSIBLE_COLLECTIONS_PATH="$(CURDIR)/build/demo" ANSIBLE_PYTHON_INTERPRETER="$(CURDIR)/$(PY)" \
	ANSIBLE_STDOUT_CALLBACK=default ANSIBLE_CALLBACK_RESULT_FORMAT=yaml PATH="$(CURDIR)/$(VENV)/bin:$$PATH" \
	$(PY) hacking/with_simulator.py --log build/demo/simulator.log -- \
	ansible-playbook -i localhost, -c local playbooks/demo.yml

test: $(STAMP)
	hacking/test.sh

sanity units simulator integration lint changelog docs molecule build importer ee: $(STAMP)
	hacking/test.sh $@

clean:
	rm -rf build $(VENV) tests/output
