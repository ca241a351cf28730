/* Painting only: every position was decided by layout.  Each text run is
 * placed with its own x (libharu's Tw has no effect on two-byte fonts and
 * HPDF_Page_TextRect justifies by letter-spacing), and the code points drawn
 * are recorded per font for our own ToUnicode maps. */
#include <hpdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "write/pdf/draw/draw.h"

/* Code backgrounds reach this far, in points, into the line below, so that
 * stacked lines show no seam between them where a viewer rounds. */
#define SEAM 0.3
/* The continuation mark's arrowhead: each stroke's reach, in points. */
#define ARROWHEAD 2
/* Runs closer than this, in points, continue each other (the pieces of a
 * word layout measured apart): drawn as one string. */
#define SAME_X 0.01
/* libharu refuses strings over 64 KiB; no reader needs a bookmark longer
 * than this, in bytes. */
#define OUTLINE_MAX 1000
/* Furniture is set in faces the body already uses, so it costs no extra
 * embedded font (each one libharu loads costs milliseconds). */
#define HEAD_FACE OCT_FACE_SERIF_ITALIC

typedef struct drawer {
  HPDF_Doc pdf;
  oct_fontset *fs;
  const oct_layout *L;
  const oct_page_geom *g;
  const oct_style *S;
  oct_error *err;
  oct_pdf_cache *cache; /* faces parsed once per batch; NULL: parsed here */
  /* per face: its Type0 font, the CIDFontType2 under it, its definition
   * (libharu's parse of the file) */
  HPDF_Dict font[OCT_FACE_COUNT];
  HPDF_Dict cidfont[OCT_FACE_COUNT];
  HPDF_FontDef def[OCT_FACE_COUNT];
  const oct_ttf_fixed *fixed[OCT_FACE_COUNT]; /* the batch's, NULL: made when finished */
  uint8_t *used[OCT_FACE_COUNT];
  oct_buf tmp;
  /* current text state, to avoid repeating operators */
  int cur_face;
  double cur_size;
  float cur_gray;
  float cur_hscale;    /* the text's horizontal scaling (Tz), 1 = none */
  size_t pg;           /* the page being drawn, from 0 */
  size_t first, count; /* its first line and how many it has (with the repeat) */
  size_t repeat;       /* its repeated table header, or OCT_V_NONE */
  bool any_outline;
  oct_tagger *tags;
  bool span_open; /* the first part of a hyphenated word is being drawn */
  /* the page's content stream, written here and compressed at its end
   * (see put_num); the text line origin last set by Td, in thousandths of
   * a point; whether a number fell outside PDF's 32767 range */
  oct_buf ops;
  HPDF_Page page;
  long long tx, ty;
  bool out_of_range;
  oct_buf scratch; /* for deflate */
  /* oct_pdf_drawer_pages: each page's running head (or NULL for the
   * layout's title from page 2), the number of the first page drawn (from
   * 0), the page new pages go before (NULL: at the end) */
  const char *const *heads;
  size_t folio0;
  HPDF_Page before;
} drawer;

/* ---- faces loaded from memory.  HPDF_LoadTTFontFromFile reads the file
 * through a file stream, one fread per 2-byte field (16,758 of them for
 * the reference article's four faces, 6.2 M instructions); the same parse
 * over the file's bytes in memory costs a fraction of that, and the bytes
 * serve again for the font program (subset.c).  The stream owns them:
 * libharu frees it with the font definition, when the document goes. */
typedef struct face_bytes {
  const unsigned char *data;
  size_t len, pos;
  bool shared; /* DATA belongs to the batch's cache, not to the stream */
} face_bytes;

static HPDF_STATUS face_read(HPDF_Stream s, HPDF_BYTE *ptr, HPDF_UINT *siz) {
  face_bytes *m = s->attr;
  size_t n = m->len - m->pos;
  if (n > *siz) n = *siz;
  memcpy(ptr, m->data + m->pos, n);
  m->pos += n;
  if (n < *siz) {
    *siz = (HPDF_UINT)n;
    return HPDF_STREAM_EOF;
  }
  return HPDF_OK;
}

static HPDF_STATUS face_seek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode) {
  face_bytes *m = s->attr;
  long long at = mode == HPDF_SEEK_SET   ? 0
                 : mode == HPDF_SEEK_CUR ? (long long)m->pos
                                         : (long long)m->len;
  at += pos;
  if (at < 0 || at > (long long)m->len) return HPDF_STREAM_EOF;
  m->pos = (size_t)at;
  return HPDF_OK;
}

static HPDF_INT32 face_tell(HPDF_Stream s) { return (HPDF_INT32)((face_bytes *)s->attr)->pos; }

static HPDF_UINT32 face_size(HPDF_Stream s) { return (HPDF_UINT32)((face_bytes *)s->attr)->len; }

static void face_free(HPDF_Stream s) {
  face_bytes *m = s->attr;
  if (!m) return;
  if (!m->shared) free((void *)m->data);
  free(m);
  s->attr = NULL;
}

/* The bytes of the face FONTDEF was loaded from by load_face, or NULL. */
static const face_bytes *face_of(HPDF_FontDef def) {
  HPDF_TTFontDefAttr a = (HPDF_TTFontDefAttr)def->attr;
  return a && a->stream && a->stream->read_fn == face_read ? a->stream->attr : NULL;
}

/* A stream over M's bytes for MM's document; owns M (and the bytes unless
 * they are shared). */
static HPDF_Stream face_stream(HPDF_MMgr mm, face_bytes *m) {
  HPDF_Stream st = HPDF_CallbackReader_New(mm, face_read, face_seek, face_tell, face_size, m);
  if (!st) {
    if (!m->shared) free((void *)m->data);
    free(m);
    return NULL;
  }
  st->free_fn = face_free;
  return st;
}

int oct_pdf_stream_hold(void *streamv, unsigned char *data, size_t len) {
  HPDF_Stream s = streamv;
  if (!s || s->type != HPDF_STREAM_MEMORY || !s->free_fn) {
    free(data);
    return -1;
  }
  s->free_fn(s); /* the memory stream's buffers and attributes */
  face_bytes *m = oct_xcalloc(1, sizeof *m);
  *m = (face_bytes){.data = data, .len = len};
  s->type = HPDF_STREAM_CALLBACK;
  s->attr = m;
  s->size = (HPDF_UINT32)len;
  s->write_fn = NULL;
  s->read_fn = face_read;
  s->seek_fn = face_seek;
  s->tell_fn = face_tell;
  s->size_fn = face_size;
  s->free_fn = face_free;
  return 0;
}

void *oct_pdf_face_parse(void *mmgr, const unsigned char *data, size_t len) {
  face_bytes *m = oct_xcalloc(1, sizeof *m);
  *m = (face_bytes){.data = data, .len = len, .shared = true};
  HPDF_Stream st = face_stream(mmgr, m);
  return st ? HPDF_TTFontDef_Load(mmgr, st, HPDF_TRUE) : NULL; /* owns ST */
}

/* N bytes at SRC copied into MM's memory (which the definition's free
 * function gives back); NULL for none. */
static void *dup_mem(HPDF_MMgr mm, const void *src, size_t n, bool *fail) {
  if (!src || n == 0) return NULL;
  void *p = HPDF_GetMem(mm, (HPDF_UINT)n);
  if (!p) {
    *fail = true;
    return NULL;
  }
  memcpy(p, src, n);
  return p;
}

/* The batch's parsed face T (oct_pdf_cache_face) copied into this
 * document's memory: libharu frees a definition with its document's mmgr
 * and marks the glyphs a document uses in it (glyph_tbl.flgs), so one
 * definition cannot serve two documents; its tables can be copied (a few
 * KiB of memcpy against 0.75 M instructions to parse a face).  The copy's
 * stream reads the cache's bytes in place.  Every array libharu's
 * TrueType free function releases is duplicated, with the sizes its
 * loader allocated (libharu 2.3.0, hpdf_fontdef_tt.c). */
