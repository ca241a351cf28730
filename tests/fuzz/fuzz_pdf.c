/* Tree -> layout -> PDF: the tree the bytes describe (fuzz_tree.c) is laid
 * out and every positioned text must lie inside the text block (no word
 * off the page) and every unbreakable block fit a page; then the whole
 * writer, drawing included, must produce the PDF. */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "write/pdf/layout/hyphen.h"
#include "write/pdf/layout/layout.h"
#include "write/pdf/pdf.h"

/* The geometry of the layout check: a 300 pt measure at 10.5 pt. */
#define MEASURE 300.0
#define PAGE 650.0
#define EPS 0.01

/* Character protrusion lets a mark hang part of its width into the margin:
 * a closing mark at a text's end on the right, an opening quote at its
 * start on the left.  Its whole advance bounds the hang (a fraction of it,
 * style.c); any other character must stay inside. */
static double may_hang(const oct_pitem *p, const char *pool, bool right) {
  if (p->kind != OCT_PI_TEXT || p->len == 0) return 0;
  const char *s = pool + p->off;
  size_t i = right ? p->len - 1 : 0;
  if (right)
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
      i--;
  uint32_t cp = 0;
  if (oct_utf8_decode(s + i, p->len - i, &cp) == 0) return 0;
  bool mark =
      right ? (cp < 0x80 && strchr(".,:;-!?\"'", (int)cp) && cp != 0) || cp == 0x2010 ||
                  cp == 0x2013 || cp == 0x2014 || cp == 0x2019 || cp == 0x201D || cp == 0xBB
            : cp == '"' || cp == '\'' || cp == 0x2018 || cp == 0x201C || cp == 0x201E || cp == 0xAB;
  /* a mark is at most an em wide; 2 % expansion on top */
  return mark ? p->size * 1.02 : 0;
}

static void check_layout(const oct_layout *L) {
  for (size_t i = 0; i < L->nlines; i++) {
    const oct_vline *v = &L->lines[i];
    if (v->v.height > PAGE + EPS)
      fuzz_fail("line %zu is %.1f pt tall, more than a page (%.0f pt)", i, v->v.height, PAGE);
    for (size_t k = v->first; k <= v->first + v->count; k++) {
      /* the line's items, then its list label (made before them) */
      if (k == v->first + v->count && v->label < 0) break;
      const oct_pitem *p = &L->items[k < v->first + v->count ? k : (size_t)v->label];
      if (p->kind != OCT_PI_TEXT && p->kind != OCT_PI_IMAGE) continue;
      if (!isfinite(p->x) || !isfinite(p->w) || p->x < -EPS - may_hang(p, L->pool.data, false) ||
          p->x + p->w > MEASURE + EPS + may_hang(p, L->pool.data, true))
        fuzz_fail("line %zu: '%.*s' at x %.2f..%.2f, outside the %.0f pt measure", i,
                  (int)(p->len < 40 ? p->len : 40), L->pool.data + p->off, p->x, p->x + p->w,
                  MEASURE);
    }
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  /* Loaded once: fonts and patterns never change (the CLI's batch shares
   * them across documents the same way). */
  static oct_fontset *fs;
  static oct_hyph *hyph;
  static oct_pdf *pdf;
  static char path[512];
  oct_error err;
  oct_error_init(&err, "fuzz");
  if (!fs) {
    fs = oct_fontset_new(&err);
    if (!fs) fuzz_fail("no fonts: %s", err.msg);
    hyph = oct_hyph_new("en", &err);
    oct_pdf_options opt = {.timestamp = 1700000000, .base_dir = OCTAVO_FUZZ_IMAGES};
    pdf = oct_pdf_new(&opt);
    fuzz_scratch(path, sizeof path, "octavo-fuzz", "pdf");
  }
  oct_node *doc = fuzz_tree(data, size);
  oct_layout L;
  oct_layout_init(&L);
  oct_layout_params lp = {.fonts = fs,
                          .hyph = hyph,
                          .measure = MEASURE,
                          .page_height = PAGE,
                          .size = 10.5,
                          .leading = 13.7};
  if (oct_layout_document(&L, &lp, doc, &err) != 0) fuzz_fail("layout failed: %s", err.msg);
  check_layout(&L);
  oct_pages pages = {0};
  if (oct_layout_paginate(&L, PAGE, &pages) != 0) fuzz_fail("page breaking failed");
  oct_pages_free(&pages);
  oct_layout_free(&L);
  if (oct_pdf_write(pdf, doc, path, &err) != 0) fuzz_fail("the PDF writer failed: %s", err.msg);
  oct_node_free(doc);
  return 0;
}
