/* realpath() is an XSI function. */
#define _XOPEN_SOURCE 700

#include "write/resource/resource.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- what is remote */

bool oct_resource_is_remote(const char *src) {
  /* "//host/path" is a URL relative to the page's scheme, not a path. */
  if (src[0] == '/' && src[1] == '/') return true;
  /* Any URI scheme ("https:", "data:", "file:") means "not a plain local
   * path"; a Windows drive letter is not expected in article sources. */
  for (const char *p = src; *p; p++) {
    if (*p == ':') return p > src;
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
          *p == '+' || *p == '-' || *p == '.'))
      return false;
  }
  return false;
}

/* ---- reading a regular file without blocking, with a size limit */

static int read_fd_limited(int fd, size_t max, oct_buf *out, oct_error *err) {
  struct stat st;
  if (fstat(fd, &st) != 0) return oct_error_set(err, "cannot be read (%s)", strerror(errno));
  if (!S_ISREG(st.st_mode))
    return oct_error_set(err, "is not a regular file (%s)",
                         S_ISDIR(st.st_mode)                          ? "a folder"
                         : S_ISFIFO(st.st_mode)                       ? "a pipe"
                         : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device"
                         : S_ISSOCK(st.st_mode)                       ? "a socket"
                                                                      : "a special file");
  if ((unsigned long long)st.st_size > max)
    return oct_error_set(err, "is larger than %zu MiB", max >> 20);
  /* Room for what fstat says and a byte more, so that the read that finds
   * the end needs no more: the EPUB keeps this buffer for each image it
   * embeds, and 64 KiB of slack on each made 20,000 small images take
   * 1.3 GB of memory.  The file may still grow while it is read: the limit
   * holds on what is read, not on what fstat said. */
  oct_buf_reserve(out, (size_t)st.st_size + 1);
  for (;;) {
    if (out->len > max) return oct_error_set(err, "is larger than %zu MiB", max >> 20);
    if (out->cap - out->len - 1 == 0) oct_buf_reserve(out, 65536);
    size_t room = out->cap - out->len - 1;
    if (room > max + 1 - out->len) room = max + 1 - out->len;
    ssize_t n = read(fd, out->data + out->len, room);
    if (n < 0) {
      if (errno == EINTR) continue;
      return oct_error_set(err, "cannot be read (%s)", strerror(errno));
    }
    if (n == 0) break;
    out->len += (size_t)n;
    out->data[out->len] = '\0';
  }
  if (out->len > max) return oct_error_set(err, "is larger than %zu MiB", max >> 20);
  return 0;
}

/* O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer
 * forever; for a regular file it changes nothing.  O_NOCTTY: a terminal
 * named as an image must not become our controlling terminal. */
static int open_resource(const char *path, int extra) {
  return open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY | extra);
}

int oct_file_read_regular(const char *path, size_t max, oct_buf *out, oct_error *err) {
  int fd = open_resource(path, 0);
  if (fd < 0) return oct_error_set(err, "cannot be opened (%s)", strerror(errno));
  int rc = read_fd_limited(fd, max, out, err);
  close(fd);
  return rc;
}

/* ---- where a local source may come from */

/* Is REAL (a realpath) inside the folder whose realpath is ROOT? */
static bool inside(const char *real, const char *root) {
  size_t n = strlen(root);
  if (n == 1 && root[0] == '/') return true;
  return strncmp(real, root, n) == 0 && (real[n] == '\0' || real[n] == '/');
}

static bool allowed(const oct_resources *r, const char *real) {
  char root[PATH_MAX];
  const char *base = r->base_dir && *r->base_dir ? r->base_dir : ".";
  if (realpath(base, root) && inside(real, root)) return true;
  for (const char *const *d = r->extra_dirs; d && *d; d++)
    if (realpath(*d, root) && inside(real, root)) return true;
  return false;
}

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* A saved web page names its files as URLs: "page_files/a%20b.png?v=2".
 * The file is "page_files/a b.png".  NULL when decoding changes nothing or
 * would produce a NUL byte. */
static char *url_to_path(const char *src) {
  oct_buf b = OCT_BUF_INIT;
  bool changed = false;
  for (const char *p = src; *p; p++) {
    if (*p == '?' || *p == '#') {
      changed = true;
      break;
    }
    int hi, lo;
    if (*p == '%' && (hi = hexval(p[1])) >= 0 && (lo = hexval(p[2])) >= 0 && (hi || lo)) {
      oct_buf_putc(&b, (char)(hi * 16 + lo));
      p += 2;
      changed = true;
    } else {
      oct_buf_putc(&b, *p);
    }
  }
  if (!changed || b.len == 0) {
    oct_buf_free(&b);
    return NULL;
  }
  return oct_buf_detach(&b);
}

static char *join(const oct_resources *r, const char *src) {
  if (src[0] == '/' || !r->base_dir || !*r->base_dir) return oct_xstrdup(src);
  return oct_xasprintf("%s/%s", r->base_dir, src);
}

int oct_resource_read(const oct_resources *r, const char *src, oct_buf *out, oct_error *err) {
  if (!*src) return oct_error_set(err, "has no source");
  if (oct_resource_is_remote(src)) return oct_error_set(err, "is remote and is not fetched");
  char real[PATH_MAX];
  char *path = join(r, src);
  bool found = realpath(path, real) != NULL;
  int e = errno;
  free(path);
  if (!found && e == ENOENT) {
    char *alt = url_to_path(src);
    if (alt) {
      path = join(r, alt);
      found = realpath(path, real) != NULL;
      free(path);
      free(alt);
    }
  }
  if (!found) return oct_error_set(err, "cannot be found (%s)", strerror(e));
  if (!allowed(r, real))
    return oct_error_set(err, "is outside the folders octavo may read (the input's folder and "
                              "--resource-path)");
  /* O_NOFOLLOW: realpath() resolved every link, so a link here means the
   * path was swapped after the check. */
  int fd = open_resource(real, O_NOFOLLOW);
  if (fd < 0) return oct_error_set(err, "cannot be opened (%s)", strerror(errno));
  oct_buf_clear(out);
  int rc = read_fd_limited(fd, OCT_RESOURCE_MAX_BYTES, out, err);
  close(fd);
  return rc;
}

int oct_image_load(const oct_resources *r, const char *src, oct_buf *out, oct_image_info *info,
                   oct_error *err) {
  if (oct_resource_read(r, src, out, err) != 0) return -1;
  if (oct_image_probe(out->data, out->len, info, err) != 0) return -1;
  if (info->kind == OCT_IMAGE_SVG) return oct_svg_clean(out, err);
  return 0;
}
