/* Knuth–Plass line breaking on paragraphs built from fixed widths: every
 * character is 5 pt, a space 3.33 pt stretching 1.67 and shrinking 1.11, a
 * hyphen 5 pt.  Every result is checked by an independent re-measurement of
 * its lines: nothing wider than the measure, justified lines exactly filled,
 * ratios within the tolerance, and the reported demerits equal to TeX's
 * formula applied to the chosen lines. */
#include <dirent.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/util.h"
#include "write/pdf/layout/hyphen.h"
#include "write/pdf/layout/linebreak.h"
#include "write/pdf/layout/style.h"

#define CH 5.0
#define SP 3.33
#define SP_STRETCH 1.67
#define SP_SHRINK 1.11
#define FIL 1e9

static const char *sample_path;

typedef struct para {
  oct_lb_item *it;
  size_t n, cap;
} para;

static void push(para *p, oct_lb_item x) {
  if (p->n == p->cap) {
    p->cap = p->cap ? p->cap * 2 : 256;
    p->it = oct_xrealloc(p->it, p->cap * sizeof *p->it);
  }
  p->it[p->n++] = x;
}

static void box(para *p, double w) { push(p, (oct_lb_item){.kind = OCT_LB_BOX, .width = w}); }
static void glue(para *p, double w, double y, double z) {
  push(p, (oct_lb_item){.kind = OCT_LB_GLUE, .width = w, .stretch = y, .shrink = z});
}
static void penalty(para *p, double w, int pen, bool flagged) {
  push(p, (oct_lb_item){.kind = OCT_LB_PENALTY, .width = w, .penalty = pen, .flagged = flagged});
}
static void finish(para *p) {
  penalty(p, 0, OCT_LB_INFINITY, false);
  glue(p, 0, FIL, 0);
  penalty(p, 0, -OCT_LB_INFINITY, false);
}

/* Words of TEXT as boxes, split at hyphenation points (flagged penalty with
 * a hyphen's width) when H is given. */
static void add_text(para *p, const char *text, const oct_hyph *h) {
  const char *s = text;
  bool first = true;
  while (*s) {
    while (*s == ' ')
      s++;
    if (!*s) break;
    const char *e = s;
    while (*e && *e != ' ')
      e++;
    if (!first) glue(p, SP, SP_STRETCH, SP_SHRINK);
    first = false;
    size_t off[64], np = 0;
    if (h) oct_hyph_word(h, s, (size_t)(e - s), off, 64, &np);
    size_t prev = 0;
    for (size_t i = 0; i <= np; i++) {
      size_t end = i < np ? off[i] : (size_t)(e - s);
      box(p, CH * (double)oct_utf8_count(s + prev, end - prev));
      if (i < np) {
        bool explicit_hyphen = s[off[i] - 1] == '-';
        penalty(p, explicit_hyphen ? 0 : CH, 50, true);
      }
      prev = end;
    }
    s = e;
  }
}

/* The breaker's parameters as the PDF writer sets them (octavo's style:
 * TeX's tolerances and demerits), justified, for lines W[0..N) wide. */
static void lb_params(oct_lb_params *pr, const double *w, size_t n) {
  oct_style st;
  oct_style_default(&st);
  oct_style_linebreak(&st, w, n, false, pr);
}

static para make(const char *text, const oct_hyph *h) {
  para p = {0};
  add_text(&p, text, h);
  finish(&p);
  return p;
}

static double width_of(const oct_lb_params *pr, size_t line) {
  return pr->widths[line < pr->nwidths ? line : pr->nwidths - 1];
}

typedef struct measured {
  double L, Y, Z, fil;
  double B; /* the boxes' width (the hyphen's too): what font expansion scales */
} measured;

static measured measure_line(const para *p, const oct_lb_line *l) {
  measured m = {0, 0, 0, 0, 0};
  for (size_t i = l->start; i < l->end; i++) {
    const oct_lb_item *it = &p->it[i];
    if (it->kind == OCT_LB_BOX) m.L += it->width, m.B += it->width;
    if (it->kind == OCT_LB_GLUE) {
      m.L += it->width;
      if (it->stretch >= 1e6)
        m.fil += 1;
      else
        m.Y += it->stretch;
      m.Z += it->shrink;
    }
  }
  if (p->it[l->end].kind == OCT_LB_PENALTY) m.L += p->it[l->end].width, m.B += p->it[l->end].width;
  return m;
}

/* TeX's demerits for the line [START, END) as line number LINE, measured
 * here independently of linebreak.c, with EXTRA stretch (the emergency
 * pass).  Also gives its fitness class, badness and whether it is overfull. */
