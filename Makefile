# Two commands for people (see README): `make run` and `make test`.
# Everything else here is a step they depend on.
PYTHON ?= python
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test system-deps lint bench

# The venv is rebuilt only when the dependency list changes.
$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e . --group dev
	touch $@

run: $(BIN)/.installed
	$(BIN)/python manage.py check
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# Browser tests need Debian's Chromium and CJK fonts; installed here when missing (needs root).
system-deps:
	@command -v chromium >/dev/null && fc-list | grep -q "Noto Sans CJK" || \
	  { apt-get update -q && apt-get install -y -q chromium fonts-noto-cjk; }

test: $(BIN)/.installed system-deps
	$(BIN)/python manage.py check
	$(BIN)/ruff check .
	$(BIN)/pytest

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
