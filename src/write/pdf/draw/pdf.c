/* The PDF writer's trio: geometry and options, layout, pagination, drawing,
 * document info and a reproducible, atomically written file. */
#include <hpdf.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "config.h"
#include "write/pdf/draw/draw.h"
#include "write/pdf/layout/hyphen.h"
#include "write/pdf/pdf.h"

struct oct_pdf {
  oct_pdf_options opt;
  oct_fontset *fonts;
  oct_hyph *hyph;
  char *hyph_lang;
  bool hyph_tried;
  oct_buf icc; /* the sRGB output profile, read once; empty: none */
  bool icc_tried;
};

/* Per-conversion libharu state: the handler records the first error here
 * (no globals, no longjmp: the caller checks after each step). */
typedef struct hpdf_state {
  HPDF_Doc pdf;
  HPDF_STATUS status, detail;
} hpdf_state;

static void hpdf_error(HPDF_STATUS status, HPDF_STATUS detail, void *user) {
  hpdf_state *st = user;
  if (st->status == 0) {
    st->status = status;
    st->detail = detail;
  }
}

int oct_pdf_parse_paper(const char *spec, double *width, double *height) {
  if (!spec || !width || !height) return -1;
  if (strcasecmp(spec, "a4") == 0) {
    *width = 210 * OCT_MM;
    *height = 297 * OCT_MM;
    return 0;
  }
  if (strcasecmp(spec, "a5") == 0) {
    *width = 148 * OCT_MM;
    *height = 210 * OCT_MM;
    return 0;
  }
  if (strcasecmp(spec, "letter") == 0) {
    *width = 612;
    *height = 792;
    return 0;
  }
  char *end;
  double w = strtod(spec, &end);
  if (end == spec || (*end != 'x' && *end != 'X')) return -1;
  const char *h_at = end + 1;
  double h = strtod(h_at, &end);
  if (end == h_at || *end != '\0') return -1;
  /* a business card to a poster: anything else is a typo */
  if (!(w >= 50 && w <= 2000 && h >= 50 && h <= 2000)) return -1;
  *width = w * OCT_MM;
  *height = h * OCT_MM;
  return 0;
}

oct_pdf *oct_pdf_new(const oct_pdf_options *opt) {
  oct_pdf *ctx = oct_xcalloc(1, sizeof *ctx);
  if (opt) ctx->opt = *opt;
  if (ctx->opt.base_dir) ctx->opt.base_dir = oct_xstrdup(ctx->opt.base_dir);
  return ctx;
}

void oct_pdf_free(oct_pdf *ctx) {
  if (!ctx) return;
  oct_fontset_free(ctx->fonts);
  oct_hyph_free(ctx->hyph);
  free(ctx->hyph_lang);
  oct_buf_free(&ctx->icc);
  free((char *)ctx->opt.base_dir);
  free(ctx);
}

/* The hyphenation patterns of the document's language, loaded once per
 * context and language. */
static const oct_hyph *get_hyph(oct_pdf *ctx, const char *lang, oct_error *err) {
  const char *l = lang && *lang ? lang : "en";
  oct_error herr;
  oct_error_init(&herr, NULL);
  const oct_hyph *h;
  if (ctx->opt.cache) {
    h = oct_pdf_cache_hyph(ctx->opt.cache, l, &herr);
  } else {
    if (ctx->hyph_tried && ctx->hyph_lang && strcmp(ctx->hyph_lang, l) == 0) return ctx->hyph;
    oct_hyph_free(ctx->hyph);
    free(ctx->hyph_lang);
    ctx->hyph_lang = oct_xstrdup(l);
    ctx->hyph_tried = true;
    h = ctx->hyph = oct_hyph_new(l, &herr);
  }
  if (!h) {
    if (herr.msg[0])
      oct_warn(err,
               "PDF: hyphenation patterns for '%s' could not be loaded (%s); set ragged right "
               "without hyphens",
               l, herr.msg);
    else
      oct_warn(err,
               "PDF: no hyphenation patterns for '%s' are installed; set ragged right without "
               "hyphens",
               l);
  }
  return h;
}

