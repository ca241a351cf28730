/* Page breaking: each page takes the last legal break that fits, like TeX's
 * page builder with every legal break costing the same.  A break is named
 * by the item that starts the next page; the rules of paginate.h decide
 * which items may do that.  Hand-written: there is no library for it. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"
#include "write/pdf/layout/paginate.h"

#define NONE OCT_V_NONE
#define EPS 1e-6 /* heights are sums of doubles: a page that fits exactly must still fit */
#define KEEP_LINES 2

typedef struct pg {
  const oct_vitem *it;
  size_t n;
  double *sum;     /* sum[i] = height of items [0, i) */
  size_t *prevvis; /* prevvis[i] = last non-space item before i, NONE if none */
  size_t *runpos;  /* position of a line in its run of same-group lines */
  size_t *runlen;  /* length of that run */
  /* tables: body rows before a row in its table, body rows from it on, and
   * the whole table's height */
  size_t *rows_before, *rows_after;
  double *table_h;
  double page_height;
} pg;

static bool is_space(const pg *s, size_t i) { return s->it[i].kind == OCT_V_SPACE; }

static size_t next_visible(const pg *s, size_t i) {
  while (i < s->n && is_space(s, i))
    i++;
  return i;
}

/* Height of a page holding [first, i) (without a repeated header): spaces
 * before I sit at the foot of the page and are dropped, so they do not count. */
static double content_height(const pg *s, size_t first, size_t i) {
  size_t last = s->prevvis[i];
  if (last == NONE || last < first) return 0;
  return s->sum[last + 1] - s->sum[first];
}

/* Lines of one paragraph are consecutive LINE items with the same group. */
static bool same_run(const pg *s, size_t a, size_t b) {
  return s->it[a].kind == OCT_V_LINE && s->it[b].kind == OCT_V_LINE &&
         s->it[a].group == s->it[b].group && b == a + 1;
}

/* Rows of one table are consecutive table rows with the same group. */
static bool same_table(const pg *s, size_t a, size_t b) {
  return s->it[a].table_row && s->it[b].table_row && s->it[a].group == s->it[b].group && b == a + 1;
}

/* A table's body row: not a header row (which keeps with the next), and
 * not the zero-height rule that closes a table whose last row was cut into
 * slices. */
static bool body_row(const oct_vitem *v) {
  return v->table_row && !v->is_header && !v->keep_with_next && v->height > 0;
}

/* How many items must follow heading H on its page: two lines, or one
 * block (an image or table row is substantial enough on its own). */
static size_t heading_needs(const pg *s, size_t h) {
  size_t f = next_visible(s, h + 1);
  if (f >= s->n) return 0;
  if (s->it[f].kind == OCT_V_BLOCK) return 1;
  return KEEP_LINES;
}

/* May a page start at visible item I, with the current page begun at FIRST? */
static bool legal(const pg *s, size_t first, size_t i) {
  size_t prev = s->prevvis[i];
  if (prev == NONE || prev < first) return false;
  for (size_t j = prev; j < i; j++)
    if (s->it[j].keep_with_next) return false; /* the item or a space after it */
  if (s->it[prev].kind == OCT_V_HEADING) return false;
  /* The word would be read across the turn of the page. */
  if (s->it[prev].hyphenated) return false;
  /* Tables: whole when they fit on a page, else two body rows each side. */
  if (same_table(s, prev, i)) {
    if (s->table_h[i] <= s->page_height + EPS) return false;
    if (s->rows_before[i] < KEEP_LINES || s->rows_after[i] < KEEP_LINES) return false;
  }
  /* Orphans and widows: keep two lines of a paragraph on each side. */
  if (same_run(s, prev, i)) {
    if (s->runpos[i] < KEEP_LINES) return false;
    if (s->runlen[i] - s->runpos[i] < KEEP_LINES) return false;
  }
  /* A heading stays with what follows it on the same page. */
  size_t count = 0;
  for (size_t j = prev + 1; j-- > first;) {
    if (is_space(s, j)) continue;
    if (s->it[j].kind == OCT_V_HEADING) return count >= heading_needs(s, j);
    if (++count >= KEEP_LINES) break;
  }
  return true;
}

