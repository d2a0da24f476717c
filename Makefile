# wahook — `make demo` and `make test` work on a fresh machine: both bootstrap what they need.
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
SHARED ?= ../shared

# One example of each provider's main webhook types (override with FILE=body.json).
DEMO_FILES ?= tests/fixtures/zapi/received-text.json tests/fixtures/zapi/message-status-read.json \
  tests/fixtures/zapi/received-notification-call-missed.json tests/fixtures/plugchat/start-attendance.json \
  tests/fixtures/greenapi/incoming-image.json tests/fixtures/greenapi/outgoing-message-status-failed-swe004.json \
  tests/fixtures/callbell/message-created.json tests/fixtures/callbell/message-status-updated.json

.PHONY: generate shapes serve bench demo test bootstrap bootstrap-browser pkg test-lint test-www test-rust test-wasm test-node test-deno test-workerd test-types test-browser test-readme release-check test-conformance clean

## demo: build the package and print the normalized JSON of the bundled examples (or FILE=body.json)
demo: pkg
	@for f in $(if $(FILE),$(FILE),$(DEMO_FILES)); do echo "=== $$f"; node pkg/cli.js "$$f" || exit 1; done

## test: every tier — the Rust core natively; the wasm binding in Node and headless Chromium; the
## built package imported by name in Node, Deno, workerd, Chromium (page and esbuild bundle) and tsc;
## SPEC conformance last.
test: bootstrap-browser pkg test-lint test-rust test-wasm test-node test-deno test-workerd test-types test-browser test-www test-readme release-check test-conformance

bootstrap:
	@scripts/bootstrap.sh

# The browser tiers also need Debian's chromium and chromedriver.
bootstrap-browser:
	@scripts/bootstrap.sh browser

pkg: bootstrap
	@scripts/build-pkg.sh

test-rust:
	cargo test --workspace --exclude wahook-wasm --features wahook/schema,wahook/deserialize,wahook/http
	cargo test -p wahook-wasm --test native
	cargo run -q --example readme_rust_verify

test-wasm:
	wasm-pack test --node bindings/wasm
	wasm-pack test --headless --chrome --chromedriver "$$(command -v chromedriver)" bindings/wasm

test-node:
	node --test js-tests/*.test.mjs

test-deno:
	deno test --allow-read --allow-net=127.0.0.1 js-tests/deno/deno-runtime.mjs js-tests/deno/handler-runtime.mjs
	deno test --no-check --allow-read --allow-env --allow-net=127.0.0.1 js-tests/deno/handler-express.mjs

test-workerd:
	node --test js-tests/workerd/

test-types:
	node --test js-tests/types/

test-browser:
	node --test js-tests/browser/

test-www:
	node --test js-tests/www/

# Every README snippet (examples/readme/) equals the README's block and runs from the packed tarball.
test-readme:
	node --test js-tests/readme/

## release-check: pack both artifacts and check them (publint, attw, server bundles, npm publish
## --dry-run; cargo publish --dry-run, which fails on any warning but cargo's notes that the
## repository's tests, examples and benches are not shipped)
release-check: pkg
	node --test js-tests/release/
	@out=$$(cargo publish --dry-run --allow-dirty -p wahook 2>&1) || { echo "$$out"; exit 1; }; \
	echo "$$out" | grep -E '^ *Packaged'; \
	bad=$$(echo "$$out" | grep '^warning' | grep -v 'aborting upload due to dry run' | grep -Ev '^warning: ignoring (test|example|benchmark) `[a-z_]+` as `(tests|examples|benches)/[a-z_]+\.rs` is not included in the published package$$' || true); \
	if [ -n "$$bad" ]; then echo "$$bad"; echo "cargo publish --dry-run warned"; exit 1; fi; echo "cargo publish --dry-run: no warning"

# No unwrap/expect/panic/unchecked indexing in the libraries (deny lints in src/lib.rs).
test-lint:
	cargo clippy --quiet --workspace --lib

test-conformance:
	@if [ -f "$(SHARED)/conformance/run.mjs" ]; then node "$(SHARED)/conformance/run.mjs" --pkg pkg; \
	else echo "conformance: $(SHARED)/conformance/run.mjs not found, skipped"; fi

## generate: after a change to the Rust model (src/model.rs) or a provider's name tables, rewrite
## every file generated from them — the JSON Schema, the TypeScript model (pkg-template/model.d.ts),
## the handler's name lists (names.js/.d.ts), the tape's object literals (shapes.js) — and rebuild
## the package. CI fails when any of them is stale.
generate: bootstrap
	UPDATE_SCHEMA=1 cargo test -q --features schema --test schema
	node scripts/gen-types.mjs
	node scripts/gen-names.mjs
	@scripts/build-pkg.sh
	node scripts/gen-shapes.mjs
	@scripts/build-pkg.sh

shapes: generate

## serve: the inspector (www-example/) on http://127.0.0.1:8080/ (PORT=... to change)
serve: pkg
	node scripts/serve.mjs --port $(or $(PORT),8080)

## bench: speed (JS vs JSON.parse, hand-written and zod normalizers; native vs serde_json), size,
## cold start → BENCHMARKS.md
bench: pkg
	node bench/run.mjs

clean:
	rm -rf pkg target
