/* Internals of the PDF writer shared by fonts.c, typeset.c, draw.c,
 * tounicode.c and pdf.c (and the unit tests).  Layout (fonts measuring,
 * typeset) never calls libharu: it produces vertical lines of positioned
 * items that draw.c paints, so it is testable without a PDF. */
#ifndef OCTAVO_PDF_INT_H
#define OCTAVO_PDF_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tree/tree.h"
#include "util/util.h"
#include "write/pdf/paginate.h"
#include "write/resource/resource.h"

/* ---- fonts.c: the shipped faces, measured with FreeType. */
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
/* The file name of FACE under fonts/ ("pdf/OctavoSerif-Regular.ttf"). */
const char *oct_face_file(oct_face face);
/* Full path of FACE, or NULL when it cannot be found. */
const char *oct_fontset_path(oct_fontset *fs, oct_face face);
/* True when FACE has a glyph for CP. */
bool oct_fontset_has(oct_fontset *fs, oct_face face, uint32_t cp);
/* The face that sets CP when WANT is asked for: WANT itself, else the
 * fallback; -1 (and one warning per character per document, naming it) when
 * no face has it or it is beyond U+FFFF, which libharu 2.3.0 cannot set. */
/* Forgets which characters were warned about (a new document starts). */
void oct_fontset_reset_warnings(oct_fontset *fs);
int oct_fontset_pick(oct_fontset *fs, oct_face want, uint32_t cp, oct_error *err);
/* Advance width of CP in FACE, in ems (0 when the face lacks it). */
double oct_fontset_advance(oct_fontset *fs, oct_face face, uint32_t cp);
/* Width in ems of UTF-8 TEXT set entirely in FACE. */
double oct_fontset_width(oct_fontset *fs, oct_face face, const char *text, size_t len);
/* Characters that take no room and draw nothing (soft hyphen, zero-width
 * space, joiners, variation selectors): dropped before measuring. */
bool oct_char_invisible(uint32_t cp);

/* ---- typeset.c: document tree -> vertical list of positioned items. */
typedef enum oct_pitem_kind {
  OCT_PI_TEXT,  /* text run: FACE, SIZE, pool bytes [off, off+len), baseline at y */
  OCT_PI_RULE,  /* horizontal rule of thickness h from (x, y) to (x+w, y) */
  OCT_PI_RECT,  /* filled rectangle, top-left (x, y), size w x h */
  OCT_PI_IMAGE, /* image IMAGE, top-left (x, y), size w x h */
  OCT_PI_HOOK,  /* continuation mark of a wrapped code line, box (x, y) w x h */
} oct_pitem_kind;

typedef struct oct_pitem {
  oct_pitem_kind kind;
  int face;
  double size;
  size_t off, len;
  double x, y; /* x from the text block's left edge, y down from the line's top */
  double w, h;
  float gray; /* 0 = black */
  int link;   /* index into layout links, -1 for none */
  int image;  /* index into layout images, -1 for none */
  bool strike;
  bool space_after; /* a word space follows on the same line */
} oct_pitem;

typedef struct oct_vline {
  oct_vitem v;
  size_t first, count;         /* its items */
  int outline_level;           /* heading level when this line starts a heading, else 0 */
  size_t title_off, title_len; /* the heading's plain text in the pool */
  long label;                  /* item index of a list label set on this line, or -1 */
  long header_row;             /* a table row: its table's header row (line index), else -1 */
  bool is_header;              /* a table's header row (or a repeat of it) */
} oct_vline;

typedef struct oct_image {
  void *handle; /* the drawing side's loaded image */
  double px_w, px_h;
} oct_image;

/* How layout hands an image to the drawing side without knowing about
 * libharu: DATA (LEN bytes) was read and its header checked by the resource
 * module (INFO).  Returns 0 and fills HANDLE (kept for drawing), or -1 with
 * a reason. */
typedef int (*oct_image_fn)(void *user, const void *data, size_t len, const oct_image_info *info,
                            void **handle, oct_error *err);

typedef struct oct_layout {
  /* set by the caller */
  oct_fontset *fonts;
  const struct oct_hyph *hyph; /* may be NULL: no hyphenation */
  double measure;              /* text block width, points */
  double page_height;          /* text block height, points */
  double size;                 /* body font size */
  double leading;              /* body baseline distance */
  bool ragged;
  oct_resources res; /* where images may come from */
  oct_image_fn image_fn;
  void *image_user;
  oct_error *err;
  /* results */
  oct_buf pool; /* text of every run, link URLs and outline titles */
  oct_pitem *items;
  size_t nitems, capitems;
  oct_vline *lines;
  size_t nlines, caplines;
  size_t *links; /* pool offsets of NUL-terminated URLs */
  size_t nlinks, caplinks;
  oct_image *images;
  size_t nimages, capimages;
  /* statistics for tests */
  size_t nparagraphs;
  size_t hyphenated_lines;
  double max_line_width; /* widest text line set, excluding code blocks */
  /* state */
  unsigned group;
  long pending_label; /* item index of a list label waiting for its first line, or -1 */
  bool warned_indent; /* the nesting-too-deep warning was given */
  char *title;        /* running head text */
} oct_layout;

void oct_layout_init(oct_layout *L);
/* Repeats a table's header row at the top of every page the table
 * continues on: paginates, inserts copies where a page opens with a body
 * row, and paginates again until stable.  Fills PAGES. Returns 0 or -1. */
int oct_layout_paginate(oct_layout *L, oct_pages *pages);
void oct_layout_free(oct_layout *L);
int oct_layout_document(oct_layout *L, const oct_node *doc);

/* ---- tounicode.c: a valid ToUnicode CMap for an Identity-H font whose
 * codes are the UTF-16 code units (BMP code points) themselves.  USED is a
 * 65536-bit bitmap of the code points drawn. */
void oct_tounicode_cmap(const uint8_t *used, oct_buf *out);

/* ---- draw.c: paints laid-out pages with libharu. */
typedef struct oct_page_geom {
  double width, height;         /* paper */
  double left, top;             /* text block's top-left corner, from the paper's top-left */
  double text_height;           /* text block height */
  double head_size, folio_size; /* running head and page number sizes */
  const char *running_head;     /* NULL: none */
} oct_page_geom;

/* Draws L paginated by PAGES into PDF (an HPDF_Doc), with running heads
 * from page 2, page numbers, outline, links and valid ToUnicode maps.
 * Returns 0, or -1 with ERR set. */
int oct_pdf_draw(void *pdf, oct_fontset *fs, const oct_layout *L, const oct_pages *pages,
                 const oct_page_geom *g, oct_error *err);

#endif