static HPDF_FontDef clone_face(HPDF_MMgr mm, const HPDF_FontDef_Rec *t, const unsigned char *data,
                               size_t len) {
  const HPDF_TTFontDefAttr_Rec *ta = t->attr;
  if (ta->char_set) return NULL; /* never set for TrueType; unknown size */
  HPDF_FontDef def = HPDF_TTFontDef_New(mm);
  if (!def) return NULL;
  HPDF_FontDef_Rec own = *def;
  HPDF_TTFontDefAttr a = def->attr;
  *def = *t;
  def->mmgr = own.mmgr;
  def->error = own.error;
  def->attr = a;
  def->descriptor = NULL;
  def->data = NULL;
  *a = *ta;
  size_t nseg = ta->cmap.seg_count_x2 / 2, ng = ta->num_glyphs;
  bool fail = false;
  a->h_metric = dup_mem(mm, ta->h_metric, ng * sizeof *ta->h_metric, &fail);
  a->name_tbl.name_records = dup_mem(mm, ta->name_tbl.name_records,
                                     ta->name_tbl.count * sizeof *ta->name_tbl.name_records, &fail);
  a->cmap.end_count = dup_mem(mm, ta->cmap.end_count, nseg * sizeof *ta->cmap.end_count, &fail);
  a->cmap.start_count =
      dup_mem(mm, ta->cmap.start_count, nseg * sizeof *ta->cmap.start_count, &fail);
  a->cmap.id_delta = dup_mem(mm, ta->cmap.id_delta, nseg * sizeof *ta->cmap.id_delta, &fail);
  a->cmap.id_range_offset =
      dup_mem(mm, ta->cmap.id_range_offset, nseg * sizeof *ta->cmap.id_range_offset, &fail);
  a->cmap.glyph_id_array =
      dup_mem(mm, ta->cmap.glyph_id_array,
              ta->cmap.glyph_id_array_count * sizeof *ta->cmap.glyph_id_array, &fail);
  a->offset_tbl.table = dup_mem(mm, ta->offset_tbl.table,
                                ta->offset_tbl.num_tables * sizeof *ta->offset_tbl.table, &fail);
  a->glyph_tbl.flgs = dup_mem(mm, ta->glyph_tbl.flgs, ng, &fail);
  a->glyph_tbl.offsets =
      dup_mem(mm, ta->glyph_tbl.offsets, (ng + 1) * sizeof *ta->glyph_tbl.offsets, &fail);
  a->stream = NULL;
  if (!fail) {
    face_bytes *m = oct_xcalloc(1, sizeof *m);
    *m = (face_bytes){.data = data, .len = len, .shared = true};
    a->stream = face_stream(mm, m);
    fail = !a->stream;
  }
  if (fail) {
    HPDF_FontDef_Free(def);
    return NULL;
  }
  return def;
}

/* What HPDF_LoadTTFontFromFile does, embedding, over the file's bytes: the
 * definition registered once per document and named with the next subset
 * tag (HPDFAA, HPDFAB, ...) as libharu names them.  In a batch the face is
 * parsed once (oct_pdf_cache_face) and copied. */
static HPDF_FontDef load_face(drawer *d, const char *path, const oct_ttf_fixed **fixed) {
  HPDF_Doc pdf = d->pdf;
  HPDF_FontDef def;
  *fixed = NULL;
  if (d->cache) {
    const unsigned char *data;
    size_t len;
    const HPDF_FontDef_Rec *t = oct_pdf_cache_face(d->cache, path, &data, &len, fixed, d->err);
    def = t ? clone_face(pdf->mmgr, t, data, len) : NULL;
  } else {
    oct_buf file = OCT_BUF_INIT;
    if (oct_file_read(path, &file, d->err) != 0) {
      oct_buf_free(&file); /* a read may fail after it reserved */
      return NULL;
    }
    face_bytes *m = oct_xcalloc(1, sizeof *m);
    m->len = file.len;
    m->data = (unsigned char *)oct_buf_detach(&file);
    HPDF_Stream st = face_stream(pdf->mmgr, m);
    def = st ? HPDF_TTFontDef_Load(pdf->mmgr, st, HPDF_TRUE) : NULL; /* owns ST now */
  }
  if (!def) return NULL;
  HPDF_FontDef known = HPDF_Doc_FindFontDef(pdf, def->base_font);
  if (known) {
    HPDF_FontDef_Free(def);
    return known;
  }
  if (HPDF_List_Add(pdf->fontdef_list, def) != HPDF_OK) {
    HPDF_FontDef_Free(def);
    return NULL;
  }
  if (pdf->ttfont_tag[0] == 0) {
    memcpy(pdf->ttfont_tag, "HPDFAA", 6);
  } else {
    for (int i = 5; i >= 0; i--) {
      if (++pdf->ttfont_tag[i] <= 'Z') break;
      pdf->ttfont_tag[i] = 'A';
    }
  }
  char tag[HPDF_TTF_FONT_TAG_LEN + 1];
  memcpy(tag, pdf->ttfont_tag, HPDF_TTF_FONT_TAG_LEN);
  tag[HPDF_TTF_FONT_TAG_LEN] = '\0';
  HPDF_TTFontDef_SetTagName(def, tag);
  return def;
}

/* The Type0 font of DEF and its CIDFontType2, made with libharu's object
 * API: HPDF_GetFont cost 1.2 M instructions a face (it clears a 128 KiB map
 * a byte at a time and visits all 65536 codes), and its maps and widths
 * were all replaced anyway.  The codes shown are the code points (CIDs,
 * Identity-H); trim_font writes the CIDToGIDMap, the widths and the
 * descriptor for the code points drawn, attach_tounicode the ToUnicode. */
static int make_font(drawer *d, int face, HPDF_FontDef def) {
  HPDF_MMgr mm = d->pdf->mmgr;
  HPDF_TTFontDefAttr ta = (HPDF_TTFontDefAttr)def->attr;
  HPDF_Dict type0 = HPDF_Dict_New(mm), cid = HPDF_Dict_New(mm), info = HPDF_Dict_New(mm);
  HPDF_Array desc = HPDF_Array_New(mm);
  if (!type0 || !cid || !info || !desc || HPDF_Xref_Add(d->pdf->xref, type0) != HPDF_OK ||
      HPDF_Xref_Add(d->pdf->xref, cid) != HPDF_OK)
    return -1;
  HPDF_STATUS st = HPDF_Dict_AddName(type0, "Type", "Font");
  st |= HPDF_Dict_AddName(type0, "Subtype", "Type0");
  st |= HPDF_Dict_AddName(type0, "BaseFont", ta->base_font);
  st |= HPDF_Dict_AddName(type0, "Encoding", "Identity-H");
  st |= HPDF_Array_Add(desc, cid);
  st |= HPDF_Dict_Add(type0, "DescendantFonts", desc);
  st |= HPDF_Dict_AddName(cid, "Type", "Font");
  st |= HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2");
  st |= HPDF_Dict_AddName(cid, "BaseFont", ta->base_font);
  /* Adobe-Identity-0, what Identity-H expects (libharu wrote an Ordering
   * "Identity-H" that poppler warned about) */
  st |= HPDF_Dict_Add(info, "Registry", HPDF_String_New(mm, "Adobe", NULL));
  st |= HPDF_Dict_Add(info, "Ordering", HPDF_String_New(mm, "Identity", NULL));
  st |= HPDF_Dict_AddNumber(info, "Supplement", 0);
  st |= HPDF_Dict_Add(cid, "CIDSystemInfo", info);
  st |= HPDF_Dict_AddNumber(cid, "DW", def->missing_width);
  if (st != HPDF_OK) return -1;
  d->font[face] = type0;
  d->cidfont[face] = cid;
  d->def[face] = def;
  return 0;
}

static HPDF_Dict get_font(drawer *d, int face) {
  if (face < 0 || face >= OCT_FACE_COUNT) return NULL;
  if (!d->font[face]) {
    const char *path = oct_fontset_path(d->fs, (oct_face)face);
    if (!path) {
      oct_error_set(d->err, "PDF: font file %s not found", oct_face_file((oct_face)face));
      return NULL;
    }
    const oct_ttf_fixed *fixed;
    HPDF_FontDef def = load_face(d, path, &fixed);
    if (!def) {
      oct_error_set(d->err, "PDF: cannot load font %s", path);
      return NULL;
    }
    if (make_font(d, face, def) != 0) {
      oct_error_set(d->err, "PDF: cannot make the font objects of %s", path);
      return NULL;
    }
    d->used[face] = oct_xcalloc(8192, 1);
    d->fixed[face] = fixed;
  }
  return d->font[face];
}

