/* Knuth–Plass total-fit line breaking over boxes, glue and penalties.
 * Pure layout: widths are in points and come from the caller, so this is
 * tested without fonts or a PDF. */
#ifndef OCTAVO_PDF_LINEBREAK_H
#define OCTAVO_PDF_LINEBREAK_H

#include <stdbool.h>
#include <stddef.h>

#define OCT_LB_INFINITY 10000 /* a penalty >= this forbids a break, <= -this forces one */
/* Glue stretch from this on counts as infinite (TeX's \hfil): the glue that
 * ends a paragraph. */
#define OCT_LB_FIL 1e6

typedef enum oct_lb_kind { OCT_LB_BOX, OCT_LB_GLUE, OCT_LB_PENALTY } oct_lb_kind;

typedef struct oct_lb_item {
  oct_lb_kind kind;
  double width;   /* box: its width; glue: natural width; penalty: width added if broken here
                     (the hyphen) */
  double stretch; /* glue only; a finite negative stretch cancels an earlier one */
  double shrink;  /* glue only */
  int penalty;    /* penalty only */
  bool flagged;   /* penalty only: a hyphenation break (double-hyphen demerits) */
  size_t ref;     /* caller's own index (e.g. the run a box came from) */
  /* Character protrusion (pdfTeX's \lpcode/\rpcode): how far, in points,
   * this box's first character may hang into the left margin when it
   * starts a line and its last character into the right margin when it
   * ends one; for a flagged penalty, rhang is the inserted hyphen's. */
  double lhang, rhang;
} oct_lb_item;

/* The parameters TeX's line breaker has; oct_style_linebreak (style.h)
 * fills them from the style.  Penalties are not here: they are on the
 * items the caller builds. */
typedef struct oct_lb_params {
  const double *widths; /* line widths: line i uses widths[min(i, nwidths-1)] */
  size_t nwidths;
  double pretolerance;        /* first pass, no hyphenation (\pretolerance); < 0 skips it */
  double tolerance;           /* second pass, with hyphenation (\tolerance) */
  double emergency_stretch;   /* third pass: extra stretch per line, in points */
  double ragged_stretch;      /* ragged-right: \rightskip stretch, fraction of the line width */
  int line_penalty;           /* \linepenalty */
  int double_hyphen_demerits; /* \doublehyphendemerits */
  int adjacent_demerits;      /* \adjdemerits: fitness classes more than one apart */
  bool ragged;                /* ragged-right: lines are set at natural width */
  int final_hyphen_demerits;  /* \finalhyphendemerits: the last full line hyphenated */
  int max_hyphen_run;         /* at most this many hyphenated lines in a row; 0: no limit */
  /* Font expansion (pdfTeX's \pdfadjustspacing 2): every box may be set up
   * to EXPAND wider or narrower (a fraction, 0: off), counted as extra
   * stretch and shrink of its line while breaking; each line's expansion
   * is then a multiple of EXPAND_STEP.  Justified lines only. */
  double expand, expand_step;
} oct_lb_params;

typedef struct oct_lb_line {
  size_t start;  /* first item of the line (after discarding glue/penalties at a break) */
  size_t end;    /* the break item: the line holds items [start, end) and, when end is a
                    flagged penalty, the hyphen */
  double ratio;  /* adjustment ratio of the glue: >0 stretch, <0 shrink; 0 for ragged lines */
  double expand; /* the boxes are set 1 + expand times their width (font expansion) */
  bool hyphenated;
} oct_lb_line;

typedef struct oct_lb_result {
  oct_lb_line *lines;
  size_t nlines;
  int pass; /* 1, 2 or 3: which pass found the breaks (4 = overfull fallback) */
  double demerits;
} oct_lb_result;

/* ITEMS must end with the usual paragraph end (glue with infinite stretch,
 * then a forced penalty), which the caller appends.  Returns 0,
 * or -1 only for malformed input. The caller frees RESULT->lines. */
int oct_linebreak(const oct_lb_item *items, size_t n, const oct_lb_params *p,
                  oct_lb_result *result);
/* A greedy first-fit breaker with the same output, for comparison in tests. */
int oct_linebreak_greedy(const oct_lb_item *items, size_t n, const oct_lb_params *p,
                         oct_lb_result *result);

#endif
