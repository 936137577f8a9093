# blogarchive: `make demo` and `make test` work on a fresh clone with only Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO_PORT ?= 8000
DATASETTE_PORT ?= 8001

.PHONY: install demo test browser clean-data help

help:
	@echo "make demo   - serve the sample Weebly blog, crawl it into data/, open Datasette on :$(DATASETTE_PORT)"
	@echo "make test   - run the whole test suite"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# Debian's Chromium, for the tests that look at pages in a real browser.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; }

demo: $(STAMP)
	$(BIN)/python -m sampleblog.demo --blog-port $(DEMO_PORT) --port $(DATASETTE_PORT)

test: $(STAMP) browser
	$(BIN)/python -m pytest

clean-data:
	rm -f data/blogarchive.db data/blogarchive.db-wal data/blogarchive.db-shm
