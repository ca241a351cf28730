/* What the conversions of a batch share, made once and read-only after:
 * hyphenation patterns (loading hyph_en_US.dic costs ~8 ms, as much as
 * typesetting a whole briefing), parsed faces (libharu's parse of the four
 * faces a briefing uses costs 3.0 M instructions), each face's font
 * program tables that do not depend on the glyphs drawn and the
 * ToUnicode maps' fixed text, compressed once at zlib's best level
 * (~0.45 KB less a face than stored, for nothing a document), and the
 * sRGB profile, deflated once (0.45 M instructions a PDF).  Each is a pure
 * function of its input, so a document's PDF is the same bytes whatever
 * else the batch converts; threads read them without locking, only the
 * lookups are guarded. */
#include <hpdf.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "write/pdf/draw/draw.h"
#include "write/pdf/layout/hyphen.h"
#include "write/pdf/pdf.h"

typedef struct entry {
  char *lang;
  oct_hyph *hyph; /* NULL: none for this language */
  char msg[256];  /* why loading failed, empty when nothing is installed */
} entry;

/* A face: its file's bytes and libharu's parse of them, allocated from
 * the cache's own libharu document (each face apart, so that a pointer
 * handed out stays valid when the list grows). */
typedef struct face {
  char *path;
  oct_buf bytes;
  HPDF_FontDef def;    /* NULL: MSG says why */
  oct_ttf_fixed fixed; /* its font programs' fixed tables, compressed once */
  char msg[256];
} face;

struct oct_pdf_cache {
  pthread_mutex_t lock;
  entry *entries;
  size_t n, cap;
  HPDF_Doc doc; /* owns the faces' memory; only its mmgr is used */
  face **faces;
  size_t nfaces, capfaces;
  bool icc_tried;
  int cmap_state; /* 0: not made yet, 1: made, -1: failed */
  oct_cmap_parts cmap;
  oct_buf icc, icc_z; /* the sRGB profile, raw and deflated; empty: none */
  char icc_msg[256];
};

oct_pdf_cache *oct_pdf_cache_new(void) {
  oct_pdf_cache *c = oct_xcalloc(1, sizeof *c);
  pthread_mutex_init(&c->lock, NULL);
  return c;
}

void oct_pdf_cache_free(oct_pdf_cache *c) {
  if (!c) return;
  for (size_t i = 0; i < c->n; i++) {
    oct_hyph_free(c->entries[i].hyph);
    free(c->entries[i].lang);
  }
  free(c->entries);
  for (size_t i = 0; i < c->nfaces; i++) {
    if (c->faces[i]->def) HPDF_FontDef_Free(c->faces[i]->def);
    oct_ttf_fixed_free(&c->faces[i]->fixed);
    oct_buf_free(&c->faces[i]->bytes);
    free(c->faces[i]->path);
    free(c->faces[i]);
  }
  free(c->faces);
  oct_tounicode_parts_free(&c->cmap);
  oct_buf_free(&c->icc);
  oct_buf_free(&c->icc_z);
  if (c->doc) HPDF_Free(c->doc);
  pthread_mutex_destroy(&c->lock);
  free(c);
}

const oct_hyph *oct_pdf_cache_hyph(oct_pdf_cache *c, const char *lang, oct_error *err) {
  pthread_mutex_lock(&c->lock);
  entry *e = NULL;
  for (size_t i = 0; i < c->n && !e; i++)
    if (strcmp(c->entries[i].lang, lang) == 0) e = &c->entries[i];
  if (!e) {
    OCT_GROW(c->entries, c->n, c->cap);
    e = &c->entries[c->n++];
    memset(e, 0, sizeof *e);
    e->lang = oct_xstrdup(lang);
    oct_error herr;
    oct_error_init(&herr, NULL);
    e->hyph = oct_hyph_new(lang, &herr);
    if (!e->hyph) snprintf(e->msg, sizeof e->msg, "%.200s", herr.msg);
  }
  const oct_hyph *h = e->hyph;
  if (!h) oct_error_set(err, "%s", e->msg);
  pthread_mutex_unlock(&c->lock);
  return h;
}

const void *oct_pdf_cache_face(oct_pdf_cache *c, const char *path, const unsigned char **data,
                               size_t *len, const oct_ttf_fixed **fixed, oct_error *err) {
  pthread_mutex_lock(&c->lock);
  face *f = NULL;
  for (size_t i = 0; i < c->nfaces && !f; i++)
    if (strcmp(c->faces[i]->path, path) == 0) f = c->faces[i];
  if (!f) {
    OCT_GROW(c->faces, c->nfaces, c->capfaces);
    f = c->faces[c->nfaces++] = oct_xcalloc(1, sizeof *f);
    f->path = oct_xstrdup(path);
    oct_error ferr;
    oct_error_init(&ferr, NULL);
    if (!c->doc) c->doc = HPDF_New(NULL, NULL);
    if (!c->doc)
      snprintf(f->msg, sizeof f->msg, "PDF: cannot start the PDF library");
    else if (oct_file_read(path, &f->bytes, &ferr) != 0)
      snprintf(f->msg, sizeof f->msg, "%.250s", ferr.msg);
    else if (!(f->def = oct_pdf_face_parse(c->doc->mmgr, (const unsigned char *)f->bytes.data,
                                           f->bytes.len))) {
      snprintf(f->msg, sizeof f->msg, "PDF: cannot load font %.200s", path);
      HPDF_ResetError(c->doc); /* the next face starts clean */
    } else if (oct_ttf_fixed_make(f->def, (const unsigned char *)f->bytes.data, f->bytes.len,
                                  &f->fixed) != 0) {
      snprintf(f->msg, sizeof f->msg, "PDF: out of memory compressing font %.200s", path);
      HPDF_FontDef_Free(f->def);
      f->def = NULL;
    }
  }
  const void *def = f->def;
  *fixed = &f->fixed;
  *data = (const unsigned char *)f->bytes.data;
  *len = f->bytes.len;
  if (!def) oct_error_set(err, "%s", f->msg);
  pthread_mutex_unlock(&c->lock);
  return def;
}

int oct_pdf_cache_icc(oct_pdf_cache *c, const oct_buf **raw, const oct_buf **z, oct_error *err) {
  pthread_mutex_lock(&c->lock);
  if (!c->icc_tried) {
    c->icc_tried = true;
    oct_error ierr;
    oct_error_init(&ierr, NULL);
    if (oct_pdfa_load_icc(&c->icc, &ierr) != 0) {
      snprintf(c->icc_msg, sizeof c->icc_msg, "%.250s", ierr.msg);
      oct_buf_clear(&c->icc);
    } else if (oct_pdf_deflate(c->icc.data, c->icc.len, &c->icc_z) != 0) {
      snprintf(c->icc_msg, sizeof c->icc_msg, "PDF: out of memory compressing the ICC profile");
      oct_buf_clear(&c->icc);
    }
  }
  int rc = c->icc.len ? 0 : oct_error_set(err, "%s", c->icc_msg);
  *raw = &c->icc;
  *z = &c->icc_z;
  pthread_mutex_unlock(&c->lock);
  return rc;
}

const oct_cmap_parts *oct_pdf_cache_cmap(oct_pdf_cache *c) {
  pthread_mutex_lock(&c->lock);
  if (c->cmap_state == 0) c->cmap_state = oct_tounicode_parts(&c->cmap) == 0 ? 1 : -1;
  const oct_cmap_parts *p = c->cmap_state > 0 ? &c->cmap : NULL;
  pthread_mutex_unlock(&c->lock);
  return p;
}
