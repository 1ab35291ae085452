# Thi đua — two commands: `make run` (first run, SQLite, eager tasks) and `make test` (whole suite).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
# The newest Python 3.11–3.13 on PATH (override: make run PYTHON=python3.11).
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do $$p -c 'import sys; assert (3, 11) <= sys.version_info[:2] <= (3, 13)' 2>/dev/null && echo $$p && break; done)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run setup test deps static lint worker beat benchmark clean check-run check-test backup restore smoke

$(VENV)/.installed: requirements.txt
	@test -n "$(PYTHON)" || (echo "missing: Python 3.11, 3.12 or 3.13 — install it with: sudo apt install python3 python3-venv" && exit 1)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

deps: $(VENV)/.installed node_modules/.installed

# What the machine must provide (one line per missing thing, with its Debian package).
check-run:
	@VENV=$(VENV) scripts/check-deps run "$(PYTHON)"

check-test:
	@VENV=$(VENV) scripts/check-deps test "$(PYTHON)"

setup: deps
	DEBUG=true $(PY) manage.py migrate --noinput
	DEBUG=true $(PY) manage.py load_demo

run: check-run setup
	@echo "Thi đua: http://$(HOST):$(PORT)/ (đăng nhập bằng tài khoản mẫu ở trên)"
	DEBUG=true $(PY) manage.py runserver $(HOST):$(PORT)

test: check-test deps
	$(PY) -m pytest $(PYTEST_ARGS)

lint: deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Production smoke test: docker-compose.yml's services as processes here (PostgreSQL, Redis), used over HTTP.
smoke: check-test deps
	$(PY) scripts/smoke.py

# Database and files in one dated archive (BACKUP_DIR, default ./backups); restore into an empty database and folder.
backup: deps
	$(PY) manage.py backup $(if $(BACKUP_DIR),--output-dir "$(BACKUP_DIR)")

restore: deps
	@test -n "$(ARCHIVE)" || (echo "usage: make restore ARCHIVE=backups/thidua-YYYYMMDD-HHMMSS.tar" && exit 1)
	$(PY) manage.py restore "$(ARCHIVE)"

worker: deps
	$(VENV)/bin/celery -A thidua worker -l info --pool=prefork --concurrency=2

beat: deps
	$(VENV)/bin/celery -A thidua beat -l info

# Benchmark (benchmarks/pages.py): a synthetic province (campaigns of 1,000 and 10,000 units, 50,000 awards) served
# by gunicorn as in production and loaded with wrk, then a 3,000-unit review report in a Celery worker on Redis;
# against DATABASE_URL, by default the local PostgreSQL database thidua_bench (created if missing, then migrated).
# Not run by CI. Extra options in BENCH_ARGS (e.g. --repeat 5, --only board, --fresh).
BENCH_DATABASE_URL := $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/thidua_bench)
BENCH_BROKER ?= redis://127.0.0.1:6379/12
BENCH_PORT ?= 8765

benchmark: deps
	@command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null)
	@echo "benchmark database: $(BENCH_DATABASE_URL)"
	@url='$(BENCH_DATABASE_URL)'; case "$$url" in postgres://*|postgresql://*) \
	  name="$${url##*/}"; name="$${name%%\?*}"; server="$${url%/*}"; \
	  psql "$$server/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = '$$name'" | grep -q 1 \
	  || psql "$$server/postgres" -qc "CREATE DATABASE \"$$name\"" ;; esac
	DATABASE_URL='$(BENCH_DATABASE_URL)' DEBUG=true $(PY) manage.py migrate --noinput -v 0
	DATABASE_URL='$(BENCH_DATABASE_URL)' BENCH_BROKER='$(BENCH_BROKER)' BENCH_PORT='$(BENCH_PORT)' \
	  $(PY) benchmarks/pages.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3*
