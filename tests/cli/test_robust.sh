#!/bin/sh
# Hostile inputs on the command line and in batch folders (issue 8): inputs
# that block, symbolic link loops and links out of the folder, special files,
# hostile file names, crash leftovers, outputs made with other options, a
# failure between two outputs, and Ctrl-C in the middle of a long document.
# usage: test_robust.sh OCTAVO SOURCE_DIR
set -eu
OCTAVO=$(realpath "$1")
SRC=$2
WORK=$(mktemp -d)
trap 'exec 9>&- 2>/dev/null; rm -rf "$WORK"' EXIT
. "$SRC/tests/cli/lib.sh"
cd "$WORK"
article() { printf '%s\n\nA short article body with enough words to be a paragraph.\n' "$2" > "$1"; }
lines() { printf '%s\n' "$1" | wc -l; }
# stopped PID SECONDS: waits for PID, killing it after SECONDS; sets $rc,
# or rc=hung when it had to be killed.
stopped() {
  (sleep "$2"; kill -KILL "$1") >/dev/null 2>&1 &
  dog=$!
  set +e; wait "$1"; rc=$?; set -e
  kill $dog 2>/dev/null || true
  if [ "$rc" = 137 ]; then rc=hung; fi
}

# ---- 3: an input that blocks does not block the signals
mkfifo hold
exec 9<>hold # a writer that never writes: reads of "hold" block, never end
"$OCTAVO" - -t json -o stdin.json <hold 2>stdin.err &
pid=$!
sleep 0.5
kill -INT $pid
stopped $pid 3
check "stdin that never ends: SIGINT ends octavo with 130" test "$rc" = 130
check "stdin that never ends: nothing written" sh -c '! ls -A | grep -q "stdin.json"'
"$OCTAVO" hold -o fifo.epub 2>fifo.err &
pid=$!
sleep 0.5
kill -TERM $pid 2>/dev/null || true
stopped $pid 3
# refusing a FIFO at once (exit 1 naming it) is as good as being stoppable
check "a FIFO as the input: SIGTERM ends octavo (130), or it is refused with a cause" sh -c \
  '[ "$1" = 130 ] || { [ "$1" = 1 ] && grep -q "hold" fifo.err; }' _ "$rc"
check "a FIFO as the input: no output, no temporary" sh -c '! ls -A | grep -q "fifo.epub"'
article named.txt "Named"
"$OCTAVO" hold named.txt -o named-out -t json 2>named.err &
stopped $! 10
check "batch: a FIFO named on the command line is skipped with its cause, not read" sh -c \
  '[ "$1" = 0 ] && grep -q "hold: skipped: a FIFO" named.err && [ -s named-out/named.json ]' _ "$rc"
run "$OCTAVO" - named.txt -o named-out
check "batch: standard input among several inputs is a usage error" test "$rc" -eq 2

# ---- 4: symbolic link loops, links out of the folder
mkdir -p loop outside
article loop/a.txt "Looped"
article outside/secret.txt "Secret"
ln -s . loop/self
ln -s .. loop/up
ln -s ../outside loop/away
ln -s ../outside/secret.txt loop/secret.txt
ln -s a.txt loop/alias.txt
"$OCTAVO" loop -o loop-out -t json 2>loop.err &
stopped $! 20
check "links to folders: not followed by default, each named with its cause, exit 0" sh -c '
  [ "$1" = 0 ] && grep -q "loop/self: skipped: symbolic link to a folder" loop.err &&
  grep -q "loop/up: skipped: symbolic link to a folder" loop.err &&
  grep -q "loop/away: skipped: symbolic link to a folder" loop.err' _ "$rc"
check "a link to a file out of the input folder is not read" sh -c \
  '[ ! -e loop-out/secret.json ] && grep -q "loop/secret.txt: skipped: symbolic link leading out of the input folder" loop.err'
check "a link to a file inside the folder converts" test -s loop-out/alias.json
check "links: exactly the two articles of the folder were written" \
  sh -c '[ $(find loop-out -name "*.json" | wc -l) -eq 2 ]'