static double line_demerits(const para *p, const oct_lb_params *pr, size_t start, size_t end,
                            size_t line, double extra, int prev_fit, bool prev_flag, int *fit_out,
                            double *bad_out, bool *overfull) {
  oct_lb_line l = {.start = start, .end = end};
  measured m = measure_line(p, &l);
  const oct_lb_item *at = &p->it[end];
  double W = width_of(pr, line);
  double Y = (pr->ragged ? pr->ragged_stretch * W : m.Y) + extra;
  double Z = pr->ragged ? 0 : m.Z, rr = 0, bad = 0;
  /* font expansion is more stretch and shrink (pdfTeX) */
  if (!pr->ragged) Y += pr->expand * m.B, Z += pr->expand * m.B;
  int fit = 1;
  *overfull = false;
  if (fabs(m.L - W) <= 1e-6) m.L = W; /* a millionth of a point is an exact fit */
  if (m.L < W && m.fil == 0) {
    rr = Y > 0 ? (W - m.L) / Y : INFINITY;
    bad = fmin(100 * rr * rr * rr, 10000);
    fit = bad > 99 ? 3 : bad > 12 ? 2 : 1;
  } else if (m.L > W) {
    rr = Z > 0 ? (W - m.L) / Z : -INFINITY;
    *overfull = rr < -1;
    bad = fmin(100 * fabs(rr * rr * rr), 10000);
    fit = bad > 12 ? 0 : 1;
  }
  double d = (pr->line_penalty + bad) * (pr->line_penalty + bad);
  if (pr->line_penalty + bad >= 10000) d = 1e8;
  if (at->kind == OCT_LB_PENALTY) {
    if (at->penalty > 0) d += (double)at->penalty * at->penalty;
    if (at->penalty < 0 && at->penalty > -OCT_LB_INFINITY) d -= (double)at->penalty * at->penalty;
    if (at->flagged && prev_flag) d += pr->double_hyphen_demerits;
    if (at->penalty <= -OCT_LB_INFINITY && prev_flag) d += pr->final_hyphen_demerits;
  }
  if (abs(fit - prev_fit) > 1) d += pr->adjacent_demerits;
  *fit_out = fit;
  *bad_out = bad;
  return d;
}

typedef struct stats {
  double sum_abs_ratio;
  size_t justified_lines;
  size_t overfull;
  size_t hyphen_pairs;
} stats;

/* Checks R against the paragraph and returns some numbers about it. When
 * ALLOW_OVERFULL is false no line may be wider than its measure. */
static stats check(const para *p, const oct_lb_params *pr, const oct_lb_result *r,
                   bool allow_overfull) {
  stats st = {0, 0, 0, 0};
  assert_true(r->nlines > 0);
  assert_int_equal(r->lines[0].start, 0);
  assert_int_equal(r->lines[r->nlines - 1].end, p->n - 1);
  double max_r = cbrt((r->pass == 1 ? pr->pretolerance : pr->tolerance) / 100.0);
  double dem = 0;
  int prev_fit = 1;
  bool prev_flag = false;
  for (size_t k = 0; k < r->nlines; k++) {
    const oct_lb_line *l = &r->lines[k];
    assert_true(l->start <= l->end);
    if (k > 0) {
      /* only discardable items between a break and the next line */
      assert_true(l->start > r->lines[k - 1].end);
      for (size_t i = r->lines[k - 1].end + 1; i < l->start; i++)
        assert_int_not_equal(p->it[i].kind, OCT_LB_BOX);
    }
    const oct_lb_item *at = &p->it[l->end];
    assert_true(at->kind == OCT_LB_PENALTY ||
                (at->kind == OCT_LB_GLUE && l->end > 0 && p->it[l->end - 1].kind == OCT_LB_BOX));
    if (at->kind == OCT_LB_PENALTY) assert_true(at->penalty < OCT_LB_INFINITY);
    assert_int_equal(l->hyphenated, at->kind == OCT_LB_PENALTY && at->flagged);
    measured m = measure_line(p, l);
    double W = width_of(pr, k);
    bool over = m.L - (pr->ragged ? 0 : m.Z + pr->expand * m.B) > W + 1e-6;
    /* expansion: within the limit, in whole steps */
    assert_true(fabs(l->expand) <= pr->expand + 1e-12);
    if (pr->expand_step > 0)
      assert_true(fabs(l->expand / pr->expand_step - round(l->expand / pr->expand_step)) < 1e-9);
    if (over) st.overfull++;
    if (!allow_overfull) assert_false(over);
    if (pr->ragged) {
      assert_true(l->ratio == 0.0);
    } else if (!over && m.fil == 0 && m.L + l->expand * m.B < W - 1e-6 && m.Y == 0) {
      /* underfull with nothing to stretch: only the emergency passes (whose
       * extra stretch makes it feasible) and first fit may do it, unless
       * the glyphs' expansion stretched it nearly full (short of one step) */
      if (m.L + pr->expand * m.B < W - 1e-6) assert_true(r->pass >= 3 || r->pass == 0);
      assert_true(m.L + (l->expand + pr->expand_step) * m.B >= W - 1e-6 || r->pass >= 3 ||
                  r->pass == 0);
      assert_true(l->ratio == 0.0);
    } else if (!over && m.fil == 0 && k + 1 < r->nlines) {
      /* a justified line is filled exactly by its ratio */
      double set = m.L + l->expand * m.B + l->ratio * (l->ratio >= 0 ? m.Y : m.Z);
      if (fabs(set - W) >= 1e-6)
        fprintf(stderr, "line %zu: L %g B %g Y %g Z %g W %g expand %g ratio %g set %g\n", k, m.L,
                m.B, m.Y, m.Z, W, l->expand, l->ratio, set);
      assert_true(fabs(set - W) < 1e-6);
      assert_true(l->ratio >= -1 - 1e-9);
      /* the tolerance bounds the line's whole ratio, glue and expansion */
      double whole = (W - m.L) / (W > m.L ? m.Y + pr->expand * m.B : m.Z + pr->expand * m.B);
      if (r->pass == 1 || r->pass == 2) assert_true(whole <= max_r + 1e-9);
      st.sum_abs_ratio += fabs(l->ratio);
      st.justified_lines++;
    }
    if (k > 0 && l->hyphenated && r->lines[k - 1].hyphenated) st.hyphen_pairs++;
    double bad;
    bool infeasible;
    int fit;
    double d = line_demerits(p, pr, l->start, l->end, k, r->pass >= 3 ? pr->emergency_stretch : 0,
                             prev_fit, prev_flag, &fit, &bad, &infeasible);
    dem += d;
    prev_fit = fit;
    prev_flag = at->kind == OCT_LB_PENALTY && at->flagged;
  }
  /* pass 4 may take a line for free (TeX's artificial demerits) */
  if (r->pass != 4) assert_true(fabs(dem - r->demerits) <= 1e-6 * fmax(1, dem));
  return st;
}

