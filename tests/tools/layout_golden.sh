#!/bin/sh
# layout_golden.sh LAYOUT_DUMP OCTAVO INPUT GOLDEN WORKDIR
#
# Compares LAYOUT_DUMP's line and page breaks for INPUT with GOLDEN (a
# unified diff when they differ), and the dump's page count with the pages
# of the PDF that OCTAVO writes (pdfinfo; skipped when it is not installed).
# With OCTAVO_UPDATE_GOLDEN=1 it rewrites GOLDEN instead: read the diff
# (git diff tests/golden/layout) before committing it.
set -eu
dump=$1 octavo=$2 input=$3 golden=$4 work=$5
mkdir -p "$work"
name=$(basename "$golden" .txt)
out="$work/$name.txt"
"$dump" "$input" >"$out"
if command -v pdfinfo >/dev/null 2>&1; then
  "$octavo" -q "$input" -o "$work/$name.pdf"
  want=$(pdfinfo "$work/$name.pdf" | sed -n 's/^Pages: *//p')
  got=$(sed -n '1s/.* \([0-9][0-9]*\) pages$/\1/p' "$out")
  if [ "$want" != "$got" ]; then
    echo "layout_golden: $input: the dump has $got pages, the PDF $want" >&2
    exit 1
  fi
fi
if [ "${OCTAVO_UPDATE_GOLDEN:-}" = 1 ]; then
  cp "$out" "$golden"
  echo "layout_golden: wrote $golden"
  exit 0
fi
if [ ! -f "$golden" ]; then
  echo "layout_golden: no $golden (OCTAVO_UPDATE_GOLDEN=1 writes it)" >&2
  exit 1
fi
diff -u "$golden" "$out"
