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
/* The same map as a stream of three pieces (oct_pdf_pieces_into): the
 * text before and after the code points, the same in every map and so
 * compressed once (HEAD and TAIL, parts of HEAD_LEN and TAIL_LEN bytes),
 * and between them the NCPS code points CPS (ascending, no surrogates:
 * oct_used_list), written by oct_tounicode_body.  oct_tounicode_parts returns 0, or -1 when zlib
 * fails. */
typedef struct oct_cmap_parts {
  oct_buf head, tail;
  size_t head_len, tail_len;
  uint32_t head_adler, tail_adler;
} oct_cmap_parts;
int oct_tounicode_parts(oct_cmap_parts *p);
void oct_tounicode_parts_free(oct_cmap_parts *p);
void oct_tounicode_body(const uint16_t *cps, size_t ncps, oct_buf *out);
/* The code points USED marks, surrogates left out, ascending, into CPS
 * (NULL: only counted); returns how many. */
size_t oct_used_list(const uint8_t *used, uint16_t *cps);

/* ---- flate.c: streams deflated by us (at a level chosen by measurement)
 * rather than by libharu while it writes the file.  DICT is an HPDF_Dict
 * with a stream; SCRATCH a buffer to reuse.  Each returns 0, or -1 when
 * zlib or libharu fails (out of memory). */
/* Compresses LEN bytes at DATA into DICT's stream, replacing it. */
int oct_pdf_flate_into(void *dict, const void *data, size_t len, oct_buf *scratch);
/* The same for data that is mostly zeros (a font's CIDToGIDMap, CIDSet):
 * runs of zeros and literals, a few instructions a byte. */
int oct_pdf_zeros_into(void *dict, const void *data, size_t len, oct_buf *scratch);
/* The same uncompressed (a FlateDecode stream of stored blocks): for a
 * font program, whose glyphs deflate to ~70 % at ~120 instructions a byte. */
int oct_pdf_store_into(void *dict, const void *data, size_t len, oct_buf *scratch);
/* LEN bytes at DATA as raw deflate blocks that end on a byte and are not
 * the last (a sync flush), at the best level: a part compressed once and
 * put into many streams (oct_pdf_pieces_into); *ADLER gets its Adler-32.
 * Returns 0, or -1 when zlib fails. */
int oct_pdf_deflate_part(const void *data, size_t len, oct_buf *out, uint32_t *adler);
/* A piece of a stream: LEN bytes at DATA stored (with LZ, up to 64 KiB of
 * short text, compressed by a quick matcher), or (Z not NULL) the part Z
 * made by oct_pdf_deflate_part from LEN bytes with Adler-32 ADLER. */
typedef struct oct_zpiece {
  const void *data;
  size_t len;
  const oct_buf *z;
  uint32_t adler;
  bool lz;
} oct_zpiece;
/* DICT's stream is the N pieces P, one after another. */
int oct_pdf_pieces_into(void *dict, const oct_zpiece *p, size_t n, oct_buf *scratch);
/* LEN bytes at DATA deflated into OUT as oct_pdf_flate_into would, for
 * a stream compressed once and put into many PDFs (the ICC profile). */
int oct_pdf_deflate(const void *data, size_t len, oct_buf *out);
/* DICT's stream is Z, a zlib stream made by oct_pdf_deflate. */
int oct_pdf_compressed_into(void *dict, const oct_buf *z);
/* Compresses DICT's stream in place when libharu would deflate it. */
int oct_pdf_flate_stream(void *dict, oct_buf *scratch);
/* The same for every stream of PDF (an HPDF_Doc) so far, before saving. */
int oct_pdf_flate_all(void *pdf);

/* ---- subset.c: font programs cut to the glyphs a document draws.
 * A face's tables that do not depend on the glyphs (OS/2, cvt, fpgm,
 * name, post, prep), laid out once per face: RAW, each table padded to 4
 * bytes at OFF with its length and checksum, the checksum of all of RAW,
 * and Z, RAW compressed (oct_pdf_deflate_part) with its Adler-32. */
