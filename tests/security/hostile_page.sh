#!/bin/sh
# A saved page that names files it must not get: outside its folder (by "..",
# by absolute path, through a symlink), special files (/dev/zero, a FIFO),
# broken and oversized images, SVGs with entities and scripts.  Converted to
# EPUB and PDF, octavo must open none of the forbidden files (strace), never
# block, embed only the page's own good images, warn once per image and
# writer naming it, and give a book epubcheck and qpdf pass.
set -eu
octavo=$1
command -v strace >/dev/null || { echo "strace is needed (scripts/deps.sh test)"; exit 1; }
t=$(mktemp -d /tmp/octavo-hostile-XXXXXX)
trap 'rm -rf "$t"' EXIT
fail=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

mkdir -p "$t/site" "$t/secret"
here=$(cd "$(dirname "$0")/../.." && pwd)
cp "$here/samples/images/rain-gauge.png" "$t/secret/private.png"
cp "$here/samples/images/rain-gauge.png" "$t/site/ok.png"
ln -s ../secret/private.png "$t/site/link.png"
mkfifo "$t/site/fifo.png"
head -c 20 "$here/samples/images/rain-gauge.png" >"$t/site/stub.png"
printf '\377\330\377\340garbage, not a JPEG at all, only its first bytes' >"$t/site/bad.jpg"
cat >"$t/site/xxe.svg" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&xxe;</text></svg>
EOF
cat >"$t/site/bomb.svg" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]>
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&f;&f;&f;&f;</text></svg>
EOF
cat >"$t/site/script.svg" <<'EOF'
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10"
 height="10" onload="alert(1)"><script>alert(2)</script><image xlink:href="/etc/passwd"
 width="5" height="5"/><rect width="5" height="5"/></svg>
EOF
python3 - "$t/site/huge.png" <<'EOF'
import struct, sys, zlib
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
ihdr = struct.pack(">IIBBBBB", 100000, 100000, 8, 2, 0, 0, 0)
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) +
                              chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b""))
EOF
cat >"$t/site/page.html" <<EOF
<!DOCTYPE html><html lang="en"><head><title>A page with hostile images</title></head><body>
<article><h1>A page with hostile images</h1>
<p>This article names files that are not its own, and files that are not files, one by one.</p>
<img src="../secret/private.png" alt="dotdot">
<img src="/etc/passwd" alt="passwd">
<img src="$t/secret/private.png" alt="absolute">
<img src="link.png" alt="symlink">
<img src="/dev/zero" alt="zero">
<img src="fifo.png" alt="fifo">
<img src="stub.png" alt="stub">
<img src="bad.jpg" alt="badjpeg">
<img src="xxe.svg" alt="xxe">
<img src="bomb.svg" alt="bomb">
<img src="script.svg" alt="script">
<img src="huge.png" alt="huge">
<img src="ok.png" alt="good">
<img src="//upload.wikimedia.org/wikipedia/commons/a.png" alt="remote">
<p>And that is the end of the article, which has a second paragraph for good measure.</p>
</article></body></html>
EOF

cd "$t/site"
rc=0
timeout 60 "$octavo" page.html -t epub,pdf -o "$t/book.epub" 2>"$t/err" || rc=$?
check "converts (exit 0, no timeout on the FIFO)" '[ "$rc" = 0 ]'
# LeakSanitizer cannot run under ptrace: the leak check is the run above.
rc=0
ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" timeout 60 \
  strace -f -qq -e trace=open,openat,creat -o "$t/trace" \
  "$octavo" page.html -t epub,pdf -o "$t/traced.epub" 2>/dev/null || rc=$?
check "converts under strace" '[ "$rc" = 0 ]'
check "opens no file outside the page's folder" \
  '! grep -E "secret|/etc/passwd|/etc/shadow|/dev/zero" "$t/trace" >/dev/null'
for img in ../secret/private.png /etc/passwd "$t/secret/private.png" link.png; do
  n=$(grep -cF "image '$img' is outside the folders octavo may read" "$t/err" || true)
  check "warns once per writer: $img outside" '[ "$n" = 2 ]'
