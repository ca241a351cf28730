#!/usr/bin/env python3
"""What a reader of the book sees that epubcheck does not (issue 12 items
3, 6, 7, 8, 11): the language, one dc:creator per author, inline images,
heading levels without holes, remote images named as remote.

check_book.py OCTAVO SAMPLES WORK            the samples and small inputs
check_book.py OCTAVO SAMPLES WORK --corpus C  the corpus pages whose books
                                              failed Ace's heading-order
Exits 0 when all hold, 1 with one line per failure, 77 (skip) when the
corpus is asked for and absent.
"""
import os, re, subprocess, sys, zipfile
import xml.etree.ElementTree as ET

NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "x": "http://www.w3.org/1999/xhtml"}
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def convert(octavo, src, out, *extra):
    r = subprocess.run([octavo, src, "-o", out] + list(extra), capture_output=True, text=True,
                       timeout=120)
    if r.returncode != 0:
        fail("%s: octavo exited %d: %s" % (src, r.returncode, r.stderr.strip()))
    return r.stderr


def book(path):
    """(opf root, {name: xhtml root}) of an EPUB."""
    z = zipfile.ZipFile(path)
    opf = ET.fromstring(z.read("EPUB/content.opf"))
    docs = {n: ET.fromstring(z.read(n)) for n in z.namelist() if n.endswith(".xhtml")}
    return opf, docs, z.namelist()


def chapters(docs):
    return [docs[n] for n in sorted(docs) if re.match(r"EPUB/ch\d+\.xhtml$", n)]


def language(opf):
    el = opf.find("opf:metadata/dc:language", NS)
    return el.text if el is not None else None


def heading_levels(docs):
    return [int(el.tag[-1]) for d in chapters(docs) for el in d.iter()
            if re.fullmatch(r"\{%s\}h[1-6]" % NS["x"], el.tag)]


def check_heading_order(name, docs):
    """Ace's heading-order: a heading is at most one level below the one before."""
    lv = heading_levels(docs)
    for a, b in zip(lv, lv[1:]):
        if b > a + 1:
            fail("%s: heading levels jump from h%d to h%d (%s)" % (name, a, b, lv))
            return
    return lv


