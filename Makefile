# intercity: `make run` sets everything up and serves the atlas; `make test` runs every check.
# Both work on a fresh clone: they create the virtualenv, install pinned dependencies, fetch the
# front-end libraries from npm, compile translations and migrate before doing their job.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
VENDOR := src/intercity/static/vendor
PYTEST_ARGS ?= -n 2

.PHONY: run test lint format bench install static messages migrate opendata clean help

help:
	@echo "make run    set up and serve intercity on http://$(HOST):$(PORT)"
	@echo "make test   lint, Django checks and the whole test suite"
	@echo "make lint   ruff, manage.py check, makemigrations --check"
	@echo "make bench  run the benchmarks (figures in bench/results/)"

# demo-workspace is idempotent and quick: it fills the fictional Buenos Aires workspace once and prints its
# login (a public local demo password, see docs/workspaces.md).
run: install static messages migrate opendata
	$(BIN)/intercity demo-workspace --site http://$(HOST):$(PORT)
	@echo "intercity is serving on http://$(HOST):$(PORT)/ (administration: /admin/, create a login with: $(BIN)/intercity createsuperuser)"
	$(BIN)/intercity runserver $(HOST):$(PORT)

test: install static messages lint
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/intercity check --fail-level WARNING
	$(BIN)/intercity makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install static messages opendata
	$(BIN)/python bench/bench_resolve.py
	$(BIN)/python bench/bench_load.py
	$(BIN)/python bench/bench_analytics.py
	$(BIN)/python bench/bench_decision.py
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python bench/bench_web.py
	$(BIN)/python bench/bench_portfolio.py
	$(BIN)/python bench/bench_search.py
	$(BIN)/python bench/bench_search_service.py
	$(BIN)/python bench/bench_search_quality.py

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

static: $(VENDOR)/.installed

$(VENDOR)/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)/leaflet $(VENDOR)/world-atlas
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/
	cp node_modules/echarts/dist/echarts.min.js $(VENDOR)/
	cp node_modules/cytoscape/dist/cytoscape.min.js $(VENDOR)/
	cp node_modules/topojson-client/dist/topojson-client.min.js $(VENDOR)/
	cp -r node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css node_modules/leaflet/dist/images $(VENDOR)/leaflet/
	cp node_modules/world-atlas/countries-110m.json node_modules/world-atlas/countries-50m.json node_modules/world-atlas/LICENSE $(VENDOR)/world-atlas/
	touch $@

messages: install
	cd src/intercity && ../../$(BIN)/intercity compilemessages --ignore=.venv -v 0

migrate: install
	$(BIN)/intercity migrate --no-input -v 0

# Loads the bundled open dataset once; `intercity load-opendata` can be re-run at any time (idempotent).
# Where the import-only ETMUN data set lies beside the project (../shared/data), its 17,000 memberships
# in 59 European networks are imported once too (never copied into the repository): they give the
# overlap and peer analytics networks that share members. The 172 URBACT networks (their aims feed the
# knowledge base's search) and their 1,510 city participations are imported once likewise.
SHARED_DATA ?= ../shared/data
ETMUN_FILE := $(SHARED_DATA)/etmun/MembersETMUNGeocode.csv
URBACT_DIR := $(SHARED_DATA)/urbact
opendata: migrate
	$(BIN)/intercity load-opendata --if-empty
	@if [ -f "$(ETMUN_FILE)" ] && [ ! -f var/.etmun-imported ]; then \
		echo "Importing the ETMUN memberships from $(ETMUN_FILE) (once, about a minute)"; \
		$(BIN)/intercity import etmun "$(ETMUN_FILE)" && touch var/.etmun-imported; \
	fi
	@if [ -f "$(URBACT_DIR)/networks.csv" ] && [ ! -f var/.urbact-imported ]; then \
		echo "Importing the URBACT networks and participations from $(URBACT_DIR) (once)"; \
		$(BIN)/intercity import urbact "$(URBACT_DIR)/networks.csv" \
			--participations "$(URBACT_DIR)/participations.csv" && touch var/.urbact-imported; \
	fi

clean:
	rm -rf $(VENV) node_modules $(VENDOR) var
