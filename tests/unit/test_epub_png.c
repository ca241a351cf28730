/* The hand-written PNG encoder (src/write/epub/pngwrite.c), decoded back.
 *
 * Each picture is encoded, decoded with libpng (which checks every chunk's
 * CRC, and zlib the deflate stream and its Adler-32) and compared pixel by
 * pixel.  The palette gives every index its own colour, so a pixel that
 * decodes to the wrong index shows.  The pictures are chosen to reach every
 * kind of code the encoder emits: literals of every value (8- and 9-bit
 * codes), runs of the previous byte, copies of the row above at the
 * shortest and the longest distance deflate allows (2 and 32768 bytes), rows
 * just under, at and over the longest match (258), and rows of one and two
 * bytes that are too short for any match. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* cmocka needs the headers above first. */
#include <cmocka.h>

#include <png.h>

#include "write/epub/pngwrite.h"

/* A picture: H rows of W indices, each row its own copy unless shared. */
typedef struct pic {
  int w, h;
  unsigned char **rows;
  unsigned char *data;
} pic;

static pic pic_new(int w, int h) {
  pic p = {w, h, calloc((size_t)h, sizeof(unsigned char *)), calloc((size_t)w * h, 1)};
  assert_non_null(p.rows);
  assert_non_null(p.data);
  for (int y = 0; y < h; y++)
    p.rows[y] = p.data + (size_t)y * w;
  return p;
}

static void pic_free(pic *p) {
  free(p->rows);
  free(p->data);
}

/* A fixed pseudo-random sequence (a 32-bit LCG), so a failure repeats. */
static unsigned rnd(unsigned *state) {
  *state = *state * 1664525u + 1013904223u;
  return *state >> 24;
}

/* Index i is (i, 7i+3, 255-i): the red channel alone tells the index. */
static void palette(unsigned char out[256 * 3]) {
  for (int i = 0; i < 256; i++) {
    out[3 * i] = (unsigned char)i;
    out[3 * i + 1] = (unsigned char)(7 * i + 3);
    out[3 * i + 2] = (unsigned char)(255 - i);
  }
}

static void encode(const pic *p, oct_buf *out) {
  unsigned char plte[256 * 3];
  palette(plte);
  epub_png_write(p->w, p->h, 8, (const unsigned char *const *)p->rows, plte, 256, out);
}

/* Encodes P, decodes it with libpng and compares every pixel; returns the
 * size of the PNG. */
static size_t round_trip(const pic *p) {
  oct_buf png = OCT_BUF_INIT;
  encode(p, &png);
  png_image img;
  memset(&img, 0, sizeof img);
  img.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&img, png.data, png.len))
    fail_msg("%dx%d: libpng cannot read the header: %s", p->w, p->h, img.message);
  assert_int_equal(img.width, p->w);
  assert_int_equal(img.height, p->h);
  img.format = PNG_FORMAT_RGB;
  unsigned char *px = malloc(PNG_IMAGE_SIZE(img));
  assert_non_null(px);
  if (!png_image_finish_read(&img, NULL, px, 0, NULL))
    fail_msg("%dx%d: libpng cannot decode the pixels: %s", p->w, p->h, img.message);
  unsigned char plte[256 * 3];
  palette(plte);
  for (int y = 0; y < p->h; y++)
    for (int x = 0; x < p->w; x++) {
      const unsigned char *got = px + ((size_t)y * p->w + x) * 3;
      const unsigned char *want = plte + 3 * p->rows[y][x];
      if (memcmp(got, want, 3) != 0)
        fail_msg("%dx%d: pixel (%d, %d) decodes to index %u, wrote %u", p->w, p->h, x, y, got[0],
                 p->rows[y][x]);
    }
  free(px);
  size_t len = png.len;
  oct_buf_free(&png);
  return len;
}

static void test_one_pixel(void **state) {
  (void)state;
  for (int v = 0; v < 256; v += 85) {
    pic p = pic_new(1, 1);
    p.data[0] = (unsigned char)v;
    round_trip(&p);
    pic_free(&p);
  }
}

/* Every byte value as a literal, with nothing to match: noise. */
static void test_noise(void **state) {
  (void)state;
  unsigned seed = 1;
  pic p = pic_new(300, 40);
  for (int i = 0; i < 300 * 40; i++)
    p.data[i] = (unsigned char)rnd(&seed);
  round_trip(&p);
  pic_free(&p);
}

/* Rows of one, two and three bytes: the first two are too short for a
 * match even when the row repeats (a match is at least 3 bytes). */
static void test_narrow(void **state) {
  (void)state;
  unsigned seed = 2;
  for (int w = 1; w <= 4; w++) {
    pic p = pic_new(w, 9);
    for (int y = 0; y < 9; y++)
      for (int x = 0; x < w; x++)
        p.rows[y][x] = y % 3 == 1 ? p.rows[y - 1][x] : (unsigned char)rnd(&seed);
    p.rows[6] = p.rows[5]; /* shared */
    round_trip(&p);
    pic_free(&p);
  }
}

/* Runs of one value longer than a match can be (258), ending at every
 * offset around it, and rows equal to the one above at the row lengths
 * where the encoder splits a repeated row into matches (row = w + 1 bytes:
 * 258, 259, 260, 261 and twice 258). */
