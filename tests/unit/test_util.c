/* Unit tests of src/util: the buffer, UTF-8 helpers, the error record, file
 * reading with its limit, atomic writing and the data-file lookup. */
#define _XOPEN_SOURCE 700
#include <dirent.h>
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

#include "util/util.h"

static void test_buf(void **state) {
  (void)state;
  oct_buf b = OCT_BUF_INIT;
  for (int i = 0; i < 10000; i++)
    oct_buf_putc(&b, (char)('a' + i % 26));
  assert_int_equal(b.len, 10000);
  assert_true(b.cap > b.len);
  assert_int_equal(b.data[b.len], '\0');
  oct_buf_clear(&b);
  assert_int_equal(b.len, 0);
  assert_string_equal(b.data, "");
  OCT_BUF_LIT(&b, "x=");
  oct_buf_printf(&b, "%d;%s", 42, "y");
  oct_buf_put_utf8(&b, 0x20AC);
  assert_string_equal(b.data, "x=42;y\xE2\x82\xAC");
  /* printf longer than any first guess */
  char big[3000];
  memset(big, 'q', sizeof big - 1);
  big[sizeof big - 1] = '\0';
  oct_buf_printf(&b, "%s", big);
  assert_int_equal(strlen(b.data), 9 + 2999);
  char *s = oct_buf_detach(&b);
  assert_int_equal(b.len, 0);
  assert_null(b.data);
  free(s);
  /* detach of an empty buffer is an empty string, never NULL */
  s = oct_buf_detach(&b);
  assert_non_null(s);
  assert_string_equal(s, "");
  free(s);
  oct_buf_free(&b);
}

static void test_utf8_decode(void **state) {
  (void)state;
  uint32_t cp;
  assert_int_equal(oct_utf8_decode("A", 1, &cp), 1);
  assert_int_equal(cp, 'A');
  assert_int_equal(oct_utf8_decode("\xC3\xA9", 2, &cp), 2);
  assert_int_equal(cp, 0xE9);
  assert_int_equal(oct_utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
  assert_int_equal(cp, 0x1F600);
  /* overlong, surrogate, past U+10FFFF, truncated, stray continuation */
  assert_int_equal(oct_utf8_decode("\xC0\xAF", 2, &cp), 0);
  assert_int_equal(oct_utf8_decode("\xE0\x80\xAF", 3, &cp), 0);
  assert_int_equal(oct_utf8_decode("\xED\xA0\x80", 3, &cp), 0);
  assert_int_equal(oct_utf8_decode("\xF4\x90\x80\x80", 4, &cp), 0);
  assert_int_equal(oct_utf8_decode("\xE2\x82", 2, &cp), 0);
  assert_int_equal(oct_utf8_decode("\x80", 1, &cp), 0);
  assert_int_equal(oct_utf8_decode("", 0, &cp), 0);
  assert_true(oct_utf8_valid("caf\xC3\xA9", 5));
  assert_false(oct_utf8_valid("caf\xC3", 4));
}

static void test_utf8_encode(void **state) {
  (void)state;
  char out[4];
  uint32_t cps[] = {0x41, 0xE9, 0x20AC, 0x1F600, 0x10FFFF};
  for (size_t i = 0; i < sizeof cps / sizeof *cps; i++) {
    size_t n = oct_utf8_encode(cps[i], out);
    uint32_t back;
    assert_int_equal(oct_utf8_decode(out, n, &back), n);
    assert_int_equal(back, cps[i]);
  }
  /* what UTF-8 cannot hold becomes U+FFFD */
  assert_int_equal(oct_utf8_encode(0xD800, out), 3);
  assert_memory_equal(out, "\xEF\xBF\xBD", 3);
  assert_int_equal(oct_utf8_encode(0x110000, out), 3);
  assert_memory_equal(out, "\xEF\xBF\xBD", 3);
}

static void test_utf8_walk(void **state) {
  (void)state;
  const char *s = "a\xFF\xC3\xA9\x80z";
  size_t i = 0, n = strlen(s);
  uint32_t cp, got[4];
  int k = 0;
  while (oct_utf8_next(s, n, &i, &cp))
    got[k++] = cp;
  assert_int_equal(k, 3);
  assert_int_equal(got[0], 'a');
  assert_int_equal(got[1], 0xE9);
  assert_int_equal(got[2], 'z');
  assert_int_equal(oct_utf8_count("caf\xC3\xA9", 5), 4);
  /* a prefix never ends inside a character */
  const char *e = "ab\xE2\x82\xAC";
  assert_int_equal(oct_utf8_prefix(e, 5, 10), 5);
  assert_int_equal(oct_utf8_prefix(e, 5, 4), 2);
  assert_int_equal(oct_utf8_prefix(e, 5, 3), 2);
  assert_int_equal(oct_utf8_prefix(e, 5, 2), 2);
  oct_buf b = OCT_BUF_INIT;
  oct_buf_put_clipped(&b, e, 3);
  assert_string_equal(b.data, "ab\xE2\x80\xA6");
  oct_buf_clear(&b);
  oct_buf_put_clipped(&b, "short", 10);
  assert_string_equal(b.data, "short");
  oct_buf_free(&b);
}

typedef struct seen {
  int calls;
  char file[64], msg[600];
} seen;

static void remember(void *user, const char *file, const char *msg) {
  seen *s = user;
  s->calls++;
  snprintf(s->file, sizeof s->file, "%s", file ? file : "(null)");
  snprintf(s->msg, sizeof s->msg, "%s", msg);
}

static void test_error(void **state) {
  (void)state;
  oct_error e;
  oct_error_init(&e, "in.txt");
  assert_int_equal(oct_error_set(&e, "bad %s at %d", "byte", 7), -1);
  assert_string_equal(e.msg, "bad byte at 7");
  assert_int_equal(oct_error_set(NULL, "x"), -1);
  /* warnings are counted even with no one listening */
  oct_warn(&e, "first");
  assert_int_equal(e.warnings, 1);
  seen s = {0};
  e.warn = remember;
  e.warn_user = &s;
  oct_warn(&e, "image '%s' left out", "a.png");
  assert_int_equal(e.warnings, 2);
  assert_int_equal(s.calls, 1);
  assert_string_equal(s.file, "in.txt");
  assert_string_equal(s.msg, "image 'a.png' left out");
  /* a cause longer than the record is cut, not overflowed */
  char big[2000];
  memset(big, 'x', sizeof big - 1);
  big[sizeof big - 1] = '\0';
  oct_error_set(&e, "%s", big);
  assert_int_equal(strlen(e.msg), sizeof e.msg - 1);
}

static char dir[] = "/tmp/octavo-util-XXXXXX";

static int make_dir(void **state) {
  (void)state;
  return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state) {
  (void)state;
  char cmd[64];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  return system(cmd) == 0 ? 0 : -1;
}

static size_t count_entries(const char *path) {
  DIR *d = opendir(path);
  size_t n = 0;
  for (struct dirent *e; (e = readdir(d));)
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) n++;
  closedir(d);
  return n;
}

