#!/bin/sh
# Digest (issue 13): a folder of articles -> one EPUB and one PDF.  Parts
# from subfolders, natural order and --sort date, each article's heading
# block, a broken article left out with exit 1, an empty digest, the same
# bytes twice, epubcheck, qpdf, pdftotext word order, the outline's levels,
# --digest-flow; then generated briefings in topic folders.
# usage: test_digest.sh OCTAVO SOURCE_DIR
set -eu
OCTAVO=$1
SRC=$2
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
. "$SRC/tests/cli/lib.sh"
export OCTAVO_DATA_DIR=$SRC
EPUBCHECK=/usr/share/java/epubcheck.jar

# A small digest: three articles at the top whose names sort differently
# as text and as numbers, two parts, dates out of name order, one broken.
IN=$WORK/week
mkdir -p "$IN/politics" "$IN/economy"
# art FILE TITLE DATE WORDS...: a Markdown article whose body holds WORDS
art() {
  f=$1 t=$2 d=$3
  shift 3
  {
    echo "---"
    echo "title: $t"
    echo "subtitle: Subtitle of $t"
    echo "author: Author $t"
    [ -n "$d" ] && echo "date: $d"
    echo "---"
    echo
    echo "First paragraph with $1 and $2 in it."
    echo
    echo "## Section of $t"
    echo
    echo "Second paragraph with $3 in it."
  } >"$f"
}
art "$IN/10-gamma.md" "Gamma" "2024-02-01" wgamone wgamtwo wgamthree
art "$IN/2-beta.md" "Beta" "2024-02-02" wbetone wbettwo wbetthree
art "$IN/1-alpha.md" "Alpha" "2024-02-03" walpone walptwo walpthree
art "$IN/politics/a.md" "Pol A" "2024-03-05" wpaone wpatwo wpathree
art "$IN/politics/b.md" "Pol B" "2024-01-10" wpbone wpbtwo wpbthree
art "$IN/politics/c.md" "Pol C" "" wpcone wpctwo wpcthree
art "$IN/economy/x.md" "Eco X" "2024-03-09" wexone wextwo wexthree
printf 'bad\000data' >"$IN/politics/broken.txt"
# an image beside an article in a part: found in the article's own folder
cp "$SRC/samples/images/rain-gauge.png" "$IN/economy/gauge.png"
printf '\n![A rain gauge](gauge.png)\n' >>"$IN/economy/x.md"
cp "$IN/economy/x.md" "$WORK/alone.md"

SOURCE_DATE_EPOCH=1700000000
export SOURCE_DATE_EPOCH
run "$OCTAVO" "$IN" --digest -o "$WORK/week.epub" -t epub,pdf -j 2
check "a broken article makes the digest exit 1" test "$rc" -eq 1
check "the broken article is named with its cause" sh -c \
  'printf "%s\n" "$1" | grep -q "politics/broken.txt: binary data"' _ "$err"
check "the summary says the book was written without it" sh -c \
  'printf "%s\n" "$1" | tail -1 | grep -q "7 articles in 2 parts; 1 input left out (named above): the book was written without it"' _ "$err"
check "both books are written" test -s "$WORK/week.epub" -a -s "$WORK/week.pdf"
check "no temporary files are left" sh -c '! ls "$1" | grep -q tmp' _ "$WORK"

mkdir "$WORK/x"
(cd "$WORK/x" && unzip -q "$WORK/week.epub")
E=$WORK/x/EPUB
# the nav's entries, one a line: level (1 part, 2 article) and label
python3 - "$E/nav.xhtml" >"$WORK/nav.txt" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"h": "http://www.w3.org/1999/xhtml"}
nav = [n for n in ET.parse(sys.argv[1]).getroot().iter("{http://www.w3.org/1999/xhtml}nav")
       if n.get("id") == "toc"][0]
def walk(ol, depth):
    for li in ol.findall("h:li", ns):
        print(depth, li.find("h:a", ns).text)
        sub = li.find("h:ol", ns)
        if sub is not None:
            walk(sub, depth + 1)
