/* The cover image: the user's PNG/JPEG (--cover), or one drawn from the
 * title and author.
 *
 * Drawing: FreeType rasterises each glyph outline itself and hands us its
 * coverage a row span at a time (direct mode), which we blend straight into
 * the page.  That touches only the pixels the glyph covers.  Filling all the
 * text as one cairo path instead cost ~15 ms a book (~250M instructions):
 * cairo composites a mask the size of the text's whole extent, and a title
 * at cover size spans most of a 1600x2400 page.  We do not use cairo-ft
 * either, because cairo keeps font faces in a process-wide cache that
 * outlives our FT_Library; batch runs convert on several threads, each with
 * its own library, and tearing one down under that cache is unsafe.  The
 * frame and rules are whole-pixel boxes, a loop over their rows.
 *
 * Memory: a 1600x2400 RGB picture is 11 MiB on its own, so the picture is
 * drawn as a one-byte-per-pixel coverage map and written as an indexed PNG
 * whose palette maps coverage to the cover's colours.  Rows nothing is
 * drawn on share one copy (see canvas), so only the text band is held.
 *
 * Encoding is hand-written.  libpng spends ~80 ms per cover trying every
 * filter on every row and deflating 3.7 MB at level 6 -- ten times the
 * whole rest of the conversion.  Our picture is a flat field with a frame
 * and some text, which a deflate stream of fixed-Huffman literals plus two
 * kinds of match (repeat the previous byte; copy the row above) encodes in
 * a few milliseconds and about as small, deterministically and with no zlib
 * on oct_epub's link line.  The PNG framing (CRC, Adler-32) is the few
 * lines it takes; the unit test decodes the result with libpng. */
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_OUTLINE_H
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "write/epub/internal.h"
#include "write/resource/resource.h"

/* Coverage values: text is painted up to TEXT_INK, rules exactly at RULE_INK. */
#define TEXT_INK 204
#define RULE_INK 255

typedef struct rgb {
  unsigned char r, g, b;
} rgb;

static const rgb cover_bg = {0x1F, 0x33, 0x4F};   /* deep blue field */
static const rgb cover_text = {0xF4, 0xEE, 0xE0}; /* warm off-white */
static const rgb cover_rule = {0xC9, 0xA4, 0x5C}; /* muted gold */

typedef struct font {
  FT_Face face;
} font;

/* The coverage map, one byte a pixel, as H row pointers.  Nearly every row
 * of a cover is one of three (empty margin, the frame's top or bottom edge,
 * the frame's sides), so those rows share one copy each and a row gets its
 * own bytes only when something is drawn on it.  A whole page would be
 * 3.7 MiB written and read twice over; this way the text band is all we
 * allocate, and the encoder knows most rows repeat without reading them. */
typedef struct canvas {
  int w, h;
  unsigned char **rows;  /* rows[y]: a shared row or, if own[y], this row's own */
  unsigned char *own;    /* 1 where rows[y] was allocated for row y */
  unsigned char *shared; /* three rows: empty, frame edge, frame sides */
} canvas;

/* Sets N bytes of ROW from X on to V, within the W bytes of the row. */
static void set_run(unsigned char *row, int w, int x, int n, unsigned char v) {
  int x0 = x < 0 ? 0 : x, x1 = x + n > w ? w : x + n;
  if (x0 < x1) memset(row + x0, v, (size_t)(x1 - x0));
}

/* An empty page in a frame of RULE_INK: four whole-pixel boxes, INSET from
 * the edges and STROKE thick, the sides running between top and bottom. */
