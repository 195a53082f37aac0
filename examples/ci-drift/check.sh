#!/usr/bin/env bash
# Spec drift in CI: fails when the committed client is not what the committed
# spec makes, and prints what changed (items in Rust terms, then a unified
# diff). Run from the repository root; SPEC and OUT may be overridden:
#
#   SPEC=spec/api.yaml OUT=generated-client bash examples/ci-drift/check.sh
#
# Exit status: 0 in sync, 1 drift (or a refused spec), 2 usage or I/O error.
set -euo pipefail
spec="${SPEC:-spec/agents.oas.yaml}"
out="${OUT:-generated-client}"
# In your own repository, install the generator once instead:
#   cargo install --git <this repository> oas-gen --locked
if command -v oas-gen >/dev/null 2>&1; then
  gen=(oas-gen)
else
  gen=(cargo run --quiet -p oas-gen --)
fi
status=0
"${gen[@]}" check "$spec" --out "$out" || status=$?
if [ "$status" -eq 1 ]; then
  echo
  echo "The client in $out is out of date with $spec. Regenerate it and commit:"
  echo "  oas-gen generate $spec --out $out"
fi
exit "$status"
