# 邻里 Linli — make run opens the window, make test runs every check CI runs.
GO      ?= go
DEPS    := gcc libgl1-mesa-dev xorg-dev
BIN     := linli
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run build test bench windows deps fuzz clean

run: deps build
	./$(BIN)

build:
	$(GO) build -o $(BIN) .

# deps installs the Fyne build prerequisites on Debian/Ubuntu when they are missing.
deps:
	@missing=""; for p in $(DEPS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null 2>&1 && { [ "$$(id -u)" = 0 ] || sudo -n true 2>/dev/null; }; then \
	    echo "安装构建依赖 / installing:$$missing"; \
	    $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "缺少构建依赖，请先运行 / missing build prerequisites, run:"; \
	    echo "  sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

test:
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./data/ ./reports/

windows:
	CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
	  $(GO) build -ldflags "-H=windowsgui" -o dist/linli.exe .

clean:
	rm -f $(BIN) && rm -rf dist
