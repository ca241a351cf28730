/* Knuth–Plass total-fit line breaking (Knuth & Plass, "Breaking Paragraphs
 * into Lines", 1981; TeX: The Program §813–890), hand-written because no
 * Debian library offers it for C: the active list holds the breaks still
 * reachable, each legal breakpoint is tried against every active node, the
 * best break per fitness class is remembered, and the cheapest chain of
 * breaks from the paragraph end is the answer.
 *
 * Passes follow TeX: (1) pretolerance without inserted hyphens, (2)
 * tolerance with them, (3) tolerance with emergency stretch, (4) the same
 * plus TeX's "artificial demerits" rule and underfull lines accepted, so a
 * paragraph always gets breaks (an overlong URL becomes an overfull line). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"
#include "write/pdf/layout/linebreak.h"

#define NONE SIZE_MAX
#define INF_BAD 10000.0 /* TeX's inf_bad: the badness of a line that cannot stretch enough */
#define AWFUL 1e30
#define FIT_EPS 1e-6 /* points */

enum { FIT_TIGHT, FIT_DECENT, FIT_LOOSE, FIT_VERY_LOOSE };

typedef struct sums {
  double w, y, z; /* width, finite stretch, shrink of items [0, i) */
  double b;       /* width of the boxes alone: what font expansion scales */
  double fil;     /* number of infinitely stretchable glues in [0, i) */
} sums;

/* A break that was reached: kept until the end of the pass so the chain
 * can be read back; at most one per fitness class and line-number group
 * per breakpoint, so memory stays linear in the paragraph. */
typedef struct passive {
  size_t pos;  /* break item, NONE for the paragraph start */
  size_t prev; /* previous passive, NONE at the start */
} passive;

typedef struct active {
  size_t pos;   /* break item, NONE for the paragraph start */
  size_t start; /* first item of the line that follows */
  size_t line;  /* number of lines before it */
  int fit;
  bool flagged;
  int hyph_run; /* hyphenated lines in a row ending here */
  double total; /* demerits of the best chain ending here */
  size_t passive;
  size_t next; /* next active node (pool index) */
} active;

typedef struct fit_info {
  double ratio;  /* adjustment ratio, +-inf when there is nothing to adjust */
  double bad;    /* 0..INF_BAD, INF_BAD + 1 when overfull */
  int fit;       /* fitness class */
  bool overfull; /* r < -1: this line and every longer one are infeasible */
} fit_info;

typedef struct candidate {
  double total;
  size_t passive;
  size_t line;
  int hyph_run;
  bool set;
} candidate;

typedef struct lb {
  const oct_lb_item *it;
  size_t n;
  const oct_lb_params *p;
  sums *pre; /* n + 1 prefix sums */
  passive *pas;
  size_t npas, cappas;
  active *pool;
  size_t npool, cappool, freelist;
  size_t head;
  size_t nactive;
} lb;

static bool is_fil(double stretch) { return stretch >= OCT_LB_FIL; }

static bool forced_at(const oct_lb_item *it) {
  return it->kind == OCT_LB_PENALTY && it->penalty <= -OCT_LB_INFINITY;
}

/* A legal breakpoint: a penalty below infinity, or glue right after a box.
 * Pass 1 leaves out inserted hyphens (flagged penalties that draw a
 * hyphen); a flagged zero-width penalty is a break after an existing
 * hyphen, which TeX allows in every pass. */
static bool legal(const lb *s, size_t b, int pass) {
  const oct_lb_item *it = &s->it[b];
  if (it->kind == OCT_LB_PENALTY) {
    if (it->penalty >= OCT_LB_INFINITY) return false;
    if (pass == 1 && it->flagged && it->width > 0) return false;
    return true;
  }
  if (it->kind == OCT_LB_GLUE) return b > 0 && s->it[b - 1].kind == OCT_LB_BOX;
  return false;
}

/* The line after a break starts at the next box (or forced break): glue
 * and penalties at a break vanish, as in TeX. */