walk(nav.find("h:ol", ns), 1)
PY
cat >"$WORK/want-nav.txt" <<'TXT'
1 Alpha
1 Beta
1 Gamma
1 Economy
2 Eco X
1 Politics
2 Pol A
2 Pol B
2 Pol C
TXT
check "nav: top articles in natural order, then parts (folders) with their articles" \
  cmp -s "$WORK/nav.txt" "$WORK/want-nav.txt"
check "EPUB passes epubcheck with no messages" sh -c \
  'java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$1" "$2" 2>&1 | grep -q "Messages: 0 fatals / 0 errors / 0 warnings / 0 infos"' \
  _ "$EPUBCHECK" "$WORK/week.epub"
check "each article opens with its own heading block (title, subtitle, byline, date)" python3 - "$E" <<'PY'
import glob, re, sys
heads = {}
for f in glob.glob(sys.argv[1] + "/a*-ch001.xhtml"):
    s = open(f, encoding="utf-8").read()
    m = re.search(r'<header class="article-head" id="article-head">(.*?)</header>', s, re.S)
    assert m, f
    heads[re.search(r'<h1 class="title">(.*?)</h1>', m.group(1)).group(1)] = m.group(1)
assert len(heads) == 7, sorted(heads)
h = heads["Pol A"]
assert '<p class="subtitle">Subtitle of Pol A</p>' in h, h
assert '<p class="author">Author Pol A</p>' in h, h
assert '<p class="date">2024-03-05</p>' in h, h
assert "date" not in heads["Pol C"], heads["Pol C"]
PY
check "book metadata: folder title, newest date, Various, derived identifier" python3 - "$E/content.opf" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
for want in ['<dc:title id="title">Week</dc:title>', '<dc:creator id="creator">Various</dc:creator>',
             "<dc:date>2024-03-09</dc:date>", '<dc:identifier id="uid">urn:uuid:',
             "<dc:language>en</dc:language>", '<itemref idref="nav"/>']:
    assert want in s, want
PY

check "the article's image is in both books" sh -c \
  'unzip -l "$1" | grep -q "EPUB/images/a[0-9]*-image-001.png" && [ $(pdfimages -list "$2" | tail -n +3 | wc -l) -eq 1 ]' \
  _ "$WORK/week.epub" "$WORK/week.pdf"
check "PDF passes qpdf --check" sh -c 'qpdf --check "$1" >/dev/null 2>&1' _ "$WORK/week.pdf"
check "poppler reads the PDF without complaint" sh -c \
  '[ -z "$(pdftotext "$1" - 2>&1 >/dev/null)" ] && [ -z "$(pdfinfo "$1" 2>&1 >/dev/null)" ]' _ "$WORK/week.pdf"
pdftotext "$WORK/week.pdf" "$WORK/week.txt"
pdftotext -layout "$WORK/week.pdf" "$WORK/week-layout.txt"
check "pdftotext gives every article's words in reading order" python3 - "$WORK/week.txt" <<'PY'
import re, sys
text = re.sub(r"-\n", "", open(sys.argv[1], encoding="utf-8").read()).split()
order = ["walp", "wbet", "wgam", "wex", "wpa", "wpb", "wpc"]
want = [p + w for p in order for w in ("one", "two", "three")]
got = [w for w in text if re.fullmatch(r"w[a-z]+", w) and w in want]
assert got == want, got
PY
check "contents page lists parts and articles with page numbers" python3 - "$WORK/week-layout.txt" <<'PY'
import re, sys
pages = open(sys.argv[1], encoding="utf-8").read().split("\f")
toc = pages[1]
for label in ["Alpha", "Beta", "Gamma", "Economy", "Eco X", "Politics", "Pol A", "Pol B", "Pol C"]:
    m = re.search(r"^\s*" + re.escape(label) + r"\s+(\d+)\s*$", toc, re.M)
    assert m, (label, toc)
    n = int(m.group(1))
    # the page the contents names holds the article's title (or the part's)
    assert label in pages[n - 1], (label, n)
PY
check "outline: parts > articles > the articles' headings" python3 - "$WORK/week.pdf" <<'PY'
import json, subprocess, sys
o = json.loads(subprocess.run(["qpdf", "--json", "--json-key=outlines", sys.argv[1]],
                              capture_output=True, check=True).stdout)["outlines"]
