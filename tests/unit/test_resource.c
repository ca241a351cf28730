/* The resource module: what is remote, which local files may be read, and
 * which bytes are an image octavo can embed.  Images are made here with the
 * real encoders (libpng, libjpeg) and then damaged, so the checks are tested
 * against what those libraries really produce. */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <jpeglib.h>
#include <png.h>
#include <zlib.h>

#include "write/resource/resource.h"

static void make_png(unsigned w, unsigned h, oct_buf *out) {
  png_image img;
  memset(&img, 0, sizeof img);
  img.version = PNG_IMAGE_VERSION;
  img.width = w;
  img.height = h;
  img.format = PNG_FORMAT_RGB;
  unsigned char *px = calloc((size_t)w * h, 3);
  png_alloc_size_t size = 0;
  assert_true(png_image_write_to_memory(&img, NULL, &size, 0, px, 0, NULL));
  oct_buf_reserve(out, size);
  assert_true(png_image_write_to_memory(&img, out->data, &size, 0, px, 0, NULL));
  out->len = size;
  free(px);
}

static void make_jpeg(unsigned w, unsigned h, oct_buf *out) {
  struct jpeg_compress_struct c;
  struct jpeg_error_mgr e;
  c.err = jpeg_std_error(&e);
  jpeg_create_compress(&c);
  unsigned char *mem = NULL;
  unsigned long size = 0;
  jpeg_mem_dest(&c, &mem, &size);
  c.image_width = w;
  c.image_height = h;
  c.input_components = 3;
  c.in_color_space = JCS_RGB;
  jpeg_set_defaults(&c);
  jpeg_start_compress(&c, TRUE);
  unsigned char *row = calloc(w, 3);
  while (c.next_scanline < c.image_height)
    jpeg_write_scanlines(&c, &row, 1);
  jpeg_finish_compress(&c);
  jpeg_destroy_compress(&c);
  oct_buf_put(out, mem, size);
  free(mem);
  free(row);
}

static void put_chunk(oct_buf *b, const char *type, const void *data, uint32_t len) {
  unsigned char be[4] = {len >> 24, len >> 16 & 255, len >> 8 & 255, len & 255};
  oct_buf_put(b, be, 4);
  oct_buf_put(b, type, 4);
  oct_buf_put(b, data, len);
  uLong crc = crc32(0, (const Bytef *)type, 4);
  crc = crc32(crc, data, len);
  unsigned char c[4] = {crc >> 24 & 255, crc >> 16 & 255, crc >> 8 & 255, crc & 255};
  oct_buf_put(b, c, 4);
}

/* A PNG whose header claims W x H with valid checksums and almost no data:
 * the kind of file that asks a decoder for gigabytes. */
static void make_png_header(uint32_t w, uint32_t h, oct_buf *out) {
  unsigned char ihdr[13] = {w >> 24,
                            w >> 16 & 255,
                            w >> 8 & 255,
                            w & 255,
                            h >> 24,
                            h >> 16 & 255,
                            h >> 8 & 255,
                            h & 255,
                            8,
                            2,
                            0,
                            0,
                            0};
  oct_buf_put(out, "\x89PNG\r\n\x1a\n", 8);
  put_chunk(out, "IHDR", ihdr, 13);
  unsigned char idat[64];
  uLongf n = sizeof idat;
  unsigned char zero[16] = {0};
  compress(idat, &n, zero, sizeof zero);
  put_chunk(out, "IDAT", idat, (uint32_t)n);
  put_chunk(out, "IEND", "", 0);
}

static int probe(const oct_buf *b, oct_image_info *info, oct_error *err) {
  oct_error_init(err, NULL);
  return oct_image_probe(b->data, b->len, info, err);
}

static void test_remote(void **state) {
  (void)state;
  assert_true(oct_resource_is_remote("https://example.org/a.png"));
  assert_true(oct_resource_is_remote("data:image/png;base64,AAAA"));
  assert_true(oct_resource_is_remote("file:///etc/passwd"));
  assert_true(oct_resource_is_remote("//upload.wikimedia.org/a.png"));
  assert_false(oct_resource_is_remote("images/a.png"));
  assert_false(oct_resource_is_remote("/tmp/a.png"));
  assert_false(oct_resource_is_remote("dir/name:with-colon.png"));
  assert_false(oct_resource_is_remote("../x.png"));
}

