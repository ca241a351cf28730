#!/usr/bin/env python3
"""Checks one sample's PDF with real validators (qpdf, poppler).

usage: check_pdf.py OCTAVO SAMPLE WORKDIR [OPTION...]

OPTIONs are passed to octavo for the PDF (e.g. --paper letter --ragged); with
--paper letter|a4|a5 the page size is checked too.

Runs `octavo SAMPLE -o WORKDIR/NAME.pdf` twice and `octavo SAMPLE -t json`,
then asserts:
  - both runs give identical bytes;
  - `qpdf --check` is clean;
  - `pdffonts`: every font embedded, subset and with a Unicode map;
  - poppler prints nothing on stderr (pdftotext, pdffonts);
  - `pdftotext` gives every word of the tree, in order;
  - the outline (qpdf --json) has one entry per heading, same titles, same order;
  - every page carries its page number (and from page 2 the running head);
  - every link of the tree is a URI link annotation.
Exit 0 when all hold; otherwise prints each failure and exits 1.
"""
import json
import os
import re
import sys
from pdfcheck import fail, finish, plain, run


def tree_text(node, out_words, headings, images):
    t = node.get("type")
    if t == "heading":
        headings.append(plain(node))
    if t == "image":
        images.append(node)
        return
    for key in ("text",):
        if key in node and node[key] and t in ("text", "code", "code_block"):
            out_words.append(node[key])
    for c in node.get("children", []):
        tree_text(c, out_words, headings, images)


def link_urls(node, acc):
    if node.get("type") == "link" and node.get("url"):
        acc.append(node["url"])
    for c in node.get("children", []):
        link_urls(c, acc)
    return acc


def words(text):
    # A word broken at its own hyphen or by hyphenation comes out of
    # pdftotext joined or as "hy-\nphen"; fold both sides the same way.
    text = re.sub(r"[-\u2010]\s*\n\s*", "", text)
    text = re.sub(r"(\w)[-\u2010](\w)", r"\1\2", text)
    return re.findall(r"\w+", text.lower())


def outline_titles(items, acc):
    for it in items:
        acc.append(re.sub(r"\s+", " ", it.get("title", "")).strip())
        outline_titles(it.get("kids", []), acc)
    return acc


