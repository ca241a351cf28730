#!/usr/bin/env python3
"""typo_check.py PDF [--max-hyphens N | --max-hyphen-rate R] [--max-run N]
                     [--max-across N] [--max-gap EM] [--max-full-share F] [--report]

Measures a PDF's typography from what poppler reads back
(`pdftotext -bbox-layout`: words with their boxes), as a reader sees it,
not from octavo's own layout:

  - hyphenated line ends: a body line whose last word ends in '-' (or
    U+2010) and that has a line after it;
  - runs: the longest stretch of consecutive hyphenated line ends;
  - across a page: the last body line of a page ends in a hyphen;
  - interword gaps on justified lines, in ems of the words' size: a
    justified line is one that reaches the text block's right edge (the
    edge most full lines end at); last lines of paragraphs and ragged text
    fall short of it and are not judged;
  - full lines: the share of lines of four words or more that reach the
    right edge (ragged text has few).

Running heads and folios are set smaller than the body (0.76 and 0.85 of
it, layout/style.c) and are left out by their size.  Exits 1 when a figure
is over its limit, 0 otherwise; --report prints the figures as one line.
"""
import re
import subprocess
import sys
import tempfile
from collections import Counter

# poppler's word box is the face's ascent + descent: for Liberation Serif,
# the justified body face, 0.891 + 0.216 of the size (a list label's 0.5 em
# \labelsep measures 0.500 em with it).  A word's size is its height / this.
BOX_PER_EM = 1.107
# A list label ("•", "3.", "iv)") is set \labelsep before the item's text:
# that gap is not a word space.
LABEL = re.compile(r"^(?:[\u2022\u2013\u2023]|\d+[.)]|[ivxlcdm]+[.)])$")
# Furniture (0.76 and 0.85 of the body) is smaller than anything in the
# flow (tables 0.92 of it).
FURNITURE = 0.88
# A line is full when it ends within this of the right edge, in points:
# justified lines end on it to a rounding error; protrusion hangs a stop or
# a hyphen a little past it, which max(...) below allows for.
FULL_EPS = 0.6

WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


def read_pages(pdf):
    out = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], check=True,
                         capture_output=True).stdout.decode("utf-8")
    pages = []
    for page in out.split("<page ")[1:]:
        lines = []
        for ln in page.split("<line ")[1:]:
            words = [(float(a), float(b), float(c), float(d), t)
                     for a, b, c, d, t in WORD.findall(ln)]
            if words:
                lines.append(words)
        pages.append(lines)
    return pages


def read_images(pdf):
    """Per page, the boxes (left, top, right, bottom) of the images drawn on
    it: pdftotext does not list them, so a gap with an image inside a line
    (an inline icon) would count as a word space."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftohtml", "-xml", "-zoom", "1", "-q", pdf, tmp + "/p"], check=True,
                       capture_output=True)
        with open(tmp + "/p.xml", encoding="utf-8", errors="replace") as f:
            xml = f.read()
    pages = []
    for page in xml.split("<page ")[1:]:
        boxes = []
        for t, l, w, h in re.findall(
                r'<image top="([\d.]+)" left="([\d.]+)" width="([\d.]+)" height="([\d.]+)"', page):
            boxes.append((float(l), float(t), float(l) + float(w), float(t) + float(h)))
        pages.append(boxes)
    return pages


def body_face(w, body_h):
    """True when word W's box has the height of the justified body face."""
    return abs((w[3] - w[1]) - body_h) <= 0.03 * body_h