/* ---- the page's operators, written by us: libharu's cost 13.1 M
 * instructions on the reference article (each HPDF_Page_TextOut measures
 * the string again, clears a 512-byte buffer a byte at a time and writes
 * hex, four digits a character), more than typesetting it. */

/* PDF's limit on a real (PDF 32000-1 Annex C, and libharu's check). */
#define REAL_MAX 32767.0

/* V in thousandths, as a decimal with at most three places: a thousandth
 * of a point is 0.35 µm, far below what a viewer or printer shows, and
 * short numbers deflate better.  Followed by SEP. */
static void put_milli(drawer *d, long long m, char sep) {
  char b[32], *e = b + sizeof b, *q = e;
  *--q = sep;
  bool neg = m < 0;
  unsigned long long u = neg ? (unsigned long long)-m : (unsigned long long)m;
  unsigned frac = (unsigned)(u % 1000);
  u /= 1000;
  if (frac) {
    int places = 3;
    while (frac % 10 == 0) {
      frac /= 10;
      places--;
    }
    for (int i = 0; i < places; i++) {
      *--q = (char)('0' + frac % 10);
      frac /= 10;
    }
    *--q = '.';
  }
  do {
    *--q = (char)('0' + u % 10);
    u /= 10;
  } while (u);
  if (neg) *--q = '-';
  oct_buf_put(&d->ops, q, (size_t)(e - q));
}

/* V in thousandths, within LIMIT points; past it (or not a number) the
 * drawing is marked out of range and 0 written. */
static long long milli_within(drawer *d, double v, double limit) {
  if (!(v >= -limit && v <= limit)) {
    d->out_of_range = true;
    v = 0;
  }
  return llround(v * 1000);
}

/* An operand: libharu's real limit. */
static long long milli(drawer *d, double v) { return milli_within(d, v, REAL_MAX); }

static void put_num(drawer *d, double v, char sep) { put_milli(d, milli(d, v), sep); }

/* A text position, with no limit but a sane one (10^12 pt): only the moves
 * between positions are written. */
static long long text_milli(drawer *d, double v) { return milli_within(d, v, 1e12); }

/* "N1 N2 ... OP\n" for the N numbers in V. */
static void put_op(drawer *d, const double *v, int n, const char *op) {
  for (int i = 0; i < n; i++)
    put_num(d, v[i], ' ');
  oct_buf_puts(&d->ops, op);
  oct_buf_putc(&d->ops, '\n');
}

static void op1(drawer *d, double a, const char *op) { put_op(d, &a, 1, op); }
static void op2(drawer *d, double a, double b, const char *op) {
  double v[2] = {a, b};
  put_op(d, v, 2, op);
}
static void op4(drawer *d, double a, double b, double c, double e, const char *op) {
  double v[4] = {a, b, c, e};
  put_op(d, v, 4, op);
}

static void begin_text(drawer *d) {
  OCT_BUF_LIT(&d->ops, "BT\n");
  d->tx = d->ty = 0;
}

static void end_text(drawer *d) { OCT_BUF_LIT(&d->ops, "ET\n"); }

/* A line from (X0, Y0) to (X1, Y1), GRAY, WIDTH wide. */
static void stroke_line(drawer *d, float gray, double width, double x0, double y0, double x1,
                        double y1) {
  op1(d, gray, "G");
  op1(d, width, "w");
  op2(d, x0, y0, "m");
  op2(d, x1, y1, "l");
  OCT_BUF_LIT(&d->ops, "S\n");
}

/* TEXT (LEN bytes of UTF-8), and a space after it with SPACE, as a literal
 * string of two-byte codes, the code points themselves (Identity-H with
 * our CIDToGIDMap), each marked used in FACE; characters past U+FFFF are
 * dropped, as libharu's UTF-8 encoder drops them.  One pass, written
 * straight into the reserved buffer: through a call per byte and another
 * pass to mark the code points it cost ~90 instructions a character. */
static void put_string(drawer *d, int face, const char *text, size_t len, bool space) {
  uint8_t *u = d->used[face];
  /* at most 4 bytes a character (two escaped bytes), the space, "()" and " Tj\n" */
  oct_buf_reserve(&d->ops, 4 * len + 16);
  char *q = d->ops.data + d->ops.len;
  *q++ = '(';
  size_t i = 0;
  for (;;) {
    uint32_t cp;
    if (i < len && (unsigned char)text[i] < 0x80) {
      cp = (unsigned char)text[i++];
    } else if (!oct_utf8_next(text, len, &i, &cp)) {
      if (!space) break;
      space = false;
      cp = ' ';
    }
    if (cp > 0xFFFF) continue;
    u[cp >> 3] |= (uint8_t)(1u << (cp & 7));
    unsigned char b[2] = {(unsigned char)(cp >> 8), (unsigned char)cp};
    for (int k = 0; k < 2; k++) {
      /* a literal string escapes its delimiters and the backslash, and an
       * end of line, which a reader would read as a newline */
      switch (b[k]) {
      case '(':
      case ')':
      case '\\':
        *q++ = '\\';
        *q++ = (char)b[k];
        break;
      case '\r':
        *q++ = '\\';
        *q++ = 'r';
        break;
      case '\n':
        *q++ = '\\';
        *q++ = 'n';
        break;
      default:
        *q++ = (char)b[k];
      }
    }
  }
  memcpy(q, ") Tj\n", 5);
  q += 5;
  d->ops.len = (size_t)(q - d->ops.data);
  d->ops.data[d->ops.len] = '\0';
}

static void set_fill(drawer *d, float gray) {
  const float *link = d->S->linkcolor;
  if (gray < 0) { /* links: layout marks them with a negative gray */
    double v[3] = {link[0], link[1], link[2]};
    put_op(d, v, 3, "rg");
  } else {
    op1(d, gray, "g");
  }
}

/* What libharu's status means, for the one-line error.  Once it has
 * refused an operation every later call fails too, so without this check a
 * later, unrelated step (the fonts' maps) took the blame: an 8,000-character
 * word once failed the PDF with "cannot write a font's CIDToGIDMap" when a
 * link's rectangle was out of range.  Returns 0 when nothing was refused: checked right after
 * each call that may be refused, while its status is still the first. */
static int refused(drawer *d) {
  if (d->out_of_range) /* PDF's own limit on a number, which libharu checked too */
    return oct_error_set(
        d->err, "PDF: drawing refused a position beyond its 32767 pt range on page %zu", d->pg + 1);
  HPDF_STATUS st = HPDF_GetError(d->pdf);
  if (st == HPDF_OK) return 0;
  const char *why = st == HPDF_REAL_OUT_OF_RANGE     ? "a position beyond its 32767 pt range"
                    : st == HPDF_STRING_OUT_OF_RANGE ? "a string longer than 64 KiB"
                                                     : "an operation";
  return oct_error_set(d->err, "PDF: the PDF library refused %s on page %zu (error 0x%04X)", why,
                       d->pg + 1, (unsigned)st);
}

/* Draws text S (LEN bytes) at baseline (X, Y) in page coordinates; with
 * SPACE, a space character follows it.  Words are placed one by one, so the
 * space is invisible to the layout, but it tells text extraction and
 * copy/paste where a word ends even on a line shrunk tight (poppler joins
 * words whose gap is under about a sixth of an em). */