static const char *TEXT =
    "Japan is slowly, but surely, taking on a more active role in international security, and "
    "this potential involvement with NATO in Ukraine is a prime example. This strategic shift is "
    "driven by a few key factors. First off, there's the growing threat from China in the region, "
    "including its increasing military presence and assertiveness in the East and South China "
    "Seas. Then, there is North Korea's ballistic missile program, which has everyone on edge.";

static oct_hyph *english(void) {
  oct_error err;
  oct_error_init(&err, NULL);
  oct_hyph *h = oct_hyph_new("en", &err);
  assert_non_null(h);
  return h;
}

static void justified_paragraph(void **state) {
  (void)state;
  oct_hyph *h = english();
  para p = make(TEXT, h);
  double w = 60 * CH;
  oct_lb_params pr;
  lb_params(&pr, &w, 1);
  oct_lb_result r;
  assert_int_equal(oct_linebreak(p.it, p.n, &pr, &r), 0);
  assert_true(r.pass <= 2);
  stats st = check(&p, &pr, &r, false);
  assert_true(st.justified_lines >= 5);
  assert_true(st.sum_abs_ratio / (double)st.justified_lines < 0.6);
  free(r.lines);
  /* a narrow measure needs hyphenation (pass 2) and still fits */
  double narrow = 28 * CH;
  lb_params(&pr, &narrow, 1);
  assert_int_equal(oct_linebreak(p.it, p.n, &pr, &r), 0);
  check(&p, &pr, &r, false);
  free(r.lines);
  free(p.it);
  oct_hyph_free(h);
}

/* A paragraph where first fit squeezes a short word onto line 1 and leaves
 * line 2 very loose; total fit moves the word down and fills line 2 exactly.
 * Measure 100, spaces 10 stretching 10 shrinking 5. */
static void optimum_beats_greedy(void **state) {
  (void)state;
  para p = {0};
  const double words[] = {40, 45, 4, 38, 38, 50};
  for (size_t i = 0; i < 6; i++) {
    if (i) glue(&p, 10, 10, 5);
    box(&p, words[i]);
  }
  finish(&p);
  double w = 100;
  oct_lb_params pr;
  lb_params(&pr, &w, 1);
  pr.expand = 0; /* TeX's own breaker: the glue alone fills the line */
  oct_lb_result kp, gr;
  assert_int_equal(oct_linebreak(p.it, p.n, &pr, &kp), 0);
  assert_int_equal(oct_linebreak_greedy(p.it, p.n, &pr, &gr), 0);
  check(&p, &pr, &kp, false);
  check(&p, &pr, &gr, false);
  assert_int_equal(kp.nlines, 3);
  assert_int_equal(gr.nlines, 3);
  assert_int_equal(kp.lines[0].end, 3);        /* after "40 45" */
  assert_int_equal(gr.lines[0].end, 5);        /* after "40 45 4", shrunk */
  assert_true(fabs(kp.lines[1].ratio) < 1e-9); /* "4 38 38" is exactly 100 */
  assert_true(gr.lines[1].ratio > 1.3);        /* greedy's loose second line */
  assert_true(kp.demerits < gr.demerits / 10);
  free(kp.lines);
  free(gr.lines);
  free(p.it);
}

static void forced_breaks(void **state) {
  (void)state;
  para p = {0};
  add_text(&p, "The first part of the paragraph ends here", NULL);
  finish(&p); /* a line break inside the paragraph, as <br> */
  size_t br = p.n - 1;
  glue(&p, 0, 0, 0); /* nothing special needed after it */
  add_text(&p, "and a second part follows after the forced break to make a longer line", NULL);
  finish(&p);
  double w = 40 * CH;
  oct_lb_params pr;
  lb_params(&pr, &w, 1);
  oct_lb_result r;
  assert_int_equal(oct_linebreak(p.it, p.n, &pr, &r), 0);
  check(&p, &pr, &r, false);
  bool found = false;
  for (size_t k = 0; k < r.nlines; k++)
    if (r.lines[k].end == br) {
      found = true;
      assert_true(r.lines[k].ratio == 0); /* set at natural width by its fil glue */
    }
  assert_true(found);
  free(r.lines);
  free(p.it);
}