/* ---- images: PNGs are decoded with libpng's simplified API and handed to
 * libharu as raw 8-bit RGB, because libharu 2.3.0 writes 16-bit PNGs corrupt
 * and leaves alpha masks uncompressed.  libpng converts any bit depth and
 * palette to 8-bit RGB and composites transparency onto white paper. */
static int load_png(HPDF_Doc pdf, const void *data, size_t len, HPDF_Image *out, oct_error *err) {
  png_image img;
  memset(&img, 0, sizeof img);
  img.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&img, data, len))
    return oct_error_set(err, "cannot be decoded as PNG (%s)", img.message);
  /* Read as 8-bit RGBA and lay it on white here: straightforward, and the
   * same result whatever the source's depth, palette or tRNS chunk. */
  img.format = PNG_FORMAT_RGBA;
  /* A 16-bit PNG without gAMA/sRGB is sRGB like any other (what viewers
   * show), not linear light as the simplified API would otherwise assume. */
  img.flags |= PNG_IMAGE_FLAG_16BIT_sRGB;
  size_t npx = (size_t)img.width * img.height;
  unsigned char *rgba = oct_xmalloc(PNG_IMAGE_SIZE(img));
  if (!png_image_finish_read(&img, NULL, rgba, 0, NULL)) {
    free(rgba);
    png_image_free(&img);
    return oct_error_set(err, "cannot be decoded as PNG (%s)", img.message);
  }
  unsigned char *rgb = oct_xmalloc(npx * 3);
  for (size_t i = 0; i < npx; i++) {
    unsigned a = rgba[4 * i + 3];
    for (int c = 0; c < 3; c++)
      rgb[3 * i + c] = (unsigned char)((rgba[4 * i + c] * a + 255 * (255 - a) + 127) / 255);
  }
  free(rgba);
  *out = HPDF_LoadRawImageFromMem(pdf, rgb, (HPDF_UINT)img.width, (HPDF_UINT)img.height,
                                  HPDF_CS_DEVICE_RGB, 8);
  free(rgb);
  png_image_free(&img);
  if (!*out) return oct_error_set(err, "was refused by the PDF library");
  return 0;
}

/* The resource module has read the file, checked its header and its size
 * (at most OCT_IMAGE_MAX_PIXELS, so decoding is bounded). */
static int image_loader(void *user, const void *data, size_t len, const oct_image_info *info,
                        void **handle, oct_error *err) {
  hpdf_state *st = user;
  HPDF_Image img = NULL;
  if (info->kind == OCT_IMAGE_PNG) {
    if (load_png(st->pdf, data, len, &img, err) != 0) goto fail;
  } else if (info->kind == OCT_IMAGE_JPEG && len <= UINT32_MAX) {
    img = HPDF_LoadJpegImageFromMem(st->pdf, data, (HPDF_UINT)len);
    if (!img) {
      oct_error_set(err, "is a JPEG the PDF library cannot read");
      goto fail;
    }
  } else {
    oct_error_set(err, "is not a PNG or JPEG image");
    return -1;
  }
  if (HPDF_Image_GetWidth(img) == 0 || HPDF_Image_GetHeight(img) == 0 || st->status != 0) {
    oct_error_set(err, "cannot be read");
    goto fail;
  }
  *handle = img;
  return 0;
fail:
  /* a failed load must not fail the document */
  HPDF_ResetError(st->pdf);
  st->status = 0;
  return -1;
}

/* libharu refuses strings over 64 KiB: a runaway title must not sink the
 * PDF, and no viewer shows more of it than this. */
#define INFO_MAX 2000
/* RFC 5646 §4.4.1: a language tag of up to 35 characters must be kept; a
 * longer one is not a tag a reader will use. */
#define LANG_MAX 35

/* VALUE clipped at INFO_MAX at a character, without the characters XML
 * cannot carry (the XMP must say exactly what the dictionary says), or
 * NULL when nothing is left. */
