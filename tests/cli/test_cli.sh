#!/bin/sh
# Command line: options, exit codes, one-line messages, output naming, and
# bad input that must leave no output file behind.
# usage: test_cli.sh OCTAVO SOURCE_DIR
set -eu
OCTAVO=$1
SRC=$2
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
. "$SRC/tests/cli/lib.sh"
REF=$SRC/samples/japan-nato-ukraine.txt

run "$OCTAVO" --help
check "--help exits 0 and documents exit codes" test "$rc" -eq 0
check "--help mentions exit status" sh -c 'echo "$1" | grep -q "Exit status: 0 success, 1"' _ "$out"
run "$OCTAVO" --version
check "--version prints the version" sh -c '[ "$1" -eq 0 ] && echo "$2" | grep -Eq "^octavo [0-9]+\.[0-9]+\.[0-9]+$"' _ "$rc" "$out"

run "$OCTAVO"
check "no input is a usage error (2)" test "$rc" -eq 2
check "usage error is one line naming the cause" sh -c '[ $(echo "$1" | wc -l) -eq 1 ] && echo "$1" | grep -q "^octavo: no input given"' _ "$err"
run "$OCTAVO" --bogus "$REF"
check "unknown option exits 2" test "$rc" -eq 2
run "$OCTAVO" -t docx "$REF"
check "unknown output format exits 2 naming it" sh -c '[ "$1" -eq 2 ] && echo "$2" | grep -q "docx"' _ "$rc" "$err"
run "$OCTAVO" -f rtf "$REF"
check "unknown input format exits 2" test "$rc" -eq 2
run "$OCTAVO" -M nonsense=1 "$REF" -t json
check "unknown metadata key exits 2" test "$rc" -eq 2
run "$OCTAVO" -M title "$REF" -t json
check "-M without = exits 2" test "$rc" -eq 2
run "$OCTAVO" --paper b17 "$REF" -o "$WORK/x.pdf"
check "bad paper exits 2 and writes nothing" sh -c '[ "$1" -eq 2 ] && [ ! -e "$2" ]' _ "$rc" "$WORK/x.pdf"
run "$OCTAVO" "$REF" -o "$WORK/x.docx"
check "unknown output extension exits 2" sh -c '[ "$1" -eq 2 ] && [ ! -e "$2" ]' _ "$rc" "$WORK/x.docx"

# Bad input: one line "octavo: FILE: cause", exit 1, no output file.
bad_input() { # NAME FILE EXPECTED-CAUSE-REGEX
  run "$OCTAVO" "$2" -o "$WORK/bad.epub"
  check "$1: exit 1" test "$rc" -eq 1
  check "$1: one line naming the file and cause" sh -c \
    '[ $(printf "%s\n" "$1" | wc -l) -eq 1 ] && printf "%s\n" "$1" | grep -Eq "^octavo: $2: .*($3)"' \
    _ "$err" "$2" "$3"
  check "$1: no output file, no temporary left" sh -c '! ls -A "$1" | grep -q bad' _ "$WORK"
}
bad_input "missing file" "$WORK/nope.txt" "No such file"
bad_input "empty file" "$SRC/tests/data/bad/empty.txt" "empty"
bad_input "whitespace only" "$SRC/tests/data/bad/blank.txt" "whitespace"
bad_input "binary data" "$SRC/tests/data/bad/binary.txt" "binary|NUL"
bad_input "undecodable bytes" "$SRC/tests/data/bad/undecodable.txt" "decode|encoding|byte"
run "$OCTAVO" "$SRC/samples/images" -o "$WORK/bad.epub"
check "a folder with -o FILE is a usage error, nothing written" sh -c '[ "$1" -eq 2 ] && [ ! -e "$2" ]' _ "$rc" "$WORK/bad.epub"
if [ "$(id -u)" -ne 0 ]; then
  printf 'text\n' > "$WORK/locked.txt"; chmod 000 "$WORK/locked.txt"
  bad_input "unreadable file" "$WORK/locked.txt" "Permission denied"
fi
# Output into a folder that does not exist: clear failure, nothing written.
run "$OCTAVO" "$REF" -o "$WORK/no/such/dir/x.epub"
check "unwritable output: exit 1 with a message" sh -c '[ "$1" -eq 1 ] && echo "$2" | grep -q "^octavo: "' _ "$rc" "$err"

