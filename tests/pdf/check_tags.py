#!/usr/bin/env python3
"""Checks that one sample's PDF is tagged, with real readers (poppler, qpdf).

usage: check_tags.py OCTAVO SAMPLE WORKDIR

Writes `octavo SAMPLE -o WORKDIR/NAME.tags.pdf` and `octavo SAMPLE -t json`,
then asserts:
  - `pdfinfo` says Tagged: yes, and `qpdf --check` is clean;
  - the structure's text (`pdfinfo -struct-text`) gives every word of the
    tree, in order, and nothing else: running heads, page numbers and
    repeated table headers are artifacts, list labels sit in Lbl and image
    alt text in Figure;
  - the roles: one H<n> per heading with its text (and an H1 for the
    title), one L per list and LI per item with its Lbl and LBody, one
    BlockQuote per quote, one Table per table with its rows, one Figure
    with the image's alt text as /Alt per image, one Link per link holding
    its annotation, which has /Contents, /StructParent and the print flag;
  - the catalog has /Lang, /MarkInfo <</Marked true>>, DisplayDocTitle and
    a parent tree.
Exit 0 when all hold; otherwise prints each failure and exits 1.
"""
import json
import os
import re
import sys
from pdfcheck import fail, finish, plain, run


def words(text):
    # a word hyphenated at a line's end comes out as "hy-" and "phen" (poppler
    # reads no /ActualText in the structure); a word's own hyphen folds alike
    text = re.sub(r"(\w)[-\u2010]\s*(\w)", r"\1\2", text)
    return re.findall(r"\w+", text.lower())


def tree_facts(node, f):
    t = node.get("type")
    f.setdefault(t, []).append(node)
    if t == "image":
        return
    if t == "inline_image":
        # a Figure when it has alt text; a decorative one is an artifact
        if node.get("alt"):
            f.setdefault("image", []).append(node)
        return
    if t in ("text", "code", "code_block") and node.get("text"):
        f["words"].append(node["text"])
    for c in node.get("children", []):
        tree_facts(c, f)


def struct_text(pdf):
    """pdfinfo -struct-text as (depth, role) elements, each with its texts."""
    r = run(["pdfinfo", "-struct-text", pdf])
    if r.returncode != 0 or r.stderr:
        fail("pdfinfo -struct-text: " + r.stderr.decode(errors="replace").strip())
    elems = []
    chunks = []  # (owner, text) in the order poppler gives them
    for line in r.stdout.decode().splitlines():
        depth = (len(line) - len(line.lstrip(" "))) // 2
        s = line.strip()
        if not s:
            continue
        if s.startswith('"') and s.endswith('"') and elems:
            # a text belongs to the element one level up from it, which is
            # not the last one listed when a child (an inline Figure) came
            # between
            owner = next((e for e in reversed(elems) if e["depth"] < depth), elems[-1])
            owner["text"].append(s[1:-1])
            chunks.append((owner, s[1:-1]))
        else:
            elems.append({"depth": depth, "role": s.split()[0], "text": []})
    # each element's ancestors' roles, to leave labels and alt text out
    stack = []
    for e in elems:
        while stack and stack[-1]["depth"] >= e["depth"]:
            stack.pop()
        e["inside"] = {a["role"] for a in stack}
        stack.append(e)
    return elems, chunks


def objects(pdf):
    r = run(["qpdf", "--json=2", "--json-key=qpdf", pdf])
    try:
        return {k: v.get("value") for k, v in json.loads(r.stdout.decode())["qpdf"][1].items()
                if isinstance(v, dict)}
    except (ValueError, KeyError, IndexError):
        fail("qpdf --json objects unreadable")
        return {}


def text_of(s):
    return s[2:] if isinstance(s, str) and s.startswith("u:") else s


