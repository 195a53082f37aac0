#!/usr/bin/env bash
# Builds the generator and the benchmarks in release mode, installs oas3-gen
# (once, into target/oas3-gen) for the side-by-side, and runs the benchmarks.
# Usage: bash bench/run.sh [SPEC|DIR]...
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p oas-gen -p oas-gen-bench
if [ ! -x target/oas3-gen/bin/oas3-gen ]; then
  cargo install oas3-gen --version 0.29.0 --locked --root target/oas3-gen
fi
target/release/oas-gen-bench "$@"
