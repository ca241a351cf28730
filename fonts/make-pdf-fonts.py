#!/usr/bin/env python3
"""Writes fonts/pdf/*.ttf: the faces octavo embeds in PDFs, cut down from the
shipped Liberation 2.1 and DejaVu Sans files.

usage: fonts/make-pdf-fonts.py   (needs fontTools: Debian python3-fonttools)

A maintainer tool, never run by the build or the tests: the generated files
are committed.  Run it again only when the source fonts or the ranges below
change, look at the glyph sheet (tests/pdf/glyphs.md) and commit the output.

Why: libharu 2.3.0 subsets only the glyf table.  It copies loca and hmtx for
every glyph, post with every glyph name, cmap, the hinting tables and name
whole into each embedded font, byte by byte, and then deflates all of it, so
a document paid for ~60 KB of font per face although it draws ~60 glyphs.
These files keep the characters articles use, drop the glyph names (post
format 3) and every table libharu does not read, so each embedded font is a
fraction of that.  Advance widths are unchanged, so layout is unchanged.

What is kept:
  - the 13 tables libharu 2.3.0 embeds: OS/2 cmap cvt fpgm glyf head hhea
    hmtx loca maxp name post prep.  Probed on Debian 12: it refuses a font
    without OS/2 or name (and the glyph tables it parses), but writes an
    empty table for a missing cvt, fpgm, prep or post.  Hinting (cvt, fpgm,
    prep and the glyph programs) is left out: outlines and advance widths
    are unchanged, PDFs render the same (checked pixel for pixel at 70 dpi),
    and it saves ~16 KB and ~10 M instructions per three-face PDF, at the
    price of zero-length cvt and fpgm tables in every embedded font (prep
    keeps one no-op byte: see below).
  - Liberation: the character ranges in RANGES (and MONO_RANGES for the
    monospaced face) that the face has.  Anything else falls back to the
    DejaVu-derived face, as before.
  - DejaVu Sans (the fallback): every character of the Basic Multilingual
    Plane it maps (libharu cannot set anything above U+FFFF); glyphs reached
    only through OpenType substitution go, octavo does not shape text.

Nested composite glyphs (a composite made of composites, 659 of them in
DejaVu Sans: Ǖ ự ẫ ...) are flattened to one level, because libharu 2.3.0
follows only one level of components when it subsets and drew those
characters with parts missing (doc/ARCHITECTURE.md §8).

Licences forbid the original names on modified fonts: the SIL OFL 1.1
Reserved Font Names "Liberation", "Arimo", "Tinos" and "Cousine", and the
Bitstream Vera / Arev licences ("Bitstream", "Vera", "Arev", "Tavmjong
Bah").  So the families are renamed Octavo Serif / Sans / Mono / Fallback;
copyright and licence name records are kept.  fonts/README.md says what
they derive from.
"""
import copy
import os
import sys

from fontTools import subset
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable
from fontTools.ttLib.tables import ttProgram

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "pdf")

# Character blocks articles use.  Ranges a face lacks cost nothing; each
# glyph kept costs every PDF that embeds the face ~8 bytes of loca and hmtx
# (~2 KB per face for a 250-character block), so rarer blocks (IPA, Hebrew,
# Misc Symbols) are left to the fallback face, which has them.
RANGES = [
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x0100, 0x017F),  # Latin Extended-A
    (0x0180, 0x024F),  # Latin Extended-B
    (0x02B0, 0x02FF),  # Spacing Modifier Letters (ʼ ˈ ˚: transliterations)
    (0x0300, 0x036F),  # Combining Diacritical Marks (decomposed accents)
    (0x0370, 0x03FF),  # Greek and Coptic
    (0x0400, 0x04FF),  # Cyrillic
    (0x0500, 0x052F),  # Cyrillic Supplement
    (0x1E00, 0x1EFF),  # Latin Extended Additional (Vietnamese, ...)
    (0x1F00, 0x1FFF),  # Greek Extended: polytonic words stay in the body face
    (0x2000, 0x206F),  # General Punctuation
    (0x2070, 0x209F),  # Superscripts and Subscripts
    (0x20A0, 0x20CF),  # Currency Symbols
    (0x2100, 0x214F),  # Letterlike Symbols
    (0x2150, 0x218F),  # Number Forms
    (0x2190, 0x21FF),  # Arrows
    (0x2200, 0x22FF),  # Mathematical Operators
    (0x25A0, 0x25FF),  # Geometric Shapes
    (0xFB00, 0xFB06),  # Latin ligatures (fi, fl, ... as code points)
    (0xFFFD, 0xFFFD),  # replacement character
]

