#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

void oct_buf_reserve(oct_buf *b, size_t extra) {
  size_t need = b->len + extra + 1;
  if (need <= b->cap) return;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < need)
    cap *= 2;
  b->data = oct_xrealloc(b->data, cap);
  b->cap = cap;
}

void oct_buf_put(oct_buf *b, const void *data, size_t len) {
  oct_buf_reserve(b, len);
  if (len) memcpy(b->data + b->len, data, len);
  b->len += len;
  b->data[b->len] = '\0';
}

void oct_buf_puts(oct_buf *b, const char *s) { oct_buf_put(b, s, strlen(s)); }

void oct_buf_putc(oct_buf *b, char c) { oct_buf_put(b, &c, 1); }

void oct_buf_vprintf(oct_buf *b, const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  if (n < 0) return;
  oct_buf_reserve(b, (size_t)n);
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  b->len += (size_t)n;
}

void oct_buf_printf(oct_buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  oct_buf_vprintf(b, fmt, ap);
  va_end(ap);
}

void oct_buf_put_utf8(oct_buf *b, uint32_t cp) {
  char tmp[4];
  size_t n = oct_utf8_encode(cp, tmp);
  oct_buf_put(b, tmp, n);
}

void oct_buf_clear(oct_buf *b) {
  b->len = 0;
  if (b->data) b->data[0] = '\0';
}

char *oct_buf_detach(oct_buf *b) {
  char *p = b->data ? b->data : oct_xstrdup("");
  b->data = NULL;
  b->len = b->cap = 0;
  return p;
}

void oct_buf_free(oct_buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}
