# Two entry points for a fresh Debian/Ubuntu machine (see README.md):
#   make site   set up, draw figures, build the site into site/ (with the PDF booklet)
#   make booklet  the same: the booklet's PDFs are in build/booklet/ and site/booklet/
#   make test   set up (Python, Chromium, Java, npm tools), run every test
# Each creates or reuses .venv/ and installs only what changed.

VENV   := .venv
PY     := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: site booklet test serve content benchmark mutation clean

# After `mkdocs build`, from its pages: the patient booklet (A4 and US Letter), also
# put in site/booklet/ with its size shown where pages link it (guide/booklet.py).
site: $(VENV)/.site
	bash scripts/install-system-deps.sh booklet
	$(PY) build_figures.py
	$(PY) -m mkdocs build
	$(PY) -m guide.booklet site build/booklet --publish

booklet: site

serve: $(VENV)/.site
	$(PY) -m mkdocs serve

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
