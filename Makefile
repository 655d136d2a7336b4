# Two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DEMO_DB := demo.todan

.PHONY: run test demo clean-demo dist dist-check clean-dist

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

$(DEMO_DB): | $(VENV)/.installed
	$(PY) app.py demo $(DEMO_DB) --scale commune --seed 1

run: $(VENV)/.installed $(DEMO_DB)
	$(PY) app.py --db $(DEMO_DB)

test: $(VENV)/.installed
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

demo: $(DEMO_DB)

clean-demo:
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm

# The one-folder bundle for offices without Python (todan.spec): dist/todan/.
$(VENV)/.installed-dist: pyproject.toml | $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test,dist]'
	touch $@

dist: $(VENV)/.installed-dist
	$(PY) -m PyInstaller --noconfirm --log-level WARN todan.spec
	@du -sh dist/todan

# Builds the bundle, then starts it offscreen with no Python on PATH (tests/test_dist.py).
dist-check: dist
	QT_QPA_PLATFORM=offscreen TODAN_DIST=dist/todan $(PY) -m pytest -q -rs tests/test_dist.py

clean-dist:
	rm -rf build dist