# JSON to stdout, metadata overrides
run "$OCTAVO" "$REF" -t json -M title="Other Title" -M lang=en-GB -M author="A. N. Author"
check "json on stdout" sh -c '[ "$1" -eq 0 ] && echo "$2" | head -1 | grep -q "\"type\": \"document\""' _ "$rc" "$out"
check "-M overrides title, lang, author" sh -c 'echo "$1" | grep -q "\"title\": \"Other Title\"" && echo "$1" | grep -q "\"language\": \"en-GB\"" && echo "$1" | grep -q "\"author\": \"A. N. Author\""' _ "$out"
run sh -c "cat '$REF' | '$OCTAVO' - -t json"
check "standard input is read with -" sh -c '[ "$1" -eq 0 ] && echo "$2" | grep -q "Japan’s NATO Role"' _ "$rc" "$out"
run "$OCTAVO" -f markdown "$REF" -t json
check "-f forces the reader" sh -c '[ "$1" -eq 0 ] && ! echo "$2" | grep -q "\"subtitle\": \"Japan"' _ "$rc" "$out"

run "$OCTAVO" "$REF" -t json -o -
check "-o - writes json to standard output" sh -c '[ "$1" -eq 0 ] && echo "$2" | head -1 | grep -q "\"type\": \"document\"" && [ ! -e stdin.json ]' _ "$rc" "$out"
run "$OCTAVO" "$REF" -t pdf -o -
check "-o - with pdf is a usage error" test "$rc" -eq 2
run "$OCTAVO" "$REF" -o ""
check "an empty -o is a usage error" test "$rc" -eq 2
run env SOURCE_DATE_EPOCH=999999999999999999 "$OCTAVO" "$REF" -t json
check "SOURCE_DATE_EPOCH out of range is a usage error" test "$rc" -eq 2

# Output naming
cd "$WORK"
run "$OCTAVO" "$REF" -o book.epub -t epub,pdf
check "-o book.epub -t epub,pdf writes book.epub and book.pdf" sh -c '[ "$1" -eq 0 ] && [ -s book.epub ] && [ -s book.pdf ]' _ "$rc"
mkdir outdir
run "$OCTAVO" "$REF" -o outdir -t pdf,json
check "-o FOLDER names outputs after the input" sh -c '[ -s outdir/japan-nato-ukraine.pdf ] && [ -s outdir/japan-nato-ukraine.json ]'
run "$OCTAVO" "$REF"
check "no -o, no -t: an EPUB named after the input" test -s japan-nato-ukraine.epub
run "$OCTAVO" "$REF" -o same.pdf
run "$OCTAVO" "$REF" -o same2.pdf
check "output is reproducible (same bytes twice)" cmp -s same.pdf same2.pdf
check "no temporary files left behind" sh -c '! ls -A | grep -q "\.tmp"'
(umask 077 && "$OCTAVO" "$REF" -o private.epub)
check "outputs get the mode the umask asks for" sh -c '[ "$(stat -c %a private.epub)" = 600 ]'
(umask 022 && "$OCTAVO" "$REF" -o public.epub)
check "outputs are world-readable under umask 022" sh -c '[ "$(stat -c %a public.epub)" = 644 ]'

# Strings past libharu's 64 KiB limit: a giant word, a giant heading.
python3 -c "print('a' * 66000)" > giantword.txt
python3 -c "print('Title\n\n## ' + 'b' * 100000 + '\n\ntext')" > giantheading.md
for f in giantword.txt giantheading.md; do
  run "$OCTAVO" "$f" -t pdf,epub -o ./
  check "$f: converts to a valid PDF" sh -c '[ "$1" -eq 0 ] && qpdf --check "$2" >/dev/null' _ "$rc" "${f%.*}.pdf"
done

# Ctrl-C on one big file: octavo stops at once (exit 130) with no temporary
# file; what it wrote before is complete.  (tests/cli/test_robust.sh times it.)
python3 -c "
import sys
words = open(sys.argv[1], encoding='utf-8').read().split()
with open('big.txt', 'w', encoding='utf-8') as f:
    f.write('A Very Long Article\n\n')
    for i in range(400):
        f.write(' '.join(words[(i * 50) % 1500:(i * 50) % 1500 + 300]) + '\n\n')
" "$REF"
"$OCTAVO" big.txt -o big.pdf 2>big.err &
pid=$!
sleep 0.3
kill -INT $pid 2>/dev/null || true # it may be done already
set +e; wait $pid; rc=$?; set -e
check "SIGINT during one conversion: exit 130 (or done before it came)" sh -c '[ "$1" -eq 130 ] || [ "$1" -eq 0 ]' _ "$rc"
check "SIGINT during one conversion: no temporary file" sh -c '! ls -A | grep -q "\.tmp"'
check "SIGINT during one conversion: a PDF, if written, is complete" sh -c '[ ! -e big.pdf ] || qpdf --check big.pdf >/dev/null'

finish