static int text_at(drawer *d, int face, double size, float gray, double x, double y, const char *s,
                   size_t len, bool space) {
  HPDF_Dict f = get_font(d, face);
  if (!f) return -1;
  if (face != d->cur_face || size != d->cur_size) {
    const char *name = HPDF_Page_GetLocalFontName(d->page, f);
    if (!name) return refused(d) ? -1 : oct_error_set(d->err, "PDF: cannot use a font on a page");
    oct_buf_putc(&d->ops, '/');
    oct_buf_puts(&d->ops, name);
    oct_buf_putc(&d->ops, ' ');
    op1(d, size, "Tf");
    d->cur_face = face;
    d->cur_size = size;
  }
  if (gray != d->cur_gray) {
    set_fill(d, gray);
    d->cur_gray = gray;
  }
  /* PDF/A-1 allows strings of at most 65535 bytes (ISO 19005-1 §6.1.12):
   * a giant "word" is shown in pieces cut at character boundaries, each
   * placed after the advance of the one before. */
  const size_t piece = 16384;
  for (;;) {
    size_t n = len > piece ? oct_utf8_prefix(s, len, piece) : len;
    if (n == 0 && !space) break;
    /* Td is relative to the last one: the difference of the rounded
     * positions, so that no error adds up along a line */
    /* the limit is on the numbers written, the moves: a giant word's
     * pieces run far off the page (16384 characters of a heading are
     * 126,000 pt), so a long move is made in steps */
    long long mx = text_milli(d, x), my = text_milli(d, y);
    const long long step = (long long)REAL_MAX * 1000;
    long long dx = mx - d->tx, dy = my - d->ty;
    while (dx > step || dx < -step || dy > step || dy < -step) {
      long long sx = dx > step ? step : dx < -step ? -step : dx;
      long long sy = dy > step ? step : dy < -step ? -step : dy;
      put_milli(d, sx, ' ');
      put_milli(d, sy, ' ');
      OCT_BUF_LIT(&d->ops, "Td\n");
      dx -= sx;
      dy -= sy;
    }
    put_milli(d, dx, ' ');
    put_milli(d, dy, ' ');
    OCT_BUF_LIT(&d->ops, "Td\n");
    d->tx = mx;
    d->ty = my;
    if (n == len) {
      put_string(d, face, s, n, space);
      break;
    }
    put_string(d, face, s, n, false);
    size_t i = 0;
    uint32_t cp;
    while (oct_utf8_next(s, n, &i, &cp))
      x += oct_fontset_advance(d->fs, (oct_face)face, cp) * size;
    s += n;
    len -= n;
  }
  return refused(d);
}

/* Horizontal scaling (Tz) for the next text: layout's font expansion of a
 * justified line, 1 (100 %) for everything else. */
static void set_hscale(drawer *d, float hscale) {
  float h = hscale > 0 ? hscale : 1;
  if (h == d->cur_hscale) return;
  op1(d, (double)h * 100, "Tz");
  d->cur_hscale = h;
}

/* Page coordinates of a vertical line's top, given the distance from the
 * text block's top. */
static double page_y(const oct_page_geom *g, double from_top) {
  return g->height - g->top - from_top;
}

/* IMAGE scaled to W by H with its lower left corner at (X, Y). */
static void draw_image(drawer *d, HPDF_Image image, double x, double y, double w, double h) {
  const char *name = HPDF_Page_GetXObjectName(d->page, image);
  if (!name) return; /* out of memory: refused() says so after the page */
  OCT_BUF_LIT(&d->ops, "q\n");
  double m[6] = {w, 0, 0, h, x, y};
  put_op(d, m, 6, "cm");
  oct_buf_putc(&d->ops, '/');
  oct_buf_puts(&d->ops, name);
  OCT_BUF_LIT(&d->ops, " Do\nQ\n");
}

static void draw_graphics(drawer *d, const oct_vline *v, double top) {
  const oct_page_geom *g = d->g;
  for (size_t k = v->first; k < v->first + v->count; k++) {
    const oct_pitem *p = &d->L->items[k];
    double x = g->left + p->x, y = page_y(g, top + p->y);
    /* only images are content; grounds, rules and marks are artifacts */
    if (p->kind == OCT_PI_IMAGE && p->image >= 0 && d->L->images[p->image].handle)
      oct_tags_begin(d->tags, p->se);
    else if (p->kind != OCT_PI_TEXT && p->kind != OCT_PI_IMAGE)
      oct_tags_begin(d->tags, -1);
    switch (p->kind) {
    case OCT_PI_RECT:
      op1(d, p->gray, "g");
      op4(d, x, y - p->h - SEAM, p->w, p->h + SEAM, "re");
      OCT_BUF_LIT(&d->ops, "f\n");
      break;
    case OCT_PI_RULE:
      stroke_line(d, p->gray, p->h, x, y, x + p->w, y);
      break;
    case OCT_PI_HOOK:
      /* a hooked arrow: down, then right, with a small head */
      op1(d, p->gray, "G");
      op1(d, d->S->hookstroke, "w");
      op2(d, x, y, "m");
      op2(d, x, y - p->h, "l");
      op2(d, x + p->w, y - p->h, "l");
      op2(d, x + p->w - ARROWHEAD, y - p->h + ARROWHEAD, "m");
      op2(d, x + p->w, y - p->h, "l");
      op2(d, x + p->w - ARROWHEAD, y - p->h - ARROWHEAD, "l");
      OCT_BUF_LIT(&d->ops, "S\n");
      break;
    case OCT_PI_IMAGE:
      if (p->image >= 0 && d->L->images[p->image].handle)
        draw_image(d, (HPDF_Image)d->L->images[p->image].handle, x, y - p->h, p->w, p->h);
      break;
    default:
      break;
    }
  }
}

/* Whether line V ends in a hyphen that hyphenation added. */
static bool ends_hyphenated(const drawer *d, const oct_vline *v) {
  for (size_t k = v->first + v->count; k > v->first; k--) {
    const oct_pitem *p = &d->L->items[k - 1];
    if (p->kind == OCT_PI_TEXT) return p->hyphen;
  }
  return false;
}

/* The line after V in the vertical list, or NULL. */
static const oct_vline *next_line(const drawer *d, const oct_vline *v) {
  size_t i = (size_t)(v - d->L->lines) + 1;
  return i < d->L->nlines ? &d->L->lines[i] : NULL;
}

/* Whether line V is a wrapped code line's continuation (its mark). */
static bool is_continuation(const drawer *d, const oct_vline *v) {
  for (size_t k = v->first; k < v->first + v->count; k++)
    if (d->L->items[k].kind == OCT_PI_HOOK) return true;
  return false;
}

/* The end of the run of line V's text items from K (a text item): the
 * items that continue each other in the pool and are drawn as one string. */
static size_t run_end(const drawer *d, const oct_vline *v, size_t k) {
  const oct_pitem *items = d->L->items, *p = &items[k];
  size_t end = v->first + v->count, len = p->len, j = k + 1;
  double w = p->w;
  while (j < end && !items[j - 1].space_after && items[j].kind == OCT_PI_TEXT &&
         items[j].face == p->face && items[j].size == p->size && items[j].gray == p->gray &&
         items[j].link == p->link && items[j].strike == p->strike && items[j].y == p->y &&
         items[j].se == p->se && items[j].hscale == p->hscale && items[j].off == p->off + len &&
         items[j].x - (p->x + w) < SAME_X && items[j].x - (p->x + w) > -SAME_X) {
    len += items[j].len;
    w += items[j].w;
    j++;
  }
  return j;
}

/* The first text item of line V at or after K, or its end. */
static size_t first_text(const drawer *d, const oct_vline *v, size_t k) {
  while (k < v->first + v->count && d->L->items[k].kind != OCT_PI_TEXT)
    k++;
  return k;
}

/* Text of one line; adjacent runs that continue each other in the pool
 * (the pieces of a hyphenatable word) are drawn as one string.  Each run
 * is marked as its structure element's content, or as an artifact when
 * ARTIFACT (a table header repeated on a continuation page). */
