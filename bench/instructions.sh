#!/bin/sh
# Instruction counts per stage (callgrind), for the reference article to
# EPUB and to PDF, and for one briefing inside a batch (EPUB + PDF).  Unlike
# wall times on a shared machine these repeat to a few thousandths of a
# per cent, so they are the figures the speed work (issue 15) is judged by.
#
#   bench/instructions.sh [ARTICLE]     (OCTAVO=path/to/octavo to pick a build)
#
# A stage is the inclusive count of the functions that do it; "process
# start" is the dynamic loader's work before main.  A briefing's cost in a
# batch is the difference between batches of 2N and N briefings, divided by
# N, so that what a batch does once (start, patterns, fonts cached per
# process) is not charged to every article.
set -eu
. "$(dirname "$0")/common.sh"
article=${1:-$root/samples/japan-nato-ukraine.txt}
bench_need valgrind callgrind_annotate python3
bench_start

grind() { # OUT-FILE ARGS...: runs octavo under callgrind
  out=$1
  shift
  valgrind --tool=callgrind --callgrind-out-file="$out" "$OCTAVO" "$@" >/dev/null 2>&1
}

# Inclusive counts of the named functions, summed per stage; a stage whose
# functions nest (one calls the other) counts the outer one only.
stages() { # CALLGRIND-FILE
  callgrind_annotate --inclusive=yes --threshold=100 "$1" 2>/dev/null | python3 -c '
import re, sys
inc = {}
total = 0
for line in sys.stdin:
    m = re.match(r"\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(\S.*?)\s+\[", line)
    if m:
        n = int(m.group(1).replace(",", ""))
        name = m.group(2).split(":")[-1]
        inc[name] = max(inc.get(name, 0), n)
    m = re.match(r"\s*([\d,]+)\s+\(100.0%\)\s+PROGRAM TOTALS", line)
    if m:
        total = int(m.group(1).replace(",", ""))
stages = [
    ("process start (loader, before main)", ["_dl_start"]),
    ("read the article", ["oct_read"]),
    ("cover: rasterise + PNG", ["epub_cover_image"]),
    ("hyphenation patterns", ["oct_hyph_new"]),
    ("PDF pages drawn (text, faces loaded)", ["oct_pdf_drawer_pages", "HPDF_Page_ShowText"]),
    ("fonts finished (subsets, maps, widths)", ["oct_pdf_drawer_finish", "HPDF_TTFontDef_SaveFontData"]),
    ("deflate (all streams, zip)", ["deflate", "libdeflate_deflate_compress"]),
]
print("  %-40s %10.1f M" % ("total", total / 1e6))
for label, names in stages:
    n = sum(inc.get(x, 0) for x in names)
    if n:
        print("  %-40s %10.1f M" % (label, n / 1e6))
'
}

echo "article: $article"
echo "== reference article -> EPUB"
grind "$tmp/epub.cg" "$article" -o "$tmp/a.epub"
stages "$tmp/epub.cg"
echo "== reference article -> PDF"
grind "$tmp/pdf.cg" "$article" -o "$tmp/a.pdf"
stages "$tmp/pdf.cg"

echo "== one briefing inside a batch (EPUB + PDF)"
n=20
python3 "$root/scripts/gen-briefings.py" "$tmp/b1" -n "$n" --broken 0 --junk 0 >/dev/null
python3 "$root/scripts/gen-briefings.py" "$tmp/b2" -n $((2 * n)) --broken 0 --junk 0 >/dev/null
grind "$tmp/b1.cg" "$tmp/b1" -t epub,pdf -j 1 -o "$tmp/o1"
grind "$tmp/b2.cg" "$tmp/b2" -t epub,pdf -j 1 -o "$tmp/o2"
total() { sed -n 's/^summary: //p; s/^totals: //p' "$1" | head -1; }
python3 - "$(total "$tmp/b1.cg")" "$(total "$tmp/b2.cg")" "$n" <<'EOF'
import sys
a, b, n = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
print("  %-40s %10.1f M" % ("per briefing ((2N - N) / N, N = %d)" % n, (b - a) / n / 1e6))
EOF
