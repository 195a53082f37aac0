# Shared by the bench scripts (sourced): timing one command, and medians.

# Seconds a command takes (its output dropped), two decimals.
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f", b - a}'
}

# The median of the numbers on stdin, one per line.
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# The median of a space-separated list of numbers.
median_of() { echo "$1" | tr ' ' '\n' | grep . | median; }

# a / b, two decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
