/* The ZIP writer (src/util/zip.c), read back by an independent reader:
 * libzip with its consistency check, which compares every local header
 * with the central directory.  The EPUB tests check the same archives with
 * epubcheck, unzip and zipinfo. */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

#include <cmocka.h>

#include "util/util.h"

typedef struct entry {
  const char *name;
  char *data;
  size_t len;
  bool store;
} entry;

/* 100 KB of text that repeats (so deflate has work), 1,000 bytes that do
 * not (stored, as a PNG would be), and an empty file. */
static void make_entries(entry e[4]) {
  oct_buf text = OCT_BUF_INIT;
  for (int i = 0; text.len < 100000; i++)
    oct_buf_printf(&text, "line %d of a chapter that says much the same thing\n", i % 37);
  char *noise = oct_xmalloc(1000);
  uint32_t x = 12345;
  for (int i = 0; i < 1000; i++) {
    x = x * 1103515245u + 12345u;
    noise[i] = (char)(x >> 24);
  }
  e[0] = (entry){"mimetype", oct_xstrdup("application/epub+zip"), 20, true};
  e[1] = (entry){"EPUB/ch001.xhtml", NULL, text.len, false};
  e[1].data = oct_buf_detach(&text);
  e[2] = (entry){"EPUB/images/noise.png", noise, 1000, true};
  e[3] = (entry){"EPUB/empty.css", oct_xstrdup(""), 0, false};
}

static char *build(entry e[4], int64_t mtime, size_t *len) {
  oct_zip z;
  oct_error err = {0};
  oct_zip_init(&z, mtime);
  for (int i = 0; i < 4; i++)
    assert_int_equal(oct_zip_add(&z, e[i].name, e[i].data, e[i].len, e[i].store, &err), 0);
  assert_int_equal(oct_zip_finish(&z, &err), 0);
  *len = z.out.len;
  char *bytes = oct_buf_detach(&z.out);
  oct_zip_free(&z);
  return bytes;
}

static void test_read_back(void **state) {
  (void)state;
  entry e[4];
  make_entries(e);
  size_t len;
  char *bytes = build(e, 1700000000, &len); /* 2023-11-14 22:13:20 UTC */
  /* OCF: the mimetype entry first, stored, its bytes at offset 38 */
  assert_memory_equal(bytes, "PK\3\4", 4);
  assert_memory_equal(bytes + 30, "mimetypeapplication/epub+zip", 28);

  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(bytes, len, 0, &ze);
  assert_non_null(src);
  zip_t *za = zip_open_from_source(src, ZIP_CHECKCONS | ZIP_RDONLY, &ze);
  assert_non_null(za);
  assert_int_equal(zip_get_num_entries(za, 0), 4);
  for (int i = 0; i < 4; i++) {
    zip_stat_t st;
    assert_int_equal(zip_stat_index(za, (zip_uint64_t)i, 0, &st), 0);
    assert_string_equal(st.name, e[i].name);
    assert_int_equal(st.size, e[i].len);
    assert_int_equal(st.comp_method, e[i].store ? ZIP_CM_STORE : ZIP_CM_DEFLATE);
    /* libzip reads DOS times as local time; TZ is UTC here */
    assert_int_equal(st.mtime, 1700000000 / 2 * 2);
    if (!e[i].store && i == 1) assert_true(st.comp_size < st.size / 10);
    char *got = oct_xmalloc(e[i].len + 1);
    zip_file_t *f = zip_fopen_index(za, (zip_uint64_t)i, 0); /* checks the CRC at the end */
    assert_non_null(f);
    assert_int_equal(zip_fread(f, got, e[i].len + 1), (zip_int64_t)e[i].len);
    assert_int_equal(zip_fclose(f), 0);
    assert_memory_equal(got, e[i].data, e[i].len);
    free(got);
  }
  zip_close(za);

  /* the same input gives the same bytes */
  size_t len2;
  char *again = build(e, 1700000000, &len2);
  assert_int_equal(len, len2);
  assert_memory_equal(bytes, again, len);
  free(again);
  free(bytes);
  for (int i = 0; i < 4; i++)
    free(e[i].data);
}

/* DOS dates start in 1980: earlier times are clamped, not wrapped. */
static void test_dates(void **state) {
  (void)state;
  entry e[4];
  make_entries(e);
  size_t len;
  char *bytes = build(e, 0, &len);
  /* local header: time at 10, date at 12 -- 00:00:00, 1980-01-01 */
  assert_int_equal((unsigned char)bytes[10] | (unsigned char)bytes[11] << 8, 0);
  assert_int_equal((unsigned char)bytes[12] | (unsigned char)bytes[13] << 8, 1 << 5 | 1);
  free(bytes);
  for (int i = 0; i < 4; i++)
    free(e[i].data);
}

int main(void) {
  setenv("TZ", "UTC", 1);
  tzset();
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_read_back),
      cmocka_unit_test(test_dates),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
