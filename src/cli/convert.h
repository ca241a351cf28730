/* Converting one input into its outputs: the unit of work of both the
 * single-file command and the batch driver.  Thread-safe: everything lives
 * in the call's own frame. */
#ifndef OCTAVO_CLI_CONVERT_H
#define OCTAVO_CLI_CONVERT_H

#include <stdbool.h>
#include <stdint.h>

#include "read/read.h"
#include "tree/tree.h"
#include "write/pdf/pdf.h"

typedef enum oct_output_format {
  OCT_OUT_EPUB,
  OCT_OUT_PDF,
  OCT_OUT_JSON,
  OCT_OUT_COUNT
} oct_output_format;

const char *oct_output_ext(oct_output_format f);
/* "epub", "pdf", "json"; -1 when unknown. */
int oct_output_from_name(const char *name);
/* By the extension of PATH; -1 when unknown. */
int oct_output_from_path(const char *path);

/* The data files the writer of format F reads (under the data folder, see
 * oct_data_path), NULL-terminated: outputs older than any are stale. */
const char *const *oct_output_data_files(oct_output_format f);

typedef struct oct_convert_options {
  oct_input_format from;
  const char *meta[OCT_META_COUNT]; /* -M overrides; NULL = keep the reader's */
  const char *css_path;
  const char *cover_path;
  const char *const *resource_dirs; /* --resource-path folders, NULL-terminated; may be NULL */
  bool no_cover;
  double page_width, page_height, margin, font_size;
  bool ragged;
  bool no_tags, no_pdfa; /* PDF: leave out the structure tree, the PDF/A-1b parts */
  bool have_source_date; /* SOURCE_DATE_EPOCH was set */
  int64_t source_date;
  bool quiet;
  oct_pdf_cache *pdf_cache; /* the batch shares one between its workers */
} oct_convert_options;

/* Reads INPUT ("-" for standard input) and writes each non-NULL
 * OUTPUTS[format]. ERR->file should name the input.  Returns 0 or -1.
 * Outputs are written one after the other, each atomically: when a later
 * one fails, those already written stay (they are complete and valid) and
 * ERR's message ends by naming them.  WRITTEN (may be NULL) receives which
 * outputs were written. */
int oct_convert(const oct_convert_options *o, const char *input,
                const char *const outputs[OCT_OUT_COUNT], bool written[OCT_OUT_COUNT],
                oct_error *err);

/* Appends to OUT, one "key=value" line each, every option that changes the
 * output in format F, so that a batch can tell outputs made with other
 * options.  A new option that changes an output must be added here. */
void oct_convert_fingerprint(const oct_convert_options *o, oct_output_format f, oct_buf *out);

#endif