static void canvas_init(canvas *cv, int w, int h, int inset, int stroke) {
  cv->w = w;
  cv->h = h;
  cv->rows = oct_xcalloc((size_t)h, sizeof *cv->rows);
  cv->own = oct_xcalloc((size_t)h, 1);
  cv->shared = oct_xcalloc(3, (size_t)w);
  unsigned char *empty = cv->shared, *edge = empty + w, *sides = edge + w;
  set_run(edge, w, inset, w - 2 * inset, RULE_INK);
  set_run(sides, w, inset, stroke, RULE_INK);
  set_run(sides, w, w - inset - stroke, stroke, RULE_INK);
  for (int y = 0; y < h; y++) {
    bool top = y >= inset && y < inset + stroke;
    bool bottom = y >= h - inset - stroke && y < h - inset;
    bool side = y >= inset + stroke && y < h - inset - stroke;
    cv->rows[y] = top || bottom ? edge : side ? sides : empty;
  }
}

static void canvas_free(canvas *cv) {
  for (int y = 0; cv->own && y < cv->h; y++)
    if (cv->own[y]) free(cv->rows[y]);
  free(cv->rows);
  free(cv->own);
  free(cv->shared);
}

/* Row Y, made its own before anything is drawn on it. */
static unsigned char *row_to_draw(canvas *cv, int y) {
  if (!cv->own[y]) {
    unsigned char *r = oct_xmalloc((size_t)cv->w);
    memcpy(r, cv->rows[y], (size_t)cv->w);
    cv->rows[y] = r;
    cv->own[y] = 1;
  }
  return cv->rows[y];
}

/* Sets the whole-pixel box X, Y, BW x BH (clipped to the page) to V. */
static void fill_box(canvas *cv, int x, int y, int bw, int bh, unsigned char v) {
  int y0 = y < 0 ? 0 : y, y1 = y + bh > cv->h ? cv->h : y + bh;
  for (int r = y0; r < y1; r++)
    set_run(row_to_draw(cv, r), cv->w, x, bw, v);
}

/* FreeType's span callback.  Y counts up from the page's bottom edge.  Text
 * ink is TEXT_INK at full coverage; max() rather than "over" so that where
 * two glyphs' edges meet the ink is their union, as one filled path was,
 * and a rule under the text keeps its exact RULE_INK. */
static void blend_spans(int y, int count, const FT_Span *spans, void *user) {
  canvas *cv = user;
  int row = cv->h - 1 - y;
  if (row < 0 || row >= cv->h || count <= 0) return;
  unsigned char *line = row_to_draw(cv, row);
  for (int i = 0; i < count; i++) {
    int x0 = spans[i].x, x1 = x0 + spans[i].len;
    if (x0 < 0) x0 = 0;
    if (x1 > cv->w) x1 = cv->w;
    unsigned char v = (unsigned char)((spans[i].coverage * (unsigned)TEXT_INK + 127u) / 255u);
    int x = x0;
    /* Most of a glyph lands on empty field: eight untouched pixels at a
     * time take the ink as they are. */
    for (; x + 8 <= x1; x += 8) {
      uint64_t word;
      memcpy(&word, line + x, 8);
      if (word == 0)
        memset(line + x, v, 8);
      else
        for (int k = x; k < x + 8; k++)
          line[k] = line[k] > v ? line[k] : v;
    }
    for (; x < x1; x++)
      line[x] = line[x] > v ? line[x] : v;
  }
}

/* Paints the glyph loaded (unscaled) in F's slot at SCALE px per font unit,
 * its origin at X, Y (pixels, y down).  The outline is scaled and placed in
 * 1/64 px, so glyphs sit where the measured advances put them, not snapped
 * to whole pixels. */
static void draw_glyph(canvas *cv, FT_GlyphSlot slot, double scale, double x, double y) {
  FT_Outline *o = &slot->outline;
  FT_Fixed m = (FT_Fixed)lround(scale * 64.0 * 65536.0);
  FT_Matrix to_px = {m, 0, 0, m};
  FT_Outline_Transform(o, &to_px);
  FT_Outline_Translate(o, (FT_Pos)lround(x * 64.0), (FT_Pos)lround((cv->h - y) * 64.0));
  FT_Raster_Params params;
  memset(&params, 0, sizeof params);
  params.source = o;
  params.flags = FT_RASTER_FLAG_AA | FT_RASTER_FLAG_DIRECT | FT_RASTER_FLAG_CLIP;
  params.gray_spans = blend_spans;
  params.user = cv;
  params.clip_box.xMin = 0;
  params.clip_box.yMin = 0;
  params.clip_box.xMax = cv->w;
  params.clip_box.yMax = cv->h;
  FT_Outline_Render(slot->library, o, &params);
}

