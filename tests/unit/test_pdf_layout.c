/* Layout-level tests of the PDF writer that need no PDF: font measuring and
 * fallback choice, and the positioned lines typeset.c makes from a tree. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <hpdf.h>
#include <zlib.h>

#include "tree/tree.h"
#include "write/pdf/draw/draw.h"
#include "write/pdf/layout/hyphen.h"
#include "write/pdf/pdf.h"

typedef struct warnlog {
  int count;
  char last[512];
} warnlog;

static void on_warn(void *user, const char *file, const char *msg) {
  (void)file;
  warnlog *w = user;
  w->count++;
  snprintf(w->last, sizeof w->last, "%s", msg);
}

static const char *para_text =
    "Japan is slowly, but surely, taking on a more active role in international security, and "
    "this potential involvement with NATO in Ukraine is a prime example. This strategic shift is "
    "driven by a few key factors. First off, there is the growing threat from China in the "
    "region, including its increasing military presence and assertiveness in the East and South "
    "China Seas. Then, there is North Korea's ballistic missile program, which has everyone on "
    "edge. Lastly, Russia's aggression in Ukraine has sent shockwaves around the world and "
    "reinforced the importance of collective security.";

static void fonts_measure(void **state) {
  (void)state;
  oct_error err;
  oct_error_init(&err, "t");
  oct_fontset *fs = oct_fontset_new(&err);
  assert_non_null(fs);
  assert_non_null(oct_fontset_path(fs, OCT_FACE_SERIF));
  double m = oct_fontset_advance(fs, OCT_FACE_SERIF, 'M');
  double i = oct_fontset_advance(fs, OCT_FACE_SERIF, 'i');
  assert_true(m > 0.5 && m < 1.2);
  assert_true(i > 0.1 && i < m);
  /* monospace: every ASCII letter the same advance */
  assert_true(fabs(oct_fontset_advance(fs, OCT_FACE_MONO, 'i') -
                   oct_fontset_advance(fs, OCT_FACE_MONO, 'M')) < 1e-9);
  double sum = 0;
  const char *hello = "Hello";
  for (const char *p = hello; *p; p++)
    sum += oct_fontset_advance(fs, OCT_FACE_SERIF, (uint8_t)*p);
  assert_true(fabs(oct_fontset_width(fs, OCT_FACE_SERIF, hello, 5) - sum) < 1e-9);
  /* bold is wider than regular for the same word */
  assert_true(oct_fontset_width(fs, OCT_FACE_SERIF_BOLD, "measure", 7) >
              oct_fontset_width(fs, OCT_FACE_SERIF, "measure", 7));
  /* Latin Extended-A, Greek and Cyrillic are in the body face itself */
  assert_true(oct_fontset_has(fs, OCT_FACE_SERIF, 0x0151)); /* ő */
  assert_true(oct_fontset_has(fs, OCT_FACE_SERIF, 0x03A9)); /* Ω */
  assert_true(oct_fontset_has(fs, OCT_FACE_SERIF, 0x0416)); /* Ж */
  assert_true(oct_fontset_has(fs, OCT_FACE_SERIF_ITALIC, 0x03BB));
  oct_fontset_free(fs);
}

static void fonts_fallback(void **state) {
  (void)state;
  warnlog w = {0};
  oct_error err;
  oct_error_init(&err, "t");
  err.warn = on_warn;
  err.warn_user = &w;
  oct_fontset *fs = oct_fontset_new(&err);
  assert_non_null(fs);
  assert_int_equal(oct_fontset_pick(fs, OCT_FACE_SERIF, 'a', &err), OCT_FACE_SERIF);
  /* a chess king: DejaVu Sans has it, Liberation does not */
  assert_false(oct_fontset_has(fs, OCT_FACE_SERIF, 0x2654));
  assert_int_equal(oct_fontset_pick(fs, OCT_FACE_SERIF, 0x2654, &err), OCT_FACE_FALLBACK);
  assert_true(oct_fontset_advance(fs, OCT_FACE_FALLBACK, 0x2654) > 0);
  assert_int_equal(w.count, 0);
  /* private use: nobody has it; one warning naming it, however often asked */
  assert_int_equal(oct_fontset_pick(fs, OCT_FACE_SERIF, 0xE000, &err), -1);
  assert_int_equal(oct_fontset_pick(fs, OCT_FACE_SERIF_BOLD, 0xE000, &err), -1);
  assert_int_equal(w.count, 1);
  assert_non_null(strstr(w.last, "U+E000"));
  /* beyond the BMP: libharu cannot set it, so it is refused with a warning */
  assert_int_equal(oct_fontset_pick(fs, OCT_FACE_SERIF, 0x1F600, &err), -1);
  assert_int_equal(w.count, 2);
  assert_non_null(strstr(w.last, "U+1F600"));
  assert_non_null(strstr(w.last, "\xF0\x9F\x98\x80"));
  /* a new document warns again */
  oct_fontset_reset_warnings(fs);
  assert_int_equal(oct_fontset_pick(fs, OCT_FACE_SERIF, 0xE000, &err), -1);
  assert_int_equal(w.count, 3);
  oct_fontset_free(fs);
}

