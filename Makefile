# 邻里 Linli — make run opens the window, make test runs every check CI runs.
GO      ?= $(shell command -v go 2>/dev/null || echo /usr/local/go/bin/go)
DEPS    := gcc libgl1-mesa-dev xorg-dev
TESTDEPS := $(DEPS) poppler-utils
BIN     := linli
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run build test test-long bench windows deps testdeps fuzz clean

NEED ?= $(DEPS)

run: deps build
	./$(BIN)

build:
	$(GO) build -o $(BIN) .

# deps installs the Fyne build prerequisites on Debian/Ubuntu when they are missing.
deps:
	@missing=""; for p in $(NEED); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
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
# test-long is the same with 200 crash kills and 10,000 cases per property test.
test: testdeps
	$(GO) vet ./...
	$(GO) test -race -count=1 -timeout 20m ./...

test-long: testdeps
	$(GO) vet ./...
	LINLI_CRASH_KILLS=200 LINLI_RAPID_CHECKS=10000 $(GO) test -race -count=1 -timeout 90m ./...

# testdeps also installs pdftotext, which the tests use to read PDFs back.
testdeps:
	@$(MAKE) --no-print-directory deps NEED="$(TESTDEPS)"

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./data/ ./reports/

windows:
	CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
	  $(GO) build -ldflags "-H=windowsgui" -o dist/linli.exe .

clean:
	rm -f $(BIN) && rm -rf dist
