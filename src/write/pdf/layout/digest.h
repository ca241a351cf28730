/* Building one vertical list out of many articles' (a digest, issue 13):
 * each article is laid out on its own by oct_layout_document, on any
 * thread; these append the finished lists one after another, with the
 * few lines a digest adds itself (part titles, contents entries, rules).
 * Pure layout, like the rest of this library. */
#ifndef OCTAVO_PDF_LAYOUT_DIGEST_H
#define OCTAVO_PDF_LAYOUT_DIGEST_H

#include "write/pdf/layout/layout.h"

/* Appends SRC's lines, items, text, links and images to DST: its
 * paragraphs' groups are renumbered after *GROUPS (which advances) and its
 * headings' outline levels go SHIFT deeper (at most 6).  Returns the index
 * of SRC's first line in DST. */
size_t oct_layout_append(oct_layout *dst, const oct_layout *src, int shift, unsigned *groups);

/* One line LEAD tall holding S in FACE at SIZE and GRAY, X from the block's
 * left and at most WIDTH wide: cut at a word and marked with an ellipsis
 * when longer; characters FACE lacks are left out.  With NUMBER_ROOM > 0
 * the line also holds an empty right-aligned number at the block's right
 * edge (MEASURE), for oct_layout_set_number, and the text stops that much
 * before it.  Returns the line's index. */
size_t oct_layout_add_line(oct_layout *L, oct_fontset *fs, oct_face face, double size, float gray,
                           const char *s, double x, double width, double lead, oct_vkind kind,
                           unsigned group, double number_room, double measure);
/* Sets the number of line I (made with NUMBER_ROOM) to N, right-aligned at
 * MEASURE. */
void oct_layout_set_number(oct_layout *L, oct_fontset *fs, size_t i, unsigned long n,
                           double measure);
/* Vertical space H (dropped at a page's top). */
void oct_layout_add_space(oct_layout *L, double h, unsigned group);
/* A rule THICKNESS thick, W wide from X, in a line H tall. */
size_t oct_layout_add_rule(oct_layout *L, double x, double w, double thickness, float gray,
                           double h, unsigned group);

#endif
