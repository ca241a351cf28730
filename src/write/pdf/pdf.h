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
  double page_width, page_height; /* points; 0 = A4 */
  double margin;                  /* points; 0 = automatic (a 60-75 character measure) */
  double font_size;               /* points; 0 = default body size */
  bool ragged;                    /* ragged-right instead of justified */
  const char *base_dir;           /* where relative image paths are resolved */
  const char *const *resource_dirs; /* further folders images may come from, NULL-terminated;
                                       borrowed: it must outlive the writer */
  int64_t timestamp;              /* document dates: SOURCE_DATE_EPOCH or the input's mtime */
  oct_pdf_cache *cache;           /* optional, shared between threads; NULL = load per document */
} oct_pdf_options;

/* Parses "a4", "letter", "a5" or "WIDTHxHEIGHT" (millimetres) into points. */
int oct_pdf_parse_paper(const char *spec, double *width, double *height);

typedef struct oct_pdf oct_pdf;

oct_pdf *oct_pdf_new(const oct_pdf_options *opt);
int oct_pdf_write(oct_pdf *ctx, const oct_node *doc, const char *path, oct_error *err);
void oct_pdf_free(oct_pdf *ctx);

/* The data files the writer reads (relative to the data folder, see
 * oct_data_path), NULL-terminated: a batch rebuilds PDFs older than any. */
const char *const *oct_pdf_data_files(void);

#endif
