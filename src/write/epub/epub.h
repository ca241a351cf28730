/* EPUB 3 writer: tree -> XHTML documents (xhtml.c, libxml2) -> OCF package
 * (package.c, libzip).  Same new/write/free trio as every writer. */
#ifndef OCTAVO_EPUB_H
#define OCTAVO_EPUB_H

#include <stdbool.h>
#include <stdint.h>

#include "tree/tree.h"

typedef struct oct_epub_options {
  const char *css_path;   /* extra user stylesheet (--css), or NULL */
  const char *cover_path; /* PNG/JPEG cover (--cover), or NULL for a generated one */
  bool no_cover;          /* --no-cover */
  const char *base_dir;   /* where relative image paths are resolved (the input's folder) */
  const char *const *resource_dirs; /* further folders images may come from
                                       (--resource-path), NULL-terminated; may be NULL */
  int64_t timestamp;                /* seconds since the epoch for dcterms:modified and zip times:
                                       SOURCE_DATE_EPOCH or the input's mtime; never the clock */
} oct_epub_options;

typedef struct oct_epub oct_epub;

oct_epub *oct_epub_new(const oct_epub_options *opt);
/* Writes the book atomically (temporary file + rename).  Warnings (missing
 * images, ...) go through ERR's callback. */
int oct_epub_write(oct_epub *ctx, const oct_node *doc, const char *path, oct_error *err);
void oct_epub_free(oct_epub *ctx);

/* The data files (under the data folder, see oct_data_path) every book is
 * made with, NULL-terminated: a batch rebuilds EPUBs older than any. */
const char *const *oct_epub_data_files(void);

#endif
