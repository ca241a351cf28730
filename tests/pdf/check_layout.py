#!/usr/bin/env python3
"""Hostile layouts in the PDF: every word must land on the page.

usage: check_layout.py OCTAVO WORKDIR [CASE...] [--valgrind]

Writes Markdown documents that used to push text off the page (a paragraph
that is one long URL, a link around an 8,000-character word, a long URL
inside prose, a word made of 800 emphasised pieces, words wider than the
line in a heading and a list, 24 and 30
nested block quotes and lists, a table of 40 columns, a table cell taller
than a page, list numbers wider than their indent), converts each on A4 with 20 mm margins and
checks with real tools:
  - octavo exits 0 (with --valgrind: under valgrind, without memory errors);
  - `qpdf --check` is clean;
  - `pdftotext -bbox`: every word's box lies inside the text block across
    (20 mm from either edge of the sheet) and on the sheet down;
  - `pdftotext -raw`, page by page without running head and folio: every
    paragraph of the input comes back, in order (spaces, and the hyphens
    hyphenation adds, left out: a URL or a long word is broken without one);
  - deep nesting and a table set in parts are announced by exactly one
    warning each, and a document that fits says nothing;
  - controls and noncharacters (U+0001, U+FFFE...) are left out silently.
Exit 0 when all hold; otherwise prints each failure and exits 1.
"""
import os
import re
import sys
from pdfcheck import fail, finish, run


MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)
MARGIN = 20 * MM
EPS = 0.5  # points: rounding in poppler's boxes
DEEP_WARNING = "nested too deep"


URL = ("https://example.com/" + "/".join("segment%d-of-the-path_with.words" % i for i in range(12))
       + "?query=value&other=thing_and_more")
WORD = "".join("abcdefghij"[i % 10] for i in range(8000))
MID = "".join("klmnopqrst"[i % 10] for i in range(300))


def nested(depth, prefix):
    """DEPTH levels of block quotes (prefix '> ') or lists (prefix '- ')."""
    out, paras = [], []
    for d in range(1, depth + 1):
        text = "Level %d holds a sentence of several words here." % d
        if prefix == "> ":
            out.append("> " * d + text)
            out.append("> " * d)
        else:
            out.append("  " * (d - 1) + "- " + text)
        paras.append(text)
    return "\n".join(out) + "\n", paras


def cases():
    c = {}
    c["url"] = ("# Long URL\n\nIntro paragraph.\n\n" + URL + "\n\nAfter.\n",
                ["Intro paragraph.", URL, "After."], None)
    prose = "Read the report at " + URL + " before the meeting starts, please."
    c["url_in_prose"] = ("# URL in prose\n\n" + prose + "\n", [prose], None)
    c["long_word_link"] = ("# Long word\n\n[" + WORD + "](https://example.com/x)\n\nAfter.\n",
                           [WORD, "After."], None)
    c["wide_words"] = ("# Wide words\n\n## Heading " + MID + "\n\n- item " + MID + "\n\n> " + MID
                       + "\n\nEnd.\n", ["Heading " + MID, "item " + MID, MID, "End."], None)
    for depth in (24, 30):
        md, paras = nested(depth, "> ")
        c["quotes_%d" % depth] = ("# Quotes\n\n" + md, paras, DEEP_WARNING)
        md, paras = nested(depth, "- ")
        c["lists_%d" % depth] = ("# Lists\n\n" + md, paras, DEEP_WARNING)
    # Deep quotes around a URL: both rules at once.
    md = "# Both\n\n" + "> " * 24 + URL + "\n"
    c["url_in_quotes"] = (md, [URL], DEEP_WARNING)
    # 40 columns cannot stand side by side: set in parts, each whole.
    n = 40
    md = ("# Wide table\n\n|" + "|".join("head%d" % i for i in range(n)) + "|\n|"
          + "|".join("---" for i in range(n)) + "|\n|" + "|".join("cell%d" % i for i in range(n))
          + "|\n")
    c["wide_table"] = (md, ["head0", "cell0", "head39", "cell39"], "too wide for the page")
    # A cell taller than a page: the row is cut between its lines.
    tall = "".join("abcdefghij"[i % 10] for i in range(12000))
    md = "# Tall row\n\n| H1 | H2 | H3 |\n|---|---|---|\n|  | " + tall + " |  |\n| x | y | z |\n"
    c["tall_row"] = (md, [tall], None, "H1H2H3")  # the header repeats on each page
    # Labels wider than the usual indent, and long words in table cells.
    md = ("# Labels\n\n999999990. first\n999999991. second\n\n| a | b |\n|---|---|\n| "
          + MID + " | " + MID[:90] + " |\n")
    c["labels_and_cells"] = (md, ["999999990.", "first", "999999991.", MID, MID[:90]], None)
    # One word made of many inline pieces (no space between them): each
    # piece is short, the word is not.
    glued = "ab*cd*" * 400
    c["glued_pieces"] = ("# Glued\n\n" + glued + "\n\nAfter.\n", ["abcd" * 400, "After."], None)
    # Characters that are not text (controls, noncharacters) are left out
    # silently, as in the EPUB: no "no font has U+FFFE" warnings.
    bad = "&#1;&#x1F;&#x7F;&#x85;&#x9F;&#xFDD0;&#xFFFE;&#xFFFF;&#x1FFFE;&#x10FFFF;"
    # (the language declared: five words are too few to identify it, and
    # the fallback to en would warn)
    md = "---\nlang: en\n---\n# Not text\n\nText%shere and%s more words.\n" % (bad, bad)
    c["not_text"] = (md, ["Texthere and more words."], "")
    return c


