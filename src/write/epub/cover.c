/* The cover image: the user's PNG/JPEG (--cover), or one drawn from the
 * title and author.
 *
 * Two forms of the generated cover, drawn by the same layout code: an SVG
 * the cover page shows (the text as glyph outlines, so it is sharp on any
 * screen and needs no font in the reading system), and a 600 x 900 PNG,
 * the manifest's cover-image, for library views and converters.  Why both,
 * measured (issue 15; instructions for the seed article, callgrind):
 * - an SVG cover-image alone is not enough: calibre's ebook-meta reports
 *   "No cover found" for it, and calibre is also the way to a Kindle;
 * - the old 1600 x 2400 PNG cost 15.1 M of the book's 39.6 M, nearly all
 *   of it proportional to the picture's width (FreeType's rasteriser works
 *   in bands and walks each outline once per band; the encoder walks the
 *   rows): 1200 wide 11.1 M, 1000 9.1 M, 800 7.6 M, 600 5.7 M;
 * - the SVG costs ~0.8 M and its deflate ~0.4 M, so the pair at 600 wide
 *   is 5.9 M (about 4.4 M at 400 wide, 7.7 M at 800).  600 x 900 is
 *   sharper than the 300-odd pixels of a library grid, and what a Kindle
 *   gets through calibre (ebook-convert keeps the cover-image as the
 *   book's cover, 600 x 900 JPEG; the cover page it made from the old
 *   1600 x 2400 PNG was scaled to 790 x 1186 anyway).
 *
 * Drawing: each distinct glyph is loaded and its outline walked once per
 * cover (see glyph_get); the SVG writes it as a path, and our rasteriser
 * (see "the raster cover": FreeType's re-walks the outline per 10-row band)
 * blends its coverage straight into the page, touching only the glyph's
 * box.  Filling all the text as one cairo path instead cost ~15 ms a book
 * (~250M instructions): cairo composites a mask the size of the text's
 * whole extent.  We do not use cairo-ft either, because cairo keeps font
 * faces in a process-wide cache that outlives our FT_Library; batch runs
 * convert on several threads, each with its own library, and tearing one
 * down under that cache is unsafe.  The frame and rules are whole-pixel
 * boxes, a loop over their rows.  The seed's cover costs 3.05 M
 * instructions (5.9 M with FreeType's rasteriser and an 8-bit PNG): its
 * glyphs 1.2 M, the PNG 1.0 M, the SVG 0.3 M, loading glyphs and faces 0.4 M.
 *
 * Memory: a 600x900 RGB picture is 1.6 MiB, so the picture is drawn as a
 * one-byte-per-pixel map of coverage levels and written as a 4-bit indexed
 * PNG whose palette maps levels to the cover's colours.  Rows nothing is
 * drawn on share one copy (see canvas), so only the text band is held.
 *
 * Layout: every length is a fixed fraction of the page width (see
 * cover_layout below), so a cover of any size looks the same.
 *
 * Scripts: Latin, Greek, Cyrillic... go glyph by glyph from the cmap, the
 * fast path.  A line holding right-to-left or joining letters (Hebrew,
 * Arabic...) is put in visual order with FriBidi (the Unicode bidi
 * algorithm, UAX #9) and shaped with HarfBuzz, which picks the joined forms
 * and ligatures Arabic needs; drawn a character at a time, an Arabic title
 * came out as unjoined letters in reverse order.
 *
 * Encoding: pngwrite.c, a hand-written PNG encoder ten times faster than
 * libpng on this kind of picture (the reasons and figures are there). */
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_ADVANCES_H
#include FT_OUTLINE_H
#include <fribidi.h>
#include <hb-ft.h>
#include <hb.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "write/epub/internal.h"
#include "write/epub/pngwrite.h"
#include "write/resource/resource.h"

/* The generated cover is 2:3, the shape of a printed book's page.  The
 * cover page shows it as SVG in a 1600 x 2400 box (units, not pixels: it is
 * sharp on any screen); the PNG thumbnail is THUMB_WIDTH wide. */
#define COVER_WIDTH EPUB_COVER_PAGE_WIDTH
#define COVER_HEIGHT EPUB_COVER_PAGE_HEIGHT
#define THUMB_WIDTH 600
#define THUMB_HEIGHT 900

/* Coverage levels: text is painted up to TEXT_INK, rules exactly at
 * RULE_INK, and the PNG is 4 bits a pixel, one palette entry a level.
 * Fifteen levels of text (0 the field, 14 the full text colour) step the
 * anti-aliased edge by 1/14 of the field-to-text contrast, some 15 of 255
 * in each channel, which does not show at the cover's 57 px title: it is
 * the eye's, not the encoder's, limit that matters, and half the bytes of
 * an 8-bit picture halve its filtering and deflate (issue 15). */
#define TEXT_INK 14
#define RULE_INK 15
#define PNG_DEPTH 4

typedef struct rgb {
  unsigned char r, g, b;
} rgb;

static const rgb cover_bg = {0x1F, 0x33, 0x4F};   /* deep blue field */
static const rgb cover_text = {0xF4, 0xEE, 0xE0}; /* warm off-white */
static const rgb cover_rule = {0xC9, 0xA4, 0x5C}; /* muted gold */

typedef struct lazy_font lazy_font;

typedef struct font {
  FT_Face face;
  hb_font_t *hb;   /* the same face for HarfBuzz, in font units */
  lazy_font *lazy; /* not NULL: a face opened the first time a character needs it */
} font;

/* The fallback face, opened only when a character is not in the text's
 * own face: most titles never need it, and opening DejaVu Sans cost 0.1 M
 * instructions a cover.  Its path is found before drawing, so that a
 * missing file is an error whatever the title; a file FreeType cannot open
 * fails the cover when it is first needed (ERR, FAILED). */
struct lazy_font {
  FT_Library lib;
  char path[4096];
  bool tried, failed;
  font font;
  oct_error *err;
};

/* One step of a glyph's outline, in font units: a move, a line, a
 * quadratic or a cubic curve to P[N-1] ('M', 'L', 'Q', 'C': N = 1, 1, 2, 3). */
typedef struct step {
  char op;
  FT_Vector p[3];
} step;

/* A glyph of one face, loaded and walked once per cover however often the
 * two pictures draw it (FT_Load_Glyph and FT_Outline_Decompose were 0.4 M
 * instructions of the seed's cover, for 94 loads of 28 distinct glyphs). */
typedef struct glyph {
  FT_Face face;
  FT_UInt id;
  bool loaded;     /* FT_Load_Glyph succeeded: the pen moves by ADVANCE */
  long svg_id;     /* the SVG's path of it is "g<svg_id>"; -1 before it has one */
  FT_Pos advance;  /* font units */
  FT_BBox box;     /* of its control points, font units */
  size_t first, n; /* its outline: steps[first .. first + n), none for a space */
} glyph;