#define OCT_TTF_FIXED_MAX 6
typedef struct oct_ttf_fixed {
  oct_buf raw, z;
  uint32_t adler, rawsum;
  size_t ntab;
  char tag[OCT_TTF_FIXED_MAX][4];
  uint32_t off[OCT_TTF_FIXED_MAX], len[OCT_TTF_FIXED_MAX], sum[OCT_TTF_FIXED_MAX];
} oct_ttf_fixed;
/* Lays out FX for FONTDEF (an HPDF_FontDef libharu loaded from the LEN
 * bytes at FILE).  Returns 0, or -1 when zlib fails (out of memory). */
int oct_ttf_fixed_make(void *fontdef, const unsigned char *file, size_t len, oct_ttf_fixed *fx);
void oct_ttf_fixed_free(oct_ttf_fixed *fx);
/* The TrueType program of FONTDEF with only the glyphs of the NUSED code
 * points USED (ascending) and their composite glyphs' parts, renumbered
 * from 0 in their order in the face, into OUT: first the tables rebuilt
 * for these glyphs, then from *FIXED_AT the face's FX->raw.  *NEWID
 * (malloc'd, one entry per glyph of the face) gets each kept glyph's new
 * id.  Returns 0, or -1 when FILE does not hold what libharu parsed. */
int oct_ttf_subset(void *fontdef, const unsigned char *file, size_t len, const uint16_t *used,
                   size_t nused, const oct_ttf_fixed *fx, oct_buf *out, size_t *fixed_at,
                   uint16_t **newid);

/* ---- tags.c: the structure tree of a tagged PDF, from L's structure
 * elements, and the marked content of each page that points into it. */
typedef struct oct_tagger oct_tagger;
/* A tagger for PDF (an HPDF_Doc) drawing L on NPAGES pages.  Every call
 * below takes NULL too, for pages drawn untagged (a digest's). */
oct_tagger *oct_tags_new(void *pdf, const oct_layout *L, size_t npages);
void oct_tags_free(oct_tagger *t);
/* Drawing moves to PAGE (an HPDF_Page), number PAGENO from 0, whose
 * operators are written to CONTENT: the marked-content operators go there
 * too, between the drawing's. */
void oct_tags_page(oct_tagger *t, void *page, size_t pageno, oct_buf *content);
/* Hangs SE's block (SE, or the block an inline element is in) in the tree
 * now, before anything of it is drawn: images are painted before the text
 * of their page, and the tree must keep the order of the blocks. */
void oct_tags_reserve(oct_tagger *t, long se);
/* What is drawn next belongs to structure element SE (-1: an artifact):
 * closes the open marked content unless it is SE's, and opens SE's. */
void oct_tags_begin(oct_tagger *t, long se);
/* Closes the open marked content (before ET, and at a page's end). */
void oct_tags_end(oct_tagger *t);
/* What is drawn next is SE's too, but reads as ACTUAL (LEN bytes of
 * UTF-8, may be empty): the two parts of a hyphenated word.  Closed by
 * oct_tags_end or the next oct_tags_begin. */
void oct_tags_span(oct_tagger *t, long se, const char *actual, size_t len);
/* Link annotation ANNOT (an HPDF_Annotation) belongs to SE, a Link; it
 * gets CONTENTS as its description. */
void oct_tags_annot(oct_tagger *t, long se, void *annot, const char *contents);
/* Hangs the tree, its parent tree and /MarkInfo on the catalog.  Returns
 * 0, or -1 with ERR set. */
int oct_tags_finish(oct_tagger *t, oct_error *err);
/* UTF8 as a PDF text string (UTF-16BE), cut at MAX bytes of the input;
 * an HPDF_Binary of PDF's memory manager, NULL when out of memory. */
void *oct_pdf_text_string(void *pdf, const char *utf8, size_t max);

/* ---- pdfa.c: PDF/A-1b. */
typedef enum oct_pdfa_key {
  OCT_PDFA_TITLE,
  OCT_PDFA_AUTHOR,
  OCT_PDFA_SUBJECT,
  OCT_PDFA_KEYWORDS,
  OCT_PDFA_CREATOR,
  OCT_PDFA_PRODUCER,
  OCT_PDFA_NKEYS
} oct_pdfa_key;
/* The document information, each value UTF-8 (NULL: none), owned. */
typedef struct oct_pdfa_meta {
  char *value[OCT_PDFA_NKEYS];
} oct_pdfa_meta;
void oct_pdfa_meta_free(oct_pdfa_meta *m);
/* Reads the sRGB output profile into ICC.  Returns 0, or -1 with ERR
 * saying which file is missing or wrong. */
