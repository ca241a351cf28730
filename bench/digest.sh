#!/bin/sh
# Digest benchmark (issue 13): N generated briefings in topic folders (the
# batch's generator, the sample styles) -> ONE EPUB and ONE PDF with -j 2,
# time and peak RSS; then the same at N/4 and N/2 to show how memory grows
# with the number of articles.  Targets at N = 2000 on a 2-core machine:
# <= 20 s and <= 256 MiB for both formats.
# usage: bench/digest.sh [N]     (default 2000)
# The machine's load is printed first: wall time on a shared machine says
# more about the neighbours than about octavo; user + sys time does not.
set -eu
cd "$(dirname "$0")/.."
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
N=${1:-2000}
OCTAVO=${OCTAVO:-build/octavo}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
[ -x "$OCTAVO" ] || { echo "build octavo first (scripts/setup.sh)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "install the 'time' package" >&2; exit 1; }
export OCTAVO_DATA_DIR=${OCTAVO_DATA_DIR:-$PWD}

python3 scripts/gen-briefings.py "$W/in" -n "$N" >/dev/null
echo "corpus: $N briefings in $(find "$W/in" -mindepth 1 -type d | wc -l) folders, $(du -sk "$W/in" | cut -f1) KB"

# one run: LABEL INPUT ARGS...; prints seconds and peak RSS
run() {
  label=$1
  shift
  /usr/bin/time -f "%e %M %U %S" -o "$W/t" "$OCTAVO" "$@" -j 2 -q
  read -r secs kb user sys <"$W/t"
  echo "$label: $secs s wall ($user s user, $sys s sys), peak $((kb / 1024)) MiB"
}
run "digest $N -> EPUB+PDF" "$W/in" --digest -o "$W/week.epub" -t epub,pdf
echo "  EPUB $(($(wc -c <"$W/week.epub") / 1024)) KB, PDF $(($(wc -c <"$W/week.pdf") / 1024)) KB, $(pdfinfo "$W/week.pdf" | awk '/^Pages:/ {print $2}') pages"
run "digest $N -> EPUB" "$W/in" --digest -o "$W/week.epub"
run "digest $N -> PDF" "$W/in" --digest -o "$W/week.pdf"

# memory against the number of articles: the first N/4 and N/2 briefings
for part in 4 2; do
  m=$((N / part))
  rm -rf "$W/sub"
  mkdir "$W/sub"
  (cd "$W/in" && find . -type f | sort | head -n "$m" | while read -r f; do
    mkdir -p "$W/sub/$(dirname "$f")" && cp "$f" "$W/sub/$f"
  done)
  run "digest $m -> EPUB+PDF" "$W/sub" --digest -o "$W/sub.epub" -t epub,pdf
done
