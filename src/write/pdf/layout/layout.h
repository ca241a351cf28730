/* The PDF writer's layout library: document tree -> vertical list of lines
 * of positioned items, and pages.  It never calls libharu (ARCHITECTURE.md
 * §8): drawing paints what it decided, and tests check it without a PDF. */
#ifndef OCTAVO_PDF_LAYOUT_H
#define OCTAVO_PDF_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tree/tree.h"
#include "util/util.h"
#include "write/pdf/layout/fonts.h"
#include "write/pdf/layout/paginate.h"
#include "write/pdf/layout/style.h"
#include "write/resource/resource.h"

/* ---- typeset.c: document tree -> vertical list of positioned items. */

/* The roles of a tagged PDF's structure elements (PDF 32000-1 §14.8.4),
 * decided where layout walks the tree; drawing turns them into the
 * structure tree.  Graphics (rules, code grounds, marks) are artifacts
 * whatever element they were made in. */
typedef enum oct_srole {
  OCT_SR_DOCUMENT,
  OCT_SR_H, /* H1-H6 by level */
  OCT_SR_P,
  OCT_SR_L,
  OCT_SR_LI,
  OCT_SR_LBL,
  OCT_SR_LBODY,
  OCT_SR_BLOCKQUOTE,
  OCT_SR_TABLE,
  OCT_SR_TR,
  OCT_SR_TH,
  OCT_SR_TD,
  OCT_SR_FIGURE,
  OCT_SR_LINK,
  OCT_SR_CODE,
} oct_srole;

#define OCT_SE_NONE ((size_t)-1)

typedef struct oct_selem {
  oct_srole role;
  int level;      /* headings: 1-6 */
  long parent;    /* index of its parent, -1 for the root (Document, element 0) */
  bool inline_el; /* Link, inline Code: inside its parent's text */
  size_t alt_off; /* Figure: its alt text, NUL-terminated in the pool; Link:
                     its text; else OCT_SE_NONE */
} oct_selem;

typedef enum oct_pitem_kind {
  OCT_PI_TEXT,  /* text run: FACE, SIZE, pool bytes [off, off+len), baseline at y */
  OCT_PI_RULE,  /* horizontal rule of thickness h from (x, y) to (x+w, y) */
  OCT_PI_RECT,  /* filled rectangle, top-left (x, y), size w x h */
  OCT_PI_IMAGE, /* image IMAGE, top-left (x, y), size w x h */
  OCT_PI_HOOK,  /* continuation mark of a wrapped code line, box (x, y) w x h */
} oct_pitem_kind;

typedef struct oct_pitem {
  /* One per word, so a long document holds hundreds of thousands (100x the
   * reference article, 200,400 words: over 262,144, the array doubled to
   * 2^19): the fields are ordered and sized to fill 80 bytes, not 96
   * (issue 15's memory target: 100x to PDF, 74.6 -> 70.0 MiB peak RSS). */
  double size;
  double x, y; /* x from the text block's left edge, y down from the line's top */
  double w, h;
  size_t off;
  uint32_t len; /* one run of one paragraph: input is at most 64 MiB */
  int face;
  float gray;         /* 0 = black */
  int link;           /* index into layout links, -1 for none */
  int image;          /* index into layout images, -1 for none */
  float hscale;       /* text drawn this many times its width (font expansion); 0: 1 */
  int se;             /* structure element it belongs to (index into L->selems), -1 for none */
  unsigned char kind; /* an oct_pitem_kind */
  bool strike;
  bool space_after; /* a word space follows on the same line */
  bool hyphen;      /* the hyphen hyphenation added at a line's end */
} oct_pitem;
_Static_assert(sizeof(oct_pitem) <= 80, "oct_pitem grew: one per word (see above)");

typedef struct oct_vline {
  oct_vitem v;
  size_t first, count;         /* its items */
  int outline_level;           /* heading level when this line starts a heading, else 0 */
  size_t title_off, title_len; /* the heading's plain text in the pool */
  long label;                  /* item index of a list label set on this line, or -1 */
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

/* Points per millimetre. */
#define OCT_MM (72.0 / 25.4)

/* The page (page.c): paper, text block, body size, and the furniture. */
typedef struct oct_page_geom {
  double width, height;        /* paper, points */
  double left, top;            /* text block's top-left corner, from the paper's top-left */
  double measure, text_height; /* text block */
  double size, leading;        /* body size and \baselineskip */
  double head_size;            /* running head: its size, */
  double head_base, head_rule; /* its baseline and its rule, from the paper's bottom */
  double folio_size;           /* page number: its size */
  double folio_base;           /* and its baseline, from the paper's bottom */
} oct_page_geom;

/* Fills G for paper WIDTH x HEIGHT (0: A4), MARGIN at the top and sides
 * and S->footmargin times it at the foot (0: the style's automatic
 * margins, which set a measure of S->charsperline characters) and body
 * SIZE (0: S->fontsize), in points.  Returns 0, or -1
 * with ERR set when the margins leave no text block. */
int oct_page_setup(oct_page_geom *g, const oct_style *S, oct_fontset *fs, double width,
                   double height, double margin, double size, oct_error *err);

/* What the caller decides: the fonts, the patterns, the typographic
 * parameters and the text block.  Layout only reads it. */
typedef struct oct_layout_params {
  oct_fontset *fonts;
  const struct oct_hyph *hyph; /* may be NULL: no hyphenation */
  const oct_style *style;      /* typographic parameters; NULL: oct_style_default's */
  double measure;              /* text block width (TeX's \hsize), points */
  double page_height;          /* text block height (\vsize), points */
  double size;                 /* body font size, points */
  double leading;              /* body baseline distance (\baselineskip), points */
  bool ragged;                 /* ragged right instead of justified */
  oct_resources res;           /* where images may come from */
  oct_image_fn image_fn;       /* hands images to the drawing side; NULL: alt text instead */
  void *image_user;
} oct_layout_params;

/* What layout made: the vertical list, its items and their text. */
typedef struct oct_layout {
  oct_buf pool; /* text of every run, link URLs and outline titles */
  oct_pitem *items;
  size_t nitems, capitems;
  oct_vline *lines;
  size_t nlines, caplines;
  size_t *links; /* pool offsets of NUL-terminated URLs */
  size_t nlinks, caplinks;
  oct_image *images;
  size_t nimages, capimages;
  oct_selem *selems; /* the structure tree, parents before children; 0 is Document */
  size_t nselems, capselems;
  char *title; /* running head text: the title, else the first heading; NULL: none */
  /* statistics for tests */
  size_t nparagraphs;
  size_t hyphenated_lines;
  size_t short_lines;    /* justified lines set short of the margin (style's maxspace) */
  double max_line_width; /* widest text line set, excluding code blocks */
} oct_layout;

void oct_layout_init(oct_layout *L);
void oct_layout_free(oct_layout *L);
/* Lays out DOC with the parameters P into L (initialised, empty).  Returns
 * 0, or -1 with ERR set (bad geometry, malformed input); warnings (images
 * left out, characters no font has) go to ERR's callback. */
int oct_layout_document(oct_layout *L, const oct_layout_params *p, const oct_node *doc,
                        oct_error *err);
/* Breaks L's lines into pages PAGE_HEIGHT tall (paginate.h: the rules, and
 * tables' header rows repeated on the pages they continue on); an empty
 * document gets one empty page.  Returns 0, or -1 on malformed lines;
 * free PAGES with oct_pages_free. */
int oct_layout_paginate(const oct_layout *L, double page_height, oct_pages *pages);

#endif
