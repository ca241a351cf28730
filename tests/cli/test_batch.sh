#!/bin/sh
# Batch conversion of a generated folder of briefings: mirrored outputs,
# broken files isolated, report, incremental rerun, shards that partition the
# work, name conflicts, and SIGINT leaving nothing partial behind.
# usage: test_batch.sh OCTAVO SOURCE_DIR
set -eu
OCTAVO=$1
SRC=$2
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
. "$SRC/tests/cli/lib.sh"
N=240

python3 "$SRC/scripts/gen-briefings.py" "$WORK/in" -n $N --broken 3 --junk 2
run "$OCTAVO" "$WORK/in" -o "$WORK/out" --to epub,pdf -j 2 --report "$WORK/report.json"
check "broken files make the batch exit 1" test "$rc" -eq 1
check "no progress bar when stderr is not a terminal: failures + summary only" \
  sh -c '[ $(printf "%s\n" "$1" | wc -l) -eq 4 ] && ! printf "%s" "$1" | grep -q "$(printf "\r")"' _ "$err"
check "each broken file is named with its cause" sh -c \
  'printf "%s\n" "$1" | grep -q "000-binary.txt: binary" && printf "%s\n" "$1" | grep -q "001-empty.txt: empty" && printf "%s\n" "$1" | grep -q "002-undecodable.txt: .*0x81"' _ "$err"
check "summary counts converted, failed, skipped" sh -c \
  'printf "%s\n" "$1" | tail -1 | grep -q "$2 converted, 3 failed, 2 skipped, 0 up to date, 0 conflicts"' _ "$err" "$N"
check "every good article has an EPUB and a PDF in the mirrored tree" sh -c '
  cd "$1/in" && for f in $(find . -path ./broken -prune -o -name "0*.*" -type f -print); do
    s=${f%.*}; [ -s "$2/out/$s.epub" ] && [ -s "$2/out/$s.pdf" ] || { echo "missing $s"; exit 1; }
  done' _ "$WORK" "$WORK"
check "no output for broken or skipped files" sh -c '[ ! -e "$1/out/broken/000-binary.epub" ] && [ ! -e "$1/out/notes-0.epub" ]' _ "$WORK"
check "no temporary files anywhere" sh -c '! find "$1/out" -name "*.tmp*" | grep -q .' _ "$WORK"
check "report has one record per input with statuses" python3 - "$WORK/report.json" "$N" <<'PY'
import json, sys
recs = json.load(open(sys.argv[1]))
n = int(sys.argv[2])
st = [r["status"] for r in recs]
assert len(recs) == n + 5, len(recs)
assert st.count("converted") == n and st.count("failed") == 3 and st.count("skipped") == 2, st
for r in recs:
    assert set(r) == {"path", "outputs", "status", "message", "milliseconds"}, r
    if r["status"] == "converted":
        assert len(r["outputs"]) == 2 and r["message"] is None
    if r["status"] == "failed":
        assert r["message"]
PY
# Validity of a few outputs with the real validators.
for s in politics/00000 economy/00001 energy/00002; do
  check "qpdf --check $s.pdf" sh -c 'qpdf --check "$1" >/dev/null' _ "$WORK/out/$s.pdf"
done
if [ -f /usr/share/java/epubcheck.jar ]; then
  for s in culture/00005 health/00003; do
    check "epubcheck $s.epub" sh -c 'java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar /usr/share/java/epubcheck.jar -q "$1" >/dev/null 2>&1' _ "$WORK/out/$s.epub"
  done
fi

# Incremental: a rerun converts nothing; touching one input redoes only it.
run "$OCTAVO" "$WORK/in" -o "$WORK/out" --to epub,pdf -j 2
check "rerun: everything up to date" sh -c 'printf "%s\n" "$1" | tail -1 | grep -q "0 converted, 3 failed, 2 skipped, $2 up to date"' _ "$err" "$N"
sleep 0.05; touch "$WORK/in/politics/00000.txt"
run "$OCTAVO" "$WORK/in" -o "$WORK/out" --to epub,pdf -j 2
check "a touched input is reconverted alone" sh -c 'printf "%s\n" "$1" | tail -1 | grep -q "^octavo: 1 converted"' _ "$err"
run "$OCTAVO" "$WORK/in" -o "$WORK/out" --to epub -j 2 --force -q
check "--force rebuilds everything; -q prints only errors" sh -c '[ "$1" -eq 1 ] && [ $(printf "%s\n" "$2" | grep -vc "^octavo: /") -le 1 ]' _ "$rc" "$err"

