#!/usr/bin/env bash
# Clean-build cost of the SLNG client, two ways, in fresh target dirs:
#   build.rs mode  - the root package `slng-agents` (generator as a build dependency)
#   vendored       - `generated-client/` alone (no generator)
# Each is built RUNS times (default 3); prints every time and the medians.
# Usage: bash bench/build-cost.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

source bench/timing.sh

measure() { # package
  local times=()
  for i in $(seq "$runs"); do
    rm -rf "$scratch/target"
    local start end
    start=$(date +%s.%N)
    CARGO_TARGET_DIR="$scratch/target" cargo build --quiet -p "$1" >/dev/null 2>&1
    end=$(date +%s.%N)
    times+=("$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.1f", b - a}')")
  done
  printf '%s\n' "${times[@]}" | median
}

cargo fetch --quiet
root=$(measure slng-agents)
vendored=$(measure slng-agents-client)
echo "clean build, median of $runs (2 cores):"
echo "  build.rs mode (slng-agents):       ${root} s"
echo "  vendored (slng-agents-client):     ${vendored} s"
echo "  ratio:                             $(awk -v a="$root" -v b="$vendored" 'BEGIN {printf "%.2f", a / b}')x"
