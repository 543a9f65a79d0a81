# cunwu: `make run` serves the demo town, `make test` runs the whole suite, `make bench` prints the benchmarks.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/cunwu
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/11

.PHONY: install run test test-sqlite bench messages clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

# Every target names its settings: the entry points (cunwu.wsgi, cunwu.celery_app) default to production.
run: install
	DJANGO_SETTINGS_MODULE=cunwu.settings.dev PORT=$(PORT) $(PY) bin/run_dev.py

# The whole suite on PostgreSQL (the core's and the plugins' tests side by side, bin/run_tests.py), then the tests marked `sqlite` (public pages, admin, search) again on SQLite,
# which is what `make run` serves.
test: install
	DJANGO_SETTINGS_MODULE=cunwu.settings.test \
		DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} REDIS_URL=$${REDIS_URL:-$(TEST_REDIS_URL)} \
		$(PY) bin/run_tests.py $(PYTEST_ARGS)
	$(MAKE) --no-print-directory test-sqlite

test-sqlite: install
	mkdir -p var
	DJANGO_SETTINGS_MODULE=cunwu.settings.test \
		DATABASE_URL=sqlite:///$(CURDIR)/var/test-sqlite.sqlite3 REDIS_URL=$${REDIS_URL:-$(TEST_REDIS_URL)} \
		$(PY) -m pytest -m sqlite $(PYTEST_ARGS)

bench: install
	DJANGO_SETTINGS_MODULE=cunwu.settings.test \
		DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} REDIS_URL=$${BENCH_REDIS_URL:-$(BENCH_REDIS_URL)} \
		$(PY) bench/run.py $(BENCH)

messages: install
	$(PY) bin/messages.py

clean:
	rm -rf $(VENV) var db.sqlite3