static size_t after_break(const lb *s, size_t b) {
  if (b == NONE) return 0;
  size_t i = b + 1;
  while (i < s->n) {
    const oct_lb_item *it = &s->it[i];
    if (it->kind == OCT_LB_BOX || forced_at(it)) break;
    i++;
  }
  return i;
}

static double line_width(const lb *s, size_t line) {
  size_t k = line < s->p->nwidths ? line : s->p->nwidths - 1;
  return s->p->widths[k];
}

static double badness(double r) {
  double b = 100.0 * fabs(r) * fabs(r) * fabs(r);
  return b > INF_BAD ? INF_BAD : b;
}

/* The line [start, b) broken at B: its natural width less what hangs
 * into the margins, its glue's finite stretch and shrink, its infinite
 * stretch, and the width of its boxes (the hyphen included). */
typedef struct totals {
  double L, y, z, fil, boxes;
  double hang; /* what hangs into the margins (part of BOXES) */
} totals;

static totals line_totals(const lb *s, size_t start, size_t b) {
  const sums *a = &s->pre[start], *e = &s->pre[b];
  totals t = {e->w - a->w, e->y - a->y, e->z - a->z, e->fil - a->fil, e->b - a->b, 0};
  const oct_lb_item *at = &s->it[b];
  if (at->kind == OCT_LB_PENALTY) {
    t.L += at->width;
    t.boxes += at->width;
  }
  if (start < b && s->it[start].kind == OCT_LB_BOX) t.hang += s->it[start].lhang;
  if (at->kind == OCT_LB_PENALTY && at->width > 0)
    t.hang += at->rhang;
  else if (b > start && s->it[b - 1].kind == OCT_LB_BOX)
    t.hang += s->it[b - 1].rhang;
  t.L -= t.hang;
  return t;
}

/* Measures the line [start, b) broken at B as line number LINE. */
static fit_info measure(const lb *s, size_t start, size_t b, size_t line, double extra) {
  fit_info f = {0, 0, FIT_DECENT, false};
  double width = line_width(s, line);
  totals t = line_totals(s, start, b);
  double L = t.L;
  double y = t.y + extra, z = t.z, fil = t.fil;
  /* Font expansion counts as more stretch and shrink, as in pdfTeX. */
  if (!s->p->ragged) {
    y += s->p->expand * t.boxes;
    z += s->p->expand * t.boxes;
  }
  /* Ragged-right lines get TeX's \rightskip-style stretch, so the line
   * choice still weighs how far each line falls short. */
  if (s->p->ragged) y += s->p->ragged_stretch * width;
  /* Sums of decimal widths are inexact: a line that fills the measure to a
   * millionth of a point is exact, not overfull (ragged lines cannot shrink). */
  if (fabs(L - width) <= FIT_EPS) L = width;
  if (L < width) {
    if (fil > 0.5) {
      f.ratio = 0;
      f.bad = 0;
    } else if (y > FIT_EPS) {
      /* (a ragged break's +X and -X leave a rounding residue, ~1e-14,
       * that must not count as stretch: it made a ratio of 1e15) */
      f.ratio = (width - L) / y;
      f.bad = badness(f.ratio);
    } else {
      f.ratio = INFINITY;
      f.bad = INF_BAD;
    }
    f.fit = f.bad > 99 ? FIT_VERY_LOOSE : f.bad > 12 ? FIT_LOOSE : FIT_DECENT;
  } else if (L > width) {
    f.ratio = z > 0 ? (width - L) / z : -INFINITY;
    if (f.ratio < -1) {
      f.overfull = true;
      f.bad = INF_BAD + 1;
    } else {
      f.bad = badness(f.ratio);
    }
    f.fit = f.bad > 12 ? FIT_TIGHT : FIT_DECENT;
  }
  return f;
}

/* TeX's demerits (§859): (l + b)^2, plus or minus the penalty squared, plus
 * the double-hyphen, final-hyphen and adjacent-fitness surcharges. */