static void prepare(pg *s) {
  size_t n = s->n;
  s->sum = oct_xcalloc(n + 1, sizeof *s->sum);
  s->prevvis = oct_xcalloc(n + 1, sizeof *s->prevvis);
  s->runpos = oct_xcalloc(n ? n : 1, sizeof *s->runpos);
  s->runlen = oct_xcalloc(n ? n : 1, sizeof *s->runlen);
  s->rows_before = oct_xcalloc(n ? n : 1, sizeof *s->rows_before);
  s->rows_after = oct_xcalloc(n ? n : 1, sizeof *s->rows_after);
  s->table_h = oct_xcalloc(n ? n : 1, sizeof *s->table_h);
  size_t last = NONE;
  for (size_t i = 0; i < n; i++) {
    s->sum[i + 1] = s->sum[i] + s->it[i].height;
    s->prevvis[i] = last;
    if (!is_space(s, i)) last = i;
  }
  s->prevvis[n] = last;
  for (size_t i = 0; i < n;) {
    size_t j = i + 1;
    while (j < n && same_run(s, j - 1, j))
      j++;
    for (size_t k = i; k < j; k++) {
      s->runpos[k] = k - i;
      s->runlen[k] = j - i;
    }
    i = j;
  }
  for (size_t i = 0; i < n;) {
    size_t j = i + 1;
    while (j < n && same_table(s, j - 1, j))
      j++;
    size_t rows = 0;
    for (size_t k = i; k < j; k++) {
      s->rows_before[k] = rows;
      rows += body_row(&s->it[k]);
    }
    for (size_t k = i; k < j; k++) {
      s->rows_after[k] = rows - s->rows_before[k];
      s->table_h[k] = s->sum[j] - s->sum[i];
    }
    i = j;
  }
}

int oct_paginate(const oct_vitem *items, size_t n, double first_page_height, double page_height,
                 oct_pages *pages) {
  if (!pages) return -1;
  pages->starts = pages->repeat = NULL;
  pages->npages = 0;
  if ((n > 0 && !items) || !isfinite(first_page_height) || !isfinite(page_height) ||
      first_page_height <= 0 || page_height <= 0)
    return -1;
  for (size_t i = 0; i < n; i++) {
    if (!isfinite(items[i].height) || items[i].height < 0) return -1;
    if (items[i].kind != OCT_V_LINE && items[i].kind != OCT_V_HEADING &&
        items[i].kind != OCT_V_BLOCK && items[i].kind != OCT_V_SPACE)
      return -1;
    if (items[i].header_back &&
        (items[i].header_back > i || !items[i - items[i].header_back].is_header))
      return -1;
  }
  pg s = {items, n, NULL, NULL, NULL, NULL, NULL, NULL, NULL, page_height};
  prepare(&s);
  size_t cap = 0, caprep = 0, np = 0;
  size_t *starts = NULL, *repeat = NULL;
  size_t first = next_visible(&s, 0);
  bool copy_passed = false; /* the page before held only FIRST's header copy */
  while (first < n) {
    /* A table continued from the page before: its header row first, unless
     * the page ended on that header itself (it did not fit with the row). */
    size_t copy = NONE;
    if (np > 0 && !copy_passed && items[first].header_back && !items[first - 1].is_header)
      copy = first - items[first].header_back;
    copy_passed = false;
    OCT_GROW(starts, np, cap);
    OCT_GROW(repeat, np, caprep);
    starts[np] = first;
    repeat[np++] = copy;
    double limit = (np == 1 ? first_page_height : page_height) + EPS;
    double extra = copy != NONE ? items[copy].height : 0;
    size_t best = NONE, lastfit = NONE, next = NONE;
    /* With a copy, the first candidate is FIRST itself: the page would hold
     * the copy alone (never a legal break: the header keeps with its row). */
    size_t i = copy != NONE ? first : next_visible(&s, first + 1);
    for (;; i = next_visible(&s, i + 1)) {
      if (extra + content_height(&s, first, i) > limit) break;
      if (i >= n) {
        next = n; /* the rest fits: last page */
        break;
      }
      lastfit = i;
      if (items[i].page_break_before) {
        next = i;
        break;
      }
      if (legal(&s, first, i)) best = i;
    }
    if (next == NONE) next = best;
    /* No legal break fits: fill the page and break anyway; an item taller
     * than a page goes alone on its own page (a copy alone on its own). */
    if (next == NONE) next = lastfit;
    if (next == NONE) next = copy != NONE ? first : next_visible(&s, first + 1);
    copy_passed = next == first;
    first = next;
  }
  free(s.sum);
  free(s.prevvis);
  free(s.runpos);
  free(s.runlen);
  free(s.rows_before);
  free(s.rows_after);
  free(s.table_h);
  pages->starts = starts;
  pages->repeat = repeat;
  pages->npages = np;
  return 0;
}

void oct_pages_free(oct_pages *pages) {
  free(pages->starts);
  free(pages->repeat);
  pages->starts = pages->repeat = NULL;
  pages->npages = 0;
}