# On a terminal: one live progress line with done/total, rate, ETA, failures.
if command -v script >/dev/null; then
  script -qec "'$OCTAVO' '$WORK/in' -o '$WORK/tty' --to pdf -j 2" "$WORK/tty.log" >/dev/null 2>&1 || true
  check "terminal: a live progress line with a known total, rate, ETA and failures" sh -c \
    'tr "\r" "\n" < "$1" | grep -Eq "^.\[K[0-9]+/$2  [0-9]+/s  ETA [0-9]+s  [0-9]+ failed"' _ "$WORK/tty.log" "$((N + 5))"
  check "terminal: the summary ends the run" sh -c 'grep -q "converted, 3 failed" "$1"' _ "$WORK/tty.log"
fi

# Shards partition the inputs: union is everything, no overlap.
for k in 1 2 3; do
  "$OCTAVO" "$WORK/in" -o "$WORK/shard$k" --to json --shard $k/3 -q 2>/dev/null || true
done
check "shards 1/3 2/3 3/3: union is the whole set, no overlap" sh -c '
  cd "$1"; all=$(cd in && find . -path ./broken -prune -o -name "0*.*" -type f -print | sed "s/\.[a-z]*$//" | sort)
  got=$(for k in 1 2 3; do (cd shard$k && find . -name "*.json" | sed "s/\.json$//"); done | sort)
  [ "$all" = "$got" ] && [ -z "$(printf "%s\n" "$got" | uniq -d)" ] &&
  for k in 1 2 3; do [ $(find shard$k -name "*.json" | wc -l) -gt 0 ] || exit 1; done' _ "$WORK"
run "$OCTAVO" "$WORK/in" -o "$WORK/x" --shard 4/3
check "--shard 4/3 is a usage error" test "$rc" -eq 2

# Conflict: a.txt and a.md would write the same a.epub.
mkdir -p "$WORK/clash"
printf 'Title\n\nSome text here for the body.\n' > "$WORK/clash/a.txt"
printf '# Title\n\nSome text here for the body.\n' > "$WORK/clash/a.md"
printf 'Other\n\nSome text here for the body.\n' > "$WORK/clash/b.txt"
run "$OCTAVO" "$WORK/clash" -o "$WORK/clash-out"
check "conflict: exit 1, both named, neither written, others converted" sh -c '
  [ "$1" -eq 1 ] && printf "%s\n" "$2" | grep -q "a.md: conflict" && printf "%s\n" "$2" | grep -q "a.txt: conflict" &&
  [ ! -e "$3/a.epub" ] && [ -s "$3/b.epub" ]' _ "$rc" "$err" "$WORK/clash-out"

# Articles are what the readers know by extension (oct_input_extensions):
# .mkd and .xhtml too, and any case.  Neither content below looks like its
# format from its start, so only the extension can say it.
mkdir -p "$WORK/ext"
printf 'Mkd\n===\n\nSome *emphasised* text here for the body.\n' > "$WORK/ext/a.mkd"
printf '<h1>X</h1><p>Some <em>emphasised</em> text for the body.</p>\n' > "$WORK/ext/b.XHTML"
printf 'Plain\n\nSome text here for the body.\n' > "$WORK/ext/c.text"
printf 'a,b\n' > "$WORK/ext/d.csv"
run "$OCTAVO" "$WORK/ext" -o "$WORK/ext-out" -t json
check "every reader extension is an article; the skip names them all" sh -c '
  [ "$1" -eq 0 ] && grep -q "\"emphasis\"" "$2/a.json" && grep -q "\"emphasis\"" "$2/b.json" &&
  [ -s "$2/c.json" ] && [ ! -e "$2/d.json" ] &&
  printf "%s\n" "$3" | tail -1 | grep -q "3 converted, 0 failed, 1 skipped"' _ "$rc" "$WORK/ext-out" "$err"
run "$OCTAVO" "$WORK/ext" -o "$WORK/ext-out2" -t json --report "$WORK/ext.json"
check "a skipped file is told which extensions are articles" \
  grep -q "not an article (.txt, .text, .md, .mkd, .markdown, .html, .htm, .xhtml)" "$WORK/ext.json"

