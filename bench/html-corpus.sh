#!/bin/sh
# CPU time (user + system) of the HTML reader on the whole web-page corpus:
# every ../shared/corpus/web-pages/*/source.html converted to the JSON tree,
# one octavo process per page, as score-html.py runs them.  Issue 9's budget
# is 1.5x the figure measured before the article-detection rewrite.
#
#   bench/html-corpus.sh [OCTAVO] [RUNS]    (default build/octavo, 5 runs)
#
# Prints each run's user+sys seconds and the median; CPU time is steadier
# than wall time on a shared machine.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
octavo=${1:-$root/build/octavo}
runs=${2:-5}
pages=$root/../shared/corpus/web-pages
[ -x "$octavo" ] || { echo "octavo not built: $octavo" >&2; exit 2; }
[ -d "$pages" ] || { echo "no corpus at $pages" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt install time)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=$(ls "$pages"/*/source.html | wc -l)
echo "octavo: $octavo"
echo "pages:  $n"
i=0
while [ "$i" -lt "$runs" ]; do
  # time(1) reports the shell's children too: the sum over all conversions
  /usr/bin/time -f "%U %S" -o "$tmp/t" sh -c '
    for f in "$1"/*/source.html; do
      "$2" "$f" -f html -t json -o "$3/out.json" -q || true
    done' sh "$pages" "$octavo" "$tmp"
  awk '{ printf "run: %.2f s (user %.2f, sys %.2f)\n", $1 + $2, $1, $2 }' "$tmp/t"
  awk '{ print $1 + $2 }' "$tmp/t" >>"$tmp/all"
  i=$((i + 1))
done
sort -n "$tmp/all" | awk '{ v[NR] = $1 } END { printf "median user+sys: %.2f s over %d runs\n", v[int((NR + 1) / 2)], NR }'