/* Picks the face that has CP (the main font, else the fallback). */
static int pick(font *fonts, int n_fonts, uint32_t cp, FT_UInt *glyph) {
  for (int i = 0; i < n_fonts; i++) {
    if (!fonts[i].face) continue;
    *glyph = FT_Get_Char_Index(fonts[i].face, cp);
    if (*glyph) return i;
  }
  *glyph = 0;
  return 0;
}

/* Measures (cv == NULL) or draws a UTF-8 run at size SIZE px; returns its width. */
static double run(canvas *cv, font *fonts, int n_fonts, const char *s, size_t n, double size,
                  double x, double y) {
  double pen = 0;
  size_t i = 0;
  uint32_t cp;
  while (oct_utf8_next(s, n, &i, &cp)) {
    FT_UInt g;
    font *f = &fonts[pick(fonts, n_fonts, cp, &g)];
    double scale = size / f->face->units_per_EM;
    if (FT_Load_Glyph(f->face, g, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP))
      continue;
    if (cv && f->face->glyph->format == FT_GLYPH_FORMAT_OUTLINE)
      draw_glyph(cv, f->face->glyph, scale, x + pen, y);
    pen += (double)f->face->glyph->advance.x * scale;
  }
  return pen;
}

typedef struct line {
  const char *s;
  size_t n;
} line;

/* Greedy wrap of TEXT into lines no wider than WIDTH at SIZE; returns the
 * count (at most MAX), or MAX + 1 when it does not fit. */
static int wrap(font *fonts, int n_fonts, const char *text, double size, double width, line *out,
                int max) {
  int count = 0;
  const char *p = text;
  while (*p == ' ')
    p++;
  while (*p) {
    const char *ls = p, *best_end = NULL, *q = p;
    while (*q) {
      const char *we = q;
      while (*we && *we != ' ')
        we++;
      if (run(NULL, fonts, n_fonts, ls, (size_t)(we - ls), size, 0, 0) > width) break;
      best_end = we;
      q = we;
      while (*q == ' ')
        q++;
      if (!*q) break;
    }
    if (!best_end) {
      /* One word wider than the page (a URL as title): break it between
       * characters where it fills the line, at least one character. */
      const char *we = ls;
      while (*we && *we != ' ')
        we++;
      const char *cut = ls;
      do {
        cut++;
        while (cut < we && ((unsigned char)*cut & 0xC0) == 0x80)
          cut++;
      } while (cut < we && run(NULL, fonts, n_fonts, ls, (size_t)(cut - ls), size, 0, 0) <= width);
      if (cut > ls + 1 && run(NULL, fonts, n_fonts, ls, (size_t)(cut - ls), size, 0, 0) > width) {
        /* step back to the last character boundary that fitted */
        do
          cut--;
        while (cut > ls && ((unsigned char)*cut & 0xC0) == 0x80);
        if (cut == ls) cut = ls + 1;
        while (cut < we && ((unsigned char)*cut & 0xC0) == 0x80)
          cut++;
      }
      best_end = cut;
    }
    if (count == max) return max + 1;
    out[count].s = ls;
    out[count].n = (size_t)(best_end - ls);
    count++;
    p = best_end;
    while (*p == ' ')
      p++;
  }
  return count;
}

/* ---- PNG writing */

/* The bit writer gathers bytes in BUF and hands them to OUT a few KiB at a
 * time: a cover is tens of thousands of codes. */
typedef struct bits {
  oct_buf *out;
  uint64_t acc;
  int n;
  size_t len;
  unsigned char buf[4096];
} bits;

/* Deflate packs bits least-significant first.  COUNT is at most 32; whole
 * 32-bit words go out at once (fewer than 32 bits are ever left over). */