rm loop/secret.txt loop/away loop/up
ln -s . loop/self2
"$OCTAVO" loop -o follow-out -t json --follow-links 2>follow.err &
stopped $! 20
check "--follow-links: two self-links walk the folder once (no exponential walk)" sh -c '
  [ "$1" = 0 ] && [ $(find follow-out -name "*.json" | wc -l) -eq 2 ] &&
  grep -q "loop/self: skipped: folder already visited" follow.err' _ "$rc"
mkdir -p reach
article reach/own.txt "Own"
ln -s ../outside reach/shared
run "$OCTAVO" reach -o reach-out -t json --follow-links
check "--follow-links: a link out of the folder is followed" sh -c \
  '[ "$1" -eq 0 ] && [ -s reach-out/shared/secret.json ] && [ -s reach-out/own.json ]' _ "$rc"
run "$OCTAVO" --help
check "--help documents --follow-links and exit 130" sh -c \
  'printf "%s" "$1" | grep -q -- "--follow-links" && printf "%s" "$1" | grep -q "130 interrupted"' _ "$out"

# ---- 14: special files in a folder are skipped with a cause
mkdir -p special
article special/good.md "Good"
ln -s missing.txt special/dangling.txt
mkfifo special/pipe.txt
python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' special/sock.html
"$OCTAVO" special -o special-out -t json --report special.json 2>special.err &
stopped $! 20
check "special files: the batch ends, exit 0, the article converts" sh -c \
  '[ "$1" = 0 ] && [ -s special-out/good.json ]' _ "$rc"
check "special files: each named on stderr with its cause" sh -c '
  grep -q "dangling.txt: skipped: dangling symbolic link" special.err &&
  grep -q "pipe.txt: skipped: a FIFO, not a regular file" special.err &&
  grep -q "sock.html: skipped: a socket, not a regular file" special.err &&
  tail -1 special.err | grep -q "1 converted, 0 failed, 3 skipped"'
check "special files: skipped with their cause in the report" python3 - special.json <<'PY'
import json, sys
recs = {r["path"].split("/")[-1]: r for r in json.load(open(sys.argv[1]))}
for name, cause in [("dangling.txt", "dangling"), ("pipe.txt", "FIFO"), ("sock.html", "socket")]:
    assert recs[name]["status"] == "skipped" and cause in recs[name]["message"], recs[name]
    assert recs[name]["outputs"] == [], recs[name]
PY

# ---- 14: the PDF fails after the EPUB was written: the message says so
article both.txt "Both"
mkdir book.pdf # the PDF cannot be renamed into place
run "$OCTAVO" both.txt -o book.epub -t epub,pdf
check "epub written, pdf failed: exit 1, one line naming the EPUB as written" sh -c '
  [ "$1" -eq 1 ] && [ $(printf "%s\n" "$2" | wc -l) -eq 1 ] &&
  printf "%s" "$2" | grep -q "^octavo: both.txt: .*book.pdf.*(book.epub was written)$"' _ "$rc" "$err"
check "epub written, pdf failed: the EPUB is complete" unzip -tqq book.epub
mkdir -p half-in half-out/x.pdf
article half-in/x.txt "Half"
run "$OCTAVO" half-in -o half-out -t epub,pdf --report half.json
check "batch: the failure names the EPUB that was written; the report lists it alone" sh -c '
  [ "$1" -eq 1 ] && printf "%s" "$2" | grep -q "x.txt: .*(half-out/x.epub was written)" &&
  python3 -c "import json,sys; r=json.load(open(\"half.json\"))[0]; assert r[\"outputs\"]==[\"half-out/x.epub\"], r"' \
  _ "$rc" "$err"

