#!/usr/bin/env bash
# Compile cost of the code two generator versions make for one spec, side by
# side in one run: both crates sit in one scratch workspace, so they share
# the dependencies (built once, first), and each measurement cleans and
# rebuilds only its own crate. Runs alternate (old, new, old, new...) so
# machine noise hits both alike. Prints every time, the medians and ratios.
#
#   bash bench/generated-compile.sh OLD_REV [NEW_REV] [SPEC] [RUNS]
#
# OLD_REV/NEW_REV are git revisions of this repository (NEW_REV defaults to
# the working tree); SPEC defaults to the full SLNG spec in ../shared/specs.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/timing.sh
old_rev="${1:?usage: bench/generated-compile.sh OLD_REV [NEW_REV] [SPEC] [RUNS]}"
new_rev="${2:-WORKTREE}"
spec="$(realpath "${3:-../shared/specs/slng-agents.oas.yaml}")"
runs="${4:-3}"
scratch="$(mktemp -d)"
trap 'git worktree remove --force "$scratch/src-old" 2>/dev/null || true; git worktree remove --force "$scratch/src-new" 2>/dev/null || true; rm -rf "$scratch"' EXIT

generator() { # rev dir -> path of the built oas-gen
  local rev="$1" dir="$2"
  if [ "$rev" = WORKTREE ]; then
    cargo build --quiet --release -p oas-gen
    echo "$PWD/target/release/oas-gen"
    return
  fi
  git worktree add --quiet --detach "$dir" "$rev"
  CARGO_TARGET_DIR="$scratch/gen-target" cargo build --quiet --release -p oas-gen \
    --manifest-path "$dir/Cargo.toml"
  cp "$scratch/gen-target/release/oas-gen" "$dir.bin"
  echo "$dir.bin"
}

old_gen=$(generator "$old_rev" "$scratch/src-old")
new_gen=$(generator "$new_rev" "$scratch/src-new")
mkdir -p "$scratch/ws"
"$old_gen" -q generate "$spec" --out "$scratch/ws/old" --crate-name generated-old
"$new_gen" -q generate "$spec" --out "$scratch/ws/new" --crate-name generated-new
cat > "$scratch/ws/Cargo.toml" <<'EOF'
[workspace]
resolver = "2"
members = ["old", "new"]
EOF

lines() { find "$1/src" -name '*.rs' -not -path '*/runtime/*' -exec cat {} + | wc -l; }
echo "client lines (runtime excluded): old $(lines "$scratch/ws/old"), new $(lines "$scratch/ws/new")"

cd "$scratch/ws"
export CARGO_TARGET_DIR="$scratch/target" CARGO_INCREMENTAL=0
cargo build --quiet --workspace 2>/dev/null  # dependencies (and both crates) once


declare -A times
for i in $(seq "$runs"); do
  for which in old new; do
    cargo clean --quiet -p "generated-$which"
    times[build-$which]+="$(seconds cargo build -p "generated-$which") "
    cargo clean --quiet -p "generated-$which"
    times[check-$which]+="$(seconds cargo check -p "generated-$which") "
  done
done

echo "median of $runs, dependencies built (2 cores, debug, CARGO_INCREMENTAL=0):"
for kind in build check; do
  old=$(median_of "${times[$kind-old]}")
  new=$(median_of "${times[$kind-new]}")
  printf '  clean %-5s  old %6s s   new %6s s   new/old %s\n' "$kind" "$old" "$new" \
    "$(ratio "$new" "$old")"
  echo "    runs: old ${times[$kind-old]}| new ${times[$kind-new]}"
done
