#!/usr/bin/env bash
# Filters as a performance lever: the client of a whole spec against the
# client of one tag of it (`--include tag:TAG`), side by side in one run.
# Both crates sit in one scratch workspace, so they share the dependencies
# (built once, first); each measurement cleans and rebuilds only its own
# crate, alternating (whole, filtered, whole, ...). Prints generation time,
# lines, every compile time, the medians and the ratios.
#
#   bash bench/filtered-compile.sh SPEC TAG [RUNS] [REFS_ROOT]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/timing.sh
spec="$(realpath "${1:?usage: bench/filtered-compile.sh SPEC TAG [RUNS] [REFS_ROOT]}")"
tag="${2:?the tag to keep}"
runs="${3:-3}"
refs=()
if [ -n "${4:-}" ]; then refs=(--refs-root "$(realpath "$4")"); fi
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

cargo build --quiet --release -p oas-gen
gen="$PWD/target/release/oas-gen"
mkdir -p "$scratch/ws"
declare -A gen_times
for i in $(seq "$runs"); do
  gen_times[whole]+="$(seconds "$gen" -q generate "$spec" "${refs[@]}" --out "$scratch/ws/whole" --crate-name client-whole) "
  gen_times[filtered]+="$(seconds "$gen" -q generate "$spec" "${refs[@]}" --out "$scratch/ws/filtered" --crate-name client-filtered --include "tag:$tag") "
done
cat > "$scratch/ws/Cargo.toml" <<'TOML'
[workspace]
resolver = "2"
members = ["whole", "filtered"]
TOML

lines() { find "$1/src" -name '*.rs' -not -path '*/runtime/*' -exec cat {} + | wc -l; }
echo "spec $(basename "$spec"), tag $tag"
echo "client lines (runtime excluded): whole $(lines "$scratch/ws/whole"), filtered $(lines "$scratch/ws/filtered")"
w=$(median_of "${gen_times[whole]}"); f=$(median_of "${gen_times[filtered]}")
echo "generation (whole process, median of $runs): whole $w s, filtered $f s, filtered/whole $(ratio "$f" "$w")"

cd "$scratch/ws"
export CARGO_TARGET_DIR="$scratch/target" CARGO_INCREMENTAL=0
cargo build --quiet -p client-filtered 2>/dev/null  # the dependencies, once

declare -A times
for i in $(seq "$runs"); do
  for which in whole filtered; do
    cargo clean --quiet -p "client-$which"
    times[build-$which]+="$(seconds cargo build -p "client-$which") "
    cargo clean --quiet -p "client-$which"
    times[check-$which]+="$(seconds cargo check -p "client-$which") "
  done
done

echo "compile, median of $runs, dependencies built (2 cores, debug, CARGO_INCREMENTAL=0):"
for kind in build check; do
  whole=$(median_of "${times[$kind-whole]}")
  filtered=$(median_of "${times[$kind-filtered]}")
  printf '  clean %-5s  whole %7s s   filtered %6s s   filtered/whole %s\n' "$kind" "$whole" "$filtered" \
    "$(ratio "$filtered" "$whole")"
  echo "    runs: whole ${times[$kind-whole]}| filtered ${times[$kind-filtered]}"
done
