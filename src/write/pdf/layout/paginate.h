/* Page breaking over a vertical list of laid-out lines and blocks.
 * Pure layout, testable without a PDF.  The rules (ARCHITECTURE.md §8):
 *  - no orphan: a paragraph's first line is never alone at the foot of a page
 *    (keep >= 2 lines before a break), no widow: never its last line alone at
 *    the head of a page (keep >= 2 after);
 *  - a heading is never the last thing on a page: it stays with >= 2 lines of
 *    what follows;
 *  - a list item's label line stays with its next line (same as orphan rule);
 *  - explicit keep_with_next for anything else (an image and its caption);
 *  - a page never ends with a hyphenated line (TeX's \brokenpenalty, here
 *    as a rule): the word would be read across the turn of the page;
 *  - a table that fits on a page is never split; a longer one keeps at
 *    least two body rows on each side of a break;
 *  - vertical space at the top of a page is discarded;
 *  - a table continued from the page before opens the page with a copy of
 *    its header row, which counts in the page's height (a page holding
 *    only the copy, when the copy and the row do not fit together, passes
 *    the row on without another).
 * When the rules cannot be met (a block taller than a page), the page is
 * filled and broken anyway rather than overflowing. */
#ifndef OCTAVO_PDF_PAGINATE_H
#define OCTAVO_PDF_PAGINATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define OCT_V_NONE SIZE_MAX /* no item */

typedef enum oct_vkind {
  OCT_V_LINE,    /* a line of a paragraph / list item / quote / code block */
  OCT_V_HEADING, /* a line of a heading */
  OCT_V_BLOCK,   /* an unbreakable block: image, table row, rule */
  OCT_V_SPACE,   /* vertical space between blocks; dropped at a page top */
} oct_vkind;

typedef struct oct_vitem {
  oct_vkind kind;
  double height;          /* vertical advance in points */
  unsigned group;         /* lines of one paragraph share a group id (widow/orphan) */
  bool keep_with_next;    /* never break right after this item */
  bool page_break_before; /* force a new page before this item */
  bool is_header;         /* a table's header row, repeated where its table continues */
  size_t header_back;     /* a table's body row: its header row is this many items before
                             it; 0: none */
  bool hyphenated;        /* a line that ends in a hyphen: never the last of a page */
  bool table_row;         /* a row of a table (consecutive rows of one GROUP are one table) */
} oct_vitem;

typedef struct oct_pages {
  size_t *starts; /* index of the first item of each page (a page holding only a
                     repeated header shares it with the next page) */
  size_t *repeat; /* per page: the header row drawn above its first item, or OCT_V_NONE */
  size_t npages;
} oct_pages;

/* Returns 0 and fills PAGES (free with oct_pages_free), -1 on bad input.
 * FIRST_PAGE_HEIGHT lets page 1 be shorter (title block). */
int oct_paginate(const oct_vitem *items, size_t n, double first_page_height, double page_height,
                 oct_pages *pages);

void oct_pages_free(oct_pages *pages);

#endif
