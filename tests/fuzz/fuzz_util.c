#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "fuzz.h"

void fuzz_scratch(char *out, size_t outsz, const char *name, const char *ext) {
  const char *dir = getenv("TMPDIR");
  snprintf(out, outsz, "%s/%s-%ld.%s", dir && *dir ? dir : "/tmp", name, (long)getpid(), ext);
}

void fuzz_fail(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("fuzz: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  abort();
}