# Code blocks only: `tree` and table output.
MONO_RANGES = [(0x2500, 0x259F)]  # Box Drawing, Block Elements

# libharu 2.3.0's REQUIRED_TAGS: the only tables it embeds (see above).
LIBHARU_TABLES = {"OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea", "hmtx",
                  "loca", "maxp", "name", "post", "prep"}

# TrueType hinting, which libharu 2.3.0 accepts missing (it embeds the
# tables empty).  PDF viewers and printers render these faces at sizes where
# hinting changes nothing visible, and leaving it out makes each embedded
# font ~40% smaller and each PDF ~20% cheaper to write.
HINTING_TABLES = {"cvt ", "fpgm", "prep"}

# (source, output, family, subfamily, PostScript name, forbidden words)
# Reserved Font Names of the Liberation OFL: Liberation (Red Hat) and the
# Google originals Arimo, Tinos, Cousine.
LIBERATION_WORDS = ("Liberation", "Arimo", "Tinos", "Cousine")
DEJAVU_WORDS = ("DejaVu", "Bitstream", "Vera", "Arev", "Tavmjong")
FACES = [
    ("LiberationSerif-Regular.ttf", "OctavoSerif-Regular.ttf", "Octavo Serif", "Regular",
     "OctavoSerif-Regular", LIBERATION_WORDS),
    ("LiberationSerif-Italic.ttf", "OctavoSerif-Italic.ttf", "Octavo Serif", "Italic",
     "OctavoSerif-Italic", LIBERATION_WORDS),
    ("LiberationSerif-Bold.ttf", "OctavoSerif-Bold.ttf", "Octavo Serif", "Bold",
     "OctavoSerif-Bold", LIBERATION_WORDS),
    ("LiberationSerif-BoldItalic.ttf", "OctavoSerif-BoldItalic.ttf", "Octavo Serif",
     "Bold Italic", "OctavoSerif-BoldItalic", LIBERATION_WORDS),
    ("LiberationSans-Regular.ttf", "OctavoSans-Regular.ttf", "Octavo Sans", "Regular",
     "OctavoSans-Regular", LIBERATION_WORDS),
    ("LiberationSans-Bold.ttf", "OctavoSans-Bold.ttf", "Octavo Sans", "Bold",
     "OctavoSans-Bold", LIBERATION_WORDS),
    ("LiberationMono-Regular.ttf", "OctavoMono-Regular.ttf", "Octavo Mono", "Regular",
     "OctavoMono-Regular", LIBERATION_WORDS),
    ("LiberationMono-Bold.ttf", "OctavoMono-Bold.ttf", "Octavo Mono", "Bold",
     "OctavoMono-Bold", LIBERATION_WORDS),
    ("DejaVuSans.ttf", "OctavoFallback.ttf", "Octavo Fallback", "Regular",
     "OctavoFallback", DEJAVU_WORDS),
]


def wanted(cmap, fallback, mono, fallback_has):
    if fallback:
        # All of it, even what every other face has: the writer also sets
        # spaces next to a fallback character in the fallback face.
        return sorted(cp for cp in cmap if cp <= 0xFFFF)
    # Beyond the ranges, whatever the fallback cannot set (Hebrew accents,
    # Latin Extended-D, phonetic extensions...): nothing the original face
    # drew may become a missing character.
    ranges = RANGES + (MONO_RANGES if mono else [])
    return sorted(cp for cp in cmap if cp <= 0xFFFF and (
        cp not in fallback_has or any(lo <= cp <= hi for lo, hi in ranges)))