static char *info_value(const char *value) {
  if (!value || !*value) return NULL;
  oct_buf v = OCT_BUF_INIT, clean = OCT_BUF_INIT;
  oct_buf_put_clipped(&v, value, INFO_MAX);
  size_t i = 0;
  uint32_t cp;
  while (v.data && oct_utf8_next(v.data, v.len, &i, &cp))
    if (oct_xml_char(cp)) oct_buf_put_utf8(&clean, cp);
  oct_buf_free(&v);
  if (!clean.len) {
    oct_buf_free(&clean);
    return NULL;
  }
  return clean.data;
}

/* List K of DOC joined with ", " (/Author and /Keywords hold one string),
 * cleaned as info_value does. */
static char *info_list(const oct_node *doc, oct_meta_key k) {
  oct_buf j = OCT_BUF_INIT;
  for (size_t i = 0; i < oct_doc_meta_count(doc, k); i++) {
    if (i) OCT_BUF_LIT(&j, ", ");
    oct_buf_puts(&j, oct_doc_meta_item(doc, k, i));
  }
  char *v = info_value(j.data);
  oct_buf_free(&j);
  return v;
}

/* The document information dictionary and the catalog's language, from the
 * tree's metadata (the running head's text when there is no title). */
/* ICC is the sRGB profile, read on the first call (*ICC_TRIED) and kept by
 * the caller; TS the document's date. */
static int set_doc_info(oct_buf *icc, bool *icc_tried, oct_pdf_cache *cache, int64_t ts, bool pdfa,
                        HPDF_Doc pdf, const oct_node *doc, const oct_layout *L, oct_error *err) {
  oct_pdfa_meta m = {0};
  const char *title = oct_doc_meta(doc, OCT_META_TITLE);
  m.value[OCT_PDFA_TITLE] = info_value(title && *title ? title : L->title);
  m.value[OCT_PDFA_AUTHOR] = info_list(doc, OCT_META_AUTHOR);
  const char *subject = oct_doc_meta(doc, OCT_META_DESCRIPTION);
  m.value[OCT_PDFA_SUBJECT] =
      info_value(subject && *subject ? subject : oct_doc_meta(doc, OCT_META_SUBTITLE));
  m.value[OCT_PDFA_KEYWORDS] = info_list(doc, OCT_META_SUBJECT);
  m.value[OCT_PDFA_CREATOR] = info_value("octavo " OCTAVO_VERSION);
  m.value[OCT_PDFA_PRODUCER] = info_value("octavo " OCTAVO_VERSION " with libHaru 2.3.0");
  const oct_buf *profile = icc, *profile_z = NULL;
  if (pdfa && cache) {
    /* a batch reads and deflates the profile once */
    oct_error ierr;
    oct_error_init(&ierr, NULL);
    if (oct_pdf_cache_icc(cache, &profile, &profile_z, &ierr) != 0) {
      oct_warn(err, "PDF: no sRGB output profile, so not PDF/A: %s", ierr.msg);
      profile = NULL;
      profile_z = NULL;
    }
  } else if (pdfa && !*icc_tried) {
    /* once per writer: without the profile the PDF is still written, tagged
     * but not PDF/A */
    oct_error ierr;
    oct_error_init(&ierr, NULL);
    if (oct_pdfa_load_icc(icc, &ierr) != 0)
      oct_warn(err, "PDF: no sRGB output profile, so not PDF/A: %s", ierr.msg);
    *icc_tried = true;
  }
  int rc = oct_pdfa_write(pdf, &m, ts, L, pdfa ? profile : NULL, profile_z, err);
  oct_pdfa_meta_free(&m);
  if (rc != 0) return -1;
  /* The document language lets screen readers pick a voice; libharu has no
   * setter for the catalog's /Lang, so it is added to the dictionary. */
  const char *lang = oct_doc_meta(doc, OCT_META_LANGUAGE);
  /* Always present (PDF/UA, and a tagged PDF's reader needs one): "en"
   * when the source does not say, as the hyphenation does. */
  if (!lang || !*lang || strlen(lang) > LANG_MAX ||
      oct_utf8_count(lang, strlen(lang)) != strlen(lang))
    lang = "en";
  if (HPDF_Dict_Add(pdf->catalog, "Lang", HPDF_String_New(pdf->mmgr, lang, NULL)) != HPDF_OK)
    return oct_error_set(err, "PDF: cannot set the document language");
  return 0;
}