static int draw_text(drawer *d, const oct_vline *v, double top, bool artifact) {
  const oct_page_geom *g = d->g;
  const oct_pitem *items = d->L->items;
  const char *pool = d->L->pool.data;
  size_t end = v->first + v->count;
  if (v->label >= 0) {
    const oct_pitem *p = &items[v->label];
    set_hscale(d, 1);
    oct_tags_begin(d->tags, artifact ? -1 : p->se);
    /* the space after the label ends it for text extraction */
    if (text_at(d, p->face, p->size, p->gray, g->left + p->x, page_y(g, top + p->y), pool + p->off,
                p->len, true) != 0)
      return -1;
  }
  /* A word hyphenated across lines reads whole (PDF 32000-1 §14.9.4): its
   * first part and hyphen carry the word as /ActualText, its second part
   * an empty one.  The two parts are found in the vertical list, so the
   * word is whole even when a page break falls between them. */
  size_t hy = SIZE_MAX, second_end = SIZE_MAX;
  const oct_vline *nv = next_line(d, v);
  if (!artifact && ends_hyphenated(d, v) && nv) {
    for (size_t k = end; k > v->first; k--)
      if (items[k - 1].kind == OCT_PI_TEXT) {
        hy = k - 1;
        break;
      }
  }
  size_t vi = (size_t)(v - d->L->lines);
  if (!artifact && vi > 0 && ends_hyphenated(d, &d->L->lines[vi - 1]))
    second_end = first_text(d, v, v->first);
  for (size_t k = v->first; k < end;) {
    const oct_pitem *p = &items[k];
    if (p->kind != OCT_PI_TEXT) {
      k++;
      continue;
    }
    size_t j = run_end(d, v, k), len = 0;
    for (size_t i = k; i < j; i++)
      len += items[i].len;
    bool span = false;
    size_t s0 = nv ? first_text(d, nv, nv->first) : 0;
    if (hy != SIZE_MAX && j == hy && items[hy].se == p->se && s0 < nv->first + nv->count) {
      /* the word's first part ends with this run (an earlier run of it,
       * in another face, reads as itself), its second is the next line's
       * first run */
      size_t s1 = run_end(d, nv, s0);
      oct_buf_clear(&d->tmp);
      oct_buf_put(&d->tmp, pool + p->off, len);
      for (size_t s = s0; s < s1; s++)
        oct_buf_put(&d->tmp, pool + items[s].off, items[s].len);
      oct_tags_span(d->tags, p->se, d->tmp.data, d->tmp.len);
      d->span_open = true;
    } else if (k == second_end) {
      oct_tags_span(d->tags, p->se, "", 0);
      span = true;
    } else if (!d->span_open) {
      oct_tags_begin(d->tags, artifact ? -1 : p->se);
    }
    /* a space at the line's end too (unless the word goes on: a hyphen, a
     * wrapped code line), so that the structure's text, which follows the
     * content and not the page, keeps its words apart */
    bool space = items[j - 1].space_after;
    if (j == end && !items[j - 1].hyphen && !(nv && is_continuation(d, nv))) space = true;
    /* and where a table cell's text goes on on its next line */
    if (j < end && items[j].kind == OCT_PI_TEXT && items[j].y != items[j - 1].y) space = true;
    set_hscale(d, p->hscale);
    if (text_at(d, p->face, p->size, p->gray, g->left + p->x, page_y(g, top + p->y), pool + p->off,
                len, space) != 0)
      return -1;
    if (span || (d->span_open && items[j - 1].hyphen)) {
      oct_tags_end(d->tags);
      d->span_open = false;
    }
    k = j;
  }
  return 0;
}

/* Link annotations and strike-through lines, after the text object. */
static int draw_after_text(drawer *d, HPDF_Page page, const oct_vline *v, double top) {
  const oct_page_geom *g = d->g;
  const oct_pitem *items = d->L->items;
  size_t end = v->first + v->count;
  for (size_t k = v->first; k < end;) {
    const oct_pitem *p = &items[k];
    if (p->kind != OCT_PI_TEXT || (p->link < 0 && !p->strike)) {
      k++;
      continue;
    }
    double x0 = p->x, x1 = p->x + p->w;
    size_t j = k + 1;
    while (j < end && items[j].kind == OCT_PI_TEXT && items[j].link == p->link &&
           items[j].strike == p->strike && items[j].y == p->y) {
      x1 = items[j].x + items[j].w;
      j++;
    }
    double base = page_y(g, top + p->y);
    if (p->link >= 0) {
      HPDF_Rect r = {(HPDF_REAL)(g->left + x0), (HPDF_REAL)(base - p->size * OCT_FONT_DESCENT),
                     (HPDF_REAL)(g->left + x1), (HPDF_REAL)(base + p->size * OCT_FONT_ASCENT)};
      HPDF_Annotation a =
          HPDF_Page_CreateURILinkAnnot(page, r, d->L->pool.data + d->L->links[p->link]);
      if (refused(d)) return -1; /* libharu makes the link even when it refused its corners */
      if (a) {
        HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
        /* PDF/A-1 (ISO 19005-1 §6.5.3): annotations are printed (flag 4) */
        HPDF_Dict_AddNumber(a, "F", 4);
        const oct_selem *e =
            p->se >= 0 && (size_t)p->se < d->L->nselems ? &d->L->selems[p->se] : NULL;
        oct_tags_annot(d->tags, p->se, a,
                       e && e->alt_off != OCT_SE_NONE ? d->L->pool.data + e->alt_off : NULL);
      }
    }
    if (p->strike) {
      oct_tags_begin(d->tags, -1);

      double sy = base + p->size * d->S->strikeheight;
      stroke_line(d, 0, p->size * d->S->strikewidth, g->left + x0, sy, g->left + x1, sy);
    }
    k = j;
  }
  return 0;
}

static double string_width(drawer *d, int face, const char *s, double size) {
  return oct_fontset_width(d->fs, (oct_face)face, s, strlen(s)) * size;
}

/* The page number, drawn after the body so that text extraction in content
 * order (pdftotext -raw, untagged screen readers) reads head, body, folio. */
static int draw_folio(drawer *d, size_t pageno) {
  const oct_page_geom *g = d->g;
  char num[32];
  snprintf(num, sizeof num, "%zu", pageno + 1);
  double nw = string_width(d, OCT_FACE_SERIF, num, g->folio_size);
  oct_tags_begin(d->tags, -1);
  begin_text(d);
  d->cur_face = -1;
  d->cur_gray = -2;
  set_hscale(d, 1);
  int rc = text_at(d, OCT_FACE_SERIF, g->folio_size, d->S->foliogray,
                   g->left + (d->g->measure - nw) / 2, g->folio_base, num, strlen(num), false);
  end_text(d);
  oct_tags_end(d->tags);
  return rc;
}

/* The running head with a rule below it, from page 2 on. */
static int draw_head(drawer *d, size_t pageno) {
  const oct_page_geom *g = d->g;
  double measure = d->g->measure;
  const char *h = d->heads ? d->heads[pageno] : pageno == 0 ? NULL : d->L->title;
  if (!h || !*h) return 0;
  oct_buf t = OCT_BUF_INIT;
  /* only what the face can set: the title block already warned about the rest */
  for (size_t i = 0, hl = strlen(h); i < hl;) {
    uint32_t cp;
    size_t n = oct_utf8_decode(h + i, hl - i, &cp);
    if (!n) break;
    if (oct_fontset_has(d->fs, HEAD_FACE, cp)) oct_buf_put(&t, h + i, n);
    i += n;
  }
  if (!t.data) oct_buf_puts(&t, "");
  /* a head that would not fit is cut at a word and marked */
  if (string_width(d, HEAD_FACE, t.data, g->head_size) > measure) {
    char *sp;
    do {
      sp = strrchr(t.data, ' ');
      if (!sp || sp == t.data) break;
      *sp = '\0';
      t.len = (size_t)(sp - t.data);
    } while (string_width(d, HEAD_FACE, t.data, g->head_size) + g->head_size > measure);
    OCT_BUF_LIT(&t, "\xE2\x80\xA6");
  }
  oct_tags_begin(d->tags, -1);
  begin_text(d);
  d->cur_face = -1;
  d->cur_gray = -2;
  set_hscale(d, 1);
  int rc = text_at(d, HEAD_FACE, g->head_size, d->S->headgray, g->left, g->head_base, t.data, t.len,
                   false);
  end_text(d);
  oct_buf_free(&t);
  stroke_line(d, d->S->headrulegray, d->S->headrulewidth, g->left, g->head_rule, g->left + measure,
              g->head_rule);
  oct_tags_end(d->tags);
  return rc;
}

