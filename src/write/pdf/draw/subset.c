/* The embedded font program (FontFile2) of a face, cut by us to the glyphs
 * a document draws and renumbered 0..k-1 in their original order.
 *
 * Why renumbered: keeping the face's glyph ids (as libharu's subsetter
 * does) keeps its loca and hmtx whole, one entry per glyph of ~1,900, so
 * a briefing's four programs were 15-18 KB each of which the glyphs drawn
 * were 1-4 KB; deflating them was 3.2 M of a briefing's 5.5 M instructions
 * for the fonts.  Renumbered, a program holds the kept glyphs, their loca
 * and metrics, a cmap for the code points drawn and the face's small
 * tables: 2-6 KB.  The PDF's CIDToGIDMap maps each code point drawn to its
 * new id, so nothing else in the PDF changes; a composite glyph's
 * references to its parts are rewritten to their new ids.
 *
 * Tables, in their tags' sorted order as the format asks: OS/2, cmap
 * (rebuilt), cvt, fpgm, glyf (cut), head (long loca), hhea and maxp (the
 * new glyph count), hmtx and loca (rebuilt), name, post (format 3: no
 * glyph names, which would be indexed by the old ids), prep.  A table the
 * face lacks is left out, except the rebuilt ones. */
#include <hpdf.h>
#include <stdlib.h>
#include <string.h>

#include "write/pdf/draw/draw.h"

static void put16(oct_buf *b, unsigned v) {
  char c[2] = {(char)(v >> 8), (char)v};
  oct_buf_put(b, c, 2);
}

static void put32(oct_buf *b, uint32_t v) {
  char c[4] = {(char)(v >> 24), (char)(v >> 16), (char)(v >> 8), (char)v};
  oct_buf_put(b, c, 4);
}

static void set16(oct_buf *b, size_t at, unsigned v) {
  unsigned char *p = (unsigned char *)b->data + at;
  p[0] = (unsigned char)(v >> 8);
  p[1] = (unsigned char)v;
}

static void set32(oct_buf *b, size_t at, uint32_t v) {
  unsigned char *p = (unsigned char *)b->data + at;
  p[0] = (unsigned char)(v >> 24);
  p[1] = (unsigned char)(v >> 16);
  p[2] = (unsigned char)(v >> 8);
  p[3] = (unsigned char)v;
}

static unsigned get16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }

/* The TrueType checksum: the sum of the big-endian 32-bit words, the last
 * one padded with zeros. */
static uint32_t checksum(const unsigned char *p, size_t len) {
  uint32_t sum = 0;
  size_t i = 0;
  for (; i + 4 <= len; i += 4)
    sum += (uint32_t)p[i] << 24 | (uint32_t)p[i + 1] << 16 | (uint32_t)p[i + 2] << 8 | p[i + 3];
  if (i < len) {
    unsigned char last[4] = {0};
    memcpy(last, p + i, len - i);
    sum += (uint32_t)last[0] << 24 | (uint32_t)last[1] << 16 | (uint32_t)last[2] << 8 | last[3];
  }
  return sum;
}

/* The face's table TAG, or NULL when it has none or it lies outside the
 * FLEN bytes of the file. */
static const HPDF_TTFTable *find_table(HPDF_TTFontDefAttr a, const char *tag, size_t flen) {
  for (unsigned i = 0; i < a->offset_tbl.num_tables; i++) {
    const HPDF_TTFTable *t = &a->offset_tbl.table[i];
    if (memcmp(t->tag, tag, 4) == 0) return (size_t)t->offset + t->length <= flen ? t : NULL;
  }
  return NULL;
}

/* Glyph G's bytes in the file: [*OFF, *END).  Returns -1 when they lie
 * outside it. */
static int glyph_span(HPDF_TTFontDefAttr a, unsigned g, size_t flen, size_t *off, size_t *end) {
  size_t o = a->glyph_tbl.offsets[g], e = a->glyph_tbl.offsets[g + 1];
  if (a->header.index_to_loc_format == 0) {
    o *= 2;
    e *= 2;
  }
  o += a->glyph_tbl.base_offset;
  e += a->glyph_tbl.base_offset;
  if (e < o || e > flen) return -1;
  *off = o;
  *end = e;
  return 0;
}