/* The glyphs of one cover, shared by its two pictures.  Looked up one by
 * one: a cover shows at most 2 * COVER_TEXT_MAX characters, so that is
 * bounded (and the seed's 47 glyphs are 28 distinct). */
typedef struct glyph_set {
  glyph *g;
  size_t n, cap;
  step *steps;
  size_t n_steps, cap_steps;
} glyph_set;

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
  oct_buf *svg;          /* not NULL: draw as SVG into it, no pixels at all */
  glyph_set *glyphs;     /* what both pictures draw */
  long svg_paths;        /* the paths the SVG has */
  float *cells;          /* the rasteriser's cells for one glyph (see draw_glyph), reused */
  size_t cap_cells;
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
  if (cv->svg) {
    /* the field, then the frame as one ring (even-odd: the inner box is a
     * hole); the text takes the root's fill */
    oct_buf_printf(cv->svg,
                   "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                   "xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\" width=\"%d\" "
                   "height=\"%d\" viewBox=\"0 0 %d %d\" fill=\"#%02X%02X%02X\">\n"
                   "<rect width=\"%d\" height=\"%d\" fill=\"#%02X%02X%02X\"/>\n"
                   "<path fill=\"#%02X%02X%02X\" fill-rule=\"evenodd\" d=\"M%d %dh%dv%dh%dzM%d "
                   "%dv%dh%dv%dz\"/>\n",
                   w, h, w, h, cover_text.r, cover_text.g, cover_text.b, w, h, cover_bg.r,
                   cover_bg.g, cover_bg.b, cover_rule.r, cover_rule.g, cover_rule.b, inset, inset,
                   w - 2 * inset, h - 2 * inset, -(w - 2 * inset), inset + stroke, inset + stroke,
                   h - 2 * (inset + stroke), w - 2 * (inset + stroke), -(h - 2 * (inset + stroke)));
    return;
  }
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
  free(cv->cells);
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
  if (cv->svg) { /* only the rule is a box: RULE_INK */
    (void)v;
    oct_buf_printf(cv->svg,
                   "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#%02X%02X%02X\"/>\n",
                   x, y, bw, bh, cover_rule.r, cover_rule.g, cover_rule.b);
    return;
  }
  int y0 = y < 0 ? 0 : y, y1 = y + bh > cv->h ? cv->h : y + bh;
  for (int r = y0; r < y1; r++)
    set_run(row_to_draw(cv, r), cv->w, x, bw, v);
}

/* ---- the vector cover
 *
 * Each glyph is its outline in font units (FT_LOAD_NO_SCALE), written once
 * as an SVG path of whole numbers in <defs> and placed by a <use> whose
 * matrix scales and flips it to where the raster would draw it.  Whole
 * numbers are short and cheap to write, the matrix keeps sub-pixel
 * placement, and the text needs no font in the reading system.  Letters
 * repeat: the seed's 42 glyphs are 28 paths, 12.6 KB of SVG where a path
 * per glyph made 15.3 KB.  The fill rule is SVG's default, nonzero, which is
 * how TrueType outlines fill.  (An embedded font subset instead would need
 * subsetting and base64 in every book, and an SVG shown through <image> may
 * not load fonts at all.) */

/* The SVG writer: a stack buffer handed to OUT when nearly full, and
 * numbers written by hand, because a glyph is a few hundred numbers: an
 * oct_buf_put per number and a printf per glyph cost 0.8 M instructions
 * each for the seed's cover. */
typedef struct svg_out {
  oct_buf *out;
  size_t len;
  char buf[1024];
} svg_out;

static void svg_flush(svg_out *o) {
  oct_buf_put(o->out, o->buf, o->len);
  o->len = 0;
}

/* Room for N more bytes (N <= 64). */
static char *svg_room(svg_out *o, size_t n) {
  if (o->len + n > sizeof o->buf) svg_flush(o);
  return o->buf + o->len;
}

static void svg_lit(svg_out *o, const char *s) {
  size_t n = strlen(s);
  if (n > 64) {
    svg_flush(o);
    oct_buf_put(o->out, s, n);
    return;
  }
  memcpy(svg_room(o, n), s, n);
  o->len += n;
}

/* V / 10^DECIMALS in decimal after SEP (a path command letter, a space or
 * nothing when 0), trailing zeros of the fraction dropped. */
static void svg_num(svg_out *o, char sep, long v, int decimals) {
  char tmp[32];
  int n = 0;
  unsigned long u = v < 0 ? 0ul - (unsigned long)v : (unsigned long)v;
  bool digits = false; /* a fraction digit written */
  for (int d = 0; d < decimals; d++, u /= 10) {
    if (u % 10 || digits) {
      tmp[sizeof tmp - 1 - n++] = (char)('0' + u % 10);
      digits = true;
    }
  }
  if (digits) tmp[sizeof tmp - 1 - n++] = '.';
  do
    tmp[sizeof tmp - 1 - n++] = (char)('0' + u % 10);
  while ((u /= 10) != 0);
  if (v < 0) tmp[sizeof tmp - 1 - n++] = '-';
  if (sep) tmp[sizeof tmp - 1 - n++] = sep;
  memcpy(svg_room(o, (size_t)n), tmp + sizeof tmp - n, (size_t)n);
  o->len += (size_t)n;
}

/* A path's numbers: after a command letter none, else a space unless the
 * number's own minus sign parts it from the last. */
static void svg_coord(svg_out *o, char *sep, long v) {
  svg_num(o, *sep && v >= 0 ? ' ' : 0, v, 0);
  *sep = ' ';
}

/* The outline's steps as SVG path data.  Each contour starts with an
 * absolute M; then every step is relative to the last point, which makes
 * the numbers short (the seed's are two digits where absolute ones were
 * three or four), with h and v for level and upright lines, a command
 * letter only where it changes, and z for the line FreeType adds back to
 * the contour's start.  The seed's SVG: 12.6 KB -> 10.8 KB (its paths
 * 8.7 KB -> 6.9 KB), less to write and to deflate into the book. */
