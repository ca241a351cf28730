#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
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

/* The temporary beside PATH: ".NAME.tmp.XXXXXX" (a leading dot hides it,
 * ".tmp." lets oct_file_remove_stale_temps recognise it).  That adds 12
 * bytes to NAME, and a name may hold NAME_MAX (255) bytes, so an output
 * named with more than 243 bytes gets a temporary cut to fit, on a UTF-8
 * character boundary, keeping its extension so the cleanup still knows it. */
static char *temp_name(const char *path) {
  const char *slash = strrchr(path, '/');
  const char *base = slash ? slash + 1 : path;
  int dirlen = (int)(base - path);
  size_t blen = strlen(base), extra = strlen("..tmp.XXXXXX");
  if (blen + extra <= NAME_MAX) return oct_xasprintf("%.*s.%s.tmp.XXXXXX", dirlen, path, base);
  const char *dot = strrchr(base, '.');
  size_t ext = dot && blen - (size_t)(dot - base) <= 16 ? blen - (size_t)(dot - base) : 0;
  size_t keep = oct_utf8_prefix(base, blen - ext, NAME_MAX - extra - ext);
  return oct_xasprintf("%.*s.%.*s%s.tmp.XXXXXX", dirlen, path, (int)keep, base, base + blen - ext);
}

/* The signals octavo stops on (the CLI's set: see src/cli/signals.c). */
static void stop_signals(sigset_t *set) {
  sigemptyset(set);
  sigaddset(set, SIGINT);
  sigaddset(set, SIGTERM);
  sigaddset(set, SIGHUP);
  sigaddset(set, SIGQUIT);
}

int oct_file_write_atomic(const char *path, const void *data, size_t len, oct_error *err) {
  /* The temporary lives in the same directory so rename() is atomic.  While
   * it exists the stop signals are held back: a Ctrl-C that ends octavo (the
   * single-file command exits from its handler) then takes effect once the
   * file is renamed or removed, never in between. */
  sigset_t stop, old;
  stop_signals(&stop);
  pthread_sigmask(SIG_BLOCK, &stop, &old);
  int rc = -1, e = 0;
  char *tmp = temp_name(path);
  int fd = mkstemp(tmp);
  if (fd < 0) {
    e = errno;
    oct_error_set(err, "cannot create %s: %s", path, strerror(e));
    goto out;
  }
  /* Held until close: tells oct_file_remove_stale_temps this one is alive.
   * A killed process's locks go with it. */
  flock(fd, LOCK_EX);
  const char *p = data;
  size_t left = len;
  while (left) {
    ssize_t n = write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      e = errno;
      close(fd);
      unlink(tmp);
      oct_error_set(err, "cannot write %s: %s", path, strerror(e));
      goto out;
    }
    p += n;
    left -= (size_t)n;
  }
  /* mkstemp makes the file 0600; give it the mode a plain creat() would. */
  bool ok = fchmod(fd, 0666 & ~current_umask()) == 0;
  if (!ok) e = errno;
  if (close(fd) != 0 && ok) ok = false, e = errno;
  if (ok && rename(tmp, path) != 0) ok = false, e = errno;
  if (!ok) {
    unlink(tmp);
    oct_error_set(err, "cannot write %s: %s", path, strerror(e));
    goto out;
  }
  rc = 0;
out:
  free(tmp);
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  return rc;
}

/* ".TARGET.EXT.tmp.XXXXXX" with EXT one of EXTS and XXXXXX from mkstemp's
 * alphabet (letters and digits). */
static bool is_our_temp(const char *name, const char *const exts[], size_t nexts) {
  size_t n = strlen(name), tail = strlen(".tmp.XXXXXX");
  if (name[0] != '.' || n < tail + 3 || strncmp(name + n - tail, ".tmp.", 5) != 0) return false;
  for (size_t i = n - 6; i < n; i++)
    if (!((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= 'A' && name[i] <= 'Z') ||
          (name[i] >= '0' && name[i] <= '9')))
      return false;
  size_t target = n - tail; /* ".TARGET.EXT" ends here */
  for (size_t k = 0; k < nexts; k++) {
    size_t el = strlen(exts[k]);
    /* at least one byte of TARGET, a dot, then EXT */
    if (target >= el + 3 && name[target - el - 1] == '.' &&
        memcmp(name + target - el, exts[k], el) == 0)
      return true;
  }
  return false;
}

int oct_file_remove_stale_temps(const char *dir, const char *const exts[], size_t nexts) {
  int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd < 0) return -1;
  DIR *d = fdopendir(dfd);
  if (!d) {
    close(dfd);
    return -1;
  }
  int removed = 0;
  struct dirent *ent;
  while ((ent = readdir(d)) != NULL) {
    if (!is_our_temp(ent->d_name, exts, nexts)) continue;
    /* never through a symbolic link, never anything but a regular file */
    int fd = openat(dfd, ent->d_name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) continue;
    struct stat st, again;
    /* A writer locks its temporary right after creating it, before writing
     * a byte: an empty, young file may be one caught in between, so it is
     * left alone for a minute. */
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && flock(fd, LOCK_EX | LOCK_NB) == 0 &&
        (st.st_size > 0 || time(NULL) - st.st_mtime > 60) &&
        fstatat(dfd, ent->d_name, &again, AT_SYMLINK_NOFOLLOW) == 0 && again.st_ino == st.st_ino &&
        again.st_dev == st.st_dev && unlinkat(dfd, ent->d_name, 0) == 0)
      removed++;
    close(fd);
  }
  closedir(d);
  return removed;
}
