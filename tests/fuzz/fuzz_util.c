#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "fuzz.h"

/* The scratch files of this process, removed when it exits. */
static char scratch[2][512];

static void remove_scratch(void) {
  for (size_t i = 0; i < 2; i++)
    if (scratch[i][0]) remove(scratch[i]);
}

void fuzz_scratch(char *out, size_t outsz, const char *name, const char *ext) {
  const char *dir = getenv("TMPDIR");
  snprintf(out, outsz, "%s/%s-%ld.%s", dir && *dir ? dir : "/tmp", name, (long)getpid(), ext);
  for (size_t i = 0; i < 2; i++)
    if (!scratch[i][0]) {
      if (i == 0) atexit(remove_scratch);
      snprintf(scratch[i], sizeof scratch[i], "%s", out);
      break;
    }
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
