#!/bin/sh
# callgrind.sh OUTPUT PROGRAM: instructions (Ir) from exec to the first frame.
#
# Runs PROGRAM under callgrind with the first-frame hook in "exit" mode: the
# process ends right after its first frame, so the total is start-up only.
# Prints "total-ir N"; `callgrind_annotate OUTPUT` shows where they went.
# Run it in the environment bench-startup.py sets (Xvfb, private D-Bus).
set -eu

out=$1
program=$2

if ! command -v valgrind >/dev/null 2>&1; then
  echo "valgrind is not installed (apt-get install valgrind)" >&2
  exit 77
fi

CLOSENESS_BENCH_FIRST_FRAME=exit valgrind --tool=callgrind --collect-atstart=yes \
  --callgrind-out-file="$out" "$program" >/dev/null 2>"$out.log"

total=$(sed -n 's/^totals: *\([0-9]*\).*/\1/p' "$out" | head -n 1)
[ -n "$total" ] || total=$(sed -n 's/^summary: *\([0-9]*\).*/\1/p' "$out" | head -n 1)
echo "total-ir $total"
