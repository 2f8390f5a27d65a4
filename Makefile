# ltx-report — the two commands of the README's quick start are `make demo` and `make test`.
SWIFT ?= swift
ACCOUNTS ?= accounts.example.toml
SWIFT_SOURCES = Package.swift Sources Tests

.PHONY: all deps build release dist dist-check demo test format lint bench clean

all: build

# libxlsxwriter comes from Debian (libxlsxwriter-dev); install it when it is missing.
deps:
	@if ! pkg-config --exists xlsxwriter 2>/dev/null; then \
		echo "Installing libxlsxwriter-dev and pkg-config (needed for the XLSX report)..."; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null; then SUDO=sudo; else \
			echo "error: libxlsxwriter-dev is missing and this user cannot install it; run: apt-get install libxlsxwriter-dev pkg-config" >&2; exit 1; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq libxlsxwriter-dev pkg-config >/dev/null \
			|| { echo "error: could not install libxlsxwriter-dev; install it with: apt-get install libxlsxwriter-dev pkg-config" >&2; exit 1; }; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# The release archive in dist/ (scripts/dist.sh): the binary with the Swift standard library
# linked in, its notices and a checksum. `make dist-check` (root, debootstrap) runs it in a
# minimal Debian 12 root with libxlsxwriter4 alone.
dist: deps
	SWIFT=$(SWIFT) scripts/dist.sh

dist-check: dist
	scripts/dist-check.sh

# The demo first makes the three previous weeks' reports (when missing), so today's report
# shows a real week-over-week change and a trend, each from the real code path.
demo: build
	@for weeks in 3 2 1; do \
		day=$$(date -u -d "-$$((weeks * 7)) days" +%F); \
		if [ ! -f reports/$$day/report.snapshot ]; then \
			echo "Making the demo's report of $$day first (the simulator keeps time), for the weekly change and trend..."; \
			$(SWIFT) run --skip-build ltx-report --accounts $(ACCOUNTS) --demo --as-of $$day --quiet || exit 1; \
		fi; \
	done
	$(SWIFT) run --skip-build ltx-report --accounts $(ACCOUNTS) --demo --notify slack,teams

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

format:
	$(SWIFT) format --in-place --recursive $(SWIFT_SOURCES)

lint:
	$(SWIFT) format lint --strict --recursive $(SWIFT_SOURCES)

# The scenarios of BENCHMARKS.md against the release build, each figure the median of RUNS
# runs; `make bench SCENARIOS=bulk RUNS=1` runs one scenario once.
RUNS ?= 5
bench: deps
	$(SWIFT) build -c release --product ltx-report
	$(SWIFT) build -c release --product ltx-bench
	.build/release/ltx-bench --runs $(RUNS) .build/release/ltx-report $(SCENARIOS)

clean:
	rm -rf .build
