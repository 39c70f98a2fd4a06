# Quick start: `make run` (set up + read the bundled korpus into utdata/), `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: setup sysdeps run test eval korpus tema skjermbilder clean

setup: sysdeps $(VENV)/.installed

# Debian packages from debian-packages.txt (OCR, browser tests); installs only what is
# missing, and warns instead of failing where apt-get or root is not available.
sysdeps:
	@pkgs=$$(grep -v '^#' debian-packages.txt | tr '\n' ' '); \
	missing=$$(for p in $$pkgs; do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if ! command -v apt-get >/dev/null; then echo "motedata: install these system packages yourself: $$missing"; exit 0; fi; \
	SUDO=$$( [ "$$(id -u)" = 0 ] && echo "" || echo sudo ); \
	echo "motedata: installing $$missing"; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null \
	  || echo "motedata: could not install $$missing; OCR/browser features will be unavailable"

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# Exit code 1 means "some documents have a row in utdata/feil.csv" (e.g. the korpus's
# scanned copies when OCR tools are missing); the rest is written. Only usage errors (2) stop make.
run: setup
	$(BIN)/motedata run korpus --out utdata || [ $$? -eq 1 ]

test: setup
	$(BIN)/python -m pytest -q

eval: setup
	$(BIN)/motedata eval korpus

korpus: setup
	$(BIN)/python korpus/bygg.py

# Retrain the topic classifier (saker.tema) from korpus/tema/titler.csv and score it on
# the held-out test split.
tema: setup
	$(BIN)/motedata tema tren
	$(BIN)/motedata tema eval

# Screenshots of motedata serve and rapport.html into docs/skjermbilder/ (headless Chromium).
skjermbilder: setup
	$(BIN)/python docs/lag_skjermbilder.py

clean:
	rm -rf utdata $(VENV)