static void put_bits(bits *b, uint32_t v, int count) {
  b->acc |= (uint64_t)v << b->n;
  b->n += count;
  if (b->n >= 32) {
    if (b->len + 4 > sizeof b->buf) {
      oct_buf_put(b->out, b->buf, b->len);
      b->len = 0;
    }
    for (int i = 0; i < 4; i++)
      b->buf[b->len++] = (unsigned char)(b->acc >> (8 * i));
    b->acc >>= 32;
    b->n -= 32;
  }
}

/* Pads the last byte with zero bits and writes what is left. */
static void flush_bits(bits *b) {
  if (b->len + 4 > sizeof b->buf) {
    oct_buf_put(b->out, b->buf, b->len);
    b->len = 0;
  }
  for (; b->n > 0; b->n -= 8) { /* fewer than 32 bits: at most 4 bytes */
    b->buf[b->len++] = (unsigned char)b->acc;
    b->acc >>= 8;
  }
  b->n = 0;
  oct_buf_put(b->out, b->buf, b->len);
  b->len = 0;
}

/* Huffman codes go most-significant bit first, so reverse them. */
static uint32_t reverse(uint32_t code, int len) {
  uint32_t r = 0;
  for (int i = 0; i < len; i++)
    r |= ((code >> i) & 1u) << (len - 1 - i);
  return r;
}

static const uint16_t len_base[29] = {3,  4,  5,  6,   7,   8,   9,   10,  11, 13,
                                      15, 17, 19, 23,  27,  31,  35,  43,  51, 59,
                                      67, 83, 99, 115, 131, 163, 195, 227, 258};