static void test_files(void **state) {
  (void)state;
  char path[128];
  snprintf(path, sizeof path, "%s/out.txt", dir);
  oct_error e;
  oct_error_init(&e, NULL);
  assert_int_equal(oct_file_write_atomic(path, "hello\n", 6, &e), 0);
  oct_buf b = OCT_BUF_INIT;
  assert_int_equal(oct_file_read(path, &b, &e), 0);
  assert_int_equal(b.len, 6);
  assert_string_equal(b.data, "hello\n");
  /* replaced whole; no temporary left beside it */
  assert_int_equal(oct_file_write_atomic(path, "bye", 3, &e), 0);
  oct_buf_clear(&b);
  assert_int_equal(oct_file_read(path, &b, &e), 0);
  assert_string_equal(b.data, "bye");
  assert_int_equal(count_entries(dir), 1);
  /* the mode a plain creat() would give under the umask */
  mode_t old = umask(027);
  assert_int_equal(oct_file_write_atomic(path, "m", 1, &e), 0);
  umask(old);
  struct stat st;
  assert_int_equal(stat(path, &st), 0);
  assert_int_equal(st.st_mode & 0777, 0640);
  /* failures name the cause */
  assert_int_equal(oct_file_read(dir, &b, &e), -1);
  assert_string_equal(e.msg, "is a directory");
  snprintf(path, sizeof path, "%s/missing/out.txt", dir);
  assert_int_equal(oct_file_write_atomic(path, "x", 1, &e), -1);
  assert_non_null(strstr(e.msg, "No such file"));
  assert_int_equal(oct_file_read(path, &b, &e), -1);
  assert_non_null(strstr(e.msg, "No such file"));
  /* an input over the limit is refused without reading it (sparse file) */
  snprintf(path, sizeof path, "%s/big.txt", dir);
  FILE *f = fopen(path, "wb");
  assert_int_equal(fseek(f, (long)OCT_INPUT_MAX_BYTES, SEEK_SET), 0);
  fputc('x', f);
  fclose(f);
  assert_int_equal(oct_file_read(path, &b, &e), -1);
  assert_non_null(strstr(e.msg, "larger than 64 MiB"));
  unlink(path);
  /* a device is read only up to the limit */
  oct_buf_clear(&b);
  assert_int_equal(oct_file_read("/dev/zero", &b, &e), -1);
  assert_non_null(strstr(e.msg, "larger than 64 MiB"));
  oct_buf_free(&b);
}

static void test_data_path(void **state) {
  (void)state;
  char out[4096];
  setenv("OCTAVO_DATA_DIR", OCTAVO_SOURCE_DIR, 1);
  assert_int_equal(oct_data_path("assets/epub.css", out, sizeof out), 0);
  assert_string_equal(out, OCTAVO_SOURCE_DIR "/assets/epub.css");
  assert_int_equal(oct_data_path("assets/no-such-file.css", out, sizeof out), -1);
  char tiny[8];
  assert_int_equal(oct_data_path("assets/epub.css", tiny, sizeof tiny), -1);
  unsetenv("OCTAVO_DATA_DIR");
}

static void test_alloc(void **state) {
  (void)state;
  /* growth: amortised doubling from 16, never less than asked for */
  int *v = NULL;
  size_t n = 0, cap = 0;
  for (int i = 0; i < 1000; i++) {
    OCT_GROW(v, n, cap);
    v[n++] = i;
  }
  assert_int_equal(cap, 1024);
  for (int i = 0; i < 1000; i++)
    assert_int_equal(v[i], i);
  v = oct_grow(v, &cap, 5000, sizeof *v);
  assert_int_equal(cap, 8192);
  v[4999] = 1;
  free(v);
  char *s = oct_xasprintf("%s-%03d", "img", 7);
  assert_string_equal(s, "img-007");
  free(s);
  s = oct_xstrndup("abcdef", 3);
  assert_string_equal(s, "abc");
  free(s);
  int *z = oct_xcalloc(16, sizeof *z);
  for (int i = 0; i < 16; i++)
    assert_int_equal(z[i], 0);
  free(z);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_buf),
      cmocka_unit_test(test_utf8_decode),
      cmocka_unit_test(test_utf8_encode),
      cmocka_unit_test(test_utf8_walk),
      cmocka_unit_test(test_error),
      cmocka_unit_test_setup_teardown(test_files, make_dir, remove_dir),
      cmocka_unit_test(test_data_path),
      cmocka_unit_test(test_alloc),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
