/* The shipped faces, measured with FreeType: which face has a character and
 * how wide it is.  Part of layout (it never sees libharu); drawing embeds
 * the same files it names. */
#ifndef OCTAVO_PDF_FONTS_H
#define OCTAVO_PDF_FONTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/util.h"

/* The body face's ascender and descender in ems (Liberation Serif's hhea:
 * 1825 and 443 of 2048 units): where a baseline sits in its line box, and
 * how tall a link's box is.  Every face is placed by the body's, so lines
 * of mixed faces share one baseline. */
#define OCT_FONT_ASCENT 0.891
#define OCT_FONT_DESCENT 0.216

typedef enum oct_face {
  OCT_FACE_SERIF,
  OCT_FACE_SERIF_ITALIC,
  OCT_FACE_SERIF_BOLD,
  OCT_FACE_SERIF_BOLD_ITALIC,
  OCT_FACE_SANS,
  OCT_FACE_SANS_BOLD,
  OCT_FACE_MONO,
  OCT_FACE_MONO_BOLD,
  OCT_FACE_FALLBACK,
  OCT_FACE_COUNT
} oct_face;

typedef struct oct_fontset oct_fontset;

/* Fails (NULL, ERR set) when the FreeType library cannot start; a face file
 * that is missing is only found out when the face is first needed. */
oct_fontset *oct_fontset_new(oct_error *err);
void oct_fontset_free(oct_fontset *fs);
/* The data file of FACE ("fonts/pdf/OctavoSerif-Regular.ttf"). */
const char *oct_face_file(oct_face face);
/* Full path of FACE, or NULL when it cannot be found. */
const char *oct_fontset_path(oct_fontset *fs, oct_face face);
/* True when FACE has a glyph for CP. */
bool oct_fontset_has(oct_fontset *fs, oct_face face, uint32_t cp);
/* The face that sets CP when WANT is asked for: WANT itself, else the
 * fallback; -1 (and one warning per character per document, naming it) when
 * no face has it or it is beyond U+FFFF, which libharu 2.3.0 cannot set. */
int oct_fontset_pick(oct_fontset *fs, oct_face want, uint32_t cp, oct_error *err);
/* Forgets which characters were warned about (a new document starts). */
void oct_fontset_reset_warnings(oct_fontset *fs);
/* Advance width of CP in FACE, in ems (0 when the face lacks it). */
double oct_fontset_advance(oct_fontset *fs, oct_face face, uint32_t cp);
/* Width in ems of UTF-8 TEXT set entirely in FACE. */
double oct_fontset_width(oct_fontset *fs, oct_face face, const char *text, size_t len);
/* Characters that take no room and draw nothing (soft hyphen, zero-width
 * space, joiners, variation selectors): dropped before measuring. */
bool oct_char_invisible(uint32_t cp);

#endif