def flatten_nested_composites(font):
    """Rewrites every composite that has a composite component so that all
    its components are simple glyphs (libharu marks only one level).
    Returns how many were flattened and how many had to be outlined."""
    glyf = font["glyf"]
    order = font.getGlyphOrder()
    gset = font.getGlyphSet()
    hmtx = font["hmtx"]
    done = set()
    count = {"flattened": 0, "outlined": 0}

    def flatten(name):
        if name in done:
            return
        done.add(name)
        g = glyf[name]
        if not g.isComposite():
            return
        for c in g.components:
            flatten(c.glyphName)
        if not any(glyf[c.glyphName].isComposite() for c in g.components):
            return
        flat = []
        for c in g.components:
            sub = glyf[c.glyphName]
            if not sub.isComposite():
                flat.append(c)
                continue
            # A shifted component: its own components, shifted the same way.
            # A scaled or point-anchored one cannot be expressed this way.
            if hasattr(c, "transform") or not hasattr(c, "x"):
                flat = None
                break
            for d in sub.components:
                # 0x0800 SCALED_COMPONENT_OFFSET: d's offset goes through its
                # transform, c's would not.
                if not hasattr(d, "x") or (hasattr(d, "transform") and d.flags & 0x0800):
                    flat = None
                    break
                e = copy.copy(d)
                e.x = d.x + c.x
                e.y = d.y + c.y
                e.flags = d.flags & ~0x0200  # USE_MY_METRICS belongs to the old parent
                flat.append(e)
            if flat is None:
                break
        if flat is not None:
            g.components = flat
            count["flattened"] += 1
            return
        # Fallback: outline it (loses this glyph's hinting program only).
        rec = DecomposingRecordingPen(gset)
        gset[name].draw(rec)
        pen = TTGlyphPen(None)
        rec.replay(pen)
        old_pp1 = g.xMin - hmtx[name][1]
        glyf[name] = pen.glyph()
        glyf[name].recalcBounds(glyf)
        hmtx[name] = (hmtx[name][0], glyf[name].xMin - old_pp1)
        count["outlined"] += 1

    for name in order:
        flatten(name)
    return count


def rename(font, family, style, psname, forbidden, version_note):
    name = font["name"]
    full = family if style == "Regular" else "%s %s" % (family, style)
    # Families with more than Regular/Italic/Bold/Bold Italic would need the
    # typographic names (16, 17); these do not.
    name.names = [n for n in name.names if n.nameID not in (16, 17, 18, 21, 22)]
    version = name.getDebugName(5) or ""
    records = {
        1: family,
        2: style,
        3: "%s: %s" % (psname, version_note),
        4: full,
        5: "%s; %s" % (version, version_note),
        6: psname,
    }
    for n in list(name.names):
        if n.nameID in records:
            name.removeNames(nameID=n.nameID)
    for nid, text in records.items():
        name.setName(text, nid, 3, 1, 0x409)
    for n in name.names:
        text = n.toUnicode()
        if n.nameID in (0, 13, 14):
            continue  # copyright and licence text must stay as written
        for w in forbidden:
            if w.lower() in text.lower():
                sys.exit("name record %d still says %r: %s" % (n.nameID, w, text))


