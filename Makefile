# Two commands set everything up on a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test lint venv sysdeps translations bench installer clean

$(STAMP): pyproject.toml
	@py=$$(scripts/find-python) && echo "using $$py" && \
	  { [ -x $(PY) ] || $$py -m venv $(VENV); }
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP)

sysdeps:
	@bash scripts/system-deps.sh

translations: venv
	$(PY) scripts/build_translations.py

demo: venv sysdeps translations
	$(VENV)/bin/hall demo

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

test: venv sysdeps translations lint
	bash scripts/run-tests.sh $(PYTEST_ARGS)

installer: venv sysdeps translations
	bash installer/build-deb.sh

clean:
	rm -rf $(VENV) build dist