static double demerits(const oct_lb_params *p, double bad, const oct_lb_item *at, bool prev_flagged,
                       int fit, int prev_fit) {
  double d = p->line_penalty + bad;
  d = fabs(d) >= 10000 ? 1e8 : d * d;
  if (at->kind == OCT_LB_PENALTY) {
    double pi = at->penalty;
    if (pi > 0)
      d += pi * pi;
    else if (pi > -OCT_LB_INFINITY)
      d -= pi * pi;
    if (at->flagged && prev_flagged) d += p->double_hyphen_demerits;
    /* TeX §859: the paragraph's last line follows a hyphenated one */
    if (pi <= -OCT_LB_INFINITY && prev_flagged) d += p->final_hyphen_demerits;
  }
  if (abs(fit - prev_fit) > 1) d += p->adjacent_demerits;
  return d;
}

static size_t new_passive(lb *s, size_t pos, size_t prev) {
  OCT_GROW(s->pas, s->npas, s->cappas);
  s->pas[s->npas] = (passive){pos, prev};
  return s->npas++;
}

static size_t new_active(lb *s) {
  size_t i;
  if (s->freelist != NONE) {
    i = s->freelist;
    s->freelist = s->pool[i].next;
  } else {
    OCT_GROW(s->pool, s->npool, s->cappool);
    i = s->npool++;
  }
  s->nactive++;
  return i;
}

/* Unlinks CUR (whose predecessor is PREV) and returns the next node. */
static size_t remove_active(lb *s, size_t prev, size_t cur) {
  size_t next = s->pool[cur].next;
  if (prev == NONE)
    s->head = next;
  else
    s->pool[prev].next = next;
  s->pool[cur].next = s->freelist;
  s->freelist = cur;
  s->nactive--;
  return next;
}

/* Nodes whose later lines all have the same width are interchangeable and
 * compete in one group; before that, line numbers must stay apart. */
static size_t line_key(const lb *s, size_t line) {
  return line < s->p->nwidths - 1 ? line : s->p->nwidths - 1;
}

/* Turns the best candidates of one group into active nodes placed after
 * PREV; returns the last node inserted (or PREV). */
static size_t insert_candidates(lb *s, size_t b, candidate best[4], size_t prev, size_t next) {
  double min = AWFUL;
  for (int f = 0; f < 4; f++)
    if (best[f].set && best[f].total < min) min = best[f].total;
  for (int f = 0; f < 4; f++) {
    /* TeX §836: a class more than adjacent_demerits behind can never win. */
    if (!best[f].set || best[f].total > min + s->p->adjacent_demerits) continue;
    size_t i = new_active(s);
    active *a = &s->pool[i];
    a->pos = b;
    a->start = after_break(s, b);
    a->line = best[f].line + 1;
    a->fit = f;
    a->flagged = s->it[b].kind == OCT_LB_PENALTY && s->it[b].flagged;
    a->hyph_run = best[f].hyph_run;
    a->total = best[f].total;
    a->passive = new_passive(s, b, best[f].passive);
    a->next = next;
    if (prev == NONE)
      s->head = i;
    else
      s->pool[prev].next = i;
    prev = i;
  }
  for (int f = 0; f < 4; f++)
    best[f].set = false;
  return prev;
}