static void test_probe_good(void **state) {
  (void)state;
  oct_buf b = OCT_BUF_INIT;
  oct_image_info info;
  oct_error err;
  make_png(30, 20, &b);
  assert_int_equal(probe(&b, &info, &err), 0);
  assert_int_equal(info.kind, OCT_IMAGE_PNG);
  assert_string_equal(info.media_type, "image/png");
  assert_string_equal(info.ext, "png");
  assert_int_equal(info.width, 30);
  assert_int_equal(info.height, 20);
  oct_buf_clear(&b);
  make_jpeg(17, 9, &b);
  assert_int_equal(probe(&b, &info, &err), 0);
  assert_int_equal(info.kind, OCT_IMAGE_JPEG);
  assert_string_equal(info.ext, "jpg");
  assert_int_equal(info.width, 17);
  assert_int_equal(info.height, 9);
  oct_buf_clear(&b);
  /* GIF89a, 2x1, no colour table, one image descriptor, trailer */
  OCT_BUF_LIT(&b, "GIF89a\x02\x00\x01\x00\x00\x00\x00"
                  ",\x00\x00\x00\x00\x02\x00\x01\x00\x00\x02\x02\x44\x01\x00;");
  assert_int_equal(probe(&b, &info, &err), 0);
  assert_int_equal(info.kind, OCT_IMAGE_GIF);
  assert_int_equal(info.width, 2);
  oct_buf_clear(&b);
  oct_buf_puts(&b, "\xef\xbb\xbf<?xml version=\"1.0\"?>\n<!-- c -->\n<svg xmlns=\"x\"/>");
  assert_int_equal(probe(&b, &info, &err), 0);
  assert_int_equal(info.kind, OCT_IMAGE_SVG);
  oct_buf_free(&b);
}

static void test_probe_bad(void **state) {
  (void)state;
  oct_buf b = OCT_BUF_INIT;
  oct_image_info info;
  oct_error err;
  /* a real PNG cut to 20 bytes: the magic is right, the header is not there */
  make_png(30, 20, &b);
  b.len = 20;
  assert_int_equal(probe(&b, &info, &err), -1);
  assert_non_null(strstr(err.msg, "broken PNG"));
  /* a damaged header checksum */
  oct_buf_clear(&b);
  make_png(30, 20, &b);
  b.data[29] ^= 0x55;
  assert_int_equal(probe(&b, &info, &err), -1);
  /* a JPEG marker followed by garbage */
  oct_buf_clear(&b);
  OCT_BUF_LIT(&b, "\xff\xd8\xff\xe0garbage that is no JPEG at all, not even close");
  assert_int_equal(probe(&b, &info, &err), -1);
  assert_non_null(strstr(err.msg, "broken JPEG"));
  /* a real JPEG cut before its frame header */
  oct_buf_clear(&b);
  make_jpeg(17, 9, &b);
  b.len = 40;
  assert_int_equal(probe(&b, &info, &err), -1);
  /* 100,000 x 100,000 and 20,001 x 1: over the limits, refused before decoding */
  oct_buf_clear(&b);
  make_png_header(100000, 100000, &b);
  assert_int_equal(probe(&b, &info, &err), -1);
  assert_non_null(strstr(err.msg, "100000x100000 pixels"));
  oct_buf_clear(&b);
  make_png_header(OCT_IMAGE_MAX_SIDE + 1, 1, &b);
  assert_int_equal(probe(&b, &info, &err), -1);
  oct_buf_clear(&b);
  make_png_header(OCT_IMAGE_MAX_SIDE, 1, &b);
  assert_int_equal(probe(&b, &info, &err), 0);
  oct_buf_clear(&b);
  OCT_BUF_LIT(&b, "GIF89a\x02\x00");
  assert_int_equal(probe(&b, &info, &err), -1);
  oct_buf_clear(&b);
  const char *others[] = {"BM......", "<html><body/></html>", "", "not a png"};
  for (size_t i = 0; i < sizeof others / sizeof *others; i++) {
    oct_buf_clear(&b);
    oct_buf_puts(&b, others[i]);
    assert_int_equal(probe(&b, &info, &err), -1);
    assert_string_equal(err.msg, "is not PNG, JPEG, GIF or SVG");
  }
  oct_buf_free(&b);
}

