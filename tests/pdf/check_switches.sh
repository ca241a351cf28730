#!/bin/sh
# --no-tags and --no-pdfa: each leaves out what it names and nothing else.
# The tagged, archival PDF (the default) has a structure tree, XMP and an
# output intent; --no-tags drops the structure tree, --no-pdfa the XMP and
# the intent; both files stay clean for qpdf and smaller than the default.
#   check_switches.sh OCTAVO SAMPLE WORKDIR
set -u
octavo=$1 sample=$2 work=$3
mkdir -p "$work"
fails=0
check() { # MESSAGE COMMAND...
  msg=$1
  shift
  if "$@"; then echo "ok   $msg"; else echo "FAIL $msg"; fails=$((fails + 1)); fi
}
has() { # PDF KEY: the uncompressed objects name KEY
  qpdf --qdf --object-streams=disable "$1" - 2>/dev/null | grep -aq "/$2"
}
size() { stat -c %s "$1"; }
for v in default no-tags no-pdfa both; do
  case $v in
  default) set -- ;;
  no-tags) set -- --no-tags ;;
  no-pdfa) set -- --no-pdfa ;;
  both) set -- --no-tags --no-pdfa ;;
  esac
  "$octavo" -q "$sample" "$@" -o "$work/$v.pdf" || { echo "FAIL octavo $*"; exit 1; }
  check "$v: qpdf --check is clean" sh -c 'qpdf --check "$1" >/dev/null 2>&1' _ "$work/$v.pdf"
done
check "default: tagged" has "$work/default.pdf" StructTreeRoot
check "default: XMP and an output intent" sh -c \
  'qpdf --qdf "$1" - 2>/dev/null | grep -aq "/OutputIntents" && qpdf --qdf "$1" - | grep -aq "/Metadata"' \
  _ "$work/default.pdf"
check "--no-tags: no structure tree" sh -c '! qpdf --qdf "$1" - 2>/dev/null | grep -aq /StructTreeRoot' \
  _ "$work/no-tags.pdf"
check "--no-tags: still PDF/A (output intent)" has "$work/no-tags.pdf" OutputIntents
check "--no-pdfa: no XMP, no output intent" sh -c \
  '! qpdf --qdf "$1" - 2>/dev/null | grep -aqE "/OutputIntents|/Metadata"' _ "$work/no-pdfa.pdf"
check "--no-pdfa: still tagged" has "$work/no-pdfa.pdf" StructTreeRoot
check "pdfinfo: Tagged: no with --no-tags" sh -c 'pdfinfo "$1" | grep -q "^Tagged: *no"' _ "$work/both.pdf"
check "each switch makes the file smaller" sh -c \
  '[ $(stat -c %s "$1") -lt $(stat -c %s "$2") ] && [ $(stat -c %s "$1") -lt $(stat -c %s "$3") ] && [ $(stat -c %s "$2") -lt $(stat -c %s "$4") ] && [ $(stat -c %s "$3") -lt $(stat -c %s "$4") ]' \
  _ "$work/both.pdf" "$work/no-tags.pdf" "$work/no-pdfa.pdf" "$work/default.pdf"
check "the words are the same" sh -c 'pdftotext "$1" - | tr -s " \n" "\n\n" > "$1.txt"; pdftotext "$2" - | tr -s " \n" "\n\n" > "$2.txt"; cmp -s "$1.txt" "$2.txt"' \
  _ "$work/default.pdf" "$work/both.pdf"
[ "$fails" -eq 0 ]
