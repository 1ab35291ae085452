# Thi đua — two commands: `make run` (first run, SQLite, eager tasks) and `make test` (whole suite).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
# python3.12 from PATH, else a pyenv-installed 3.12.
PYTHON ?= $(shell for p in python3.12 $$(ls -d /root/.pyenv/versions/3.12*/bin/python3.12 /usr/local/bin/python3.12 2>/dev/null); do $$p -c 'import sys; assert sys.version_info[:2]==(3,12)' 2>/dev/null && echo $$p && break; done)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run setup test deps static lint worker beat benchmark clean

$(VENV)/.installed: requirements.txt
	@test -n "$(PYTHON)" || (echo "Python 3.12 not found: install python3.12" && exit 1)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

deps: $(VENV)/.installed node_modules/.installed

setup: deps
	DEBUG=true $(PY) manage.py migrate --noinput
	DEBUG=true $(PY) manage.py load_demo

run: setup
	@echo "Thi đua: http://$(HOST):$(PORT)/ (đăng nhập bằng tài khoản mẫu ở trên)"
	DEBUG=true $(PY) manage.py runserver $(HOST):$(PORT)

test: deps
	$(PY) -m pytest $(PYTEST_ARGS)

lint: deps
	$(VENV)/bin/ruff check .

worker: deps
	$(VENV)/bin/celery -A thidua worker -l info --pool=prefork --concurrency=2

beat: deps
	$(VENV)/bin/celery -A thidua beat -l info

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3*