static oct_node *make_doc(void) {
  oct_error err;
  oct_error_init(&err, "t");
  oct_builder b;
  oct_builder_init(&b, &err);
  oct_doc_set_meta(b.doc, OCT_META_TITLE, "A Test Title");
  oct_builder_push(&b, OCT_NODE_HEADING);
  oct_node_set_heading_level(b.cur, 2);
  oct_builder_text(&b, "First section", 13);
  oct_builder_pop(&b);
  for (int i = 0; i < 3; i++) {
    oct_builder_push(&b, OCT_NODE_PARAGRAPH);
    oct_builder_text(&b, para_text, strlen(para_text));
    oct_builder_pop(&b);
  }
  oct_builder_push(&b, OCT_NODE_BULLET_LIST);
  for (int i = 0; i < 2; i++) {
    oct_builder_push(&b, OCT_NODE_LIST_ITEM);
    oct_builder_push(&b, OCT_NODE_PARAGRAPH);
    oct_builder_push(&b, OCT_NODE_STRONG);
    oct_builder_text(&b, "Label:", 6);
    oct_builder_pop(&b);
    oct_builder_text(&b, " some text of the item that goes on", 35);
    oct_builder_pop(&b);
    oct_builder_pop(&b);
  }
  oct_builder_pop(&b);
  oct_node *code = oct_builder_leaf(&b, OCT_NODE_CODE_BLOCK);
  const char *src = "short line\nPEAK_HOURS = {17: 10.0, 19: 8.5, 21: 7.0, 23: 5.5, 25: 4.5, 27: "
                    "3.5, 29: 3.0, 31: 2.5, 33: 2.0}\n";
  oct_node_set_text(code, src, strlen(src));
  oct_node *img = oct_builder_leaf(&b, OCT_NODE_IMAGE);
  oct_node_set_image(img, "does/not/exist.png", "a missing picture", NULL);
  return oct_builder_finish(&b);
}

typedef struct fixture {
  oct_fontset *fs;
  oct_hyph *hyph;
  oct_error err;
  warnlog w;
  oct_node *doc;
  oct_layout L;
} fixture;

static int setup(void **state) {
  fixture *f = calloc(1, sizeof *f);
  oct_error_init(&f->err, "t");
  f->err.warn = on_warn;
  f->err.warn_user = &f->w;
  f->fs = oct_fontset_new(&f->err);
  oct_error herr;
  oct_error_init(&herr, NULL);
  f->hyph = oct_hyph_new("en", &herr);
  f->doc = make_doc();
  oct_layout_init(&f->L);
  *state = f;
  return f->fs && f->doc ? 0 : -1;
}

static int teardown(void **state) {
  fixture *f = *state;
  oct_layout_free(&f->L);
  oct_node_free(f->doc);
  oct_hyph_free(f->hyph);
  oct_fontset_free(f->fs);
  free(f);
  return 0;
}

static void run_layout(fixture *f, double measure, bool ragged) {
  oct_layout_free(&f->L);
  oct_layout_init(&f->L);
  oct_layout_params lp = {.fonts = f->fs,
                          .hyph = f->hyph,
                          .measure = measure,
                          .page_height = 650,
                          .size = 10.5,
                          .leading = 13.7,
                          .ragged = ragged};
  assert_int_equal(oct_layout_document(&f->L, &lp, f->doc, &f->err), 0);
}

/* Right edge of the text on a line (the label of a list item excluded). */
static double right_edge(const oct_layout *L, const oct_vline *v) {
  double r = -1;
  for (size_t k = v->first; k < v->first + v->count; k++)
    if (L->items[k].kind == OCT_PI_TEXT && L->items[k].x + L->items[k].w > r)
      r = L->items[k].x + L->items[k].w;
  return r;
}

static bool last_of_group(const oct_layout *L, size_t i) {
  for (size_t j = i + 1; j < L->nlines; j++) {
    if (L->lines[j].v.kind == OCT_V_SPACE) return true;
    return L->lines[j].v.group != L->lines[i].v.group;
  }
  return true;
}

