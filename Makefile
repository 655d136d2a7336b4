# Two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DEMO_DB := demo.todan

.PHONY: run test demo clean-demo

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
