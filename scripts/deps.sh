#!/bin/sh
# Installs the Debian 12 packages octavo needs: `deps.sh build` for building
# and running it, `deps.sh test` for that plus the validators and tools the
# test suite runs.  As root it runs apt-get; otherwise it prints the exact
# command to run and fails.  Does nothing when everything is there.
set -eu

# hyphen-*: the hyphenation patterns of the samples' languages (English,
# Ukrainian, German); a document in a language without patterns is set ragged right.
# wamerican, wngerman, wukrainian: word lists the compiled patterns are checked
# against libhyphen with (layout.hyphen_table in tests/layout.cmake).
# libdeflate-dev: the EPUB's zip entries and the PDF's streams (util/zip.c
# and write/pdf/draw/flate.c say why not zlib's deflate); its .a is linked.
# zlib1g-dev, liblzma-dev, libicu-dev: named by the static link of libxml2
# (CMakeLists.txt, OCTAVO_STATIC_DEPS) and by util/zip.c; libxml2-dev pulls
# them in today, listed so that the link does not depend on that.  ICU is
# not linked there: src/link/icu_lazy.c needs its headers, and libicu72
# (which libicu-dev brings) is opened at run time for an SVG in an encoding
# glibc's iconv lacks.
# python3-doc, git-doc, debian-handbook, debian-reference-en, sqlite3-doc:
# the real manual pages the text reader is scored on (tests/textcorpus/manuals.py).

BUILD_PKGS="build-essential cmake pkg-config libxml2-dev libzip-dev libhpdf-dev libhyphen-dev
hyphen-en-us hyphen-uk hyphen-de libmd4c-dev libjson-c-dev libmd-dev libcmocka-dev libpng-dev
libjpeg62-turbo-dev libfreetype-dev libharfbuzz-dev libfribidi-dev libcld2-dev icc-profiles-free
zlib1g-dev liblzma-dev libicu-dev libdeflate-dev"
TEST_PKGS="epubcheck default-jre-headless qpdf poppler-utils valgrind unzip zip
wamerican wngerman wukrainian
python3 time strace w3m lynx clang libclang-rt-14-dev chromium calibre libpdfbox2-java
python3-doc git-doc debian-handbook debian-reference-en sqlite3-doc
libactivation-java libjaxb-api-java"

want=$BUILD_PKGS
if [ "${1:-build}" = test ]; then
  want="$BUILD_PKGS $TEST_PKGS"
  # Ace by DAISY (tests/epub/ace.sh) is an npm package: Debian 12's node 18
  # and npm 9 install and run the pinned version; a newer node already on
  # the machine (nodesource) is used as it is.
  command -v node >/dev/null && command -v npm >/dev/null || want="$want nodejs npm"
fi

missing=""
for p in $want; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  echo "octavo: installing:$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
  echo "octavo: missing Debian packages. Run:" >&2
  echo "  sudo apt-get install -y$missing" >&2
  exit 1
fi