static void test_runs_and_repeats(void **state) {
  (void)state;
  static const int widths[] = {255, 256, 257, 258, 259, 260, 261, 515, 516, 517, 1000};
  unsigned seed = 3;
  for (size_t k = 0; k < sizeof widths / sizeof *widths; k++) {
    int w = widths[k];
    pic p = pic_new(w, 8);
    for (int x = 0; x < w; x++) /* a run, a step, another run */
      p.rows[0][x] = x < w / 3 ? 0 : x == w / 3 ? 200 : 17;
    memcpy(p.rows[1], p.rows[0], (size_t)w); /* equal, not shared */
    p.rows[2] = p.rows[1];                   /* shared */
    for (int x = 0; x < w; x++)              /* noise: literals */
      p.rows[3][x] = (unsigned char)rnd(&seed);
    memcpy(p.rows[4], p.rows[3], (size_t)w); /* the row above, whole */
    memcpy(p.rows[5], p.rows[3], (size_t)w); /* the row above but for a few bytes */
    p.rows[5][w / 2] ^= 1;
    p.rows[5][w - 1] ^= 2;
    for (int x = 0; x < w; x++) /* runs of every length up to 300 */
      p.rows[6][x] = (unsigned char)((x * x / 97) % 5);
    p.rows[7][0] = 9; /* all zero but the first */
    round_trip(&p);
    pic_free(&p);
  }
}

/* The widest row: the row above is 32768 bytes back, deflate's longest
 * distance. */
static void test_widest(void **state) {
  (void)state;
  int w = EPUB_PNG_MAX_WIDTH;
  pic p = pic_new(w, 6);
  unsigned seed = 4;
  for (int x = 0; x < w; x++)
    p.rows[0][x] = (unsigned char)(x % 300 < 150 ? rnd(&seed) : 42);
  for (int y = 1; y < 6; y++)
    memcpy(p.rows[y], p.rows[0], (size_t)w);
  p.rows[3][w - 2] = 7;
  p.rows[4][5] = 8;
  round_trip(&p);
  pic_free(&p);
}

/* What a cover is: a field, a frame, a band of ink.  The bytes must not
 * depend on which rows share storage. */
static void test_cover_like(void **state) {
  (void)state;
  int w = 1600, h = 2400;
  pic shared = pic_new(w, h), own = pic_new(w, h);
  unsigned seed = 5;
  for (int y = 0; y < h; y++) {
    unsigned char *r = own.rows[y];
    if (y >= 80 && y < 85) memset(r + 80, 255, (size_t)w - 160);
    if (y >= 85 && y < h - 85) r[80] = r[w - 81] = 255;
    if (y >= 1000 && y < 1200)
      for (int x = 300; x < 1300; x++)
        r[x] = rnd(&seed) < 64 ? (unsigned char)rnd(&seed) : 0;
  }
  memcpy(shared.data, own.data, (size_t)w * h);
  for (int y = 1; y < h; y++)
    if (memcmp(shared.rows[y], shared.rows[y - 1], (size_t)w) == 0)
      shared.rows[y] = shared.rows[y - 1];
  size_t n = round_trip(&shared);
  assert_int_equal(round_trip(&own), n);
  oct_buf a = OCT_BUF_INIT, b = OCT_BUF_INIT;
  encode(&shared, &a);
  encode(&own, &b);
  assert_int_equal(a.len, b.len);
  assert_memory_equal(a.data, b.data, a.len);
  oct_buf_free(&a);
  oct_buf_free(&b);
  pic_free(&shared);
  pic_free(&own);
}

/* Four bits a pixel, as the cover is written: two pixels a byte, the left
 * one in the high bits, the last byte half used when the width is odd.
 * Widths around a byte and a word, and a cover's, each row noise over a
 * field of zeros, so that packed runs, literals and repeats all occur. */
static void test_four_bits(void **state) {
  (void)state;
  static const int widths[] = {1, 2, 3, 7, 8, 9, 17, 600, 601};
  unsigned char plte[256 * 3];
  palette(plte);
  unsigned seed = 6;
  for (size_t k = 0; k < sizeof widths / sizeof *widths; k++) {
    int w = widths[k], h = 7, bytes = (w + 1) / 2;
    pic levels = pic_new(w, h), packed = pic_new(bytes, h);
    for (int y = 0; y < h; y++)
      for (int x = 0; x < w; x++)
        levels.rows[y][x] = y == 3 ? levels.rows[2][x] : rnd(&seed) < 96 ? rnd(&seed) % 16 : 0;
    for (int y = 0; y < h; y++)
      for (int x = 0; x < w; x++)
        packed.rows[y][x / 2] |= (unsigned char)(levels.rows[y][x] << (x % 2 ? 0 : 4));
    oct_buf png = OCT_BUF_INIT;
    epub_png_write(w, h, 4, (const unsigned char *const *)packed.rows, plte, 16, &png);
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&img, png.data, png.len))
      fail_msg("%dx%d at 4 bits: libpng cannot read the header: %s", w, h, img.message);
    img.format = PNG_FORMAT_RGB;
    unsigned char *px = malloc(PNG_IMAGE_SIZE(img));
    assert_non_null(px);
    if (!png_image_finish_read(&img, NULL, px, 0, NULL))
      fail_msg("%dx%d at 4 bits: libpng cannot decode the pixels: %s", w, h, img.message);
    for (int y = 0; y < h; y++)
      for (int x = 0; x < w; x++)
        if (memcmp(px + ((size_t)y * w + x) * 3, plte + 3 * levels.rows[y][x], 3) != 0)
          fail_msg("%dx%d at 4 bits: pixel (%d, %d) decodes to index %u, wrote %u", w, h, x, y,
                   px[((size_t)y * w + x) * 3], levels.rows[y][x]);
    free(px);
    oct_buf_free(&png);
    pic_free(&levels);
    pic_free(&packed);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_one_pixel), cmocka_unit_test(test_noise),
      cmocka_unit_test(test_narrow),    cmocka_unit_test(test_runs_and_repeats),
      cmocka_unit_test(test_widest),    cmocka_unit_test(test_cover_like),
      cmocka_unit_test(test_four_bits),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
