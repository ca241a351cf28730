/* layout_stress CASE N: builds a pathological document in memory and lays
 * it out and breaks it into pages with the PDF layout library (octavo's
 * style, A4 at 10.5 pt, English patterns), then checks the result is whole.
 * tests/pdf.cmake runs each case under a ctest TIMEOUT: the cases are large
 * enough that linear work takes a second or two and anything quadratic
 * takes minutes, so the limit catches it without a timed assertion.
 *
 *   paragraph N    one paragraph of N words (links, emphasis, long words)
 *   paragraphs N   N short paragraphs
 *   table N        a table of N rows under a header row, over many pages
 *   word N         one word of N letters, wider than thousands of lines
 *   code N         a code block of N lines, some wrapped
 *   list N         a list of N items
 *
 * Prints what was made ("N lines, P pages"); exits 1 when layout fails or
 * a page holds nothing it should. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tree/tree.h"
#include "write/pdf/layout/hyphen.h"
#include "write/pdf/layout/layout.h"

static const char *const words[] = {"the",         "of",       "hyphenation", "paragraph",
                                    "a",           "breaking", "and",         "typesetting",
                                    "consequence", "to",       "line",        "extraordinary"};
#define NWORDS (sizeof words / sizeof *words)

/* Deterministic word I of a text. */
static const char *word(size_t i) { return words[(i * 7 + i / 13) % NWORDS]; }

static void text(oct_builder *b, size_t n, size_t from) {
  oct_buf t = OCT_BUF_INIT;
  for (size_t i = 0; i < n; i++) {
    if (i) oct_buf_putc(&t, ' ');
    oct_buf_puts(&t, word(from + i));
  }
  oct_builder_text(b, t.data ? t.data : "", t.len);
  oct_buf_free(&t);
}

static void paragraph(oct_builder *b, size_t n) {
  oct_builder_push(b, OCT_NODE_PARAGRAPH);
  /* runs of 50 words, every fourth a link or emphasis: inline nodes too */
  for (size_t i = 0; i < n; i += 50) {
    size_t k = n - i < 50 ? n - i : 50;
    oct_node *in = NULL;
    if (i / 50 % 4 == 1) {
      in = oct_builder_push(b, OCT_NODE_LINK);
      oct_node_set_url(in, "https://example.org/a/long/path?with=query&and=more");
    } else if (i / 50 % 4 == 3) {
      in = oct_builder_push(b, OCT_NODE_EMPHASIS);
    }
    text(b, k, i);
    if (in) oct_builder_pop(b);
    oct_builder_text(b, " ", 1);
  }
  oct_builder_pop(b);
}

