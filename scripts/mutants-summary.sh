#!/usr/bin/env bash
# Counts of a mutants.out folder per file, as docs/testing.md lists them:
#
#   scripts/mutants-summary.sh mutants.out [more mutants.out folders...]
#
# Prints a Markdown table: file, caught, missed, timeout, unviable, and the
# share of viable mutants caught (timeouts count as caught: the tests did
# not pass). Runtime files are named by their path under generator/.
set -euo pipefail
for out in "$@"; do
  for kind in caught missed timeout unviable; do
    [ -f "$out/$kind.txt" ] || continue
    sed -E "s|^tests/runtime/src/runtime/\.\./\.\./\.\./\.\./||; s|^([^:]*):.*|\1 $kind|" "$out/$kind.txt"
  done
done | sort | awk '
  { count[$1, $2]++; if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } }
  END {
    print "| file | caught | missed | timeout | unviable | caught of viable |"
    print "|---|---|---|---|---|---|"
    for (i = 1; i <= n; i++) {
      f = order[i]
      c = count[f, "caught"] + 0; m = count[f, "missed"] + 0
      t = count[f, "timeout"] + 0; u = count[f, "unviable"] + 0
      viable = c + m + t
      share = viable ? sprintf("%.0f%%", 100 * (c + t) / viable) : "-"
      printf "| `%s` | %d | %d | %d | %d | %s |\n", f, c, m, t, u, share
      C += c; M += m; T += t; U += u
    }
    V = C + M + T
    printf "| **all** | %d | %d | %d | %d | %s |\n", C, M, T, U, V ? sprintf("%.1f%%", 100 * (C + T) / V) : "-"
  }'
