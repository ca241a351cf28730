/* Resources an article names (images): where they may come from, how they
 * are read, and what they are.  Both writers resolve, read and check images
 * through this one module, so the EPUB and the PDF agree on what is local,
 * what is allowed and what is a valid image.
 *
 * The rules (an article is untrusted input; see README "Security"):
 * - a source with a URI scheme ("https:", "data:", "file:") or a
 *   protocol-relative one ("//host/x") is remote and never fetched;
 * - a local path, relative to the input's folder or absolute, is resolved
 *   with realpath() (so ".." and symlinks are followed first) and read only
 *   when the result lies inside the input's folder or one of the extra
 *   folders (--resource-path);
 * - only regular files are read (never a FIFO, device or socket), opened
 *   without blocking and read up to OCT_RESOURCE_MAX_BYTES;
 * - an image is accepted only when its header decodes (PNG and JPEG with
 *   libpng and libjpeg, GIF by its screen descriptor, SVG with libxml2) and
 *   its size is within OCT_IMAGE_MAX_SIDE and OCT_IMAGE_MAX_PIXELS;
 * - an SVG is parsed without network access, DTD loading or entity
 *   expansion, and re-serialised without its DTD, scripts, event handlers,
 *   processing instructions or references to other files. */
#ifndef OCTAVO_RESOURCE_H
#define OCTAVO_RESOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/util.h"

/* 50 MiB: a photograph straight from a camera is 5-15 MiB; anything larger
 * in an article is a mistake or an attack (/dev/zero reads forever). */
#define OCT_RESOURCE_MAX_BYTES ((size_t)50 << 20)
/* 40 megapixels decode to 160 MB of RGBA; the longest side is capped too,
 * since a 100,000 x 1 strip is as useless in a book as it is cheap. */
#define OCT_IMAGE_MAX_PIXELS 40000000u
#define OCT_IMAGE_MAX_SIDE 20000u

typedef struct oct_resources {
  const char *base_dir;          /* the input's folder; NULL or "" = the current directory */
  const char *const *extra_dirs; /* further allowed folders, NULL-terminated; may be NULL */
} oct_resources;

typedef enum oct_image_kind {
  OCT_IMAGE_NONE = 0,
  OCT_IMAGE_PNG,
  OCT_IMAGE_JPEG,
  OCT_IMAGE_GIF,
  OCT_IMAGE_SVG,
} oct_image_kind;

typedef struct oct_image_info {
  oct_image_kind kind;
  const char *media_type; /* "image/png", ... */
  const char *ext;        /* "png", "jpg", "gif", "svg" */
  unsigned width, height; /* pixels; 0 for SVG */
} oct_image_info;

/* A source that names something on the network (or any URI scheme). */
bool oct_resource_is_remote(const char *src);

/* Resolves SRC under R's rules and reads it into OUT.  Returns 0, or -1
 * with the reason in ERR->msg, phrased to follow the source's name
 * ("is outside the folders octavo may read", "is not a regular file"). */
int oct_resource_read(const oct_resources *r, const char *src, oct_buf *out, oct_error *err);

/* What DATA is: sniffs the type and decodes the header.  -1 with the reason
 * ("is not PNG, JPEG, GIF or SVG", "is a broken PNG (...)", "is 100000x100000
 * pixels, more than ...") when it is not an image octavo can use. */
int oct_image_probe(const void *data, size_t len, oct_image_info *info, oct_error *err);

/* Rewrites the SVG in BUF in its cleaned form (see above); -1 with the reason
 * when it cannot be parsed safely. */
int oct_svg_clean(oct_buf *buf, oct_error *err);

/* Reads and probes SRC; an SVG's bytes are replaced by its cleaned form. */
int oct_image_load(const oct_resources *r, const char *src, oct_buf *out, oct_image_info *info,
                   oct_error *err);

/* Reads PATH (named by the user, not by an article: --css, --cover) when it
 * is a regular file of at most MAX bytes. */
int oct_file_read_regular(const char *path, size_t max, oct_buf *out, oct_error *err);

#endif