static const uint8_t len_extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                      2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
static const uint16_t dist_base[30] = {
    1,   2,   3,   4,   5,   7,    9,    13,   17,   25,   33,   49,   65,    97,    129,
    193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
static const uint8_t dist_extra[30] = {0, 0, 0, 0, 1, 1, 2, 2,  3,  3,  4,  4,  5,  5,  6,
                                       6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

/* The RFC 1951 §3.2.6 fixed literal/length code, bit-reversed and ready to
 * put, with the length code for each match length: worked out once per
 * picture because a cover puts some tens of thousands of symbols.  The two
 * match distances we use (1 and a row) are worked out the same way. */
typedef struct codes {
  uint16_t lit[288];
  uint8_t lit_n[288];
  uint8_t len_code[259];
  uint32_t dist[2];
  int dist_n[2];
} codes;

static void dist_code(codes *c, int i, size_t dist) {
  int d = 29;
  while (dist_base[d] > dist)
    d--;
  c->dist[i] = reverse((uint32_t)d, 5) | (uint32_t)(dist - dist_base[d]) << 5;
  c->dist_n[i] = 5 + dist_extra[d];
}

static void codes_init(codes *c, size_t row) {
  for (int sym = 0; sym < 288; sym++) {
    uint32_t code;
    int len;
    if (sym < 144)
      code = 0x30u + (uint32_t)sym, len = 8;
    else if (sym < 256)
      code = 0x190u + (uint32_t)(sym - 144), len = 9;
    else if (sym < 280)
      code = (uint32_t)(sym - 256), len = 7;
    else
      code = 0xC0u + (uint32_t)(sym - 280), len = 8;
    c->lit[sym] = (uint16_t)reverse(code, len);
    c->lit_n[sym] = (uint8_t)len;
  }
  int l = 0;
  for (int len = 3; len <= 258; len++) {
    while (l < 28 && len_base[l + 1] <= len)
      l++;
    c->len_code[len] = (uint8_t)l;
  }
  dist_code(c, 0, 1);
  dist_code(c, 1, row);
}

static void put_symbol(bits *b, const codes *c, int sym) {
  put_bits(b, c->lit[sym], c->lit_n[sym]);
}

/* A match of LEN (3..258) at distance DIST (0: one byte back, 1: a row
 * back), as one put: at most 8 + 5 + 5 + 13 bits. */
static void put_match(bits *b, const codes *c, size_t len, int dist) {
  int l = c->len_code[len], sym = 257 + l;
  uint32_t v = c->lit[sym] | (uint32_t)(len - len_base[l]) << c->lit_n[sym];
  int n = c->lit_n[sym] + len_extra[l];
  put_bits(b, v | c->dist[dist] << n, n + c->dist_n[dist]);
}

/* Length of the common run of P and P - DIST, at most MAX; eight bytes at a
 * time while they agree, since they mostly do.  The earlier copy is reached
 * through its own pointer Q: writing p[k - dist] wraps the unsigned index
 * when k < dist and adds a huge offset to P (undefined, and reported by
 * clang's UBSan on every cover), even though the byte it lands on is right. */
static size_t match_len(const unsigned char *p, size_t dist, size_t max) {
  const unsigned char *q = p - dist;
  size_t k = 0;
  while (k + 8 <= max) {
    uint64_t x, y;
    memcpy(&x, p + k, 8);
    memcpy(&y, q + k, 8);
    if (x != y) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
      return k + (size_t)__builtin_ctzll(x ^ y) / 8; /* the first differing byte */
#else
      break;
#endif
    }
    k += 8;
  }
  while (k < max && p[k] == q[k])
    k++;
  return k;
}

static bool same_row(const canvas *cv, int y) {
  return y > 0 && (cv->rows[y] == cv->rows[y - 1] ||
                   memcmp(cv->rows[y], cv->rows[y - 1], (size_t)cv->w) == 0);
}

/* One fixed-Huffman block over the picture in PNG's layout (a filter byte,
 * 0, before each row), matching against the previous byte and the previous
 * row.  Matches stop at the end of a row, so only two rows need to be laid
 * out at a time.  Rows are at most 32768 bytes (see epub_cover_render), so
 * the row above is always within deflate's reach. */
static void deflate_rows(const canvas *cv, oct_buf *out) {
  size_t w = (size_t)cv->w, row = w + 1;
  codes c;
  codes_init(&c, row);
  unsigned char *two = oct_xcalloc(2, row), *cur = two + row; /* the row above, this row */
  bits b;
  b.out = out;
  b.acc = 0;
  b.n = 0;
  b.len = 0;
  put_bits(&b, 1, 1); /* BFINAL */
  put_bits(&b, 1, 2); /* BTYPE = fixed Huffman */
  for (int y = 0; y < cv->h; y++) {
    /* Most rows of a cover repeat the one above: say so without comparing
     * byte by byte. */
    if (same_row(cv, y)) {
      size_t left = row;
      while (left > 0) {
        size_t k = left > 258 ? 258 : left;
        if (left > 258 && left - 258 < 3) k = left - 3; /* keep the last match >= 3 */
        if (k < 3) break;
        put_match(&b, &c, k, 1);
        left -= k;
      }
      for (; left > 0; left--) /* a row of 1 or 2 bytes */
        put_symbol(&b, &c, left == row ? 0 : cv->rows[y][row - 1 - left]);
      continue;
    }
    if (y > 0) memcpy(two + 1, cv->rows[y - 1], w);
    memcpy(cur + 1, cv->rows[y], w);
    for (size_t i = 0; i < row;) {
      size_t max = row - i < 258 ? row - i : 258;
      size_t best = 0;
      int dist = 1;
      if (y > 0) best = match_len(cur + i, row, max);
      if (best < max && (y > 0 || i > 0)) {
        size_t k = match_len(cur + i, 1, max);
        if (k > best) {
          best = k;
          dist = 0;
        }
      }
      if (best >= 3) {
        put_match(&b, &c, best, dist);
        i += best;
      } else {
        put_symbol(&b, &c, cur[i]);
        i++;
      }
    }
  }
  put_symbol(&b, &c, 256); /* end of block */
  flush_bits(&b);
  free(two);
}

/* Adler-32 of the picture in PNG's layout.  A row of L bytes B[0..L-1]
 * turns (a, s) into (a + sum B[k], s + L*a + sum (L-k)*B[k]); both sums are
 * the same for a row equal to the one above, and a filter byte of 0 adds
 * nothing to them, so most rows cost a pointer comparison.  A drawn row is
 * summed eight bytes at a time (the same two sums over each group, not one
 * long chain of dependent additions), and most of its groups are empty
 * field, all zero, which only shift the second sum. */
static uint32_t adler32_rows(const canvas *cv) {
  size_t w = (size_t)cv->w;
  uint64_t a = 1, s = 0, s1 = 0, s2 = 0;
  for (int y = 0; y < cv->h; y++) {
    if (!same_row(cv, y)) {
      const unsigned char *p = cv->rows[y];
      uint64_t t1 = 0, t2 = 0; /* sum p[k], sum (w-k)*p[k] */
      size_t k = 0;
      for (; k + 8 <= w; k += 8) {
        uint64_t word;
        memcpy(&word, p + k, 8);
        if (word == 0) {
          t2 += 8 * t1;
          continue;
        }
        uint64_t sum = 0, weighted = 0;
        for (int j = 0; j < 8; j++) {
          sum += p[k + j];
          weighted += (uint64_t)(8 - j) * p[k + j];
        }
        t2 += 8 * t1 + weighted;
        t1 += sum;
      }
      for (; k < w; k++) {
        t1 += p[k];
        t2 += t1;
      }
      s1 = t1 % 65521u;
      s2 = t2 % 65521u;
    }
    s = (s + ((w + 1) % 65521u) * a + s2) % 65521u;
    a = (a + s1) % 65521u;
  }
  return (uint32_t)(s << 16 | a);
}

/* CRC-32 eight bytes a step ("slicing by 8"): table[k][b] is the CRC of
 * byte b followed by k zero bytes.  The IDAT chunk is some 70 KB, and a
 * byte at a time is one long chain of table look-ups. */
typedef struct crc_tables {
  uint32_t t[8][256];
} crc_tables;

static void crc_init(crc_tables *c) {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t v = i;
    for (int k = 0; k < 8; k++)
      v = (v >> 1) ^ (0xEDB88320u & (0u - (v & 1u)));
    c->t[0][i] = v;
  }
  for (int k = 1; k < 8; k++)
    for (int i = 0; i < 256; i++)
      c->t[k][i] = (c->t[k - 1][i] >> 8) ^ c->t[0][c->t[k - 1][i] & 0xFF];
}

