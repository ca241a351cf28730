#!/bin/sh
# Batch benchmark: N generated briefings (2-6 KB, the sample styles) to EPUB +
# PDF with -j 2, its peak memory, the rerun, and pandoc on a sample of the
# same files for a per-article ratio.
# usage: bench/batch.sh [N] [PANDOC_SAMPLE]     (defaults 2000 and 10)
set -eu
cd "$(dirname "$0")/.."
N=${1:-2000}
SAMPLE=${2:-10}
OCTAVO=${OCTAVO:-build/octavo}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
[ -x "$OCTAVO" ] || { echo "build octavo first (scripts/setup.sh)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "install the 'time' package" >&2; exit 1; }

python3 scripts/gen-briefings.py "$W/in" -n "$N"
echo "corpus: $N briefings, $(du -sk "$W/in" | cut -f1) KB"

/usr/bin/time -f "%e %M" -o "$W/t1" "$OCTAVO" "$W/in" -o "$W/out" --to epub,pdf -j 2 -q
read -r secs kb < "$W/t1"
/usr/bin/time -f "%e %M" -o "$W/t2" "$OCTAVO" "$W/in" -o "$W/out" --to epub,pdf -j 2 -q
read -r resecs rekb < "$W/t2"
per_ms=$(echo "$secs $N" | awk '{printf "%.2f", $1 * 1000 / $2}')
echo "octavo: $N briefings -> EPUB+PDF in $secs s (-j 2), $per_ms ms/article wall, peak $((kb / 1024)) MiB"
echo "octavo: rerun (all up to date) in $resecs s, peak $((rekb / 1024)) MiB"

if command -v pandoc >/dev/null; then
  files=$(find "$W/in" -name '*.txt' | sort | head -n "$SAMPLE")
  start=$(date +%s.%N)
  for f in $files; do pandoc -f markdown "$f" -o "$W/p.epub" 2>/dev/null; done
  pe=$(echo "$(date +%s.%N) $start $SAMPLE" | awk '{printf "%.1f", ($1 - $2) * 1000 / $3}')
  echo "pandoc -> EPUB: $pe ms/article (sample of $SAMPLE)"
  if command -v weasyprint >/dev/null; then
    start=$(date +%s.%N)
    for f in $files; do pandoc -f markdown "$f" -o "$W/p.pdf" --pdf-engine=weasyprint 2>/dev/null; done
    pp=$(echo "$(date +%s.%N) $start $SAMPLE" | awk '{printf "%.1f", ($1 - $2) * 1000 / $3}')
    echo "pandoc+WeasyPrint -> PDF: $pp ms/article (sample of $SAMPLE)"
    echo "$pe $pp $per_ms $N" | awk '{t = $1 + $2; printf "per article: octavo EPUB+PDF %.2f ms (wall, -j 2) vs pandoc %.0f ms: %.0fx; pandoc would need ~%.0f min for %d\n", $3, t, t / $3, t * $4 / 60000, $4}'
  fi
fi