static void try_break(lb *s, size_t b, double threshold, double extra, bool final) {
  const oct_lb_item *at = &s->it[b];
  bool forced = forced_at(at);
  candidate best[4] = {
      {0, 0, 0, 0, false}, {0, 0, 0, 0, false}, {0, 0, 0, 0, false}, {0, 0, 0, 0, false}};
  bool flagged = at->kind == OCT_LB_PENALTY && at->flagged;
  bool any = false, group_has = false;
  size_t prev = NONE, cur = s->head;
  size_t key = cur != NONE ? line_key(s, s->pool[cur].line) : 0;
  for (;;) {
    if (cur == NONE || line_key(s, s->pool[cur].line) != key) {
      if (group_has) prev = insert_candidates(s, b, best, prev, cur);
      group_has = false;
      if (cur == NONE) break;
      key = line_key(s, s->pool[cur].line);
    }
    active *a = &s->pool[cur];
    /* A break inside the material discarded after A would make an empty
     * line; only a forced break may do that (two breaks in a row). */
    if (a->start > b || (a->start == b && !forced)) {
      prev = cur;
      cur = a->next;
      continue;
    }
    /* A third hyphenated line in a row is never taken, whatever it saves
     * (a book's rule; the demerits alone only discourage a second). */
    if (flagged && s->p->max_hyphen_run > 0 && a->hyph_run >= s->p->max_hyphen_run && !final) {
      prev = cur;
      cur = a->next;
      continue;
    }
    fit_info f = measure(s, a->start, b, a->line, extra);
    bool deactivate = f.overfull || forced;
    bool artificial = false;
    if (f.overfull || f.bad > threshold) {
      /* TeX §854: in the last pass the only surviving node is broken from
       * anyway, so the paragraph gets an overfull line instead of none. */
      if (final && deactivate && !any && s->nactive == 1) {
        artificial = true;
      } else if (deactivate) {
        cur = remove_active(s, prev, cur);
        continue;
      } else {
        prev = cur;
        cur = a->next;
        continue;
      }
    }
    double d = artificial ? 0 : demerits(s->p, f.bad, at, a->flagged, f.fit, a->fit);
    double total = a->total + d;
    if (!best[f.fit].set || total < best[f.fit].total) {
      best[f.fit] = (candidate){total, a->passive, a->line, flagged ? a->hyph_run + 1 : 0, true};
    }
    any = group_has = true;
    if (deactivate) {
      cur = remove_active(s, prev, cur);
    } else {
      prev = cur;
      cur = a->next;
    }
  }
}

static void reset(lb *s) {
  s->npas = 0;
  s->npool = 0;
  s->freelist = NONE;
  s->head = NONE;
  s->nactive = 0;
}

/* Runs one pass; returns the passive index of the final break of the best
 * chain and its demerits, or NONE when the pass found no way through. */
static size_t run_pass(lb *s, int pass, double threshold, double extra, bool final,
                       double *demerits_out) {
  reset(s);
  size_t i = new_active(s);
  s->pool[i] = (active){NONE, 0, 0, FIT_DECENT, false, 0, 0, new_passive(s, NONE, NONE), NONE};
  s->head = i;
  for (size_t b = 0; b < s->n; b++) {
    if (!legal(s, b, pass)) continue;
    try_break(s, b, threshold, extra, final);
    if (s->nactive == 0) return NONE;
  }
  size_t best = NONE;
  double min = AWFUL;
  for (size_t c = s->head; c != NONE; c = s->pool[c].next)
    if (s->pool[c].pos == s->n - 1 && s->pool[c].total < min) {
      min = s->pool[c].total;
      best = c;
    }
  if (best == NONE) return NONE;
  *demerits_out = min;
  return s->pool[best].passive;
}

static int validate(const oct_lb_item *items, size_t n, const oct_lb_params *p) {
  if (!p || !p->widths || p->nwidths == 0 || (n > 0 && !items)) return -1;
  for (size_t i = 0; i < p->nwidths; i++)
    if (!isfinite(p->widths[i]) || p->widths[i] <= 0) return -1;
  for (size_t i = 0; i < n; i++) {
    const oct_lb_item *it = &items[i];
    if (it->kind != OCT_LB_BOX && it->kind != OCT_LB_GLUE && it->kind != OCT_LB_PENALTY) return -1;
    if (!isfinite(it->width)) return -1;
    /* Negative finite stretch is allowed: it cancels the stretch of a
     * ragged break point when the line does not end there (TeX's
     * \hskip 0pt plus X \penalty P \hskip 0pt plus -X). */
    if (it->kind == OCT_LB_GLUE && (isnan(it->stretch) || it->stretch <= -OCT_LB_FIL ||
                                    !isfinite(it->shrink) || it->shrink < 0))
      return -1;
  }
  if (n > 0 && !forced_at(&items[n - 1])) return -1;
  return 0;
}

