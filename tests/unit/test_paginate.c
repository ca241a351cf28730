/* Page breaking on constructed vertical lists: every line is 12 pt and a
 * page holds 10 of them, so the expected page starts can be worked out by
 * hand from the rules in paginate.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "write/pdf/layout/paginate.h"

#define LH 12.0
#define PAGE (10 * LH)

typedef struct vlist {
  oct_vitem it[4096];
  size_t n;
  unsigned group;
} vlist;

static void para(vlist *v, size_t lines) {
  v->group++;
  for (size_t i = 0; i < lines; i++)
    v->it[v->n++] = (oct_vitem){.kind = OCT_V_LINE,
                                .height = LH,
                                .group = v->group,
                                .keep_with_next = false,
                                .page_break_before = false};
}

static void heading(vlist *v) {
  v->group++;
  v->it[v->n++] = (oct_vitem){.kind = OCT_V_HEADING,
                              .height = LH,
                              .group = v->group,
                              .keep_with_next = false,
                              .page_break_before = false};
}

static void space(vlist *v, double h) {
  v->it[v->n++] = (oct_vitem){.kind = OCT_V_SPACE,
                              .height = h,
                              .group = 0,
                              .keep_with_next = false,
                              .page_break_before = false};
}

static void block(vlist *v, double h) {
  v->group++;
  v->it[v->n++] = (oct_vitem){.kind = OCT_V_BLOCK,
                              .height = h,
                              .group = v->group,
                              .keep_with_next = false,
                              .page_break_before = false};
}

static void expect(const vlist *v, double first, const size_t *want, size_t nwant) {
  oct_pages p;
  assert_int_equal(oct_paginate(v->it, v->n, first, PAGE, &p), 0);
  assert_int_equal(p.npages, nwant);
  for (size_t i = 0; i < nwant; i++)
    assert_int_equal(p.starts[i], want[i]);
  oct_pages_free(&p);
}

#define EXPECT(v, first, ...)                                                                      \
  do {                                                                                             \
    const size_t want_[] = {__VA_ARGS__};                                                          \
    expect((v), (first), want_, sizeof want_ / sizeof *want_);                                     \
  } while (0)

static void full_pages(void **state) {
  (void)state;
  vlist v = {0};
  para(&v, 25);
  EXPECT(&v, PAGE, 0, 10, 20);
  vlist w = {0};
  para(&w, 20); /* exactly two pages: no empty third page */
  EXPECT(&w, PAGE, 0, 10);
}

static void no_widow(void **state) {
  (void)state;
  vlist v = {0};
  para(&v, 21); /* 10 + 10 + 1 would leave the last line alone */
  EXPECT(&v, PAGE, 0, 10, 19);
}

static void no_orphan(void **state) {
  (void)state;
  vlist v = {0};
  para(&v, 9);
  para(&v, 5); /* its first line would be alone at the foot of page 1 */
  EXPECT(&v, PAGE, 0, 9);
}

static void three_line_paragraph_does_not_split(void **state) {
  (void)state;
  vlist v = {0};
  para(&v, 8);
  para(&v, 3); /* 2 fit, but 2 + 1 leaves a widow and 1 + 2 an orphan */
  EXPECT(&v, PAGE, 0, 8);
}

static void heading_keeps_two_lines(void **state) {
  (void)state;
  vlist v = {0};
  para(&v, 8);
  heading(&v); /* index 8 */
  para(&v, 6); /* heading + 1 line would end page 1 */
  EXPECT(&v, PAGE, 0, 8);
  vlist w = {0};
  para(&w, 9);
  heading(&w); /* index 9: the last line of the page */
  para(&w, 6);
  EXPECT(&w, PAGE, 0, 9);
  /* two headings in a row travel together with two lines */
  vlist x = {0};
  para(&x, 7);
  heading(&x); /* 7 */
  heading(&x); /* 8 */
  para(&x, 5); /* 9..: only one of its lines would follow the headings on page 1 */
  EXPECT(&x, PAGE, 0, 7);
  /* one-line paragraphs (list items): the heading still takes two of them */
  vlist z = {0};
  para(&z, 8);
  heading(&z); /* 8 */
  para(&z, 1); /* 9 */
  para(&z, 1); /* 10 */
  para(&z, 1);
  EXPECT(&z, PAGE, 0, 8);
  /* keep_with_next on a space (the PDF writer sets it on the space after a heading) */
  vlist s = {0};
  para(&s, 8);
  block(&s, LH); /* 8 */
  space(&s, LH); /* 9 */
  s.it[9].keep_with_next = true;
  para(&s, 3); /* 10..12: 2 + space + block fill page 1 */
  EXPECT(&s, PAGE, 0, 8);
  /* a heading followed by a block needs only the block */
  vlist y = {0};
  para(&y, 7);
  heading(&y);   /* 7 */
  block(&y, LH); /* 8 */
  para(&y, 4);   /* 9..12: 2 + 2 does not fit, breaks before it */
  EXPECT(&y, PAGE, 0, 9);
}

