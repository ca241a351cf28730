/* Where a cover's title ink is: the bounding box and count of the pixels
 * in the generated cover's text colour (#F4EEE0), from a PNG decoded with
 * libpng.  tests/epub.cmake (mode "cover") runs it on Chromium's screenshot
 * of the cover page (the SVG) and on the PNG thumbnail, which two different
 * renderers draw, and compares the boxes.
 *
 *   cover_ink FILE.png   ->   "W H X0 Y0 X1 Y1 COUNT" (X1, Y1 exclusive)
 *
 * A pixel is ink when each channel is within 24 of the text colour: the
 * field (#1F334F) and the gold frame and rule (#C9A45C) are 150+ away in
 * some channel, and the glyphs' antialiased edges fall out, so the box is
 * that of the letters' solid strokes in either picture. */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int near(int a, int b) { return a - b <= 24 && b - a <= 24; }

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: cover_ink FILE.png\n");
    return 2;
  }
  png_image img;
  memset(&img, 0, sizeof img);
  img.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file(&img, argv[1])) {
    fprintf(stderr, "cover_ink: %s: %s\n", argv[1], img.message);
    return 1;
  }
  img.format = PNG_FORMAT_RGB;
  unsigned char *px = malloc(PNG_IMAGE_SIZE(img));
  if (!px || !png_image_finish_read(&img, NULL, px, 0, NULL)) {
    fprintf(stderr, "cover_ink: %s: %s\n", argv[1], px ? img.message : "out of memory");
    free(px);
    return 1;
  }
  unsigned w = img.width, h = img.height, x0 = w, y0 = h, x1 = 0, y1 = 0;
  unsigned long n = 0;
  for (unsigned y = 0; y < h; y++)
    for (unsigned x = 0; x < w; x++) {
      const unsigned char *p = px + ((size_t)y * w + x) * 3;
      if (!near(p[0], 0xF4) || !near(p[1], 0xEE) || !near(p[2], 0xE0)) continue;
      n++;
      if (x < x0) x0 = x;
      if (y < y0) y0 = y;
      if (x + 1 > x1) x1 = x + 1;
      if (y + 1 > y1) y1 = y + 1;
    }
  if (!n) x0 = y0 = 0;
  printf("%u %u %u %u %u %u %lu\n", w, h, x0, y0, x1, y1, n);
  free(px);
  return 0;
}
