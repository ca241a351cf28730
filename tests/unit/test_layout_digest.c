/* The digest's layout part (src/write/pdf/layout/digest.c): appending one
 * article's vertical list to another's keeps every item's text, link and
 * heading, renumbers the paragraphs' groups apart and shifts the outline;
 * a contents line is cut with an ellipsis to leave room for its number,
 * which is set flush right. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tree/tree.h"
#include "write/pdf/layout/digest.h"

static oct_node *article(const char *title, const char *word, const char *url) {
  oct_node *doc = oct_node_new(OCT_NODE_DOCUMENT);
  oct_doc_set_meta(doc, OCT_META_TITLE, title);
  oct_node *h = oct_node_new(OCT_NODE_HEADING), *ht = oct_node_new(OCT_NODE_TEXT);
  oct_node_set_heading_level(h, 1);
  oct_node_set_text(ht, "Section", 7);
  assert_int_equal(oct_node_append_child(h, ht), 0);
  assert_int_equal(oct_node_append_child(doc, h), 0);
  for (int i = 0; i < 3; i++) {
    oct_node *p = oct_node_new(OCT_NODE_PARAGRAPH), *t = oct_node_new(OCT_NODE_TEXT);
    char text[400];
    snprintf(text, sizeof text,
             "%s one two three four five six seven eight nine ten eleven twelve thirteen "
             "fourteen fifteen sixteen seventeen eighteen nineteen twenty %s",
             word, word);
    oct_node_set_text(t, text, strlen(text));
    assert_int_equal(oct_node_append_child(p, t), 0);
    assert_int_equal(oct_node_append_child(doc, p), 0);
  }
  oct_node *p = oct_node_new(OCT_NODE_PARAGRAPH), *a = oct_node_new(OCT_NODE_LINK),
           *t = oct_node_new(OCT_NODE_TEXT);
  oct_node_set_url(a, url);
  oct_node_set_text(t, "link", 4);
  assert_int_equal(oct_node_append_child(a, t), 0);
  assert_int_equal(oct_node_append_child(p, a), 0);
  assert_int_equal(oct_node_append_child(doc, p), 0);
  return doc;
}

static void lay_out(oct_fontset *fs, const oct_node *doc, oct_layout *L) {
  oct_error err;
  oct_error_init(&err, "t");
  oct_layout_params lp = {
      .fonts = fs, .measure = 200, .page_height = 600, .size = 10, .leading = 13};
  oct_layout_init(L);
  assert_int_equal(oct_layout_document(L, &lp, doc, &err), 0);
}

/* The text of item K of L. */
static void item_text(const oct_layout *L, size_t k, char *out, size_t n) {
  snprintf(out, n, "%.*s", (int)L->items[k].len, L->pool.data + L->items[k].off);
}

static void append_keeps_everything(void **state) {
  (void)state;
  oct_error err;
  oct_error_init(&err, "t");
  oct_fontset *fs = oct_fontset_new(&err);
  assert_non_null(fs);
  oct_node *d1 = article("First", "alpha", "https://one.example/");
  oct_node *d2 = article("Second", "beta", "https://two.example/");
  oct_layout a, b, dst;
  lay_out(fs, d1, &a);
  lay_out(fs, d2, &b);
  assert_true(a.nlinks == 1 && b.nlinks == 1);
  oct_layout_init(&dst);
  unsigned groups = 0;
  assert_int_equal(oct_layout_append(&dst, &a, 0, &groups), 0);
  unsigned after_a = groups;
  size_t at = oct_layout_append(&dst, &b, 2, &groups);
  assert_int_equal(at, a.nlines);
  assert_int_equal(dst.nlines, a.nlines + b.nlines);
  assert_int_equal(dst.nitems, a.nitems + b.nitems);
  assert_int_equal(dst.nlinks, 2);
  /* every item reads the same text as in its own list */
  char x[256], y[256];
  for (size_t k = 0; k < b.nitems; k++) {
    item_text(&b, k, x, sizeof x);
    item_text(&dst, a.nitems + k, y, sizeof y);
    assert_string_equal(x, y);
    if (b.items[k].link >= 0)
      assert_string_equal(dst.pool.data + dst.links[dst.items[a.nitems + k].link],
                          "https://two.example/");
  }
  for (size_t i = 0; i < b.nlines; i++) {
    const oct_vline *v = &dst.lines[at + i], *w = &b.lines[i];
    assert_int_equal(v->first, w->first + a.nitems);
    /* the second article's paragraphs share no group with the first's */
    assert_true(v->v.group >= after_a);
    if (w->outline_level > 0) {
      assert_int_equal(v->outline_level, w->outline_level + 2);
      assert_string_equal(dst.pool.data + v->title_off, "Section");
    }
  }
  for (size_t i = 0; i < a.nlines; i++)
    assert_true(dst.lines[i].v.group < after_a);
  oct_pages pages;
  assert_int_equal(oct_layout_paginate(&dst, 600, &pages), 0);
  oct_pages_free(&pages);
  oct_layout_free(&a);
  oct_layout_free(&b);
  oct_layout_free(&dst);
  oct_node_free(d1);
  oct_node_free(d2);
  oct_fontset_free(fs);
}

static void contents_line_and_number(void **state) {
  (void)state;
  oct_error err;
  oct_error_init(&err, "t");
  oct_fontset *fs = oct_fontset_new(&err);
  assert_non_null(fs);
  oct_layout L;
  oct_layout_init(&L);
  const char *long_title = "A very long title of an article that cannot possibly fit on one "
                           "line of a contents page of this width";
  double room = 30, measure = 200;
  size_t i = oct_layout_add_line(&L, fs, OCT_FACE_SERIF, 10, 0, long_title, 10, measure - 10, 13,
                                 OCT_V_LINE, 0, room, measure);
  const oct_vline *v = &L.lines[i];
  assert_int_equal(v->count, 2);
  const oct_pitem *t = &L.items[v->first], *num = &L.items[v->first + 1];
  char text[256];
  item_text(&L, v->first, text, sizeof text);
  /* cut at a word, marked, and short of the number's room */
  assert_non_null(strstr(text, "\xE2\x80\xA6"));
  assert_true(strncmp(text, long_title, strlen(text) - 3) == 0);
  assert_true(t->x + t->w <= measure - room + 1e-9);
  assert_int_equal(num->len, 0);
  oct_layout_set_number(&L, fs, i, 1234, measure);
  item_text(&L, v->first + 1, text, sizeof text);
  assert_string_equal(text, "1234");
  assert_true(num->x + num->w > measure - 1e-6 && num->x + num->w < measure + 1e-6);
  /* a short title is kept whole */
  i = oct_layout_add_line(&L, fs, OCT_FACE_SERIF, 10, 0, "Short", 0, measure, 13, OCT_V_LINE, 1,
                          room, measure);
  item_text(&L, L.lines[i].first, text, sizeof text);
  assert_string_equal(text, "Short");
  oct_layout_free(&L);
  oct_fontset_free(fs);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(append_keeps_everything),
      cmocka_unit_test(contents_line_and_number),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
