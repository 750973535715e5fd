# 邻里 Linli — make run opens the window, make test runs every check CI runs.
GO      ?= $(shell command -v go 2>/dev/null || echo /usr/local/go/bin/go)
DEPS    := gcc libgl1-mesa-dev xorg-dev
TESTDEPS := $(DEPS) poppler-utils
BIN     := linli
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run build test test-pg bench windows deps testdeps fuzz clean

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

# test installs the build prerequisites like run does, so it works as the first command typed.
# The window's GUI tests and the data layer's property tests run without the race detector (under
# it they take over 25 CPU-minutes on two cores); the concurrency tests of both (restore vs. workers,
# recovered panics, two windows, concurrent numbering) run again with -race, as does every other package.
test: testdeps
	$(GO) vet ./...
	$(GO) test -race -count=1 -timeout 20m $$($(GO) list ./... | grep -v '/app$$' | grep -v '/data$$')
	$(GO) test -count=1 -timeout 20m ./app ./data
	$(GO) test -race -count=1 -timeout 10m -run 'Restore|Panic' ./app
	$(GO) test -race -count=1 -timeout 10m -run 'Concurrency|TwoWindows|Restore' ./data
	@$(MAKE) --no-print-directory test-pg

# test-pg runs the data suite again on PostgreSQL (a throwaway cluster), or says it skipped it.
test-pg:
	GO=$(GO) .ci/test-pg

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