/* Composite glyph flags (TrueType 'glyf'). */
enum {
  ARG_WORDS = 0x0001,
  HAVE_SCALE = 0x0008,
  MORE = 0x0020,
  HAVE_XY_SCALE = 0x0040,
  HAVE_2X2 = 0x0080,
};

/* Calls FN(ARG, at) with the offset, within the LEN bytes at P, of each
 * component's glyph index when P is a composite glyph.  Returns -1 when
 * the glyph is cut short. */
static int each_component(const unsigned char *p, size_t len, void (*fn)(void *, size_t),
                          void *arg) {
  if (len < 10 || !(p[0] & 0x80)) return 0; /* numberOfContours >= 0: simple */
  size_t at = 10;
  for (;;) {
    if (at + 4 > len) return -1;
    unsigned flags = get16(p + at);
    fn(arg, at + 2);
    at += 4 + ((flags & ARG_WORDS) ? 4 : 2);
    if (flags & HAVE_SCALE)
      at += 2;
    else if (flags & HAVE_XY_SCALE)
      at += 4;
    else if (flags & HAVE_2X2)
      at += 8;
    if (!(flags & MORE)) return at <= len ? 0 : -1;
  }
}

typedef struct closure {
  const unsigned char *glyph;
  uint8_t *keep;
  unsigned *stack, *kept; /* to look into; every glyph kept */
  size_t nstack, nkept;
  unsigned n;
} closure;

static void keep_component(void *arg, size_t at) {
  closure *c = arg;
  unsigned g = get16(c->glyph + at);
  if (g < c->n && !c->keep[g]) {
    c->keep[g] = 1;
    c->stack[c->nstack++] = g; /* each glyph pushed once: at most n */
    c->kept[c->nkept++] = g;
  }
}

static int cmp_unsigned(const void *x, const void *y) {
  unsigned a = *(const unsigned *)x, b = *(const unsigned *)y;
  return (a > b) - (a < b);
}

typedef struct renumber {
  unsigned char *glyph;
  const uint16_t *newid;
  unsigned n;
} renumber;

static void renumber_component(void *arg, size_t at) {
  renumber *r = arg;
  unsigned g = get16(r->glyph + at);
  unsigned v = g < r->n ? r->newid[g] : 0;
  r->glyph[at] = (unsigned char)(v >> 8);
  r->glyph[at + 1] = (unsigned char)v;
}

/* A cmap with one format 4 subtable (Windows, Unicode BMP) mapping each of
 * the NCP code points CP (ascending) to GID: runs where both go up by one
 * share a segment.  Returns -1 when the subtable's 16-bit length cannot
 * hold the segments (over 8,189: no shipped face maps half as many code
 * points, but a larger face put in fonts/pdf could). */
static int put_cmap(oct_buf *out, const uint16_t *cp, const uint16_t *gid, size_t ncp) {
  size_t nseg = 1; /* the closing 0xFFFF segment */
  for (size_t i = 0; i < ncp; i++)
    if (i == 0 || cp[i] != cp[i - 1] + 1 || gid[i] != gid[i - 1] + 1) nseg++;
  if (16 + 8 * nseg > 0xFFFF) return -1;
  unsigned search = 1, selector = 0;
  while (search * 2 <= nseg) {
    search *= 2;
    selector++;
  }
  put16(out, 0); /* version */
  put16(out, 1); /* one subtable */
  put16(out, 3); /* Windows */
  put16(out, 1); /* Unicode BMP */
  put32(out, 12);
  put16(out, 4);
  put16(out, (unsigned)(16 + 8 * nseg));
  put16(out, 0); /* language */
  put16(out, (unsigned)(2 * nseg));
  put16(out, 2 * search);
  put16(out, selector);
  put16(out, (unsigned)(2 * nseg - 2 * search));
  /* endCode, then (after a pad) startCode, idDelta, idRangeOffset */
  for (int pass = 0; pass < 4; pass++) {
    if (pass == 1) put16(out, 0);
    size_t start = 0;
    for (size_t i = 0; i <= ncp; i++) {
      bool ends = i == ncp || (i > 0 && (cp[i] != cp[i - 1] + 1 || gid[i] != gid[i - 1] + 1));
      if (i > 0 && ends) {
        unsigned v = pass == 0   ? cp[i - 1]
                     : pass == 1 ? cp[start]
                     : pass == 2 ? (unsigned)(gid[start] - cp[start]) & 0xFFFF
                                 : 0;
        put16(out, v);
        start = i;
      }
    }
    put16(out, pass == 2 ? 1 : pass == 3 ? 0 : 0xFFFF);
  }
  return 0;
}