# Outputs are stale when a data file their writer reads (oct_epub_data_files,
# oct_pdf_data_files) is newer: touching one rebuilds that format only.
mkdir -p "$WORK/data" "$WORK/fresh"
cp -R "$SRC/assets" "$SRC/fonts" "$WORK/data/"
printf '# One\n\nSome text for the body.\n' > "$WORK/fresh/a.md"
printf '# Two\n\nSome more text for the body.\n' > "$WORK/fresh/b.md"
export OCTAVO_DATA_DIR="$WORK/data"
run "$OCTAVO" "$WORK/fresh" -o "$WORK/fresh-out" -t epub,pdf
check "data files: first run converts both" sh -c 'printf "%s\n" "$1" | tail -1 | grep -q "2 converted"' _ "$err"
sleep 0.05; touch "$WORK/data/fonts/pdf/OctavoMono-Bold.ttf"
run "$OCTAVO" "$WORK/fresh" -o "$WORK/fresh-out" -t epub,pdf --report "$WORK/fresh.json"
check "data files: a newer PDF face rebuilds the PDFs, not the EPUBs" python3 - "$WORK/fresh.json" <<'PY'
import json, sys
recs = json.load(open(sys.argv[1]))
assert [r["status"] for r in recs] == ["converted", "converted"], recs
PY
check "data files: ... and only the PDFs were written" sh -c \
  '[ "$1/a.pdf" -nt "$1/a.epub" ] && [ "$1/b.pdf" -nt "$1/b.epub" ]' _ "$WORK/fresh-out"
sleep 0.05; touch "$WORK/data/fonts/LiberationSerif-Italic.ttf"
run "$OCTAVO" "$WORK/fresh" -o "$WORK/fresh-out" -t epub,pdf
check "data files: a newer cover face rebuilds the EPUBs only" sh -c \
  '[ "$1/a.epub" -nt "$1/a.pdf" ] && [ "$1/b.epub" -nt "$1/b.pdf" ]' _ "$WORK/fresh-out"
run "$OCTAVO" "$WORK/fresh" -o "$WORK/fresh-out" -t epub,pdf
check "data files: then everything is up to date" sh -c \
  'printf "%s\n" "$1" | tail -1 | grep -q "0 converted, 0 failed, 0 skipped, 2 up to date"' _ "$err"
unset OCTAVO_DATA_DIR

# Two folders holding the same names mirror under their own names.
mkdir -p "$WORK/r/d1" "$WORK/r/d2"
printf '# One\n\nThe first text.\n' > "$WORK/r/d1/x.md"
printf '# Two\n\nThe second text.\n' > "$WORK/r/d2/x.md"
run "$OCTAVO" "$WORK/r/d1" "$WORK/r/d2/" -o "$WORK/r/out" -t json
check "two folders: each mirrored under its own name, nothing overwritten" sh -c \
  '[ "$1" -eq 0 ] && grep -q One "$2/d1/x.json" && grep -q Two "$2/d2/x.json"' _ "$rc" "$WORK/r/out"
touch "$WORK/r/plain"
run "$OCTAVO" "$WORK/r/d1" "$WORK/r/d2" -o "$WORK/r/plain"
check "batch into an existing file: exit 1, one line" sh -c \
  '[ "$1" -eq 1 ] && [ $(printf "%s\n" "$2" | wc -l) -eq 1 ] && printf "%s" "$2" | grep -q "must be a folder"' _ "$rc" "$err"

# SIGINT mid-run: stops cleanly, exit 130, no partial or temporary file.
# 2,000 briefings, so that the batch (6 s here, 3 ms an article) is still
# running when the signal comes on a machine several times faster.
M=2000
python3 "$SRC/scripts/gen-briefings.py" "$WORK/many" -n $M
"$OCTAVO" "$WORK/many" -o "$WORK/int" --to epub,pdf -j 2 --force 2>"$WORK/int.err" &
pid=$!
sleep 0.5
kill -INT $pid
set +e; wait $pid; rc=$?; set -e
check "SIGINT: exit 130 and an 'interrupted' summary" sh -c '[ "$1" -eq 130 ] && grep -q "interrupted" "$2"' _ "$rc" "$WORK/int.err"
check "SIGINT: no temporary files left" sh -c '! find "$1" -name "*.tmp*" | grep -q .' _ "$WORK/int"
check "SIGINT: stopped early" sh -c '[ $(find "$1" -name "*.pdf" | wc -l) -lt "$2" ]' _ "$WORK/int" "$M"
check "SIGINT: every PDF written is complete" sh -c 'for f in $(find "$1" -name "*.pdf"); do qpdf --check "$f" >/dev/null || exit 1; done' _ "$WORK/int"
check "SIGINT: every EPUB written is a complete zip" sh -c 'for f in $(find "$1" -name "*.epub"); do unzip -tqq "$f" >/dev/null || exit 1; done' _ "$WORK/int"

finish
