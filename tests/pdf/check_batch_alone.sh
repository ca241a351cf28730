#!/bin/sh
# A document's PDF does not depend on the batch it is converted in: faces are
# parsed once per batch and shared between threads (draw/cache.c), while each
# document cuts its own font programs.  Every PDF of a 16-briefing batch on two
# threads, of a two-document batch and of the same batch in one thread must
# be byte-identical to converting that document alone, and the samples'
# fonts (Latin, Greek, Cyrillic, fallback) are checked the same way.
#   check_batch_alone.sh OCTAVO SOURCE_DIR WORKDIR
set -u
octavo=$1 src=$2 work=$3
rm -rf "$work"
mkdir -p "$work"
fails=0 n=0
python3 "$src/scripts/gen-briefings.py" "$work/in" -n 16 --broken 0 --junk 0 >/dev/null || exit 1
cp "$src/samples/kyiv-libraries-uk.txt" "$src/samples/night-market-levels.html" \
  "$src/tests/pdf/glyphs.md" "$work/in/"
mkdir -p "$work/pair"
first=$(cd "$work/in" && find . -name '*.md' | sort | head -1)
cp "$work/in/$first" "$work/in/glyphs.md" "$work/pair/"
"$octavo" -q "$work/in" -t pdf -j 2 -o "$work/batch" || { echo "FAIL: batch -j 2"; exit 1; }
"$octavo" -q "$work/in" -t pdf -j 1 -o "$work/batch1" || { echo "FAIL: batch -j 1"; exit 1; }
"$octavo" -q "$work/pair" -t pdf -j 2 -o "$work/pairout" || { echo "FAIL: pair batch"; exit 1; }
same() { # ALONE BATCHED
  n=$((n + 1))
  if [ ! -f "$2" ]; then
    echo "FAIL: $2 missing"
    fails=$((fails + 1))
  elif ! cmp -s "$1" "$2"; then
    echo "FAIL: $2 differs from the document converted alone"
    fails=$((fails + 1))
  fi
}
for f in $(cd "$work/in" && find . -type f | sort); do
  stem=${f%.*}
  mkdir -p "$work/alone/$(dirname "$f")"
  "$octavo" -q "$work/in/$f" -o "$work/alone/$stem.pdf" || { echo "FAIL: $f alone"; exit 1; }
  same "$work/alone/$stem.pdf" "$work/batch/$stem.pdf"
  same "$work/alone/$stem.pdf" "$work/batch1/$stem.pdf"
done
for f in "$first" ./glyphs.md; do
  same "$work/alone/${f%.*}.pdf" "$work/pairout/$(basename "${f%.*}").pdf"
done
echo "$n PDFs compared, $fails differ"
[ "$fails" -eq 0 ] && [ "$n" -ge 40 ]