static int clean(const char *svg, oct_buf *out) {
  oct_error err;
  oct_error_init(&err, NULL);
  oct_buf_clear(out);
  oct_buf_puts(out, svg);
  return oct_svg_clean(out, &err);
}

static void test_svg_clean(void **state) {
  (void)state;
  oct_buf b = OCT_BUF_INIT;
  /* an external entity (XXE) is neither read nor kept */
  assert_int_equal(clean("<?xml version=\"1.0\"?>\n<!DOCTYPE svg [<!ENTITY x SYSTEM "
                         "\"file:///etc/passwd\">]>\n<svg xmlns=\"http://www.w3.org/2000/svg\">"
                         "<text>&x;</text></svg>",
                         &b),
                   -1);
  /* an expansion bomb is refused, not expanded */
  assert_int_equal(clean("<!DOCTYPE svg [<!ENTITY a \"aaaaaaaaaaaaaaaa\">"
                         "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                         "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
                         "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>"
                         "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&d;&d;&d;</text></svg>",
                         &b),
                   -1);
  /* a DOCTYPE nobody uses goes; scripts, handlers and outside references go;
   * the drawing and internal references stay */
  assert_int_equal(
      clean(
          "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" "
          "\"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
          "<?xml-stylesheet href=\"file:///etc/passwd\"?>"
          "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
          "onload=\"alert(1)\"><script>alert(2)</script>"
          "<image xlink:href=\"/etc/passwd\" width=\"1\" height=\"1\"/>"
          "<use href=\"#r\"/><a href=\"https://example.org\"><rect id=\"r\" width=\"5\" "
          "height=\"5\"/></a></svg>",
          &b),
      0);
  assert_null(strstr(b.data, "DOCTYPE"));
  assert_null(strstr(b.data, "passwd"));
  assert_null(strstr(b.data, "alert"));
  assert_null(strstr(b.data, "example.org"));
  assert_non_null(strstr(b.data, "<use href=\"#r\"/>"));
  assert_non_null(strstr(b.data, "<rect id=\"r\""));
  /* not SVG: wrong root or namespace, or not XML */
  assert_int_equal(clean("<svg xmlns=\"x\"/>", &b), -1);
  assert_int_equal(clean("<html xmlns=\"http://www.w3.org/2000/svg\"/>", &b), -1);
  assert_int_equal(clean("<svg xmlns=\"http://www.w3.org/2000/svg\">", &b), -1);
  oct_buf_free(&b);
}

/* ---- the folder rules, on a real folder tree */

typedef struct fixture {
  char root[64];
  char site[96], secret[96];
} fixture;

static void write_file(const char *path, const oct_buf *b) {
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  fwrite(b->data, 1, b->len, f);
  fclose(f);
}

static int setup(void **state) {
  fixture *fx = calloc(1, sizeof *fx);
  strcpy(fx->root, "/tmp/octavo-res-XXXXXX");
  if (!mkdtemp(fx->root)) return -1;
  snprintf(fx->site, sizeof fx->site, "%s/site", fx->root);
  snprintf(fx->secret, sizeof fx->secret, "%s/secret", fx->root);
  mkdir(fx->site, 0700);
  mkdir(fx->secret, 0700);
  char p[256];
  oct_buf png = OCT_BUF_INIT;
  make_png(4, 4, &png);
  snprintf(p, sizeof p, "%s/private.png", fx->secret);
  write_file(p, &png);
  snprintf(p, sizeof p, "%s/ok.png", fx->site);
  write_file(p, &png);
  snprintf(p, sizeof p, "%s/sub", fx->site);
  mkdir(p, 0700);
  snprintf(p, sizeof p, "%s/sub/a b.png", fx->site);
  write_file(p, &png);
  oct_buf_free(&png);
  char target[160];
  snprintf(target, sizeof target, "%s/private.png", fx->secret);
  snprintf(p, sizeof p, "%s/out-link.png", fx->site);
  if (symlink(target, p) != 0) return -1;
  snprintf(p, sizeof p, "%s/in-link.png", fx->site);
  if (symlink("ok.png", p) != 0) return -1;
  snprintf(p, sizeof p, "%s/fifo.png", fx->site);
  if (mkfifo(p, 0600) != 0) return -1;
  *state = fx;
  return 0;
}