def build(src_name, out_name, family, style, psname, forbidden, fallback_has):
    src_path = os.path.join(HERE, src_name)
    src = TTFont(src_path, recalcTimestamp=False)
    fallback = family.endswith("Fallback")
    cps = wanted(src.getBestCmap(), fallback, family.endswith("Mono"), fallback_has)

    opt = subset.Options()
    opt.layout_features = []  # octavo neither kerns nor shapes
    opt.glyph_names = False  # post format 3
    opt.legacy_kern = False
    opt.hinting = False
    opt.notdef_outline = True  # libharu draws .notdef for a missing glyph
    opt.recalc_timestamp = False
    opt.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    opt.name_languages = [0x409]
    opt.name_legacy = False  # libharu reads the Windows records
    opt.drop_tables += ["GDEF", "GPOS", "GSUB", "kern", "MATH", "FFTM", "gasp", "hdmx",
                        "LTSH", "VDMX", "DSIG", "BASE", "JSTF", "meta"]
    # Glyph bounding boxes stay as stored: FreeType places a TrueType outline
    # by (xMin - left side bearing) from the glyph header, and a few of
    # Liberation's headers are a unit off the outline, so recomputing them
    # would move those glyphs.  maxp is recomputed below instead.
    font = TTFont(src_path, recalcTimestamp=False, recalcBBoxes=False)
    sub = subset.Subsetter(opt)
    sub.populate(unicodes=cps)
    sub.subset(font)

    for tag in list(font.keys()):
        if tag != "GlyphOrder" and tag not in LIBHARU_TABLES:
            del font[tag]
    missing = LIBHARU_TABLES - set(k for k in font.keys() if k != "GlyphOrder")
    if not opt.hinting:
        missing -= HINTING_TABLES  # libharu writes them empty
    if missing:
        sys.exit("%s: lost tables libharu needs: %s" % (src_name, sorted(missing)))
    # libharu reads the 3/1 format 4 cmap first; keep only that one, it is
    # what FreeType picks too.
    font["cmap"].tables = [t for t in font["cmap"].tables
                           if (t.platformID, t.platEncID, t.format) == (3, 1, 4)]
    if not font["cmap"].tables:
        sys.exit("%s: no Windows Unicode BMP cmap" % src_name)

    if not opt.hinting:
        # A one-byte prep program (SVTCA[y], a no-op), not none: libharu
        # 2.3.0 embeds prep last, and when it is empty its checksum pass seeks
        # to the very end of its memory stream, which fails whenever the
        # subset is an exact multiple of the stream's 4096-byte buffer -- the
        # whole PDF then fails (tests/fuzz/corpus/tree/pdf-font-subset-4096).
        prep = newTable("prep")
        prep.program = ttProgram.Program()
        prep.program.fromBytecode(b"\x00")
        font["prep"] = prep

    flat = flatten_nested_composites(font)
    rename(font, family, style, psname, forbidden, "octavo PDF subset (fonts/make-pdf-fonts.py)")

    font["maxp"].recalc(font)  # component counts changed by the flattening

    os.makedirs(OUT, exist_ok=True)
    out_path = os.path.join(OUT, out_name)
    font.save(out_path)

    check(src, out_path, cps)
    return out_path, cps, font["maxp"].numGlyphs, flat


def check(src, out_path, cps):
    """The written file must map the same characters to glyphs of the same
    advance width and the same outline, carry no nested composite and no
    glyph names."""
    out = TTFont(out_path)
    scmap, ocmap = src.getBestCmap(), out.getBestCmap()
    smtx, omtx = src["hmtx"], out["hmtx"]
    sset, oset = src.getGlyphSet(), out.getGlyphSet()
    if sorted(ocmap) != cps:
        sys.exit("%s: character set differs from the one asked for" % out_path)
    for cp in cps:
        if smtx[scmap[cp]][0] != omtx[ocmap[cp]][0]:
            sys.exit("%s: U+%04X advance %d != %d" % (out_path, cp, omtx[ocmap[cp]][0],
                                                    smtx[scmap[cp]][0]))
        a, b = DecomposingRecordingPen(sset), DecomposingRecordingPen(oset)
        sset[scmap[cp]].draw(a)
        oset[ocmap[cp]].draw(b)
        if a.value != b.value:
            sys.exit("%s: U+%04X outline changed" % (out_path, cp))
    if src["head"].unitsPerEm != out["head"].unitsPerEm:
        sys.exit("%s: unitsPerEm changed" % out_path)
    glyf = out["glyf"]
    for name in out.getGlyphOrder():
        g = glyf[name]
        if g.isComposite() and any(glyf[c.glyphName].isComposite() for c in g.components):
            sys.exit("%s: %s is still a nested composite" % (out_path, name))
    if out["post"].formatType != 3.0:
        sys.exit("%s: post table still has glyph names" % out_path)
    if out["OS/2"].fsType & 0x030E:
        sys.exit("%s: embedding restricted" % out_path)


def main():
    fallback_has = set()
    for face in reversed(FACES):  # the fallback first
        path, cps, nglyphs, flat = build(*face, fallback_has)
        if face[2].endswith("Fallback"):
            fallback_has = set(cps)
        else:
            lost = [cp for cp in TTFont(os.path.join(HERE, face[0])).getBestCmap()
                    if cp <= 0xFFFF and cp not in cps and cp not in fallback_has]
            if lost:
                sys.exit("%s: U+%04X would be set by no face" % (path, lost[0]))
        print("%-30s %5d characters %5d glyphs %7d bytes; nested composites: %d flattened, "
              "%d outlined" % (os.path.relpath(path, HERE), len(cps), nglyphs,
                               os.path.getsize(path), flat["flattened"], flat["outlined"]))


if __name__ == "__main__":
    main()