static bool is_code_line(const oct_layout *L, const oct_vline *v) {
  for (size_t k = v->first; k < v->first + v->count; k++)
    if (L->items[k].kind == OCT_PI_RECT) return true;
  return false;
}

static void layout_justified(void **state) {
  fixture *f = *state;
  double measure = 300;
  run_layout(f, measure, false);
  assert_true(f->L.nparagraphs >= 5);
  size_t flush = 0, checked = 0;
  for (size_t i = 0; i < f->L.nlines; i++) {
    const oct_vline *v = &f->L.lines[i];
    if (v->v.kind != OCT_V_LINE || is_code_line(&f->L, v)) continue;
    double r = right_edge(&f->L, v);
    if (r < 0) continue;
    /* nothing overfull */
    assert_true(r <= measure + 0.01);
    if (!last_of_group(&f->L, i)) {
      checked++;
      /* justified: every line but a paragraph's last ends at the measure */
      if (fabs(r - measure) < 0.05) flush++;
    }
  }
  assert_true(checked >= 10);
  assert_int_equal(flush, checked);
  assert_true(f->L.max_line_width <= measure + 0.01);
}

static void layout_ragged(void **state) {
  fixture *f = *state;
  double measure = 300;
  run_layout(f, measure, true);
  size_t short_lines = 0;
  for (size_t i = 0; i < f->L.nlines; i++) {
    const oct_vline *v = &f->L.lines[i];
    if (v->v.kind != OCT_V_LINE || is_code_line(&f->L, v)) continue;
    double r = right_edge(&f->L, v);
    if (r < 0) continue;
    assert_true(r <= measure + 0.01);
    if (!last_of_group(&f->L, i) && r < measure - 3) short_lines++;
  }
  assert_true(short_lines >= 3);
}

static void layout_hyphenates_narrow(void **state) {
  fixture *f = *state;
  if (!f->hyph) skip();
  run_layout(f, 180, false);
  assert_true(f->L.hyphenated_lines > 0);
  /* every hyphen drawn sits at a line's end */
  size_t hyphens = 0;
  for (size_t i = 0; i < f->L.nlines; i++) {
    const oct_vline *v = &f->L.lines[i];
    if (v->count == 0) continue;
    const oct_pitem *last = &f->L.items[v->first + v->count - 1];
    if (last->kind == OCT_PI_TEXT && last->len == 1 && f->L.pool.data[last->off] == '-') hyphens++;
  }
  assert_int_equal(hyphens, f->L.hyphenated_lines);
}

static void layout_structure(void **state) {
  fixture *f = *state;
  double measure = 300;
  run_layout(f, measure, false);
  size_t headings = 0, labels = 0, hooks = 0;
  for (size_t i = 0; i < f->L.nlines; i++) {
    const oct_vline *v = &f->L.lines[i];
    if (v->outline_level > 0) {
      headings++;
      assert_int_equal(v->outline_level, 2);
      assert_int_equal(v->v.kind, OCT_V_HEADING);
      assert_true(v->v.keep_with_next);
      assert_string_equal(f->L.pool.data + v->title_off, "First section");
    }
    if (v->label >= 0) {
      labels++;
      const oct_pitem *lab = &f->L.items[v->label];
      /* the bullet hangs left of the item's text */
      assert_true(lab->x + lab->w <= f->L.items[v->first].x);
    }
    for (size_t k = v->first; k < v->first + v->count; k++) {
      const oct_pitem *p = &f->L.items[k];
      if (p->kind == OCT_PI_HOOK) hooks++;
      if (p->kind == OCT_PI_TEXT) {
        /* inside the measure but for what protrusion hangs out: at most
         * part of one mark, well under half an em */
        assert_true(p->x >= -0.5 * p->size);
        assert_true(p->x + p->w <= measure + 0.5 * p->size);
        /* widths are the fonts' own, times the line's font expansion (2 % at most) */
        double hs = p->hscale > 0 ? p->hscale : 1;
        assert_true(hs >= 0.98 - 1e-6 && hs <= 1.02 + 1e-6);
        double w = oct_fontset_width(f->fs, (oct_face)p->face, f->L.pool.data + p->off, p->len);
        assert_true(fabs(w * p->size * hs - p->w) < 1e-6);
      }
    }
  }
  assert_int_equal(headings, 1);
  assert_int_equal(labels, 2);
  assert_true(hooks >= 1); /* the long code line wrapped, and is marked */
  assert_string_equal(f->L.title, "A Test Title");
  /* the missing image: a warning and its alt text */
  assert_true(f->w.count >= 1);
  assert_non_null(strstr(f->w.last, "does/not/exist.png"));
  bool alt = false; /* the pool holds NULs between link URLs and titles */
  for (size_t k = 0; k + 7 <= f->L.pool.len && !alt; k++)
    alt = memcmp(f->L.pool.data + k, "missing", 7) == 0;
  assert_true(alt);
}