static void svg_path(svg_out *o, const step *st, size_t n) {
  FT_Vector at = {0, 0}, start = {0, 0};
  char last = 0, sep = 0;
  for (size_t i = 0; i < n; i++) {
    const FT_Vector *p = st[i].p;
    char op = st[i].op;
    if (op == 'M') {
      svg_lit(o, "M");
      sep = 0;
      svg_coord(o, &sep, p[0].x);
      svg_coord(o, &sep, p[0].y);
      at = start = p[0];
      last = 'M';
      continue;
    }
    int k = op == 'C' ? 3 : op == 'Q' ? 2 : 1;
    const FT_Vector *to = &p[k - 1];
    char cmd = op == 'C' ? 'c' : op == 'Q' ? 'q' : 'l';
    if (op == 'L' && to->x == start.x && to->y == start.y && (i + 1 == n || st[i + 1].op == 'M')) {
      svg_lit(o, "z");
      last = 'z';
      at = start;
      continue;
    }
    if (op == 'L' && to->y == at.y)
      cmd = 'h';
    else if (op == 'L' && to->x == at.x)
      cmd = 'v';
    if (cmd != last) {
      char c[2] = {cmd, 0};
      svg_lit(o, c);
      sep = 0;
      last = cmd;
    }
    if (cmd == 'h')
      svg_coord(o, &sep, to->x - at.x);
    else if (cmd == 'v')
      svg_coord(o, &sep, to->y - at.y);
    else
      for (int j = 0; j < k; j++) {
        svg_coord(o, &sep, p[j].x - at.x);
        svg_coord(o, &sep, p[j].y - at.y);
      }
    at = *to;
  }
}

/* Glyph GL at SCALE px per unit, its origin at X, Y: its path the first
 * time the cover draws it, then a <use> of it. */
static void svg_glyph(canvas *cv, glyph *gl, double scale, double x, double y) {
  if (!gl->n) return; /* a space */
  svg_out o;          /* the buffer needs no clearing: len says what is written */
  o.out = cv->svg;
  o.len = 0;
  if (gl->svg_id < 0) {
    gl->svg_id = cv->svg_paths++;
    svg_lit(&o, "<defs><path id=\"g");
    svg_num(&o, 0, gl->svg_id, 0);
    svg_lit(&o, "\" d=\"");
    svg_path(&o, cv->glyphs->steps + gl->first, gl->n);
    svg_lit(&o, "\"/></defs>");
  }
  svg_lit(&o, "<use xlink:href=\"#g");
  svg_num(&o, 0, gl->svg_id, 0);
  svg_lit(&o, "\" transform=\"matrix(");
  long s = lround(scale * 1e7);
  svg_num(&o, 0, s, 7);
  svg_lit(&o, " 0 0");
  svg_num(&o, ' ', -s, 7);
  svg_num(&o, ' ', lround(x * 100), 2);
  svg_num(&o, ' ', lround(y * 100), 2);
  svg_lit(&o, ")\"/>\n");
  svg_flush(&o);
}

/* ---- the glyphs: loaded once, their outlines kept as steps */

static int record(glyph_set *gs, char op, const FT_Vector *a, const FT_Vector *b,
                  const FT_Vector *c) {
  OCT_GROW(gs->steps, gs->n_steps, gs->cap_steps);
  step *st = &gs->steps[gs->n_steps++];
  st->op = op;
  st->p[0] = *a;
  if (b) st->p[1] = *b;
  if (c) st->p[2] = *c;
  return 0;
}

static int record_move(const FT_Vector *to, void *user) {
  return record(user, 'M', to, NULL, NULL);
}

static int record_line(const FT_Vector *to, void *user) {
  return record(user, 'L', to, NULL, NULL);
}

static int record_conic(const FT_Vector *c, const FT_Vector *to, void *user) {
  return record(user, 'Q', c, to, NULL);
}

static int record_cubic(const FT_Vector *c1, const FT_Vector *c2, const FT_Vector *to, void *user) {
  return record(user, 'C', c1, c2, to);
}

/* Glyph ID of FACE, loaded (unscaled, unhinted) the first time it is asked
 * for.  The pointer holds until the next call. */
static glyph *glyph_get(glyph_set *gs, FT_Face face, FT_UInt id) {
  for (size_t i = 0; i < gs->n; i++)
    if (gs->g[i].face == face && gs->g[i].id == id) return &gs->g[i];
  OCT_GROW(gs->g, gs->n, gs->cap);
  glyph *gl = &gs->g[gs->n++];
  memset(gl, 0, sizeof *gl);
  gl->face = face;
  gl->id = id;
  gl->svg_id = -1;
  gl->first = gs->n_steps;
  if (FT_Load_Glyph(face, id, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP)) return gl;
  gl->loaded = true;
  gl->advance = face->glyph->advance.x;
  FT_Outline *o = &face->glyph->outline;
  if (face->glyph->format != FT_GLYPH_FORMAT_OUTLINE || o->n_contours <= 0) return gl;
  static const FT_Outline_Funcs funcs = {record_move,  record_line, record_conic,
                                         record_cubic, 0,           0};
  FT_Outline_Get_CBox(o, &gl->box);
  FT_Outline_Decompose(o, &funcs, gs);
  gl->n = gs->n_steps - gl->first;
  return gl;
}

/* ---- the raster cover
 *
 * Our own rasteriser, not FreeType's: FreeType 2.12's (Debian 12) keeps its
 * cells in a 2 KB pool on the stack, so it cuts a glyph into bands of about
 * ten rows and walks the whole outline again for each band -- 462 walks for
 * the seed's 47 glyphs at 57 px, 3.2 M instructions (76 K a glyph) of the
 * cover's 5.9 M.  Here each glyph's outline is walked once: every edge,
 * flattened to lines, leaves in a row of cells the change of coverage from
 * one pixel to the next (the exact area of the pixel to the edge's right,
 * times its height in the row and its direction), and one running sum
 * along each row of the glyph's box gives every pixel's coverage.  Its
 * magnitude, at most 1, makes overlapping contours of the same direction
 * one shape and a hole of the other direction empty, which is how
 * TrueType's nonzero rule fills them.  The seed's cover's glyphs: 1.2 M,
 * where FreeType's rasteriser and our span callback took 3.3 M.  It is not
 * FreeType's picture to the bit (FreeType works in 1/256 px areas): edge
 * pixels differ by up to 23 of 255, which does not show. */

typedef struct raster {
  float *cells; /* h rows of stride cells: the coverage steps of the box's pixels */
  int w, h, stride;
  bool clip;            /* the glyph reaches past the page's side: its box was cut */
  double ox, oy, scale; /* font units -> box pixels: x * scale + ox, oy - y * scale */
  double px, py;        /* the pen, in box pixels */
} raster;

/* ramp(u) = the integral of clamp(v, 0, 1) for v from 0 to u. */
static float ramp(float u) { return u <= 0 ? 0 : u < 1 ? u * u / 2 : u - 0.5f; }