static void prefix_sums(lb *s) {
  s->pre = oct_xcalloc(s->n + 1, sizeof *s->pre);
  for (size_t i = 0; i < s->n; i++) {
    sums v = s->pre[i];
    const oct_lb_item *it = &s->it[i];
    if (it->kind == OCT_LB_BOX) {
      v.w += it->width;
      v.b += it->width;
    } else if (it->kind == OCT_LB_GLUE) {
      v.w += it->width;
      if (is_fil(it->stretch))
        v.fil += 1;
      else if (!s->p->ragged)
        v.y += it->stretch;
      /* Ragged lines are set at natural width: spaces never shrink. */
      if (!s->p->ragged) v.z += it->shrink;
    }
    s->pre[i + 1] = v;
  }
}

/* What a drawer applies to the line: the boxes' expansion, as pdfTeX
 * chooses it (the line's ratio times the limit, in whole steps towards
 * zero, so that the glue takes the rest in the same direction), and the
 * glue's ratio for what is left -- relative to the real glue only
 * (emergency and ragged stretch are not drawn), clamped to -1 for an
 * overfull line and 0 for a line that has nothing to stretch. */
static void draw_ratio(const lb *s, size_t start, size_t b, size_t line, oct_lb_line *l) {
  l->ratio = l->expand = 0;
  if (s->p->ragged) return;
  fit_info f = measure(s, start, b, line, 0);
  double E = s->p->expand;
  totals t = line_totals(s, start, b);
  /* (the paragraph's last line is set at its natural width unless it
   * must shrink) */
  if (E > 0 && t.boxes > 0 && (t.fil < 0.5 || f.ratio < 0)) {
    double e = f.ratio > 1 ? E : f.ratio < -1 ? -E : f.ratio * E;
    if (s->p->expand_step > 0) e = trunc(e / s->p->expand_step) * s->p->expand_step;
    l->expand = e;
  }
  /* the hanging marks are expanded too */
  double scaled = t.boxes - t.hang;
  double rest = line_width(s, line) - (t.L + l->expand * scaled);
  /* a tight line whose glue cannot take what the rounding left takes the
   * next step of shrink (never past the limit) */
  while (rest < -t.z - FIT_EPS && l->expand - s->p->expand_step >= -E - FIT_EPS &&
         s->p->expand_step > 0) {
    l->expand -= s->p->expand_step;
    rest = line_width(s, line) - (t.L + l->expand * scaled);
  }
  if (fabs(rest) <= FIT_EPS || (rest > 0 && t.fil >= 0.5)) return;
  double r = rest > 0 ? (t.y > FIT_EPS ? rest / t.y : 0) : (t.z > 0 ? rest / t.z : -1);
  l->ratio = r < -1 ? -1 : r;
}

static void fill_line(const lb *s, oct_lb_line *l, size_t start, size_t b, size_t line) {
  l->start = start;
  l->end = b;
  draw_ratio(s, start, b, line, l);
  l->hyphenated = s->it[b].kind == OCT_LB_PENALTY && s->it[b].flagged;
}

static int collect(lb *s, size_t last, oct_lb_result *r) {
  size_t count = 0;
  for (size_t q = last; s->pas[q].pos != NONE; q = s->pas[q].prev)
    count++;
  r->lines = oct_xcalloc(count ? count : 1, sizeof *r->lines);
  r->nlines = count;
  size_t k = count;
  for (size_t q = last; s->pas[q].pos != NONE; q = s->pas[q].prev)
    r->lines[--k].end = s->pas[q].pos;
  size_t start = 0;
  for (size_t j = 0; j < count; j++) {
    size_t b = r->lines[j].end;
    fill_line(s, &r->lines[j], start, b, j);
    start = after_break(s, b);
  }
  return 0;
}

