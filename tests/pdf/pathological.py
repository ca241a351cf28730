#!/usr/bin/env python3
"""Pathological documents through the whole PDF writer.

usage: pathological.py OCTAVO CASE WORKDIR

CASE is one of
  paragraph    one paragraph of 2 MB (330,000 words)
  paragraphs   10,000 short paragraphs
  table        a table of 5,000 rows under a header row
Writes CASE.md into WORKDIR, converts it with OCTAVO and checks the PDF with
`qpdf --check` and its page count with `qpdf --show-npages`.  It asserts
nothing about time: tests/pdf.cmake gives each case a ctest TIMEOUT, so a
quadratic blow-up fails the test however fast the machine.
Exit 0 when the PDF is whole; otherwise prints why and exits 1.
"""
import os
import subprocess
import sys

WORDS = ["the", "of", "hyphenation", "paragraph", "a", "breaking", "and", "typesetting",
         "consequence", "to", "line", "extraordinary"]


def word(i):
    return WORDS[(i * 7 + i // 13) % len(WORDS)]


def paragraph():
    out, n = [], 0
    while n < 2_000_000:
        w = word(len(out))
        out.append(w)
        n += len(w) + 1
    return "# One paragraph\n\n" + " ".join(out) + "\n", 600


def paragraphs():
    paras = [" ".join(word(i + k) for k in range(4 + i % 9)) + "." for i in range(10_000)]
    return "# Ten thousand paragraphs\n\n" + "\n\n".join(paras) + "\n", 200


def table():
    rows = ["| Kitchen | Ratio | Hours |", "|---|---|--:|"]
    rows += ["| %s %d | 1 : %d | %d |" % (word(i), i, i % 7, i * 3) for i in range(5_000)]
    return "# A long table\n\n" + "\n".join(rows) + "\n", 100


def main():
    if len(sys.argv) != 4:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    octavo, case, work = sys.argv[1:]
    cases = {"paragraph": paragraph, "paragraphs": paragraphs, "table": table}
    if case not in cases:
        print("pathological.py: no case %r" % case, file=sys.stderr)
        return 2
    text, min_pages = cases[case]()
    os.makedirs(work, exist_ok=True)
    md = os.path.join(work, case + ".md")
    pdf = os.path.join(work, case + ".pdf")
    with open(md, "w", encoding="utf-8") as f:
        f.write(text)
    r = subprocess.run([octavo, "-q", md, "-o", pdf], capture_output=True, text=True)
    if r.returncode != 0:
        print("FAIL: octavo exited %d: %s" % (r.returncode, r.stderr.strip()))
        return 1
    r = subprocess.run(["qpdf", "--check", pdf], capture_output=True, text=True)
    if r.returncode != 0:
        print("FAIL: qpdf --check: %s" % (r.stdout + r.stderr).strip()[-500:])
        return 1
    r = subprocess.run(["qpdf", "--show-npages", pdf], capture_output=True, text=True)
    pages = int(r.stdout.strip() or 0)
    if pages < min_pages:
        print("FAIL: %d pages, expected at least %d" % (pages, min_pages))
        return 1
    print("%s: %d bytes of Markdown, %d pages" % (case, len(text.encode()), pages))
    return 0


if __name__ == "__main__":
    sys.exit(main())