# ---- 10: hostile file names
mkdir -p names
article "$(printf 'names/caf\351.txt')" "Latin-1 name" # not UTF-8
printf '\0\1\2binary' > "$(printf 'names/bad\nname.txt')"
printf '\0\1\2binary' > "$(printf 'names/\033[31mred.txt')"
run "$OCTAVO" names -o names-out -t json --report names.json
check "a name that is not UTF-8 converts and the report is valid UTF-8 JSON" python3 - names.json <<'PY'
import json, sys
recs = json.loads(open(sys.argv[1], "rb").read().decode("utf-8"))  # strict
caf = [r for r in recs if r["path"].startswith("names/caf")]
assert len(caf) == 1 and caf[0]["status"] == "converted", recs
assert caf[0]["path"] == "names/caf\ufffd.txt", caf
PY
check "batch: a newline or an escape in a name stays on its one line, escaped" sh -c '
  [ "$1" -eq 1 ] && [ $(printf "%s\n" "$2" | wc -l) -eq 3 ] &&
  printf "%s\n" "$2" | grep -q "^octavo: names/bad\\\\nname.txt: binary" &&
  printf "%s\n" "$2" | grep -q "^octavo: names/\\\\x1B\[31mred.txt: binary" &&
  ! printf "%s" "$2" | grep -q "$(printf "\033")"' _ "$rc" "$err"
run "$OCTAVO" "$(printf 'names/bad\nname.txt')" -o one.epub
check "single file: a newline in the name stays on the one error line" sh -c \
  '[ "$1" -eq 1 ] && [ $(printf "%s\n" "$2" | wc -l) -eq 1 ] && printf "%s" "$2" | grep -q "bad\\\\nname.txt: binary"' \
  _ "$rc" "$err"
long=$(python3 -c 'print("n" * 246)')
mkdir -p longname longname-out
article "longname/$long.txt" "Long name"
run "$OCTAVO" "longname/$long.txt" -t epub,pdf -o longname-out/
check "a 250-byte name converts; its temporaries fit NAME_MAX" sh -c \
  '[ "$1" -eq 0 ] && [ -s "longname-out/$2.epub" ] && qpdf --check "longname-out/$2.pdf" >/dev/null' _ "$rc" "$long"
run "$OCTAVO" longname -o longname-batch -t epub
check "batch: a 250-byte name converts" sh -c '[ "$1" -eq 0 ] && unzip -tqq "longname-batch/$2.epub"' _ "$rc" "$long"
check "long names: no temporary left" sh -c '! find longname-out longname-batch -name "*.tmp*" | grep -q .'

# ---- 11: temporaries left by a killed run are removed, nothing else is
mkdir -p crash/sub crash-out/sub
article crash/a.txt "A"
article crash/sub/b.txt "B"
cut=$(python3 -c 'print("n" * 238)') # a 251-byte output name's temporary, cut to 255 bytes
stale="crash-out/.a.epub.tmp.Ab12Cd crash-out/sub/.b.pdf.tmp.Zz9Zz9 crash-out/.$cut.epub.tmp.Qq1Qq1"
keep="crash-out/.notes.txt.tmp.Ab12Cd crash-out/keep.epub.tmp.Ab12Cd crash-out/.c.epub.tmp.short
crash-out/.d.epub.tmp.Xy12Xy crash-out/.mine.epub.tmp.Lk12Lk crash-out/sub/.e.epub.tmpX.Ab12Cd"
for f in $stale $keep; do printf 'half a book' > "$f"; done
rm crash-out/.d.epub.tmp.Xy12Xy && ln -s ../crash/a.txt crash-out/.d.epub.tmp.Xy12Xy
flock crash-out/.mine.epub.tmp.Lk12Lk sleep 5 >/dev/null 2>&1 & # a live writer's temporary
locker=$!
sleep 0.2
run "$OCTAVO" crash -o crash-out -t epub,pdf
check "stale temporaries of octavo's outputs are removed in every output folder" sh -c '
  [ "$1" -eq 0 ] && for f in $2; do [ ! -e "$f" ] || { echo "left $f"; exit 1; }; done' _ "$rc" "$stale"
check "other files, links and a live writer's temporary are kept" sh -c '
  for f in $1; do [ -e "$f" ] || [ -L "$f" ] || { echo "removed $f"; exit 1; }; done' _ "$keep"
kill $locker 2>/dev/null || true

