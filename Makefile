# Koers: `make run` to try it, `make test` to check it. See README.md.
SHELL := /bin/bash
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
PY := $(UV) run --frozen python
export UV_LINK_MODE ?= copy

.PHONY: install run start serve test test-fast lint format messages compilemessages bench bench-export demo clean

$(UV):
	python3 -m pip install --user --quiet uv || curl -LsSf https://astral.sh/uv/install.sh | sh

install: $(UV)
	$(UV) sync --frozen --quiet
	$(MAKE) --no-print-directory compilemessages

# Tooling commands run with the development settings (DEBUG=true): production settings refuse to
# load without a SECRET_KEY, and these never serve a request.
DEV := DEBUG=true

compilemessages:
	$(DEV) $(PY) manage.py compilemessages --ignore=.venv -v0

run: install
	mkdir -p var
	DEBUG=true $(PY) manage.py migrate --noinput -v0
	DEBUG=true $(PY) manage.py load_demo
	@# The task worker sends the sessions' e-mail (printed to this console in development).
	DEBUG=true $(PY) manage.py db_worker --queue-name default & \
	trap "kill $$! 2>/dev/null" EXIT INT TERM; \
	DEBUG=true $(PY) manage.py runserver 127.0.0.1:8000

# An empty Koers of your own (no demo): migrate, then serve with its task worker, one command.
# With SECRET_KEY in the environment it runs as production (check --deploy, static files,
# gunicorn on BIND); without, in development mode on http://127.0.0.1:8000, to try it out.
start: install
	@mkdir -p var
	@if [ -n "$$SECRET_KEY" ] && [ "$${DEBUG:-false}" != "true" ]; then \
	  $(PY) manage.py check --deploy --fail-level WARNING || exit 1; \
	  $(PY) manage.py collectstatic --noinput -v0 || exit 1; \
	  url="$${SITE_URL:-http://$${BIND:-127.0.0.1:8000}}"; \
	  server="$(UV) run --frozen gunicorn koers.wsgi -b $${BIND:-127.0.0.1:8000} -w $${WEB_CONCURRENCY:-2}"; \
	else \
	  export DEBUG=true; url="http://127.0.0.1:8000"; \
	  server="$(PY) manage.py runserver 127.0.0.1:8000"; \
	fi; \
	$(PY) manage.py migrate --noinput -v0 || exit 1; \
	echo; echo "Koers is starting on $$url (empty: no demo data)."; \
	echo "Create the first account at $$url/accounts/signup/ , then your workspace, and invite your team."; \
	echo "Django's admin (optional): uv run python manage.py createsuperuser"; echo; \
	$(PY) manage.py db_worker --queue-name default & worker=$$!; \
	trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	$$server

serve: install
	@# Refuses to serve on an unsafe configuration (no SECRET_KEY, no HTTPS settings, …).
	$(PY) manage.py check --deploy --fail-level WARNING
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py migrate --noinput -v0
	$(UV) run --frozen gunicorn koers.wsgi -b 127.0.0.1:8000 -w $${WEB_CONCURRENCY:-2}

test: install browsers
	$(UV) run --frozen pytest -q -n 2 $(PYTEST_ARGS)

test-fast: install
	$(UV) run --frozen pytest -q -m "not browser" $(PYTEST_ARGS)

# Debian packages: the browser tests' Chromium, fast font subsetting for WeasyPrint's PDFs,
# poppler to look at them, gettext for the catalogues, LibreOffice Impress (no GUI, about a
# minute to install) to open the session decks. Only missing ones are installed.
browsers:
	@bash .ci/apt-install chromium libharfbuzz-subset0 poppler-utils gettext libreoffice-impress-nogui

lint: install
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .
	$(DEV) $(PY) manage.py makemigrations --check --dry-run -v0
	$(UV) run --frozen pytest -q koers/core/tests/test_translations.py
	@# Fails on known vulnerabilities; packages the advisory service cannot be asked about are
	@# listed but do not fail the run (this sandbox reaches PyPI's files, not its JSON API).
	$(UV) run --frozen pip-audit --progress-spinner off -l

format: install
	$(UV) run --frozen ruff format .
	$(UV) run --frozen ruff check --fix .

# Apps with a locale/ folder keep their own catalogue; the project catalogue holds the rest.
APP_LOCALES := $(patsubst %/locale,%,$(wildcard koers/*/locale))
MSG_FLAGS := -l nl -l en --no-obsolete --ignore=.venv --ignore=var --ignore=test-output --ignore=bench --ignore=tools

messages: install
	$(DEV) $(PY) manage.py makemessages $(MSG_FLAGS) $(foreach app,$(APP_LOCALES),--ignore=$(app)/*)
	@for app in $(APP_LOCALES); do (cd $$app && $(DEV) $(CURDIR)/.venv/bin/python $(CURDIR)/manage.py makemessages $(MSG_FLAGS)) || exit 1; done

bench: install
	@bash .ci/apt-install wrk nginx-light libharfbuzz-subset0
	$(PY) bench/run.py

# Only the workspace JSON export of the large workspace (generated once if missing).
bench-export: install
	$(PY) bench/export.py

clean:
	rm -rf var test-output