static int teardown(void **state) {
  fixture *fx = *state;
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->root);
  int rc = system(cmd);
  free(fx);
  return rc == 0 ? 0 : -1;
}

static int read_src(const oct_resources *r, const char *src, oct_error *err) {
  oct_buf b = OCT_BUF_INIT;
  oct_error_init(err, NULL);
  int rc = oct_resource_read(r, src, &b, err);
  oct_buf_free(&b);
  return rc;
}

static void test_folders(void **state) {
  fixture *fx = *state;
  oct_error err;
  oct_resources r = {fx->site, NULL};
  assert_int_equal(read_src(&r, "ok.png", &err), 0);
  assert_int_equal(read_src(&r, "in-link.png", &err), 0);
  assert_int_equal(read_src(&r, "sub/../ok.png", &err), 0);
  /* a saved page's URL for "sub/a b.png" */
  assert_int_equal(read_src(&r, "sub/a%20b.png?v=3", &err), 0);
  char abs[160];
  snprintf(abs, sizeof abs, "%s/ok.png", fx->site);
  assert_int_equal(read_src(&r, abs, &err), 0);
  const char *outside[] = {"../secret/private.png", "out-link.png", "/etc/passwd", "/dev/zero",
                           "sub/../../secret/private.png"};
  for (size_t i = 0; i < sizeof outside / sizeof *outside; i++) {
    assert_int_equal(read_src(&r, outside[i], &err), -1);
    assert_non_null(strstr(err.msg, "outside the folders"));
  }
  assert_int_equal(read_src(&r, "missing.png", &err), -1);
  assert_non_null(strstr(err.msg, "cannot be found"));
  assert_int_equal(read_src(&r, "https://example.org/a.png", &err), -1);
  assert_non_null(strstr(err.msg, "remote"));
  /* a FIFO inside the folder is refused at once, not waited on */
  assert_int_equal(read_src(&r, "fifo.png", &err), -1);
  assert_non_null(strstr(err.msg, "not a regular file (a pipe)"));
  assert_int_equal(read_src(&r, "sub", &err), -1);
  assert_non_null(strstr(err.msg, "a folder"));
  /* --resource-path opens more, and only that */
  const char *extra[] = {fx->secret, "/dev", NULL};
  oct_resources r2 = {fx->site, extra};
  assert_int_equal(read_src(&r2, "../secret/private.png", &err), 0);
  assert_int_equal(read_src(&r2, "out-link.png", &err), 0);
  assert_int_equal(read_src(&r2, "/etc/passwd", &err), -1);
  /* /dev allowed: /dev/zero is still a device, never read */
  assert_int_equal(read_src(&r2, "/dev/zero", &err), -1);
  assert_non_null(strstr(err.msg, "a device"));
}

static void test_size_limit(void **state) {
  fixture *fx = *state;
  char p[160];
  snprintf(p, sizeof p, "%s/big.png", fx->site);
  FILE *f = fopen(p, "wb");
  assert_non_null(f);
  /* sparse: OCT_RESOURCE_MAX_BYTES + 1 bytes without writing them */
  assert_int_equal(fseek(f, (long)OCT_RESOURCE_MAX_BYTES, SEEK_SET), 0);
  fputc(0, f);
  fclose(f);
  oct_resources r = {fx->site, NULL};
  oct_error err;
  assert_int_equal(read_src(&r, "big.png", &err), -1);
  assert_non_null(strstr(err.msg, "larger than 50 MiB"));
  oct_buf b = OCT_BUF_INIT;
  oct_error_init(&err, NULL);
  assert_int_equal(oct_file_read_regular(p, 1000, &b, &err), -1);
  assert_int_equal(oct_file_read_regular("/dev/zero", 1000, &b, &err), -1);
  assert_non_null(strstr(err.msg, "a device"));
  oct_buf_free(&b);
  unlink(p);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_remote),
      cmocka_unit_test(test_probe_good),
      cmocka_unit_test(test_probe_bad),
      cmocka_unit_test(test_svg_clean),
      cmocka_unit_test_setup_teardown(test_folders, setup, teardown),
      cmocka_unit_test_setup_teardown(test_size_limit, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
