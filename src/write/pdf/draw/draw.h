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

/* The same in steps, for a digest that draws its articles one by one into
 * one document: the fonts, their maps and the bookmarks are the drawer's,
 * so they span every call. */
typedef struct oct_pdf_drawer oct_pdf_drawer;
oct_pdf_drawer *oct_pdf_drawer_new(void *pdf, oct_fontset *fs, const oct_page_geom *g,
                                   const oct_style *style, oct_error *err);
/* Draws L paginated by PAGES: HEADS[page] is each page's running head
 * (HEADS NULL: L's title from the second page), FOLIO the number of the
 * first page less one; the pages go at the end, or with BEFORE_FIRST
 * before the first page this drawer drew (a digest's front matter, drawn
 * once its page numbers are known).  Bookmarks nest under those of
 * earlier calls.  Returns 0, or -1 with ERR set. */
int oct_pdf_drawer_pages(oct_pdf_drawer *dr, const oct_layout *L, const oct_pages *pages,
                         const char *const *heads, size_t folio, bool before_first);
/* The fonts' widths and ToUnicode maps, once every page is drawn. */
int oct_pdf_drawer_finish(oct_pdf_drawer *dr);
void oct_pdf_drawer_free(oct_pdf_drawer *dr);

/* ---- pdf.c: the document a digest draws into (libharu with the writer's
 * settings and error handling), then its information dictionary from
 * INFO's metadata and the file, written to PATH atomically. */
typedef struct oct_pdf_doc oct_pdf_doc;
oct_pdf_doc *oct_pdf_doc_new(oct_error *err);
void *oct_pdf_doc_handle(oct_pdf_doc *doc);
/* An image (read and checked by the resource module) loaded into DOC as
 * the single-file writer loads it; NULL with ERR set when it cannot be. */
void *oct_pdf_doc_image(oct_pdf_doc *doc, const void *data, size_t len, const oct_image_info *info,
                        oct_error *err);
int oct_pdf_doc_save(oct_pdf_doc *doc, const oct_node *info, int64_t timestamp, const char *path,
                     oct_error *err);
void oct_pdf_doc_free(oct_pdf_doc *doc);

/* ---- cache.c: the patterns for LANG, loaded on first use and owned by the
 * cache.  NULL when there are none: ERR's message then says why, or is empty
 * when no pattern file is installed for LANG. */
const oct_hyph *oct_pdf_cache_hyph(oct_pdf_cache *cache, const char *lang, oct_error *err);

#endif