def main():
    octavo, sample, work = sys.argv[1:4]
    opts = sys.argv[4:]
    os.makedirs(work, exist_ok=True)
    name = os.path.splitext(os.path.basename(sample))[0]
    if opts:
        name += "".join(o.replace("-", "_") for o in opts)
    pdf = os.path.join(work, name + ".pdf")
    pdf2 = os.path.join(work, name + ".again.pdf")
    env = dict(os.environ)
    for out in (pdf, pdf2):
        r = run([octavo, "-q", sample, "-o", out] + opts, env=env)
        if r.returncode != 0:
            fail("octavo exited %d: %s" % (r.returncode, r.stderr.decode(errors="replace")))
            return
    with open(pdf, "rb") as a, open(pdf2, "rb") as b:
        if a.read() != b.read():
            fail("two runs gave different bytes")
    r = run([octavo, "-q", sample, "-t", "json"], env=env)
    if r.returncode != 0:
        fail("octavo -t json exited %d" % r.returncode)
        return
    tree = json.loads(r.stdout.decode())

    r = run(["qpdf", "--check", pdf])
    out = r.stdout.decode(errors="replace") + r.stderr.decode(errors="replace")
    if r.returncode != 0 or "WARNING" in out or "No syntax or stream encoding errors" not in out:
        fail("qpdf --check: " + out.strip())

    r = run(["pdffonts", pdf])
    if r.stderr:
        fail("pdffonts stderr: " + r.stderr.decode(errors="replace").strip())
    lines = r.stdout.decode(errors="replace").splitlines()[2:]
    if not lines:
        fail("pdffonts lists no fonts")
    for ln in lines:
        cols = ln.split()
        # name type... enc emb sub uni objnum gen: the three flags sit before the object id
        if cols[-5:-2] != ["yes", "yes", "yes"]:
            fail("font not embedded/subset/unicode: " + ln)

    r = run(["pdfinfo", pdf])
    sizes = {"letter": "612 x 792", "a4": "595.276 x 841.89", "a5": "419.528 x 595.276"}
    if "--paper" in opts and opts[opts.index("--paper") + 1] in sizes:
        want_size = sizes[opts[opts.index("--paper") + 1]]
        if "Page size:       " + want_size not in r.stdout.decode():
            fail("page size is not %s: %s" % (want_size, r.stdout.decode()))
    m = re.search(r"^Pages:\s+(\d+)", r.stdout.decode(), re.M)
    npages = int(m.group(1)) if m else 0
    if npages == 0:
        fail("pdfinfo gives no page count")
    # Page by page: the folio must close each page and the running head
    # open each page from 2 on; both are taken off before the words are
    # compared, so a word hyphenated across a page break joins up again.
    body, raw_body = [], []
    title = re.sub(r"\s+", " ", (tree.get("meta", {}).get("title") or "")).strip()
    for p in range(1, npages + 1):
        # Furniture in content-stream order (-raw): octavo draws the head,
        # then the body, then the folio.
        r = run(["pdftotext", "-raw", "-enc", "UTF-8", "-f", str(p), "-l", str(p), pdf, "-"])
        if r.returncode != 0 or r.stderr:
            fail("pdftotext stderr on page %d: %s" % (p, r.stderr.decode(errors="replace").strip()))
        raw = [l.strip() for l in r.stdout.decode().splitlines() if l.strip()]
        if not raw or raw[-1] != str(p):
            fail("page %d does not end with its page number" % p)
        head = raw[0] if raw else ""
        if p > 1 and title:
            if not (head == title or (head.endswith("\u2026") and title.startswith(head[:-1].rstrip()))):
                fail("page %d running head %r is not the title %r" % (p, head, title))
        # The words: in content order (octavo writes reading order, tables
        # row by row) and in poppler's default reading order (which tells
        # words apart by their boxes, but may read a table by columns).
        page_lines = list(raw)
        if page_lines and page_lines[-1] == str(p):
            page_lines.pop()
        if p > 1 and title and page_lines and page_lines[0] == head:
            page_lines.pop(0)
        raw_body.append("\n".join(page_lines))
        r = run(["pdftotext", "-enc", "UTF-8", "-f", str(p), "-l", str(p), pdf, "-"])
        if r.returncode != 0 or r.stderr:
            fail("pdftotext stderr on page %d: %s" % (p, r.stderr.decode(errors="replace").strip()))
        page_lines = [l.strip() for l in r.stdout.decode().splitlines() if l.strip()]
        for i in range(len(page_lines) - 1, -1, -1):
            if page_lines[i] == str(p):
                del page_lines[i]
                break
        if p > 1 and title and head in page_lines:
            page_lines.remove(head)
        body.append("\n".join(page_lines))
    got_modes = {"raw": words("\n".join(raw_body)), "reading": words("\n".join(body))}

    texts, headings, images = [], [], []
    meta = tree.get("meta", {})
    for k in ("title", "subtitle", "author", "date"):
        if meta.get(k):
            texts.append(meta[k])
    tree_text(tree, texts, headings, images)
    want = words("\n".join(texts))
    # Every tree word must appear, in order; the PDF may add furniture
    # (running heads, page numbers, list labels, image alt text).  Each
    # extraction mode has a known blind spot (raw joins words on a very
    # tight line, reading order may take a table by columns), so the words
    # must come back whole and in order in at least one of them.
    def first_missing(got):
        i = 0
        for wi, w in enumerate(want):
            while i < len(got) and got[i] != w:
                i += 1
            if i == len(got):
                return wi
            i += 1
        return None

    misses = {mode: first_missing(got) for mode, got in got_modes.items()}
    if all(m is not None for m in misses.values()):
        for mode, wi in misses.items():
            ctx = " ".join(want[max(0, wi - 5) : wi + 5])
            fail("%s mode: word %d %r missing or out of order (around: %s)" % (mode, wi, want[wi], ctx))
    modes_ok = [m for m, v in misses.items() if v is None]

    r = run(["qpdf", "--json", "--json-key=outlines", pdf])
    try:
        ol = outline_titles(json.loads(r.stdout.decode()).get("outlines", []), [])
    except ValueError:
        ol = None
        fail("qpdf --json outlines unreadable")
    if ol is not None and ol != headings:
        fail("outline %r != headings %r" % (ol, headings))

    # every link of the tree is a clickable URI annotation
    r = run(["qpdf", "--json=2", "--json-key=qpdf", pdf])
    uris = set()
    try:
        for v in json.loads(r.stdout.decode())["qpdf"][1].values():
            val = v.get("value") if isinstance(v, dict) else None
            if isinstance(val, dict) and val.get("/Subtype") == "/Link":
                uri = val.get("/A", {}).get("/URI", "")
                uris.add(uri[2:] if uri.startswith("u:") else uri)
    except (ValueError, KeyError, IndexError):
        fail("qpdf --json objects unreadable")
    for url in link_urls(tree, []):
        if url not in uris:
            fail("link %r has no URI annotation" % url)

    print("%s: %d pages, %d words in order (%s), %d headings, %d fonts"
          % (name, npages, len(want), ", ".join(modes_ok) or "none", len(headings), len(lines)))


if __name__ == "__main__":
    main()
    finish()