static uint32_t crc32_png(const crc_tables *c, const unsigned char *p, size_t n) {
  uint32_t v = 0xFFFFFFFFu;
  for (; n >= 8; n -= 8, p += 8) {
    uint32_t lo =
        v ^ ((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24);
    v = c->t[7][lo & 0xFF] ^ c->t[6][(lo >> 8) & 0xFF] ^ c->t[5][(lo >> 16) & 0xFF] ^
        c->t[4][lo >> 24] ^ c->t[3][p[4]] ^ c->t[2][p[5]] ^ c->t[1][p[6]] ^ c->t[0][p[7]];
  }
  for (; n > 0; n--, p++)
    v = c->t[0][(v ^ *p) & 0xFF] ^ (v >> 8);
  return v ^ 0xFFFFFFFFu;
}

static void put_be32(oct_buf *b, uint32_t v) {
  unsigned char q[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16), (unsigned char)(v >> 8),
                        (unsigned char)v};
  oct_buf_put(b, q, 4);
}

static void put_chunk(oct_buf *b, const crc_tables *crc, const char *type,
                      const unsigned char *data, size_t n) {
  put_be32(b, (uint32_t)n);
  size_t at = b->len;
  oct_buf_put(b, type, 4);
  if (n) oct_buf_put(b, data, n);
  put_be32(b, crc32_png(crc, (const unsigned char *)b->data + at, n + 4));
}

static unsigned char mix(unsigned char a, unsigned char b, double t) {
  return (unsigned char)lround(a + (b - a) * t);
}