def samples(octavo, sdir, work):
    # 3: a language the source does not declare, from the text
    for src, want in (("teahouse-zh.html", "zh-Hans"), ("stadtbibliothek-de.txt", "de")):
        out = os.path.join(work, src + ".epub")
        err = convert(octavo, os.path.join(sdir, src), out)
        opf, docs, _ = book(out)
        if language(opf) != want:
            fail("%s: dc:language %r, want %r" % (src, language(opf), want))
        if "language not declared" in err:
            fail("%s: warned that the language is unknown: %s" % (src, err.strip()))
        for n, d in docs.items():
            lang = d.get("{http://www.w3.org/XML/1998/namespace}lang")
            if lang != want:
                fail("%s: %s has xml:lang %r, want %r" % (src, n, lang, want))
                break
    # ... and English with one warning when the text says nothing
    figures = os.path.join(work, "figures.txt")
    with open(figures, "w") as f:
        f.write("1984\n\n12 345, 678 + 90 = 13 113.\n")
    err = convert(octavo, figures, os.path.join(work, "figures.epub"))
    opf, _, _ = book(os.path.join(work, "figures.epub"))
    if language(opf) != "en" or err.count("assuming en; set it with -M lang=XX") != 1:
        fail("figures.txt: dc:language %r and warnings %r, want en and one warning"
             % (language(opf), err))
    err = convert(octavo, figures, os.path.join(work, "figures-fr.epub"), "-M", "lang=fr")
    if language(book(os.path.join(work, "figures-fr.epub"))[0]) != "fr" or "assuming" in err:
        fail("figures.txt -M lang=fr: the declared language does not win")

    # 6: two authors, two dc:creator with role aut, two title-page lines,
    # the PDF's /Author joined
    src = os.path.join(sdir, "ferry-timetable.txt")
    out = os.path.join(work, "ferry.epub")
    convert(octavo, src, out)
    opf, docs, _ = book(out)
    want = ["Marta Lindqvist", "Tom O\u2019Hara"]
    creators = opf.findall("opf:metadata/dc:creator", NS)
    if [c.text for c in creators] != want:
        fail("ferry-timetable: dc:creator %r, want %r" % ([c.text for c in creators], want))
    roles = {m.get("refines"): m.text for m in opf.findall("opf:metadata/opf:meta", NS)
             if m.get("property") == "role"}
    for c in creators:
        if roles.get("#" + (c.get("id") or "")) != "aut":
            fail("ferry-timetable: dc:creator %r has no role aut" % c.text)
    title = docs.get("EPUB/titlepage.xhtml")
    lines = [p.text for p in title.iter("{%s}p" % NS["x"]) if p.get("class") == "author"] \
        if title is not None else []
    if lines != want:
        fail("ferry-timetable: title page authors %r, want %r" % (lines, want))
    pdf = os.path.join(work, "ferry.pdf")
    convert(octavo, src, pdf)
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    if not re.search(r"^Author:\s+Marta Lindqvist, Tom O\u2019Hara$", info, re.M):
        fail("ferry-timetable: PDF info %r" % info)
    # subjects: one dc:subject each
    md = os.path.join(work, "subjects.md")
    with open(md, "w") as f:
        f.write("---\ntitle: Tags\nlang: en\nauthor: Ann Lee; Bo Li\nkeywords: rain, gauges\n---\n\n"
                "Some words.\n")
    convert(octavo, md, os.path.join(work, "subjects.epub"))
    opf = book(os.path.join(work, "subjects.epub"))[0]
    got = ([c.text for c in opf.findall("opf:metadata/dc:creator", NS)],
           [c.text for c in opf.findall("opf:metadata/dc:subject", NS)])
    if got != (["Ann Lee", "Bo Li"], ["rain", "gauges"]):
        fail("subjects.md: creators and subjects %r" % (got,))

    # 7: inline images inside the paragraph, with their alt; no warning for
    # the decorative one; the book still claims text suffices
    out = os.path.join(work, "solar.epub")
    err = convert(octavo, os.path.join(sdir, "solar-dial.md"), out)
    opf, docs, names = book(out)
    imgs = [(p, i) for d in chapters(docs) for p in d.iter("{%s}p" % NS["x"])
            for i in p.iter("{%s}img" % NS["x"])]
    alts = [i.get("alt") for _, i in imgs]
    if alts != ["sun symbol", ""]:
        fail("solar-dial: inline <img> alts %r, want ['sun symbol', '']" % alts)
    for _, i in imgs:
        if "EPUB/" + (i.get("src") or "") not in names:
            fail("solar-dial: inline image %r is not in the package" % i.get("src"))
    text = "".join("".join(p.itertext()) for p, _ in imgs)
    if "sun symbol" in text:
        fail("solar-dial: the alt text is still spliced into the sentence")
    if "alt text" in err:
        fail("solar-dial: warned about a decorative inline image: %s" % err.strip())
    suff = [m.text for m in opf.findall("opf:metadata/opf:meta", NS)
            if m.get("property") == "schema:accessModeSufficient"]
    if suff != ["textual"]:
        fail("solar-dial: accessModeSufficient %r" % suff)
    # ... and drawn in the PDF's lines (pdfimages), not replaced by their alt
    pdf = os.path.join(work, "solar.pdf")
    err = convert(octavo, os.path.join(sdir, "solar-dial.md"), pdf)
    lst = subprocess.run(["pdfimages", "-list", pdf], capture_output=True, text=True).stdout
    sizes = [l.split()[3:5] for l in lst.splitlines()[2:]]
    txt = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
    if sizes != [["24", "24"]] * 2 or "sun symbol" in txt or err:
        fail("solar-dial PDF: images %r, alt text set: %s, warnings %r"
             % (sizes, "sun symbol" in txt, err))
    # a block image without alt: one warning naming it, no "textual" claim
    md = os.path.join(work, "noalt.md")
    with open(md, "w") as f:
        f.write("---\nlang: en\n---\n# No alt\n\nA picture follows.\n\n![](%s)\n\nAgain:\n\n![](%s)\n"
                % ((os.path.join(os.path.abspath(sdir), "images/sun-icon.png"),) * 2))
    err = convert(octavo, md, os.path.join(work, "noalt.epub"), "--resource-path", "/")
    opf = book(os.path.join(work, "noalt.epub"))[0]
    suff = [m.text for m in opf.findall("opf:metadata/opf:meta", NS)
            if m.get("property") == "schema:accessModeSufficient"]
    if err.count("has no alt text") != 1 or "sun-icon.png" not in err or "textual" in suff:
        fail("noalt.md: warnings %r, accessModeSufficient %r" % (err, suff))

    # 8: heading levels without holes (h2 h4 h4 h2 h5 h3 in the source)
    out = os.path.join(work, "market.epub")
    convert(octavo, os.path.join(sdir, "night-market-levels.html"), out)
    lv = check_heading_order("night-market-levels", book(out)[1])
    if lv is not None and lv != [2, 3, 3, 2, 3, 3]:
        fail("night-market-levels: heading levels %r, want [2, 3, 3, 2, 3, 3]" % lv)

    # 11: a protocol-relative image is remote in Markdown too, in both writers
    md = os.path.join(work, "remote.md")
    with open(md, "w") as f:
        f.write("---\nlang: en\n---\n# Remote\n\nA mill.\n\n"
                "![A mill](//upload.wikimedia.org/wikipedia/commons/a/a1/Mill.png)\n")
    for ext in ("epub", "pdf"):
        err = convert(octavo, md, os.path.join(work, "remote." + ext))
        if "is remote and is not fetched" not in err or "No such file" in err or "missing" in err:
            fail("remote.md (%s): warnings %r" % (ext, err))


def corpus(octavo, cdir, work):
    # the corpus books whose chapters failed Ace's heading-order (issue 12
    # research, REPORT.md section 2)
    for name in ("citylab-1", "clean-links", "lwn-1", "mozilla-2"):
        src = os.path.join(cdir, "web-pages", name, "source.html")
        out = os.path.join(work, name + ".epub")
        convert(octavo, src, out, "-q")
        check_heading_order(name, book(out)[1])


def main():
    octavo, sdir, work = sys.argv[1:4]
    os.makedirs(work, exist_ok=True)
    if len(sys.argv) > 5 and sys.argv[4] == "--corpus":
        cdir = sys.argv[5]
        if not os.path.isdir(os.path.join(cdir, "web-pages")):
            print("SKIP: no corpus at %s" % cdir)
            return 77
        corpus(octavo, cdir, work)
    else:
        samples(octavo, sdir, work)
    print("%d failures" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
