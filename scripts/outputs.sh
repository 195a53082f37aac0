#!/usr/bin/env bash
# Writes everything the generator makes for the specs of this repository (and
# ../shared/specs when present) into DIR, so that two revisions can be
# compared byte for byte: `scripts/outputs.sh /tmp/before`, change the
# generator, `scripts/outputs.sh /tmp/after`, `diff -r /tmp/before /tmp/after`.
# Covers the crate layout (`oas-gen generate`) and the single-file layout
# (the build scripts' OUT_DIR output).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:?usage: scripts/outputs.sh DIR}"
rm -rf "$out"
mkdir -p "$out"
cargo build --quiet --release -p oas-gen
gen=target/release/oas-gen
specs=(spec/*.yaml tests/fixtures/*.yaml tests/fixtures/external/api.yaml tests/fixtures/split/api.yaml
  tests/fixtures/shared-root/api/spec.yaml)
if [ -d ../shared/specs ]; then specs+=(../shared/specs/*.yaml ../shared/specs/*.json); fi
for spec in "${specs[@]}"; do
  [ -f "$spec" ] || continue
  name=$(echo "$spec" | tr '/.' '__')
  extra=()
  case "$spec" in tests/fixtures/shared-root/*) extra=(--refs-root tests/fixtures/shared-root) ;; esac
  "$gen" generate "$spec" --out "$out/$name" "${extra[@]}" 2>&1 >/dev/null | sed "s#$out/#OUT/#" >"$out/$name.stderr" || true
done
# Single-file layout: what the build scripts write to OUT_DIR.
cargo build --quiet -p slng-agents -p auth-fixture-client
for pkg in slng-agents auth-fixture-client; do
  dir=$(ls -td target/debug/build/"$pkg"-*/out | head -1)
  mkdir -p "$out/single-file-$pkg"
  cp "$dir"/*.rs "$out/single-file-$pkg/"
done
echo "outputs in $out"
