# Two commands on a fresh machine with only python3 and make:
#   make demo   - the whole pipeline on bundled/simulated data
#   make test   - the test suite
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
DEMO_DIR ?= demo-output

.PHONY: demo test test-fast install bench clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/tally demo $(DEMO_DIR)

# two workers, a file at a time (pytest-xdist): 5.4 minutes for 3,209 tests on a quiet
# 2-core machine (one worker took 7.8-9 min for 2,748); `$(PY) -m pytest -q` runs it serially
test: $(STAMP)
	$(PY) -m pytest -q -n 2 --dist loadfile

# the quick loop while working: everything but the tests marked slow (make test runs all)
test-fast: $(STAMP)
	$(PY) -m pytest -q -m "not slow"

bench: $(STAMP)
	$(PY) benchmarks/ingest.py

clean:
	rm -rf $(VENV) $(DEMO_DIR) .pytest_cache