/* The tables that do not depend on the glyphs kept, in the tags' order:
 * the same bytes in every program of a face, so they are laid out (and
 * compressed) once per face, and placed last in each program. */
static const char *const FIXED[OCT_TTF_FIXED_MAX] = {"OS/2", "cvt ", "fpgm",
                                                     "name", "post", "prep"};

int oct_ttf_fixed_make(void *fontdefv, const unsigned char *src, size_t flen, oct_ttf_fixed *fx) {
  HPDF_TTFontDefAttr a = (HPDF_TTFontDefAttr)((HPDF_FontDef)fontdefv)->attr;
  memset(fx, 0, sizeof *fx);
  for (size_t t = 0; t < OCT_TTF_FIXED_MAX; t++) {
    const HPDF_TTFTable *tb = find_table(a, FIXED[t], flen);
    if (!tb) continue;
    size_t at = fx->raw.len, len = tb->length;
    if (strcmp(FIXED[t], "post") == 0) {
      /* format 3: glyph names would be indexed by the old ids */
      if (len < 32) continue;
      len = 32;
      oct_buf_put(&fx->raw, src + tb->offset, len);
      set32(&fx->raw, at, 0x00030000u);
    } else {
      oct_buf_put(&fx->raw, src + tb->offset, len);
    }
    while (fx->raw.len % 4)
      oct_buf_putc(&fx->raw, 0);
    memcpy(fx->tag[fx->ntab], FIXED[t], 4);
    fx->off[fx->ntab] = (uint32_t)at;
    fx->len[fx->ntab] = (uint32_t)len;
    fx->sum[fx->ntab] = checksum((const unsigned char *)fx->raw.data + at, len);
    fx->ntab++;
  }
  fx->rawsum = checksum((const unsigned char *)fx->raw.data, fx->raw.len);
  return oct_pdf_deflate_part(fx->raw.data, fx->raw.len, &fx->z, &fx->adler);
}

void oct_ttf_fixed_free(oct_ttf_fixed *fx) {
  if (!fx) return;
  oct_buf_free(&fx->raw);
  oct_buf_free(&fx->z);
}

/* The tables rebuilt for each program, in the tags' order. */
static const char *const TAGS[] = {"cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp"};
#define NTAGS (sizeof TAGS / sizeof *TAGS)

/* A directory entry. */
typedef struct dirent_ {
  char tag[4];
  uint32_t sum, off, len;
} dirent_;

static int dirent_cmp(const void *x, const void *y) {
  return memcmp(((const dirent_ *)x)->tag, ((const dirent_ *)y)->tag, 4);
}