/* One piece of an edge inside one row: from XA to XB across the row (box
 * pixels, clamped to the box: left of it an edge covers all the box's
 * pixels, right of it none), HEIGHT rows tall with its direction's sign.
 * Pixel j is covered right of the edge by the mean over the piece of
 * clamp(j + 1 - x, 0, 1), that is (ramp(j + 1 - lo) - ramp(j + 1 - hi)) /
 * (hi - lo) on a slanted piece; the row's cells take the steps between
 * neighbours, and 1 past the last pixel the piece reaches. */
static void cell_piece(float *row, int w, bool clip, float xa, float xb, float height) {
  float lo = xa < xb ? xa : xb, hi = xa < xb ? xb : xa;
  if (clip) { /* else the box holds every control point, so every x */
    lo = lo < 0 ? 0 : lo > w ? (float)w : lo;
    hi = hi < 0 ? 0 : hi > w ? (float)w : hi;
  }
  int j = (int)lo;
  if (hi <= (float)(j + 1)) {
    /* within one pixel (most pieces: a glyph's edges are steep): the
     * area right of it is the pixel's right edge less the mean x */
    float a = (float)(j + 1) - (lo + hi) / 2;
    row[j] += height * a;
    row[j + 1] += height * (1 - a);
    return;
  }
  float inv = 1 / (hi - lo), prev = 0;
  int last = (int)ceilf(hi) - 1; /* the last pixel the piece reaches */
  if (last < j) last = j;
  for (; j <= last; j++) {
    float a = (ramp((float)(j + 1) - lo) - ramp((float)(j + 1) - hi)) * inv;
    row[j] += height * (a - prev);
    prev = a;
  }
  row[j] += height * (1 - prev);
}

/* A straight edge from the pen to X, Y (box pixels), cut at row edges. */
static void raster_line(raster *r, double x, double y) {
  double xa = r->px, ya = r->py, xb = x, yb = y;
  r->px = x;
  r->py = y;
  if (ya == yb) return;
  float dir = 1;
  if (ya > yb) {
    double t = xa;
    xa = xb;
    xb = t;
    t = ya;
    ya = yb;
    yb = t;
    dir = -1;
  }
  double top = ya < 0 ? 0 : ya, bottom = yb > r->h ? r->h : yb;
  double dxdy = (xb - xa) / (yb - ya);
  double t0 = top; /* a piece's top, and its x there: the last one's bottom */
  float x0 = (float)(xa + (t0 - ya) * dxdy);
  for (int row = (int)top; row < bottom; row++) {
    double t1 = row + 1 < bottom ? row + 1 : bottom;
    float x1 = (float)(xa + (t1 - ya) * dxdy);
    cell_piece(r->cells + (size_t)row * (size_t)r->stride, r->w, r->clip, x0, x1,
               (float)(t1 - t0) * dir);
    t0 = t1;
    x0 = x1;
  }
}

static void raster_to(raster *r, const FT_Vector *p, double *x, double *y) {
  *x = (double)p->x * r->scale + r->ox;
  *y = r->oy - (double)p->y * r->scale;
}

static int raster_move(const FT_Vector *to, void *user) {
  raster *r = user;
  raster_to(r, to, &r->px, &r->py);
  return 0;
}

static int raster_lineto(const FT_Vector *to, void *user) {
  raster *r = user;
  double x, y;
  raster_to(r, to, &x, &y);
  raster_line(r, x, y);
  return 0;
}

/* Curves become N lines, N chosen so that they stray at most 1/16 px from
 * the curve: a quadratic's chord error with N pieces is |p0 - 2c + p1| / (8
 * N^2), a cubic's at most 3/4 of its larger second difference / N^2. */
static int raster_conic(const FT_Vector *c, const FT_Vector *to, void *user) {
  raster *r = user;
  double x0 = r->px, y0 = r->py, cx, cy, x1, y1;
  raster_to(r, c, &cx, &cy);
  raster_to(r, to, &x1, &y1);
  double dd = fabs(x0 - 2 * cx + x1) + fabs(y0 - 2 * cy + y1);
  int n = 1 + (int)sqrt(dd * 2);
  for (int i = 1; i <= n; i++) {
    double t = (double)i / n, u = 1 - t;
    raster_line(r, u * u * x0 + 2 * u * t * cx + t * t * x1,
                u * u * y0 + 2 * u * t * cy + t * t * y1);
  }
  return 0;
}

static int raster_cubic(const FT_Vector *c1, const FT_Vector *c2, const FT_Vector *to, void *user) {
  raster *r = user;
  double x0 = r->px, y0 = r->py, ax, ay, bx, by, x1, y1;
  raster_to(r, c1, &ax, &ay);
  raster_to(r, c2, &bx, &by);
  raster_to(r, to, &x1, &y1);
  double d1 = fabs(x0 - 2 * ax + bx) + fabs(y0 - 2 * ay + by);
  double d2 = fabs(ax - 2 * bx + x1) + fabs(ay - 2 * by + y1);
  int n = 1 + (int)sqrt((d1 > d2 ? d1 : d2) * 12);
  for (int i = 1; i <= n; i++) {
    double t = (double)i / n, u = 1 - t;
    double k0 = u * u * u, k1 = 3 * u * u * t, k2 = 3 * u * t * t, k3 = t * t * t;
    raster_line(r, k0 * x0 + k1 * ax + k2 * bx + k3 * x1, k0 * y0 + k1 * ay + k2 * by + k3 * y1);
  }
  return 0;
}

/* Whether cell C is +0.0, by its bits: a compare of floats is three
 * instructions where this is one (and two cells are one word). */
static inline bool empty(const float *c) {
  uint32_t bits;
  memcpy(&bits, c, 4);
  return bits == 0;
}

/* Paints glyph GL at SCALE px per font unit, its
 * origin at X, Y (pixels, y down), at sub-pixel positions: glyphs sit
 * where the measured advances put them, not snapped to whole pixels.  Text
 * ink is TEXT_INK at full coverage; max() rather than "over" so that where
 * two glyphs' edges meet the ink is their union, and a rule under the text
 * keeps its exact RULE_INK. */