/* The fonts, opened once per writer; the body face must be there. */
static int open_fonts(oct_pdf *ctx, oct_error *err) {
  if (!ctx->fonts) {
    ctx->fonts = oct_fontset_new(err);
    if (!ctx->fonts) return -1;
  }
  oct_fontset_reset_warnings(ctx->fonts);
  if (!oct_fontset_path(ctx->fonts, OCT_FACE_SERIF))
    return oct_error_set(err, "PDF: font file %s not found (set OCTAVO_DATA_DIR)",
                         oct_face_file(OCT_FACE_SERIF));
  return 0;
}

/* Lays DOC out in STYLE on pages G by the options and paginates it;
 * images go to the document ST through image_loader. */
static int lay_out(oct_pdf *ctx, const oct_node *doc, const oct_style *style, hpdf_state *st,
                   oct_page_geom *g, oct_layout *L, oct_pages *pages, oct_error *err) {
  const oct_pdf_options *o = &ctx->opt;
  if (oct_page_setup(g, style, ctx->fonts, o->page_width, o->page_height, o->margin, o->font_size,
                     err) != 0)
    return -1;
  const struct oct_hyph *hyph = get_hyph(ctx, oct_doc_meta(doc, OCT_META_LANGUAGE), err);
  /* Justified lines without hyphens are full of holes (a Ukrainian article
   * had 13 lines over 0.5 em): a language with no patterns is set ragged. */
  oct_layout_params lp = {.fonts = ctx->fonts,
                          .hyph = hyph,
                          .style = style,
                          .measure = g->measure,
                          .page_height = g->text_height,
                          .size = g->size,
                          .leading = g->leading,
                          .ragged = o->ragged || !hyph,
                          .res = {o->base_dir, o->resource_dirs},
                          .image_fn = image_loader,
                          .image_user = st};
  if (oct_layout_document(L, &lp, doc, err) != 0) return -1;
  if (oct_layout_paginate(L, lp.page_height, pages) != 0)
    return oct_error_set(err, "PDF: page breaking failed");
  return 0;
}

/* Serialises the document and writes it to PATH atomically. */
/* libharu serialises into a memory stream that copies a byte at a time,
 * and reading the document back out of it copies again (1.2 M of the
 * reference article's 47 M instructions): the document is written straight
 * into our buffer through a callback stream in its place.  libharu frees
 * the stream with the document; HPDF_SaveToStream leaves a stream that is
 * not a memory stream as it is. */
static HPDF_STATUS append_out(HPDF_Stream s, const HPDF_BYTE *p, HPDF_UINT n) {
  oct_buf_put(s->attr, p, n);
  return HPDF_OK;
}

static int save(hpdf_state *st, const char *path, oct_error *err) {
  if (st->status != 0)
    return oct_error_set(err, "PDF: the PDF library failed (error 0x%04X, detail %u)",
                         (unsigned)st->status, (unsigned)st->detail);
  if (oct_pdf_flate_all(st->pdf) != 0)
    return oct_error_set(err, "PDF: cannot compress the document's streams (out of memory)");
  oct_buf out = OCT_BUF_INIT;
  if (!st->pdf->stream) st->pdf->stream = HPDF_CallbackWriter_New(st->pdf->mmgr, append_out, NULL);
  HPDF_Stream s = st->pdf->stream;
  if (s && s->write_fn == append_out) s->attr = &out;
  int saved = s && s->write_fn == append_out && HPDF_SaveToStream(st->pdf) == HPDF_OK;
  if (s && s->write_fn == append_out) s->attr = NULL; /* OUT is gone after this call */
  if (!saved) {
    oct_buf_free(&out);
    return oct_error_set(err, "PDF: cannot serialise the document (error 0x%04X)",
                         (unsigned)st->status);
  }
  int rc = oct_file_write_atomic(path, out.data ? out.data : "", out.len, err);
  oct_buf_free(&out);
  return rc;
}