top = [x["title"] for x in o]
assert top == ["Alpha", "Beta", "Gamma", "Economy", "Politics"], top
pol = o[4]
assert [k["title"] for k in pol["kids"]] == ["Pol A", "Pol B", "Pol C"], pol
assert [k["title"] for k in pol["kids"][0]["kids"]] == ["Section of Pol A"], pol["kids"][0]
assert [k["title"] for k in o[0]["kids"]] == ["Section of Alpha"], o[0]
PY
check "each article starts a page, with no running head on it" python3 - "$WORK/week.txt" <<'PY'
import sys
pages = open(sys.argv[1], encoding="utf-8").read().split("\f")
starts = [i for i, p in enumerate(pages) if "Subtitle of" in p]
assert len(starts) == 7, starts
for i in starts:
    assert pages[i].lstrip().startswith(pages[i].split("\n")[0]), i
    assert pages[i].split()[0] in ("Alpha", "Beta", "Gamma", "Eco", "Pol"), pages[i][:80]
PY

# the same inputs give the same bytes
cp "$WORK/week.epub" "$WORK/first.epub"
cp "$WORK/week.pdf" "$WORK/first.pdf"
run "$OCTAVO" "$IN" --digest -o "$WORK/week.epub" -t epub,pdf -j 1 -q
check "a second run (one thread) writes the same EPUB bytes" cmp -s "$WORK/first.epub" "$WORK/week.epub"
check "and the same PDF bytes" cmp -s "$WORK/first.pdf" "$WORK/week.pdf"

run "$OCTAVO" "$IN" --digest --sort date -o "$WORK/date.epub" -q
python3 - "$WORK/date.epub" >"$WORK/date.txt" <<'PY'
import re, sys, zipfile
nav = zipfile.ZipFile(sys.argv[1]).read("EPUB/nav.xhtml").decode()
toc = nav.split('id="landmarks"')[0]
print("\n".join(re.findall(r'#article-head">([^<]*)<', toc)))
PY
check "--sort date orders each part by date, undated last" sh -c \
  '[ "$(tr "\n" "," <"$1")" = "Gamma,Beta,Alpha,Eco X,Pol B,Pol A,Pol C," ]' _ "$WORK/date.txt"

run "$OCTAVO" "$IN" --digest --digest-flow -o "$WORK/flow.pdf" -q
check "--digest-flow: qpdf clean and fewer pages than one article a page" sh -c \
  'qpdf --check "$1" >/dev/null 2>&1 &&
   [ $(pdfinfo "$1" | awk "/^Pages:/ {print \$2}") -lt $(pdfinfo "$2" | awk "/^Pages:/ {print \$2}") ]' \
  _ "$WORK/flow.pdf" "$WORK/week.pdf"
pdftotext "$WORK/flow.pdf" "$WORK/flow.txt"
check "--digest-flow keeps every article's words in order" python3 - "$WORK/flow.txt" <<'PY'
import re, sys
text = re.sub(r"-\n", "", open(sys.argv[1], encoding="utf-8").read()).split()
order = ["walp", "wbet", "wgam", "wex", "wpa", "wpb", "wpc"]
want = [p + w for p in order for w in ("one", "two", "three")]
assert [w for w in text if w in want] == want
PY

run "$OCTAVO" "$WORK/alone.md" "$IN/1-alpha.md" --digest -o "$WORK/two.epub" -t epub,pdf \
  -M title=Mine -M lang=de -M description=Weekly -M subject=News -q
check "files given directly: -M title, lang, description, subject; no parts; exit 0" sh -c \
  '[ "$1" -eq 0 ] && unzip -p "$2" EPUB/content.opf >"$2.opf" &&
   grep -q "<dc:title id=\"title\">Mine</dc:title>" "$2.opf" && grep -q "<dc:language>de</dc:language>" "$2.opf" &&
   grep -q "<dc:description>Weekly</dc:description>" "$2.opf" && grep -q "<dc:subject>News</dc:subject>" "$2.opf" &&
   pdfinfo "$3" | grep -q "^Subject: *Weekly" && pdfinfo "$3" | grep -q "^Keywords: *News" &&
   [ $(unzip -p "$2" EPUB/nav.xhtml | grep -c "<ol>") -eq 2 ]' _ "$rc" "$WORK/two.epub" "$WORK/two.pdf"