static void overlong_box_still_breaks(void **state) {
  (void)state;
  para p = {0};
  add_text(&p, "See the full report at", NULL);
  glue(&p, SP, SP_STRETCH, SP_SHRINK);
  box(&p, 100 * CH); /* an unbreakable URL, 100 characters in a 60-character measure */
  size_t url = p.n - 1;
  glue(&p, SP, SP_STRETCH, SP_SHRINK);
  add_text(&p, "for the details of the agreement and the schedule of the training missions.", NULL);
  finish(&p);
  double w = 60 * CH;
  oct_lb_params pr;
  lb_params(&pr, &w, 1);
  oct_lb_result r;
  assert_int_equal(oct_linebreak(p.it, p.n, &pr, &r), 0);
  assert_int_equal(r.pass, 4);
  stats st = check(&p, &pr, &r, true);
  assert_int_equal(st.overfull, 1);
  for (size_t k = 0; k < r.nlines; k++) {
    measured m = measure_line(&p, &r.lines[k]);
    bool has_url = r.lines[k].start <= url && url < r.lines[k].end;
    assert_int_equal(m.L - m.Z > w, has_url);
    if (has_url) assert_true(r.lines[k].ratio == -1);
  }
  free(r.lines);
  free(p.it);
  /* nothing but the URL */
  para q = {0};
  box(&q, 100 * CH);
  finish(&q);
  assert_int_equal(oct_linebreak(q.it, q.n, &pr, &r), 0);
  assert_int_equal(r.nlines, 1);
  free(r.lines);
  /* and greedy copes too */
  assert_int_equal(oct_linebreak_greedy(q.it, q.n, &pr, &r), 0);
  assert_int_equal(r.nlines, 1);
  free(r.lines);
  free(q.it);
}

/* A URL's break points as typeset.c makes them: no hyphen, and TeX's
 * ragged-break stretch (\penalty10000 \hskip 0pt plus X \penalty P
 * \hskip 0pt plus -X) that only counts on a line ending there.  A paragraph
 * that is one long URL breaks at those points within the tolerance, never
 * in a part, and the stretch cancels on lines that run past a point. */
static void ragged_break_points(void **state) {
  (void)state;
  double w = 60 * CH, x = w / 3;
  para p = {0};
  add_text(&p, "Read", NULL);
  glue(&p, SP, SP_STRETCH, SP_SHRINK);
  for (int k = 0; k < 30; k++) {
    box(&p, (5 + k % 7) * CH); /* "segment/", "of-", "the." ... */
    if (k == 29) break;
    penalty(&p, 0, OCT_LB_INFINITY, false);
    glue(&p, 0, x, 0);
    penalty(&p, 0, 100, false);
    glue(&p, 0, -x, 0);
  }
  glue(&p, SP, SP_STRETCH, SP_SHRINK);
  add_text(&p, "before the meeting starts and tell everyone about it.", NULL);
  finish(&p);
  oct_lb_params pr;
  lb_params(&pr, &w, 1);
  oct_lb_result r;
  assert_int_equal(oct_linebreak(p.it, p.n, &pr, &r), 0);
  assert_true(r.pass <= 2); /* feasible without emergency stretch */
  assert_true(r.nlines >= 4);
  check(&p, &pr, &r, false);
  size_t at_url = 0;
  for (size_t k = 0; k + 1 < r.nlines; k++) {
    const oct_lb_item *at = &p.it[r.lines[k].end];
    if (at->kind == OCT_LB_PENALTY && at->penalty == 100) at_url++;
  }
  assert_true(at_url >= 2);
  free(r.lines);
  /* Ragged breaks that are not taken (a short URL at a paragraph's end has
   * them forbidden) leave +X and -X on a line whose only stretch they were:
   * the prefix sums' rounding residue (~1e-14, here made 1e-12 so that it
   * does not depend on the order of additions) is no stretch, not a
   * ratio of 1e15 that threw the following words off the page. */
  para u = {0};
  double third = w * 0.33;                     /* the style's urlstretch: not a binary fraction */
  add_text(&u, "Read this address now", NULL); /* four spaces of 1.67 before */
  glue(&u, SP, SP_STRETCH, SP_SHRINK);
  for (int k = 0; k < 40; k++) {
    box(&u, 3 * CH + 1.3); /* no line fills the measure exactly */
    penalty(&u, 0, 900, false);
    box(&u, 3 * CH + 1.3);
    penalty(&u, 0, OCT_LB_INFINITY, false);
    glue(&u, 0, third, 0);
    penalty(&u, 0, OCT_LB_INFINITY, false); /* the URL break, forbidden */
    glue(&u, 0, -(third - 1e-12), 0);
  }
  box(&u, CH);
  finish(&u);
  assert_int_equal(oct_linebreak(u.it, u.n, &pr, &r), 0);
  assert_true(r.nlines >= 3);
  for (size_t k = 0; k < r.nlines; k++)
    assert_true(fabs(r.lines[k].ratio) < 10); /* the first line's spaces stretch, in pass 3 */
  free(r.lines);
  free(u.it);
  /* a negative stretch is no longer malformed, a negative infinite one is */
  for (size_t i = 0; i < p.n; i++)
    if (p.it[i].kind == OCT_LB_GLUE && p.it[i].stretch < 0) p.it[i].stretch = -1e9;
  assert_int_equal(oct_linebreak(p.it, p.n, &pr, &r), -1);
  free(p.it);
}

static void per_line_widths(void **state) {
  (void)state;
  oct_hyph *h = english();
  para p = make(TEXT, h);
  const double indent[] = {55 * CH, 60 * CH};           /* first-line indent */
  const double hanging[] = {60 * CH, 60 * CH, 45 * CH}; /* narrower from line 3 */
  const double *sets[] = {indent, hanging};
  size_t counts[] = {2, 3};
  for (size_t s = 0; s < 2; s++) {
    oct_lb_params pr;
    lb_params(&pr, sets[s], counts[s]);
    oct_lb_result r;
    assert_int_equal(oct_linebreak(p.it, p.n, &pr, &r), 0);
    check(&p, &pr, &r, false); /* each line justified to its own width */
    free(r.lines);
  }
  free(p.it);
  oct_hyph_free(h);
}