/* The font descriptor of the definition face F uses, made here before
 * libharu writes the file (it then keeps ours instead of making its own):
 * with PROG, our font program (subset.c), named NAME, written as its
 * part up to FIXED_AT stored (glyph data deflates only to ~70 % at ~120
 * instructions a byte) and the face's fixed tables FX, compressed once
 * (its last FX->raw.len bytes), and the keys libharu writes, plus what PDF/A-1 (ISO 19005-1 §6.3.5)
 * wants and libharu leaves out for TrueType: /CapHeight, and the /CIDSet of a subset CID font, SET.
 */
static int font_descriptor(drawer *d, int f, HPDF_Dict set, const oct_buf *prog, size_t fixed_at,
                           const oct_ttf_fixed *fx, const char *name) {
  HPDF_FontDef def = d->def[f];
  HPDF_MMgr mm = d->pdf->mmgr;
  const char *path = oct_fontset_path(d->fs, (oct_face)f);
  HPDF_Dict desc = HPDF_Dict_New(mm), data = HPDF_DictStream_New(mm, d->pdf->xref);
  if (!desc || !data || HPDF_Xref_Add(d->pdf->xref, desc) != HPDF_OK)
    return oct_error_set(d->err, "PDF: out of memory in the PDF library");
  /* the height of "H" in the font's 1000-unit space */
  HPDF_Box h = HPDF_TTFontDef_GetCharBBox(def, 'H');
  oct_zpiece pieces[2] = {{.data = prog->data, .len = fixed_at},
                          {.len = fx->raw.len, .z = &fx->z, .adler = fx->adler}};
  HPDF_STATUS st = HPDF_Dict_AddName(desc, "Type", "FontDescriptor");
  st |= HPDF_Dict_AddNumber(desc, "Ascent", def->ascent);
  st |= HPDF_Dict_AddNumber(desc, "Descent", def->descent);
  st |= HPDF_Dict_AddNumber(desc, "Flags", (HPDF_INT32)def->flags);
  st |= HPDF_Dict_Add(desc, "FontBBox", HPDF_Box_Array_New(mm, def->font_bbox));
  st |= HPDF_Dict_AddName(desc, "FontName", name);
  st |= HPDF_Dict_AddNumber(desc, "ItalicAngle", def->italic_angle);
  st |= HPDF_Dict_AddNumber(desc, "StemV", def->stemv);
  st |= HPDF_Dict_AddNumber(desc, "XHeight", def->x_height);
  st |= HPDF_Dict_AddNumber(desc, "CapHeight", (HPDF_INT32)h.top);
  st |= HPDF_Dict_Add(desc, "CIDSet", set);
  st |= HPDF_Dict_Add(desc, "FontFile2", data);
  st |= HPDF_Dict_AddNumber(data, "Length1", (HPDF_INT32)prog->len);
  st |= HPDF_Dict_AddNumber(data, "Length2", 0);
  st |= HPDF_Dict_AddNumber(data, "Length3", 0);
  if (st != HPDF_OK || oct_pdf_pieces_into(data, pieces, 2, &d->scratch) != 0)
    return oct_error_set(d->err, "PDF: cannot write the font program of %s",
                         path ? path : "a face");
  def->descriptor = desc;
  return 0;
}

/* A face's code points drawn, ascending (oct_used_list): read from its
 * bitmap once, not walked again by each map. */
typedef struct cplist {
  uint16_t *cp;
  size_t n;
} cplist;

static cplist cplist_of(const uint8_t *used) {
  cplist l = {NULL, oct_used_list(used, NULL)};
  l.cp = oct_xmalloc((l.n ? l.n : 1) * sizeof *l.cp);
  oct_used_list(used, l.cp);
  return l;
}

/* The highest code point of L, 0 when none (still a whole map). */
static size_t cplist_max(cplist l) { return l.n ? l.cp[l.n - 1] : 0; }

/* The CIDSet of a program with the code points L: a bit per CID from the
 * high bit of the first byte; the CIDs are the code points drawn, and CID 0
 * (.notdef), which every subset keeps.  NULL when out of memory. */
static HPDF_Dict font_cidset(drawer *d, cplist l) {
  size_t n = cplist_max(l) / 8 + 1;
  HPDF_BYTE *bits = oct_xcalloc(n, 1);
  bits[0] = 0x80;
  for (size_t i = 0; i < l.n; i++)
    bits[l.cp[i] >> 3] |= (HPDF_BYTE)(0x80u >> (l.cp[i] & 7));
  HPDF_Dict set = HPDF_DictStream_New(d->pdf->mmgr, d->pdf->xref);
  int rc = set ? oct_pdf_zeros_into(set, bits, n, &d->scratch) : -1;
  free(bits);
  return rc == 0 ? set : NULL;
}

/* Face F's CIDToGIDMap and W array, written for exactly the code points it
 * drew, L (the map up to the highest one, as CIDs past its end are never
 * shown); NEWID gives the program's id of each glyph of the face. */
static int trim_font(drawer *d, int f, cplist l, const uint16_t *newid) {
  HPDF_FontDef def = d->def[f];
  unsigned nglyphs = ((HPDF_TTFontDefAttr)def->attr)->num_glyphs;
  HPDF_Dict cid = d->cidfont[f];
  {
    /* CID = code point; glyph ids from libharu's own cmap reader, as the
     * subsetter found them, then renumbered as it renumbered them */
    HPDF_Dict map = HPDF_DictStream_New(d->pdf->mmgr, d->pdf->xref);
    if (!map || HPDF_Dict_Add(cid, "CIDToGIDMap", map) != HPDF_OK)
      return oct_error_set(d->err, "PDF: cannot write a font's CIDToGIDMap");
    size_t n = (cplist_max(l) + 1) * 2;
    HPDF_BYTE *buf = oct_xcalloc(n, 1);
    for (size_t i = 0; i < l.n; i++) {
      HPDF_UINT16 gid = HPDF_TTFontDef_GetGlyphid(def, l.cp[i]);
      unsigned v = gid < nglyphs ? newid[gid] : 0;
      buf[l.cp[i] * 2] = (HPDF_BYTE)(v >> 8);
      buf[l.cp[i] * 2 + 1] = (HPDF_BYTE)v;
    }
    /* compressed from our buffer: through libharu's stream it was copied a
     * byte at a time (16 KB a face that drew a curly quote) */
    HPDF_STATUS st =
        oct_pdf_zeros_into(map, buf, n, &d->scratch) == 0 ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM;
    free(buf);
    if (st != HPDF_OK) return oct_error_set(d->err, "PDF: cannot write a font's CIDToGIDMap");
  }
  HPDF_Array w = HPDF_Array_New(cid->mmgr);
  if (!w) return oct_error_set(d->err, "PDF: out of memory in the PDF library");
  HPDF_Array run = NULL;
  long prev = -2;
  for (size_t i = 0; i < l.n; i++) {
    long cp = l.cp[i];
    /* the same integer rounding libharu uses, so widths agree with its own */
    double adv = oct_fontset_advance(d->fs, (oct_face)f, (uint32_t)cp);
    HPDF_INT32 width = (HPDF_INT32)(adv * 1000 + 1e-6);
    if (cp != prev + 1 || !run) {
      HPDF_Array_AddNumber(w, (HPDF_INT32)cp);
      run = HPDF_Array_New(cid->mmgr);
      if (!run || HPDF_Array_Add(w, run) != HPDF_OK)
        return oct_error_set(d->err, "PDF: out of memory in the PDF library");
    }
    HPDF_Array_AddNumber(run, width);
    prev = cp;
  }
  if (HPDF_Dict_Add(cid, "W", w) != HPDF_OK)
    return oct_error_set(d->err, "PDF: cannot replace a font's widths");
  return 0;
}

/* The subset tag of PROG, six capitals from an FNV-1a hash of its bytes:
 * the tag names the program's content (PDF 32000-1 §9.6.4 wants different
 * subsets to have different tags), so a tool that merges PDFs never takes
 * two different programs for one, whatever document or batch they came
 * from.  FNV because 6 letters (28 bits) only tell programs apart, they do
 * not guard against forgery, and it costs ~5 instructions a byte. */