int oct_pdfa_load_icc(oct_buf *icc, oct_error *err);
/* Writes M as the information dictionary, the dates from TS, the
 * trailer's /ID from L's content and, when ICC holds a profile, M again as
 * XMP, the output intent and the PDF/A-1b claim, into PDF (an HPDF_Doc).
 * ICC_Z, when not NULL, is the profile already deflated (oct_pdf_deflate).
 * Returns 0, or -1 with ERR set. */
int oct_pdfa_write(void *pdf, const oct_pdfa_meta *m, int64_t ts, const oct_layout *L,
                   const oct_buf *icc, const oct_buf *icc_z, oct_error *err);

/* ---- draw.c: paints laid-out pages with libharu. */
/* Draws L paginated by PAGES into PDF (an HPDF_Doc) on pages G in STYLE, with
 * running heads (L's title) from page 2, page numbers, outline, links and
 * valid ToUnicode maps.
 * Returns 0, or -1 with ERR set. */
int oct_pdf_draw(void *pdf, oct_fontset *fs, const oct_layout *L, const oct_pages *pages,
                 const oct_page_geom *g, const oct_style *style, bool tagged, oct_pdf_cache *cache,
                 oct_error *err);
/* libharu's parse (an HPDF_FontDef, embedding) of the LEN bytes at DATA,
 * allocated from MMGR (an HPDF_MMgr), reading DATA in place: the caller
 * keeps DATA alive as long as the definition.  NULL when libharu refuses
 * the face. */
void *oct_pdf_face_parse(void *mmgr, const unsigned char *data, size_t len);
/* Turns libharu's memory stream STREAM, in place (a page keeps a pointer to
 * its content stream), into a reader of DATA's LEN bytes, which it then
 * owns (malloc'd; freed with the stream, or at once on failure).  libharu's
 * memory stream copies a byte at a time on the way in and on the way out.
 * Returns 0, or -1 when STREAM is not a memory stream. */
int oct_pdf_stream_hold(void *stream, unsigned char *data, size_t len);

/* The same in steps, for a digest that draws its articles one by one into
 * one document: the fonts, their maps and the bookmarks are the drawer's,
 * so they span every call.  One drawer per document: the font programs are
 * cut when it finishes, with the glyphs it drew. */
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
int oct_pdf_doc_save(oct_pdf_doc *doc, const oct_node *info, int64_t timestamp, bool pdfa,
                     const char *path, oct_error *err);
void oct_pdf_doc_free(oct_pdf_doc *doc);

/* ---- cache.c: the patterns for LANG, loaded on first use and owned by the
 * cache.  NULL when there are none: ERR's message then says why, or is empty
 * when no pattern file is installed for LANG. */
const oct_hyph *oct_pdf_cache_hyph(oct_pdf_cache *cache, const char *lang, oct_error *err);
/* The sRGB output profile (oct_pdfa_load_icc) read and deflated once for
 * the batch: *RAW and *Z, owned by the cache.  Returns 0, or -1 with ERR
 * saying why there is none. */
int oct_pdf_cache_icc(oct_pdf_cache *cache, const oct_buf **raw, const oct_buf **z, oct_error *err);
/* The ToUnicode maps' fixed text compressed once for the batch, owned by
 * the cache; NULL when out of memory. */
const oct_cmap_parts *oct_pdf_cache_cmap(oct_pdf_cache *cache);
/* The face file at PATH parsed once for the whole batch (oct_pdf_face_parse):
 * the definition, only read from then on, the file's bytes in *DATA and
 * *LEN and its programs' fixed tables in *FIXED, all owned by the cache.  NULL with ERR set when it
 * cannot be read or parsed. */
const void *oct_pdf_cache_face(oct_pdf_cache *cache, const char *path, const unsigned char **data,
                               size_t *len, const oct_ttf_fixed **fixed, oct_error *err);

#endif
