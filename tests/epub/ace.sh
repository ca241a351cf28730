#!/bin/sh
# Ace by DAISY, the accessibility checker publishers use, on the book of
# every input: fails when any book has a single violation.
#   ace.sh OCTAVO OUTDIR INPUT...
# Ace (npm @daisy/ace-cli, pinned below) is installed on first use into
# $OCTAVO_ACE_DIR, by default a cache folder shared by the build trees; it
# drives Debian's chromium through puppeteer, so nothing else is
# downloaded.  Exits 77 (ctest SKIP) only when the npm registry cannot be
# reached to install it; a missing chromium or npm is a failure, since
# scripts/deps.sh test installs both.
set -u
OCTAVO=${1:?usage: ace.sh OCTAVO OUTDIR INPUT...}
OUT=${2:?usage: ace.sh OCTAVO OUTDIR INPUT...}
shift 2
ACE_VERSION=1.4.6
CACHE=${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}
ACE_DIR=${OCTAVO_ACE_DIR:-$CACHE/octavo/ace-cli-$ACE_VERSION}
CHROMIUM=${PUPPETEER_EXECUTABLE_PATH:-/usr/bin/chromium}

fail() { echo "ace: $*" >&2; exit 1; }
[ -x "$CHROMIUM" ] || fail "no chromium at $CHROMIUM (sh scripts/deps.sh test)"
command -v node >/dev/null && command -v npm >/dev/null || fail "node/npm missing (sh scripts/deps.sh test)"

ACE="$ACE_DIR/node_modules/.bin/ace-cli"
if [ ! -x "$ACE" ]; then
  if ! npm ping >/dev/null 2>&1; then
    echo "SKIP: the npm registry cannot be reached to install @daisy/ace-cli@$ACE_VERSION"
    exit 77
  fi
  # Into a fresh folder renamed into place, so that an interrupted or
  # concurrent install never leaves a half-filled $ACE_DIR.  No browser
  # download: puppeteer is pointed at Debian's chromium.
  tmp="$ACE_DIR.tmp.$$"
  rm -rf "$tmp"
  mkdir -p "$tmp" || fail "cannot create $tmp"
  echo '{"private":true}' >"$tmp/package.json"
  echo "ace: installing @daisy/ace-cli@$ACE_VERSION into $ACE_DIR"
  if ! (cd "$tmp" && PUPPETEER_SKIP_DOWNLOAD=1 ELECTRON_SKIP_BINARY_DOWNLOAD=1 \
        npm install --save-exact --no-audit --no-fund --loglevel=error \
        "@daisy/ace-cli@$ACE_VERSION"); then
    rm -rf "$tmp"
    fail "npm install @daisy/ace-cli@$ACE_VERSION failed"
  fi
  mv "$tmp" "$ACE_DIR" 2>/dev/null || rm -rf "$tmp" # another run won the race
fi

rm -rf "$OUT"
mkdir -p "$OUT" || fail "cannot create $OUT"
status=0
n=0
for input in "$@"; do
  n=$((n + 1))
  name=$(basename "$input")
  book="$OUT/${name%.*}.epub"
  rep="$OUT/${name%.*}-ace"
  "$OCTAVO" "$input" -o "$book" 2>"$OUT/$n.octavo.log" || {
    echo "FAIL $input: octavo failed:"; cat "$OUT/$n.octavo.log"; status=1; continue; }
  # Ace's runner launches chromium headless with --no-sandbox itself (we
  # may be root); only the binary is ours.
  if ! PUPPETEER_EXECUTABLE_PATH="$CHROMIUM" "$ACE" -f -s -o "$rep" "$book" >"$rep.log" 2>&1 \
     || [ ! -f "$rep/report.json" ]; then
    echo "FAIL $book: ace did not finish:"; tail -5 "$rep.log"; status=1; continue
  fi
  # One violation = one item of assertions[].assertions[], what Ace's own
  # HTML report lists: print the count, then rule@document for each.
  node -e '
    const r = require(process.argv[1]); let n = 0; const seen = [];
    for (const doc of r.assertions || [])
      for (const a of doc.assertions || []) {
        n++;
        seen.push(a["earl:test"]["dct:title"] + "@" + doc["earl:testSubject"].url);
      }
    console.log((n ? "FAIL " : "ok   ") + n + " violations " + process.argv[2] +
                (n ? "  " + [...new Set(seen)].join(" ") : ""));
    process.exit(n ? 1 : 0);' "$rep/report.json" "$input" || status=1
done
echo "ace: $n books checked"
exit $status
