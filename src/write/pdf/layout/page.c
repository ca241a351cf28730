/* The page: from the paper, the margin and the size the options ask for
 * (0 for each: A4, automatic, the style's), the text block and where the
 * running head and the page number go, by the style's proportions. */
#include <math.h>

#include "write/pdf/layout/layout.h"

int oct_page_setup(oct_page_geom *g, const oct_style *S, oct_fontset *fs, double width,
                   double height, double margin, double size, oct_error *err) {
  double W = width > 0 ? width : 210 * OCT_MM;
  double H = height > 0 ? height : 297 * OCT_MM;
  if (size <= 0) size = S->fontsize;
  double side, top, bottom;
  if (margin > 0) {
    side = top = margin;
    bottom = margin * S->footmargin;
  } else {
    /* the average character of running text, from a pangram's letters and spaces */
    static const char pangram[] = "the quick brown fox jumps over the lazy dog";
    double avg = oct_fontset_width(fs, OCT_FACE_SERIF, pangram, sizeof pangram - 1) /
                 (double)(sizeof pangram - 1) * size;
    side = (W - S->charsperline * avg) / 2;
    if (side < S->minsidemargin * W) side = S->minsidemargin * W;
    top = H * S->topmargin;
    bottom = H * S->bottommargin;
  }
  double measure = W - 2 * side;
  if (measure < size * S->minhsize || H - top - bottom < size * S->minhsize)
    return oct_error_set(err, "PDF: the margins leave no room for text on a %.0fx%.0f mm page",
                         W / OCT_MM, H / OCT_MM);
  *g = (oct_page_geom){.width = W,
                       .height = H,
                       .left = side,
                       .top = top,
                       .measure = measure,
                       .text_height = H - top - bottom,
                       .size = size,
                       /* a tenth of a point: positions stay short decimals */
                       .leading = round(size * S->baselineskip * 10) / 10,
                       .head_size = size * S->headsize,
                       .folio_size = size * S->foliosize};
  g->head_base = g->height - g->top + g->head_size * S->headsep;
  g->head_rule = g->head_base - g->head_size * S->headrule;
  /* the folio's baseline half way down the bottom margin */
  g->folio_base = (g->height - g->top - g->text_height) / 2;
  return 0;
}