static void draw_glyph(canvas *cv, glyph *gl, double scale, double x, double y) {
  if (cv->svg) {
    svg_glyph(cv, gl, scale, x, y);
    return;
  }
  if (!gl->n) return;
  const FT_BBox box = gl->box; /* control points hold the outline */
  double fx0 = floor(x + (double)box.xMin * scale), fx1 = ceil(x + (double)box.xMax * scale);
  double fy0 = floor(y - (double)box.yMax * scale), fy1 = ceil(y - (double)box.yMin * scale);
  /* the box on the page: an edge left of it still shades it, so x clamps
   * (cell_piece) while rows outside are left out */
  int bx0 = fx0 < 0 ? 0 : fx0 > cv->w ? cv->w : (int)fx0;
  int bx1 = fx1 < 0 ? 0 : fx1 > cv->w ? cv->w : (int)fx1;
  int by0 = fy0 < 0 ? 0 : fy0 > cv->h ? cv->h : (int)fy0;
  int by1 = fy1 < 0 ? 0 : fy1 > cv->h ? cv->h : (int)fy1;
  if (bx0 >= bx1 || by0 >= by1) return;
  raster r = {.w = bx1 - bx0, .h = by1 - by0, .stride = bx1 - bx0 + 2};
  r.clip = fx0 < bx0 || fx1 > bx1;
  size_t n = (size_t)r.stride * (size_t)r.h;
  if (n > cv->cap_cells) { /* zeroed; the sums below leave every cell 0 again */
    free(cv->cells);
    cv->cells = oct_xcalloc(n, sizeof *cv->cells);
    cv->cap_cells = n;
  }
  r.cells = cv->cells;
  r.scale = scale;
  r.ox = x - bx0;
  r.oy = y - by0;
  const step *st = cv->glyphs->steps + gl->first;
  for (size_t i = 0; i < gl->n; i++)
    switch (st[i].op) {
    case 'M':
      raster_move(&st[i].p[0], &r);
      break;
    case 'L':
      raster_lineto(&st[i].p[0], &r);
      break;
    case 'Q':
      raster_conic(&st[i].p[0], &st[i].p[1], &r);
      break;
    default:
      raster_cubic(&st[i].p[0], &st[i].p[1], &st[i].p[2], &r);
    }
  for (int row = 0; row < r.h; row++) {
    float *c = r.cells + (size_t)row * (size_t)r.stride;
    unsigned char *line = NULL;
    float sum = 0;
    /* Most cells are 0 (+0.0, all bits clear: a cell is only ever cleared
     * or added to, and x + -0.0 is +0.0), and the level only changes at a
     * cell that is not: pass over the empty stretches, and blend the inked
     * ones at one level, in two tight loops (one loop testing everything
     * for every pixel cost twice as much, 0.56 M for the seed's cover). */
    int j = 0;
    c[r.w] = 1; /* a sentinel: the loops stop at the row's end unasked */
    for (;;) {
      uint64_t two;
      while ((memcpy(&two, c + j, 8), two == 0))
        j += 2;
      if (empty(c + j)) j++;
      if (j >= r.w) break;
      sum += c[j];
      c[j] = 0;
      float a = fabsf(sum);
      unsigned char v = (unsigned char)((a < 1 ? a : 1) * TEXT_INK + 0.5f);
      if (!v) {
        j++;
        continue;
      }
      if (!line) line = row_to_draw(cv, by0 + row) + bx0;
      do {
        if (v > line[j]) line[j] = v;
        j++;
      } while (empty(c + j));
    }
    c[r.w] = c[r.w + 1] = 0;
  }
}

/* Picks the face that has CP (the main font, else the fallback). */
static int open_font(FT_Library lib, const char *path, font *f, oct_error *err);

/* F with its face open, or NULL when it has none. */
static font *font_ready(font *f) {
  if (!f->face && f->lazy) {
    lazy_font *z = f->lazy;
    if (!z->tried) {
      z->tried = true;
      z->failed = open_font(z->lib, z->path, &z->font, z->err) != 0;
    }
    f->face = z->font.face;
    f->hb = z->font.hb;
  }
  return f->face ? f : NULL;
}

static int pick(font *fonts, int n_fonts, uint32_t cp, FT_UInt *id) {
  for (int i = 0; i < n_fonts; i++) {
    if (!font_ready(&fonts[i])) continue;
    *id = FT_Get_Char_Index(fonts[i].face, cp);
    if (*id) return i;
  }
  *id = 0;
  return 0;
}

/* Characters that need the bidi algorithm and shaping: the right-to-left
 * blocks (Hebrew to Arabic Extended-A, the presentation forms, the
 * historic scripts of the SMP) and the explicit direction marks. */
static bool needs_shaping(const char *s, size_t n) {
  size_t i = 0;
  uint32_t cp;
  while (oct_utf8_next(s, n, &i, &cp))
    if ((cp >= 0x0590 && cp <= 0x08FF) || (cp >= 0xFB1D && cp <= 0xFDFF) ||
        (cp >= 0xFE70 && cp <= 0xFEFF) || (cp >= 0x10800 && cp <= 0x10FFF) ||
        (cp >= 0x1E800 && cp <= 0x1EFFF) || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
        (cp >= 0x2066 && cp <= 0x2069))
      return true;
  return false;
}

/* A stretch of a line in one face at one bidi level. */
typedef struct shaped_run {
  int start, len, face;
  FriBidiLevel level;
} shaped_run;

/* run() for lines that need shaping: the line's characters get their bidi
 * levels (in paragraph direction BASE: FRIBIDI_PAR_ON takes it from the
 * line's first strong letter), are cut
 * into runs of one level and one face, the runs are put in visual order
 * (UAX #9 rule L2: from the highest level down to the lowest odd one,
 * reverse every stretch at that level or above), and each run is shaped by
 * HarfBuzz, which hands right-to-left glyphs back already in visual order.
 * The line is at most COVER_TEXT_MAX bytes, so the arrays are small. */
