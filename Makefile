# Youth Union news site: build, serve, check, test.  `make` alone lists the targets.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PELICAN ?= $(BIN)/pelican
PELICANOPTS ?=

BASEDIR := $(CURDIR)
INPUTDIR := $(BASEDIR)/content
OUTPUTDIR := $(BASEDIR)/output
CONFFILE := $(BASEDIR)/pelicanconf.py
PUBLISHCONF := $(BASEDIR)/publishconf.py
PORT ?= 8000
N ?= 1000
PHOTOS ?= 0
REPEAT ?= 1
TEST_WORKERS ?= auto

ifeq ($(DEBUG), 1)
	PELICANOPTS += -D
endif

# pelicanconf.py reads the site's settings (data/site.yml) from the site built.
export SITE_CONTENT := $(INPUTDIR)

SITE_STAMP := $(VENV)/.site-installed
TEST_STAMP := $(VENV)/.test-installed

.DEFAULT_GOAL := help
.PHONY: help install html serve devserver publish deploy upload check schema test lint audit translations bench bench-search clean import import-accept import-eval

help: ## List the targets
	@echo "Youth Union news site"
	@echo
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'
	@echo
	@echo "  Options: PORT=8000 (serve), DEBUG=1 (verbose build), N=1000 PHOTOS=0 REPEAT=1 (bench)"
	@echo "           AUDITOPTS='-s osv' (audit: options passed to pip-audit)"
	@echo "           TEST_WORKERS=auto (test: pytest-xdist worker processes)"

$(SITE_STAMP): requirements.txt
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(TEST_STAMP): requirements-test.txt $(SITE_STAMP) scripts/install-system-packages.sh
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	bash scripts/install-system-packages.sh
	@touch $@

install: $(SITE_STAMP) ## Create .venv and install the pinned dependencies

html: $(SITE_STAMP) ## Build the site into output/
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS)

serve: html ## Build, then serve output/ at http://127.0.0.1:$(PORT)/
	$(BIN)/python -m devserver -l $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -b 127.0.0.1 -p $(PORT)

devserver: $(SITE_STAMP) ## Serve and rebuild on every change of content, theme or settings
	$(BIN)/python -m devserver -lr $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -b 127.0.0.1 -p $(PORT) \
		-e CONTENT_MODEL_EXIT_ON_ERROR=false FAST_BUILD_SKIP_UNCHANGED=true \
		SEARCH_INDEX_BACKGROUND=true \
		$(PELICANOPTS)

publish: check ## Production build (publishconf.py); fails on any error or warning
	PYTHONPATH=plugins $(BIN)/python -m publishing --content $(INPUTDIR) preflight
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(PUBLISHCONF) --fatal warnings $(PELICANOPTS)
	PYTHONPATH=plugins $(BIN)/python -m publishing cdn -s $(PUBLISHCONF) --output $(OUTPUTDIR)

deploy: publish ## Publish, then upload output/ to the target in content/data/site.yml
	$(MAKE) --no-print-directory upload

upload: $(SITE_STAMP) ## Upload output/ as it is (changed files only) to the target of site.yml
	PYTHONPATH=plugins $(BIN)/python -m publishing --content $(INPUTDIR) deploy --output $(OUTPUTDIR)

check: $(SITE_STAMP) ## Validate all content and registries (builds nothing)
	PYTHONPATH=plugins $(BIN)/python -m content_model.check -s $(CONFFILE) $(INPUTDIR)

import: $(SITE_STAMP) ## Import archived posts as drafts (SRC=file|folder; JSON=1: print facts, write nothing)
	@test -n "$(SRC)" || { echo "usage: make import SRC=<file|folder> [JSON=1]" >&2; exit 2; }
	@PYTHONPATH=plugins $(BIN)/python -m importer "$(SRC)" $(if $(JSON),--json)

import-accept: $(SITE_STAMP) ## Append the reviewed import-proposals.yml to content/data/, then check
	@PYTHONPATH=plugins $(BIN)/python -m importer accept $(or $(PROPOSALS),import-proposals.yml) -s $(CONFFILE)

import-eval: $(SITE_STAMP) ## Precision and recall of the importer on its labelled posts
	@PYTHONPATH=plugins $(BIN)/python -m importer.evaluate

schema: $(SITE_STAMP) ## Regenerate schema/post.schema.json (editor completion) from the content model
	PYTHONPATH=plugins $(BIN)/python -m content_model.json_schema

lint: $(TEST_STAMP) ## Lint the Python code with ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: $(TEST_STAMP) ## Run the linters and the whole test suite (on every core)
	$(MAKE) --no-print-directory lint
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile

audit: $(TEST_STAMP) ## Check the pinned dependencies for known vulnerabilities (pip-audit; needs network)
	$(BIN)/python scripts/audit.py -r requirements.txt -r requirements-test.txt \
		$(if $(AUDITOPTS),-- $(AUDITOPTS))

translations: $(TEST_STAMP) ## Extract the UI strings, update the catalogues, list what to translate
	$(BIN)/pybabel extract -F theme/babel.cfg -o theme/translations/messages.pot \
		--no-location --omit-header theme plugins/bilingual
	$(BIN)/pybabel update -i theme/translations/messages.pot -d theme/translations \
		--no-wrap --ignore-obsolete
	PYTHONPATH=plugins $(BIN)/python -m bilingual.translations theme/translations

bench: $(TEST_STAMP) ## Benchmark the build on a generated archive (N=, PHOTOS=)
	$(BIN)/python -m bench.run --posts $(N) --photos $(PHOTOS) --repeat $(REPEAT)

bench-search: $(TEST_STAMP) ## Measure search in Chromium on a generated archive served compressed (N=)
	$(BIN)/python -m bench.search_bench --posts $(N)

clean: ## Remove the built site and caches
	rm -rf $(OUTPUTDIR) cache .pytest_cache .ruff_cache