static void spaces_vanish_at_the_top(void **state) {
  (void)state;
  vlist v = {0};
  para(&v, 10); /* 0..9 fill page 1 exactly */
  space(&v, 6); /* 10: at the foot, not counted */
  para(&v, 3);  /* 11.. */
  EXPECT(&v, PAGE, 0, 11);
  vlist w = {0};
  space(&w, 30); /* a space before anything is dropped too */
  para(&w, 10);
  EXPECT(&w, PAGE, 1);
  /* spaces between paragraphs do count inside a page: 4 + space(2 lines) + 4 = 10 lines */
  vlist x = {0};
  para(&x, 4);
  space(&x, 2 * LH); /* 4 */
  para(&x, 4);       /* 5..8 */
  space(&x, LH);     /* 9 */
  para(&x, 4);       /* 10..13: would need 11 lines on page 1 */
  EXPECT(&x, PAGE, 0, 10);
}

static void keep_with_next_and_forced_breaks(void **state) {
  (void)state;
  vlist v = {0};
  para(&v, 6);
  block(&v, 4 * LH); /* 6: an image, fills page 1 */
  v.it[6].keep_with_next = true;
  para(&v, 1); /* 7: its caption, would not fit on page 1 */
  para(&v, 2);
  EXPECT(&v, PAGE, 0, 6);
  vlist w = {0};
  para(&w, 2);
  para(&w, 2);
  w.it[2].page_break_before = true;
  para(&w, 2);
  w.it[4].page_break_before = true;
  w.it[0].page_break_before = true; /* never an empty first page */
  EXPECT(&w, PAGE, 0, 2, 4);
}

static void short_first_page(void **state) {
  (void)state;
  vlist v = {0};
  para(&v, 20);
  EXPECT(&v, 5 * LH, 0, 5, 15);
}

static void too_tall_things_break_anyway(void **state) {
  (void)state;
  vlist v = {0};
  para(&v, 3);
  block(&v, 15 * LH); /* 3: taller than a page: alone on its page */
  para(&v, 3);        /* 4.. */
  EXPECT(&v, PAGE, 0, 3, 4);
  /* a chain of keep_with_next longer than a page: pages are filled */
  vlist w = {0};
  para(&w, 15);
  for (size_t i = 0; i < w.n; i++)
    w.it[i].keep_with_next = true;
  EXPECT(&w, PAGE, 0, 10);
  /* a block taller than the page at the top of the document */
  vlist x = {0};
  block(&x, 25 * LH);
  block(&x, 25 * LH);
  para(&x, 2);
  EXPECT(&x, PAGE, 0, 1, 2);
}

static void bad_input(void **state) {
  (void)state;
  oct_pages p;
  oct_vitem neg = {.kind = OCT_V_LINE,
                   .height = -1,
                   .group = 0,
                   .keep_with_next = false,
                   .page_break_before = false};
  assert_int_equal(oct_paginate(&neg, 1, PAGE, PAGE, &p), -1);
  oct_vitem ok = {.kind = OCT_V_LINE,
                  .height = LH,
                  .group = 0,
                  .keep_with_next = false,
                  .page_break_before = false};
  assert_int_equal(oct_paginate(&ok, 1, 0, PAGE, &p), -1);
  assert_int_equal(oct_paginate(&ok, 1, PAGE, -5, &p), -1);
  assert_int_equal(oct_paginate(NULL, 1, PAGE, PAGE, &p), -1);
  assert_int_equal(oct_paginate(NULL, 0, PAGE, PAGE, &p), 0);
  assert_int_equal(p.npages, 0);
  oct_vitem sp = {.kind = OCT_V_SPACE,
                  .height = LH,
                  .group = 0,
                  .keep_with_next = false,
                  .page_break_before = false};
  assert_int_equal(oct_paginate(&sp, 1, PAGE, PAGE, &p), 0);
  assert_int_equal(p.npages, 0);
}