/* The role of item P's structure element, checked to be in range. */
static const oct_selem *elem_of(const oct_layout *L, const oct_pitem *p) {
  assert_true(p->se >= 0 && (size_t)p->se < L->nselems);
  return &L->selems[p->se];
}

/* The structure elements (issue 14's tagged PDF) as layout builds them:
 * a tree under Document, parents first, and every text item in the element
 * it reads in: title and heading, list label and body, code, the missing
 * image's alt text in its Figure. */
static void layout_structure_elements(void **state) {
  fixture *f = *state;
  run_layout(f, 200, false);
  const oct_layout *L = &f->L;
  assert_true(L->nselems > 0);
  assert_int_equal(L->selems[0].role, OCT_SR_DOCUMENT);
  assert_int_equal(L->selems[0].parent, -1);
  for (size_t i = 1; i < L->nselems; i++)
    assert_true(L->selems[i].parent >= 0 && (size_t)L->selems[i].parent < i);
  size_t titles = 0, heads = 0, labels = 0, bodies = 0, code = 0, figures = 0, hyphens = 0;
  for (size_t i = 0; i < L->nlines; i++) {
    const oct_vline *v = &L->lines[i];
    if (v->label >= 0) {
      const oct_selem *lbl = elem_of(L, &L->items[v->label]);
      assert_int_equal(lbl->role, OCT_SR_LBL);
      const oct_selem *li = &L->selems[lbl->parent];
      assert_int_equal(li->role, OCT_SR_LI);
      assert_int_equal(L->selems[li->parent].role, OCT_SR_L);
      /* the item's text: a P in the LBody of the same LI */
      const oct_selem *par = elem_of(L, &L->items[v->first]);
      assert_int_equal(par->role, OCT_SR_P);
      assert_int_equal(L->selems[par->parent].role, OCT_SR_LBODY);
      assert_ptr_equal(&L->selems[L->selems[par->parent].parent], li);
      labels++;
    }
    for (size_t k = v->first; k < v->first + v->count; k++) {
      const oct_pitem *p = &L->items[k];
      if (p->kind != OCT_PI_TEXT) continue;
      const oct_selem *e = elem_of(L, p);
      const char *t = L->pool.data + p->off;
      if (p->hyphen) {
        hyphens++;
        assert_true(p->len == 1 && *t == '-');
      }
      if (e->role == OCT_SR_H && e->level == 1) titles++;
      if (e->role == OCT_SR_H && e->level == 2) heads++;
      if (e->role == OCT_SR_LBODY) bodies++; /* text sits in a P inside, never here */
      if (e->role == OCT_SR_CODE) code++;
      if (e->role == OCT_SR_FIGURE) {
        figures++;
        assert_string_equal(L->pool.data + e->alt_off, "a missing picture");
      }
    }
  }
  assert_true(titles >= 3); /* "A Test Title", a word at a time */
  assert_int_equal(heads, 2);
  assert_int_equal(labels, 2);
  assert_int_equal(bodies, 0);
  assert_true(code >= 2);
  assert_true(figures >= 1);
  assert_true(hyphens >= 1); /* the narrow measure hyphenates */
}

static void layout_rejects_bad_geometry(void **state) {
  fixture *f = *state;
  oct_layout_free(&f->L);
  oct_layout_init(&f->L);
  oct_layout_params lp = {.fonts = f->fs};
  assert_int_equal(oct_layout_document(&f->L, &lp, f->doc, &f->err), -1);
  assert_true(f->err.msg[0] != '\0');
}

/* Paths and long identifiers break after / . _ like URLs, with no hyphen
 * drawn, instead of stretching the line before them. */
