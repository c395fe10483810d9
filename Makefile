# Two commands for people (see README): `make run` and `make test`.
# Everything else here is a step they depend on.
PYTHON ?= python
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run serve test system-deps lint bench

# The venv is rebuilt only when the dependency list changes.
$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e . --group dev
	touch $@

run: $(BIN)/.installed
	$(BIN)/python manage.py check
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# Production: hashed, compressed static files, then gunicorn (gunicorn.conf.py).
# Needs DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS; DJANGO_HTTPS=1 behind a TLS proxy.
serve: $(BIN)/.installed
	DJANGO_DEBUG=0 $(BIN)/python manage.py collectstatic --noinput -v 0
	$(BIN)/gunicorn -c gunicorn.conf.py

# Browser tests need Debian's Chromium and CJK fonts, the HTML checker needs Java, and the
# benchmark drives wrk; installed here when missing (needs root).
system-deps:
	@command -v chromium >/dev/null && fc-list | grep -q "Noto Sans CJK" && \
	  command -v java >/dev/null && command -v wrk >/dev/null || \
	  { apt-get update -q && \
	    apt-get install -y -q chromium fonts-noto-cjk default-jre-headless wrk; }

# Test tools from npm (axe-core, vnu-jar, lighthouse, the HTTP Observatory); none is served.
# --ignore-scripts: nothing needs an install script, and the Observatory's would fetch data.
# The Observatory reads an HSTS preload list at start; an empty one is enough on loopback.
node_modules/.installed: package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	echo '{}' > node_modules/@mdn/mdn-http-observatory/conf/hsts-preload.json
	touch $@

test: $(BIN)/.installed system-deps node_modules/.installed
	$(BIN)/python manage.py check
	$(BIN)/ruff check .
	$(BIN)/pytest

# Loopback only; bounded in time. See README "Benchmark".
bench: $(BIN)/.installed system-deps
	$(BIN)/python manage.py benchmark

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
