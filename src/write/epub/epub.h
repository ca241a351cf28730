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

/* ---- digest.c: many articles in one book (issue 13).  Each article's
 * documents are made on any thread (oct_epub_chapter_new), then one thread
 * assembles the book (oct_epub_digest_write). */
typedef struct oct_epub_chapter oct_epub_chapter;
/* DOC's XHTML files and images, opening with its heading block (title,
 * subtitle, byline, date from its metadata); SEQ, unique in the book, names
 * its files. */
oct_epub_chapter *oct_epub_chapter_new(const oct_epub_options *opt, const oct_node *doc,
                                       unsigned seq, oct_error *err);
void oct_epub_chapter_free(oct_epub_chapter *c);

/* One line of a digest's contents: a part (CHAPTER NULL) or an article. */
typedef struct oct_epub_digest_entry {
  const char *label;
  oct_epub_chapter *chapter; /* its documents move into the book */
} oct_epub_digest_entry;

typedef struct oct_epub_digest {
  const char *title, *author, *date, *lang, *identifier; /* NULL: absent (lang: "en",
                                                            identifier: from the contents) */
  const char *date_iso;                                  /* dc:date, YYYY[-MM[-DD]], or NULL */
  const char *description, *subject;                     /* -M description= and subject=, or NULL */
  const char *cover_line; /* under the title on the generated cover */
  const oct_epub_digest_entry *entries;
  size_t n_entries;
} oct_epub_digest;

/* Writes the digest D to PATH atomically: cover, title page, a two-level
 * contents (parts, articles), the articles' files. */
int oct_epub_digest_write(const oct_epub_options *opt, const oct_epub_digest *d, const char *path,
                          oct_error *err);

/* The data files (under the data folder, see oct_data_path) every book is
 * made with, NULL-terminated: a batch rebuilds EPUBs older than any. */
const char *const *oct_epub_data_files(void);

#endif
