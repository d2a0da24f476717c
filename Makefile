# wahook — `make demo` and `make test` work on a fresh machine: both bootstrap what they need.
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
SHARED ?= ../shared

# One example of each provider's main webhook types (override with FILE=body.json).
DEMO_FILES ?= tests/fixtures/zapi/received-text.json tests/fixtures/zapi/message-status-read.json \
  tests/fixtures/zapi/received-notification-call-missed.json tests/fixtures/plugchat/start-attendance.json \
  tests/fixtures/greenapi/incoming-image.json tests/fixtures/greenapi/outgoing-message-status-failed-swe004.json \
  tests/fixtures/callbell/message-created.json tests/fixtures/callbell/message-status-updated.json

.PHONY: demo test bootstrap pkg test-rust test-wasm test-js test-conformance clean

## demo: build the package and print the normalized JSON of the bundled examples (or FILE=body.json)
demo: pkg
	@for f in $(if $(FILE),$(FILE),$(DEMO_FILES)); do echo "=== $$f"; node pkg/cli.js "$$f" || exit 1; done

## test: every tier — Rust core, wasm binding in Node, the built package in Node, SPEC conformance
test: pkg test-rust test-wasm test-js test-conformance

bootstrap:
	@scripts/bootstrap.sh

pkg: bootstrap
	@scripts/build-pkg.sh

test-rust:
	cargo test --workspace --exclude wahook-wasm

test-wasm:
	wasm-pack test --node bindings/wasm

test-js:
	node --test js-tests/

test-conformance:
	@if [ -f "$(SHARED)/conformance/run.mjs" ]; then node "$(SHARED)/conformance/run.mjs" --pkg pkg; \
	else echo "conformance: $(SHARED)/conformance/run.mjs not found, skipped"; fi

clean:
	rm -rf pkg target