int oct_pdf_write(oct_pdf *ctx, const oct_node *doc, const char *path, oct_error *err) {
  if (!ctx || !doc || !path) return oct_error_set(err, "PDF: nothing to write");
  if (open_fonts(ctx, err) != 0) return -1;
  hpdf_state st = {0};
  st.pdf = HPDF_New(hpdf_error, &st);
  if (!st.pdf) return oct_error_set(err, "PDF: cannot start the PDF library");
  HPDF_SetCompressionMode(st.pdf, HPDF_COMP_ALL);
  /* no UTF-8 encoder: every string we hand libharu is a PDF text string
   * already (oct_pdf_text_string), and text is shown by our own operators */
  int rc = -1;
  oct_layout L;
  oct_layout_init(&L);
  oct_pages pages = {0};
  oct_style style;
  oct_style_default(&style);
  oct_page_geom g;
  if (lay_out(ctx, doc, &style, &st, &g, &L, &pages, err) != 0) goto out;
  if (oct_pdf_draw(st.pdf, ctx->fonts, &L, &pages, &g, &style, !ctx->opt.no_tags, ctx->opt.cache,
                   err) != 0)
    goto out;
  if (set_doc_info(&ctx->icc, &ctx->icc_tried, ctx->opt.cache, ctx->opt.timestamp,
                   !ctx->opt.no_pdfa, st.pdf, doc, &L, err) != 0)
    goto out;
  /* Everything drawn: the layout is not needed to serialise, and freed now
   * it is not held beside libharu's objects and the deflated document at
   * the peak (100x the reference article, bench/scale.sh: 59.4 -> 54.6 MiB
   * peak RSS; output byte-identical). */
  oct_pages_free(&pages);
  oct_layout_free(&L);
  rc = save(&st, path, err);
out:
  oct_pages_free(&pages);
  oct_layout_free(&L);
  HPDF_Free(st.pdf);
  return rc;
}

struct oct_pdf_doc {
  hpdf_state st;
  oct_buf icc; /* as in oct_pdf */
  bool icc_tried;
};

oct_pdf_doc *oct_pdf_doc_new(oct_error *err) {
  oct_pdf_doc *doc = oct_xcalloc(1, sizeof *doc);
  doc->st.pdf = HPDF_New(hpdf_error, &doc->st);
  if (!doc->st.pdf) {
    free(doc);
    oct_error_set(err, "PDF: cannot start the PDF library");
    return NULL;
  }
  HPDF_SetCompressionMode(doc->st.pdf, HPDF_COMP_ALL);
  return doc;
}

void *oct_pdf_doc_handle(oct_pdf_doc *doc) { return doc->st.pdf; }

void *oct_pdf_doc_image(oct_pdf_doc *doc, const void *data, size_t len, const oct_image_info *info,
                        oct_error *err) {
  void *handle = NULL;
  return image_loader(&doc->st, data, len, info, &handle, err) == 0 ? handle : NULL;
}

int oct_pdf_doc_save(oct_pdf_doc *doc, const oct_node *info, int64_t timestamp, bool pdfa,
                     const char *path, oct_error *err) {
  oct_layout none;
  oct_layout_init(&none);
  if (set_doc_info(&doc->icc, &doc->icc_tried, NULL, timestamp, pdfa, doc->st.pdf, info, &none,
                   err) != 0)
    return -1;
  return save(&doc->st, path, err);
}

void oct_pdf_doc_free(oct_pdf_doc *doc) {
  if (!doc) return;
  HPDF_Free(doc->st.pdf);
  oct_buf_free(&doc->icc);
  free(doc);
}
