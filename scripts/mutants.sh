#!/usr/bin/env bash
# Mutation testing: how many deliberate bugs in the generator and the runtime
# the tests catch. Too slow for every CI run (each mutant rebuilds and runs
# the tests); run it when changing lowering, loading or emit, shard by shard:
#
#   scripts/mutants.sh             # everything, one shard
#   scripts/mutants.sh 0/8         # every 8th mutant (a representative sample)
#   scripts/mutants.sh 0/8 -f generator/src/lower/marks.rs   # more cargo-mutants flags
#
# Results are in mutants.out/ (caught.txt, missed.txt, unviable.txt).
# Installs cargo-mutants from crates.io when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! cargo mutants --version >/dev/null 2>&1; then
  cargo install --locked cargo-mutants
fi
shard="${1:-0/1}"
shift || true
# The generator's pipeline (lower, load, resolve, emit: about 1,200 mutants),
# tested by the generator's tests and the root crate's (snapshots, the
# build.rs client against a loopback server). The runtime's own logic is
# compiled only inside generated crates; its tests are the root crate's.
exec cargo mutants --no-shuffle --sharding round-robin --shard "$shard" -p oas-gen \
  -f 'generator/src/lower/**/*.rs' -f 'generator/src/load/**/*.rs' \
  -f generator/src/resolve.rs -f 'generator/src/emit/**/*.rs' \
  --test-package oas-gen --test-package slng-agents \
  --timeout-multiplier 2 "$@"