# ---- 12: outputs made with other options are rebuilt
mkdir -p opts
article opts/a.txt "Options A"
article opts/b.md "# Options B"
run "$OCTAVO" opts -o opts-out -t epub,pdf
epub_before=$(stat -c %y opts-out/a.epub)
run "$OCTAVO" opts -o opts-out -t epub,pdf --paper letter
check "--paper letter: the PDFs are rebuilt" sh -c \
  '[ "$1" -eq 0 ] && tail -1 "$2" | grep -q "2 converted" && pdfinfo opts-out/a.pdf | grep -q "612 x 792"' \
  _ "$rc" "$WORK/stderr"
check "--paper letter: the EPUBs, which paper does not change, are left as they were" \
  test "$epub_before" = "$(stat -c %y opts-out/a.epub)"
run "$OCTAVO" opts -o opts-out -t epub,pdf --paper letter
check "the same options again: everything up to date" sh -c 'tail -1 "$1" | grep -q "0 converted, 0 failed, 0 skipped, 2 up to date"' _ "$WORK/stderr"
run "$OCTAVO" opts -o opts-out -t epub,pdf --paper letter -M author="Someone Else"
check "-M changes both formats: both rebuilt" sh -c \
  'tail -1 "$1" | grep -q "^octavo: 2 converted" && [ "$2" != "$(stat -c %y opts-out/a.epub)" ] &&
   pdfinfo opts-out/a.pdf | grep -q "Someone Else"' _ "$WORK/stderr" "$epub_before"
# Options changed now rebuild even outputs whose time is not older than the
# options record (file times are 4-10 ms ticks: a rerun can start within the
# tick of the last write; a clock ahead does the same).
touch -d "@$(($(date +%s) + 3600))" opts-out/a.pdf opts-out/b.pdf
run "$OCTAVO" opts -o opts-out -t pdf --paper letter -M author="Someone Else" --margin 31mm
check "options changed: outputs with a later time are rebuilt too" sh -c \
  'tail -1 "$1" | grep -q "^octavo: 2 converted"' _ "$WORK/stderr"
for o in "--margin 30mm" "--font-size 12" "--ragged" "--no-cover" "-f markdown"; do
  # shellcheck disable=SC2086
  run "$OCTAVO" opts -o opts-out -t epub,pdf --paper letter -M author="Someone Else" $o
  check "$o: outputs rebuilt" sh -c 'tail -1 "$1" | grep -q "^octavo: 2 converted"' _ "$WORK/stderr"
done

# ---- 15: Ctrl-C in the middle of a long document stops at once
python3 - "$SRC/samples/japan-nato-ukraine.txt" <<'PY'
import sys
words = open(sys.argv[1], encoding="utf-8").read().split()
with open("long.txt", "w", encoding="utf-8") as f:
    f.write("A Very Long Article\n\n")
    i = 0
    while f.tell() < 4_000_000:
        f.write(" ".join(words[(i * 7 + k) % len(words)] for k in range(200)) + "\n\n")
        i += 1
PY
mkdir -p stop
for sig in INT TERM; do
  "$OCTAVO" long.txt -t epub,pdf -o stop/long.epub 2>stop.err &
  pid=$!
  sleep 0.5
  t0=$(date +%s%N)
  kill -$sig $pid
  stopped $pid 30
  ms=$((($(date +%s%N) - t0) / 1000000))
  echo "     SIG$sig on a 4 MB article: stopped in $ms ms (exit $rc)"
  check "SIG$sig during a long conversion: exit 130 within a second" sh -c \
    '[ "$1" = 130 ] && [ "$2" -lt 1000 ] && grep -q "^octavo: interrupted" stop.err' _ "$rc" "$ms"
  check "SIG$sig during a long conversion: no temporary, no PDF, any EPUB complete" sh -c \
    '! ls -A stop | grep -q tmp && [ ! -e stop/long.pdf ] && { [ ! -e stop/long.epub ] || unzip -tqq stop/long.epub; }'
  rm -f stop/*
done

finish