static void layout_breaks_paths(void **state) {
  fixture *f = *state;
  oct_error err;
  oct_error_init(&err, "t");
  oct_builder b;
  oct_builder_init(&b, &err);
  oct_builder_push(&b, OCT_NODE_PARAGRAPH);
  const char *t = "Patterns are read from /usr/share/hyphen/hyph_uk_UA.dic by the function "
                  "oct_hyph_new_for_language_tag and cached per language.";
  oct_builder_text(&b, t, strlen(t));
  oct_builder_pop(&b);
  oct_node *doc = oct_builder_finish(&b);
  assert_non_null(doc);
  /* measures at which neither is wider than 0.8 of the line (such words
   * got these breaks already, as a last resort) */
  size_t at_marks = 0;
  for (double measure = 180; measure <= 260; measure += 5) {
    oct_layout_free(&f->L);
    oct_layout_init(&f->L);
    oct_layout_params lp = {.fonts = f->fs,
                            .hyph = f->hyph,
                            .measure = measure,
                            .page_height = 650,
                            .size = 10.5,
                            .leading = 13.7};
    assert_int_equal(oct_layout_document(&f->L, &lp, doc, &f->err), 0);
    for (size_t i = 0; i + 1 < f->L.nlines; i++) {
      const oct_vline *v = &f->L.lines[i];
      if (v->count == 0) continue;
      assert_true(right_edge(&f->L, v) <= measure + 0.5 * 10.5); /* at most a hanging mark */
      const oct_pitem *last = &f->L.items[v->first + v->count - 1];
      char c = f->L.pool.data[last->off + last->len - 1];
      if (c == '/' || c == '_' || c == '.') at_marks++;
    }
  }
  assert_true(at_marks >= 3);
  oct_node_free(doc);
}

/* No word of a heading is hyphenated, however narrow the measure, and a
 * two-line heading is balanced: its last line is not one word under a
 * full one. */
static void headings_whole_and_balanced(void **state) {
  fixture *f = *state;
  oct_error err;
  oct_error_init(&err, "t");
  oct_builder b;
  oct_builder_init(&b, &err);
  oct_builder_push(&b, OCT_NODE_HEADING);
  oct_node_set_heading_level(b.cur, 2);
  const char *t = "Japan\xE2\x80\x99s NATO Mission in Ukraine: Training and Assistance";
  oct_builder_text(&b, t, strlen(t));
  oct_builder_pop(&b);
  oct_node *doc = oct_builder_finish(&b);
  assert_non_null(doc);
  for (double measure = 150; measure <= 400; measure += 10) {
    oct_layout_free(&f->L);
    oct_layout_init(&f->L);
    oct_layout_params lp = {.fonts = f->fs,
                            .hyph = f->hyph,
                            .measure = measure,
                            .page_height = 650,
                            .size = 10.5,
                            .leading = 13.7};
    assert_int_equal(oct_layout_document(&f->L, &lp, doc, &f->err), 0);
    assert_int_equal(f->L.hyphenated_lines, 0);
    size_t n = 0;
    double first = 0, last = 0;
    for (size_t i = 0; i < f->L.nlines; i++) {
      const oct_vline *v = &f->L.lines[i];
      if (v->v.kind != OCT_V_HEADING || v->count == 0) continue;
      double w = right_edge(&f->L, v) - f->L.items[v->first].x;
      if (n++ == 0) first = w;
      last = w;
    }
    /* balanced: the second line about as long as the first, not "Assistance"
     * alone under a full line */
    if (n == 2) assert_true(last > first / 2);
  }
  oct_node_free(doc);
}

/* A long table: every page it continues on opens with its header row. */
static void table_header_repeats(void **state) {
  fixture *f = *state;
  oct_error err;
  oct_error_init(&err, "t");
  oct_builder b;
  oct_builder_init(&b, &err);
  oct_builder_push(&b, OCT_NODE_TABLE);
  for (int r = 0; r < 60; r++) {
    oct_builder_push(&b, OCT_NODE_TABLE_ROW);
    for (int c = 0; c < 3; c++) {
      oct_node *cell = oct_builder_push(&b, OCT_NODE_TABLE_CELL);
      oct_node_set_cell(cell, r == 0, c == 2 ? OCT_ALIGN_RIGHT : OCT_ALIGN_NONE);
      char t[32];
      snprintf(t, sizeof t, r == 0 ? "Head %d" : "cell %d.%d", r == 0 ? c : r, c);
      oct_builder_text(&b, t, strlen(t));
      oct_builder_pop(&b);
    }
    oct_builder_pop(&b);
  }
  oct_builder_pop(&b);
  oct_node *doc = oct_builder_finish(&b);
  assert_non_null(doc);
  oct_layout_free(&f->L);
  oct_layout_init(&f->L);
  oct_layout_params lp = {
      .fonts = f->fs, .measure = 300, .page_height = 200, .size = 10.5, .leading = 13.7};
  assert_int_equal(oct_layout_document(&f->L, &lp, doc, &f->err), 0);
  oct_pages pages;
  assert_int_equal(oct_layout_paginate(&f->L, 200, &pages), 0);
  assert_true(pages.npages >= 4);
  for (size_t p = 0; p < pages.npages; p++) {
    size_t i = pages.starts[p];
    while (f->L.lines[i].v.kind == OCT_V_SPACE)
      i++;
    /* the first page opens with the header row, every other with its copy */
    if (p == 0) {
      assert_int_equal(pages.repeat[p], OCT_V_NONE);
      assert_true(f->L.lines[i].v.is_header);
    } else {
      assert_int_not_equal(pages.repeat[p], OCT_V_NONE);
      assert_true(f->L.lines[pages.repeat[p]].v.is_header);
      assert_false(f->L.lines[i].v.is_header);
    }
    /* no page is taller than the text block */
    size_t end = p + 1 < pages.npages ? pages.starts[p + 1] : f->L.nlines;
    double h = pages.repeat[p] != OCT_V_NONE ? f->L.lines[pages.repeat[p]].v.height : 0;
    for (size_t k = i; k < end; k++)
      h += f->L.lines[k].v.height;
    assert_true(h <= 200 + 0.01);
  }
  oct_pages_free(&pages);
  oct_node_free(doc);
}

