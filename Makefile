# Two commands matter: `make run` and `make test`. Everything else is what they need.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py
# Lint's Django checks run on SQLite: the PostgreSQL database TEST_DATABASE_URL names exists
# only while pytest runs.
LINT_MANAGE := env -u TEST_DATABASE_URL DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE)
# Two workers: the machines have two cores.
PYTEST_ARGS ?= -n 2
CATALOGS := $(wildcard locale/*/LC_MESSAGES/*.po)

.PHONY: run test venv lint messages migrate demo check-postgres clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python requirements.txt requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

venv: $(STAMP)

migrate: venv
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) load_demo

run: demo
	@scripts/run-dev.sh

lint: venv
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/djhtml --check templates apps
	$(LINT_MANAGE) check
	$(LINT_MANAGE) makemigrations --check --dry-run --noinput
	@# The compiled catalogs are committed: each must be what its .po compiles to.
	@for po in $(CATALOGS); do \
		msgfmt --check -o - "$$po" | cmp -s - "$${po%.po}.mo" \
			|| { echo "$${po%.po}.mo is not $$po compiled: run make messages"; exit 1; }; \
	done

# Compile the Indonesian catalogs (GNU gettext's msgfmt, as Django's compilemessages uses).
messages:
	@for po in $(CATALOGS); do msgfmt --check -o "$${po%.po}.mo" "$$po"; done

# The suite on SQLite always; a second time on PostgreSQL when TEST_DATABASE_URL names one.
# pytest exits 5 when it collected nothing: make treats that, like any failure, as fatal.
test: lint
	env -u TEST_DATABASE_URL $(BIN)/pytest $(PYTEST_ARGS)
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "== again on $$TEST_DATABASE_URL"; \
		$(BIN)/pytest $(PYTEST_ARGS); \
	fi

clean:
	rm -rf $(VENV) db.sqlite3 test-db.sqlite3 media static test-artifacts
