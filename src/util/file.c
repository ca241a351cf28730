#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/util.h"

int oct_file_read(const char *path, oct_buf *out, oct_error *err) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return oct_error_set(err, "cannot open: %s", strerror(errno));
  struct stat st;
  if (fstat(fd, &st) != 0) {
    int e = errno;
    close(fd);
    return oct_error_set(err, "cannot read: %s", strerror(e));
  }
  if (S_ISDIR(st.st_mode)) {
    close(fd);
    return oct_error_set(err, "is a directory");
  }
  if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > OCT_INPUT_MAX_BYTES) {
    close(fd);
    return oct_error_set(err, "larger than %zu MiB, the most octavo reads",
                         OCT_INPUT_MAX_BYTES >> 20);
  }
  if (S_ISREG(st.st_mode)) oct_buf_reserve(out, (size_t)st.st_size);
  for (;;) {
    if (out->len > OCT_INPUT_MAX_BYTES) {
      close(fd);
      return oct_error_set(err, "larger than %zu MiB, the most octavo reads",
                           OCT_INPUT_MAX_BYTES >> 20);
    }
    oct_buf_reserve(out, 65536);
    ssize_t n = read(fd, out->data + out->len, out->cap - out->len - 1);
    if (n < 0) {
      if (errno == EINTR) continue;
      int e = errno;
      close(fd);
      return oct_error_set(err, "cannot read: %s", strerror(e));
    }
    if (n == 0) break;
    out->len += (size_t)n;
    out->data[out->len] = '\0';
  }
  close(fd);
  return 0;
}

/* umask() can only be read by setting it, which races with other threads;
 * Linux reports it in /proc/self/status instead.  022 when unknown. */
static mode_t current_umask(void) {
  mode_t mask = 022;
  FILE *f = fopen("/proc/self/status", "r");
  if (!f) return mask;
  char line[256];
  unsigned m;
  while (fgets(line, sizeof line, f))
    if (sscanf(line, "Umask: %o", &m) == 1) {
      mask = (mode_t)m;
      break;
    }
  fclose(f);
  return mask;
}

int oct_file_write_atomic(const char *path, const void *data, size_t len, oct_error *err) {
  /* The temporary lives in the same directory so rename() is atomic; its
   * name starts with a dot and holds .tmp. so batch cleanup can find it. */
  const char *slash = strrchr(path, '/');
  size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
  char *tmp = oct_xasprintf("%.*s.%s.tmp.XXXXXX", (int)dirlen, path, slash ? slash + 1 : path);
  int fd = mkstemp(tmp);
  if (fd < 0) {
    int e = errno;
    free(tmp);
    return oct_error_set(err, "cannot create %s: %s", path, strerror(e));
  }
  const char *p = data;
  size_t left = len;
  while (left) {
    ssize_t n = write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      int e = errno;
      close(fd);
      unlink(tmp);
      free(tmp);
      return oct_error_set(err, "cannot write %s: %s", path, strerror(e));
    }
    p += n;
    left -= (size_t)n;
  }
  /* mkstemp makes the file 0600; give it the mode a plain creat() would. */
  bool ok = fchmod(fd, 0666 & ~current_umask()) == 0;
  if (close(fd) != 0) ok = false;
  if (!ok || rename(tmp, path) != 0) {
    int e = errno;
    unlink(tmp);
    free(tmp);
    return oct_error_set(err, "cannot write %s: %s", path, strerror(e));
  }
  free(tmp);
  return 0;
}