/* The coverage map -> an 8-bit indexed PNG with the cover palette. */
static void write_png(const canvas *cv, oct_buf *out) {
  int w = cv->w, h = cv->h;
  crc_tables *crc = oct_xmalloc(sizeof *crc);
  crc_init(crc);
  oct_buf_put(out, "\x89PNG\r\n\x1a\n", 8);
  unsigned char ihdr[13] = {0};
  for (int i = 0; i < 4; i++) {
    ihdr[i] = (unsigned char)((uint32_t)w >> (24 - 8 * i));
    ihdr[4 + i] = (unsigned char)((uint32_t)h >> (24 - 8 * i));
  }
  ihdr[8] = 8; /* bit depth */
  ihdr[9] = 3; /* palette */
  put_chunk(out, crc, "IHDR", ihdr, 13);
  unsigned char plte[256 * 3];
  for (int v = 0; v < 256; v++) {
    rgb c = cover_text;
    if (v == RULE_INK) c = cover_rule;
    if (v <= TEXT_INK) {
      double t = (double)v / TEXT_INK;
      c.r = mix(cover_bg.r, cover_text.r, t);
      c.g = mix(cover_bg.g, cover_text.g, t);
      c.b = mix(cover_bg.b, cover_text.b, t);
    }
    plte[3 * v] = c.r;
    plte[3 * v + 1] = c.g;
    plte[3 * v + 2] = c.b;
  }
  put_chunk(out, crc, "PLTE", plte, sizeof plte);
  oct_buf z = OCT_BUF_INIT;
  oct_buf_put(&z, "\x78\x01", 2); /* zlib header: deflate, 32 KiB window */
  deflate_rows(cv, &z);
  put_be32(&z, adler32_rows(cv));
  put_chunk(out, crc, "IDAT", (const unsigned char *)z.data, z.len);
  put_chunk(out, crc, "IEND", NULL, 0);
  oct_buf_free(&z);
  free(crc);
}

static int load_font(FT_Library lib, const char *rel, font *f, oct_error *err) {
  char path[4096];
  if (oct_data_path(rel, path, sizeof path) != 0)
    return oct_error_set(err, "cover: cannot find %s (set OCTAVO_DATA_DIR)", rel);
  if (FT_New_Face(lib, path, 0, &f->face)) {
    f->face = NULL;
    return oct_error_set(err, "cover: cannot load font %s", path);
  }
  return 0;
}

/* Draws LINES centred, baselines SIZE*LEADING apart, the first at Y. */
static double draw_lines(canvas *cv, font *fonts, int n_fonts, const line *lines, int count,
                         double size, double leading, double w, double y) {
  for (int i = 0; i < count; i++) {
    double lw = run(NULL, fonts, n_fonts, lines[i].s, lines[i].n, size, 0, 0);
    run(cv, fonts, n_fonts, lines[i].s, lines[i].n, size, (w - lw) / 2, y);
    y += size * leading;
  }
  return y;
}

/* A cover shows at most this many bytes of title or author; longer text
 * could not be read on it anyway, and measuring it would only cost time. */
#define COVER_TEXT_MAX 240

static char *shorten(const char *s) {
  size_t n = strlen(s);
  if (n <= COVER_TEXT_MAX) return oct_xstrdup(s);
  n = COVER_TEXT_MAX;
  while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
    n--; /* not inside a character */
  char *r = oct_xmalloc(n + 4);
  memcpy(r, s, n);
  memcpy(r + n, "\xe2\x80\xa6", 4); /* … and NUL */
  return r;
}