def squeeze(text):
    """Text without spaces and hyphens, to compare across line breaks."""
    return re.sub(r"[\s\-\u2010]", "", text)


def check(octavo, work, name, md, paras, warning, valgrind, furniture=None):
    src = os.path.join(work, name + ".md")
    pdf = os.path.join(work, name + ".pdf")
    with open(src, "w", encoding="utf-8") as f:
        f.write(md)
    if os.path.exists(pdf):
        os.remove(pdf)
    cmd = [octavo, src, "-o", pdf, "--margin", "20mm"]
    if valgrind:
        cmd = ["valgrind", "-q", "--error-exitcode=99", "--leak-check=full",
               "--errors-for-leak-kinds=definite,indirect"] + cmd
    r = run(cmd)
    err = r.stderr.decode(errors="replace")
    if r.returncode != 0:
        fail("%s: octavo exited %d: %s" % (name, r.returncode, err.strip()))
        return
    if warning == "" and err:
        fail("%s: wanted no message at all, got:\n%s" % (name, err))
    for w in (DEEP_WARNING, "too wide for the page"):
        want = 1 if warning == w else 0
        if err.count(w) != want:
            fail("%s: wanted %d warning(s) '%s', got:\n%s" % (name, want, w, err))

    r = run(["qpdf", "--check", pdf])
    out = r.stdout.decode(errors="replace") + r.stderr.decode(errors="replace")
    if r.returncode != 0 or "WARNING" in out or "No syntax or stream encoding errors" not in out:
        fail("%s: qpdf --check: %s" % (name, out.strip()))

    r = run(["pdftotext", "-bbox", pdf, "-"])
    if r.returncode != 0 or r.stderr:
        fail("%s: pdftotext -bbox: %s" % (name, r.stderr.decode(errors="replace").strip()))
    pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>',
                       r.stdout.decode(), re.S)
    if not pages:
        fail("%s: pdftotext -bbox found no page" % name)
    left, right = MARGIN - EPS, A4[0] - MARGIN + EPS
    nwords, outside = 0, []
    for pw, ph, body in pages:
        if abs(float(pw) - A4[0]) > 1 or abs(float(ph) - A4[1]) > 1:
            fail("%s: page is %s x %s, not A4" % (name, pw, ph))
        for x0, y0, x1, y1, word in re.findall(
                r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">'
                r'([^<]*)</word>', body):
            nwords += 1
            x0, y0, x1, y1 = map(float, (x0, y0, x1, y1))
            if x0 < left or x1 > right or y0 < 0 or y1 > float(ph):
                outside.append("%r at x %.1f..%.1f y %.1f..%.1f" % (word[:40], x0, x1, y0, y1))
    if outside:
        fail("%s: %d words outside the text block x %.1f..%.1f, e.g. %s"
             % (name, len(outside), left, right, "; ".join(outside[:3])))

    # The text, page by page without the furniture: the running head opens
    # every page from the second, the folio closes each.
    text = []
    for p in range(1, len(pages) + 1):
        r = run(["pdftotext", "-raw", "-enc", "UTF-8", "-f", str(p), "-l", str(p), pdf, "-"])
        lines = [l for l in r.stdout.decode().splitlines() if l.strip()]
        if lines and lines[-1].strip() == str(p):
            lines.pop()
        if p > 1 and lines:
            lines.pop(0)
        text.append("\n".join(lines))
    got = squeeze("\n".join(text))
    if furniture:
        got = got.replace(furniture, "")
    at = 0
    for para in paras:
        want = squeeze(para)
        k = got.find(want, at)
        if k < 0:
            fail("%s: paragraph not found whole and in order: %r" % (name, para[:60] + "..."))
            return
        at = k + len(want)
    print("%s: %d pages, %d words inside the text block, %d paragraphs whole"
          % (name, len(pages), nwords, len(paras)))


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    valgrind = "--valgrind" in sys.argv
    octavo, work = args[0], args[1]
    only = args[2:]
    os.makedirs(work, exist_ok=True)
    for name, case in cases().items():
        if not only or name in only:
            check(octavo, work, name, *case[:3], valgrind, *case[3:])


if __name__ == "__main__":
    main()
    finish()