static double run_shaped(canvas *cv, font *fonts, int n_fonts, const char *s, size_t n, double size,
                         double x, double y, FriBidiParType base) {
  uint32_t *cps = oct_xmalloc((n + 1) * sizeof *cps);
  int m = 0;
  size_t i = 0;
  uint32_t cp;
  while (oct_utf8_next(s, n, &i, &cp))
    cps[m++] = cp;
  FriBidiCharType *types = oct_xmalloc(((size_t)m + 1) * sizeof *types);
  FriBidiBracketType *brackets = oct_xmalloc(((size_t)m + 1) * sizeof *brackets);
  FriBidiLevel *levels = oct_xmalloc(((size_t)m + 1) * sizeof *levels);
  shaped_run *runs = oct_xmalloc(((size_t)m + 1) * sizeof *runs);
  int *order = oct_xmalloc(((size_t)m + 1) * sizeof *order);
  fribidi_get_bidi_types(cps, m, types);
  fribidi_get_bracket_types(cps, m, types, brackets);
  if (m > 0 && !fribidi_get_par_embedding_levels_ex(types, brackets, m, &base, levels))
    memset(levels, 0, (size_t)m * sizeof *levels);
  int n_runs = 0;
  int top = 0, lowest_odd = 127; /* levels run to 125 (UAX #9 BD2) */
  for (int k = 0; k < m; k++) {
    FT_UInt g;
    int face = pick(fonts, n_fonts, cps[k], &g);
    if (n_runs == 0 || runs[n_runs - 1].face != face || runs[n_runs - 1].level != levels[k])
      runs[n_runs++] = (shaped_run){k, 0, face, levels[k]};
    runs[n_runs - 1].len++;
    if (levels[k] > top) top = levels[k];
    if ((levels[k] & 1) && levels[k] < lowest_odd) lowest_odd = levels[k];
  }
  for (int r = 0; r < n_runs; r++)
    order[r] = r;
  for (int lev = top; lev >= lowest_odd && lev > 0; lev--)
    for (int r = 0; r < n_runs;) {
      if (runs[order[r]].level < lev) {
        r++;
        continue;
      }
      int e = r;
      while (e < n_runs && runs[order[e]].level >= lev)
        e++;
      for (int a = r, b = e - 1; a < b; a++, b--) {
        int t = order[a];
        order[a] = order[b];
        order[b] = t;
      }
      r = e;
    }
  double pen = 0; /* pixels */
  hb_buffer_t *buf = hb_buffer_create();
  for (int r = 0; r < n_runs; r++) {
    const shaped_run *sr = &runs[order[r]];
    font *f = &fonts[sr->face];
    double scale = size / f->face->units_per_EM;
    hb_buffer_clear_contents(buf);
    /* the whole line as context, so letters join across a run's edge */
    hb_buffer_add_codepoints(buf, cps, m, (unsigned)sr->start, sr->len);
    hb_buffer_set_direction(buf, (sr->level & 1) ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
    hb_buffer_guess_segment_properties(buf);
    hb_shape(f->hb, buf, NULL, 0);
    unsigned count;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &count);
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &count);
    for (unsigned k = 0; k < count; k++) {
      glyph *gl = cv ? glyph_get(cv->glyphs, f->face, info[k].codepoint) : NULL;
      if (gl && gl->loaded)
        draw_glyph(cv, gl, scale, x + pen + pos[k].x_offset * scale, y - pos[k].y_offset * scale);
      pen += pos[k].x_advance * scale;
    }
  }
  hb_buffer_destroy(buf);
  free(cps);
  free(types);
  free(brackets);
  free(levels);
  free(runs);
  free(order);
  return pen;
}

/* PEN moved on by the width of a UTF-8 run that needs no shaping, at size
 * SIZE px: each advance alone, from the metrics table, not the outline (the
 * same number, unscaled and unhinted).  Measuring on from where a shorter
 * run ended adds the same numbers in the same order as measuring the whole
 * run, so the sum is the same to the bit (see wrap). */
static double measure(font *fonts, int n_fonts, const char *s, size_t n, double size, double pen) {
  size_t i = 0;
  uint32_t cp;
  while (oct_utf8_next(s, n, &i, &cp)) {
    FT_UInt g;
    font *f = &fonts[pick(fonts, n_fonts, cp, &g)];
    FT_Fixed adv;
    if (!FT_Get_Advance(f->face, g, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP,
                        &adv))
      pen += (double)adv * (size / f->face->units_per_EM);
  }
  return pen;
}

/* Measures (cv == NULL) or draws a UTF-8 run at size SIZE px; returns its width. */
static double run(canvas *cv, font *fonts, int n_fonts, const char *s, size_t n, double size,
                  double x, double y) {
  if (needs_shaping(s, n)) return run_shaped(cv, fonts, n_fonts, s, n, size, x, y, FRIBIDI_PAR_ON);
  if (!cv) return measure(fonts, n_fonts, s, n, size, 0);
  double pen = 0;
  size_t i = 0;
  uint32_t cp;
  while (oct_utf8_next(s, n, &i, &cp)) {
    FT_UInt g;
    font *f = &fonts[pick(fonts, n_fonts, cp, &g)];
    double scale = size / f->face->units_per_EM;
    glyph *gl = glyph_get(cv->glyphs, f->face, g);
    if (!gl->loaded) continue;
    draw_glyph(cv, gl, scale, x + pen, y);
    pen += (double)gl->advance * scale;
  }
  return pen;
}

typedef struct line {
  const char *s;
  size_t n;
  double width; /* run(NULL, s, n) at the size it was wrapped at */
} line;

/* Greedy wrap of TEXT into lines no wider than WIDTH at SIZE; returns the
 * count (at most MAX), or MAX + 1 when it does not fit.  A text that needs
 * no shaping is measured a word at a time on from the line so far (a line
 * of k words measured whole for each word was k^2 / 2 advances, and fit()
 * wraps at up to a dozen sizes: 0.5 M instructions of a briefing's cover);
 * a shaped one is measured whole, as kerning and joining across the words
 * may change its width. */
static int wrap(font *fonts, int n_fonts, const char *text, double size, double width, line *out,
                int max) {
  int count = 0;
  bool plain = !needs_shaping(text, strlen(text));
  const char *p = text;
  while (*p == ' ')
    p++;
  while (*p) {
    const char *ls = p, *best_end = NULL, *q = p;
    double best_width = 0; /* of ls .. best_end */
    while (*q) {
      const char *we = q;
      while (*we && *we != ' ')
        we++;
      const char *from = best_end ? best_end : ls;
      double lw = plain ? measure(fonts, n_fonts, from, (size_t)(we - from), size, best_width)
                        : run(NULL, fonts, n_fonts, ls, (size_t)(we - ls), size, 0, 0);
      if (lw > width) break;
      best_end = we;
      best_width = lw;
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
      best_width = run(NULL, fonts, n_fonts, ls, (size_t)(cut - ls), size, 0, 0);
    }
    if (count == max) return max + 1;
    out[count].s = ls;
    out[count].n = (size_t)(best_end - ls);
    out[count].width = best_width;
    count++;
    p = best_end;
    while (*p == ' ')
      p++;
  }
  return count;
}

static unsigned char mix(unsigned char a, unsigned char b, double t) {
  return (unsigned char)lround(a + (b - a) * t);
}

/* The coverage map -> a 4-bit indexed PNG whose palette maps levels to the
 * cover's colours: 0..TEXT_INK blends the field into the text colour,
 * RULE_INK is the rule colour.  Each row is packed once: a row shared by
 * many (the field, the frame) stays one packed row the encoder sees repeat. */