int epub_cover_render(const char *title_in, const char *author_in, int w, int h, oct_buf *out,
                      oct_error *err) {
  int rc = -1;
  char *title = shorten(title_in ? title_in : "");
  char *author = author_in ? shorten(author_in) : NULL;
  FT_Library lib = NULL;
  font title_fonts[2] = {{0}}, author_fonts[2] = {{0}};
  canvas cv = {0, 0, NULL, NULL, NULL};
  enum { MAX_LINES = 7 };
  line lines[MAX_LINES + 1];
  /* FreeType hands over span positions as shorts, and a PNG row must stay
   * within deflate's 32 KiB window for the encoder's row-above matches. */
  if (w <= 0 || h <= 0 || w > 32767 || h > 32767) {
    oct_error_set(err, "cover: cannot create a %dx%d image", w, h);
    goto out;
  }
  if (FT_Init_FreeType(&lib)) {
    oct_error_set(err, "cover: cannot initialise FreeType");
    goto out;
  }
  /* DejaVu Sans covers Greek, Cyrillic and more that Liberation lacks. */
  if (load_font(lib, "fonts/LiberationSerif-Bold.ttf", &title_fonts[0], err) ||
      load_font(lib, "fonts/DejaVuSans.ttf", &title_fonts[1], err) ||
      load_font(lib, "fonts/LiberationSerif-Italic.ttf", &author_fonts[0], err))
    goto out;
  author_fonts[1] = title_fonts[1];

  /* The frame holds exactly RULE_INK, the rule colour. */
  int inset = w / 20, stroke = w / 320 > 1 ? w / 320 : 1;
  canvas_init(&cv, w, h, inset, stroke);

  double margin = w * 0.14, width = w - 2 * margin;
  double size = w * 0.095;
  int count;
  while ((count = wrap(title_fonts, 2, title, size, width, lines, MAX_LINES)) > MAX_LINES &&
         size > w * 0.03)
    size *= 0.9;
  if (count > MAX_LINES) count = MAX_LINES; /* absurdly long: show the start */
  double leading = 1.18;
  double block = size * leading * (count - 1);
  double y = h * 0.42 - block / 2;
  y = draw_lines(&cv, title_fonts, 2, lines, count, size, leading, w, y);

  /* A short rule between title and author, over any descender it meets. */
  int rule_y = (int)(y - size * leading + size * 0.9);
  fill_box(&cv, (int)(w * 0.4), rule_y, (int)(w * 0.2), stroke * 2, RULE_INK);

  if (author && *author) {
    double asize = w * 0.05;
    int ac;
    while ((ac = wrap(author_fonts, 2, author, asize, width, lines, 3)) > 3 && asize > w * 0.02)
      asize *= 0.9;
    if (ac > 3) ac = 3;
    draw_lines(&cv, author_fonts, 2, lines, ac, asize, 1.25, w, rule_y + stroke * 2 + asize * 1.6);
  }
  write_png(&cv, out);
  rc = 0;
out:
  canvas_free(&cv);
  if (title_fonts[0].face) FT_Done_Face(title_fonts[0].face);
  if (title_fonts[1].face) FT_Done_Face(title_fonts[1].face);
  if (author_fonts[0].face) FT_Done_Face(author_fonts[0].face);
  if (lib) FT_Done_FreeType(lib);
  free(title);
  free(author);
  return rc;
}

int epub_cover_image(const oct_epub_options *opt, const epub_book *book, oct_buf *out,
                     const char **media_type, oct_error *err) {
  if (!opt->cover_path) {
    *media_type = "image/png";
    return epub_cover_render(book->title, book->author, 1600, 2400, out, err);
  }
  /* The cover is named by the user, not by the article: it may be anywhere,
   * but it must be a regular file and a PNG or JPEG whose header decodes. */
  oct_error ferr;
  oct_error_init(&ferr, opt->cover_path);
  oct_image_info info;
  if (oct_file_read_regular(opt->cover_path, OCT_RESOURCE_MAX_BYTES, out, &ferr) != 0 ||
      oct_image_probe(out->data, out->len, &info, &ferr) != 0)
    return oct_error_set(err, "cover %s %s", opt->cover_path, ferr.msg);
  if (info.kind != OCT_IMAGE_PNG && info.kind != OCT_IMAGE_JPEG)
    return oct_error_set(err, "cover %s is not a PNG or JPEG image", opt->cover_path);
  *media_type = info.media_type;
  return 0;
}
