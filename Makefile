# The CFC Candidacy Portal: `make run` to try it, `make test` to check it.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
MANAGE := $(PY) manage.py

.PHONY: run test lint format setup assets messages check-deploy bench screenshots clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(VENV)/.installed node_modules/.installed

assets: node_modules/.installed

# Recompile the translation catalogues after editing a .po file (needs GNU gettext).
messages: $(VENV)/.installed
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0

run: setup
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) load_demo
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: setup
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check-deploy: setup
	DJANGO_SETTINGS_MODULE=cfc_portal.settings.production \
	SECRET_KEY=$$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=cfc.example.org \
	DATABASE_URL=$${DATABASE_URL:-postgres://localhost/cfc} \
	$(MANAGE) check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) node_modules staticfiles

# Screenshots of the main pages in English and Persian (needs `make run` serving on PORT).
screenshots: $(VENV)/.installed
	$(PY) docs/screenshots.py http://127.0.0.1:$(PORT) screenshots