static void ragged_right(void **state) {
  (void)state;
  oct_hyph *h = english();
  para p = make(TEXT, h);
  double w = 60 * CH;
  oct_lb_params pr;
  lb_params(&pr, &w, 1);
  pr.ragged = true;
  oct_lb_result r, g;
  assert_int_equal(oct_linebreak(p.it, p.n, &pr, &r), 0);
  assert_int_equal(oct_linebreak_greedy(p.it, p.n, &pr, &g), 0);
  check(&p, &pr, &r, false); /* ratio 0, natural width within the measure */
  check(&p, &pr, &g, false);
  /* against greedy, the optimum over the same breaks (hyphens from the start) */
  pr.pretolerance = -1;
  free(r.lines);
  assert_int_equal(oct_linebreak(p.it, p.n, &pr, &r), 0);
  check(&p, &pr, &r, false);
  assert_true(r.demerits <= g.demerits + 1e-6);
  free(r.lines);
  free(g.lines);
  free(p.it);
  oct_hyph_free(h);
}

/* Words that fill the measure exactly, with spaces that cannot shrink
 * (ragged): rounding in the sums must not make the line overfull. */
static void exact_fit_is_not_overfull(void **state) {
  (void)state;
  para p = {0};
  double boxes = 0, spaces = 0; /* summed apart: a different rounding from the breaker's */
  for (int i = 0; i < 7; i++) {
    if (i) {
      glue(&p, 3.7, 1.67, 1.11);
      spaces += 3.7;
    }
    box(&p, 4.7 * (double)(i + 1));
    boxes += 4.7 * (double)(i + 1);
  }
  double w = boxes + spaces;
  size_t end_of_line = p.n;
  glue(&p, 3.33, 1.67, 1.11);
  add_text(&p, "and more words after the first line", NULL);
  finish(&p);
  oct_lb_params pr;
  lb_params(&pr, &w, 1);
  pr.ragged = true;
  oct_lb_result r;
  assert_int_equal(oct_linebreak(p.it, p.n, &pr, &r), 0);
  check(&p, &pr, &r, false);
  assert_int_equal(r.lines[0].end, end_of_line);
  assert_int_not_equal(r.pass, 4);
  free(r.lines);
  free(p.it);
}

static void malformed_input(void **state) {
  (void)state;
  double w = 100;
  oct_lb_params pr;
  lb_params(&pr, &w, 1);
  oct_lb_result r;
  para p = {0};
  box(&p, 10);
  assert_int_equal(oct_linebreak(p.it, p.n, &pr, &r), -1); /* no paragraph end */
  finish(&p);
  p.it[0].width = NAN;
  assert_int_equal(oct_linebreak(p.it, p.n, &pr, &r), -1);
  p.it[0].width = 10;
  oct_lb_params bad = pr;
  bad.widths = NULL;
  assert_int_equal(oct_linebreak(p.it, p.n, &bad, &r), -1);
  bad = pr;
  bad.nwidths = 0;
  assert_int_equal(oct_linebreak(p.it, p.n, &bad, &r), -1);
  assert_int_equal(oct_linebreak(p.it, 0, &pr, &r), 0);
  assert_int_equal(r.nlines, 0);
  free(r.lines);
  /* an empty paragraph: just its end */
  para e = {0};
  finish(&e);
  assert_int_equal(oct_linebreak(e.it, e.n, &pr, &r), 0);
  assert_int_equal(r.nlines, 1);
  free(r.lines);
  free(e.it);
  free(p.it);
}

/* A very long paragraph: the active list stays small, so this is quick. */
static void long_paragraph(void **state) {
  (void)state;
  oct_hyph *h = english();
  para p = {0};
  for (int i = 0; i < 200; i++) {
    if (i) glue(&p, SP, SP_STRETCH, SP_SHRINK);
    add_text(&p, TEXT, h);
  }
  finish(&p);
  double w = 66 * CH;
  oct_lb_params pr;
  lb_params(&pr, &w, 1);
  oct_lb_result r;
  assert_int_equal(oct_linebreak(p.it, p.n, &pr, &r), 0);
  check(&p, &pr, &r, false);
  assert_true(r.nlines > 1000);
  free(r.lines);
  free(p.it);
  oct_hyph_free(h);
}

