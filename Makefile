# The CFC Candidacy Portal: `make run` to try it, `make test` to check it.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
MANAGE := $(PY) manage.py

.PHONY: run test lint format setup test-setup assets messages catalogues check-deploy bench screenshots clean

# Serving needs only the runtime dependencies; the test toolchain (pytest, Playwright, ruff,
# axe, import-linter) is installed by the targets that use it.
$(VENV)/.runtime: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.test-tools: $(VENV)/.runtime
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(VENV)/.runtime node_modules/.installed

test-setup: $(VENV)/.test-tools node_modules/.installed

assets: node_modules/.installed

# Recompile the translation catalogues after editing a .po file (needs GNU gettext).
messages: $(VENV)/.runtime
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0

# After changing interface strings: refresh the four catalogues from the sources (tests and
# installed packages are not sources), translate what is new or fuzzy, then `make messages`.
catalogues: $(VENV)/.runtime
	$(MANAGE) makemessages -l fa -l ru -l kk -l lt --no-obsolete \
		--ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=tests

# Links in the workflow e-mail point at the port served, unless PORTAL_BASE_URL says otherwise.
run: export PORTAL_BASE_URL ?= http://127.0.0.1:$(PORT)
run: setup
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) load_demo
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: test-setup
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.test-tools
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.test-tools
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check-deploy: setup
	DJANGO_SETTINGS_MODULE=cfc_portal.settings.production \
	SECRET_KEY=$$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=cfc.example.org \
	PORTAL_BASE_URL=https://cfc.example.org \
	DATABASE_URL=$${DATABASE_URL:-postgres://localhost/cfc} \
	$(MANAGE) check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) node_modules staticfiles

# The world-scale benchmark (issue 10; README "Benchmark"): loads `load_world --scale 10` into
# PostgreSQL (BENCH_DATABASE_URL, once; BENCH_ARGS=--reload to load anew), serves the portal with
# gunicorn and production settings beside the fortunes floor, drives every main page with wrk.
# Not run in CI. Needs wrk (Debian's package, installed here if missing) and PostgreSQL.
BENCH_DATABASE_URL ?= postgres://127.0.0.1:5432/cfc_bench
bench: export BENCH_DATABASE_URL := $(BENCH_DATABASE_URL)
bench: setup node_modules/.installed
	command -v wrk >/dev/null || apt-get install -y wrk || sudo apt-get install -y wrk
	$(PY) -m bench.run $(BENCH_ARGS)

# Screenshots of the main pages in English and Persian (needs `make run` serving on PORT).
screenshots: $(VENV)/.test-tools
	$(PY) docs/screenshots.py http://127.0.0.1:$(PORT) screenshots