mkdir -p "$WORK/empty/sub"
printf 'bad\000' >"$WORK/empty/sub/x.txt"
run "$OCTAVO" "$WORK/empty" --digest -o "$WORK/empty.epub" -t epub,pdf
check "an empty digest is an error and writes nothing" sh -c \
  '[ "$1" -eq 1 ] && [ ! -e "$2/empty.epub" ] && [ ! -e "$2/empty.pdf" ] &&
   printf "%s\n" "$3" | grep -q "nothing to put in the digest"' _ "$rc" "$WORK" "$err"
run "$OCTAVO" "$IN" --digest
check "--digest without -o is a usage error" test "$rc" -eq 2
run "$OCTAVO" "$IN" --digest -o "$WORK/w.json"
check "a JSON digest is a usage error" test "$rc" -eq 2
run "$OCTAVO" "$IN" --sort date -o "$WORK/out"
check "--sort without --digest is a usage error" test "$rc" -eq 2

# two folders: the parts of the first come first, a part both hold is one
mkdir -p "$WORK/two/zoo" "$WORK/two/politics" "$WORK/one/arts" "$WORK/one/politics"
art "$WORK/two/zoo/z.md" "Zoo Z" "" wz1 wz2 wz3
art "$WORK/two/politics/p.md" "Pol P" "" wp1 wp2 wp3
art "$WORK/one/arts/a.md" "Arts A" "" wa1 wa2 wa3
art "$WORK/one/politics/q.md" "Pol Q" "" wq1 wq2 wq3
run "$OCTAVO" "$WORK/two" "$WORK/one" --digest -o "$WORK/both.epub" -q
check "two folders: parts in the order of the inputs, a shared part once" sh -c \
  '[ "$(unzip -p "$1" EPUB/nav.xhtml | sed -n "/id=\"toc\"/,/<\/nav>/p" |
        sed -n "s/.*<a href=\"[^\"]*\">\([^<]*\)<.*/\1/p" | tr "\n" ",")" = "Politics,Pol P,Pol Q,Zoo,Zoo Z,Arts,Arts A," ]' \
  _ "$WORK/both.epub"

# folder and file names that are not UTF-8 become labels all the same
BAD=$WORK/bad/$(printf 'caf\351')
mkdir -p "$BAD"
printf 'Plain words of an article without a title line at all.\n' >"$BAD/$(printf 'x\377').txt"
run "$OCTAVO" "$WORK/bad" --digest -o "$WORK/bad.pdf" -q
check "names that are not UTF-8: the PDF is written and clean" sh -c \
  '[ "$1" -eq 0 ] && qpdf --check "$2" >/dev/null 2>&1 && pdftotext "$2" - | grep -q "Caf"' \
  _ "$rc" "$WORK/bad.pdf"

# generated briefings in topic folders, as a reader gets them
python3 "$SRC/scripts/gen-briefings.py" "$WORK/gen" -n 60 >/dev/null
run "$OCTAVO" "$WORK/gen" --digest -o "$WORK/gen.epub" -t epub,pdf -j 2 -q
check "60 generated briefings: exit 0" test "$rc" -eq 0
check "generated digest passes epubcheck" sh -c \
  'java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$1" "$2" 2>&1 | grep -q "Messages: 0 fatals / 0 errors / 0 warnings / 0 infos"' \
  _ "$EPUBCHECK" "$WORK/gen.epub"
check "generated digest: qpdf clean, one outline entry per topic folder holding its articles" \
  python3 - "$WORK/gen.pdf" "$WORK/gen" <<'PY'
import json, os, subprocess, sys
subprocess.run(["qpdf", "--check", sys.argv[1]], capture_output=True, check=True)
o = json.loads(subprocess.run(["qpdf", "--json", "--json-key=outlines", sys.argv[1]],
                              capture_output=True, check=True).stdout)["outlines"]
folders = sorted(d for d in os.listdir(sys.argv[2]) if os.path.isdir(os.path.join(sys.argv[2], d)))
assert [x["title"].lower() for x in o] == folders, [x["title"] for x in o]
for x, d in zip(o, folders):
    n = len([f for f in os.listdir(os.path.join(sys.argv[2], d))])
    assert len(x["kids"]) == n, (d, len(x["kids"]), n)
PY
finish
