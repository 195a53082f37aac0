#!/usr/bin/env bash
# Mutation testing: how many deliberate bugs in the generator and the runtime
# the tests catch. Too slow for every CI run (each mutant rebuilds and runs
# the tests); run it when changing lowering, loading or emit, shard by shard:
#
#   scripts/mutants.sh             # everything, one shard
#   scripts/mutants.sh 0/8         # the first of 8 shards (a few minutes each)
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
# The generator's pipeline and the runtime's retry, validation and decoding
# logic; the CLI's terminal output and the benchmarks are left out.
exec cargo mutants --no-shuffle --shard "$shard" \
  --file 'generator/src/lower/**' --file 'generator/src/load/**' \
  --file generator/src/resolve.rs --file 'generator/src/emit/**' \
  --file generator/src/source/mod.rs --file generator/src/naming.rs \
  --file generator/runtime/retry.rs --file generator/runtime/validate.rs \
  --file generator/runtime/decode.rs \
  --test-workspace=true --timeout-multiplier 2 "$@"
