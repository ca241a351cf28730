/* The cover image: the user's PNG/JPEG (--cover), or one drawn from the
 * title and author.
 *
 * Drawing: cairo fills FreeType glyph outlines as paths.  We do not use
 * cairo-ft because cairo keeps font faces in a process-wide cache that
 * outlives our FT_Library; batch runs convert on several threads, each with
 * its own library, and tearing one down under that cache is unsafe.
 *
 * Memory: a 1600x2400 RGB surface is 15 MiB on its own, so the picture is
 * drawn as a one-byte-per-pixel coverage map (cairo A8, 3.7 MiB) and written
 * as an indexed PNG whose palette maps coverage to the cover's colours.
 *
 * Encoding is hand-written.  cairo's PNG writer (libpng) spends ~80 ms per
 * cover trying every filter on every row and deflating 3.7 MB at level 6 --
 * ten times the whole rest of the conversion.  Our picture is a flat field
 * with a frame and some text, which a deflate stream of fixed-Huffman
 * literals plus two kinds of match (repeat the previous byte; copy the row
 * above) encodes in a few milliseconds and about as small, deterministically
 * and with no zlib on oct_epub's link line.  The PNG framing (CRC, Adler-32)
 * is the few lines it takes; the unit test decodes the result with cairo. */
#include <cairo.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_OUTLINE_H
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "write/epub/internal.h"

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
  double scale; /* pixels per font unit at the current size */
} font;

typedef struct outline_ctx {
  cairo_t *cr;
  double x, y, scale;
} outline_ctx;

static double px(const outline_ctx *c, FT_Pos v) { return c->x + (double)v * c->scale; }
static double py(const outline_ctx *c, FT_Pos v) { return c->y - (double)v * c->scale; }

static int move_to(const FT_Vector *to, void *user) {
  outline_ctx *c = user;
  cairo_close_path(c->cr);
  cairo_move_to(c->cr, px(c, to->x), py(c, to->y));
  return 0;
}

static int line_to(const FT_Vector *to, void *user) {
  outline_ctx *c = user;
  cairo_line_to(c->cr, px(c, to->x), py(c, to->y));
  return 0;
}

/* TrueType curves are quadratic; cairo draws cubics, and a quadratic is the
 * cubic whose controls lie 2/3 of the way to the quadratic control. */
static int conic_to(const FT_Vector *ctl, const FT_Vector *to, void *user) {
  outline_ctx *c = user;
  double x0, y0;
  cairo_get_current_point(c->cr, &x0, &y0);
  double qx = px(c, ctl->x), qy = py(c, ctl->y), x3 = px(c, to->x), y3 = py(c, to->y);
  cairo_curve_to(c->cr, x0 + 2.0 / 3.0 * (qx - x0), y0 + 2.0 / 3.0 * (qy - y0),
                 x3 + 2.0 / 3.0 * (qx - x3), y3 + 2.0 / 3.0 * (qy - y3), x3, y3);
  return 0;
}

static int cubic_to(const FT_Vector *c1, const FT_Vector *c2, const FT_Vector *to, void *user) {
  outline_ctx *c = user;
  cairo_curve_to(c->cr, px(c, c1->x), py(c, c1->y), px(c, c2->x), py(c, c2->y), px(c, to->x),
                 py(c, to->y));
  return 0;
}

static const FT_Outline_Funcs outline_funcs = {move_to, line_to, conic_to, cubic_to, 0, 0};

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