/* A long pseudo-random document (fixed seed): at every page break the
 * rules hold, and every page fits unless it holds a single item. */
static void rules_hold_on_a_long_document(void **state) {
  (void)state;
  vlist *v = calloc(1, sizeof *v);
  uint32_t seed = 12345;
#define RND(n) ((seed ^= seed << 13, seed ^= seed >> 17, seed ^= seed << 5) % (n))
  while (v->n < 3000) {
    unsigned r = RND(10);
    if (r == 0) {
      /* as in real documents, headings are followed by text */
      heading(v);
      if (RND(3) == 0) heading(v);
      para(v, 2 + RND(13)); /* so the rules can always be met */
    } else if (r == 1) {
      block(v, (double)(1 + RND(9)) * LH);
    } else {
      para(v, 1 + RND(14));
    }
    space(v, (double)RND(3) * LH / 2);
  }
#undef RND
  oct_pages p;
  double first = 7 * LH;
  assert_int_equal(oct_paginate(v->it, v->n, first, PAGE, &p), 0);
  assert_true(p.npages > 100);
  for (size_t k = 0; k < p.npages; k++) {
    size_t s = p.starts[k], e = k + 1 < p.npages ? p.starts[k + 1] : v->n;
    assert_true(s < e);
    assert_int_not_equal(v->it[s].kind, OCT_V_SPACE);
    /* height up to the last visible item */
    size_t last = e - 1;
    while (v->it[last].kind == OCT_V_SPACE)
      last--;
    double h = 0;
    for (size_t i = s; i <= last; i++)
      h += v->it[i].height;
    if (last > s) assert_true(h <= (k == 0 ? first : PAGE) + 1e-6);
    if (k == 0) continue;
    /* the break before S */
    size_t prev = s - 1;
    while (v->it[prev].kind == OCT_V_SPACE)
      prev--;
    assert_int_not_equal(v->it[prev].kind, OCT_V_HEADING);
    if (v->it[prev].kind == OCT_V_LINE && v->it[s].kind == OCT_V_LINE &&
        v->it[prev].group == v->it[s].group) {
      size_t before = 0, after = 0;
      for (size_t i = prev + 1; i-- > 0 && v->it[i].group == v->it[s].group;)
        before++;
      for (size_t i = s; i < v->n && v->it[i].group == v->it[s].group; i++)
        after++;
      assert_true(before >= 2);
      assert_true(after >= 2);
    }
    /* a heading near the foot has at least two lines after it on its page
     * (or one block) */
    size_t count = 0;
    for (size_t i = prev + 1; i-- > p.starts[k - 1];) {
      if (v->it[i].kind == OCT_V_SPACE) continue;
      if (v->it[i].kind == OCT_V_HEADING) {
        size_t f = i + 1;
        while (v->it[f].kind == OCT_V_SPACE)
          f++;
        assert_true(count >= (v->it[f].kind == OCT_V_BLOCK ? 1u : 2u));
        break;
      }
      if (++count >= 2) break;
    }
  }
  oct_pages_free(&p);
  free(v);
}

/* Random lists with every flag, zero and huge heights: pages always come
 * out in order, start on a visible item, and fit unless one item alone is
 * taller than the page. */
