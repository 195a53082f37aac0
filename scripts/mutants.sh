#!/usr/bin/env bash
# Mutation testing: how many deliberate bugs the tests catch. Too slow for
# every CI run (each mutant rebuilds and runs tests), so it runs by hand,
# part by part, with results kept in docs/testing.md:
#
#   scripts/mutants.sh runtime                 # the client runtime, whole
#   scripts/mutants.sh runtime -f retry.rs     # one runtime file
#   scripts/mutants.sh generator 0/8           # every 8th generator mutant
#   scripts/mutants.sh generator 0/1 -f 'generator/src/changes/**'   # one module, whole
#
# The runtime (generator/runtime/*.rs) is mutated through tests/runtime, the
# crate that compiles it as the `runtime` module of a generated crate; its
# tests are that crate's. The generator (generator/src) is tested by its own
# tests and the root crate's (snapshots, the build.rs client against a
# loopback server).
#
# Results go to mutants.out/ (caught.txt, missed.txt, unviable.txt); add
# `-o DIR` to keep each part's results apart. Installs cargo-mutants from
# crates.io when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! cargo mutants --version >/dev/null 2>&1; then
  cargo install --locked cargo-mutants
fi
# One target dir for every run, so that the dependencies are built once, not
# in each fresh copy of the tree cargo-mutants makes (the tree's own crates
# still build per copy). Runs share it one at a time: keep --jobs at 1.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target/mutants}"
target="${1:-}"
shift || true
case "$target" in
  runtime)
    # With `tracing`, so that the request spans are mutated and checked too.
    exec cargo mutants --no-shuffle -p runtime-tests --test-package runtime-tests \
      --features tracing --profile mutants --timeout-multiplier 3 "$@"
    ;;
  generator)
    shard="${1:-0/1}"
    shift || true
    # Every test of the generator is in its package (the snapshots pin every
    # byte it emits), run by nextest, test binaries side by side. The proof
    # that breaking changes break callers compiles a workspace per run and
    # is left out: the catalogue's classification covers the same code.
    exec cargo mutants --no-shuffle --sharding round-robin --shard "$shard" -p oas-gen \
      --test-package oas-gen --profile mutants --test-tool nextest \
      --timeout-multiplier 2 "$@" \
      -- -E 'not test(=breaking_changes_break_callers_and_additive_ones_do_not)'
    ;;
  *)
    echo "usage: scripts/mutants.sh runtime|generator [SHARD] [cargo-mutants flags]" >&2
    exit 2
    ;;
esac
