#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

static void out_of_memory(size_t n) {
  fprintf(stderr, "octavo: out of memory (allocating %zu bytes)\n", n);
  abort();
}

void *oct_xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) out_of_memory(n);
  return p;
}

void *oct_xcalloc(size_t count, size_t size) {
  void *p = calloc(count ? count : 1, size ? size : 1);
  if (!p) out_of_memory(count * size);
  return p;
}

void *oct_xrealloc(void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (!q) out_of_memory(n);
  return q;
}

void *oct_grow(void *p, size_t *cap, size_t need, size_t size) {
  if (need <= *cap) return p;
  size_t c = *cap ? *cap : 16;
  while (c < need) {
    if (c > SIZE_MAX / 2) out_of_memory(SIZE_MAX);
    c *= 2;
  }
  if (size && c > SIZE_MAX / size) out_of_memory(SIZE_MAX);
  p = oct_xrealloc(p, c * size);
  *cap = c;
  return p;
}

char *oct_xstrdup(const char *s) { return oct_xstrndup(s, strlen(s)); }

char *oct_xstrndup(const char *s, size_t n) {
  char *p = oct_xmalloc(n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *oct_xasprintf(const char *fmt, ...) {
  oct_buf b = OCT_BUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  oct_buf_vprintf(&b, fmt, ap);
  va_end(ap);
  return oct_buf_detach(&b);
}
