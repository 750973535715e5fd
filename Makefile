# 邻里 Linli — make run opens the window, make test runs every check CI runs.
GO      ?= $(shell command -v go 2>/dev/null || echo /usr/local/go/bin/go)
DEPS    := gcc libgl1-mesa-dev xorg-dev
TESTDEPS := $(DEPS) poppler-utils
BIN     := linli
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# The one version number is in FyneApp.toml (the binary reads it from there too); the commit and
# the build date are stamped in by the linker and shown by `linli version` and the 关于 page.
VERSION := $(shell sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' FyneApp.toml)
COMMIT  := $(shell c=$$(git rev-parse --short=12 HEAD 2>/dev/null) && { git diff --quiet HEAD -- 2>/dev/null || c=$$c-dirty; } && echo $$c)
DATE    := $(shell date -u -d @$${SOURCE_DATE_EPOCH:-$$(date +%s)} +%Y-%m-%d)
LDFLAGS := -X linli/version.Commit=$(COMMIT) -X linli/version.Date=$(DATE)

.PHONY: run build test test-long test-pg bench windows dist distdeps icons deps testdeps fuzz clean

NEED ?= $(DEPS)

run: deps build
	./$(BIN)

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) .

# deps installs the Fyne build prerequisites on Debian/Ubuntu when they are missing.
deps:
	@missing=""; for p in $(NEED); do dpkg-query -W -f='$${db:Status-Status}\n' $$p 2>/dev/null | grep -qx installed || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null 2>&1 && { [ "$$(id -u)" = 0 ] || sudo -n true 2>/dev/null; }; then \
	    echo "安装构建依赖 / installing:$$missing"; \
	    $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "缺少构建依赖，请先运行 / missing build prerequisites, run:"; \
	    echo "  sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

# test installs the build prerequisites like run does, so it works as the first command typed,
# and runs vet and every package's tests under the race detector. Tests open their databases
# without fsync, the window's tests copy one sample instead of loading it each time, the crash
# test kills its child 50 times and the property tests run a moderate number of cases.
# test-long is the same with 200 crash kills, 20 kills of demo and 10,000 cases per property test,
# and the server suite's move test with the sample plus 100,000 residents (2,000 in make test).
# RACE is the race detector for Linli's code; the SQLite engine (modernc.org, C translated to Go) is
# still built with it but without checkptr, the unsafe-pointer check -race also turns on, which
# took half of every SQLite-bound test's CPU time checking the translated C's pointer arithmetic.
RACE    := -race -gcflags='modernc.org/...=-d=checkptr=0'

test: testdeps
	$(GO) vet ./...
	$(GO) test $(RACE) -count=1 -timeout 45m ./...
	@$(MAKE) --no-print-directory test-pg

test-long: testdeps
	$(GO) vet ./...
	LINLI_CRASH_KILLS=200 LINLI_DEMO_KILLS=20 LINLI_RAPID_CHECKS=10000 $(GO) test $(RACE) -count=1 -timeout 90m ./...
	@LINLI_MOVE_PEOPLE=100000 $(MAKE) --no-print-directory test-pg

# test-pg runs the data suite again on PostgreSQL (a throwaway cluster), or says it skipped it.
test-pg:
	GO=$(GO) .ci/test-pg

# testdeps also installs pdftotext, which the tests use to read PDFs back.
testdeps:
	@$(MAKE) --no-print-directory deps NEED="$(TESTDEPS)"

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./data/ ./reports/

# dist builds what an office installs (see README 安装): the Windows installer and the Debian
# packages for x86-64 and ARM64 (UOS, Kylin), each binary stripped and stamped with the version.
# distdeps installs the cross compilers, NSIS and the arm64 libraries (Debian multiarch).
SETUP   := dist/Linli-Setup-$(VERSION).exe
DEBS    := dist/linli_$(VERSION)_amd64.deb dist/linli_$(VERSION)_arm64.deb
DISTDEPS := $(DEPS) gcc-mingw-w64-x86-64 gcc-aarch64-linux-gnu libc6-dev-arm64-cross nsis dpkg-dev binutils \
  libgl1-mesa-dev:arm64 libx11-dev:arm64 libxcursor-dev:arm64 libxrandr-dev:arm64 libxinerama-dev:arm64 \
  libxi-dev:arm64 libxxf86vm-dev:arm64
ARM64_ENV := CGO_ENABLED=1 GOOS=linux GOARCH=arm64 CC=aarch64-linux-gnu-gcc \
  PKG_CONFIG_LIBDIR=/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig

dist: distdeps windows icons
	CGO_ENABLED=1 $(GO) build -ldflags "-s -w $(LDFLAGS)" -o dist/linux-amd64/linli .
	$(ARM64_ENV) $(GO) build -ldflags "-s -w $(LDFLAGS)" -o dist/linux-arm64/linli .
	packaging/linux/mkdeb amd64 dist/linux-amd64/linli dist/icons dist/linli_$(VERSION)_amd64.deb
	packaging/linux/mkdeb arm64 dist/linux-arm64/linli dist/icons dist/linli_$(VERSION)_arm64.deb
	makensis -V2 -DVERSION=$(VERSION) -DEXE=$(CURDIR)/dist/linli.exe -DICON=$(CURDIR)/dist/icons/linli.ico \
	  -DOUTFILE=$(CURDIR)/$(SETUP) packaging/windows/linli.nsi
	@ls -l $(SETUP) $(DEBS)

distdeps:
	@dpkg --print-foreign-architectures | grep -qx arm64 || $(SUDO) dpkg --add-architecture arm64
	@$(MAKE) --no-print-directory deps NEED="$(DISTDEPS)"

icons:
	$(GO) run ./packaging/icons -o dist/icons

# windows cross-builds dist/linli.exe with its icon, version information and manifest (go-winres
# writes them into a .syso object that go build links in).
windows:
	$(GO) tool go-winres simply --arch amd64 --out rsrc --manifest gui --icon assets/icon.png \
	  --product-name "邻里 Linli" --file-description "邻里 Linli 社区台账" --original-filename linli.exe \
	  --copyright "Linli developers" --product-version $(VERSION).0 --file-version $(VERSION).0
	CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
	  $(GO) build -ldflags "-H=windowsgui -s -w $(LDFLAGS)" -o dist/linli.exe . ; rc=$$?; rm -f rsrc_windows_amd64.syso; exit $$rc

clean:
	rm -f $(BIN) && rm -rf dist
