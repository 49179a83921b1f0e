# Two entry points for a fresh Debian/Ubuntu machine (see README.md):
#   make site   set up, then prepare, generate and finish the site into site/ (with the PDF booklet)
#               (make site GENERATOR=zensical: the same with Zensical instead of MkDocs)
#   make booklet  the same: the booklet's PDFs (English and Spanish) are in build/booklet/,
#               site/booklet/ and site/es/booklet/
#   make test   set up (Python, Chromium, Java, npm tools), run every test
# Each creates or reuses .venv/ and installs only what changed.

VENV   := .venv
PY     := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: site booklet test serve content benchmark mutation clean

# The build is three plain steps (guide/build.py prints each as it runs it), then the booklet:
#   prepare   data/ + docs/ -> build/docs/ (pages with numbers, figures, citations,
#             Sources and review status filled in) and build/mkdocs.yml;
#             the Spanish edition (docs/es/) -> build/es/docs/ and build/es/mkdocs.yml
#   generate  mkdocs build (default) or zensical build, once per edition -> build/[es/]generated/
#   finish    glossary words, tables as cards, security policy, redirects,
#             minified CSS/JS, search words -> site/ (and site/es/)
#   booklet   the patient booklet (A4 and US Letter) of each edition, from site/'s and site/es/'s pages
# prepare and finish are skipped when nothing they read changed since the last build (guide/step.py).
GENERATOR ?= mkdocs

site: $(VENV)/.site
	bash scripts/install-system-deps.sh booklet
	$(PY) -m guide.build site --generator $(GENERATOR)
	$(PY) -m guide.booklet site build/booklet --publish

booklet: site

# Live preview of docs/ and data/: the same steps on every save (hooks/preview.py).
# `make serve EDITION=es` previews the Spanish pages.
EDITION ?=
serve: $(VENV)/.site
	$(PY) -m guide.prepare --preview
	$(PY) -m mkdocs serve -f build/$(EDITION)/mkdocs.yml

test: $(VENV)/.dev node_modules/.installed
	bash scripts/install-system-deps.sh
	bash scripts/run-tests.sh

content: $(VENV)/.dev
	$(PY) -m pytest -m content

# Mutation testing (mutmut) of guide/ and build_figures.py with the fast tests;
# writes benchmarks/mutation.md. Slow (minutes per module): not part of `make test`.
# `make mutation MODULES="security urls"` runs just those modules.
mutation: $(VENV)/.dev
	$(PY) scripts/mutation.py $(MODULES)

benchmark: $(VENV)/.dev node_modules/.installed
	bash scripts/install-system-deps.sh
	$(PY) benchmarks/run.py

$(VENV)/bin/python:
	python3 -m venv $(VENV)

$(VENV)/.site: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.site

# axe-core, the Nu HTML Checker and Lighthouse, pinned in package-lock.json.
# --ignore-scripts: vnu-jar's install step would download a Java runtime.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

clean:
	rm -rf site build .pytest_cache mutants
