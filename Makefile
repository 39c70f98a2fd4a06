# Quick start: `make run` (set up + read the bundled korpus into utdata/), `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: setup sysdeps run test fuzz eval korpus skjermbilder tema clean

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

test: setup fuzz
	$(BIN)/python -m pytest -q

# Coverage-guided fuzzing of the reader (atheris/libFuzzer, tests/fuzz/fuzz_reader.py):
# a fixed number of inputs from a fixed seed, so a CI run is repeatable, capped in time.
# An exception, more than 1 GB resident or 30 s on one input fails; the input is kept in
# .fuzz/. Each run starts from the seeds (the corpus is not kept), so the time stays
# bounded. FUZZ_RUNS=0 skips; more locally: make fuzz FUZZ_RUNS=100000 FUZZ_SECONDS=3600.
FUZZ_RUNS ?= 500
FUZZ_SECONDS ?= 120
fuzz: setup
	@if [ "$(FUZZ_RUNS)" = 0 ]; then exit 0; fi; \
	if ! $(BIN)/python -c "import atheris" 2>/dev/null; then echo "motedata: atheris is not installed; fuzzing skipped"; exit 0; fi; \
	rm -rf .fuzz/korpus; mkdir -p .fuzz/korpus; \
	$(BIN)/python tests/fuzz/fuzz_reader.py -seed=1 -runs=$(FUZZ_RUNS) -max_total_time=$(FUZZ_SECONDS) \
	  -rss_limit_mb=1024 -timeout=30 -print_final_stats=1 -artifact_prefix=.fuzz/ .fuzz/korpus > .fuzz/logg.txt 2>&1 \
	  || { tail -60 .fuzz/logg.txt; echo "motedata: the reader fuzzer found an input it fails on: .fuzz/ (tests/fuzz/fuzz_reader.py)"; exit 1; }; \
	echo "motedata fuzz: $$(awk '/^stat::number_of_executed_units/ {print $$2}' .fuzz/logg.txt) inputs, \
	$$(awk '/^stat::peak_rss_mb/ {print $$2}' .fuzz/logg.txt) MB peak, no crash (.fuzz/logg.txt)"

eval: setup
	$(BIN)/motedata eval korpus

korpus: setup
	$(BIN)/python korpus/bygg.py

# Screenshots of motedata serve and rapport.html into docs/skjermbilder/ (headless Chromium).
skjermbilder: setup
	$(BIN)/python docs/lag_skjermbilder.py

# Retrain the topic classifier (saker.tema) from korpus/tema/titler.csv and score it on
# the held-out test split.
tema: setup
	$(BIN)/motedata tema tren
	$(BIN)/motedata tema eval

clean:
	rm -rf utdata $(VENV)
