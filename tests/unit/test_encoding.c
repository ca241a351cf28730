/* oct_decode: every BOM, line-end conversion, the cp1252 fallback and every
 * error path. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "read/read.h"

typedef struct result {
  int rc;
  const char *enc;
  oct_buf out;
  oct_error err;
} result;

static result decode(const char *data, size_t len) {
  result r;
  r.enc = NULL;
  r.out = (oct_buf)OCT_BUF_INIT;
  oct_error_init(&r.err, "t");
  r.rc = oct_decode(data, len, &r.out, &r.enc, &r.err);
  return r;
}

#define DECODE(lit) decode((lit), sizeof(lit) - 1)

static void expect_ok(result *r, const char *enc, const char *text) {
  assert_int_equal(r->rc, 0);
  assert_string_equal(r->enc, enc);
  assert_int_equal(r->out.len, strlen(text));
  assert_memory_equal(r->out.data, text, r->out.len);
  oct_buf_free(&r->out);
}

static void expect_fail(result *r, const char *msg_part) {
  assert_int_equal(r->rc, -1);
  if (!strstr(r->err.msg, msg_part)) fail_msg("message \"%s\" lacks \"%s\"", r->err.msg, msg_part);
  assert_int_equal(r->out.len, 0);
  oct_buf_free(&r->out);
}

static void plain_utf8(void **state) {
  (void)state;
  result r = DECODE("caf\xC3\xA9 \xE2\x80\x9Cok\xE2\x80\x9D\n");
  expect_ok(&r, "UTF-8", "caf\xC3\xA9 \xE2\x80\x9Cok\xE2\x80\x9D\n");
  assert_int_equal(r.err.warnings, 0);
}

static void utf8_bom(void **state) {
  (void)state;
  result r = DECODE("\xEF\xBB\xBFHi\n");
  expect_ok(&r, "UTF-8", "Hi\n");
  /* invalid UTF-8 after a UTF-8 BOM is an error, not a cp1252 guess */
  r = DECODE("\xEF\xBB\xBF\x93x\x94");
  expect_fail(&r, "invalid UTF-8 at offset 3");
}

static void utf16le_bom(void **state) {
  (void)state;
  /* "Hé\r\n€" + an astral character (U+1F600) as a surrogate pair */
  result r = DECODE("\xFF\xFEH\0\xE9\0\r\0\n\0\xAC\x20\x3D\xD8\x00\xDE");
  expect_ok(&r, "UTF-16LE", "H\xC3\xA9\n\xE2\x82\xAC\xF0\x9F\x98\x80");
}

static void utf16be_bom(void **state) {
  (void)state;
  result r = DECODE("\xFE\xFF\0H\0i\0\r\x04\x16");
  expect_ok(&r, "UTF-16BE", "Hi\n\xD0\x96");
}

static void utf32_boms(void **state) {
  (void)state;
  result r = DECODE("\xFF\xFE\0\0H\0\0\0\x16\x04\0\0");
  expect_ok(&r, "UTF-32LE", "H\xD0\x96");
  r = DECODE("\0\0\xFE\xFF\0\0\0H\0\x01\xF6\0");
  expect_ok(&r, "UTF-32BE", "H\xF0\x9F\x98\x80");
}

static void line_ends(void **state) {
  (void)state;
  result r = DECODE("a\r\nb\rc\nd\xC2\x85"
                    "e\xE2\x80\xA8"
                    "f\xE2\x80\xA9g\r\r\n");
  expect_ok(&r, "UTF-8", "a\nb\nc\nd\ne\nf\ng\n\n");
  /* tab and form feed are kept */
  r = DECODE("a\tb\fc");
  expect_ok(&r, "UTF-8", "a\tb\fc");
}

static void cp1252_fallback(void **state) {
  (void)state;
  /* “Café” — it’s … €5 */
  result r = DECODE("\x93"
                    "Caf\xE9\x94 \x97 it\x92s \x85 \x80"
                    "5\r\n");
  expect_ok(&r, "windows-1252",
            "\xE2\x80\x9C"
            "Caf\xC3\xA9\xE2\x80\x9D \xE2\x80\x94 it\xE2\x80\x99s \xE2\x80\xA6 "
            "\xE2\x82\xAC"
            "5\n");
  assert_int_equal(r.err.warnings, 1);
}

static void mixed_encodings(void **state) {
  (void)state;
  /* "café" in UTF-8, then a cp1252 curly apostrophe: refused, not mangled */
  result r = DECODE("caf\xC3\xA9 and it\x92s");
  expect_fail(&r, "invalid UTF-8 at offset 12");
  assert_non_null(strstr(r.err.msg, "mixed"));
}

static void cp1252_undefined(void **state) {
  (void)state;
  static const char undefined[] = {'\x81', '\x8D', '\x8F', '\x90', '\x9D'};
  for (size_t i = 0; i < sizeof undefined; i++) {
    char buf[8] = "ab\xE9";
    buf[3] = undefined[i];
    buf[4] = 'c';
    result r = decode(buf, 5);
    expect_fail(&r, "at offset 3");
    assert_non_null(strstr(r.err.msg, "windows-1252"));
  }
}

