# Shared by the content benchmarks (sourced): `measure NAME COMMAND...` runs COMMAND under GNU time (and `nice` when
# the caller's array `nice` holds it) and prints "NAME wall user maxKB sys"; `median` reads numbers, prints their median.
# The caller sets `work` (where time.txt goes).
measure() {
  local name=$1; shift
  /usr/bin/time -f "$name %e %U %M %S" "${nice[@]}" "$@" >/dev/null 2>"$work/time.txt" || true
  tail -1 "$work/time.txt"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