done
for pair in "fifo.png|not a regular file" "stub.png|broken PNG" "bad.jpg|broken JPEG" \
  "xxe.svg|XML entities" "bomb.svg|not well-formed SVG" "huge.png|100000x100000 pixels" \
  "upload.wikimedia.org/wikipedia/commons/a.png|remote"; do
  img=${pair%%|*} why=${pair#*|}
  # (the HTML reader writes the protocol-relative //host/... as https://host/...)
  n=$(grep -F "$img' " "$t/err" | grep -cF "$why" || true)
  check "warns: $img $why" '[ "$n" = 2 ]'
done
check "no warning line is split or blank" '! grep -qv "^octavo: page.html: warning: " "$t/err"'
# (the generated cover is two images: cover.png, the thumbnail, and cover.svg)
check "EPUB holds the cover, ok.png and the cleaned SVG only" \
  '[ "$(unzip -Z1 "$t/book.epub" | grep -c "^EPUB/images/")" = 4 ]'
svg=$(unzip -Z1 "$t/book.epub" | grep '\.svg$' | grep -vx 'EPUB/images/cover\.svg')
unzip -p "$t/book.epub" "$svg" >"$t/clean.svg"
check "the SVG lost its script, handler and outside reference" \
  '! grep -qE "script|alert|passwd" "$t/clean.svg" && grep -q "<rect" "$t/clean.svg"'
check "alt text stands in for the refused images" \
  'unzip -p "$t/book.epub" EPUB/ch001.xhtml | grep -q "dotdot" &&
   unzip -p "$t/book.epub" EPUB/ch001.xhtml | grep -q "huge"'
java -jar /usr/share/java/epubcheck.jar "$t/book.epub" >"$t/epubcheck" 2>&1 || true
check "epubcheck: no messages" 'grep -q "Messages: 0 fatals / 0 errors / 0 warnings / 0 infos" "$t/epubcheck"'
check "qpdf --check passes" 'qpdf --check "$t/book.pdf" >/dev/null 2>&1'
check "the PDF places ok.png only" '[ "$(pdfimages -list "$t/book.pdf" | tail -n +3 | wc -l)" = 1 ]'

# --resource-path opens one more folder, and nothing else
rc=0
"$octavo" page.html --resource-path "$t/secret" -q -o "$t/more.epub" 2>"$t/err2" || rc=$?
check "--resource-path: the secret folder's image is embedded" \
  '[ "$rc" = 0 ] && [ "$(unzip -Z1 "$t/more.epub" | grep -c "^EPUB/images/image-")" = 5 ]'
rc=0
"$octavo" page.html --resource-path "$t/nowhere" -o "$t/x.epub" 2>"$t/err3" || rc=$?
check "--resource-path of a missing folder is a usage error" \
  '[ "$rc" = 2 ] && grep -q "nowhere" "$t/err3" && [ ! -e "$t/x.epub" ]'

# --cover names a file by the user's own hand: any folder, but a real image
for cover in stub.png bad.jpg fifo.png /dev/zero huge.png; do
  rc=0
  timeout 20 "$octavo" page.html --cover "$cover" -q -o "$t/c.epub" 2>"$t/err4" || rc=$?
  check "--cover $cover: exit 1 naming it, no book" \
    '[ "$rc" = 1 ] && [ "$(wc -l <"$t/err4")" = 1 ] && grep -qF "cover $cover " "$t/err4" && [ ! -e "$t/c.epub" ]'
done
rc=0
timeout 20 "$octavo" page.html --css /dev/zero -q -o "$t/c.epub" 2>"$t/err5" || rc=$?
check "--css /dev/zero: exit 1, no book" '[ "$rc" = 1 ] && [ ! -e "$t/c.epub" ]'
rc=0
timeout 20 "$octavo" /dev/zero -f text -o "$t/z.epub" 2>"$t/err6" || rc=$?
check "input /dev/zero: exit 1 at the size limit" '[ "$rc" = 1 ] && grep -q "larger than 64 MiB" "$t/err6"'

exit $fail