static oct_node *build(const char *kind, size_t n, oct_error *err) {
  oct_builder b;
  oct_builder_init(&b, err);
  oct_doc_set_meta(b.doc, OCT_META_TITLE, "Stress");
  if (strcmp(kind, "paragraph") == 0) {
    paragraph(&b, n);
  } else if (strcmp(kind, "paragraphs") == 0) {
    for (size_t i = 0; i < n; i++) {
      oct_builder_push(&b, OCT_NODE_PARAGRAPH);
      text(&b, 4 + i % 9, i);
      oct_builder_pop(&b);
    }
  } else if (strcmp(kind, "table") == 0) {
    oct_builder_push(&b, OCT_NODE_TABLE);
    for (size_t r = 0; r <= n; r++) {
      oct_builder_push(&b, OCT_NODE_TABLE_ROW);
      for (int c = 0; c < 3; c++) {
        oct_node *cell = oct_builder_push(&b, OCT_NODE_TABLE_CELL);
        oct_node_set_cell(cell, r == 0, c == 2 ? OCT_ALIGN_RIGHT : OCT_ALIGN_NONE);
        char t[64];
        int len = r == 0 ? snprintf(t, sizeof t, "Column %d", c)
                         : snprintf(t, sizeof t, "%s %zu", word(r + (size_t)c), r);
        oct_builder_text(&b, t, (size_t)len);
        oct_builder_pop(&b);
      }
      oct_builder_pop(&b);
    }
    oct_builder_pop(&b);
  } else if (strcmp(kind, "word") == 0) {
    oct_builder_push(&b, OCT_NODE_PARAGRAPH);
    char *w = malloc(n);
    for (size_t i = 0; i < n; i++)
      w[i] = (char)('a' + i % 26);
    oct_builder_text(&b, w, n);
    free(w);
    oct_builder_pop(&b);
  } else if (strcmp(kind, "code") == 0) {
    oct_buf t = OCT_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
      oct_buf_printf(&t, "\tline_%zu = compute(%s, %s)", i, word(i), word(i + 1));
      if (i % 7 == 0) /* too long for the block: wrapped */
        oct_buf_printf(&t, " + a_rather_long_expression_that_will_not_fit(%zu) * 2", i);
      oct_buf_putc(&t, '\n');
    }
    oct_node *code = oct_builder_leaf(&b, OCT_NODE_CODE_BLOCK);
    oct_node_set_text(code, t.data, t.len);
    oct_buf_free(&t);
  } else if (strcmp(kind, "list") == 0) {
    oct_node *list = oct_builder_push(&b, OCT_NODE_ORDERED_LIST);
    oct_node_set_list_start(list, 1);
    for (size_t i = 0; i < n; i++) {
      oct_builder_push(&b, OCT_NODE_LIST_ITEM);
      oct_builder_push(&b, OCT_NODE_PARAGRAPH);
      text(&b, 3 + i % 20, i);
      oct_builder_pop(&b);
      oct_builder_pop(&b);
    }
    oct_builder_pop(&b);
  } else {
    oct_builder_discard(&b);
    return NULL;
  }
  return oct_builder_finish(&b);
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: layout_stress paragraph|paragraphs|table|word|code|list N\n");
    return 2;
  }
  oct_error err;
  oct_error_init(&err, "layout_stress");
  size_t n = (size_t)strtoull(argv[2], NULL, 10);
  oct_node *doc = build(argv[1], n, &err);
  if (!doc) {
    fprintf(stderr, "layout_stress: cannot build '%s' (%s)\n", argv[1], err.msg);
    return 2;
  }
  int rc = 1;
  oct_fontset *fs = oct_fontset_new(&err);
  oct_error herr;
  oct_error_init(&herr, NULL);
  oct_hyph *hyph = oct_hyph_new("en", &herr);
  oct_layout L;
  oct_layout_init(&L);
  oct_pages pages = {0};
  oct_style style;
  oct_style_default(&style);
  oct_page_geom g;
  if (!fs || oct_page_setup(&g, &style, fs, 0, 0, 0, 0, &err) != 0) goto out;
  oct_layout_params lp = {.fonts = fs,
                          .hyph = hyph,
                          .style = &style,
                          .measure = g.measure,
                          .page_height = g.text_height,
                          .size = g.size,
                          .leading = g.leading};
  if (oct_layout_document(&L, &lp, doc, &err) != 0) goto out;
  if (oct_layout_paginate(&L, g.text_height, &pages) != 0) {
    oct_error_set(&err, "page breaking failed");
    goto out;
  }
  /* every line on some page, pages in order */
  for (size_t p = 1; p < pages.npages; p++)
    if (pages.starts[p] < pages.starts[p - 1] || pages.starts[p] > L.nlines) {
      oct_error_set(&err, "page %zu starts at line %zu, before page %zu", p + 1, pages.starts[p],
                    p);
      goto out;
    }
  printf("%s %zu: %zu items, %zu lines, %zu pages\n", argv[1], n, L.nitems, L.nlines, pages.npages);
  rc = 0;
out:
  if (rc) fprintf(stderr, "layout_stress: %s %zu: %s\n", argv[1], n, err.msg);
  oct_pages_free(&pages);
  oct_layout_free(&L);
  oct_hyph_free(hyph);
  oct_fontset_free(fs);
  oct_node_free(doc);
  return rc;
}
