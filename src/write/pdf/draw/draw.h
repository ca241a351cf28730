/* The drawing half of the PDF writer, the only code that sees libharu: it
 * paints pages the layout library (write/pdf/layout/layout.h) decided. */
#ifndef OCTAVO_PDF_DRAW_H
#define OCTAVO_PDF_DRAW_H

#include <stdint.h>

#include "util/util.h"
#include "write/pdf/layout/hyphen.h"
#include "write/pdf/layout/layout.h"
#include "write/pdf/pdf.h"

/* ---- tounicode.c: a valid ToUnicode CMap for an Identity-H font whose
 * codes are the UTF-16 code units (BMP code points) themselves.  USED is a
 * 65536-bit bitmap of the code points drawn. */
void oct_tounicode_cmap(const uint8_t *used, oct_buf *out);

/* ---- draw.c: paints laid-out pages with libharu. */
/* Draws L paginated by PAGES into PDF (an HPDF_Doc) on pages G in STYLE, with
 * running heads (L's title) from page 2, page numbers, outline, links and
 * valid ToUnicode maps.
 * Returns 0, or -1 with ERR set. */
int oct_pdf_draw(void *pdf, oct_fontset *fs, const oct_layout *L, const oct_pages *pages,
                 const oct_page_geom *g, const oct_style *style, oct_error *err);

/* The same with HEADS[page] as each page's running head (NULL: none), for
 * a digest whose head follows its articles. */
int oct_pdf_draw_heads(void *pdf, oct_fontset *fs, const oct_layout *L, const oct_pages *pages,
                       const oct_page_geom *g, const oct_style *style, const char *const *heads,
                       oct_error *err);

/* ---- pdf.c: a document laid out elsewhere (a digest) drawn with HEADS
 * as draw_heads does, its information from INFO's metadata, written to
 * PATH atomically. */
int oct_pdf_write_laid_out(oct_pdf *ctx, const oct_node *info, const oct_layout *L,
                           const oct_pages *pages, const oct_page_geom *g, const oct_style *style,
                           const char *const *heads, const char *path, oct_error *err);

/* ---- cache.c: the patterns for LANG, loaded on first use and owned by the
 * cache.  NULL when there are none: ERR's message then says why, or is empty
 * when no pattern file is installed for LANG. */
const oct_hyph *oct_pdf_cache_hyph(oct_pdf_cache *cache, const char *lang, oct_error *err);

#endif