/* Measures (cr == NULL) or draws a UTF-8 run at size SIZE px; returns its width. */
static double run(cairo_t *cr, font *fonts, int n_fonts, const char *s, size_t n, double size,
                  double x, double y) {
  double pen = 0;
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    size_t k = oct_utf8_decode(s + i, n - i, &cp);
    if (!k) {
      i++;
      continue;
    }
    i += k;
    FT_UInt g;
    font *f = &fonts[pick(fonts, n_fonts, cp, &g)];
    double scale = size / f->face->units_per_EM;
    if (FT_Load_Glyph(f->face, g, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP))
      continue;
    if (cr && f->face->glyph->format == FT_GLYPH_FORMAT_OUTLINE) {
      outline_ctx c = {cr, x + pen, y, scale};
      FT_Outline_Decompose(&f->face->glyph->outline, &outline_funcs, &c);
      cairo_close_path(cr);
    }
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
    if (!best_end) return max + 1; /* one word wider than the page */
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

typedef struct bits {
  oct_buf *out;
  uint64_t acc;
  int n;
} bits;

/* Deflate packs bits least-significant first. */
static void put_bits(bits *b, uint32_t v, int count) {
  b->acc |= (uint64_t)v << b->n;
  b->n += count;
  while (b->n >= 8) {
    oct_buf_putc(b->out, (char)(b->acc & 0xFF));
    b->acc >>= 8;
    b->n -= 8;
  }
}

/* Huffman codes go most-significant bit first, so reverse them. */
static void put_code(bits *b, uint32_t code, int len) {
  uint32_t r = 0;
  for (int i = 0; i < len; i++)
    r |= ((code >> i) & 1u) << (len - 1 - i);
  put_bits(b, r, len);
}

/* RFC 1951 §3.2.6 fixed literal/length code. */
static void put_symbol(bits *b, int sym) {
  if (sym < 144)
    put_code(b, 0x30u + (uint32_t)sym, 8);
  else if (sym < 256)
    put_code(b, 0x190u + (uint32_t)(sym - 144), 9);
  else if (sym < 280)
    put_code(b, (uint32_t)(sym - 256), 7);
  else
    put_code(b, 0xC0u + (uint32_t)(sym - 280), 8);
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

static void put_match(bits *b, size_t len, size_t dist) {
  int l = 28;
  while (len_base[l] > len)
    l--;
  put_symbol(b, 257 + l);
  put_bits(b, (uint32_t)(len - len_base[l]), len_extra[l]);
  int d = 29;
  while (dist_base[d] > dist)
    d--;
  put_code(b, (uint32_t)d, 5);
  put_bits(b, (uint32_t)(dist - dist_base[d]), dist_extra[d]);
}

/* Length of the common run of P and P - DIST, at most MAX. */
static size_t match_len(const unsigned char *p, size_t dist, size_t max) {
  size_t k = 0;
  while (k < max && p[k] == p[k - dist])
    k++;
  return k;
}

/* One fixed-Huffman block over RAW, matching against the previous byte and
 * the previous row (STRIDE bytes back). */
static void deflate_rows(const unsigned char *raw, size_t n, size_t stride, oct_buf *out) {
  bits b = {out, 0, 0};
  put_bits(&b, 1, 1); /* BFINAL */
  put_bits(&b, 1, 2); /* BTYPE = fixed Huffman */
  for (size_t i = 0; i < n;) {
    /* Most rows of a cover repeat the one above: say so without comparing
     * byte by byte (memcmp is many times faster than the loop below). */
    if (i % stride == 0 && i >= stride && n - i >= stride && stride <= 32768 &&
        memcmp(raw + i, raw + i - stride, stride) == 0) {
      size_t left = stride;
      while (left > 0) {
        size_t k = left > 258 ? 258 : left;
        if (left > 258 && left - 258 < 3) k = left - 3; /* keep the last match >= 3 */
        if (k < 3) break;
        put_match(&b, k, stride);
        left -= k;
        i += k;
      }
      while (left-- > 0)
        put_symbol(&b, raw[i++]); /* a row of 1 or 2 bytes */
      continue;
    }
    size_t max = n - i < 258 ? n - i : 258;
    size_t best = 0, dist = 0;
    if (i >= stride && stride <= 32768) {
      best = match_len(raw + i, stride, max);
      dist = stride;
    }
    if (best < max && i >= 1) {
      size_t k = match_len(raw + i, 1, max);
      if (k > best) {
        best = k;
        dist = 1;
      }
    }
    if (best >= 3) {
      put_match(&b, best, dist);
      i += best;
    } else {
      put_symbol(&b, raw[i]);
      i++;
    }
  }
  put_symbol(&b, 256); /* end of block */
  if (b.n) put_bits(&b, 0, 8 - b.n);
}

/* Adler-32 of H rows of ROW bytes.  A run of bytes B[0..L-1] turns (a, s)
 * into (a + sum B[k], s + L*a + sum (L-k)*B[k]); both sums are the same for
 * a row equal to the one above, so most rows cost a memcmp, not a loop. */
static uint32_t adler32_rows(const unsigned char *raw, size_t row, size_t h) {
  uint64_t a = 1, s = 0, s1 = 0, s2 = 0;
  for (size_t y = 0; y < h; y++) {
    const unsigned char *p = raw + y * row;
    if (y == 0 || memcmp(p, p - row, row) != 0) {
      s1 = s2 = 0;
      for (size_t k = 0; k < row; k++) {
        s1 += p[k];
        s2 += (uint64_t)(row - k) * p[k];
      }
      s1 %= 65521u;
      s2 %= 65521u;
    }
    s = (s + (row % 65521u) * a + s2) % 65521u;
    a = (a + s1) % 65521u;
  }
  return (uint32_t)(s << 16 | a);
}

static uint32_t crc32_png(const uint32_t table[256], const unsigned char *p, size_t n) {
  uint32_t c = 0xFFFFFFFFu;
  for (size_t i = 0; i < n; i++)
    c = table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

static void put_be32(oct_buf *b, uint32_t v) {
  unsigned char q[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16), (unsigned char)(v >> 8),
                        (unsigned char)v};
  oct_buf_put(b, q, 4);
}

static void put_chunk(oct_buf *b, const uint32_t crc[256], const char *type,
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

/* The A8 coverage map -> an 8-bit indexed PNG with the cover palette.  PIX
 * holds H rows of STRIDE bytes and has room for H rows of W + 1; the rows
 * are moved in place into PNG's layout (a filter byte before each row), so
 * the picture is never held twice. */
static void write_png(unsigned char *pix, int stride, int w, int h, oct_buf *out) {
  uint32_t crc[256];
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++)
      c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    crc[i] = c;
  }
  size_t row = (size_t)w + 1, n = row * (size_t)h, st = (size_t)stride;
  unsigned char *raw = pix;
  /* Moving a row never overwrites one not yet moved if rows go last to
   * first when they grow (row > stride) and first to last otherwise. */
  for (int i = 0; i < h; i++) {
    size_t y = row > st ? (size_t)(h - 1 - i) : (size_t)i;
    memmove(raw + y * row + 1, pix + y * st, (size_t)w);
    raw[y * row] = 0; /* filter: none */
  }
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
  deflate_rows(raw, n, row, &z);
  put_be32(&z, adler32_rows(raw, row, (size_t)h));
  put_chunk(out, crc, "IDAT", (const unsigned char *)z.data, z.len);
  put_chunk(out, crc, "IEND", NULL, 0);
  oct_buf_free(&z);
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
static double draw_lines(cairo_t *cr, font *fonts, int n_fonts, const line *lines, int count,
                         double size, double leading, double w, double y) {
  for (int i = 0; i < count; i++) {
    double lw = run(NULL, fonts, n_fonts, lines[i].s, lines[i].n, size, 0, 0);
    run(cr, fonts, n_fonts, lines[i].s, lines[i].n, size, (w - lw) / 2, y);
    y += size * leading;
  }
  cairo_fill(cr);
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
  cairo_surface_t *surface = NULL;
  unsigned char *pix = NULL;
  cairo_t *cr = NULL;
  enum { MAX_LINES = 7 };
  line lines[MAX_LINES + 1];
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

  int stride = cairo_format_stride_for_width(CAIRO_FORMAT_A8, w);
  size_t rows = (size_t)(stride > w + 1 ? stride : w + 1);
  pix = oct_xcalloc((size_t)h, rows); /* room for the PNG layout too, see write_png */
  surface = cairo_image_surface_create_for_data(pix, CAIRO_FORMAT_A8, w, h, stride);
  cr = cairo_create(surface);
  if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
    oct_error_set(err, "cover: cannot create a %dx%d image", w, h);
    goto out;
  }
  /* Frame and rules: pixel-aligned rectangles, so they hold exactly RULE_INK
   * and map to the rule colour. */
  /* Glyph outlines at cover size flatten into thousands of segments at
   * cairo's default tolerance of 0.1 px; half a pixel is invisible at 1600 px
   * wide and makes filling the text several times cheaper. */
  cairo_set_tolerance(cr, 0.5);
  cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
  cairo_set_source_rgba(cr, 0, 0, 0, RULE_INK / 255.0);
  int inset = w / 20, stroke = w / 320 > 1 ? w / 320 : 1;
  /* Four boxes rather than a ring: pixel-aligned boxes take cairo's fast
   * path, a ring is rasterised through a mask the size of the page. */
  cairo_rectangle(cr, inset, inset, w - 2 * inset, stroke);
  cairo_rectangle(cr, inset, h - inset - stroke, w - 2 * inset, stroke);
  cairo_rectangle(cr, inset, inset + stroke, stroke, h - 2 * (inset + stroke));
  cairo_rectangle(cr, w - inset - stroke, inset + stroke, stroke, h - 2 * (inset + stroke));
  cairo_fill(cr);

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
  cairo_set_source_rgba(cr, 0, 0, 0, TEXT_INK / 255.0);
  cairo_set_operator(cr, CAIRO_OPERATOR_OVER);
  y = draw_lines(cr, title_fonts, 2, lines, count, size, leading, w, y);

  /* A short rule between title and author. */
  cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
  cairo_set_source_rgba(cr, 0, 0, 0, RULE_INK / 255.0);
  int rule_y = (int)(y - size * leading + size * 0.9);
  cairo_rectangle(cr, (int)(w * 0.4), rule_y, (int)(w * 0.2), stroke * 2);
  cairo_fill(cr);

  if (author && *author) {
    double asize = w * 0.05;
    int ac;
    while ((ac = wrap(author_fonts, 2, author, asize, width, lines, 3)) > 3 && asize > w * 0.02)
      asize *= 0.9;
    if (ac > 3) ac = 3;
    cairo_set_operator(cr, CAIRO_OPERATOR_OVER);
    cairo_set_source_rgba(cr, 0, 0, 0, TEXT_INK / 255.0);
    draw_lines(cr, author_fonts, 2, lines, ac, asize, 1.25, w, rule_y + stroke * 2 + asize * 1.6);
  }
  cairo_surface_flush(surface);
  cairo_destroy(cr);
  cr = NULL;
  cairo_surface_destroy(surface);
  surface = NULL;
  write_png(pix, stride, w, h, out);
  rc = 0;
out:
  if (cr) cairo_destroy(cr);
  if (surface) cairo_surface_destroy(surface);
  free(pix);
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
  oct_error ferr;
  oct_error_init(&ferr, opt->cover_path);
  if (oct_file_read(opt->cover_path, out, &ferr) != 0)
    return oct_error_set(err, "cover %s: %s", opt->cover_path, ferr.msg);
  const char *ext;
  const char *type = epub_sniff_image(out->data, out->len, &ext);
  if (!type || (strcmp(type, "image/png") != 0 && strcmp(type, "image/jpeg") != 0))
    return oct_error_set(err, "cover %s: not a PNG or JPEG image", opt->cover_path);
  *media_type = type;
  return 0;
}
