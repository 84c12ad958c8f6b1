# Two commands on a fresh machine: `make demo` and `make test`.
VENV      := .venv
PY        := $(VENV)/bin/python
HUB       := $(VENV)/bin/hub
DEMO_DIR  := .hub/demo-sources
STAMP     := $(VENV)/.installed

.PHONY: venv demo test lint fmt bench bench-sync bench-floor bench-api bench-rules clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(PY) || $$(scripts/find-python.sh) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

demo: venv
	$(HUB) demo --sources $(DEMO_DIR)

test: venv
	scripts/ensure-postgres.sh
	$(VENV)/bin/ruff check .
	$(VENV)/bin/pytest

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

fmt: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: bench-sync bench-api bench-rules

bench-sync: venv
	$(PY) -m bench.sync --scale city

# SQLite's own share of a sync: the store bench-sync left, copied and indexed with no Python in between
bench-floor: venv
	$(PY) -m bench.floor

bench-api: venv
	$(PY) -m bench.api --scale city

bench-rules: venv
	$(PY) -m bench.rules

clean:
	rm -rf .hub .pytest_cache