/* What both breakers do first: check the input and sum the widths.
 * Returns 1 to go on, 0 for an empty paragraph (done), -1 for bad input. */
static int begin(lb *s, const oct_lb_item *items, size_t n, const oct_lb_params *p,
                 oct_lb_result *result) {
  if (!result) return -1;
  memset(result, 0, sizeof *result);
  if (validate(items, n, p) != 0) return -1;
  if (n == 0) return 0;
  memset(s, 0, sizeof *s);
  s->it = items;
  s->n = n;
  s->p = p;
  prefix_sums(s);
  return 1;
}

int oct_linebreak(const oct_lb_item *items, size_t n, const oct_lb_params *p,
                  oct_lb_result *result) {
  lb s;
  int rc = begin(&s, items, n, p, result);
  if (rc <= 0) return rc;
  double dem = 0;
  size_t last = NONE;
  int pass = 0;
  if (p->pretolerance >= 0) {
    pass = 1;
    last = run_pass(&s, 1, p->pretolerance, 0, false, &dem);
  }
  if (last == NONE) {
    pass = 2;
    last = run_pass(&s, 2, p->tolerance, 0, false, &dem);
  }
  if (last == NONE && p->emergency_stretch > 0) {
    pass = 3;
    last = run_pass(&s, 3, p->tolerance, p->emergency_stretch, false, &dem);
  }
  if (last == NONE) {
    pass = 4;
    last =
        run_pass(&s, 4, INF_BAD, p->emergency_stretch > 0 ? p->emergency_stretch : 0, true, &dem);
  }
  rc = -1;
  if (last == NONE) goto out; /* cannot happen: pass 4 always breaks */
  collect(&s, last, result);
  result->pass = pass;
  result->demerits = dem;
  rc = 0;
out:
  free(s.pre);
  free(s.pas);
  free(s.pool);
  return rc;
}

/* First fit, as word processors do: each line takes as much as fits with
 * its glue shrunk at most fully; demerits are computed with the same
 * formula as the optimum so tests can compare the two. */
int oct_linebreak_greedy(const oct_lb_item *items, size_t n, const oct_lb_params *p,
                         oct_lb_result *result) {
  lb s;
  int rc = begin(&s, items, n, p, result);
  if (rc <= 0) return rc;
  size_t cap = 0, count = 0;
  oct_lb_line *lines = NULL;
  size_t start = 0, last_fit = NONE;
  double dem = 0;
  int prev_fit = FIT_DECENT;
  bool prev_flagged = false;
  for (size_t b = 0; b < n; b++) {
    if (!legal(&s, b, 2) || start > b || (start == b && !forced_at(&items[b]))) continue;
    fit_info f = measure(&s, start, b, count, 0);
    size_t brk = NONE;
    if (!f.overfull) {
      last_fit = b;
      if (forced_at(&items[b])) brk = b;
    } else {
      brk = last_fit != NONE ? last_fit : b;
    }
    if (brk == NONE) continue;
    OCT_GROW(lines, count, cap);
    fit_info g = measure(&s, start, brk, count, 0);
    dem += demerits(p, g.bad, &items[brk], prev_flagged, g.fit, prev_fit);
    prev_fit = g.fit;
    prev_flagged = items[brk].kind == OCT_LB_PENALTY && items[brk].flagged;
    fill_line(&s, &lines[count], start, brk, count);
    count++;
    start = after_break(&s, brk);
    last_fit = NONE;
    /* Breaking earlier than B means B must be tried again on the new line. */
    if (brk != b) b = brk;
  }
  result->lines = lines;
  result->nlines = count;
  result->pass = 0; /* not one of the optimum's passes: no tolerance applied */
  result->demerits = dem;
  free(s.pre);
  return 0;
}
