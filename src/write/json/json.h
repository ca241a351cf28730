/* JSON dump of the tree, for tooling and golden tests.  Shape: every node is
 * {"type": ..., attributes..., "children": [...]}, children omitted on
 * leaves; the document carries "meta". */
#ifndef OCTAVO_JSON_H
#define OCTAVO_JSON_H

#include "tree/tree.h"

/* Appends S as a JSON string literal (quotes and escapes; UTF-8 kept). */
void oct_json_put_string(oct_buf *out, const char *s);

/* Appends the dump (pretty-printed, two-space indent, final newline). */
void oct_json_dump(const oct_node *doc, oct_buf *out);

typedef struct oct_json oct_json;
oct_json *oct_json_new(void);
/* PATH "-" writes to standard output. */
int oct_json_write(oct_json *ctx, const oct_node *doc, const char *path, oct_error *err);
void oct_json_free(oct_json *ctx);

#endif
