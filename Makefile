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
SHAPE ?= classic
# Twice the cores (at most 8): many tests wait on a browser, a server or a
# build process, and another worker's test runs meanwhile.
TEST_WORKERS ?= $(shell $(PY) -c "import os; n = os.cpu_count() or 1; print(min(n + n // 2, 8) or 1)")

ifeq ($(DEBUG), 1)
	PELICANOPTS += -D
endif
# Messages one per line, paths whole (Pelican's plain handler), unless stderr is a
# terminal at least 100 columns wide (rich columns). LOG_HANDLER=plain|rich forces it.
LOG_HANDLER ?= $(shell $(PY) -c "import os, sys; print('rich' if sys.stderr.isatty() and os.get_terminal_size(2).columns >= 100 else 'plain')" || echo plain)
PELICANOPTS += --log-handler $(LOG_HANDLER)

# pelicanconf.py reads the site's settings (data/site.yml) from the site built.
export SITE_CONTENT := $(INPUTDIR)

SITE_STAMP := $(VENV)/.site-installed
# The writers' command (plugins/newsroom/cli): every target below that builds calls it.
NEWSROOM = PYTHONPATH=plugins $(BIN)/python -m newsroom --content $(INPUTDIR) --output $(OUTPUTDIR)
TEST_STAMP := $(VENV)/.test-installed

.DEFAULT_GOAL := help
.PHONY: help install html serve devserver publish deploy upload check new new-en convert-keys preview schema test lint audit translations bench bench-search clean import import-accept import-eval

help: ## List the targets
	@echo "Youth Union news site"
	@echo
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'
	@echo
	@echo "  Options: PORT=8000 (serve), DEBUG=1 (verbose build), N=1000 PHOTOS=0 REPEAT=1 SHAPE=classic|archive (bench)"
	@echo "           AUDITOPTS='-s osv' (audit: options passed to pip-audit)"
	@echo "           TEST_WORKERS=1.5x cores, at most 8 (test: pytest-xdist worker processes)"

$(SITE_STAMP): requirements.txt
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	PYTHONPATH=plugins $(BIN)/python -m cms_admin  # the web editor (pinned, hash-checked)
	PYTHONPATH=plugins $(BIN)/python -m newsroom.bytecode  # as pip compiles a package
	@touch $@

$(TEST_STAMP): requirements-test.txt $(SITE_STAMP) scripts/install-system-packages.sh
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	bash scripts/install-system-packages.sh
	@touch $@

install: $(SITE_STAMP) ## Create .venv and install the pinned dependencies

html: $(SITE_STAMP) ## Build the site into output/
	@$(NEWSROOM) build $(PELICANOPTS)

serve: $(SITE_STAMP) ## Build, then serve output/ at http://127.0.0.1:$(PORT)/
	@$(NEWSROOM) serve --port $(PORT)

devserver: $(SITE_STAMP) ## Serve and rebuild on every change of content, theme or settings
	@$(NEWSROOM) devserver --port $(PORT) $(PELICANOPTS)

publish: $(SITE_STAMP) ## Production build (publishconf.py); runs check first, fails on any error or warning
	@$(NEWSROOM) publish $(PELICANOPTS)

deploy: $(SITE_STAMP) ## Publish, then upload output/ to the target in content/data/site.yml
	@$(NEWSROOM) deploy $(PELICANOPTS)

upload: $(SITE_STAMP) ## Upload output/ as it is (changed files only) to the target of site.yml
	@$(NEWSROOM) upload

check: $(SITE_STAMP) ## Validate all content and registries (builds nothing)
	@$(NEWSROOM) check

new: $(SITE_STAMP) ## Start a post as a draft: asks in Vietnamese (or TITLE=… DATE=… UNIT=…)
	@$(NEWSROOM) new $(if $(TITLE),--title "$(TITLE)") $(if $(DATE),--date "$(DATE)") \
		$(if $(UNIT),--unit "$(UNIT)")

new-en: $(SITE_STAMP) ## Start the English translation of a post (SLUG=…)
	@test -n "$(SLUG)" || { echo "Cách dùng: make new-en SLUG=<slug của bài tiếng Việt>" >&2; exit 2; }
	@$(NEWSROOM) new-en --slug "$(SLUG)"

convert-keys: $(SITE_STAMP) ## Key the translations' positional English roles and captions (1: …)
	@$(NEWSROOM) convert-keys

preview: $(SITE_STAMP) ## Build one post (FILE=…) with its translation, units and people; print its address
	@test -n "$(FILE)" || { echo "Cách dùng: make preview FILE=content/posts/<năm>/<slug>.md" >&2; exit 2; }
	@$(NEWSROOM) preview "$(FILE)"

import: $(SITE_STAMP) ## Import archived posts as drafts (SRC=file|folder; JSON=1: print facts, write nothing)
	@test -n "$(SRC)" || { echo "Cách dùng: make import SRC=<tệp hoặc thư mục> [JSON=1]" >&2; exit 2; }
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
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

audit: $(TEST_STAMP) ## Check the pinned dependencies for known vulnerabilities (pip-audit; needs network)
	$(BIN)/python scripts/audit.py -r requirements.txt -r requirements-test.txt \
		$(if $(AUDITOPTS),-- $(AUDITOPTS))

translations: $(TEST_STAMP) ## Extract the UI strings and messages, update the catalogues, list what to translate
	$(BIN)/pybabel extract -F theme/babel.cfg -o theme/translations/messages.pot \
		--no-location --omit-header theme plugins/bilingual
	$(BIN)/pybabel update -i theme/translations/messages.pot -d theme/translations \
		--no-wrap --ignore-obsolete
	PYTHONPATH=plugins $(BIN)/python -m bilingual.translations theme/translations
	PYTHONPATH=plugins $(BIN)/python -m newsroom.message_catalogue

bench: $(TEST_STAMP) ## Benchmark the build on a generated archive (N=, PHOTOS=)
	$(BIN)/python -m bench.run --posts $(N) --photos $(PHOTOS) --repeat $(REPEAT) --shape $(SHAPE)

bench-search: $(TEST_STAMP) ## Measure search in Chromium on a generated archive served compressed (N=)
	$(BIN)/python -m bench.search_bench --posts $(N)

clean: ## Remove the built site and caches
	rm -rf $(OUTPUTDIR) cache .pytest_cache .ruff_cache