static void tounicode_map(void **state) {
  (void)state;
  uint8_t *used = calloc(8192, 1);
  const uint32_t cps[] = {'A', 0x2019, 0x03A9};
  for (size_t i = 0; i < 3; i++)
    used[cps[i] >> 3] |= (uint8_t)(1u << (cps[i] & 7));
  oct_buf b = OCT_BUF_INIT;
  oct_tounicode_cmap(used, &b);
  assert_non_null(strstr(b.data, "3 beginbfchar"));
  assert_non_null(strstr(b.data, "<0041> <0041>"));
  assert_non_null(strstr(b.data, "<2019> <2019>"));
  assert_non_null(strstr(b.data, "<03A9> <03A9>"));
  assert_null(strstr(b.data, "cidrange"));
  /* runs are ranges within one last byte, in sections of at most 100
   * lines; surrogates are left out */
  memset(used, 0xFF, 8192);
  oct_buf_clear(&b);
  oct_tounicode_cmap(used, &b);
  assert_non_null(strstr(b.data, "100 beginbfrange"));
  assert_non_null(strstr(b.data, "<0000> <00FF> <0000>"));
  assert_non_null(strstr(b.data, "<D700> <D7FF> <D700>"));
  assert_non_null(strstr(b.data, "<E000> <E0FF> <E000>"));
  assert_null(strstr(b.data, "<D800>"));
  assert_null(strstr(b.data, "bfchar"));
  /* 'a'-'c', 'x' and 0x01FF-0x0200 (two last bytes: two singles) */
  memset(used, 0, 8192);
  const uint32_t more[] = {'a', 'b', 'c', 'x', 0x1FF, 0x200};
  for (size_t i = 0; i < 6; i++)
    used[more[i] >> 3] |= (uint8_t)(1u << (more[i] & 7));
  oct_buf_clear(&b);
  oct_tounicode_cmap(used, &b);
  assert_non_null(strstr(b.data, "3 beginbfchar\n<0078> <0078>\n<01FF> <01FF>\n<0200> <0200>\n"));
  assert_non_null(strstr(b.data, "1 beginbfrange\n<0061> <0063> <0061>\nendbfrange\n"));
  oct_buf_free(&b);
  free(used);
}

/* The hand-written zlib streams (flate.c) against zlib's own inflate: runs
 * of zeros of every length around the match limits (1, 2, 3, 258, 259,
 * 260, 261, 516...), bytes above 143 (9-bit codes), stored data over
 * the 65,535-byte block limit, stored data followed by a part
 * compressed apart (a font program and its face's fixed tables), and text
 * through the quick matcher (a ToUnicode map's code points). */
/* Makes the stream of DICT from DATA's LEN bytes in three pieces: the
 * first half of SPLIT stored, its second half a part compressed apart,
 * the rest stored. */
static int parts_into(void *dict, const unsigned char *data, size_t len, size_t split,
                      oct_buf *scratch) {
  oct_buf z = OCT_BUF_INIT;
  uint32_t adler;
  assert_int_equal(oct_pdf_deflate_part(data + split / 2, split - split / 2, &z, &adler), 0);
  oct_zpiece p[3] = {{.data = data, .len = split / 2},
                     {.len = split - split / 2, .z = &z, .adler = adler},
                     {.data = data + split, .len = len - split}};
  int rc = oct_pdf_pieces_into(dict, p, 3, scratch);
  oct_buf_free(&z);
  return rc;
}