def measure(pdf):
    pages = read_pages(pdf)
    images = read_images(pdf)
    heights = [w[3] - w[1] for p in pages for ln in p for w in ln]
    if not heights:
        return None
    body_h = Counter(round(h, 1) for h in heights).most_common(1)[0][0]
    body = []  # per page: its body lines, top to bottom
    for p in pages:
        ls = [ln for ln in p if (ln[0][3] - ln[0][1]) >= FURNITURE * body_h]
        ls.sort(key=lambda ln: (round(ln[0][3], 1), ln[0][0]))
        body.append(ls)
    # the right edge: where most lines of four or more words end; ragged
    # text has none (its lines end where they end, rarely twice alike)
    ends = Counter(round(ln[-1][2], 1) for p in body for ln in p if len(ln) >= 4)
    right = None
    if ends:
        edge, count = ends.most_common(1)[0]
        if count >= max(3, 0.2 * sum(ends.values())):
            right = edge
    nlines = sum(len(p) for p in body)
    # share of the lines of four words or more that end on the right edge:
    # most of them when justified, few when ragged
    long_lines = [ln for p in body for ln in p if len(ln) >= 4]
    full = sum(1 for ln in long_lines if right is not None and ln[-1][2] >= right - FULL_EPS)
    full_share = full / len(long_lines) if long_lines else 0.0
    hyph, run, longest, across, worst, worst_at = 0, 0, 0, 0, 0.0, ""
    for pi, p in enumerate(body):
        for li, ln in enumerate(p):
            last = ln[-1][4]
            is_h = last.endswith("-") or last.endswith("\u2010")
            has_next = li + 1 < len(p) or any(body[pi + 1:])
            if is_h and has_next:
                hyph += 1
                run += 1
                longest = max(longest, run)
                if li + 1 == len(p):
                    across += 1
            else:
                run = 0
            if right is None or len(ln) < 2 or ln[-1][2] < right - FULL_EPS:
                continue
            for k, (a, b) in enumerate(zip(ln, ln[1:])):
                if k == 0 and LABEL.match(a[4]):
                    continue
                # a space inside inline code is Liberation Mono's own fixed
                # 0.6 em (at 0.9 of the body: ~0.54 body em), not a stretched
                # word space; its words' boxes are not the body face's height
                if not body_face(a, body_h) and not body_face(b, body_h):
                    continue
                em = (a[3] - a[1]) / BOX_PER_EM
                gap = (b[0] - a[2]) / em
                # an image between the two words: the spaces either side
                for (il, it, ir, ib) in (images[pi] if pi < len(images) else []):
                    if il >= a[2] - 0.5 and ir <= b[0] + 0.5 and it < a[3] and ib > a[1]:
                        gap = max(il - a[2], b[0] - ir) / em
                if gap > worst:
                    worst = gap
                    worst_at = "p. %d: %s %s" % (pi + 1, a[4], b[4])
    return dict(lines=nlines, hyphens=hyph, run=longest, across=across,
                gap=worst, gap_at=worst_at, full=full_share)


def main(argv):
    args = argv[1:]
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    pdf = args.pop(0)
    limits = {}
    report = False
    while args:
        a = args.pop(0)
        if a == "--report":
            report = True
        else:
            limits[a] = float(args.pop(0))
    m = measure(pdf)
    if m is None:
        print("typo_check: %s: no text" % pdf, file=sys.stderr)
        return 1
    rate = 100.0 * m["hyphens"] / m["lines"] if m["lines"] else 0.0
    line = ("%s: %d lines, %d hyphenated line ends (%.1f per 100), longest run %d, "
            "%d across a page, widest justified gap %.3f em (%s), %.0f %% full lines" %
            (pdf, m["lines"], m["hyphens"], rate, m["run"], m["across"], m["gap"],
             m["gap_at"], 100 * m["full"]))
    if report:
        print(line)
    bad = []
    if "--max-hyphens" in limits and m["hyphens"] > limits["--max-hyphens"]:
        bad.append("%d hyphenated line ends > %g" % (m["hyphens"], limits["--max-hyphens"]))
    if "--max-hyphen-rate" in limits and rate > limits["--max-hyphen-rate"]:
        bad.append("%.1f hyphens per 100 lines > %g" % (rate, limits["--max-hyphen-rate"]))
    if "--max-run" in limits and m["run"] > limits["--max-run"]:
        bad.append("a run of %d hyphenated lines > %g" % (m["run"], limits["--max-run"]))
    if "--max-across" in limits and m["across"] > limits["--max-across"]:
        bad.append("%d hyphens across a page" % m["across"])
    if "--max-gap" in limits and m["gap"] > limits["--max-gap"]:
        bad.append("gap %.3f em > %g (%s)" % (m["gap"], limits["--max-gap"], m["gap_at"]))
    if "--max-full-share" in limits and m["full"] > limits["--max-full-share"]:
        bad.append("%.0f %% of the lines are full: not ragged" % (100 * m["full"]))
    if bad:
        print("typo_check: %s: %s" % (pdf, "; ".join(bad)), file=sys.stderr)
        if not report:
            print(line, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