def main():
    octavo, sample, work = sys.argv[1:4]
    os.makedirs(work, exist_ok=True)
    name = os.path.splitext(os.path.basename(sample))[0]
    pdf = os.path.join(work, name + ".tags.pdf")
    r = run([octavo, "-q", sample, "-o", pdf])
    if r.returncode != 0:
        fail("octavo exited %d: %s" % (r.returncode, r.stderr.decode(errors="replace")))
        return
    r = run([octavo, "-q", sample, "-t", "json"])
    if r.returncode != 0:
        fail("octavo -t json exited %d" % r.returncode)
        return
    tree = json.loads(r.stdout.decode())

    r = run(["qpdf", "--check", pdf])
    out = r.stdout.decode(errors="replace") + r.stderr.decode(errors="replace")
    if r.returncode != 0 or "WARNING" in out or "No syntax or stream encoding errors" not in out:
        fail("qpdf --check: " + out.strip())
    r = run(["pdfinfo", pdf])
    if not re.search(r"^Tagged:\s+yes$", r.stdout.decode(), re.M):
        fail("pdfinfo does not say Tagged: yes")

    f = {"words": []}
    meta = tree.get("meta", {})
    for k in ("title", "subtitle", "author", "date"):
        if meta.get(k):
            f["words"].append(meta[k])
    tree_facts(tree, f)
    want = words("\n".join(f["words"]))

    elems, chunks = struct_text(pdf)
    # texts that follow each other in one element join as they are (an
    # element's marked content ends where the next starts); elements are
    # separate words
    joined, prev = [], None
    for owner, text in chunks:
        if {"Lbl", "Figure"} & (owner["inside"] | {owner["role"]}):
            continue
        joined.append(text if owner is prev else " " + text)
        prev = owner
    got = words("".join(joined))
    if got != want:
        i = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
        fail("structure text differs from the tree at word %d: got %r, want %r"
             % (i, " ".join(got[max(0, i - 4):i + 4]), " ".join(want[max(0, i - 4):i + 4])))

    roles = {}
    for e in elems:
        roles.setdefault(e["role"], []).append(e)
    if not elems or elems[0]["role"] != "Document":
        fail("the structure does not start with Document")
    heads = [(e["role"], re.sub(r"\s+", " ", "".join(e["text"])).strip())
             for e in elems if re.fullmatch(r"H[1-6]", e["role"])]
    want_heads = ([("H1", re.sub(r"\s+", " ", meta["title"]).strip())] if meta.get("title") else [])
    want_heads += [("H%d" % min(max(h.get("level", 1), 1), 6), plain(h)) for h in f.get("heading", [])]
    if heads != want_heads:
        fail("headings %r, want %r" % (heads, want_heads))

    def count(role):
        return len(roles.get(role, []))

    nlists = len(f.get("bullet_list", [])) + len(f.get("ordered_list", []))
    nitems = len(f.get("list_item", []))
    for role, n in (("L", nlists), ("LI", nitems), ("Lbl", nitems), ("LBody", nitems),
                    ("BlockQuote", len(f.get("block_quote", []))), ("Table", len(f.get("table", []))),
                    ("TR", len(f.get("table_row", []))), ("Figure", len(f.get("image", []))),
                    ("Link", len([l for l in f.get("link", []) if l.get("url")]))):
        if count(role) != n:
            fail("%d %s elements, want %d" % (count(role), role, n))
    if count("TH") + count("TD") > len(f.get("table_cell", [])):
        fail("more cells than the tree has")
    if count("Code") < len(f.get("code_block", [])):
        fail("%d Code elements for %d code blocks" % (count("Code"), len(f.get("code_block", []))))

    objs = objects(pdf)
    cat = next((v for v in objs.values() if isinstance(v, dict) and v.get("/Type") == "/Catalog"), {})
    if not text_of(cat.get("/Lang")):
        fail("no /Lang on the catalog")
    if cat.get("/MarkInfo", {}).get("/Marked") is not True:
        fail("no /MarkInfo <</Marked true>>")
    if cat.get("/ViewerPreferences", {}).get("/DisplayDocTitle") is not True:
        fail("no DisplayDocTitle")
    root = objs.get("obj:" + cat.get("/StructTreeRoot", ""), {})
    if not isinstance(root, dict) or "/ParentTree" not in root:
        fail("no structure tree root with a parent tree")
    alts = sorted(text_of(v.get("/Alt")) or "" for v in objs.values()
                  if isinstance(v, dict) and v.get("/S") == "/Figure")
    want_alts = sorted(i.get("alt") or i.get("src") or "" for i in f.get("image", []))
    if alts != want_alts:
        fail("figures' /Alt %r, want %r" % (alts, want_alts))
    for k, v in objs.items():
        if not isinstance(v, dict):
            continue
        if v.get("/Subtype") == "/Link":
            if not text_of(v.get("/Contents")) or "/StructParent" not in v or v.get("/F") != 4:
                fail("link annotation %s lacks /Contents, /StructParent or /F 4" % k)
        if v.get("/S") == "/Link":
            kids = v.get("/K") if isinstance(v.get("/K"), list) else [v.get("/K")]
            if not any(isinstance(x, dict) and x.get("/Type") == "/OBJR" for x in kids):
                fail("Link element %s holds no annotation" % k)

    print("%s: %d words in the structure, %d headings, %d elements"
          % (name, len(got), len(heads), len(elems)))


if __name__ == "__main__":
    main()
    finish()
