#!/bin/sh
# ICU loaded when libxml2 first needs it (src/link/icu_lazy.c):
#   1. an SVG image in an encoding only ICU knows (x-mac-cyrillic: glibc's
#      iconv calls it MAC-CYRILLIC) is still decoded, text intact;
#   2. with the static libxml2 (STATIC=1), ICU is not among the objects
#      loaded at start, and is loaded by the conversion of step 1.
# Usage: test_icu_lazy.sh OCTAVO WORKDIR STATIC
set -eu
octavo=$1 work=$2 static=$3
rm -rf "$work"
mkdir -p "$work"
cd "$work"
export SOURCE_DATE_EPOCH=1700000000
fail() { echo "FAIL: $*" >&2; exit 1; }

# "Привет" in Mac Cyrillic: bytes that are not UTF-8, so a wrong decoder
# cannot produce the expected text by accident.
printf '<?xml version="1.0" encoding="x-mac-cyrillic"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><title>\217\360\350\342\345\362</title><rect width="40" height="20"/></svg>\n' >mac.svg
printf '# Lazy ICU\n\nA paragraph of English text for the test.\n\n![a red box](mac.svg)\n' >doc.md

LD_DEBUG=files "$octavo" doc.md -o doc.epub 2>err.txt || { cat err.txt >&2; fail "conversion failed"; }
grep -q "warning" err.txt && { grep warning err.txt >&2; fail "octavo warned about the SVG"; }
unzip -p doc.epub EPUB/images/image-001.svg >img.svg || fail "no image-001.svg in the EPUB"
grep -q "Привет" img.svg || { cat img.svg >&2; fail "the SVG's title was not decoded from x-mac-cyrillic"; }

if [ "$static" = 1 ]; then
  grep -q "file=libicuuc" err.txt || fail "libicuuc was not loaded for the x-mac-cyrillic SVG"
  LD_DEBUG=files "$octavo" --version >/dev/null 2>start.txt
  if grep -q "libicu" start.txt; then
    grep libicu start.txt >&2
    fail "ICU is loaded at start"
  fi
fi
echo "ok: x-mac-cyrillic SVG decoded; ICU lazy: $static"