static void random_lists_are_paginated_safely(void **state) {
  (void)state;
  uint32_t seed = 977u;
#define RND(n) ((seed ^= seed << 13, seed ^= seed >> 17, seed ^= seed << 5) % (n))
  oct_vitem it[200];
  for (int trial = 0; trial < 3000; trial++) {
    size_t n = RND(200);
    for (size_t i = 0; i < n; i++) {
      oct_vkind kind = (oct_vkind)RND(4);
      unsigned hsel = RND(10);
      double h = hsel == 0 ? 0 : hsel == 1 ? (double)RND(400) : LH;
      unsigned group = RND(5);
      bool keep = RND(6) == 0, brk = RND(15) == 0;
      it[i] = (oct_vitem){.kind = kind,
                          .height = h,
                          .group = group,
                          .keep_with_next = keep,
                          .page_break_before = brk};
    }
    double first = (double)(1 + RND(150)), page = (double)(1 + RND(150));
    oct_pages p;
    assert_int_equal(oct_paginate(it, n, first, page, &p), 0);
    size_t visible = 0;
    for (size_t i = 0; i < n; i++)
      visible += it[i].kind != OCT_V_SPACE;
    if (visible == 0) {
      assert_int_equal(p.npages, 0);
      continue;
    }
    for (size_t k = 0; k < p.npages; k++) {
      size_t s = p.starts[k], e = k + 1 < p.npages ? p.starts[k + 1] : n;
      assert_true(s < e);
      assert_int_not_equal(it[s].kind, OCT_V_SPACE);
      if (k == 0)
        for (size_t i = 0; i < s; i++)
          assert_int_equal(it[i].kind, OCT_V_SPACE);
      size_t last = e - 1, shown = 0;
      while (it[last].kind == OCT_V_SPACE)
        last--;
      double h = 0;
      for (size_t i = s; i <= last; i++) {
        h += it[i].height;
        shown += it[i].kind != OCT_V_SPACE;
      }
      if (shown > 1) assert_true(h <= (k == 0 ? first : page) + 1e-6);
    }
    oct_pages_free(&p);
  }
#undef RND
}

/* A table: a header row (repeated) and ROWS body rows of height H. */
static void table(vlist *v, size_t rows, double h) {
  v->group++;
  size_t head = v->n;
  v->it[v->n++] = (oct_vitem){.kind = OCT_V_BLOCK,
                              .height = LH,
                              .group = v->group,
                              .keep_with_next = true,
                              .is_header = true};
  for (size_t r = 0; r < rows; r++) {
    v->it[v->n] = (oct_vitem){.kind = OCT_V_BLOCK, .height = h, .group = v->group};
    v->it[v->n].header_back = v->n - head;
    v->n++;
  }
}

/* A table continued on the next pages opens each with its header row, and
 * the copy counts: 10 lines a page, so 9 rows fit under a copy. */
static void table_header_repeats(void **state) {
  (void)state;
  vlist v = {0};
  para(&v, 2);
  table(&v, 30, LH); /* header at 2, rows 3..32 */
  oct_pages p;
  assert_int_equal(oct_paginate(v.it, v.n, PAGE, PAGE, &p), 0);
  assert_int_equal(p.npages, 4);
  const size_t starts[] = {0, 10, 19, 28};
  for (size_t k = 0; k < 4; k++) {
    assert_int_equal(p.starts[k], starts[k]);
    if (k == 0)
      assert_int_equal(p.repeat[k], OCT_V_NONE);
    else
      assert_int_equal(p.repeat[k], 2);
  }
  oct_pages_free(&p);
  /* a page that starts with the header itself gets no copy */
  vlist w = {0};
  para(&w, 10);
  table(&w, 5, LH); /* header at 10 */
  assert_int_equal(oct_paginate(w.it, w.n, PAGE, PAGE, &p), 0);
  assert_int_equal(p.npages, 2);
  assert_int_equal(p.starts[1], 10);
  assert_int_equal(p.repeat[1], OCT_V_NONE);
  oct_pages_free(&p);
}

/* A line that ends in a hyphen is never the last of a page: the page
 * ends a line earlier (the paragraph still keeps two lines each side). */
static void no_hyphen_across_pages(void **state) {
  (void)state;
  vlist v = {0};
  para(&v, 25);
  v.it[9].hyphenated = true;
  EXPECT(&v, PAGE, 0, 9, 19);
  v.it[18].hyphenated = true; /* and again on the next page */
  EXPECT(&v, PAGE, 0, 9, 18);
}

/* A table as typeset.c marks it: every row a table row. */
static void table_rows(vlist *v, size_t rows, double h) {
  size_t first = v->n;
  table(v, rows, h);
  for (size_t k = first; k < v->n; k++)
    v->it[k].table_row = true;
}

/* A table that fits on a page moves to the next page whole instead of
 * leaving its header and a row behind. */
static void short_table_is_not_split(void **state) {
  (void)state;
  vlist v = {0};
  para(&v, 6);
  table_rows(&v, 4, LH); /* header at 6: 5 lines, 1 more than page 1 has room for */
  EXPECT(&v, PAGE, 0, 6);
  vlist w = {0};
  para(&w, 6);
  table(&w, 4, LH); /* unmarked rows: split anywhere the header allows */
  EXPECT(&w, PAGE, 0, 10);
}

