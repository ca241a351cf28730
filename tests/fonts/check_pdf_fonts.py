#!/usr/bin/env python3
"""Checks the cut-down PDF faces (fonts/pdf/) and that PDFs embed them small.

usage: check_pdf_fonts.py DATA_DIR [OCTAVO SAMPLE WORKDIR]

Standard library only (fontTools, which makes the files, is no test
dependency).  For every DATA_DIR/fonts/pdf/*.ttf:
  - exactly the 13 tables libharu 2.3.0 embeds, nothing more;
  - post format 3 (no glyph names), embedding allowed (OS/2 fsType);
  - the Windows family/full/PostScript names carry no Reserved Font Name of
    the originals' licences, and the PostScript name is the file's name.
With OCTAVO: converts SAMPLE (a short article) to a PDF and asserts every
embedded font is an Octavo face under MAX_FONT_BYTES uncompressed (the full
Liberation faces embedded as 60-70 KB each).
Exit 0 when all hold; otherwise prints each failure and exits 1.
"""
import glob
import os
import re
import struct
import subprocess
import sys

# libharu's required tables less cvt and fpgm, which libharu accepts missing
# and the generator leaves out; prep stays as a one-byte no-op, because an
# empty last table made libharu fail on subsets of 4096*n bytes.
LIBHARU_TABLES = {b"OS/2", b"cmap", b"glyf", b"head", b"hhea", b"hmtx", b"loca", b"maxp",
                  b"name", b"post", b"prep"}
RESERVED = ("liberation", "arimo", "tinos", "cousine", "dejavu", "bitstream", "vera", "arev",
            "tavmjong")
MAX_FONT_BYTES = 30000

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def tables(data):
    num = struct.unpack(">H", data[4:6])[0]
    out = {}
    for i in range(num):
        tag, _, off, length = struct.unpack(">4sIII", data[12 + 16 * i:28 + 16 * i])
        out[tag] = data[off:off + length]
    return out


def names(name):
    _, count, strings = struct.unpack(">HHH", name[:6])
    out = {}
    for i in range(count):
        pid, eid, lang, nid, length, off = struct.unpack(">6H", name[6 + 12 * i:18 + 12 * i])
        if (pid, eid, lang) == (3, 1, 0x409):
            out[nid] = name[strings + off:strings + off + length].decode("utf-16-be")
    return out


def check_file(path):
    base = os.path.basename(path)
    with open(path, "rb") as f:
        t = tables(f.read())
    if set(t) != LIBHARU_TABLES:
        fail("%s: tables %s, want exactly %s" % (base, sorted(t), sorted(LIBHARU_TABLES)))
        return
    if t[b"post"][:4] != b"\x00\x03\x00\x00":
        fail("%s: post table is not format 3 (glyph names kept)" % base)
    if struct.unpack(">H", t[b"OS/2"][8:10])[0] & 0x030E:
        fail("%s: OS/2 fsType restricts embedding" % base)
    n = names(t[b"name"])
    for nid in (1, 4, 6):
        if nid not in n:
            fail("%s: no Windows name record %d" % (base, nid))
        elif any(w in n[nid].lower() for w in RESERVED):
            fail("%s: name %d %r uses a reserved name" % (base, nid, n[nid]))
    if n.get(6) != os.path.splitext(base)[0]:
        fail("%s: PostScript name %r is not the file's name" % (base, n.get(6)))


def check_pdf(octavo, sample, work):
    os.makedirs(work, exist_ok=True)
    pdf = os.path.join(work, "fonts-check.pdf")
    qdf = os.path.join(work, "fonts-check.qdf.pdf")
    r = subprocess.run([octavo, "-q", sample, "-o", pdf], capture_output=True)
    if r.returncode != 0:
        fail("octavo exited %d: %s" % (r.returncode, r.stderr.decode(errors="replace")))
        return
    r = subprocess.run(["pdffonts", pdf], capture_output=True)
    fonts = [ln.split()[0] for ln in r.stdout.decode().splitlines()[2:] if ln.strip()]
    if not fonts:
        fail("pdffonts lists no fonts")
    for name in fonts:
        if not re.match(r"^[A-Z]{6}\+Octavo", name):
            fail("embedded font %s is not a fonts/pdf face" % name)
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, qdf], check=True)
    with open(qdf, "rb") as f:
        sizes = [int(m) for m in re.findall(rb"/Length1 (\d+)", f.read())]
    if len(sizes) != len(fonts):
        fail("%d font files for %d fonts" % (len(sizes), len(fonts)))
    for s in sizes:
        if s > MAX_FONT_BYTES:
            fail("an embedded font file is %d bytes, over %d" % (s, MAX_FONT_BYTES))
    print("%d fonts embedded, %s bytes uncompressed" % (len(sizes), sizes))


def main():
    data = sys.argv[1]
    files = sorted(glob.glob(os.path.join(data, "fonts", "pdf", "*.ttf")))
    if len(files) != 9:
        fail("%d files in fonts/pdf, want the 9 faces" % len(files))
    for path in files:
        check_file(path)
    if len(sys.argv) > 2:
        check_pdf(*sys.argv[2:5])


if __name__ == "__main__":
    main()
    sys.exit(1 if failures else 0)
