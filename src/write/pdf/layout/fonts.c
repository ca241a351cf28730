/* The shipped faces, opened with FreeType for coverage and advance widths.
 * libharu's own HPDF_Font_GetUnicodeWidth invents a width for a glyph the
 * face lacks, so layout measures from the fonts' hmtx through FreeType and
 * checks the cmap before choosing a face. */
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_ADVANCES_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "write/pdf/layout/fonts.h"
#include "write/pdf/pdf.h"

/* Under fonts/: the PDF cuts of the shipped faces (fonts/make-pdf-fonts.py,
 * fonts/README.md).  libharu 2.3.0 copies loca, hmtx, post, cmap and the
 * hinting tables of a face whole into every PDF and deflates them; these
 * files keep only the characters articles use and no glyph names, so each
 * embedded font is a fraction of the size, with the same advance widths.
 * Measuring and embedding must use the same file.
 * The list is also what the writer tells a batch it reads
 * (oct_pdf_data_files), hence the NULL at its end. */
static const char *const face_files[OCT_FACE_COUNT + 1] = {
    "fonts/pdf/OctavoSerif-Regular.ttf", "fonts/pdf/OctavoSerif-Italic.ttf",
    "fonts/pdf/OctavoSerif-Bold.ttf",    "fonts/pdf/OctavoSerif-BoldItalic.ttf",
    "fonts/pdf/OctavoSans-Regular.ttf",  "fonts/pdf/OctavoSans-Bold.ttf",
    "fonts/pdf/OctavoMono-Regular.ttf",  "fonts/pdf/OctavoMono-Bold.ttf",
    "fonts/pdf/OctavoFallback.ttf",      NULL,
};

const char *const *oct_pdf_data_files(void) { return face_files; }

#define ASCII_UNKNOWN 0xFFFFu

struct oct_fontset {
  FT_Library ft;
  FT_Face face[OCT_FACE_COUNT];
  bool tried[OCT_FACE_COUNT];
  char path[OCT_FACE_COUNT][512];
  double upem[OCT_FACE_COUNT];
  /* ASCII is nearly all of the text: cache its advances (font units). */
  uint16_t ascii[OCT_FACE_COUNT][128];
  /* Characters warned about in this document, one bit per code point up to
   * U+10FFFF (136 KiB, allocated at the first warning): a list searched per
   * warning made a document of 65,000 distinct unset characters quadratic
   * (4 s for 254 KB). */
  uint8_t *warned;
  bool any_warned;
  size_t n_warned; /* distinct characters warned about in this document */
};

#define CODE_POINTS 0x110000u

const char *oct_face_file(oct_face face) {
  return face >= 0 && face < OCT_FACE_COUNT ? face_files[face] : NULL;
}

oct_fontset *oct_fontset_new(oct_error *err) {
  oct_fontset *fs = oct_xcalloc(1, sizeof *fs);
  if (FT_Init_FreeType(&fs->ft) != 0) {
    free(fs);
    oct_error_set(err, "cannot start FreeType");
    return NULL;
  }
  for (int f = 0; f < OCT_FACE_COUNT; f++)
    for (int c = 0; c < 128; c++)
      fs->ascii[f][c] = ASCII_UNKNOWN;
  return fs;
}

void oct_fontset_free(oct_fontset *fs) {
  if (!fs) return;
  for (int f = 0; f < OCT_FACE_COUNT; f++)
    if (fs->face[f]) FT_Done_Face(fs->face[f]);
  FT_Done_FreeType(fs->ft);
  free(fs->warned);
  free(fs);
}

static FT_Face get_face(oct_fontset *fs, oct_face f) {
  if (f < 0 || f >= OCT_FACE_COUNT) return NULL;
  if (!fs->tried[f]) {
    fs->tried[f] = true;
    char rel[128];
    snprintf(rel, sizeof rel, "%s", face_files[f]);
    if (oct_data_path(rel, fs->path[f], sizeof fs->path[f]) == 0 &&
        FT_New_Face(fs->ft, fs->path[f], 0, &fs->face[f]) == 0) {
      fs->upem[f] = fs->face[f]->units_per_EM ? fs->face[f]->units_per_EM : 1000;
    } else {
      fs->face[f] = NULL;
      fs->path[f][0] = '\0';
    }
  }
  return fs->face[f];
}