/* A part compressed apart, an empty piece with no data (a face that drew
 * no code point in the map's range), then the rest stored: zlib's adler32
 * answers 1 for no data, which once reset the stream's running sum. */
static int empty_between(void *dict, const void *data, size_t len, oct_buf *scratch) {
  oct_buf z = OCT_BUF_INIT;
  uint32_t adler;
  size_t half = len / 2;
  assert_int_equal(oct_pdf_deflate_part(data, half, &z, &adler), 0);
  oct_zpiece p[3] = {{.len = half, .z = &z, .adler = adler},
                     {.data = NULL, .len = 0, .lz = true},
                     {.data = (const unsigned char *)data + half, .len = len - half}};
  int rc = oct_pdf_pieces_into(dict, p, 3, scratch);
  oct_buf_free(&z);
  return rc;
}

/* The same as one piece through the quick matcher. */
static int lz_into(void *dict, const void *data, size_t len, oct_buf *scratch) {
  oct_zpiece p = {.data = data, .len = len, .lz = true};
  return oct_pdf_pieces_into(dict, &p, 1, scratch);
}

static void check_stream(int (*into)(void *, const void *, size_t, oct_buf *),
                         const unsigned char *data, size_t len) {
  HPDF_Doc pdf = HPDF_New(NULL, NULL);
  assert_non_null(pdf);
  HPDF_Dict dict = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
  oct_buf scratch = OCT_BUF_INIT;
  if (into)
    assert_int_equal(into(dict, data, len, &scratch), 0);
  else
    assert_int_equal(parts_into(dict, data, len, len / 2, &scratch), 0);
  HPDF_Stream st = dict->stream;
  HPDF_UINT32 zlen = HPDF_Stream_Size(st);
  unsigned char *z = malloc(zlen + 1), *back = malloc(len + 16);
  HPDF_UINT got = zlen;
  assert_int_equal(HPDF_Stream_Seek(st, 0, HPDF_SEEK_SET), HPDF_OK);
  HPDF_Stream_Read(st, z, &got);
  assert_int_equal(got, zlen);
  uLongf blen = len + 16;
  assert_int_equal(uncompress(back, &blen, z, zlen), Z_OK);
  assert_int_equal(blen, len);
  assert_memory_equal(back, data, len);
  free(z);
  free(back);
  oct_buf_free(&scratch);
  HPDF_Free(pdf);
}

static void handmade_zlib(void **state) {
  (void)state;
  size_t len = 200000;
  unsigned char *data = calloc(len, 1);
  size_t at = 0;
  unsigned seed = 7;
  for (size_t run = 0; at < len; run++) {
    at += run % 600 + (run % 7 == 0 ? 1000 : 0); /* zeros */
    for (size_t k = 0; k < run % 5 && at < len; k++) {
      seed = seed * 1103515245u + 12345u;
      data[at++] = (unsigned char)(seed >> 16 | 1);
    }
  }
  check_stream(oct_pdf_zeros_into, data, len);
  check_stream(oct_pdf_store_into, data, len);
  check_stream(NULL, data, len); /* stored, a part, stored */
  check_stream(NULL, data, 3000);
  check_stream(oct_pdf_zeros_into, data, 0);
  check_stream(oct_pdf_store_into, data, 0);
  /* text of words from a small vocabulary: matches at every distance up
   * to the window's 32 KiB, of every length up to 258 */
  static const char *const words[] = {"<0041> <0041>\n",
                                      "beginbfrange ",
                                      "x",
                                      "yz",
                                      "lorem ",
                                      "ipsum dolor sit amet, consectetur adipiscing elit "};
  size_t tl = 0;
  while (tl < 65000) {
    seed = seed * 1103515245u + 12345u;
    const char *wd = words[(seed >> 16) % 6];
    size_t wl = strlen(wd);
    memcpy(data + tl, wd, wl);
    tl += wl;
    if ((seed >> 8) % 97 == 0) { /* a long repeat from far back */
      size_t back = (seed >> 4) % 30000 + 1;
      if (back < tl && tl + 300 < len) {
        memmove(data + tl, data + tl - back, 300);
        tl += 300;
      }
    }
  }
  check_stream(lz_into, data, 65000);
  check_stream(empty_between, data, 4000);
  check_stream(lz_into, data, 300);
  check_stream(lz_into, data, 2);
  check_stream(lz_into, data, 0);
  memset(data, 0, len);
  check_stream(lz_into, data, 65535);
  check_stream(oct_pdf_zeros_into, data, 1);
  check_stream(oct_pdf_zeros_into, data, len);
  for (size_t i = 0; i < len; i++)
    data[i] = (unsigned char)(i * 7 + 3);
  check_stream(oct_pdf_zeros_into, data, len);
  free(data);
}

