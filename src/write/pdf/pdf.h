/* Typeset PDF writer: layout (measure, hyphenate, break lines and pages)
 * apart from drawing (libharu).  Same new/write/free trio as every writer. */
#ifndef OCTAVO_PDF_H
#define OCTAVO_PDF_H

#include <stdbool.h>
#include <stdint.h>

#include "tree/tree.h"

/* Resources that cost milliseconds to load and never change once loaded
 * (hyphenation patterns, ...), shared by the conversions of a batch.  Safe
 * to use from several threads at once; loads lazily on first use. */
typedef struct oct_pdf_cache oct_pdf_cache;
oct_pdf_cache *oct_pdf_cache_new(void);
void oct_pdf_cache_free(oct_pdf_cache *cache);

typedef struct oct_pdf_options {
  double page_width, page_height;   /* points; 0 = A4 */
  double margin;                    /* points; 0 = automatic (a 60-75 character measure) */
  double font_size;                 /* points; 0 = default body size */
  bool ragged;                      /* ragged-right instead of justified */
  bool no_tags;                     /* no structure tree (smaller, not accessible) */
  bool no_pdfa;                     /* no PDF/A-1b: no XMP, no output intent */
  const char *base_dir;             /* where relative image paths are resolved */
  const char *const *resource_dirs; /* further folders images may come from, NULL-terminated;
                                       borrowed: it must outlive the writer */
  int64_t timestamp;                /* document dates: SOURCE_DATE_EPOCH or the input's mtime */
  oct_pdf_cache *cache;             /* optional, shared between threads; NULL = load per document */
} oct_pdf_options;

/* Parses "a4", "letter", "a5" or "WIDTHxHEIGHT" (millimetres) into points. */
int oct_pdf_parse_paper(const char *spec, double *width, double *height);

typedef struct oct_pdf oct_pdf;

oct_pdf *oct_pdf_new(const oct_pdf_options *opt);
int oct_pdf_write(oct_pdf *ctx, const oct_node *doc, const char *path, oct_error *err);
void oct_pdf_free(oct_pdf *ctx);

/* ---- draw/digest.c: many articles in one PDF (issue 13).  Articles are
 * laid out on any thread, each with its own typesetter (fonts are opened
 * per thread); one thread then assembles the book. */
typedef struct oct_pdf_typesetter oct_pdf_typesetter;
/* OPT->cache must be set: the threads share its patterns. */
oct_pdf_typesetter *oct_pdf_typesetter_new(const oct_pdf_options *opt, oct_error *err);
void oct_pdf_typesetter_free(oct_pdf_typesetter *t);

typedef struct oct_pdf_article oct_pdf_article;
/* DOC laid out with its title block (title, subtitle, byline, date), ready
 * to be placed in a digest; its images are looked for in BASE_DIR (and the
 * --resource-path folders) and kept as bytes until the digest draws it. */
oct_pdf_article *oct_pdf_article_new(oct_pdf_typesetter *t, const oct_node *doc,
                                     const char *base_dir, oct_error *err);
void oct_pdf_article_free(oct_pdf_article *a);

/* The book, built in reading order on one thread: oct_pdf_digest_new
 * with the contents (LABELS[i], a part where IS_PART[i]), then each entry
 * in turn (oct_pdf_digest_add), then oct_pdf_digest_finish.  An article is
 * drawn, and its layout freed, as soon as it comes (with FLOW, once its
 * part is complete, since articles then share pages): the book holds the
 * PDF being made, not every article's layout. */
typedef struct oct_pdf_digest oct_pdf_digest;
typedef struct oct_pdf_digest_info {
  const char *title, *author, *date, *lang; /* NULL: absent */
  const char *description, *subject;        /* the file's information; NULL: absent */
  const char *count_line;                   /* under the title: "2,000 articles" */
  bool flow; /* articles follow each other with a rule, instead of each on a new page */
  int64_t timestamp;
} oct_pdf_digest_info;
/* T must outlive the digest; LABELS are copied. */
oct_pdf_digest *oct_pdf_digest_new(oct_pdf_typesetter *t, const oct_pdf_digest_info *info,
                                   const char *const *labels, const bool *is_part, size_t n,
                                   oct_error *err);
/* Entry I (each once, in order): A is the article, taken over; NULL for a
 * part, or for an article left out (its contents line then points at the
 * page that follows). */
int oct_pdf_digest_add(oct_pdf_digest *dg, size_t i, oct_pdf_article *a, oct_error *err);
/* Title page and contents (now that their numbers are known) before the
 * articles, running heads (part on the left, article on the right),
 * continuous folios, bookmarks parts > articles > their headings; PATH is
 * written atomically. */
int oct_pdf_digest_finish(oct_pdf_digest *dg, const char *path, oct_error *err);
void oct_pdf_digest_free(oct_pdf_digest *dg);

/* The data files the writer reads (relative to the data folder, see
 * oct_data_path), NULL-terminated: a batch rebuilds PDFs older than any. */
const char *const *oct_pdf_data_files(void);

#endif
