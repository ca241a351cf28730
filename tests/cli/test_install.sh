#!/bin/sh
# usage: test_install.sh BUILD_DIR SOURCE_DIR
set -eu
BUILD=$1
SRC=$2
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
. "$SRC/tests/cli/lib.sh"
cmake --install "$BUILD" --prefix "$WORK/prefix" >/dev/null
check "binary installed" test -x "$WORK/prefix/bin/octavo"
check "man page installed" test -s "$WORK/prefix/share/man/man1/octavo.1"
check "stylesheet installed" test -s "$WORK/prefix/share/octavo/assets/epub.css"
check "fonts and licences installed" sh -c 'ls "$1"/share/octavo/fonts/*.ttf >/dev/null && ls "$1"/share/octavo/fonts/LICENSE* >/dev/null' _ "$WORK/prefix"
# A copy of the prefix elsewhere still finds its own data (relative to the binary).
cp -r "$WORK/prefix" "$WORK/moved"
run env -u OCTAVO_DATA_DIR "$WORK/moved/bin/octavo" -v "$SRC/samples/japan-nato-ukraine.txt" -t epub,pdf -o "$WORK/"
check "installed binary converts" sh -c '[ "$1" -eq 0 ] && [ -s "$2/japan-nato-ukraine.epub" ] && [ -s "$2/japan-nato-ukraine.pdf" ]' _ "$rc" "$WORK"
check "installed binary uses the data beside it" sh -c 'echo "$1" | grep -q "data files: $2/moved/bin/../share/octavo"' _ "$err" "$WORK"
finish