static void pack_row(const unsigned char *in, int w, unsigned char *out) {
  int x = 0;
  /* Eight pixels at a time (0.5 M instructions a cover a pixel at a time):
   * most of a drawn row is empty field, and the rest packs in a word. */
  for (; x + 8 <= w; x += 8) {
    uint64_t v;
    memcpy(&v, in + x, 8);
    if (v == 0) {
      memset(out + x / 2, 0, 4);
      continue;
    }
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    /* in every 16-bit lane, the even pixel's level over the odd one's,
     * then the lanes' low bytes side by side */
    const uint64_t lanes = 0x00FF00FF00FF00FFull;
    v = (v & lanes) << 4 | (v >> 8 & lanes);
    v = (v | v >> 8) & 0x0000FFFF0000FFFFull;
    v = v | v >> 16;
    uint32_t four = (uint32_t)v;
    memcpy(out + x / 2, &four, 4);
#else
    for (int k = 0; k < 8; k += 2)
      out[(x + k) / 2] = (unsigned char)(in[x + k] << 4 | in[x + k + 1]);
#endif
  }
  for (; x + 1 < w; x += 2)
    out[x / 2] = (unsigned char)(in[x] << 4 | in[x + 1]);
  if (x < w) out[x / 2] = (unsigned char)(in[x] << 4);
}

