/* Internal to the plain-text reader: the line and block model shared by
 * text.c (lines, header, paragraphs, lists) and text_heading.c (which
 * one-line blocks are section headings).  Not a public interface. */
#ifndef OCTAVO_READ_TEXT_LINES_H
#define OCTAVO_READ_TEXT_LINES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "read/reader_common.h"
#include "util/util.h"

enum { K_TEXT, K_ITEM, K_BREAK, K_QUOTE };

/* Longest line that can still be part of a hard-wrapped paragraph; beyond
 * it a line is a paragraph of its own (web copy puts one per line). */
#define WRAP_MAX 100
#define HEADING_MAX_CHARS 100
#define HEADING_MAX_WORDS 16

typedef struct tline {
  const char *s; /* trimmed content */
  size_t len;
  size_t chars; /* code points in the trimmed content */
  int indent;   /* columns of leading white space */
  int width;    /* widest wrapped-length line (indent + chars) in its run of non-blank lines */
  int lineno;
  bool blank_before; /* a blank (or dropped) line precedes it */
  bool empty_before; /* an empty line (not a dropped one) since the kept line above */
  unsigned char gap; /* empty lines right before it (not counting dropped ones), at most 255 */
  unsigned char kind;
  unsigned char boiler; /* 2: boilerplate if it stands alone ("Sign up for ...") */
  bool ordered;
  char delim;                          /* ordered: '.' or ')'; bullets: the ASCII marker or 0 */
  int num;                             /* ordered: the item number */
  bool alpha;                          /* ordered by letters: a) b) c) */
  size_t body;                         /* items: offset of the item text in s */
  unsigned char lead_tabs, trail_tabs; /* tabs trimmed off its start and end, at most 255 */
} tline;

/* What the whole document shows about its layout, measured once before any
 * block is read. */
typedef struct tprofile {
  int wrap;           /* hard-wrap width in columns, or 0: one line per block */
  int body_indent;    /* indent of most prose lines: 3 in a lynx dump, else 0 */
  bool blank_sep;     /* blocks are set apart by blank lines */
  int refs;           /* entries of a lynx References list (its "[n]" marks are dropped) */
  const char *author; /* the byline's name, or NULL: a line naming it is a credit */
  const char *title;  /* the title, or NULL: a line repeating it is no section's */
} tprofile;

/* Blocks: runs of lines read as one unit. */
enum { B_PARA, B_LIST, B_QUOTE, B_BREAK, B_UNDERLINED, B_NUMBERED, B_CODE, B_TABLE };

typedef struct tblock {
  size_t first, end; /* lines [first, end) */
  unsigned char kind;
  bool heading; /* a one-line B_PARA or B_NUMBERED made a section heading */
} tblock;

/* A quote that may close a sentence: straight, curly or a guillemet. */
static inline bool tl_closing_quote(uint32_t c) {
  return c == '"' || c == '\'' || c == 0x201D || c == 0x2019 || c == 0xBB;
}

typedef struct tspan {
  const char *s;
  size_t n;
} tspan;

/* Splits S into space-separated words; returns the count (at most MAX). */
static inline size_t tl_words(const char *s, size_t n, tspan *w, size_t max) {
  size_t c = 0, i = 0;
  while (i < n && c < max) {
    while (i < n && s[i] == ' ')
      i++;
    if (i >= n) break;
    size_t j = i;
    while (j < n && s[j] != ' ')
      j++;
    w[c].s = s + i;
    w[c].n = j - i;
    c++;
    i = j;
  }
  return c;
}

/* A lynx link number "[12]" at s[i]: its length, or 0. */
static inline size_t tl_link_mark(const char *s, size_t n, size_t i) {
  if (i >= n || s[i] != '[') return 0;
  size_t j = i + 1;
  while (j < n && j - i <= 5 && oct_ascii_digit(s[j]))
    j++;
  return j > i + 1 && j < n && s[j] == ']' ? j + 1 - i : 0;
}

/* ---- text_heading.c ---------------------------------------------------------- */

/* Short, unpunctuated, capitalised: could be a heading or a subtitle. */
bool oct_text_heading_shape(const char *s, size_t n, size_t chars, bool lynx);

/* Does the line S (N bytes) name TITLE again: all of it, or three words
 * or more of its beginning or its end (a headline repeated without the
 * site's name)?  Letters and digits are compared, not punctuation. */
bool oct_text_title_again(const char *s, size_t n, const char *title);

/* Page furniture: link text and buttons ("Copy link", "Read more", "Most
 * viewed"), never a heading (see text_heading.c). */
bool oct_text_furniture(const char *s, size_t n);

/* A release's line of release notes: "4.2.0 (2024-05-14)", "v2.1" (see
 * text_heading.c). */
bool oct_text_version_line(const char *s, size_t n);

/* The depth of a section number that starts S ("2.1.3. ", "B.4.1 "), its
 * first MAXN numbers into NUM and its length with the space after it into
 * LEN (may be NULL); 0 for none (see text.c). */
int oct_text_section_number(const char *s, size_t n, int *num, int maxn, size_t *len);

/* The length of a leading "Label:" ("Soil: moist", "Cost: about ten
 * euros"), colon included, or 0 (see text.c). */
size_t oct_text_label_len(const char *s, size_t n);

/* A line of program code (see text_heading.c). */
bool oct_text_code_like(const char *s, size_t n);

/* Decides which one-line blocks of B are section headings, from the
 * evidence of the whole document. */
void oct_text_find_headings(const tline *v, size_t n, tblock *b, size_t nb, const tprofile *p);

#endif