static void subset_tag(const oct_buf *prog, char tag[7]) {
  uint64_t h = 14695981039346656037u;
  for (size_t i = 0; i < prog->len; i++) {
    h ^= (unsigned char)prog->data[i];
    h *= 1099511628211u;
  }
  for (int i = 0; i < 6; i++) {
    tag[i] = (char)('A' + h % 26);
    h /= 26;
  }
  tag[6] = '\0';
}

/* Every face that uses definition DEF (two faces may share one file) gets
 * one program with the glyphs all of them drew, its descriptor, and each
 * its own map and widths.  A definition is finished once per document. */
static int finish_def(drawer *d, HPDF_FontDef def) {
  HPDF_TTFontDefAttr ta = (HPDF_TTFontDefAttr)def->attr;
  int first = -1, nfaces = 0;
  for (int f = 0; f < OCT_FACE_COUNT; f++)
    if (d->font[f] && d->def[f] == def) {
      if (first < 0) first = f;
      nfaces++;
    }
  const char *path = oct_fontset_path(d->fs, (oct_face)first);
  if (def->descriptor) /* the glyph ids of its program are fixed now */
    return oct_error_set(d->err, "PDF: font %s finished twice in one document",
                         path ? path : "(unnamed)");
  cplist own[OCT_FACE_COUNT] = {{0}};
  for (int f = 0; f < OCT_FACE_COUNT; f++)
    if (d->font[f] && d->def[f] == def) own[f] = cplist_of(d->used[f]);
  cplist all = own[first];
  if (nfaces > 1) {
    uint8_t *u = oct_xcalloc(8192, 1);
    for (int f = 0; f < OCT_FACE_COUNT; f++)
      for (size_t i = 0; i < own[f].n; i++)
        u[own[f].cp[i] >> 3] |= (uint8_t)(1u << (own[f].cp[i] & 7));
    all = cplist_of(u);
    free(u);
  }
  oct_buf prog = OCT_BUF_INIT;
  uint16_t *newid = NULL;
  /* load_face reads every face through face_stream: its bytes are at hand */
  const face_bytes *m = face_of(def);
  int rc = m ? 0 : oct_error_set(d->err, "PDF: font %s has no bytes", path ? path : "(unnamed)");
  const unsigned char *bytes = m ? m->data : NULL;
  size_t nbytes = m ? m->len : 0;
  /* the fixed tables compressed once for the batch, or now */
  oct_ttf_fixed own_fixed = {0};
  const oct_ttf_fixed *fx = d->fixed[first];
  if (rc == 0 && !fx) {
    if (oct_ttf_fixed_make(def, bytes, nbytes, &own_fixed) != 0)
      rc = oct_error_set(d->err, "PDF: out of memory compressing font %s", path ? path : "");
    fx = &own_fixed;
  }
  size_t fixed_at = 0;
  if (rc == 0 &&
      oct_ttf_subset(def, bytes, nbytes, all.cp, all.n, fx, &prog, &fixed_at, &newid) != 0)
    rc = oct_error_set(d->err, "PDF: cannot cut the font program of %s", path ? path : "a face");
  char name[HPDF_LIMIT_MAX_NAME_LEN + 1];
  HPDF_Dict set = NULL;
  if (rc == 0) {
    char tag[7];
    subset_tag(&prog, tag);
    /* libharu named the face TAG+NAME when it was loaded */
    const char *plus = strchr(ta->base_font, '+');
    snprintf(name, sizeof name, "%s+%.120s", tag, plus ? plus + 1 : ta->base_font);
    set = font_cidset(d, all);
    if (!set) rc = oct_error_set(d->err, "PDF: cannot write a font's CIDSet");
  }
  if (rc == 0) rc = font_descriptor(d, first, set, &prog, fixed_at, fx, name);
  for (int f = 0; f < OCT_FACE_COUNT && rc == 0; f++) {
    if (!d->font[f] || d->def[f] != def) continue;
    if (HPDF_Dict_AddName(d->font[f], "BaseFont", name) != HPDF_OK ||
        HPDF_Dict_AddName(d->cidfont[f], "BaseFont", name) != HPDF_OK ||
        HPDF_Dict_Add(d->cidfont[f], "FontDescriptor", def->descriptor) != HPDF_OK)
      rc = oct_error_set(d->err, "PDF: out of memory in the PDF library");
    else
      rc = trim_font(d, f, own[f], newid);
  }
  if (nfaces > 1) free(all.cp);
  for (int f = 0; f < OCT_FACE_COUNT; f++)
    free(own[f].cp);
  free(newid);
  oct_ttf_fixed_free(&own_fixed);
  oct_buf_free(&prog);
  return rc;
}

/* libharu already hung its (invalid) map on each font: the stream object is
 * rewritten in place rather than replaced, so the file carries no orphaned
 * 100 KB CMap and no time is spent compressing one. */
static int attach_tounicode(drawer *d) {
  static const char *const stale[] = {"CIDSystemInfo", "CMapName", "Type", "WMode", "UseCMap"};
  /* the maps' fixed text compressed once for the batch, or once here */
  oct_cmap_parts own = {0};
  const oct_cmap_parts *parts = d->cache ? oct_pdf_cache_cmap(d->cache) : NULL;
  if (!parts) {
    if (oct_tounicode_parts(&own) != 0)
      return oct_error_set(d->err, "PDF: out of memory writing the ToUnicode maps");
    parts = &own;
  }
  oct_buf body = OCT_BUF_INIT;
  int rc = 0;
  for (int f = 0; f < OCT_FACE_COUNT && rc == 0; f++) {
    if (!d->font[f]) continue;
    oct_buf_clear(&body);
    size_t ncp = oct_used_list(d->used[f], NULL);
    uint16_t *cps = oct_xmalloc((ncp ? ncp : 1) * sizeof *cps);
    oct_used_list(d->used[f], cps);
    oct_tounicode_body(cps, ncp, &body);
    free(cps);
    HPDF_Dict font = (HPDF_Dict)d->font[f];
    HPDF_Dict stream = HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT);
    if (stream && stream->stream) {
      HPDF_MemStream_FreeData(stream->stream);
      /* a missing key only returns "not found", without setting the error */
      for (size_t k = 0; k < sizeof stale / sizeof *stale; k++)
        HPDF_Dict_RemoveElement(stream, stale[k]);
    } else {
      stream = HPDF_DictStream_New(d->pdf->mmgr, d->pdf->xref);
      if (!stream || HPDF_Dict_Add(font, "ToUnicode", stream) != HPDF_OK) {
        rc = oct_error_set(d->err, "PDF: cannot attach the ToUnicode map");
        break;
      }
    }
    /* deflating each whole map cost ~100,000 instructions, most of it
     * zlib's set-up and trees for ~400 bytes: 0.4 M a briefing */
    oct_zpiece p[3] = {{.len = parts->head_len, .z = &parts->head, .adler = parts->head_adler},
                       {.data = body.data, .len = body.len, .lz = true},
                       {.len = parts->tail_len, .z = &parts->tail, .adler = parts->tail_adler}};
    if (oct_pdf_pieces_into(stream, p, 3, &d->scratch) != 0)
      rc = oct_error_set(d->err, "PDF: cannot write the ToUnicode map");
  }
  oct_buf_free(&body);
  oct_tounicode_parts_free(&own);
  return rc;
}

/* Line J of the page being drawn: its repeated table header first, when
 * it has one, then its own lines. */
static const oct_vline *page_line(const drawer *d, size_t j) {
  if (d->repeat != OCT_V_NONE) {
    if (j == 0) return &d->L->lines[d->repeat];
    j--;
  }
  return &d->L->lines[d->first + j];
}

/* A bookmark for the heading that starts line V, TOP from the text block's
 * top, nested under the last bookmark of a higher level (STACK). */
