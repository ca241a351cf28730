#!/usr/bin/env python3
"""Writes the tree of a document (octavo's JSON dump) in the little language
fuzz_tree.c reads, as a seed for the writers' fuzzers (fuzz_epub, fuzz_pdf).

usage: octavo SAMPLE -t json | tree_seeds.py > tests/fuzz/corpus/tree/NAME
"""
import json
import sys

BLOCK = {"paragraph": "P", "block_quote": "Q", "bullet_list": "L", "list_item": "I",
         "table": "T", "table_row": "R"}
INLINE = {"emphasis": "E", "strong": "S", "strikethrough": "X"}
META = ["title", "subtitle", "author", "date", "language", "description", "subject", "identifier"]
IMAGES = ["pic.png", "drawing.svg", "broken.svg", "missing.png"]


def q(s, quote='"'):
    """A string argument; the delimiter cannot occur inside it."""
    s = s or ""
    return quote + s.replace(quote, "\u201d" if quote == '"' else "'") + quote


def emit(n, out):
    t = n["type"]
    if t == "text":
        out.append(q(n["text"]))
    elif t == "code":
        out.append(q(n["text"], "`"))
    elif t == "line_break":
        out.append("/")
    elif t == "thematic_break":
        out.append("-")
    elif t == "code_block":
        out.append("B" + q(n.get("info")) + q(n.get("text")))
    elif t == "image":
        k = IMAGES.index(n["src"]) if n.get("src") in IMAGES else 3
        out.append("G%d%s%s" % (k, q(n.get("alt")), q(n.get("title"))))
    else:
        if t == "heading":
            out.append("H%d" % n["level"])
        elif t == "ordered_list":
            out.append("O%d" % n.get("start", 1))
        elif t == "table_cell":
            out.append("C" + ("h" if n.get("header") else "")
                       + {"left": "l", "right": "r", "center": "c"}.get(n.get("align"), ""))
        elif t == "link":
            out.append("A" + q(n.get("url")) + q(n.get("title")))
        elif t in BLOCK:
            out.append(BLOCK[t])
        elif t in INLINE:
            out.append(INLINE[t])
        for c in n.get("children", []):
            emit(c, out)
        out.append(")")
        if t in ("paragraph", "heading", "table_row", "list_item"):
            out.append("\n")


def main():
    doc = json.load(sys.stdin)
    out = []
    for i, k in enumerate(META):
        v = doc.get("meta", {}).get(k)
        if v:
            out.append("M%d%s\n" % (i, q(v)))
    for c in doc.get("children", []):
        emit(c, out)
    sys.stdout.write("".join(out))


if __name__ == "__main__":
    main()