const char *oct_fontset_path(oct_fontset *fs, oct_face face) {
  return get_face(fs, face) ? fs->path[face] : NULL;
}

bool oct_fontset_has(oct_fontset *fs, oct_face face, uint32_t cp) {
  if (cp > 0xFFFF) return false;
  if (cp < 128 && face >= 0 && face < OCT_FACE_COUNT && fs->ascii[face][cp] != ASCII_UNKNOWN)
    return true;
  FT_Face f = get_face(fs, face);
  return f && FT_Get_Char_Index(f, cp) != 0;
}

double oct_fontset_advance(oct_fontset *fs, oct_face face, uint32_t cp) {
  if (cp < 128 && face >= 0 && face < OCT_FACE_COUNT && fs->ascii[face][cp] != ASCII_UNKNOWN)
    return fs->ascii[face][cp] / fs->upem[face];
  FT_Face f = get_face(fs, face);
  if (!f || cp > 0xFFFF) return 0;
  FT_UInt gid = FT_Get_Char_Index(f, cp);
  if (gid == 0) return 0;
  FT_Fixed adv = 0;
  if (FT_Get_Advance(f, gid, FT_LOAD_NO_SCALE, &adv) != 0) return 0;
  if (cp < 128 && adv >= 0 && adv < ASCII_UNKNOWN) fs->ascii[face][cp] = (uint16_t)adv;
  return (double)adv / fs->upem[face];
}

bool oct_char_invisible(uint32_t cp) {
  return cp == 0xAD || (cp >= 0x200B && cp <= 0x200F) || cp == 0x2060 || cp == 0xFEFF ||
         (cp >= 0xFE00 && cp <= 0xFE0F) || cp < 0x20 || (cp >= 0x7F && cp < 0xA0);
}

static bool warned_before(oct_fontset *fs, uint32_t cp) {
  if (cp >= CODE_POINTS) return false; /* beyond Unicode: the UTF-8 decoder never yields it */
  if (!fs->warned) fs->warned = oct_xcalloc(CODE_POINTS / 8, 1);
  uint8_t bit = (uint8_t)(1u << (cp & 7));
  if (fs->warned[cp >> 3] & bit) return true;
  fs->warned[cp >> 3] |= bit;
  fs->any_warned = true;
  fs->n_warned++;
  return false;
}

/* A page in a script no shipped face covers (a Chinese article) would name
 * hundreds of characters, one line each (244 for a 600-character page):
 * the first few are named, then one line says the rest are left out too. */
#define MISSING_NAMED 8

int oct_fontset_pick(oct_fontset *fs, oct_face want, uint32_t cp, oct_error *err) {
  if (oct_fontset_has(fs, want, cp)) return want;
  if (oct_fontset_has(fs, OCT_FACE_FALLBACK, cp)) return OCT_FACE_FALLBACK;
  if (!warned_before(fs, cp) && fs->n_warned <= MISSING_NAMED + 1) {
    if (fs->n_warned == MISSING_NAMED + 1) {
      oct_warn(err, "PDF: more characters that no shipped font has are left out, not named one by "
                    "one");
      return -1;
    }
    char utf8[5] = {0};
    oct_utf8_encode(cp, utf8);
    if (cp > 0xFFFF)
      oct_warn(err,
               "PDF: character U+%04X '%s' is beyond U+FFFF, which the PDF library cannot set; "
               "left out",
               (unsigned)cp, utf8);
    else
      oct_warn(err, "PDF: no shipped font has character U+%04X '%s'; left out", (unsigned)cp, utf8);
  }
  return -1;
}

double oct_fontset_width(oct_fontset *fs, oct_face face, const char *text, size_t len) {
  double w = 0;
  size_t i = 0;
  while (i < len) {
    uint32_t cp;
    size_t n = oct_utf8_decode(text + i, len - i, &cp);
    if (n == 0) {
      i++;
      continue;
    }
    w += oct_fontset_advance(fs, face, cp);
    i += n;
  }
  return w;
}

void oct_fontset_reset_warnings(oct_fontset *fs) {
  if (fs->any_warned) memset(fs->warned, 0, CODE_POINTS / 8);
  fs->any_warned = false;
  fs->n_warned = 0;
}