int oct_ttf_subset(void *fontdefv, const unsigned char *src, size_t flen, const uint16_t *used,
                   size_t nused, const oct_ttf_fixed *fx, oct_buf *out, size_t *fixed_at,
                   uint16_t **newidp) {
  HPDF_FontDef def = fontdefv;
  HPDF_TTFontDefAttr a = (HPDF_TTFontDefAttr)def->attr;
  unsigned n = a->num_glyphs;
  int rc = -1;
  uint8_t *keep = oct_xcalloc(n ? n : 1, 1);
  unsigned *stack = oct_xmalloc((n ? n : 1) * sizeof *stack);
  unsigned *kept = oct_xmalloc((n ? n : 1) * sizeof *kept);
  uint16_t *newid = oct_xcalloc(n ? n : 1, sizeof *newid);
  uint16_t *cps = NULL, *gids = NULL, *glyph_of = NULL;
  size_t ncp = 0;
  *newidp = NULL;
  oct_buf_clear(out);
  const HPDF_TTFTable *hmtx = find_table(a, "hmtx", flen);
  if (n == 0 || !hmtx || !find_table(a, "head", flen) || !find_table(a, "hhea", flen) ||
      !find_table(a, "maxp", flen))
    goto out;
  /* the glyphs kept: .notdef, those of the code points drawn, and the
   * parts of composite ones (followed to any depth, each glyph once) */
  closure c = {.keep = keep, .stack = stack, .kept = kept, .n = n};
  keep[0] = 1;
  stack[c.nstack++] = 0;
  kept[c.nkept++] = 0;
  /* each code point's glyph, looked up once (libharu's cmap reader) */
  glyph_of = oct_xcalloc(nused ? nused : 1, sizeof *glyph_of);
  for (size_t i = 0; i < nused; i++) {
    unsigned g = HPDF_TTFontDef_GetGlyphid(def, used[i]);
    glyph_of[i] = (uint16_t)g;
    if (g < n && !keep[g]) {
      keep[g] = 1;
      stack[c.nstack++] = g;
      kept[c.nkept++] = g;
    }
  }
  while (c.nstack > 0) {
    unsigned g = stack[--c.nstack];
    size_t off, end;
    if (glyph_span(a, g, flen, &off, &end) != 0) goto out;
    c.glyph = src + off;
    if (each_component(src + off, end - off, keep_component, &c) != 0) goto out;
  }
  /* the kept glyphs in the face's order (a few dozen of ~1,900: walked
   * as a list, not by testing every glyph four times) */
  qsort(kept, c.nkept, sizeof *kept, cmp_unsigned);
  unsigned k = (unsigned)c.nkept;
  for (unsigned i = 0; i < k; i++)
    newid[kept[i]] = (uint16_t)i;
  /* the cmap's pairs, ascending by code point; unmapped ones left out */
  cps = oct_xcalloc(nused ? nused : 1, sizeof *cps);
  gids = oct_xcalloc(nused ? nused : 1, sizeof *gids);
  for (size_t i = 0; i < nused; i++) {
    if (glyph_of[i] == 0 || glyph_of[i] >= n) continue;
    cps[ncp] = used[i];
    gids[ncp++] = newid[glyph_of[i]];
  }

  size_t ntab = NTAGS + fx->ntab;
  dirent_ dir[NTAGS + OCT_TTF_FIXED_MAX];
  unsigned search = 1, selector = 0;
  while (search * 2 <= ntab) {
    search *= 2;
    selector++;
  }
  put32(out, a->offset_tbl.sfnt_version);
  put16(out, (unsigned)ntab);
  put16(out, 16 * search);
  put16(out, selector);
  put16(out, (unsigned)(16 * ntab - 16 * search));
  oct_buf_reserve(out, 16 * ntab);
  memset(out->data + out->len, 0, 16 * ntab);
  out->len += 16 * ntab;
  size_t head_at = 0;
  for (size_t t = 0; t < NTAGS; t++) {
    size_t at = out->len;
    const char *tag = TAGS[t];
    const HPDF_TTFTable *tb = find_table(a, tag, flen);
    if (strcmp(tag, "cmap") == 0) {
      if (put_cmap(out, cps, gids, ncp) != 0) goto out;
    } else if (strcmp(tag, "glyf") == 0) {
      for (unsigned i = 0; i < k; i++) {
        unsigned g = kept[i];
        size_t off, end;
        if (glyph_span(a, g, flen, &off, &end) != 0) goto out;
        size_t gat = out->len;
        oct_buf_put(out, src + off, end - off);
        renumber r = {(unsigned char *)out->data + gat, newid, n};
        if (each_component(r.glyph, end - off, renumber_component, &r) != 0) goto out;
        while ((out->len - at) % 4) /* long offsets need no padding; 4 keeps words aligned */
          oct_buf_putc(out, 0);
      }
    } else if (strcmp(tag, "loca") == 0) {
      /* long offsets (head's indexToLocFormat is set to 1 below), from the
       * glyphs just written, each padded to 4 bytes */
      size_t pos = 0;
      put32(out, 0);
      for (unsigned i = 0; i < k; i++) {
        unsigned g = kept[i];
        size_t off = 0, end = 0;
        glyph_span(a, g, flen, &off, &end); /* checked when glyf was cut */
        pos += (end - off + 3) & ~(size_t)3;
        put32(out, (uint32_t)pos);
      }
    } else if (strcmp(tag, "hmtx") == 0) {
      /* every kept glyph a long metric: its advance and left side bearing */
      unsigned nlong = a->num_h_metric;
      const unsigned char *h = src + hmtx->offset;
      if (nlong == 0 || (size_t)4 * nlong > hmtx->length) goto out;
      for (unsigned i = 0; i < k; i++) {
        unsigned g = kept[i];
        unsigned adv = get16(h + 4 * (size_t)(g < nlong ? g : nlong - 1)), lsb = 0;
        size_t lo = g < nlong ? 4 * (size_t)g + 2 : 4 * (size_t)nlong + 2 * (size_t)(g - nlong);
        if (lo + 2 <= hmtx->length) lsb = get16(h + lo);
        put16(out, adv);
        put16(out, lsb);
      }
    } else {
      oct_buf_put(out, src + tb->offset, tb->length); /* head, hhea, maxp: checked above */
      if (strcmp(tag, "head") == 0) {
        if (tb->length < 54) goto out;
        head_at = at;
        set32(out, at + 8, 0); /* checkSumAdjustment, set below */
        set16(out, at + 50, 1);
      } else if (strcmp(tag, "hhea") == 0) {
        if (tb->length < 36) goto out;
        set16(out, at + 34, k);
      } else if (strcmp(tag, "maxp") == 0) {
        if (tb->length < 6) goto out;
        set16(out, at + 4, k);
      }
    }
    size_t len = out->len - at;
    while (out->len % 4)
      oct_buf_putc(out, 0);
    memcpy(dir[t].tag, tag, 4);
    dir[t].sum = checksum((unsigned char *)out->data + at, len);
    dir[t].off = (uint32_t)at;
    dir[t].len = (uint32_t)len;
  }
  /* the face's fixed tables last, as laid out once */
  *fixed_at = out->len;
  for (size_t t = 0; t < fx->ntab; t++) {
    memcpy(dir[NTAGS + t].tag, fx->tag[t], 4);
    dir[NTAGS + t].sum = fx->sum[t];
    dir[NTAGS + t].off = (uint32_t)(*fixed_at + fx->off[t]);
    dir[NTAGS + t].len = fx->len[t];
  }
  oct_buf_put(out, fx->raw.data, fx->raw.len);
  qsort(dir, ntab, sizeof *dir, dirent_cmp);
  for (size_t t = 0; t < ntab; t++) {
    memcpy(out->data + 12 + 16 * t, dir[t].tag, 4);
    set32(out, 12 + 16 * t + 4, dir[t].sum);
    set32(out, 12 + 16 * t + 8, dir[t].off);
    set32(out, 12 + 16 * t + 12, dir[t].len);
  }
  if (!head_at) goto out;
  /* the file's checksum: the part before the fixed tables, and theirs
   * (every table starts on a 4-byte boundary, so the sums add up) */
  uint32_t sum = checksum((const unsigned char *)out->data, *fixed_at) + fx->rawsum;
  set32(out, head_at + 8, 0xB1B0AFBAu - sum);
  *newidp = newid;
  newid = NULL;
  rc = 0;
out:
  free(keep);
  free(stack);
  free(kept);
  free(newid);
  free(cps);
  free(gids);
  free(glyph_of);
  return rc;
}
