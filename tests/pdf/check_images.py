#!/usr/bin/env python3
"""Images in the PDF: a 16-bit RGB PNG (libharu 2.3.0 writes those corrupt
unless converted), an 8-bit RGBA PNG (transparency onto white), a JPEG when
one can be made, and a missing image (alt text plus a warning).

usage: check_images.py OCTAVO WORKDIR

Writes the PNGs with zlib (no imaging library needed), converts a document
that places them, then checks with real tools: qpdf --check clean,
pdfimages lists them as 8 bits per component, pdftoppm renders each one
with the right colour where it was placed, pdftotext shows the missing
image's alt text, and octavo warned about it by name.
"""
import os
import struct
import subprocess
import sys
import zlib
from pdfcheck import fail, finish


def png(path, width, height, bit_depth, color_type, pixel):
    """pixel(x, y) -> bytes of one pixel in the file's format."""
    raw = b"".join(b"\x00" + b"".join(pixel(x, y) for x in range(width)) for y in range(height))

    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, 0)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def main():
    octavo, work = sys.argv[1:3]
    os.makedirs(work, exist_ok=True)
    # 16-bit RGB, pure red (0xFFFF, 0x0000, 0x0000) with a slight blue ramp
    png(os.path.join(work, "red16.png"), 120, 60, 16, 2, lambda x, y: struct.pack(">HHH", 0xFFFF, 0, x * 200))
    # 8-bit RGBA: opaque green on the left half, fully transparent on the right
    png(os.path.join(work, "green-alpha.png"), 120, 60, 8, 6,
        lambda x, y: bytes([0, 160, 0, 255 if x < 60 else 0]))
    # a JPEG that is only a header, and a PNG too large to decode safely
    with open(os.path.join(work, "broken.jpg"), "wb") as f:
        f.write(b"\xff\xd8\xff\xe0garbage")
    with open(os.path.join(work, "huge.png"), "wb") as f:
        ihdr = struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0)
        crc = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
        f.write(b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + ihdr + crc)
    doc = os.path.join(work, "images.md")
    with open(doc, "w") as f:
        f.write("# Images\n\nA 16-bit PNG:\n\n![a red block](red16.png)\n\n"
                "An RGBA PNG:\n\n![a green block](green-alpha.png)\n\n"
                "And one that is not there:\n\n![the lost lighthouse](nowhere.png)\n\n"
                "![a broken photo](broken.jpg)\n\n![an enormous map](huge.png)\n\nThe end.\n")
    pdf = os.path.join(work, "images.pdf")
    r = subprocess.run([octavo, doc, "-o", pdf], capture_output=True)
    err = r.stderr.decode(errors="replace")
    if r.returncode != 0:
        fail("octavo exited %d: %s" % (r.returncode, err))
        return
    for bad in ("nowhere.png", "broken.jpg", "huge.png"):
        if bad not in err:
            fail("no warning about the unusable image %s: %r" % (bad, err))
    if "red16.png" in err or "green-alpha.png" in err:
        fail("warned about an image that exists: %r" % err)

    r = subprocess.run(["qpdf", "--check", pdf], capture_output=True)
    if r.returncode != 0 or b"WARNING" in r.stdout + r.stderr:
        fail("qpdf --check: " + (r.stdout + r.stderr).decode(errors="replace"))

    r = subprocess.run(["pdfimages", "-list", pdf], capture_output=True)
    if r.stderr:
        fail("pdfimages stderr: " + r.stderr.decode(errors="replace"))
    rows = [l.split() for l in r.stdout.decode().splitlines()[2:] if l.strip()]
    if len(rows) != 2:
        fail("expected 2 images, pdfimages lists %d" % len(rows))
    for row in rows:
        # page num type width height color comp bpc ...
        if row[3:5] != ["120", "60"] or row[7] != "8":
            fail("image not 120x60 at 8 bpc: " + " ".join(row))

    r = subprocess.run(["pdftotext", pdf, "-"], capture_output=True)
    for alt in (b"the lost lighthouse", b"a broken photo", b"an enormous map"):
        if alt not in r.stdout:
            fail("alt text %r of an unusable image not in the text" % alt)
    if r.stderr:
        fail("pdftotext stderr: " + r.stderr.decode(errors="replace"))

    # Render page 1 and find the two images by colour: a red one, and a green
    # half next to a white half (transparency composited onto the paper).
    r = subprocess.run(["pdftoppm", "-r", "36", "-f", "1", "-l", "1", "-singlefile", pdf], capture_output=True)
    data = r.stdout
    # PPM P6: header "P6\nW H\n255\n"
    parts = data.split(b"\n", 3)
    w, h = map(int, parts[1].split())
    pix = parts[3]

    def at(x, y):
        i = (y * w + x) * 3
        return pix[i], pix[i + 1], pix[i + 2]

    red = sum(1 for y in range(h) for x in range(w) if (lambda p: p[0] > 200 and p[1] < 60 and p[2] < 120)(at(x, y)))
    green = sum(1 for y in range(h) for x in range(w) if (lambda p: p[1] > 120 and p[0] < 60 and p[2] < 60)(at(x, y)))
    if red < 200:
        fail("the 16-bit PNG does not render red (%d red pixels)" % red)
    if green < 100:
        fail("the RGBA PNG does not render green (%d green pixels)" % green)
    if red and green and red < 1.5 * green:
        fail("the transparent half of the RGBA PNG is not white (green %d vs red %d pixels)" % (green, red))
    print("images: %d placed, red px %d, green px %d" % (len(rows), red, green))


if __name__ == "__main__":
    main()
    finish()