/* Every paragraph of the reference article at a 60-character measure. */
static void reference_article(void **state) {
  (void)state;
  if (!sample_path) skip();
  oct_buf text = OCT_BUF_INIT;
  oct_error err;
  oct_error_init(&err, sample_path);
  if (oct_file_read(sample_path, &text, &err) != 0) fail_msg("%s", err.msg);
  oct_hyph *h = english();
  double w = 60 * CH;
  stats kp = {0, 0, 0, 0}, gr = {0, 0, 0, 0}, nodouble = {0, 0, 0, 0};
  size_t paras = 0, passes[5] = {0};
  char *save = NULL;
  for (char *line = strtok_r(text.data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
    if (strlen(line) < 120) continue; /* headings, byline, list labels */
    para p = make(line, h);
    oct_lb_params pr;
    lb_params(&pr, &w, 1);
    oct_lb_result r, g;
    assert_int_equal(oct_linebreak(p.it, p.n, &pr, &r), 0);
    assert_int_equal(oct_linebreak_greedy(p.it, p.n, &pr, &g), 0);
    stats a = check(&p, &pr, &r, false);
    stats b = check(&p, &pr, &g, false);
    /* Greedy hyphenates from the start; the optimum over the same breaks
     * (no hyphen-free first pass) can never be worse. */
    oct_lb_params same = pr;
    same.pretolerance = -1;
    oct_lb_result o;
    assert_int_equal(oct_linebreak(p.it, p.n, &same, &o), 0);
    check(&p, &same, &o, false);
    assert_true(o.demerits <= g.demerits + 1e-6);
    free(o.lines);
    passes[r.pass]++;
    kp.sum_abs_ratio += a.sum_abs_ratio;
    kp.justified_lines += a.justified_lines;
    kp.hyphen_pairs += a.hyphen_pairs;
    gr.sum_abs_ratio += b.sum_abs_ratio;
    gr.justified_lines += b.justified_lines;
    free(r.lines);
    /* without the double-hyphen surcharge, stacked hyphens can only increase */
    pr.double_hyphen_demerits = 0;
    assert_int_equal(oct_linebreak(p.it, p.n, &pr, &r), 0);
    nodouble.hyphen_pairs += check(&p, &pr, &r, false).hyphen_pairs;
    free(r.lines);
    free(g.lines);
    free(p.it);
    paras++;
  }
  double avg_kp = kp.sum_abs_ratio / (double)kp.justified_lines;
  double avg_gr = gr.sum_abs_ratio / (double)gr.justified_lines;
  printf("article: %zu paragraphs, %zu justified lines, passes 1/2/3/4 = %zu/%zu/%zu/%zu\n", paras,
         kp.justified_lines, passes[1], passes[2], passes[3], passes[4]);
  printf("article: mean |ratio| total-fit %.3f, first-fit %.3f; stacked hyphens %zu (%zu "
         "without the surcharge)\n",
         avg_kp, avg_gr, kp.hyphen_pairs, nodouble.hyphen_pairs);
  assert_true(paras >= 15);
  assert_true(avg_kp < 0.45);
  assert_true(avg_kp < avg_gr);
  assert_true(kp.hyphen_pairs <= nodouble.hyphen_pairs);
  oct_buf_free(&text);
  oct_hyph_free(h);
}

/* ---- exhaustive check of optimality on small paragraphs */

static size_t next_line_start(const para *p, size_t b) {
  size_t i = b + 1;
  while (i < p->n && p->it[i].kind != OCT_LB_BOX &&
         !(p->it[i].kind == OCT_LB_PENALTY && p->it[i].penalty <= -OCT_LB_INFINITY))
    i++;
  return i;
}

static bool is_break(const para *p, size_t b) {
  const oct_lb_item *it = &p->it[b];
  if (it->kind == OCT_LB_PENALTY) return it->penalty < OCT_LB_INFINITY;
  return it->kind == OCT_LB_GLUE && b > 0 && p->it[b - 1].kind == OCT_LB_BOX;
}

/* Tries every sequence of breaks from START (TeX's feasibility: a line is
 * dropped once overfull or above the threshold) and keeps the cheapest. */
static void search(const para *p, const oct_lb_params *pr, double threshold, double extra,
                   size_t start, size_t line, int prev_fit, bool prev_flag, double total,
                   double *best) {
  for (size_t b = start; b < p->n; b++) {
    if (!is_break(p, b)) continue;
    bool forced = p->it[b].kind == OCT_LB_PENALTY && p->it[b].penalty <= -OCT_LB_INFINITY;
    if (b == start && !forced) continue;
    int fit;
    double bad;
    bool over;
    double d = line_demerits(p, pr, start, b, line, extra, prev_fit, prev_flag, &fit, &bad, &over);
    if (over) return;
    if (bad <= threshold) {
      if (b == p->n - 1) {
        if (total + d < *best) *best = total + d;
      } else {
        bool flag = p->it[b].kind == OCT_LB_PENALTY && p->it[b].flagged;
        search(p, pr, threshold, extra, next_line_start(p, b), line + 1, fit, flag, total + d,
               best);
      }
    }
    if (forced) return;
  }
}

static double brute_force(const para *p, const oct_lb_params *pr, double extra) {
  double best = INFINITY;
  search(p, pr, pr->tolerance, extra, 0, 0, 1, false, 0, &best);
  return best;
}

static void optimum_matches_exhaustive_search(void **state) {
  (void)state;
  uint32_t seed = 2463534242u;
#define RND(n) ((seed ^= seed << 13, seed ^= seed >> 17, seed ^= seed << 5) % (n))
  size_t compared[5] = {0};
  for (int trial = 0; trial < 1500; trial++) {
    para p = {0};
    size_t words = 6 + RND(35);
    /* sometimes very elastic spaces, so that different numbers of lines can
     * end at the same break */
    double stretch = SP_STRETCH * (double)(1 + (RND(3) == 0 ? RND(8) : 0));
    for (size_t w = 0; w < words; w++) {
      if (w) glue(&p, SP, stretch, SP_SHRINK);
      size_t len = 1 + RND(11);
      if (len >= 5 && RND(2)) { /* a hyphenation point inside */
        size_t cut = 2 + RND(len - 3);
        box(&p, CH * (double)cut);
        penalty(&p, CH, 50, true);
        box(&p, CH * (double)(len - cut));
      } else {
        box(&p, CH * (double)len);
      }
    }
    finish(&p);
    /* up to three widths (indent, then a narrower hanging part) so that
     * nodes on different line numbers must be kept apart */
    double widths[3] = {CH * (double)(22 + RND(20)), 0, 0};
    widths[1] = RND(2) ? widths[0] + CH * (double)RND(5) : CH * (double)(12 + RND(40));
    widths[2] = RND(2) ? widths[0] - CH * (double)RND(7) : CH * (double)(12 + RND(40));
    oct_lb_params pr;
    lb_params(&pr, widths, 1 + RND(3));
    pr.pretolerance = -1; /* one optimisation problem: hyphens allowed from the start */
    pr.ragged = RND(4) == 0;
    if (pr.ragged) pr.expand = 0; /* as oct_style_linebreak sets it */
    /* the hard limit on hyphens in a row is a rule on top of the optimum
     * (hyphen_runs_limited checks it); the search knows only demerits */
    pr.max_hyphen_run = 0;
    oct_lb_result r;
    assert_int_equal(oct_linebreak(p.it, p.n, &pr, &r), 0);
    check(&p, &pr, &r, r.pass == 4);
    double plain = brute_force(&p, &pr, 0);
    double emerg = brute_force(&p, &pr, pr.emergency_stretch);
    if (r.pass == 2) {
      assert_true(isfinite(plain));
      assert_true(fabs(plain - r.demerits) <= 1e-6 * fmax(1, plain));
    } else if (r.pass == 3) {
      assert_false(isfinite(plain));
      assert_true(isfinite(emerg));
      assert_true(fabs(emerg - r.demerits) <= 1e-6 * fmax(1, emerg));
    } else {
      assert_int_equal(r.pass, 4);
      assert_false(isfinite(emerg));
    }
    compared[r.pass]++;
    free(r.lines);
    free(p.it);
  }
#undef RND
  printf("exhaustive: %zu paragraphs solved in pass 2, %zu in pass 3, %zu in pass 4\n", compared[2],
         compared[3], compared[4]);
  assert_true(compared[2] > 200 && compared[3] > 200);
}

/* The book's rules on hyphens: never three hyphenated lines in a row,
 * even when the demerits would allow it (no double-hyphen surcharge here).
 * (What font expansion saves is measured on whole documents:
 * layout.typography.*.) */
static void hyphen_runs_limited(void **state) {
  (void)state;
  oct_hyph *h = english();
  para p = make(TEXT, h);
  size_t stacked = 0;
  for (double w = 24 * CH; w <= 40 * CH; w += CH) {
    oct_lb_params pr;
    lb_params(&pr, &w, 1);
    pr.double_hyphen_demerits = 0;
    pr.pretolerance = -1;
    oct_lb_result r;
    assert_int_equal(oct_linebreak(p.it, p.n, &pr, &r), 0);
    check(&p, &pr, &r, r.pass == 4);
    size_t run = 0;
    for (size_t k = 0; k < r.nlines; k++) {
      run = r.lines[k].hyphenated ? run + 1 : 0;
      if (r.pass < 4) assert_true(run <= 2);
    }
    free(r.lines);
    /* without the limit, some of these measures do stack three */
    pr.max_hyphen_run = 0;
    assert_int_equal(oct_linebreak(p.it, p.n, &pr, &r), 0);
    run = 0;
    for (size_t k = 0; k < r.nlines; k++) {
      run = r.lines[k].hyphenated ? run + 1 : 0;
      if (run > 2) stacked++;
    }
    free(r.lines);
  }
  assert_true(stacked > 0);
  free(p.it);
  oct_hyph_free(h);
}

/* Lines of different widths: breaks reached after different numbers of
 * lines must not compete with each other, since what follows them differs.
 * (Found by comparing with a variant that merged them.) */
static void line_numbers_kept_apart(void **state) {
  (void)state;
  para p = {0};
  const double words[] = {15, 15, 5, 5, 30};
  for (size_t i = 0; i < 5; i++) {
    if (i) glue(&p, 3, 20, 1);
    box(&p, words[i]);
  }
  finish(&p);
  const double widths[] = {40, 10, 50};
  oct_lb_params pr;
  lb_params(&pr, widths, 3);
  pr.pretolerance = -1;
  oct_lb_result r;
  assert_int_equal(oct_linebreak(p.it, p.n, &pr, &r), 0);
  check(&p, &pr, &r, false);
  assert_int_equal(r.pass, 3);
  double best = brute_force(&p, &pr, pr.emergency_stretch);
  assert_true(fabs(best - r.demerits) <= 1e-6 * best);
  free(r.lines);
  free(p.it);
}

/* Random item lists, including zero widths, forced and forbidden breaks in
 * the middle and lines narrower than a box: the breaker always answers, and
 * its lines pass the same checks (overfull allowed only in the last pass). */
static void random_paragraphs_always_break(void **state) {
  (void)state;
  uint32_t seed = 88172645u;
#define RND(n) ((seed ^= seed << 13, seed ^= seed >> 17, seed ^= seed << 5) % (n))
  size_t passes[5] = {0};
  for (int trial = 0; trial < 3000; trial++) {
    para p = {0};
    size_t n = RND(60);
    for (size_t i = 0; i < n; i++) {
      unsigned k = RND(10);
      if (k < 5) {
        box(&p, (double)RND(41));
      } else if (k < 8) {
        double w = (double)RND(6), y = (double)RND(4), z = (double)RND(3);
        glue(&p, w, y, z);
      } else {
        static const int pens[] = {-OCT_LB_INFINITY, -50, 0, 50, 300, OCT_LB_INFINITY};
        double w = (double)RND(6);
        int pen = pens[RND(6)];
        penalty(&p, w, pen, RND(2) == 0);
      }
    }
    finish(&p);
    double widths[3];
    for (int k = 0; k < 3; k++)
      widths[k] = (double)(20 + RND(180));
    oct_lb_params pr;
    lb_params(&pr, widths, 1 + RND(3));
    pr.ragged = RND(3) == 0;
    if (pr.ragged) pr.expand = 0; /* as oct_style_linebreak sets it */
    oct_lb_result r, g;
    assert_int_equal(oct_linebreak(p.it, p.n, &pr, &r), 0);
    passes[r.pass]++;
    stats st = check(&p, &pr, &r, true);
    if (r.pass < 4) assert_int_equal(st.overfull, 0);
    assert_int_equal(oct_linebreak_greedy(p.it, p.n, &pr, &g), 0);
    assert_true(g.nlines > 0);
    assert_int_equal(g.lines[g.nlines - 1].end, p.n - 1);
    free(r.lines);
    free(g.lines);
    free(p.it);
  }
#undef RND
  printf("random: passes 1/2/3/4 = %zu/%zu/%zu/%zu\n", passes[1], passes[2], passes[3], passes[4]);
  assert_true(passes[4] > 0 && passes[1] > 0);
}

/* Every text sample beside the reference article (UTF-8 .txt and .md), each
 * line a paragraph, at a 60-character measure: English hyphenated,
 * Cyrillic text without patterns (none are installed for it here). */
static void all_samples(void **state) {
  (void)state;
  if (!sample_path) skip();
  char *dir = oct_xstrdup(sample_path);
  char *slash = strrchr(dir, '/');
  if (!slash) {
    free(dir);
    skip();
  }
  *slash = '\0';
  DIR *d = opendir(dir);
  if (!d) fail_msg("cannot list %s", dir);
  oct_hyph *en = english();
  double w = 60 * CH;
  size_t files = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    size_t len = strlen(e->d_name);
    if (len < 4 ||
        (strcmp(e->d_name + len - 4, ".txt") != 0 && strcmp(e->d_name + len - 3, ".md") != 0))
      continue;
    char *path = oct_xasprintf("%s/%s", dir, e->d_name);
    oct_buf text = OCT_BUF_INIT;
    oct_error err;
    oct_error_init(&err, path);
    assert_int_equal(oct_file_read(path, &text, &err), 0);
    if (!oct_utf8_valid(text.data, text.len)) { /* the cp1252 and UTF-16 samples */
      oct_buf_free(&text);
      free(path);
      continue;
    }
    const oct_hyph *h = strstr(text.data, "\xd0") || strstr(text.data, "\xd1") ? NULL : en;
    size_t paras = 0, passes[5] = {0};
    stats all = {0, 0, 0, 0};
    char *save = NULL;
    for (char *line = strtok_r(text.data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
      if (strlen(line) < 40) continue;
      para p = make(line, h);
      oct_lb_params pr;
      lb_params(&pr, &w, 1);
      oct_lb_result r;
      assert_int_equal(oct_linebreak(p.it, p.n, &pr, &r), 0);
      stats st = check(&p, &pr, &r, r.pass == 4);
      /* an overfull line only where a single box is wider than the measure */
      for (size_t k = 0; st.overfull && k < r.nlines; k++) {
        measured m = measure_line(&p, &r.lines[k]);
        if (m.L - m.Z <= w + 1e-6) continue;
        bool wide_box = false;
        for (size_t i = r.lines[k].start; i < r.lines[k].end; i++)
          if (p.it[i].kind == OCT_LB_BOX && p.it[i].width > w) wide_box = true;
        assert_true(wide_box);
      }
      passes[r.pass]++;
      all.sum_abs_ratio += st.sum_abs_ratio;
      all.justified_lines += st.justified_lines;
      all.overfull += st.overfull;
      paras++;
      free(r.lines);
      free(p.it);
    }
    printf("%s: %zu paragraphs, passes 1/2/3/4 = %zu/%zu/%zu/%zu, mean |ratio| %.3f, %zu "
           "overfull\n",
           e->d_name, paras, passes[1], passes[2], passes[3], passes[4],
           all.justified_lines ? all.sum_abs_ratio / (double)all.justified_lines : 0.0,
           all.overfull);
    files++;
    oct_buf_free(&text);
    free(path);
  }
  closedir(d);
  free(dir);
  oct_hyph_free(en);
  assert_true(files >= 1);
}

int main(int argc, char **argv) {
  sample_path = argc > 1 ? argv[1] : NULL;
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(justified_paragraph),
      cmocka_unit_test(optimum_beats_greedy),
      cmocka_unit_test(forced_breaks),
      cmocka_unit_test(overlong_box_still_breaks),
      cmocka_unit_test(ragged_break_points),
      cmocka_unit_test(per_line_widths),
      cmocka_unit_test(ragged_right),
      cmocka_unit_test(malformed_input),
      cmocka_unit_test(long_paragraph),
      cmocka_unit_test(reference_article),
      cmocka_unit_test(optimum_matches_exhaustive_search),
      cmocka_unit_test(line_numbers_kept_apart),
      cmocka_unit_test(hyphen_runs_limited),
      cmocka_unit_test(exact_fit_is_not_overfull),
      cmocka_unit_test(random_paragraphs_always_break),
      cmocka_unit_test(all_samples),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
