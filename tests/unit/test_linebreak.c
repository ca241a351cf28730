/* Knuth–Plass line breaking on paragraphs built from fixed widths: every
 * character is 5 pt, a space 3.33 pt stretching 1.67 and shrinking 1.11, a
 * hyphen 5 pt.  Every result is checked by an independent re-measurement of
 * its lines: nothing wider than the measure, justified lines exactly filled,
 * ratios within the tolerance, and the reported demerits equal to TeX's
 * formula applied to the chosen lines. */
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
#include "write/pdf/hyphen.h"
#include "write/pdf/linebreak.h"

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

static void box(para *p, double w) { push(p, (oct_lb_item){OCT_LB_BOX, w, 0, 0, 0, false, 0}); }
static void glue(para *p, double w, double y, double z) {
  push(p, (oct_lb_item){OCT_LB_GLUE, w, y, z, 0, false, 0});
}
static void penalty(para *p, double w, int pen, bool flagged) {
  push(p, (oct_lb_item){OCT_LB_PENALTY, w, 0, 0, pen, flagged, 0});
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
} measured;

static measured measure_line(const para *p, const oct_lb_line *l) {
  measured m = {0, 0, 0, 0};
  for (size_t i = l->start; i < l->end; i++) {
    const oct_lb_item *it = &p->it[i];
    if (it->kind == OCT_LB_BOX) m.L += it->width;
    if (it->kind == OCT_LB_GLUE) {
      m.L += it->width;
      if (it->stretch >= 1e6)
        m.fil += 1;
      else
        m.Y += it->stretch;
      m.Z += it->shrink;
    }
  }
  if (p->it[l->end].kind == OCT_LB_PENALTY) m.L += p->it[l->end].width;
  return m;
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
    bool over = m.L - (pr->ragged ? 0 : m.Z) > W + 1e-6;
    if (over) st.overfull++;
    if (!allow_overfull) assert_false(over);
    if (pr->ragged) {
      assert_true(l->ratio == 0.0);
    } else if (!over && m.fil == 0 && k + 1 < r->nlines) {
      /* a justified line is filled exactly by its ratio */
      double set = m.L + l->ratio * (l->ratio >= 0 ? m.Y : m.Z);
      assert_true(fabs(set - W) < 1e-6);
      assert_true(l->ratio >= -1 - 1e-9);
      if (r->pass == 1 || r->pass == 2) assert_true(l->ratio <= max_r + 1e-9);
      st.sum_abs_ratio += fabs(l->ratio);
      st.justified_lines++;
    }
    if (k > 0 && l->hyphenated && r->lines[k - 1].hyphenated) st.hyphen_pairs++;
    /* TeX's demerits for this line, with the stretch the pass used */
    double Y = pr->ragged ? 0.10 * W : m.Y;
    if (r->pass >= 3) Y += pr->emergency_stretch;
    double Z = pr->ragged ? 0 : m.Z, rr = 0, bad = 0;
    int fit = 1;
    if (m.L < W && m.fil == 0) {
      rr = Y > 0 ? (W - m.L) / Y : INFINITY;
      bad = fmin(100 * rr * rr * rr, 10000);
      fit = bad > 99 ? 3 : bad > 12 ? 2 : 1;
    } else if (m.L > W) {
      rr = Z > 0 ? (W - m.L) / Z : -INFINITY;
      bad = fmin(100 * fabs(rr * rr * rr), 10000);
      fit = bad > 12 ? 0 : 1;
    }
    double d = (pr->line_penalty + bad) * (pr->line_penalty + bad);
    if (pr->line_penalty + bad >= 10000) d = 1e8;
    if (at->kind == OCT_LB_PENALTY) {
      if (at->penalty > 0) d += (double)at->penalty * at->penalty;
      if (at->penalty < 0 && at->penalty > -OCT_LB_INFINITY) d -= (double)at->penalty * at->penalty;
      if (at->flagged && prev_flag) d += pr->double_hyphen_demerits;
    }
    if (abs(fit - prev_fit) > 1) d += pr->adjacent_demerits;
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
  oct_lb_params_default(&pr, &w, 1);
  oct_lb_result r;
  assert_int_equal(oct_linebreak(p.it, p.n, &pr, &r), 0);
  assert_true(r.pass <= 2);
  stats st = check(&p, &pr, &r, false);
  assert_true(st.justified_lines >= 5);
  assert_true(st.sum_abs_ratio / (double)st.justified_lines < 0.6);
  free(r.lines);
  /* a narrow measure needs hyphenation (pass 2) and still fits */
  double narrow = 28 * CH;
  oct_lb_params_default(&pr, &narrow, 1);
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
  oct_lb_params_default(&pr, &w, 1);
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
  oct_lb_params_default(&pr, &w, 1);
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
  oct_lb_params_default(&pr, &w, 1);
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
    oct_lb_params_default(&pr, sets[s], counts[s]);
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
  oct_lb_params_default(&pr, &w, 1);
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

static void malformed_input(void **state) {
  (void)state;
  double w = 100;
  oct_lb_params pr;
  oct_lb_params_default(&pr, &w, 1);
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
  oct_lb_params_default(&pr, &w, 1);
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
  if (oct_file_read(sample_path, &text, &err) != 0) skip();
  oct_hyph *h = english();
  double w = 60 * CH;
  stats kp = {0, 0, 0, 0}, gr = {0, 0, 0, 0}, nodouble = {0, 0, 0, 0};
  size_t paras = 0, passes[5] = {0};
  char *save = NULL;
  for (char *line = strtok_r(text.data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
    if (strlen(line) < 120) continue; /* headings, byline, list labels */
    para p = make(line, h);
    oct_lb_params pr;
    oct_lb_params_default(&pr, &w, 1);
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

int main(int argc, char **argv) {
  sample_path = argc > 1 ? argv[1] : NULL;
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(justified_paragraph), cmocka_unit_test(optimum_beats_greedy),
      cmocka_unit_test(forced_breaks),       cmocka_unit_test(overlong_box_still_breaks),
      cmocka_unit_test(per_line_widths),     cmocka_unit_test(ragged_right),
      cmocka_unit_test(malformed_input),     cmocka_unit_test(long_paragraph),
      cmocka_unit_test(reference_article),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
