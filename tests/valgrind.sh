#!/bin/sh
# valgrind on the command line: every reader, every writer, an error path and
# a small threaded batch.  Fails on any memory error or definite/indirect leak,
# and, under helgrind, on any data race between a batch's threads.
# usage: valgrind.sh OCTAVO
set -eu
OCTAVO=$(realpath "$1")
cd "$(dirname "$0")/.."
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
VG="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect
--suppressions=$PWD/tests/leaks.supp"
pass=0
failed=0
tool() { # TOOL-NAME TOOL-COMMAND NAME EXPECTED-EXIT ARGS...
  label=$1 cmd=$2 name=$3 want=$4
  shift 4
  set +e
  $cmd "$OCTAVO" "$@" >/dev/null 2>"$WORK/log"
  rc=$?
  set -e
  if [ "$rc" -eq "$want" ]; then
    pass=$((pass + 1)); echo "ok   $label $name"
  else
    failed=$((failed + 1)); echo "FAIL $label $name (exit $rc, wanted $want)"; cat "$WORK/log"
  fi
}
vg() { tool valgrind "$VG" "$@"; }
vg "text to epub+pdf+json" 0 samples/japan-nato-ukraine.txt -t epub,pdf,json -o "$WORK/"
for s in samples/*.md samples/*.html; do
  vg "$(basename "$s") to epub+pdf" 0 "$s" -t epub,pdf -o "$WORK/"
done
vg "undecodable input" 1 tests/data/bad/undecodable.txt -o "$WORK/u.epub"
vg "missing input" 1 "$WORK/missing.txt" -o "$WORK/m.epub"
mkdir -p "$WORK/in/sub"
cp samples/*.txt "$WORK/in/"; cp samples/*.md "$WORK/in/sub/"; cp tests/data/bad/binary.txt "$WORK/in/"
vg "threaded batch with a broken file" 1 "$WORK/in" -o "$WORK/out" -t epub,pdf -j 2 -q
# images refused and accepted: outside the folder, broken, cleaned SVG, good PNG
mkdir -p "$WORK/page"
cp samples/images/rain-gauge.png "$WORK/page/ok.png"
head -c 20 samples/images/rain-gauge.png >"$WORK/page/stub.png"
printf '<svg xmlns="http://www.w3.org/2000/svg" onload="x()"><script>x()</script><rect width="2" height="2"/></svg>' >"$WORK/page/s.svg"
printf '# Images\n\n![out](../../etc/passwd) ![stub](stub.png) ![svg](s.svg) ![ok](ok.png)\n\nText.\n' >"$WORK/page/p.md"
vg "hostile images to epub+pdf" 0 "$WORK/page/p.md" -t epub,pdf -o "$WORK/"
mkdir -p "$WORK/odd"
cp samples/*.md "$WORK/odd/"; ln -s . "$WORK/odd/self"; ln -s missing "$WORK/odd/gone.txt"
mkfifo "$WORK/odd/pipe.txt"; echo half >"$WORK/out/.x.epub.tmp.Ab12Cd"
vg "batch walker: links, a FIFO, stale temporaries, report" 0 "$WORK/odd" "$WORK/in/sub" \
  -o "$WORK/out" -t epub,json --follow-links --report "$WORK/r.json" -q
vg "batch rerun with other options" 0 "$WORK/odd" -o "$WORK/out" -t json -M author=X -q
# a digest: parts, a broken file, an image, both books, and the flowing PDF
cp "$WORK/page/ok.png" "$WORK/in/sub/"
printf '\n![ok](ok.png)\n' >>"$WORK/in/sub/$(ls "$WORK/in/sub" | grep '\.md$' | head -1)"
vg "digest with a broken file to epub+pdf" 1 "$WORK/in" --digest -o "$WORK/d.epub" -t epub,pdf -j 2 -q
vg "digest flowing, by date" 1 "$WORK/in" --digest --digest-flow --sort date -o "$WORK/f.pdf" -j 2 -q
# helgrind: no data race between the threads of a batch or a digest.  Found
# this way: libzip 1.7's first zip_open_from_source and CLD2's debug static,
# which made one EPUB in a few hundred fail in batches.
HG="valgrind -q --tool=helgrind --error-exitcode=99 --suppressions=$PWD/tests/helgrind.supp"
hg() { tool helgrind "$HG" "$@"; }
mkdir -p "$WORK/race"
# two articles of each kind; sample names have no spaces
for s in $(ls samples/*.txt | head -2) $(ls samples/*.md | head -2) $(ls samples/*.html | head -2); do
  cp "$s" "$WORK/race/"
done
hg "batch of six articles on four threads" 0 "$WORK/race" -o "$WORK/race-out" -t epub,pdf -j 4 -q
hg "digest on two threads" 0 "$WORK/race" --digest -o "$WORK/race.epub" -t epub,pdf -j 2 -q
echo "$pass passed, $failed failed"
[ "$failed" -eq 0 ]