/* A table longer than a page breaks with two body rows on each side, at
 * every length and every place it may start on a page (unmarked rows, as
 * before, break after one). */
static void long_table_keeps_two_rows(void **state) {
  (void)state;
  for (size_t lines = 0; lines < 12; lines++) {
    for (size_t rows = 10; rows < 40; rows++) {
      vlist v = {0};
      para(&v, lines);
      size_t head = v.n;
      table_rows(&v, rows, LH);
      para(&v, 3);
      oct_pages p;
      assert_int_equal(oct_paginate(v.it, v.n, PAGE, PAGE, &p), 0);
      for (size_t k = 1; k < p.npages; k++) {
        size_t at = p.starts[k];
        if (at <= head + 1 || at > head + rows) continue; /* not inside the table */
        size_t before = at - head - 1, after = head + rows + 1 - at;
        assert_true(before >= 2);
        assert_true(after >= 2);
      }
      oct_pages_free(&p);
    }
  }
}

/* A copy and the row after it that do not fit on one page: the copy has a
 * page of its own and the row goes on without another copy (no endless
 * loop, nothing lost). */
static void table_header_and_tall_row(void **state) {
  (void)state;
  vlist v = {0};
  table(&v, 3, PAGE - LH / 2); /* header at 0: each row all but fills a page */
  oct_pages p;
  assert_int_equal(oct_paginate(v.it, v.n, PAGE, PAGE, &p), 0);
  /* page 1: the header alone (the row does not fit with it, and the header
   * keeps with its row, so the fallback puts it alone); then copy pages */
  size_t copies = 0, alone = 0;
  for (size_t k = 0; k < p.npages; k++) {
    size_t e = k + 1 < p.npages ? p.starts[k + 1] : v.n;
    copies += p.repeat[k] != OCT_V_NONE;
    alone += p.repeat[k] != OCT_V_NONE && e == p.starts[k];
    if (p.repeat[k] != OCT_V_NONE) assert_int_equal(p.repeat[k], 0);
  }
  assert_true(copies >= 1);
  assert_int_equal(alone, copies); /* every copy went alone: none fits with a row */
  assert_int_equal(p.starts[p.npages - 1] < v.n, true);
  oct_pages_free(&p);
  /* a body row whose header is not a header row is malformed input */
  v.it[0].is_header = false;
  assert_int_equal(oct_paginate(v.it, v.n, PAGE, PAGE, &p), -1);
}

/* A million rows under one header (111,000 pages) in one pass: tens of
 * milliseconds.  layout.paginate has a TIMEOUT (tests/layout.cmake): the
 * repeat used to repaginate the whole list once per page, which here would
 * run for hours. */
static void long_table_is_linear(void **state) {
  (void)state;
  size_t n = 1000001;
  oct_vitem *it = calloc(n, sizeof *it);
  it[0] = (oct_vitem){.kind = OCT_V_BLOCK, .height = LH, .keep_with_next = true, .is_header = true};
  for (size_t i = 1; i < n; i++)
    it[i] = (oct_vitem){.kind = OCT_V_BLOCK, .height = LH, .header_back = i};
  oct_pages p;
  assert_int_equal(oct_paginate(it, n, PAGE, PAGE, &p), 0);
  assert_int_equal(p.npages, 1 + (n - 10 + 8) / 9);
  oct_pages_free(&p);
  free(it);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(full_pages),
      cmocka_unit_test(no_widow),
      cmocka_unit_test(no_orphan),
      cmocka_unit_test(three_line_paragraph_does_not_split),
      cmocka_unit_test(heading_keeps_two_lines),
      cmocka_unit_test(spaces_vanish_at_the_top),
      cmocka_unit_test(keep_with_next_and_forced_breaks),
      cmocka_unit_test(short_first_page),
      cmocka_unit_test(too_tall_things_break_anyway),
      cmocka_unit_test(bad_input),
      cmocka_unit_test(rules_hold_on_a_long_document),
      cmocka_unit_test(random_lists_are_paginated_safely),
      cmocka_unit_test(table_header_repeats),
      cmocka_unit_test(table_header_and_tall_row),
      cmocka_unit_test(no_hyphen_across_pages),
      cmocka_unit_test(short_table_is_not_split),
      cmocka_unit_test(long_table_keeps_two_rows),
      cmocka_unit_test(long_table_is_linear),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
