# Two commands for people (see README): `make run` and `make test`.
# Everything else here is a step they depend on.
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

# Python 3.13 or 3.12, found here: python3.13 or python3.12 on the PATH, else pyenv's. Each
# candidate must run and have venv, so a broken or too-old one is passed over.
# `make PYTHON=/path/to/python3.13 run` chooses one by hand.
ifndef PYTHON
PYENV_ROOT ?= $(shell pyenv root 2>/dev/null || echo $$HOME/.pyenv)
PYTHON := $(shell for p in python3.13 python3.12 \
	$(PYENV_ROOT)/versions/3.13*/bin/python3 $(PYENV_ROOT)/versions/3.12*/bin/python3; do \
	"$$p" -c 'import sys, venv, ensurepip; assert sys.version_info[:2] in ((3, 12), (3, 13))' \
	2>/dev/null && { echo "$$p"; break; }; done)
endif

.PHONY: run serve test system-deps lint bench

# The site's own dependencies only; the venv is rebuilt only when the list changes.
$(BIN)/.installed: pyproject.toml
	$(if $(PYTHON),,$(error Overdue Help needs Python 3.13 or 3.12 with venv: install python3.13 and python3.13-venv (Debian, Ubuntu), or run: pyenv install 3.13))
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $@

# The test and lint tools, for `make test` and `make lint`.
$(BIN)/.installed-dev: $(BIN)/.installed
	$(BIN)/pip install -q --group dev
	touch $@

run: $(BIN)/.installed
	$(BIN)/python manage.py check
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Production: hashed, compressed static files, then nginx in front of gunicorn (README,
# "Production"). Needs DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS, and Debian's nginx.
serve: $(BIN)/.installed
	DJANGO_DEBUG=0 $(BIN)/python manage.py collectstatic --noinput -v 0
	DJANGO_DEBUG=0 $(BIN)/python -m overdue_help.production

# Browser tests need Debian's Chromium and CJK fonts, the HTML checker needs Java, the
# benchmark drives wrk, the front-server tests run nginx and make a CA with openssl; installed
# here when missing (needs root).
system-deps:
	@command -v chromium >/dev/null && fc-list | grep -q "Noto Sans CJK" && \
	  command -v java >/dev/null && command -v wrk >/dev/null && \
	  test -x /usr/sbin/nginx && command -v openssl >/dev/null || \
	  { apt-get update -q && \
	    apt-get install -y -q chromium fonts-noto-cjk default-jre-headless wrk nginx openssl; }

# Test tools from npm (axe-core, vnu-jar, lighthouse, the HTTP Observatory); none is served.
# --ignore-scripts: nothing needs an install script, and the Observatory's would fetch data.
# The Observatory reads an HSTS preload list at start; an empty one is enough on loopback.
node_modules/.installed: package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	echo '{}' > node_modules/@mdn/mdn-http-observatory/conf/hsts-preload.json
	touch $@

test: $(BIN)/.installed-dev system-deps node_modules/.installed
	$(BIN)/python manage.py check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

# Loopback only; bounded in time. See README "Benchmark".
bench: $(BIN)/.installed system-deps
	$(BIN)/python manage.py benchmark

lint: $(BIN)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
