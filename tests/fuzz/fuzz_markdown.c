/* libFuzzer harness for the Markdown and HTML readers.  Not part of the
 * CTest suite (it needs clang); build and run it by hand:
 *
 *   clang -std=c11 -O1 -g -fsanitize=fuzzer,address,undefined \
 *     -fno-sanitize-recover=all -D_POSIX_C_SOURCE=200809L \
 *     -I src -I BUILD/generated -I/usr/include/libxml2 tests/fuzz/fuzz_mdhtml.c \
 *     src/read/markdown.c src/read/html.c src/read/smart.c $(ls src/tree/[a-z]*.c src/util/[a-z]*.c) \
 *     -lmd4c -lxml2 -lpthread -o fuzz_mdhtml
 *   mkdir corpus; for f in samples/[a-z]*.md; do (printf '\0'; cat $f) > corpus/$(basename $f); done
 *   for f in samples/[a-z]*.html; do (printf '\1'; cat $f) > corpus/$(basename $f); done
 *   ./fuzz_mdhtml -max_total_time=300 -max_len=8192 corpus
 *
 * The first byte picks the reader (odd: HTML); the rest is the document,
 * which must be NUL-free UTF-8 as oct_read() would hand it over. */
#include <stdint.h>
#include <string.h>

#include "read/read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  const char *s = (const char *)data + 1;
  size_t n = size - 1;
  if (!oct_utf8_valid(s, n) || memchr(s, 0, n)) return 0;
  oct_error err;
  oct_error_init(&err, "fuzz");
  oct_node *d = (data[0] & 1) ? oct_read_html(s, n, &err) : oct_read_markdown(s, n, &err);
  oct_node_free(d);
  return 0;
}