static void paper_sizes(void **state) {
  (void)state;
  double w, h;
  assert_int_equal(oct_pdf_parse_paper("a4", &w, &h), 0);
  assert_true(fabs(w - 595.28) < 0.01 && fabs(h - 841.89) < 0.01);
  assert_int_equal(oct_pdf_parse_paper("Letter", &w, &h), 0);
  assert_true(w == 612 && h == 792);
  assert_int_equal(oct_pdf_parse_paper("a5", &w, &h), 0);
  assert_int_equal(oct_pdf_parse_paper("150x200", &w, &h), 0);
  assert_true(fabs(w - 150 * 72 / 25.4) < 0.01);
  assert_int_equal(oct_pdf_parse_paper("150x", &w, &h), -1);
  assert_int_equal(oct_pdf_parse_paper("b5", &w, &h), -1);
  assert_int_equal(oct_pdf_parse_paper("10x10", &w, &h), -1);
}

/* A position libharu refuses (past 32767 pt) fails the drawing with that
 * cause and the page, not with a later step's message: an 8,000-character
 * word once made the PDF fail with "cannot write a font's CIDToGIDMap". */
static void draw_reports_refusal(void **state) {
  fixture *f = *state;
  oct_node_free(f->doc);
  f->doc = oct_node_new(OCT_NODE_DOCUMENT);
  oct_node *p = oct_node_new(OCT_NODE_PARAGRAPH), *a = oct_node_new(OCT_NODE_LINK),
           *t = oct_node_new(OCT_NODE_TEXT);
  oct_node_set_url(a, "https://example.org/");
  oct_node_set_text(t, "a link", 6);
  assert_int_equal(oct_node_append_child(a, t), 0);
  assert_int_equal(oct_node_append_child(p, a), 0);
  assert_int_equal(oct_node_append_child(f->doc, p), 0);
  run_layout(f, 300, false);
  oct_pages pages;
  assert_int_equal(oct_layout_paginate(&f->L, 650, &pages), 0);
  /* a link's rectangle is where libharu checks the range */
  bool moved = false;
  for (size_t k = 0; k < f->L.nitems && !moved; k++)
    if (f->L.items[k].kind == OCT_PI_TEXT && f->L.items[k].link >= 0) {
      f->L.items[k].x = 40000;
      moved = true;
    }
  assert_true(moved);
  HPDF_Doc pdf = HPDF_New(NULL, NULL);
  assert_non_null(pdf);
  HPDF_UseUTFEncodings(pdf);
  HPDF_SetCurrentEncoder(pdf, "UTF-8");
  oct_page_geom g = {.width = 595,
                     .height = 842,
                     .left = 100,
                     .top = 80,
                     .measure = 300,
                     .text_height = 650,
                     .size = 10.5,
                     .leading = 13.7,
                     .head_size = 8,
                     .head_base = 780,
                     .head_rule = 775,
                     .folio_size = 9,
                     .folio_base = 56};
  oct_error err;
  oct_error_init(&err, "t");
  oct_style style;
  oct_style_default(&style);
  assert_int_equal(oct_pdf_draw(pdf, f->fs, &f->L, &pages, &g, &style, true, NULL, &err), -1);
  assert_non_null(strstr(err.msg, "refused a position beyond its 32767 pt range on page 1"));
  HPDF_Free(pdf);
  oct_pages_free(&pages);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(fonts_measure),
      cmocka_unit_test(fonts_fallback),
      cmocka_unit_test(tounicode_map),
      cmocka_unit_test(handmade_zlib),
      cmocka_unit_test(paper_sizes),
      cmocka_unit_test_setup_teardown(layout_justified, setup, teardown),
      cmocka_unit_test_setup_teardown(layout_ragged, setup, teardown),
      cmocka_unit_test_setup_teardown(layout_hyphenates_narrow, setup, teardown),
      cmocka_unit_test_setup_teardown(layout_structure, setup, teardown),
      cmocka_unit_test_setup_teardown(layout_structure_elements, setup, teardown),
      cmocka_unit_test_setup_teardown(layout_rejects_bad_geometry, setup, teardown),
      cmocka_unit_test_setup_teardown(table_header_repeats, setup, teardown),
      cmocka_unit_test_setup_teardown(layout_breaks_paths, setup, teardown),
      cmocka_unit_test_setup_teardown(headings_whole_and_balanced, setup, teardown),
      cmocka_unit_test_setup_teardown(draw_reports_refusal, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