static void write_png(const canvas *cv, oct_buf *out) {
  unsigned char plte[(RULE_INK + 1) * 3];
  for (int v = 0; v <= RULE_INK; v++) {
    rgb c = cover_rule;
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
  size_t bytes = ((size_t)cv->w * PNG_DEPTH + 7) / 8;
  size_t n_own = 0;
  for (int y = 0; y < cv->h; y++)
    n_own += cv->own[y];
  unsigned char *packed = oct_xmalloc((3 + n_own) * bytes), *next = packed + 3 * bytes;
  const unsigned char **rows = oct_xmalloc((size_t)cv->h * sizeof *rows);
  for (int k = 0; k < 3; k++)
    pack_row(cv->shared + (size_t)k * (size_t)cv->w, cv->w, packed + (size_t)k * bytes);
  for (int y = 0; y < cv->h; y++) {
    if (cv->own[y]) {
      pack_row(cv->rows[y], cv->w, next);
      rows[y] = next;
      next += bytes;
    } else {
      rows[y] = packed + (size_t)(cv->rows[y] - cv->shared) / (size_t)cv->w * bytes;
    }
  }
  epub_png_write(cv->w, cv->h, PNG_DEPTH, rows, plte, RULE_INK + 1, out);
  free(rows);
  free(packed);
}

static int find_font(const char *rel, char *path, size_t size, oct_error *err) {
  if (oct_data_path(rel, path, size) != 0)
    return oct_error_set(err, "cover: cannot find %s (set OCTAVO_DATA_DIR)", rel);
  return 0;
}

static int open_font(FT_Library lib, const char *path, font *f, oct_error *err) {
  if (FT_New_Face(lib, path, 0, &f->face)) {
    f->face = NULL;
    return oct_error_set(err, "cover: cannot load font %s", path);
  }
  /* HarfBuzz reads the tables itself (its OpenType functions) and answers
   * in font units, as the fast path loads glyphs (FT_LOAD_NO_SCALE). */
  hb_face_t *hf = hb_ft_face_create_referenced(f->face);
  f->hb = hb_font_create(hf);
  hb_face_destroy(hf);
  hb_font_set_scale(f->hb, (int)f->face->units_per_EM, (int)f->face->units_per_EM);
  return 0;
}

static int load_font(FT_Library lib, const char *rel, font *f, oct_error *err) {
  char path[4096];
  return find_font(rel, path, sizeof path, err) ? -1 : open_font(lib, path, f, err);
}

/* ---- layout */

/* How one text is set: it starts at SIZE and shrinks by SHRINK_STEP until
 * it fits in MAX_LINES of the text width, down to MIN_SIZE; whatever does
 * not fit even then is cut after MAX_LINES. */
typedef struct text_style {
  double size;     /* starting size, a fraction of the page width */
  double min_size; /* the smallest size it shrinks to, likewise */
  int max_lines;
  double leading; /* baseline to baseline, in multiples of the size */
} text_style;

/* Each try is a tenth smaller: fine enough steps that a title is not set
 * much smaller than it must be, and the smallest size is some ten tries
 * away (eleven for the title, nine for the author), each a wrap. */
#define SHRINK_STEP 0.9
#define TITLE_MAX_LINES 7
#define AUTHOR_MAX_LINES 3
/* The faces of each text: its own, then DejaVu Sans (EPUB_COVER_FALLBACK_FACE)
 * for the characters the first lacks. */
#define N_FACES 2

/* The cover's geometry.  Lengths are fractions of the page width W unless
 * said otherwise, so that a cover of any size looks the same; the figures
 * in brackets are those of octavo's 1600 x 2400 cover (COVER_WIDTH). */
static const struct cover_layout {
  int frame_inset_parts;  /* the frame stands W / this in from each edge [80 px] */
  int frame_stroke_parts; /* and its lines are W / this thick, at least a pixel [5 px] */
  double text_margin;     /* text keeps this far in from either edge [224 px]: well
                             inside the frame, so lines never crowd it */
  text_style title;       /* [152 px, down to 48 px; 7 lines of 179 px] */
  double title_centre;    /* the middle of the title block, as a fraction of the page
                             HEIGHT: above the middle, where the eye lands [1008 px] */
  double rule_drop;       /* the rule's top edge, in title sizes below the last baseline:
                             clear of descenders (a quarter size deep), and drawn over
                             any deeper one it meets [137 px] */
  double rule_left;       /* the rule: a short centred bar [640 px] */
  double rule_width;      /* [320 px] */
  int rule_strokes;       /* its thickness, in frame strokes [10 px] */
  text_style author;      /* [80 px, down to 32 px; 3 lines of 100 px] */
  double author_drop;     /* the author's first baseline, in author sizes below the
                             rule's bottom edge [128 px] */
} layout = {
    .frame_inset_parts = 20,
    .frame_stroke_parts = 320,
    .text_margin = 0.14,
    .title = {.size = 0.095, .min_size = 0.03, .max_lines = TITLE_MAX_LINES, .leading = 1.18},
    .title_centre = 0.42,
    .rule_drop = 0.9,
    .rule_left = 0.4,
    .rule_width = 0.2,
    .rule_strokes = 2,
    .author = {.size = 0.05, .min_size = 0.02, .max_lines = AUTHOR_MAX_LINES, .leading = 1.25},
    .author_drop = 1.6,
};

/* Wraps TEXT into LINES in style ST on a page W wide, with lines at most
 * WIDTH long; *SIZE receives the size it fitted at.  Returns the count of
 * lines (at most ST->max_lines: an absurdly long text shows its start). */
static int fit(font *fonts, const char *text, const text_style *st, int w, double width,
               line *lines, double *size) {
  double s = w * st->size;
  int count;
  while ((count = wrap(fonts, N_FACES, text, s, width, lines, st->max_lines)) > st->max_lines &&
         s > w * st->min_size)
    s *= SHRINK_STEP;
  *size = s;
  return count > st->max_lines ? st->max_lines : count;
}

/* The direction of TEXT as a paragraph: that of its first strong letter
 * (UAX #9 rules P2, P3), FRIBIDI_PAR_ON when it has none. */
static FriBidiParType text_direction(const char *text) {
  size_t n = strlen(text), i = 0;
  uint32_t cp;
  while (oct_utf8_next(text, n, &i, &cp)) {
    FriBidiCharType t = fribidi_get_bidi_type(cp);
    if (FRIBIDI_IS_LETTER(t)) return FRIBIDI_IS_RTL(t) ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
  }
  return FRIBIDI_PAR_ON;
}

/* Draws LINES of TEXT centred on a page W wide, baselines SIZE*LEADING
 * apart, the first at Y; returns where the next baseline would be.  In a
 * right-to-left text every line is ordered as part of it, so that a line
 * which happens to start with a Latin word still reads right to left. */
static double draw_lines(canvas *cv, font *fonts, const char *text, const line *lines, int count,
                         double size, double leading, double w, double y) {
  bool rtl = needs_shaping(text, strlen(text)) && text_direction(text) == FRIBIDI_PAR_RTL;
  for (int i = 0; i < count; i++) {
    double lw = lines[i].width;
    if (rtl)
      run_shaped(cv, fonts, N_FACES, lines[i].s, lines[i].n, size, (w - lw) / 2, y,
                 FRIBIDI_PAR_RTL);
    else
      run(cv, fonts, N_FACES, lines[i].s, lines[i].n, size, (w - lw) / 2, y);
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

/* Lays out and draws the frame, the title centred at TITLE_CENTRE, the
 * rule under it and the author (when any) under the rule. */
static void draw_cover(canvas *cv, font *title_fonts, font *author_fonts, const char *title,
                       const char *author, int w, int h) {
  const struct cover_layout *L = &layout;
  int inset = w / L->frame_inset_parts;
  int stroke = w / L->frame_stroke_parts > 1 ? w / L->frame_stroke_parts : 1;
  canvas_init(cv, w, h, inset, stroke); /* the frame holds exactly RULE_INK */

  line lines[TITLE_MAX_LINES > AUTHOR_MAX_LINES ? TITLE_MAX_LINES + 1 : AUTHOR_MAX_LINES + 1];
  double margin = w * L->text_margin, width = w - 2 * margin;
  double size;
  int count = fit(title_fonts, title, &L->title, w, width, lines, &size);
  double block = size * L->title.leading * (count - 1);
  double y = h * L->title_centre - block / 2;
  y = draw_lines(cv, title_fonts, title, lines, count, size, L->title.leading, w, y);

  int rule_y = (int)(y - size * L->title.leading + size * L->rule_drop);
  int rule_h = stroke * L->rule_strokes;
  fill_box(cv, (int)(w * L->rule_left), rule_y, (int)(w * L->rule_width), rule_h, RULE_INK);

  if (author && *author) {
    count = fit(author_fonts, author, &L->author, w, width, lines, &size);
    draw_lines(cv, author_fonts, author, lines, count, size, L->author.leading, w,
               rule_y + rule_h + size * L->author_drop);
  }
}

int epub_cover_draw(const char *title_in, const char *author_in, int w, int h, oct_buf *png,
                    int svg_w, int svg_h, oct_buf *svg, oct_error *err) {
  int rc = -1;
  char *title = shorten(title_in ? title_in : "");
  char *author = author_in ? shorten(author_in) : NULL;
  FT_Library lib = NULL;
  font title_fonts[N_FACES] = {{0}}, author_fonts[N_FACES] = {{0}};
  lazy_font fallback = {0};
  canvas cv = {0};
  glyph_set glyphs = {0};
  /* the encoder copies each row from the one above within deflate's
   * window (EPUB_PNG_MAX_WIDTH); heights and the SVG's size are bounded
   * like any other input */
  if (w <= 0 || h <= 0 || w > EPUB_PNG_MAX_WIDTH || h > 32767 ||
      (svg && (svg_w <= 0 || svg_h <= 0 || svg_w > 32767 || svg_h > 32767))) {
    oct_error_set(err, "cover: cannot create a %dx%d image", w, h);
    goto out;
  }
  if (FT_Init_FreeType(&lib)) {
    oct_error_set(err, "cover: cannot initialise FreeType");
    goto out;
  }
  if (load_font(lib, EPUB_COVER_TITLE_FACE, &title_fonts[0], err) ||
      find_font(EPUB_COVER_FALLBACK_FACE, fallback.path, sizeof fallback.path, err) ||
      load_font(lib, EPUB_COVER_AUTHOR_FACE, &author_fonts[0], err))
    goto out;
  fallback.lib = lib;
  fallback.err = err;
  title_fonts[1].lazy = author_fonts[1].lazy = &fallback;
  cv.glyphs = &glyphs;
  if (svg) {
    canvas vec = {0};
    vec.svg = svg;
    vec.glyphs = &glyphs;
    draw_cover(&vec, title_fonts, author_fonts, title, author, svg_w, svg_h);
    OCT_BUF_LIT(svg, "</svg>\n");
    canvas_free(&vec);
  }
  draw_cover(&cv, title_fonts, author_fonts, title, author, w, h);
  if (fallback.failed) goto out; /* ERR says why */
  write_png(&cv, png);
  rc = 0;
out:
  canvas_free(&cv);
  free(glyphs.g);
  free(glyphs.steps);
  /* the HarfBuzz fonts hold their FreeType faces: they go first */
  hb_font_destroy(title_fonts[0].hb);
  hb_font_destroy(fallback.font.hb);
  hb_font_destroy(author_fonts[0].hb);
  if (title_fonts[0].face) FT_Done_Face(title_fonts[0].face);
  if (fallback.font.face) FT_Done_Face(fallback.font.face);
  if (author_fonts[0].face) FT_Done_Face(author_fonts[0].face);
  if (lib) FT_Done_FreeType(lib);
  free(title);
  free(author);
  return rc;
}

int epub_cover_render(const char *title, const char *author, int w, int h, oct_buf *out,
                      oct_error *err) {
  return epub_cover_draw(title, author, w, h, out, 0, 0, NULL, err);
}

int epub_cover_image(const oct_epub_options *opt, const epub_book *book, oct_buf *out,
                     const char **media_type, oct_buf *page, oct_error *err) {
  if (!opt->cover_path) {
    *media_type = "image/png";
    return epub_cover_draw(book->title, book->author, THUMB_WIDTH, THUMB_HEIGHT, out, COVER_WIDTH,
                           COVER_HEIGHT, page, err);
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
