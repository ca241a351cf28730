#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "util/util.h"

static int try_path(const char *dir, const char *rel, char *out, size_t outsz) {
  if (!dir || !*dir) return -1;
  int n = snprintf(out, outsz, "%s/%s", dir, rel);
  if (n < 0 || (size_t)n >= outsz) return -1;
  return access(out, R_OK) == 0 ? 0 : -1;
}

int oct_data_path(const char *rel, char *out, size_t outsz) {
  if (try_path(getenv("OCTAVO_DATA_DIR"), rel, out, outsz) == 0) return 0;
  /* An installed binary lives in PREFIX/bin and its data in
   * PREFIX/share/octavo; look there relative to the executable first so a
   * relocated install works, then at the configured prefix. */
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0) {
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash) {
      *slash = '\0';
      char dir[PATH_MAX + 32];
      snprintf(dir, sizeof dir, "%s/../share/octavo", exe);
      if (try_path(dir, rel, out, outsz) == 0) return 0;
    }
  }
  if (try_path(OCTAVO_INSTALL_DATADIR, rel, out, outsz) == 0) return 0;
  return try_path(OCTAVO_SOURCE_DIR, rel, out, outsz);
}