static void nul_is_binary(void **state) {
  (void)state;
  result r = DECODE("text\0more");
  expect_fail(&r, "binary data (NUL byte at offset 4)");
  /* even when the rest would be cp1252 */
  r = DECODE("\x93q\x94\0");
  expect_fail(&r, "NUL byte at offset 3");
  /* a NUL character inside UTF-16 is binary too */
  r = DECODE("\xFF\xFEH\0\0\0");
  expect_fail(&r, "NUL character at offset 4");
}

static void control_characters(void **state) {
  (void)state;
  result r = DECODE("ok\x01");
  expect_fail(&r, "U+0001 at offset 2");
  r = DECODE("ok\x1B[0m");
  expect_fail(&r, "U+001B");
  r = DECODE("\xFE\xFF\0a\0\x7F");
  expect_fail(&r, "U+007F at offset 4");
}

static void utf16_errors(void **state) {
  (void)state;
  result r = DECODE("\xFF\xFEH\0\x00\xDC");
  expect_fail(&r, "lone low surrogate at offset 4");
  r = DECODE("\xFF\xFEH\0\x3D\xD8"
             "a\0");
  expect_fail(&r, "unpaired high surrogate at offset 4");
  r = DECODE("\xFF\xFEH\0\x3D\xD8");
  expect_fail(&r, "truncated surrogate pair");
  r = DECODE("\xFE\xFF\0H\0");
  expect_fail(&r, "odd length");
}

static void utf32_errors(void **state) {
  (void)state;
  result r = DECODE("\xFF\xFE\0\0\0\0\x11\0");
  expect_fail(&r, "invalid UTF-32 code point 0x110000 at offset 4");
  r = DECODE("\0\0\xFE\xFF\0\0\xD8\0");
  expect_fail(&r, "0xD800");
  r = DECODE("\xFF\xFE\0\0H\0\0");
  expect_fail(&r, "truncated UTF-32");
}

static void bom_only_and_empty(void **state) {
  (void)state;
  result r = DECODE("\xEF\xBB\xBF");
  expect_ok(&r, "UTF-8", "");
  r = decode("", 0);
  expect_ok(&r, "UTF-8", "");
}

static void appends_to_buffer(void **state) {
  (void)state;
  oct_buf out = OCT_BUF_INIT;
  oct_buf_puts(&out, "keep:");
  oct_error err;
  oct_error_init(&err, "t");
  assert_int_equal(oct_decode("x\x01", 2, &out, NULL, &err), -1);
  assert_string_equal(out.data, "keep:"); /* a failure leaves earlier content alone */
  assert_int_equal(oct_decode("y", 1, &out, NULL, &err), 0);
  assert_string_equal(out.data, "keep:y");
  oct_buf_free(&out);
}

/* The samples that exist to cover an encoding must keep covering it: an
 * editor or a git filter that "fixes" them to UTF-8/LF would otherwise leave
 * their golden tests passing while testing nothing. */
static void sample_encodings(void **state) {
  (void)state;
  static const struct {
    const char *file, *enc;
    bool crlf;
  } samples[] = {
      {"sourdough-schedule.txt", "UTF-8", true},
      {"night-trains-utf16.txt", "UTF-16LE", true},
      {"cafe-rose-cp1252.txt", "windows-1252", false},
      {"kyiv-libraries-uk.txt", "UTF-8", false},
  };
  for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
    char path[512];
    snprintf(path, sizeof path, "%s/samples/%s", OCTAVO_SOURCE_DIR, samples[i].file);
    oct_buf raw = OCT_BUF_INIT;
    oct_error err;
    oct_error_init(&err, path);
    assert_int_equal(oct_file_read(path, &raw, &err), 0);
    result r = decode(raw.data, raw.len);
    assert_int_equal(r.rc, 0);
    if (strcmp(r.enc, samples[i].enc) != 0)
      fail_msg("%s decodes as %s, want %s", samples[i].file, r.enc, samples[i].enc);
    if (samples[i].crlf && strcmp(samples[i].enc, "UTF-8") == 0)
      assert_true(raw.len > 1 && memchr(raw.data, '\r', raw.len) &&
                  ((const char *)memchr(raw.data, '\r', raw.len))[1] == '\n');
    assert_null(memchr(r.out.data, '\r', r.out.len));
    oct_buf_free(&r.out);
    oct_buf_free(&raw);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(plain_utf8),         cmocka_unit_test(utf8_bom),
      cmocka_unit_test(utf16le_bom),        cmocka_unit_test(utf16be_bom),
      cmocka_unit_test(utf32_boms),         cmocka_unit_test(line_ends),
      cmocka_unit_test(cp1252_fallback),    cmocka_unit_test(cp1252_undefined),
      cmocka_unit_test(mixed_encodings),    cmocka_unit_test(nul_is_binary),
      cmocka_unit_test(control_characters), cmocka_unit_test(utf16_errors),
      cmocka_unit_test(utf32_errors),       cmocka_unit_test(bom_only_and_empty),
      cmocka_unit_test(appends_to_buffer),  cmocka_unit_test(sample_encodings),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
