#!/bin/sh
# Linear cost and memory (issue 15): the reference article repeated 1x, 10x
# and 100x, to EPUB and to PDF.  For each size: instructions (callgrind: they
# repeat to 0.01 %, unlike times on a shared machine; this machine's VM has
# no hardware counters for `perf stat`), instructions per input byte, the
# marginal cost per byte between one size and the next (what a superlinear
# step shows in: the fixed cost -- process start, fonts, patterns -- cancels
# out), and peak RSS (/usr/bin/time -v, without valgrind) against the limit
# of 40x the input plus 20 MiB.
#
#   bench/scale.sh [ARTICLE]    SCALES="1 10 100" FORMATS="epub pdf"
#                               OCTAVO=path/to/octavo to pick a build
#
# Targets: marginal cost per byte within 10 % from one step to the next,
# and every peak RSS under its limit.  Exits 1 when one is missed.
# 100x to PDF under callgrind takes several minutes on a loaded machine.
set -eu
. "$(dirname "$0")/common.sh"
article=${1:-$root/samples/japan-nato-ukraine.txt}
SCALES=${SCALES:-1 10 100}
FORMATS=${FORMATS:-epub pdf}
bench_need valgrind python3 /usr/bin/time
bench_start

ext=${article##*.}
rows=$tmp/rows
: >"$rows"
for n in $SCALES; do
  in=$tmp/x$n.$ext
  i=0
  while [ $i -lt "$n" ]; do
    cat "$article"
    printf '\n\n'
    i=$((i + 1))
  done >"$in"
  bytes=$(wc -c <"$in")
  for fmt in $FORMATS; do
    valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" "$OCTAVO" "$in" -o "$tmp/o.$fmt" \
      >/dev/null 2>"$tmp/vg" || { cat "$tmp/vg" >&2; exit 1; }
    ir=$(sed -n 's/^totals: //p; s/^summary: //p' "$tmp/cg" | head -1)
    /usr/bin/time -v "$OCTAVO" "$in" -o "$tmp/o.$fmt" >/dev/null 2>"$tmp/time" ||
      { cat "$tmp/time" >&2; exit 1; }
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time")
    echo "$fmt $n $bytes $ir $rss" >>"$rows"
  done
done

python3 - "$rows" "$article" <<'EOF'
import sys
rows = [l.split() for l in open(sys.argv[1])]
print("article: %s" % sys.argv[2])
print("%-5s %5s %10s %12s %9s %13s %10s %10s" % ("to", "x", "bytes", "instructions", "per byte",
      "marginal/byte", "peak RSS", "limit"))
ok = True
prev = {}
for fmt, n, size, ir, rss in rows:
    n, size, ir, rss = int(n), int(size), int(ir), int(rss) * 1024
    limit = 40 * size + 20 * 1024 * 1024
    marg = ""
    if fmt in prev:
        psize, pir, pmarg = prev[fmt]
        m = (ir - pir) / (size - psize)
        marg = "%.0f" % m
        if pmarg is not None and abs(m - pmarg) > 0.10 * pmarg:
            marg += " !"
            ok = False
        prev[fmt] = (size, ir, m)
    else:
        prev[fmt] = (size, ir, None)
    flag = "" if rss <= limit else " !"
    ok = ok and rss <= limit
    print("%-5s %5d %10d %12d %9.0f %13s %8.1f M %8.1f M%s" % (fmt, n, size, ir, ir / size, marg,
          rss / 2**20, limit / 2**20, flag))
print("linear and within memory limits" if ok else "! marks a miss: marginal cost per byte off "
      "by more than 10 % from the step before, or peak RSS over 40x input + 20 MiB")
sys.exit(0 if ok else 1)
EOF
