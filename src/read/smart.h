/* Typographic punctuation (ARCHITECTURE.md §11): straight quotes paired into curly
 * ones, apostrophes ('90s, rock 'n' roll, 'tis, don't), -- and --- to dashes,
 * ... to an ellipsis; already-curly text is left alone.
 *
 * One oct_smart state spans one block (paragraph, heading, list item text):
 * a quotation may open in one text run and close in another, e.g. across an
 * emphasis.  Code is never passed through it. */
#ifndef OCTAVO_READ_SMART_H
#define OCTAVO_READ_SMART_H

#include <stddef.h>
#include <stdint.h>

#include "util/util.h"

typedef struct oct_smart {
  uint32_t prev;   /* last code point seen, across runs (0 at block start) */
  int double_open; /* open double quotes not yet closed */
  int single_open; /* open single quotes not yet closed */
} oct_smart;

void oct_smart_init(oct_smart *s);
/* Converts one run of UTF-8 text and appends it to OUT. */
void oct_smart_run(oct_smart *s, const char *in, size_t len, oct_buf *out);

#endif
