#include <stdio.h>
#include <string.h>

#include "util/util.h"

void oct_error_init(oct_error *e, const char *file) {
  memset(e, 0, sizeof *e);
  e->file = file;
}

int oct_error_set(oct_error *e, const char *fmt, ...) {
  if (!e) return -1;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(e->msg, sizeof e->msg, fmt, ap);
  va_end(ap);
  return -1;
}

void oct_warn(oct_error *e, const char *fmt, ...) {
  if (!e) return;
  e->warnings++;
  if (!e->warn) return;
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  e->warn(e->warn_user, e->file, msg);
}
