#!/usr/bin/env bash
# What a pull request's spec change does to the generated Rust client, in CI:
# compares the spec at the base revision with the working tree, prints the
# report (Markdown, for a pull-request comment or the job summary) and fails
# when a change breaks Rust callers. Run from the repository root:
#
#   BASE=origin/main SPEC=spec/agents.oas.yaml bash examples/ci-drift/changes.sh
#
# FAIL_ON=wire fails on changes that can break clients already deployed;
# FAIL_ON=never only reports. Exit status: 0 fine, 1 a change FAIL_ON names
# (or a refused spec), 2 usage or I/O error.
set -euo pipefail
spec="${SPEC:-spec/agents.oas.yaml}"
base="${BASE:-origin/main}"
fail_on="${FAIL_ON:-breaking}"
if command -v oas-gen >/dev/null 2>&1; then
  gen=(oas-gen)
else
  gen=(cargo run --quiet -p oas-gen --)
fi
status=0
report=$("${gen[@]}" diff "git:$base:$spec" "$spec" --format markdown --fail-on "$fail_on") || status=$?
echo "$report"
# On GitHub Actions, the report also goes to the job's summary page.
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  echo "$report" >> "$GITHUB_STEP_SUMMARY"
fi
exit "$status"
