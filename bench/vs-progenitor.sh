#!/usr/bin/env bash
# Compile cost of the client oas-gen generates against the one progenitor
# generates, for the same spec, side by side in one run. Both crates sit in
# one scratch workspace and share the dependencies (built first); each
# measurement cleans or touches only its own crate. Runs alternate (ours,
# progenitor's, ours, ...) so machine noise hits both alike. Prints every
# time, the medians and the ratios ours / progenitor's.
#
#   bash bench/vs-progenitor.sh [SPEC] [RUNS]
#
# SPEC defaults to the full SLNG spec in ../shared/specs. Measured, 2 cores,
# debug profile, dependencies built:
#   clean build  `cargo clean -p X; cargo build -p X`, CARGO_INCREMENTAL=0
#   clean check  `cargo clean -p X; cargo check -p X` (what rust-analyzer pays)
#   incremental  `touch src/lib.rs; cargo build -p X`, CARGO_INCREMENTAL=1
#   incr. check  `touch src/lib.rs; cargo check -p X`, CARGO_INCREMENTAL=1
# Lines count the client's own code: ours without src/runtime/ (progenitor's
# runtime lives in the progenitor-client crate, a dependency here).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/timing.sh
spec="$(realpath "${1:-../shared/specs/slng-agents.oas.yaml}")"
runs="${2:-3}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

cargo build --quiet --release -p oas-gen -p oas-gen-bench
mkdir -p "$scratch/ws/progenitor/src"
target/release/oas-gen -q generate "$spec" --out "$scratch/ws/ours" --crate-name generated-ours
target/release/oas-gen-bench --emit-progenitor "$spec" "$scratch/ws/progenitor/src/lib.rs"
# The dependencies progenitor's README asks for, with the features its code uses.
cat > "$scratch/ws/progenitor/Cargo.toml" <<'EOF'
[package]
name = "generated-progenitor"
version = "0.1.0"
edition = "2021"

[lib]
doctest = false

[dependencies]
bytes = "1"
chrono = { version = "0.4", default-features = false, features = ["serde", "std"] }
futures-core = "0.3"
progenitor-client = "0.15.1"
regress = "0.10"
reqwest = { version = "0.13", default-features = false, features = ["json", "stream", "rustls"] }
serde = { version = "1", features = ["derive"] }
serde_json = "1"
serde_urlencoded = "0.7"
uuid = { version = "1", features = ["serde", "v4"] }
EOF
cat > "$scratch/ws/Cargo.toml" <<'EOF'
[workspace]
resolver = "2"
members = ["ours", "progenitor"]

[profile.dev.package."*"]
debug = false
EOF

# All lines; without blank ones (we space items as people do, prettyplease
# does not); and code alone, without comments and docs too.
lines() {
  local text
  text=$(find "$1/src" -name '*.rs' -not -path '*/runtime/*' -exec cat {} +)
  printf '%s / %s / %s' "$(printf '%s\n' "$text" | wc -l)" \
    "$(printf '%s\n' "$text" | grep -cv '^\s*$')" \
    "$(printf '%s\n' "$text" | grep -v '^\s*$' | grep -cv '^\s*//')"
}
echo "spec: $(basename "$spec")"
echo "client lines, all / non-blank / code (runtime excluded): ours $(lines "$scratch/ws/ours"), progenitor $(lines "$scratch/ws/progenitor")"

cd "$scratch/ws"
export CARGO_TARGET_DIR="$scratch/target"
# Dependencies, once per crate and mode (features resolve per selected package).
warm() { # incremental command package
  if ! CARGO_INCREMENTAL=$1 cargo "$2" --quiet -p "$3" 2>"$scratch/warm.log"; then
    echo "$3 does not compile:" >&2
    grep -E '^error' -A6 "$scratch/warm.log" | head -40 >&2
    exit 1
  fi
}
for which in ours progenitor; do
  for incremental in 0 1; do
    warm $incremental build "generated-$which"
    warm $incremental check "generated-$which"
  done
done


declare -A times
for i in $(seq "$runs"); do
  for which in ours progenitor; do
    package="generated-$which"
    export CARGO_INCREMENTAL=0
    cargo clean --quiet -p "$package"
    times[clean-build-$which]+="$(seconds cargo build -p "$package") "
    cargo clean --quiet -p "$package"
    times[clean-check-$which]+="$(seconds cargo check -p "$package") "
    export CARGO_INCREMENTAL=1
    cargo build --quiet -p "$package" 2>/dev/null
    touch "$which/src/lib.rs"
    times[incremental-build-$which]+="$(seconds cargo build -p "$package") "
    cargo check --quiet -p "$package" 2>/dev/null
    touch "$which/src/lib.rs"
    times[incremental-check-$which]+="$(seconds cargo check -p "$package") "
  done
done

echo "median of $runs, dependencies built (2 cores, debug):"
for kind in clean-build clean-check incremental-build incremental-check; do
  ours=$(median_of "${times[$kind-ours]}")
  theirs=$(median_of "${times[$kind-progenitor]}")
  printf '  %-18s ours %6s s   progenitor %6s s   ours/progenitor %s\n' "$kind" "$ours" "$theirs" \
    "$(ratio "$ours" "$theirs")"
  echo "    runs: ours ${times[$kind-ours]}| progenitor ${times[$kind-progenitor]}"
done