static void add_outline(drawer *d, HPDF_Page page, const oct_vline *v, double top,
                        HPDF_Outline stack[7]) {
  int lv = v->outline_level > 6 ? 6 : v->outline_level;
  HPDF_Outline parent = NULL;
  for (int k = lv - 1; k >= 1 && !parent; k--)
    parent = stack[k];
  oct_buf_clear(&d->tmp);
  oct_buf_put_clipped(&d->tmp, d->L->pool.data + v->title_off, OUTLINE_MAX);
  /* the title as a text string of our own (tags.c): libharu's needs its
   * UTF-8 encoder, whose set-up cost 1.4 M instructions a document */
  HPDF_Outline o = HPDF_CreateOutline(d->pdf, parent, "", NULL);
  if (o) {
    HPDF_Dict_Add(o, "Title", oct_pdf_text_string(d->pdf, d->tmp.data, OUTLINE_MAX));
    /* the destination [page /XYZ left top zoom] written in the outline
     * item itself: libharu's is a separate object, which PDFBox (and so
     * PDF/A validation) refuses to read as a destination */
    double y = page_y(d->g, top) + d->g->size;
    HPDF_Array dst = HPDF_Array_New(d->pdf->mmgr);
    if (dst) {
      HPDF_Array_Add(dst, page);
      HPDF_Array_AddName(dst, "XYZ");
      HPDF_Array_AddReal(dst, 0);
      HPDF_Array_AddReal(dst, (HPDF_REAL)y);
      HPDF_Array_AddReal(dst, 1);
      HPDF_Dict_Add(o, "Dest", dst);
    }
    HPDF_Outline_SetOpened(o, HPDF_TRUE);
    d->any_outline = true;
  }
  stack[lv] = o;
  for (int k = lv + 1; k <= 6; k++)
    stack[k] = NULL;
}

/* One page: head, graphics (so that text sits on top of code backgrounds),
 * text, then links, strike-throughs and bookmarks, and the folio. */
static int draw_page(drawer *d, HPDF_Page page, HPDF_Outline stack[7]) {
  d->cur_hscale = 1; /* a new page's text state */
  d->page = page;
  oct_buf_clear(&d->ops);
  if (draw_head(d, d->pg) != 0) return -1;
  /* vertical space at a page's top was dropped by the page builder */
  size_t j0 = d->count > 0 && page_line(d, 0)->v.kind == OCT_V_SPACE ? 1 : 0;
  for (size_t j = j0; j < d->count; j++) {
    const oct_vline *v = page_line(d, j);
    if (j == 0 && d->repeat != OCT_V_NONE) continue;
    if (v->label >= 0) oct_tags_reserve(d->tags, d->L->items[v->label].se);
    for (size_t k = v->first; k < v->first + v->count; k++)
      if (d->L->items[k].kind == OCT_PI_TEXT || d->L->items[k].kind == OCT_PI_IMAGE)
        oct_tags_reserve(d->tags, d->L->items[k].se);
  }
  double top = 0;
  for (size_t j = j0; j < d->count; j++) {
    draw_graphics(d, page_line(d, j), top);
    top += page_line(d, j)->v.height;
  }
  oct_tags_end(d->tags);
  begin_text(d);
  d->cur_face = -1;
  d->cur_size = 0;
  d->cur_gray = -2;
  top = 0;
  for (size_t j = j0; j < d->count; j++) {
    bool repeated = j == 0 && d->repeat != OCT_V_NONE;
    if (draw_text(d, page_line(d, j), top, repeated) != 0) return -1;
    top += page_line(d, j)->v.height;
  }
  oct_tags_end(d->tags);
  end_text(d);
  top = 0;
  for (size_t j = j0; j < d->count; j++) {
    const oct_vline *v = page_line(d, j);
    if (draw_after_text(d, page, v, top) != 0) return -1;
    if (v->outline_level > 0) add_outline(d, page, v, top, stack);
    top += v->v.height;
  }
  oct_tags_end(d->tags);
  if (draw_folio(d, d->folio0 + d->pg) != 0 || refused(d) != 0) return -1;
  /* the page's operators go into its content stream once, compressed */
  HPDF_Dict contents = ((HPDF_PageAttr)page->attr)->contents;
  if (oct_pdf_flate_into(contents, d->ops.data, d->ops.len, &d->scratch) != 0)
    return oct_error_set(d->err, "PDF: cannot write page %zu's content", d->pg + 1);
  return 0;
}

struct oct_pdf_drawer {
  drawer d;
  HPDF_Outline stack[7]; /* the open bookmarks, kept from one call to the next */
  HPDF_Page first;       /* the first page drawn */
};

oct_pdf_drawer *oct_pdf_drawer_new(void *pdfv, oct_fontset *fs, const oct_page_geom *g,
                                   const oct_style *style, oct_error *err) {
  oct_pdf_drawer *dr = oct_xcalloc(1, sizeof *dr);
  dr->d.S = style;
  dr->d.pdf = (HPDF_Doc)pdfv;
  dr->d.fs = fs;
  dr->d.g = g;
  dr->d.err = err;
  return dr;
}

int oct_pdf_drawer_pages(oct_pdf_drawer *dr, const oct_layout *L, const oct_pages *pages,
                         const char *const *heads, size_t folio, bool before_first) {
  drawer *d = &dr->d;
  d->L = L;
  d->heads = heads;
  d->folio0 = folio;
  d->before = before_first ? dr->first : NULL;
  for (size_t pg = 0; pg < pages->npages; pg++) {
    d->pg = pg;
    d->first = pages->starts[pg];
    d->repeat = pages->repeat[pg];
    size_t end = pg + 1 < pages->npages ? pages->starts[pg + 1] : L->nlines;
    d->count = end - d->first + (d->repeat != OCT_V_NONE);
    HPDF_Page page = d->before ? HPDF_InsertPage(d->pdf, d->before) : HPDF_AddPage(d->pdf);
    if (!page) return oct_error_set(d->err, "PDF: cannot add page %zu", folio + pg + 1);
    if (!dr->first) dr->first = page;
    HPDF_Page_SetWidth(page, (HPDF_REAL)d->g->width);
    HPDF_Page_SetHeight(page, (HPDF_REAL)d->g->height);
    oct_tags_page(d->tags, page, pg, &d->ops);
    if (draw_page(d, page, dr->stack) != 0) return -1;
  }
  return 0;
}

int oct_pdf_drawer_finish(oct_pdf_drawer *dr) {
  drawer *d = &dr->d;
  if (d->any_outline) HPDF_SetPageMode(d->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
  for (int f = 0; f < OCT_FACE_COUNT; f++) {
    bool seen = false; /* its definition finished with an earlier face's */
    for (int e = 0; e < f && !seen; e++)
      seen = d->font[e] && d->def[e] == d->def[f];
    if (d->font[f] && !seen && finish_def(d, d->def[f]) != 0) return -1;
  }
  return attach_tounicode(d);
}

void oct_pdf_drawer_free(oct_pdf_drawer *dr) {
  if (!dr) return;
  for (int f = 0; f < OCT_FACE_COUNT; f++)
    free(dr->d.used[f]);
  oct_buf_free(&dr->d.tmp);
  oct_buf_free(&dr->d.ops);
  oct_buf_free(&dr->d.scratch);
  free(dr);
}

int oct_pdf_draw(void *pdfv, oct_fontset *fs, const oct_layout *L, const oct_pages *pages,
                 const oct_page_geom *g, const oct_style *style, bool tagged, oct_pdf_cache *cache,
                 oct_error *err) {
  /* the structure tree of one article (a digest's pages, drawn from many
   * layouts, are not tagged: its tagger is NULL) */
  oct_pdf_drawer *dr = oct_pdf_drawer_new(pdfv, fs, g, style, err);
  dr->d.cache = cache;
  dr->d.tags = tagged ? oct_tags_new(dr->d.pdf, L, pages->npages) : NULL;
  int rc = oct_pdf_drawer_pages(dr, L, pages, NULL, 0, false);
  if (rc == 0) rc = oct_tags_finish(dr->d.tags, err);
  if (rc == 0) rc = oct_pdf_drawer_finish(dr);
  oct_tags_free(dr->d.tags);
  oct_pdf_drawer_free(dr);
  return rc;
}
