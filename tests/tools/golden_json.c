/* golden_json INPUT GOLDEN: reads INPUT with oct_read() (format from the
 * extension, then the content), dumps the tree as JSON and compares it with
 * GOLDEN.  On a mismatch it prints the first differing line of each side
 * with its line number and exits 1.  With OCTAVO_UPDATE_GOLDEN=1 in the
 * environment it rewrites GOLDEN instead (check the new file by eye before
 * committing it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/read.h"
#include "write/json/json.h"

static void print_line(const char *tag, const char *s, size_t n, size_t lineno) {
  printf("%s%zu: %.*s\n", tag, lineno, (int)n, s);
}

/* Finds the first line where A and B differ and prints a few lines of
 * context around it, unified-diff style. */
static void show_diff(const char *path, const oct_buf *want, const oct_buf *got) {
  const char *a = want->data ? want->data : "", *b = got->data ? got->data : "";
  size_t la = want->len, lb = got->len;
  size_t i = 0, j = 0, line = 1;
  size_t ctx_a[3] = {0}, ctx_len[3] = {0};
  size_t nctx = 0;
  for (;;) {
    const char *ea = memchr(a + i, '\n', la - i);
    const char *eb = memchr(b + j, '\n', lb - j);
    size_t na = ea ? (size_t)(ea - (a + i)) : la - i;
    size_t nb = eb ? (size_t)(eb - (b + j)) : lb - j;
    bool end_a = i >= la, end_b = j >= lb;
    if (end_a && end_b) break;
    if (end_a != end_b || na != nb || memcmp(a + i, b + j, na) != 0) {
      printf("--- %s (golden)\n+++ actual\n@@ line %zu @@\n", path, line);
      for (size_t k = 0; k < nctx; k++)
        print_line(" ", a + ctx_a[k], ctx_len[k], line - nctx + k);
      if (!end_a) print_line("-", a + i, na, line);
      if (!end_b) print_line("+", b + j, nb, line);
      return;
    }
    if (nctx == 3) {
      memmove(ctx_a, ctx_a + 1, 2 * sizeof ctx_a[0]);
      memmove(ctx_len, ctx_len + 1, 2 * sizeof ctx_len[0]);
      nctx = 2;
    }
    ctx_a[nctx] = i;
    ctx_len[nctx] = na;
    nctx++;
    i += na + 1;
    j += nb + 1;
    line++;
  }
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: golden_json INPUT GOLDEN\n");
    return 2;
  }
  int rc = 1;
  oct_buf in = OCT_BUF_INIT, got = OCT_BUF_INIT, want = OCT_BUF_INIT;
  oct_error err;
  oct_error_init(&err, argv[1]);
  oct_node *doc = NULL;
  if (oct_file_read(argv[1], &in, &err) != 0) {
    fprintf(stderr, "golden_json: %s: %s\n", argv[1], err.msg);
    goto out;
  }
  doc = oct_read(in.data, in.len, OCT_INPUT_AUTO, argv[1], &err);
  if (!doc) {
    fprintf(stderr, "golden_json: %s: %s\n", argv[1], err.msg);
    goto out;
  }
  oct_json_dump(doc, &got);
  const char *update = getenv("OCTAVO_UPDATE_GOLDEN");
  if (update && strcmp(update, "1") == 0) {
    if (oct_file_write_atomic(argv[2], got.data, got.len, &err) != 0) {
      fprintf(stderr, "golden_json: %s: %s\n", argv[2], err.msg);
      goto out;
    }
    printf("golden_json: wrote %s\n", argv[2]);
    rc = 0;
    goto out;
  }
  if (oct_file_read(argv[2], &want, &err) != 0) {
    fprintf(stderr, "golden_json: %s: %s (set OCTAVO_UPDATE_GOLDEN=1 to create it)\n", argv[2],
            err.msg);
    goto out;
  }
  if (want.len == got.len && memcmp(want.data, got.data, got.len) == 0) {
    rc = 0;
    goto out;
  }
  show_diff(argv[2], &want, &got);
out:
  oct_node_free(doc);
  oct_buf_free(&in);
  oct_buf_free(&got);
  oct_buf_free(&want);
  return rc;
}
