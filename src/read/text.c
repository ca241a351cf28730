/* The plain-text article reader (ARCHITECTURE.md §11): text copied from a web page
 * or typed by hand -> document tree.
 *
 * Two passes over the lines.  The first trims and classifies every line
 * (item, scene break, quote, text), drops boilerplate and remembers only
 * whether a blank line came before it, so a file of ten million newlines
 * costs nothing.  The second reads the header block (title, byline,
 * subtitle) and then the body blocks.  Every decision looks at most a few
 * lines ahead and every line is consumed once: the reader is linear in the
 * input whatever its shape.  Lists are kept flat and quotes one level deep,
 * so hostile nesting cannot reach the builder's depth limit. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "read/read.h"
#include "read/smart.h"
#include "read/text_lines.h"

#define TITLE_MAX_CHARS 200
/* A deck (standfirst) under the title: a sentence or two, not a paragraph. */
#define DECK_MAX_CHARS 320

typedef struct ctx {
  oct_builder b;
  oct_buf tmp;  /* joined block text */
  oct_buf tmp2; /* smart-punctuated runs */
} ctx;

/* ---- small character helpers ------------------------------------------ */

/* Leading white space: spaces, tabs, form feeds and no-break spaces. */
static size_t ws_len(const char *s, size_t n, size_t i) {
  if (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\f')) return 1;
  if (i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0) return 2;
  return 0;
}

static bool ends_with_ws(const char *s, size_t n) {
  if (n >= 1 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\f')) return true;
  return n >= 2 && (unsigned char)s[n - 2] == 0xC2 && (unsigned char)s[n - 1] == 0xA0;
}

static void trim(const char **s, size_t *n) {
  size_t i = 0, k;
  while ((k = ws_len(*s, *n, i)) > 0)
    i += k;
  *s += i;
  *n -= i;
  while (*n > 0 && ends_with_ws(*s, *n))
    *n -= (*s)[*n - 1] == '\xA0' ? 2 : 1;
}

/* ---- counters, boilerplate ---------------------------------------------- */

static bool is_count(tspan w) {
  size_t i = 0, digits = 0;
  while (i < w.n && (oct_ascii_digit(w.s[i]) || ((w.s[i] == '.' || w.s[i] == ',') && digits))) {
    digits += oct_ascii_digit(w.s[i]);
    i++;
  }
  if (!digits) return false;
  if (i < w.n && (w.s[i] == 'K' || w.s[i] == 'k' || w.s[i] == 'M' || w.s[i] == 'm')) i++;
  return i == w.n;
}

static bool word_in(tspan w, const char *const *list) {
  size_t n = w.n;
  while (n > 0 && strchr(".,:;", w.s[n - 1]))
    n--;
  for (; *list; list++)
    if (rd_equals_ci(w.s, n, *list)) return true;
  return false;
}

static const char *const counter_units[] = {
    "views", "view",  "comments",  "comment", "shares",    "share", "likes",
    "like",  "reads", "reactions", "replies", "responses", NULL};
static const char *const minute_words[] = {"min", "mins", "minute", "minutes", NULL};
static const char *const read_words[] = {"read", NULL};

/* How many words starting at W[i] form a view/comment/reading-time counter
 * ("45 views", "1.2K views", "3 comments", "5 min read"); 0 if none. */
static size_t counter_at(const tspan *w, size_t nw, size_t i) {
  if (!is_count(w[i]) || i + 1 >= nw) return 0;
  if (word_in(w[i + 1], counter_units)) return 2;
  if (i + 2 < nw && word_in(w[i + 1], minute_words) && word_in(w[i + 2], read_words)) return 3;
  return 0;
}

#define MAX_WORDS 64

/* Removes counters from S and writes what remains (words joined by single
 * spaces) to OUT.  Returns the number of counters removed. */
static int strip_counters(const char *s, size_t n, oct_buf *out) {
  tspan w[MAX_WORDS];
  size_t nw = tl_words(s, n, w, MAX_WORDS);
  int removed = 0;
  oct_buf_clear(out);
  for (size_t i = 0; i < nw;) {
    size_t c = counter_at(w, nw, i);
    if (c) {
      removed++;
      i += c;
      continue;
    }
    if (out->len) oct_buf_putc(out, ' ');
    oct_buf_put(out, w[i].s, w[i].n);
    i++;
  }
  return removed;
}

static int read_int(const char *s, size_t n, size_t *i, int *ndigits) {
  int v = 0, d = 0;
  while (*i < n && oct_ascii_digit(s[*i]) && d < 9) {
    v = v * 10 + (s[*i] - '0');
    (*i)++;
    d++;
  }
  *ndigits = d;
  return v;
}

/* Words that introduce a date in a byline or a dateline (word_in drops a
 * trailing colon: "Date:", "Updated:"). */
static const char *const date_intro[] = {"on",   "posted", "published", "updated", "last",
                                         "date", "dated",  "modified",  NULL};

/* Lines a web page wraps around an article; matched after lower-casing and
 * stripping trailing ":.!»›→>|" so "Related:" and "Read more »" match too. */
static const char *const boiler_exact[] = {
    "share", "share this", "share this article", "share this post", "share this story",
    "share this page", "share article", "tweet", "advertisement", "advertisment", "sponsored",
    "sponsored content", "related", "related articles", "related posts", "related stories",
    "related content", "related reading", "you may also like", "you might also like",
    "recommended for you", "more stories", "read more", "read next", "continue reading",
    "subscribe", "subscribe now", "subscribe to our newsletter", "sign up for our newsletter",
    "click here to subscribe", "leave a comment", "leave a reply", "skip to content",
    "skip to main content", "back to top", "follow us", "print this article",
    /* blog platforms' chrome around a story */
    "follow", "listen", "member-only story", "open in app", "sign in", "sign up", "get started",
    "top highlight", "\xC2\xB7", "\xE2\x80\xA2", "|",
    /* Ukrainian and Russian pages; strncasecmp
     * folds only ASCII, so both cases */
    "\xD0\x9F\xD0\xBE\xD0\xB4\xD1\x96\xD0\xBB\xD0\xB8\xD1\x82\xD0\xB8\xD1\x81\xD1\x8F",
    "\xD0\xBF\xD0\xBE\xD0\xB4\xD1\x96\xD0\xBB\xD0\xB8\xD1\x82\xD0\xB8\xD1\x81\xD1\x8F",
    "\xD0\x9F\xD0\xBE\xD0\xB4\xD0\xB5\xD0\xBB\xD0\xB8\xD1\x82\xD1\x8C\xD1\x81\xD1\x8F",
    "\xD0\xBF\xD0\xBE\xD0\xB4\xD0\xB5\xD0\xBB\xD0\xB8\xD1\x82\xD1\x8C\xD1\x81\xD1\x8F",
    "\xD0\xA0\xD0\xB5\xD0\xBA\xD0\xBB\xD0\xB0\xD0\xBC\xD0\xB0",
    "\xD1\x80\xD0\xB5\xD0\xBA\xD0\xBB\xD0\xB0\xD0\xBC\xD0\xB0",
    "\xD0\xA7\xD0\xB8\xD1\x82\xD0\xB0\xD0\xB9\xD1\x82\xD0\xB5 "
    "\xD1\x82\xD0\xB0\xD0\xBA\xD0\xBE\xD0\xB6",
    "\xD0\xA7\xD0\xB8\xD1\x82\xD0\xB0\xD0\xB9\xD1\x82\xD0\xB5 "
    "\xD1\x82\xD0\xB0\xD0\xBA\xD0\xB6\xD0\xB5",
    "\xD0\xA1\xD1\x85\xD0\xBE\xD0\xB6\xD1\x96 \xD1\x81\xD1\x82\xD0\xB0\xD1\x82\xD1\x82\xD1\x96",
    "\xD0\x9F\xD0\xBE\xD1\x85\xD0\xBE\xD0\xB6\xD0\xB8\xD0\xB5 "
    "\xD1\x81\xD1\x82\xD0\xB0\xD1\x82\xD1\x8C\xD0\xB8",
    NULL};
/* Prefixes that make a line boilerplate whatever follows. */
static const char *const boiler_prefix[] = {"read more:",
                                            "read more \xC2\xBB",
                                            "related:",
                                            "tags:",
                                            "tagged:",
                                            "tagged with",
                                            "filed under",
                                            "categories:",
                                            "category:",
                                            "topics:",
                                            "also read:",
                                            "read also:",
                                            "see also:",
                                            "advertisement:",
                                            "\xD0\xA7\xD0\xB8\xD1\x82\xD0\xB0\xD0\xB9\xD1\x82\xD0"
                                            "\xB5 \xD1\x82\xD0\xB0\xD0\xBA\xD0\xBE\xD0\xB6:",
                                            "\xD0\xA7\xD0\xB8\xD1\x82\xD0\xB0\xD0\xB9\xD1\x82\xD0"
                                            "\xB5 \xD1\x82\xD0\xB0\xD0\xBA\xD0\xB6\xD0\xB5:",
                                            "\xD0\xA2\xD0\xB5\xD0\xB3\xD0\xB8:",
                                            "\xD0\x9C\xD1\x96\xD1\x82\xD0\xBA\xD0\xB8:",
                                            "\xD0\x9C\xD0\xB5\xD1\x82\xD0\xBA\xD0\xB8:",
                                            NULL};
/* Prefixes that do so only on a short line (a sentence may begin so). */
static const char *const boiler_short_prefix[] = {"share on ",
                                                  "share to ",
                                                  "share via ",
                                                  "follow us on ",
                                                  "click here to ",
                                                  "subscribe to ",
                                                  "sign up for ",
                                                  "sign up to ",
                                                  "join our newsletter",
                                                  "advertisement ",
                                                  NULL};

/* 1: a boilerplate line; 2: boilerplate only if it stands alone ("Sign up
 * for ..." may be the first line of a wrapped paragraph); 0: text. */
static int is_boilerplate(const char *s, size_t n, oct_buf *scratch) {
  const char *t = s;
  size_t k = n;
  /* trailing decorations: "Read more »", "Continue reading →", "Share:" */
  for (;;) {
    const unsigned char *u = (const unsigned char *)t;
    if (k > 0 && (strchr(":.!>| ", t[k - 1]) && t[k - 1] != '\0'))
      k -= 1;
    else if (k >= 2 && u[k - 2] == 0xC2 && (u[k - 1] == 0xBB || u[k - 1] == 0xA0))
      k -= 2; /* » and no-break space */
    else if (k >= 3 && u[k - 3] == 0xE2 && u[k - 2] == 0x80 &&
             (u[k - 1] == 0xBA || u[k - 1] == 0xA6))
      k -= 3; /* › and … */
    else if (k >= 3 && u[k - 3] == 0xE2 && u[k - 2] == 0x86 && u[k - 1] == 0x92)
      k -= 3; /* → */
    else
      break;
  }
  for (const char *const *p = boiler_exact; *p; p++)
    if (rd_equals_ci(t, k, *p)) return 1;
  for (const char *const *p = boiler_prefix; *p; p++)
    if (rd_prefix_ci(s, n, *p)) return 1;
  if (n <= 80)
    for (const char *const *p = boiler_short_prefix; *p; p++)
      if (rd_prefix_ci(s, n, *p)) return 2;
  /* a lone counter: "45 views", "1.2K views · 3 comments" */
  if (n <= 80 && oct_ascii_digit(s[0])) {
    if (strip_counters(s, n, scratch) > 0) {
      bool rest = false;
      for (size_t i = 0; i < scratch->len; i++) {
        unsigned char c = (unsigned char)scratch->data[i];
        if (c != ' ' && c != '|' && c != 0xC2 && c != 0xB7 && c != 0xE2 && c != 0x80 && c != 0xA2)
          rest = true;
      }
      if (!rest) return 1;
    }
  }
  return 0;
}

/* ---- line classification ---------------------------------------------- */

static bool is_break_line(const char *s, size_t n) {
  if (n < 3) return false;
  char mark = s[0];
  if (!strchr("*-~_=", mark)) return false;
  int count = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == mark)
      count++;
    else if (s[i] != ' ' && s[i] != '\t')
      return false;
  }
  return count >= 3;
}

/* Bullet markers: • · – ◦ ▪ ● ‣ ⁃ and the ASCII - * o +; w3m draws nested
 * levels with □ ☆ ○ ■ (its UTF-8 defaults), lynx with * + o. */
static size_t bullet_len(const char *s, size_t n, char *ascii) {
  static const char *const marks[] = {"\xE2\x80\xA2",
                                      "\xC2\xB7",
                                      "\xE2\x80\x93",
                                      "\xE2\x97\xA6",
                                      "\xE2\x96\xAA",
                                      "\xE2\x97\x8F",
                                      "\xE2\x80\xA3",
                                      "\xE2\x81\x83",
                                      "\xE2\x96\xA1",
                                      "\xE2\x98\x86",
                                      "\xE2\x97\x8B",
                                      "\xE2\x96\xA0",
                                      NULL};
  *ascii = 0;
  if (n >= 1 && (s[0] == '-' || s[0] == '*' || s[0] == 'o' || s[0] == '+')) {
    *ascii = s[0];
    return 1;
  }
  for (const char *const *m = marks; *m; m++)
    if (rd_prefix_ci(s, n, *m)) return strlen(*m);
  return 0;
}

static void classify(tline *l) {
  const char *s = l->s;
  size_t n = l->len;
  l->kind = K_TEXT;
  if (is_break_line(s, n)) {
    l->kind = K_BREAK;
    return;
  }
  if (n >= 1 && s[0] == '>') {
    l->kind = K_QUOTE;
    return;
  }
  char ascii;
  size_t m = bullet_len(s, n, &ascii);
  size_t after = m;
  if (m > 0 && ws_len(s, n, m) > 0) {
    l->ordered = false;
    l->delim = ascii;
  } else {
    size_t i = 0;
    int nd;
    int v = read_int(s, n, &i, &nd);
    /* at most three digits: "2006. Retrieved ..." is a year that a wrap
     * put at the start of a line, not item 2006 */
    if (nd > 0 && nd <= 3 && i < n && (s[i] == '.' || s[i] == ')')) {
      l->num = v;
    } else if (n >= 2 && s[0] >= 'a' && s[0] <= 'z' && s[1] == ')') {
      i = 1;
      l->num = s[0] - 'a' + 1;
      l->alpha = true;
    } else {
      return;
    }
    l->delim = s[i];
    l->ordered = true;
    after = i + 1;
    if (ws_len(s, n, after) == 0) return;
  }
  size_t k;
  while ((k = ws_len(s, n, after)) > 0)
    after += k;
  if (after >= n) return; /* a marker with nothing after it is just text */
  l->kind = K_ITEM;
  l->body = after;
}

/* Trims S[0..N) into *T, *TN; returns the indent in columns (a tab runs
 * to the next multiple of four). */
static int trimmed_line(const char *s, size_t n, const char **t, size_t *tn) {
  int indent = 0;
  size_t i = 0, k;
  while ((k = ws_len(s, n, i)) > 0) {
    indent += s[i] == '\t' ? 4 - indent % 4 : 1;
    i += k;
  }
  *t = s;
  *tn = n;
  trim(t, tn);
  return indent;
}

/* Line S (SN bytes, number LINENO) as a trimmed, classified tline: false
 * when it is blank or boilerplate.  QUOTED strips its "> " markers. */
static bool read_line(const char *s, size_t sn, bool quoted, int lineno, oct_buf *scratch,
                      tline *l) {
  if (quoted) {
    /* every ">" and the spaces between them: quotes are kept one level */
    while (sn > 0 && (s[0] == '>' || s[0] == ' '))
      s++, sn--;
  }
  const char *t;
  size_t tn;
  int indent = trimmed_line(s, sn, &t, &tn);
  memset(l, 0, sizeof *l); /* l->s stays NULL on an empty line */
  if (tn == 0) return false;
  l->s = t;
  l->len = tn;
  l->indent = indent;
  /* a table's empty cells at either end of a row (see tab_cells) */
  for (const char *c = s; c < t && l->lead_tabs < 255; c++)
    l->lead_tabs += *c == '\t';
  for (const char *c = t + tn; c < s + sn && l->trail_tabs < 255; c++)
    l->trail_tabs += *c == '\t';
  l->lineno = lineno;
  classify(l);
  if (quoted && l->kind == K_QUOTE) l->kind = K_TEXT;
  const char *bs = l->kind == K_ITEM ? t + l->body : t;
  size_t bn = l->kind == K_ITEM ? tn - l->body : tn;
  int boiler = l->kind != K_BREAK ? is_boilerplate(bs, bn, scratch) : 0;
  if (boiler == 1) return false;
  l->boiler = (unsigned char)boiler;
  l->chars = oct_utf8_count(t, tn);
  return true;
}

/* A line this long that ends without a full stop was cut mid-sentence by
 * a wrap: a hard-wrapped paragraph's lines run 60-80 characters. */
#define CUT_LINE_MIN_CHARS 50

/* "Sign up for ..." alone is chrome; as the first line of a wrapped
 * paragraph (the next line goes on with a lower-case word, or this one
 * was cut mid-sentence) it is the paragraph's start and stays.  Returns
 * the lines left. */
static size_t drop_lone_boilerplate(tline *v, size_t n) {
  size_t m = 0;
  bool dropped = false, empty = false;
  for (size_t r = 0; r < n; r++) {
    if (v[r].boiler == 2) {
      bool wrapped = r + 1 < n && !v[r + 1].blank_before && v[r + 1].kind == K_TEXT &&
                     (rd_lower(rd_cp_at(v[r + 1].s, v[r + 1].len, 0, NULL)) ||
                      (v[r].chars >= CUT_LINE_MIN_CHARS && !strchr(".!?", v[r].s[v[r].len - 1])));
      if (!wrapped) {
        dropped = true;
        empty |= v[r].empty_before;
        continue;
      }
    }
    v[m] = v[r];
    if (dropped) v[m].blank_before = true;
    v[m].empty_before |= empty;
    dropped = empty = false;
    m++;
  }
  return m;
}

/* The widest line of each run of lines: a hard-wrapped paragraph's lines
 * end short only where the next word did not fit.  Computed once here so
 * the reader stays linear. */
static void set_run_widths(tline *v, size_t n) {
  for (size_t r = 0; r < n;) {
    size_t e = r + 1;
    while (e < n && !v[e].blank_before)
      e++;
    int width = 0;
    for (size_t k = r; k < e; k++) {
      int w = v[k].indent + (int)v[k].chars;
      if (v[k].chars <= WRAP_MAX && w > width) width = w;
    }
    for (size_t k = r; k < e; k++)
      v[k].width = width;
    r = e;
  }
}

/* Splits UTF8 into trimmed, classified, non-blank lines; boilerplate lines
 * count as blank.  QUOTED strips one level of "> " markers first. */
static tline *split_lines(const char *utf8, size_t len, bool quoted, size_t *count,
                          oct_buf *scratch) {
  size_t cap = 0, n = 0;
  tline *v = NULL;
  bool blank = true, had_empty = false;
  int lineno = 0, empty = 0;
  for (size_t pos = 0; pos < len;) {
    const char *eol = memchr(utf8 + pos, '\n', len - pos);
    size_t end = eol ? (size_t)(eol - utf8) : len;
    tline l;
    bool kept = read_line(utf8 + pos, end - pos, quoted, ++lineno, scratch, &l);
    pos = end + 1;
    if (!kept) {
      blank = true;
      had_empty |= !l.s;
      /* a dropped line ends a run of empty ones */
      empty = l.s ? 0 : empty < UCHAR_MAX ? empty + 1 : empty;
      continue;
    }
    l.blank_before = blank;
    l.empty_before = had_empty;
    had_empty = false;
    l.gap = (unsigned char)empty;
    blank = false;
    empty = 0;
    OCT_GROW(v, n, cap);
    v[n++] = l;
  }
  n = drop_lone_boilerplate(v, n);
  set_run_widths(v, n);
  *count = n;
  return v;
}

/* ---- inline content ----------------------------------------------------- */

static bool url_start(const char *s, size_t n, size_t i) {
  if (i > 0) {
    unsigned char p = (unsigned char)s[i - 1];
    if (oct_ascii_alpha(p)) return false;
    if (oct_ascii_digit((char)p) || strchr("/.@-_:%+=&#", p)) return false;
  }
  const char *p = s + i;
  size_t m = n - i;
  size_t k = rd_prefix_ci(p, m, "https://")  ? 8
             : rd_prefix_ci(p, m, "http://") ? 7
             : rd_prefix_ci(p, m, "www.")    ? 4
                                             : 0;
  if (!k || k >= m) return false;
  unsigned char c = (unsigned char)p[k];
  return c > ' ' && c != '<' && c != '>' && c != '"' && c != '.' && c != '/';
}

/* Where the URL starting at s[i] ends: at white space or a delimiter, less
 * trailing punctuation and unbalanced closing brackets. */
static size_t url_end(const char *s, size_t n, size_t i) {
  size_t j = i;
  while (j < n) {
    unsigned char c = (unsigned char)s[j];
    if (c <= ' ' || c == '<' || c == '>' || c == '"' || c == '`') break;
    if (c == 0xC2 && j + 1 < n &&
        ((unsigned char)s[j + 1] == 0xA0 || (unsigned char)s[j + 1] == 0xAB ||
         (unsigned char)s[j + 1] == 0xBB))
      break;
    if (c == 0xE2 && j + 2 < n && (unsigned char)s[j + 1] == 0x80 &&
        ((unsigned char)s[j + 2] >= 0x98 && (unsigned char)s[j + 2] <= 0x9D))
      break; /* curly quotes */
    if (c == 0xE2 && j + 2 < n && (unsigned char)s[j + 1] == 0x80 &&
        ((unsigned char)s[j + 2] == 0x93 || (unsigned char)s[j + 2] == 0x94 ||
         (unsigned char)s[j + 2] == 0xA6))
      break; /* dashes and ellipsis */
    j++;
  }
  /* Bracket balance is counted once and updated as characters are peeled
   * off, so a URL ending in a million ")" stays linear. */
  long paren = 0, square = 0;
  for (size_t k = i; k < j; k++) {
    paren += s[k] == '(' ? 1 : s[k] == ')' ? -1 : 0;
    square += s[k] == '[' ? 1 : s[k] == ']' ? -1 : 0;
  }
  while (j > i) {
    char c = s[j - 1];
    if (c != '\0' && strchr(".,;:!?'*", c)) {
      j--;
    } else if (c == ')' && paren < 0) {
      paren++;
      j--;
    } else if (c == ']' && square < 0) {
      square++;
      j--;
    } else {
      break;
    }
  }
  return j;
}

/* Adds S as inline content of the current block: bare URLs become links
 * (their text never passes through smart punctuation), the rest is made
 * typographic. */
static void inlines(ctx *c, oct_smart *sm, const char *s, size_t n) {
  size_t run = 0, i = 0;
  while (i < n) {
    char ch = s[i] | 0x20;
    if ((ch == 'h' || ch == 'w') && url_start(s, n, i)) {
      size_t e = url_end(s, n, i);
      size_t scheme = rd_prefix_ci(s + i, n - i, "www.") ? 0 : 1;
      /* need something after the scheme or "www." besides punctuation */
      if (e > i + (scheme ? (s[i + 4] == 's' || s[i + 4] == 'S' ? 8 : 7) : 4)) {
        rd_put_text(&c->b, sm, &c->tmp2, s + run, i - run);
        oct_node *link = oct_builder_push(&c->b, OCT_NODE_LINK);
        if (link) {
          char *url = scheme ? oct_xstrndup(s + i, e - i)
                             : oct_xasprintf("http://%.*s", (int)(e - i), s + i);
          oct_node_set_url(link, url);
          free(url);
          oct_builder_text(&c->b, s + i, e - i);
          oct_builder_pop(&c->b);
        }
        sm->prev = (unsigned char)s[e - 1];
        i = run = e;
        continue;
      }
    }
    i++;
  }
  rd_put_text(&c->b, sm, &c->tmp2, s + run, n - run);
}

/* ---- document profile ---------------------------------------------------- */

/* Is S an entry of lynx's link list: "12. https://..." (any URL scheme)? */
static bool reference_entry(const char *s, size_t n) {
  size_t i = 0;
  while (i < n && oct_ascii_digit(s[i]))
    i++;
  if (i == 0 || i + 2 >= n || s[i] != '.' || s[i + 1] != ' ') return false;
  i += 2;
  size_t j = i;
  while (j < n && (oct_ascii_alnum(s[j]) || s[j] == '+' || s[j] == '-' || s[j] == '.'))
    j++;
  return j > i + 1 && j < n && s[j] == ':';
}

/* `lynx -dump` ends with "References" and the numbered URLs of the page's
 * links, whose numbers it writes into the text as "[12]".  Both are the
 * dump's apparatus, not the article: returns the length of the text before
 * the list (LEN when there is none) and sets *COUNT to its entries.  Scans
 * from the end, so it reads only the list. */
static size_t lynx_references(const char *s, size_t len, int *count) {
  size_t end = len;
  int entries = 0;
  *count = 0;
  while (end > 0) {
    size_t start = end;
    while (start > 0 && s[start - 1] != '\n')
      start--;
    const char *t;
    size_t tn;
    int indent = trimmed_line(s + start, end - start, &t, &tn);
    if (tn == 0 || rd_equals_ci(t, tn, "visible links:") || rd_equals_ci(t, tn, "hidden links:")) {
      /* blank lines and lynx's two sub-titles */
    } else if (reference_entry(t, tn)) {
      entries++;
    } else {
      if (entries > 0 && indent == 0 && tn == 10 && memcmp(t, "References", 10) == 0) {
        *count = entries;
        return start;
      }
      return len;
    }
    if (start == 0) break;
    end = start - 1;
  }
  return len;
}

static int first_word_chars(const tline *l) {
  size_t i = 0, k;
  int c = 0;
  while (i < l->len && l->s[i] != ' ') {
    rd_cp_at(l->s, l->len, i, &k);
    i += k;
    c++;
  }
  return c;
}

static bool has_gap(const char *s, size_t n) {
  for (size_t i = 0; i + 1 < n; i++)
    if ((s[i] == ' ' && s[i + 1] == ' ') || s[i] == '\t') return true;
  return false;
}

/* The length of S without the citation marks that end it ("[41]",
 * "[n 4]", "^[12]": short bracketed groups, w3m's with a caret). */
static size_t cites_end(const char *s, size_t n) {
  while (n >= 3 && s[n - 1] == ']') {
    size_t i = n - 1;
    while (i > 0 && s[i] != '[' && n - i <= 8)
      i--;
    if (s[i] != '[' || i == 0) break;
    n = i;
    if (s[n - 1] == '^') n--;
  }
  return n;
}

/* The layout's thresholds, measured on the development set (w3m and lynx
 * dumps, web copy with and without blank lines, typed text). */
/* Prose lines: 30 characters or more (shorter ones are headings, labels,
 * list entries: their indent says nothing of the margin). */
#define PROSE_MIN_CHARS 30
/* The wrap width is what 95 % of the lines fit in. */
#define WRAP_FIT_PERCENT 95
/* Text whose long lines (past WRAP_MAX) hold 30 % of its characters is
 * not wrapped at all: each line is a block (web copy, innerText). */
#define UNWRAPPED_LONG_PERCENT 30
/* The margin is measured on continuation lines when they carry a fifth
 * of the prose: there an indent marks first lines. */
#define CONT_MIN_PERCENT 20
/* An indent is the margin when 60 % of the prose holds it, and it is no
 * deeper than 8 columns (w3m sets a table's wrapped cells 15 in). */
#define MARGIN_MIN_PERCENT 60
#define MARGIN_MAX_COLUMNS 8
/* Blank lines set blocks apart when one comes after a third of the
 * sentences that end a line (w3m and lynx: 60-90 %; one line per block
 * with no blank lines: under 5 %), counted when there are three such
 * ends; with fewer, when a quarter of the lines have one before them. */
#define ENDS_MIN 3
#define ENDS_APART_ONE_IN 3
#define BLANK_LINES_ONE_IN 4

enum { MAXW = 4 * WRAP_MAX, MAXI = 16 };

/* What profile_of counts in its one pass over the lines, in fixed-size
 * histograms. */
typedef struct layout_counts {
  size_t widths[MAXW + 1]; /* prose lines by width (indent + characters) */
  size_t indents[MAXI];    /* characters of prose lines by indent */
  size_t cont[MAXI];       /* the same, of lines that go on the line above */
  size_t lines, chars;     /* prose lines and their characters */
  size_t long_chars;       /* characters of lines past WRAP_MAX */
  size_t ends, ends_apart; /* sentences ending a line before text; with a blank line between */
} layout_counts;

static void count_layout(const tline *v, size_t n, layout_counts *c) {
  memset(c, 0, sizeof *c);
  int item_indent = -1; /* indent of the list item the line is in, or -1 */
  for (size_t i = 0; i < n; i++) {
    const tline *l = &v[i];
    if (l->kind != K_TEXT && l->kind != K_ITEM) continue;
    /* the wrap width is measured on prose: a table laid out in columns
     * (two spaces inside the line) may run past it */
    bool gap = has_gap(l->s, l->len);
    if (!gap) {
      int w = l->indent + (int)l->chars;
      c->widths[w > MAXW ? MAXW : w]++;
      c->lines++;
      c->chars += l->chars;
      if (l->chars > WRAP_MAX) c->long_chars += l->chars;
    }
    /* characters by indent, of prose lines (no columns, not inside a list
     * item) and of those that go on the line above (in text with indented
     * first lines those sit at the margin) */
    if (l->kind == K_ITEM)
      item_indent = l->indent;
    else if (l->indent <= item_indent)
      item_indent = -1;
    if (l->kind == K_TEXT && item_indent < 0 && l->chars >= PROSE_MIN_CHARS && !gap) {
      int ind = l->indent < MAXI ? l->indent : MAXI - 1;
      c->indents[ind] += l->chars;
      if (!l->blank_before && i > 0 && v[i - 1].kind == K_TEXT) c->cont[ind] += l->chars;
    }
    /* a sentence ending a line before a line of text: does a blank line
     * come between?  Not counted: a line before an item and a table row
     * (columns): lists and tables are set without one (a Wikipedia
     * page's lists, references and infobox rows end in full stops by the
     * hundred); citation marks after the full stop ("...in 1852.[41]")
     * are looked through */
    if (i + 1 < n && v[i + 1].kind == K_TEXT && !gap) {
      size_t m = cites_end(l->s, l->len);
      uint32_t e = rd_last_cp(l->s, m);
      if (tl_closing_quote(e)) e = rd_last_cp(l->s, rd_last_start(l->s, m));
      if (e == '.' || e == '!' || e == '?') {
        c->ends++;
        c->ends_apart += v[i + 1].empty_before;
      }
    }
  }
}

/* The hard-wrap width in columns, or 0 when the text is not wrapped. */
static int wrap_of(const layout_counts *c) {
  size_t seen = 0;
  int fit = 0;
  for (int k = 0; k <= MAXW; k++) {
    seen += c->widths[k];
    if (seen * 100 >= c->lines * WRAP_FIT_PERCENT) {
      fit = k;
      break;
    }
  }
  return fit > WRAP_MAX || c->long_chars * 100 >= c->chars * UNWRAPPED_LONG_PERCENT ? 0 : fit;
}

/* The indent of most prose (lynx sets prose 3 columns in), or 0. */
static int margin_of(const layout_counts *c, bool wrapped) {
  size_t all = 0, all_cont = 0;
  for (int k = 0; k < MAXI; k++) {
    all += c->indents[k];
    all_cont += c->cont[k];
  }
  const size_t *h = wrapped && all_cont * 100 >= all * CONT_MIN_PERCENT ? c->cont : c->indents;
  size_t best = 0, total = 0;
  int margin = 0;
  for (int k = 0; k < MAXI; k++) {
    total += h[k];
    if (h[k] > best) {
      best = h[k];
      margin = k;
    }
  }
  return best * 100 < total * MARGIN_MIN_PERCENT || margin > MARGIN_MAX_COLUMNS ? 0 : margin;
}

/* Measures the layout the whole document shows (see tprofile). */
static void profile_of(const tline *v, size_t n, int refs, tprofile *p) {
  layout_counts c;
  count_layout(v, n, &c);
  memset(p, 0, sizeof *p);
  p->refs = refs;
  p->wrap = wrap_of(&c);
  p->body_indent = margin_of(&c, p->wrap > 0);
  size_t blank_lines = 0;
  for (size_t i = 1; i < n; i++)
    blank_lines += v[i].empty_before;
  p->blank_sep = c.ends >= ENDS_MIN ? c.ends_apart * ENDS_APART_ONE_IN >= c.ends
                                    : blank_lines * BLANK_LINES_ONE_IN >= n;
}

/* ---- blocks -------------------------------------------------------------- */

/* "Heading" over a line of "=" or "-": underlined the way typewritten
 * text (and Markdown) does it. */
static bool underlined(const tline *v, size_t n, size_t i) {
  return v[i].kind == K_TEXT && i + 1 < n && v[i + 1].kind == K_BREAK && !v[i + 1].blank_before &&
         (v[i + 1].s[0] == '=' || v[i + 1].s[0] == '-');
}

static bool heading_shape(const tline *l, const tprofile *p) {
  return l->kind == K_TEXT && oct_text_heading_shape(l->s, l->len, l->chars, p->refs > 0);
}

/* Would the first word of NEXT have fitted after L within WIDTH columns? */
static bool room_for_next(const tline *l, const tline *next, int width) {
  return l->indent + (int)l->chars + 1 + first_word_chars(next) <= width;
}

static int wrap_width(const tline *l, const tprofile *p) {
  return l->width > p->wrap ? l->width : p->wrap;
}

/* May item line V[j] start a list right after paragraph line V[j-1]? */
static bool item_interrupts(const tline *v, size_t n, size_t j, const tprofile *p) {
  const tline *l = &v[j];
  /* nothing is wrapped, or the item sits at its own indent (lynx puts
   * items 5 columns in, prose 3): the line cannot go on a sentence */
  if (p->wrap == 0 || l->indent != v[j - 1].indent) return true;
  uint32_t prev_end = rd_last_cp(v[j - 1].s, v[j - 1].len);
  if (prev_end == ':') return true;
  /* a wrapped sentence may put " - " or "12." at the start of a line */
  if (j + 1 < n && !v[j + 1].blank_before && v[j + 1].kind == K_ITEM &&
      v[j + 1].ordered == l->ordered)
    return true;
  if (l->ordered) return false;
  /* "o" is a word in Spanish and Italian, "-" and "–" are dashes, "+" a plus */
  return l->delim != '-' && l->delim != 'o' && l->delim != '+' &&
         !(l->s[0] == '\xE2' && l->len > 2 && l->s[2] == '\x93');
}

/* In hard-wrapped text a line ends short only because the next word did
 * not fit.  If the next line's first word would have fitted, the short line
 * ended its block: a paragraph when it ends a sentence, else a heading, a
 * caption or a line break.  Eight columns of slack for the latter, since
 * the wrap width is an estimate and a false break splits a sentence. */
static bool ends_paragraph(const tline *prev, const tline *next, const tprofile *p) {
  int width = wrap_width(prev, p);
  if (width < 40) return false;
  size_t n = prev->len;
  uint32_t e = rd_last_cp(prev->s, n);
  if (tl_closing_quote(e)) e = rd_last_cp(prev->s, rd_last_start(prev->s, n));
  if (e == '.' || e == '!' || e == '?' || e == 0x2026) return room_for_next(prev, next, width);
  if (rd_lower(rd_cp_at(next->s, next->len, 0, NULL)) || e == '-' || e == ',') return false;
  return room_for_next(prev, next, width - 8);
}

/* Does line J start a new block of the paragraph that began at line I,
 * by its indent? */
static bool indent_breaks(const tline *v, size_t i, size_t j, const tprofile *p) {
  const tline *prev = &v[j - 1], *l = &v[j];
  /* an indented first line, or a deeper block (lynx: quotes, items) */
  if (l->indent > prev->indent) return true;
  /* back to the margin: the second line of a paragraph with an indented
   * first line, or (lynx) a heading or code at column 0 after prose */
  if (l->indent < prev->indent) return !(j - 1 == i && l->indent == p->body_indent);
  return false;
}

/* The end of the paragraph starting at line I. */
/* The most characters of a line kept as a line of its own in a block of
 * short lines ("1 large onion, finely chopped"): half a line of prose. */
#define KEPT_LINE_MAX 60

/* Columns inside a line: a tab, or two spaces that do not follow the end
 * of a sentence (a typist's two spaces after a full stop are no column). */
static bool column_gap(const char *s, size_t n) {
  for (size_t i = 0; i + 1 < n; i++)
    if (s[i] == '\t' || (s[i] == ' ' && s[i + 1] == ' ' && (i == 0 || !strchr(".!?:", s[i - 1]))))
      return true;
  return false;
}

/* Line I is in a table: a row in columns stands above it in its run of
 * lines (one-cell rows of a table under its header row are rows, not kept
 * lines).  Looks back a few lines only, so the reader stays linear. */
static bool under_row(const tline *v, size_t i) {
  for (size_t k = i, seen = 0; k > 0 && !v[k].blank_before && seen < 8; k--, seen++)
    if (column_gap(v[k - 1].s, v[k - 1].len)) return true;
  return false;
}

/* The cells of a line copied from a table: a browser joins a row's cells
 * with tabs, empty ones too (w3m, lynx and typists line cells up with
 * spaces, which says less: spaces also line up verse and lists).  Returns
 * how many cells, or 0 for a line with no tab between two words (a line
 * indented with a tab is no row). */
static size_t tab_cells(const tline *l) {
  if (l->kind != K_TEXT) return 0;
  size_t inner = 0;
  for (size_t i = 0; i < l->len; i++)
    inner += l->s[i] == '\t';
  return inner ? inner + 1 + l->lead_tabs + l->trail_tabs : 0;
}

/* The most cells a row of a tab table has: no table of the development
 * set has more than ten columns; a wider line is text with tabs in it. */
#define TABLE_MAX_COLS 32
/* The most cells of all the tables of a document: a cell is three nodes
 * where a line of a paragraph is one, so past this (a hundred times a long
 * article's tables) rows stay lines of text and a hostile file of "a<TAB>b"
 * lines costs what any file of short lines does. */
#define TABLE_MAX_CELLS 100000

/* A table copied from a page: two rows or more, one a line, at the prose's
 * margin, every row with as many cells as the first (a browser copies a
 * row's empty cells as tabs, so only the first row, the header, may start
 * with an empty corner cell), no blank line between them.  Rows of one
 * width keep the table's cells as many as its tabs: no row is padded.
 * Returns its end, or I. */
static size_t table_end(const tline *v, size_t n, size_t i, const tprofile *p) {
  size_t cols = tab_cells(&v[i]), j = i;
  if (cols == 0 || cols > TABLE_MAX_COLS) return i;
  while (j < n && (j == i || (!v[j].blank_before && v[j].lead_tabs == 0)) &&
         tab_cells(&v[j]) == cols && v[j].indent - 4 * v[j].lead_tabs <= p->body_indent + 1)
    j++;
  return j - i >= 2 ? j : i;
}

/* The run of lines from I to the next blank line, when its lines were
 * broken on purpose: two or more lines of text, most of them short, none
 * past two short lines, no columns, not under a table's row.  Returns the
 * run's end, or I.  Decided once for the whole run: one long line among
 * short ones does not cut a recipe's ingredients in three. */
static size_t kept_run(const tline *v, size_t n, size_t i) {
  size_t j = i, short_lines = 0;
  for (; j < n && (j == i || !v[j].blank_before); j++) {
    const tline *l = &v[j];
    if (l->kind != K_TEXT || l->chars > 2 * KEPT_LINE_MAX || column_gap(l->s, l->len)) return i;
    short_lines += l->chars <= KEPT_LINE_MAX;
  }
  return j - i >= 2 && short_lines * 3 >= (j - i) * 2 && !under_row(v, i) ? j : i;
}

static size_t para_end(const tline *v, size_t n, size_t i, const tprofile *p) {
  /* nothing is wrapped, and blank lines set blocks apart: short lines kept
   * together are one block whose lines were broken on purpose (a recipe's
   * ingredients, an address, verse) */
  if (p->wrap == 0 && p->blank_sep && v[i].blank_before) {
    size_t r = kept_run(v, n, i);
    if (r > i) return r;
  }
  size_t j = i + 1;
  for (; j < n; j++) {
    const tline *l = &v[j];
    if (l->blank_before || l->kind == K_BREAK || l->kind == K_QUOTE) break;
    if (l->kind == K_ITEM && item_interrupts(v, n, j, p)) break;
    /* nothing is wrapped: every line is a block; a single long line is a
     * paragraph of its own */
    if (p->wrap == 0 || v[j - 1].chars > WRAP_MAX || l->chars > WRAP_MAX) break;
    if (indent_breaks(v, i, j, p) || ends_paragraph(&v[j - 1], l, p)) break;
  }
  return j;
}

/* Appends line S to the joined text in BUF, unwrapping a hard line break;
 * MARKS drops lynx's "[12]" link numbers. */
static void join_line(oct_buf *buf, const char *s, size_t n, bool marks) {
  if (buf->len > 0) {
    char last = buf->data[buf->len - 1];
    bool hyphen_wrap = last == '-' && buf->len >= 2 && oct_ascii_alpha(buf->data[buf->len - 2]) &&
                       n > 0 && oct_ascii_alpha(s[0]);
    if (!hyphen_wrap) oct_buf_putc(buf, ' ');
  }
  /* tabs and form feeds inside a line are spacing, not characters a
   * writer should have to draw */
  size_t run = 0;
  for (size_t i = 0; i < n; i++) {
    size_t k = marks ? tl_link_mark(s, n, i) : 0;
    if (s[i] == '\t' || s[i] == '\f' || k) {
      oct_buf_put(buf, s + run, i - run);
      if (!k) oct_buf_putc(buf, ' ');
      run = i + (k ? k : 1);
      if (k) i += k - 1;
    }
  }
  oct_buf_put(buf, s + run, n - run);
}

static void set_line(oct_node *node, int line) {
  if (node) oct_node_set_line(node, line);
}

static size_t paragraph(ctx *c, const tline *v, size_t i, size_t end, const tprofile *p) {
  set_line(oct_builder_push(&c->b, OCT_NODE_PARAGRAPH), v[i].lineno);
  oct_smart sm;
  oct_smart_init(&sm);
  /* lines of an unwrapped text kept as lines (see para_end) are set with a
   * line break between them; wrapped lines are joined */
  bool kept = p->wrap == 0;
  oct_buf_clear(&c->tmp);
  for (size_t j = i; j < end; j++) {
    if (kept && j > i) {
      inlines(c, &sm, c->tmp.data, c->tmp.len);
      oct_buf_clear(&c->tmp);
      oct_builder_leaf(&c->b, OCT_NODE_LINE_BREAK);
      sm.prev = ' '; /* a line starts as after a space: its opening quote opens */
    }
    join_line(&c->tmp, v[j].s, v[j].len, p->refs > 0);
  }
  inlines(c, &sm, c->tmp.data, c->tmp.len);
  oct_builder_pop(&c->b);
  return end;
}

/* A leading "Label:" in a list item or a line: short, capitalised, no
 * sentence punctuation before the colon, and text after it.  Returns the
 * label's length including the colon, or 0. */
size_t oct_text_label_len(const char *s, size_t n) {
  size_t k;
  if (n == 0 || !rd_upper(rd_cp_at(s, n, 0, &k))) return 0;
  size_t limit = n < 60 ? n : 60;
  int spaces = 0;
  for (size_t i = 0; i < limit; i++) {
    char ch = s[i];
    if (ch == ':') {
      if (i + 1 >= n || s[i + 1] != ' ' || i + 2 >= n) return 0;
      return i + 1;
    }
    if (ch == '.' || ch == ',' || ch == ';' || ch == '!' || ch == '?' || ch == '(') return 0;
    if (ch == ' ' && ++spaces > 5) return 0;
  }
  return 0;
}

/* A change of numbering style (1. / 1) / a)) starts a new list; bullets of
 * any shape continue one. */
static bool same_list(const tline *a, const tline *b) {
  if (a->ordered != b->ordered) return false;
  return !a->ordered || (a->delim == b->delim && a->alpha == b->alpha);
}

/* The lines of the item at V[J]: its own and its wrapped continuation
 * lines, indented under the item (w3m, lynx, typed text) or, in wrapped
 * text, following a line the next word did not fit on. */
static size_t item_end(const tline *v, size_t n, size_t j, const tprofile *p) {
  const tline *it = &v[j];
  size_t k = j + 1;
  int column = it->indent + (int)oct_utf8_count(it->s, it->body); /* where its text starts */
  while (k < n && !v[k].blank_before) {
    const tline *l = &v[k], *prev = &v[k - 1];
    /* a wrapped line may start with a dash ("- TechRepublic"): at the
     * item's text column after a full line it goes on the item; a nested
     * item is indented further */
    if (l->kind == K_ITEM && !(l->delim == '-' && l->indent == column && p->wrap > 0 &&
                               !room_for_next(prev, l, wrap_width(prev, p))))
      break;
    if (l->kind != K_TEXT && l->kind != K_ITEM) break;
    bool cont =
        l->indent > it->indent ||
        (p->wrap > 0 && l->indent == it->indent && prev->chars >= 40 && prev->chars <= WRAP_MAX &&
         l->chars <= WRAP_MAX && !room_for_next(prev, l, wrap_width(prev, p)));
    if (!cont) break;
    k++;
  }
  return k;
}

/* Builds the paragraph of the item at V[J] inside the open list item;
 * returns the next line. */
static size_t item_paragraph(ctx *c, const tline *v, size_t n, size_t j, const tprofile *p) {
  const tline *it = &v[j];
  size_t end = item_end(v, n, j, p);
  if (!c) return end;
  bool marks = p->refs > 0;
  oct_buf_clear(&c->tmp);
  join_line(&c->tmp, it->s + it->body, it->len - it->body, marks);
  for (size_t k = j + 1; k < end; k++)
    join_line(&c->tmp, v[k].s, v[k].len, marks);
  set_line(oct_builder_push(&c->b, OCT_NODE_PARAGRAPH), it->lineno);
  oct_smart sm;
  oct_smart_init(&sm);
  size_t lab = oct_text_label_len(c->tmp.data, c->tmp.len);
  if (lab) {
    oct_builder_push(&c->b, OCT_NODE_STRONG);
    rd_put_text(&c->b, &sm, &c->tmp2, c->tmp.data, lab);
    oct_builder_pop(&c->b);
  }
  inlines(c, &sm, c->tmp.data + lab, c->tmp.len - lab);
  oct_builder_pop(&c->b);
  return end;
}

/* The last character of S but closing brackets and quotes: what ends
 * its sentence, if one does ("He said “go.”" ends in "."). */
static uint32_t sentence_stop(const char *s, size_t n) {
  for (uint32_t ch; n > 0 && ((ch = rd_last_cp(s, n)) == ')' || ch == ']' || tl_closing_quote(ch));)
    n = rd_last_start(s, n);
  return n ? rd_last_cp(s, n) : 0;
}

/* The item's next paragraphs from V[J]: after a blank line, at COLUMN,
 * where its text starts (-1: none), when the items stand in from the
 * prose (w3m and lynx set an item of two paragraphs so: "  • Websites" /
 * "" / "    SQLite works great as ..."; an RFC's "1.  Introduction" at
 * the margin has its section's text at that column).  Returns the line
 * after them. */
static size_t item_more(ctx *c, const tline *v, size_t n, size_t j, int column, const tprofile *p) {
  while (column >= 0 && j < n && v[j].blank_before && v[j].kind == K_TEXT &&
         v[j].indent == column) {
    size_t e = para_end(v, n, j, p);
    /* prose: wrapped, or a sentence (its stop before closing quotes and
     * brackets); a short line alone there is a heading or a link set
     * inside the item ("Web Audio Editor" over its text in a list of
     * tools), which the heading evidence reads */
    uint32_t stop = sentence_stop(v[e - 1].s, v[e - 1].len);
    if (e == j + 1 && stop != '.' && stop != '!' && stop != '?' && stop != ':') break;
    if (c) paragraph(c, v, j, e, p);
    j = e;
  }
  return j;
}

/* Items indented past the list's first item (by two columns or more) form
 * a list inside the item above them.  Only one level is kept: deeper
 * indentation joins the inner list, so hostile indentation cannot nest. */
static bool nested_item(const tline *l, int base) { return l->indent >= base + 2; }

/* Reads the list starting at V[I] and returns its end; builds it unless C
 * is NULL (the same walk measures a list and builds it).  OUTER_BASE is
 * the indent of the enclosing list's items, or -1 for a top-level list. */
static size_t list(ctx *c, const tline *v, size_t n, size_t i, int outer_base, const tprofile *p) {
  const tline *first = &v[i];
  int base = outer_base < 0 ? first->indent : outer_base;
  if (c) {
    oct_node *lst =
        oct_builder_push(&c->b, first->ordered ? OCT_NODE_ORDERED_LIST : OCT_NODE_BULLET_LIST);
    set_line(lst, first->lineno);
    if (lst && first->ordered) {
      oct_node_set_list_start(lst, first->num);
      oct_node_set_list_delim(lst, first->delim);
    } else if (lst && first->delim) {
      /* "o" and lynx's "+" stand for bullets */
      oct_node_set_list_delim(lst, first->delim == 'o' || first->delim == '+' ? '*' : first->delim);
    }
  }
  size_t j = i;
  /* an item numbered below the one before starts a list of its own ("1.
   * Introduction" after a list that reached "5.": a numbered section, or
   * the next list); the same number again is a writer's lazy "1." "1." */
  int last = first->num;
  while (j < n && v[j].kind == K_ITEM && same_list(first, &v[j]) &&
         !(first->ordered && v[j].num < last) &&
         (outer_base < 0 ? !nested_item(&v[j], base) : nested_item(&v[j], base))) {
    last = v[j].num;
    if (c) set_line(oct_builder_push(&c->b, OCT_NODE_LIST_ITEM), v[j].lineno);
    int column = v[j].indent + (int)oct_utf8_count(v[j].s, v[j].body);
    bool inset = v[j].indent > p->body_indent;
    j = item_paragraph(c, v, n, j, p);
    /* the item's next paragraphs and its nested lists, in any order */
    for (size_t before = SIZE_MAX; before != j;) {
      before = j;
      j = item_more(c, v, n, j, inset ? column : -1, p);
      while (outer_base < 0 && j < n && v[j].kind == K_ITEM && nested_item(&v[j], base))
        j = list(c, v, n, j, base, p);
    }
    if (c) oct_builder_pop(&c->b);
  }
  if (c) oct_builder_pop(&c->b);
  return j;
}

static void blocks(ctx *c, const tline *v, size_t n, bool quoted, const tprofile *p);

static size_t quote_end(const tline *v, size_t n, size_t i) {
  size_t j = i + 1;
  while (j < n && v[j].kind == K_QUOTE && !v[j].blank_before)
    j++;
  return j;
}

static void quote(ctx *c, const tline *v, size_t i, size_t j) {
  /* the quote runs over consecutive ">" lines; its inside is read again as
   * text with the markers stripped, with its own layout */
  const char *start = v[i].s;
  const char *end = v[j - 1].s + v[j - 1].len;
  set_line(oct_builder_push(&c->b, OCT_NODE_BLOCK_QUOTE), v[i].lineno);
  oct_buf scratch = OCT_BUF_INIT;
  size_t m;
  tline *sub = split_lines(start, (size_t)(end - start), true, &m, &scratch);
  for (size_t k = 0; k < m; k++)
    sub[k].lineno += v[i].lineno - 1;
  tprofile p;
  profile_of(sub, m, 0, &p);
  blocks(c, sub, m, true, &p);
  free(sub);
  oct_buf_free(&scratch);
  oct_builder_pop(&c->b);
}

/* The text of item L has a heading's shape ("2. Background", not "2.
 * statement grouping is done by indentation;"). */
static bool item_heading_shape(const tline *l, const tprofile *p) {
  tline body = *l;
  body.s += body.body;
  body.len -= body.body;
  body.chars = oct_utf8_count(body.s, body.len);
  body.kind = K_TEXT;
  return heading_shape(&body, p);
}

/* "2. Background" standing alone with a paragraph (not the next item)
 * after it may number a section rather than a list; the heading evidence
 * decides. */
static bool numbered_candidate(const tline *v, size_t n, size_t i, const tprofile *p) {
  if (!v[i].ordered || i + 1 >= n || v[i + 1].kind != K_TEXT || item_end(v, n, i, p) != i + 1)
    return false;
  /* without blank lines, a line right under an item of the same list is
   * its next item; under a bulleted one it starts something new */
  if (p->blank_sep ? !(v[i].blank_before && v[i + 1].blank_before)
                   : (i > 0 && v[i - 1].kind == K_ITEM && !v[i].blank_before &&
                      same_list(&v[i - 1], &v[i]) && v[i].num >= v[i - 1].num))
    return false;
  return item_heading_shape(&v[i], p);
}

/* Cuts the lines into blocks: paragraphs, lists, quotes, breaks. */
/* A line of prose: five words or more, four in five of them made of
 * letters only ("Two roads diverged in a yellow wood,"). */
static bool prose_line(const char *s, size_t n) {
  tspan w[32];
  size_t nw = tl_words(s, n, w, 32), letters = 0;
  for (size_t k = 0; k < nw; k++) {
    bool all = true;
    for (size_t b = 0; b < w[k].n && all; b++) {
      unsigned char ch = (unsigned char)w[k].s[b];
      all = oct_ascii_alpha(ch) || ch >= 0x80 || ch == '\'' ||
            (b + 1 == w[k].n && strchr(",.;:!?", ch));
    }
    letters += all;
  }
  return nw >= 5 && letters * 5 >= nw * 4;
}

/* A command as manuals print one: a word with a path, an option, an
 * assignment or a prompt in it ("go install example.org/x@latest", "--port",
 * "a=b", "$ make"), or one to three words in lower case ("cd tidemark"). */
static bool command_line(const char *s, size_t n) {
  tspan w[8];
  size_t nw = tl_words(s, n, w, 8);
  bool lower = nw <= 3;
  for (size_t k = 0; k < nw; k++) {
    if (w[k].s[0] == '-' || w[k].s[0] == '$' || w[k].s[0] == '.') return true;
    for (size_t b = 0; b < w[k].n; b++) {
      char ch = w[k].s[b];
      if (strchr("/=_@~<>|", ch)) return true;
      lower &= !(ch >= 'A' && ch <= 'Z') && (unsigned char)ch < 0x80;
    }
  }
  return nw > 0 && lower;
}

/* Lines set four columns or more past the prose's margin, a block of
 * their own between blank lines: code, a command and its output, as README
 * files and manuals indent them, when every line looks like code or a
 * command, or when a line announces them (":") and none is prose.  An
 * indented quotation, verse or an address after "wrote:" is prose; lines
 * under a list item go on the item (w3m and lynx indent an item's
 * paragraphs); a block in columns is a table.  Returns the block's end,
 * or I when it is no such block. */
static size_t code_end(const tline *v, size_t n, size_t i, const tprofile *p) {
  if (i > 0 && (v[i - 1].kind == K_ITEM || v[i - 1].indent > p->body_indent)) return i;
  bool announced = i > 0 && rd_last_cp(v[i - 1].s, v[i - 1].len) == ':', all = true, any = false;
  size_t columns = 0, j = i;
  for (; j < n && (j == i || !v[j].blank_before); j++) {
    const tline *l = &v[j];
    if (l->indent < p->body_indent + 4 || l->kind == K_BREAK || l->kind == K_QUOTE) return i;
    if (prose_line(l->s, l->len)) return i;
    bool like = oct_text_code_like(l->s, l->len) || command_line(l->s, l->len);
    uint32_t e = sentence_stop(l->s, l->len);
    if ((e == '.' || e == '!' || e == '?') && !like) return i;
    all &= like;
    any |= like;
    columns += column_gap(l->s, l->len) && !like;
  }
  bool code = all || (announced && any);
  /* most lines in columns: a table, whose rows are blocks of their own */
  return code && columns * 3 < (j - i) * 2 ? j : i;
}

static size_t segment(const tline *v, size_t n, bool quoted, const tprofile *p, tblock *out) {
  size_t nb = 0, i = 0, cells_left = TABLE_MAX_CELLS;
  while (i < n) {
    const tline *l = &v[i];
    tblock b = {i, i + 1, B_PARA, false};
    switch (l->kind) {
    case K_BREAK:
      b.kind = B_BREAK;
      break;
    case K_QUOTE:
      b.kind = B_QUOTE;
      b.end = quote_end(v, n, i);
      break;
    case K_ITEM:
      if (!quoted && numbered_candidate(v, n, i, p)) {
        b.kind = B_NUMBERED;
      } else {
        b.kind = B_LIST;
        b.end = list(NULL, v, n, i, -1, p);
      }
      break;
    default:
      if (!quoted && underlined(v, n, i) && l->blank_before && l->chars <= HEADING_MAX_CHARS) {
        b.kind = B_UNDERLINED;
        b.end = i + 2;
      } else if (!quoted && p->blank_sep && l->blank_before && (b.end = code_end(v, n, i, p)) > i) {
        b.kind = B_CODE;
      } else if ((b.end = table_end(v, n, i, p)) > i && (b.end - i) * tab_cells(l) <= cells_left) {
        b.kind = B_TABLE;
        cells_left -= (b.end - i) * tab_cells(l);
      } else {
        b.end = para_end(v, n, i, p);
      }
    }
    out[nb++] = b;
    i = b.end;
  }
  return nb;
}

/* ---- heading levels -------------------------------------------------------
 * Plain text says how deep a section is only where the writer marked it:
 * section numbers ("2." over "2.1" over "2.1.3"), two kinds of underline
 * ("====" over "----", as setext Markdown and many README files have it),
 * and parts and chapters over the sections inside them.  A document without
 * such marks has its headings all at one level: a guess from the layout
 * (which heading stacks over which) would nest a book's contents wrongly as
 * often as rightly.  The title is the book's; its sections start at 2. */

/* A section number at the start of S: "2", "2.", "2.1", "2.1.3." and a
 * space, or an appendix's "B.4.1." (a capital first, as its value 1 to 26,
 * only before more numbers: "A. Smith" is none).  Returns how many numbers
 * (the depth, at most MAXN: deeper ones count as that deep), 0 for none;
 * the first MAXN numbers go to NUM, and the length with its space to LEN. */
int oct_text_section_number(const char *s, size_t n, int *num, int maxn, size_t *len) {
  int depth = 0;
  size_t i = 0;
  for (;;) {
    size_t j = i;
    int x = 0;
    if (i == 0 && n > 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] == '.' && oct_ascii_digit(s[2]))
      x = s[j++] - 'A' + 1;
    while (j < n && oct_ascii_digit(s[j]) && j - i < 3)
      x = x * 10 + (s[j++] - '0');
    if (j == i) return 0;
    if (depth < maxn) num[depth] = x;
    depth++;
    if (j + 1 < n && s[j] == '.' && oct_ascii_digit(s[j + 1])) {
      i = j + 1;
      continue;
    }
    if (j < n && s[j] == '.') j++;
    if (j >= n || s[j] != ' ') return 0;
    if (len) *len = j + 1;
    return depth < maxn ? depth : maxn;
  }
}

/* The value of a roman numeral from I to XXXIX written the usual way
 * ("IV", not "IIII"), or 0: "Part C" and "Part D" of a list of plans are
 * no parts 100 and 500. */
static int roman(const char *s, size_t n) {
  static const char *const units[] = {"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"};
  size_t tens = 0;
  while (tens < n && tens < 3 && s[tens] == 'X')
    tens++;
  for (int u = 0; u < 10; u++)
    if (strlen(units[u]) == n - tens && memcmp(units[u], s + tens, n - tens) == 0)
      return (int)tens * 10 + u;
  return 0;
}

/* "Part One", "Chapter 3", "Part IV": 1 for a part, 2 for a chapter, else
 * 0; its number in *NUM. */
static int part_or_chapter(const char *s, size_t n, int *num) {
  static const char *const parts[] = {"part ", "partie ", "teil ", "parte ", "book ", NULL};
  static const char *const chapters[] = {"chapter ",         "chapitre ", "kapitel ",
                                         "cap\xC3\xADtulo ", "capitolo ", NULL};
  static const char *const numbers[] = {"one",     "two",    "three", "four",   "five",   "six",
                                        "seven",   "eight",  "nine",  "ten",    "eleven", "twelve",
                                        "first",   "second", "third", "fourth", "fifth",  "sixth",
                                        "seventh", "eighth", "ninth", "tenth",  NULL};
  int kind = 0;
  size_t at = 0;
  for (const char *const *p = parts; *p && !kind; p++)
    if (rd_prefix_ci(s, n, *p)) kind = 1, at = strlen(*p);
  for (const char *const *p = chapters; *p && !kind; p++)
    if (rd_prefix_ci(s, n, *p)) kind = 2, at = strlen(*p);
  if (!kind) return 0;
  size_t e = at;
  while (e < n && s[e] != ' ' && s[e] != ':' && s[e] != '.' && s[e] != ',')
    e++;
  if (e == at || e - at > 7) return 0;
  int x = 0;
  for (size_t i = at; i < e && x >= 0; i++)
    x = oct_ascii_digit(s[i]) && x < 1000 ? x * 10 + (s[i] - '0') : -1;
  if (x <= 0) x = roman(s + at, e - at);
  for (int w = 0; !x && numbers[w]; w++)
    if (strlen(numbers[w]) == e - at && strncasecmp(numbers[w], s + at, e - at) == 0)
      x = w % 12 + 1;
  *num = x;
  return x ? kind : 0;
}

#define SECTION_MAXN 6

/* Parts (KIND 1) or chapters (2) among the headings of B: two or more,
 * numbered upwards more often than not (chapters count again from 1 in
 * each part; "Chapter 2 Revisited" after "Chapter 3" is one step down
 * among many up); a lone "Book 3" or "Part B" of a list of plans makes
 * no parts. */
static bool has_parts(const tline *v, const tblock *b, size_t nb, int kind) {
  int count = 0, up = 0, down = 0, last = 0;
  for (size_t k = 0; k < nb; k++) {
    if (b[k].kind != B_UNDERLINED && !b[k].heading) continue;
    int x, pc = part_or_chapter(v[b[k].first].s, v[b[k].first].len, &x);
    if (pc == 1 && kind == 2) last = 0; /* a new part: its chapters start again */
    if (pc != kind) continue;
    if (count++) *(x > last ? &up : &down) += 1;
    last = x;
  }
  return count >= 2 && up > down;
}

/* The level of every heading block of B (0 for the others), in LEVEL. */
static void heading_levels(const tline *v, const tblock *b, size_t nb, unsigned char *level) {
  bool equals = false, dashes = false;
  for (size_t k = 0; k < nb; k++)
    if (b[k].kind == B_UNDERLINED) {
      equals |= v[b[k].first + 1].s[0] == '=';
      dashes |= v[b[k].first + 1].s[0] == '-';
    }
  bool parts = has_parts(v, b, nb, 1), chapters = has_parts(v, b, nb, 2);
  /* release notes: two releases' lines or more are headings, and the
   * headings after the first of them ("Added", "Fixed") are inside one */
  size_t releases = 0;
  bool sections = false; /* another heading carries a section number: no release notes */
  for (size_t k = 0; k < nb; k++) {
    if (!b[k].heading) continue;
    const tline *l = &v[b[k].first];
    int num[SECTION_MAXN];
    bool release = oct_text_version_line(l->s, l->len);
    releases += release;
    sections |= !release && oct_text_section_number(l->s, l->len, num, SECTION_MAXN, NULL) > 0;
  }
  if (sections) releases = 0;
  bool in_release = false;
  /* a depth for each heading: parts, then chapters, then sections; a
   * section number adds its depth past the first; a dashed underline one
   * more than a doubled one.  A number counts only as the next under its
   * parent's ("2.1" after a heading "2.", "2.2" after "2.1", or one after
   * that when a line between was no heading): "1.5 Million Visitors" under
   * "1. Overview" is no section 1.5 */
  int last[SECTION_MAXN][SECTION_MAXN]; /* the last number seen at each depth */
  int seen = 0;
  int used[16] = {0};
  for (size_t k = 0; k < nb; k++) {
    level[k] = 0;
    if (b[k].kind != B_UNDERLINED && !b[k].heading) continue;
    const tline *l = &v[b[k].first];
    int x, pc = part_or_chapter(l->s, l->len, &x);
    if ((pc == 1 && !parts) || (pc == 2 && !chapters)) pc = 0;
    int d = pc == 1 ? 0 : pc == 2 ? (parts ? 2 : 0) : chapters ? (parts ? 4 : 2) : parts ? 2 : 4;
    if (b[k].kind == B_UNDERLINED) {
      if (!pc) d += equals && dashes && v[b[k].first + 1].s[0] == '-';
    } else if (!pc) {
      int num[SECTION_MAXN];
      int nd = oct_text_section_number(l->s, l->len, num, SECTION_MAXN, NULL);
      bool under =
          nd >= 2 && nd - 1 <= seen &&
          memcmp(last[nd - 2], num, (size_t)(nd - 1) * sizeof *num) == 0 &&
          (num[nd - 1] == 1 ||
           (nd <= seen && memcmp(last[nd - 1], num, (size_t)(nd - 1) * sizeof *num) == 0 &&
            num[nd - 1] > last[nd - 1][nd - 1] && num[nd - 1] <= last[nd - 1][nd - 1] + 2));
      if (under) d += nd - 1;
      if (nd == 1 || under) {
        memcpy(last[nd - 1], num, (size_t)nd * sizeof *num);
        seen = nd;
      }
    }
    if (releases >= 2 && b[k].kind != B_UNDERLINED && !pc) {
      bool release = oct_text_version_line(l->s, l->len);
      if (in_release && !release) d++;
      in_release |= release;
    }
    if (d > 15) d = 15;
    level[k] = (unsigned char)(d + 1);
    used[d] = 1;
  }
  /* the depths in use, in order, become levels 2, 3, ... (at most 6);
   * oct_read then lifts a heading that would skip a level */
  int rank[16], r = 2;
  for (int d = 0; d < 16; d++)
    rank[d] = used[d] ? (r < 6 ? r++ : 6) : 0;
  for (size_t k = 0; k < nb; k++)
    if (level[k]) level[k] = (unsigned char)rank[level[k] - 1];
}

/* Lines [I, END) as a code block, verbatim but for the indent they share. */
static void code_block(ctx *c, const tline *v, size_t i, size_t end) {
  int base = v[i].indent;
  for (size_t j = i; j < end; j++)
    if (v[j].indent < base) base = v[j].indent;
  oct_buf_clear(&c->tmp);
  for (size_t j = i; j < end; j++) {
    if (j > i) oct_buf_putc(&c->tmp, '\n');
    for (int k = base; k < v[j].indent; k++)
      oct_buf_putc(&c->tmp, ' ');
    oct_buf_put(&c->tmp, v[j].s, v[j].len);
  }
  oct_node *cb = oct_builder_leaf(&c->b, OCT_NODE_CODE_BLOCK);
  set_line(cb, v[i].lineno);
  if (cb) oct_node_set_text(cb, c->tmp.data ? c->tmp.data : "", c->tmp.len);
}

/* Whether the first row of a tab table is its header: every cell of it
 * holds words without a digit, and a digit is in the rows under it ("Film
 * Year" over "Groundhog Day  1993").  A table of words only, or a list of
 * properties ("Weight  5.4 g") whose first row is data, gets none. */
static bool header_row(const tline *v, size_t i, size_t end) {
  const tline *h = &v[i];
  bool cell_text = false;
  for (size_t k = 0; k < h->len; k++) {
    if (oct_ascii_digit(h->s[k])) return false;
    if (h->s[k] == '\t') {
      if (!cell_text) return false;
      cell_text = false;
    } else if (h->s[k] != ' ') {
      cell_text = true;
    }
  }
  if (!cell_text) return false;
  for (size_t j = i + 1; j < end; j++)
    for (size_t k = 0; k < v[j].len; k++)
      if (oct_ascii_digit(v[j].s[k])) return true;
  return false;
}

/* A table of tab-separated rows (see table_end): a row a line, a cell
 * between tabs, the empty cells at a row's ends included, so the columns
 * line up as the page had them. */
static void table(ctx *c, const tline *v, size_t i, size_t end, const tprofile *p) {
  bool head = header_row(v, i, end);
  set_line(oct_builder_push(&c->b, OCT_NODE_TABLE), v[i].lineno);
  for (size_t j = i; j < end && !c->b.failed; j++) {
    set_line(oct_builder_push(&c->b, OCT_NODE_TABLE_ROW), v[j].lineno);
    size_t cells = tab_cells(&v[j]), lead = v[j].lead_tabs;
    const char *s = v[j].s, *e = s + v[j].len;
    for (size_t col = 0; col < cells; col++) {
      oct_node *cell = oct_builder_push(&c->b, OCT_NODE_TABLE_CELL);
      if (cell) oct_node_set_cell(cell, head && j == i, OCT_ALIGN_NONE);
      if (col >= lead && s < e) {
        const char *t = memchr(s, '\t', (size_t)(e - s));
        const char *cell_s = s;
        size_t n = (size_t)((t ? t : e) - s);
        trim(&cell_s, &n);
        oct_smart sm;
        oct_smart_init(&sm);
        oct_buf_clear(&c->tmp);
        join_line(&c->tmp, cell_s, n, p->refs > 0);
        inlines(c, &sm, c->tmp.data, c->tmp.len);
        s = t ? t + 1 : e;
      }
      oct_builder_pop(&c->b);
    }
    oct_builder_pop(&c->b);
  }
  oct_builder_pop(&c->b);
}

static void heading(ctx *c, const tline *l, const tprofile *p, int level) {
  oct_node *h = oct_builder_push(&c->b, OCT_NODE_HEADING);
  set_line(h, l->lineno);
  if (h) oct_node_set_heading_level(h, level);
  oct_smart sm;
  oct_smart_init(&sm);
  oct_buf_clear(&c->tmp);
  join_line(&c->tmp, l->s, l->len, p->refs > 0);
  inlines(c, &sm, c->tmp.data, c->tmp.len);
  oct_builder_pop(&c->b);
}

static void blocks(ctx *c, const tline *v, size_t n, bool quoted, const tprofile *p) {
  tblock *b = oct_xmalloc((n ? n : 1) * sizeof *b);
  size_t nb = segment(v, n, quoted, p, b);
  unsigned char *level = oct_xmalloc(nb ? nb : 1);
  if (!quoted) oct_text_find_headings(v, n, b, nb, p);
  heading_levels(v, b, nb, level);
  for (size_t k = 0; k < nb && !c->b.failed; k++) {
    const tblock *bk = &b[k];
    const tline *l = &v[bk->first];
    /* the headline again right under the header (a dump prints the page's
     * headline under its title, a scrape may keep both): the title page
     * has it already */
    if (k == 0 && !quoted && bk->kind == B_PARA && bk->end == bk->first + 1) {
      size_t m = p->refs > 0 ? tl_link_mark(l->s, l->len, 0) : 0;
      if (oct_text_title_again(l->s + m, l->len - m, p->title)) continue;
    }
    switch (bk->kind) {
    case B_BREAK:
      set_line(oct_builder_leaf(&c->b, OCT_NODE_THEMATIC_BREAK), l->lineno);
      break;
    case B_QUOTE:
      quote(c, v, bk->first, bk->end);
      break;
    case B_LIST:
      list(c, v, n, bk->first, -1, p);
      break;
    case B_NUMBERED:
      if (bk->heading)
        heading(c, l, p, level[k]);
      else
        list(c, v, n, bk->first, -1, p);
      break;
    case B_UNDERLINED:
      heading(c, l, p, level[k]);
      break;
    case B_CODE:
      code_block(c, v, bk->first, bk->end);
      break;
    case B_TABLE:
      table(c, v, bk->first, bk->end, p);
      break;
    default:
      if (bk->heading)
        heading(c, l, p, level[k]);
      else
        paragraph(c, v, bk->first, bk->end, p);
    }
  }
  free(level);
  free(b);
}

/* ---- header block ------------------------------------------------------- */

static void set_meta(ctx *c, oct_meta_key k, const char *s, size_t n, bool smart) {
  oct_buf_clear(&c->tmp2);
  if (smart) {
    oct_smart sm;
    oct_smart_init(&sm);
    oct_smart_run(&sm, s, n, &c->tmp2);
  } else {
    oct_buf_put(&c->tmp2, s, n);
  }
  /* a title or subtitle is one line of words: the tabs and runs of spaces
   * of a copied table row ("A<TAB><TAB>B") are one space */
  size_t w = 0;
  for (size_t r = 0; r < c->tmp2.len; r++) {
    char ch = c->tmp2.data[r] == '\t' ? ' ' : c->tmp2.data[r];
    if (ch == ' ' && w > 0 && c->tmp2.data[w - 1] == ' ') continue;
    c->tmp2.data[w++] = ch;
  }
  if (c->tmp2.data) {
    c->tmp2.len = w;
    c->tmp2.data[w] = '\0';
  }
  oct_doc_set_meta(c->b.doc, k, c->tmp2.data);
}

static const char *const name_particles[] = {"de", "da",  "van", "von", "der", "den", "del",
                                             "di", "la",  "le",  "du",  "and", "&",   "bin",
                                             "al", "ibn", "y",   "of",  NULL};

/* Does S look like a person's (or a desk's) name? */
static bool name_like(const char *s, size_t n) {
  tspan w[8];
  size_t nw = tl_words(s, n, w, 8);
  if (nw == 0 || nw > 6 || n > 60) return false;
  if (nw == 1) return rd_alpha(rd_cp_at(s, n, 0, NULL));
  for (size_t i = 0; i < nw; i++) {
    uint32_t f = rd_cp_at(w[i].s, w[i].n, 0, NULL);
    if (!rd_upper(f) && !word_in(w[i], name_particles)) return false;
  }
  return true;
}

/* the jobs a byline may name after the name ("Jane Doe, Staff Writer") */
static const char *const role_jobs[] = {
    "staff",      "writer",       "reporter",    "correspondent", "editor",      "columnist",
    "journalist", "photographer", "contributor", "critic",        "analyst",     "producer",
    "planner",    "officer",      "manager",     "director",      "researcher",  "scientist",
    "engineer",   "consultant",   "adviser",     "advisor",       "lecturer",    "professor",
    "fellow",     "designer",     "developer",   "specialist",    "coordinator", "head",
    NULL};

/* words that go with a job: "Senior", "Contributing", "Political", "for the" */
static const char *const role_words[] = {
    "senior", "contributing", "chief",     "special", "political", "science", "foreign", "news",
    "desk",   "guest",        "freelance", "for",     "the",       "at",      NULL};

/* of those, words that name no job on their own: "Doe, the Elder" keeps
 * its comma part */
static const char *const role_fillers[] = {"for", "the", "at", "senior", "chief", NULL};

/* "Jane Doe, Staff Writer" -> "Jane Doe": drops a trailing ", role" made
 * of job words, or of capitalised words that end in a job (the beat:
 * "Transport Correspondent", "Associated Press Writer"); keeps "Doe, Jr."
 * and the like. */
static size_t without_role(const char *s, size_t n) {
  const char *comma = memchr(s, ',', n);
  if (!comma) return n;
  size_t cut = (size_t)(comma - s);
  tspan w[8];
  size_t nw = tl_words(comma + 1, n - cut - 1, w, 8);
  if (nw == 0 || nw >= 8) return n;
  bool job = false, ends_in_job = word_in(w[nw - 1], role_jobs);
  for (size_t i = 0; i < nw; i++) {
    bool beat = ends_in_job && i + 1 < nw && rd_upper(rd_cp_at(w[i].s, w[i].n, 0, NULL));
    bool is_job = word_in(w[i], role_jobs);
    if (!beat && !is_job && !word_in(w[i], role_words)) return n;
    job |= !beat && (is_job || !word_in(w[i], role_fillers));
  }
  return job ? cut : n;
}

/* A line that is only a job, capitalised ("Science Reporter", "Staff
 * Writer"): at most four words ending in a job. */
static bool job_line(const tline *l) {
  tspan w[5];
  size_t nw = tl_words(l->s, l->len, w, 5);
  if (nw == 0 || nw > 4 || !word_in(w[nw - 1], role_jobs)) return false;
  for (size_t i = 0; i < nw; i++)
    if (!rd_upper(rd_cp_at(w[i].s, w[i].n, 0, NULL))) return false;
  return true;
}

/* Splits a byline's text (prefix already removed) on its separators and
 * finds the author and the date in the pieces; counters are dropped.
 * Returns true when it found an author. */
static bool parse_byline_rest(const char *s, size_t n, oct_buf *author, oct_buf *date) {
  static const char *const seps[] = {
      "|", "\xC2\xB7", "\xE2\x80\xA2", " \xE2\x80\x94 ", " \xE2\x80\x93 ", " - ", NULL};
  oct_buf seg = OCT_BUF_INIT;
  size_t i = 0;
  while (i <= n) {
    /* find the next separator */
    size_t j = i, sl = 0;
    for (; j < n; j++) {
      for (const char *const *p = seps; *p; p++)
        if (rd_prefix_ci(s + j, n - j, *p)) {
          sl = strlen(*p);
          break;
        }
      if (sl) break;
    }
    const char *t = s + i;
    size_t tn = j - i;
    trim(&t, &tn);
    strip_counters(t, tn, &seg);
    /* a date anywhere in the piece, from some word to its end */
    tspan w[MAX_WORDS];
    size_t nw = tl_words(seg.data ? seg.data : "", seg.len, w, MAX_WORDS);
    size_t name_end = seg.len;
    char iso[OCT_DATE_ISO_SIZE];
    for (size_t k = 0; k < nw && date->len == 0; k++) {
      size_t off = (size_t)(w[k].s - seg.data);
      if (oct_date_parse(seg.data + off, seg.len - off, 0, iso) != OCT_DATE_NONE) {
        if (iso[0])
          oct_buf_puts(date, iso);
        else
          oct_buf_put(date, seg.data + off, seg.len - off);
        name_end = off;
        /* "on", "Published", ... before the date belong to neither */
        while (k > 0 && word_in(w[k - 1], date_intro)) {
          k--;
          name_end = (size_t)(w[k].s - seg.data);
        }
        break;
      }
    }
    const char *a = seg.data ? seg.data : "";
    size_t an = name_end;
    while (an > 0 && (a[an - 1] == ' ' || a[an - 1] == ','))
      an--;
    an = without_role(a, an);
    if (author->len == 0 && an > 0 && name_like(a, an)) oct_buf_put(author, a, an);
    if (j >= n) break;
    i = j + sl;
  }
  oct_buf_free(&seg);
  return author->len > 0;
}

/* What opens a byline, and what else it may open: a dash also sets an
 * epigraph's author ("— Robert Frost"); "Por", "Par", "Von" (es/pt, fr,
 * de) also open sentences ("Von Hamburg aus ..."), so the name after them
 * must have two words at least. */
enum { BY_PLAIN, BY_DASH, BY_WORD };
static const struct {
  const char *prefix;
  int kind;
} byline_prefixes[] = {{"by ", BY_PLAIN},          {"written by ", BY_PLAIN},
                       {"posted by ", BY_PLAIN},   {"story by ", BY_PLAIN},
                       {"words by ", BY_PLAIN},    {"reported by ", BY_PLAIN},
                       {"text by ", BY_PLAIN},     {"interview by ", BY_PLAIN},
                       {"recipe by ", BY_PLAIN},   {"reporting by ", BY_PLAIN},
                       {"analysis by ", BY_PLAIN}, {"photos by ", BY_PLAIN},
                       {"author: ", BY_PLAIN},     {"authors: ", BY_PLAIN},
                       {"writer: ", BY_PLAIN},     {"\xE2\x80\x94 ", BY_DASH},
                       {"\xE2\x80\x93 ", BY_DASH}, {"-- ", BY_DASH},
                       {"por ", BY_WORD},          {"par ", BY_WORD},
                       {"von ", BY_WORD},          {NULL, 0}};

static bool parse_dateline(const char *ls, size_t ln, oct_buf *date);

/* The byline prefix L opens with (its index), or -1. */
static int byline_prefix(const tline *l) {
  for (int p = 0; byline_prefixes[p].prefix; p++)
    if (rd_prefix_ci(l->s, l->len, byline_prefixes[p].prefix)) return p;
  return -1;
}

/* A byline that is a dash and a name ("— Ana Kovač"), as an epigraph's
 * author is set too. */
static bool dash_byline(const tline *l) {
  int p = byline_prefix(l);
  return p >= 0 && byline_prefixes[p].kind == BY_DASH;
}

static bool parse_byline(const tline *l, oct_buf *author, oct_buf *date) {
  if (l->len > TITLE_MAX_CHARS) return false;
  int p = byline_prefix(l);
  if (p >= 0) {
    size_t k = strlen(byline_prefixes[p].prefix);
    oct_buf_clear(author);
    oct_buf_clear(date);
    if (!parse_byline_rest(l->s + k, l->len - k, author, date)) return false;
    return byline_prefixes[p].kind != BY_WORD || memchr(author->data, ' ', author->len) != NULL;
  }
  /* "Posted on March 3, 2024 by Jane Doe": the date comes first */
  for (size_t i = 0; i + 4 <= l->len; i++) {
    if (!rd_prefix_ci(l->s + i, l->len - i, " by ")) continue;
    oct_buf_clear(author);
    if (!parse_dateline(l->s, i, date)) return false;
    oct_buf d2 = OCT_BUF_INIT;
    bool ok = parse_byline_rest(l->s + i + 4, l->len - i - 4, author, &d2);
    oct_buf_free(&d2);
    return ok;
  }
  /* "Jane Doe | March 3, 2024 | 45 views": no "by", but separators, a name
   * and a date or a counter say it all the same */
  if (memchr(l->s, '|', l->len) || rd_contains_ci(l->s, l->len, "\xC2\xB7") ||
      rd_contains_ci(l->s, l->len, "\xE2\x80\xA2")) {
    oct_buf_clear(author);
    oct_buf_clear(date);
    oct_buf tmp = OCT_BUF_INIT;
    bool counters = strip_counters(l->s, l->len, &tmp) > 0;
    oct_buf_free(&tmp);
    return parse_byline_rest(l->s, l->len, author, date) && (date->len > 0 || counters);
  }
  return false;
}

/* A line holding just a date, possibly introduced ("Published March 3, 2024")
 * or after the place a news story is filed from ("Valencia del Norte, 12 de
 * julio de 2024", "WASHINGTON, March 5, 2024"). */
static bool parse_dateline(const char *ls, size_t ln, oct_buf *date) {
  tspan w[MAX_WORDS];
  size_t nw = tl_words(ls, ln, w, MAX_WORDS);
  size_t k = 0;
  while (k < nw && word_in(w[k], date_intro))
    k++;
  if (k >= nw) return false;
  size_t off = (size_t)(w[k].s - ls);
  char iso[OCT_DATE_ISO_SIZE];
  if (oct_date_parse(ls + off, ln - off, 0, iso) == OCT_DATE_NONE) {
    /* the place: a name of at most four words and a comma */
    const char *comma = memchr(ls, ',', ln);
    if (k > 0 || !comma || !name_like(ls, (size_t)(comma - ls))) return false;
    off = (size_t)(comma - ls) + 1;
    while (off < ln && ls[off] == ' ')
      off++;
    if (oct_date_parse(ls + off, ln - off, 0, iso) == OCT_DATE_NONE) return false;
  }
  oct_buf_clear(date);
  if (iso[0])
    oct_buf_puts(date, iso);
  else
    oct_buf_put(date, ls + off, ln - off);
  return true;
}

/* A bare name right above a date line, as blog platforms lay a story out
 * ("Jane Smith" / "Follow" / "Mar 3, 2024": the chrome between is dropped
 * as boilerplate, so the two need not be adjacent).  At most four words and no article, so a
 * title-case subtitle is not taken for a name. */
static bool name_above_date(const tline *v, size_t n, size_t i, oct_buf *scratch) {
  static const char *const articles[] = {"the", "a", "an", NULL};
  tspan w[5];
  size_t nw = tl_words(v[i].s, v[i].len, w, 5);
  return nw >= 1 && nw <= 4 && !word_in(w[0], articles) && i + 1 < n &&
         name_like(v[i].s, v[i].len) && parse_dateline(v[i + 1].s, v[i + 1].len, scratch);
}

/* How far into a page copied whole the byline may stand, in lines. */
#define PAGE_CHROME_MAX 40

/* A whole page copied as text (select all, copy): the site's name, its
 * navigation, the headline, share buttons, then the byline ("Skip to main
 * content" / "The Midland Courier" / "News" / "Politics" / ... /
 * "Scientists Find Ancient Forest ..." / "Copy link" / "By Owen
 * Fairclough").  When a byline stands within the first PAGE_CHROME_MAX
 * lines under nothing but short lines that end no sentence (navigation),
 * and only furniture stands between it and the last heading-shaped line
 * above it, that line is the headline and what stands above it the page's
 * chrome.  Returns the headline's index, or 0 (a text that starts with its
 * title, as an article copied on its own does). */
static size_t page_chrome(const tline *v, size_t n, const tprofile *p) {
  oct_buf author = OCT_BUF_INIT, date = OCT_BUF_INIT;
  size_t head = 0;
  for (size_t k = 0; k < n && k < PAGE_CHROME_MAX; k++) {
    const tline *l = &v[k];
    uint32_t e = rd_last_cp(l->s, l->len);
    if (l->kind == K_TEXT && !dash_byline(l) && parse_byline(l, &author, &date)) {
      size_t h = k;
      while (h > 0 && oct_text_furniture(v[h - 1].s, v[h - 1].len))
        h--;
      if (h >= 3 && heading_shape(&v[h - 1], p)) head = h - 1;
      break;
    }
    if (l->chars > TITLE_MAX_CHARS / 2 || e == '.' || e == '!') break;
  }
  oct_buf_free(&author);
  oct_buf_free(&date);
  return head;
}

/* A numbered first line is a chapter's title ("9. Classes", "15. Floating
 * Point Arithmetic", as a manual's chapter copied on its own starts) when
 * nothing further down goes on with its series: "1. Introduction" over a
 * later "2. Background", or "1. Preheat the oven" over "2. Mix", is the
 * first section or the first step, and the text has no title. */
static bool chapter_title(const tline *v, size_t n, const tprofile *p) {
  if (v[0].kind != K_ITEM || !v[0].ordered || v[0].alpha || !item_heading_shape(&v[0], p))
    return false;
  /* a list that starts on the first line ("1. Milk" / "2. eggs") */
  if (n > 1 && !v[1].blank_before && v[1].kind == K_ITEM && v[1].ordered) return false;
  /* the series going on, as a heading would read: the next number, the
   * same again (a writer's lazy "1." "1.") or the one before (a countdown
   * from "5. The Beatles"); an item of a list in lower case ("2. statement
   * grouping is done by indentation;") is none */
  for (size_t j = 1; j < n; j++)
    if (v[j].kind == K_ITEM && v[j].ordered && !v[j].alpha && v[j].delim == v[0].delim &&
        (v[j].num == v[0].num + 1 || v[j].num == v[0].num || v[j].num + 1 == v[0].num) &&
        item_heading_shape(&v[j], p))
      return false;
  return true;
}

/* Reads title, byline, date and subtitle; returns the first body line. */
static size_t header(ctx *c, const tline *v, size_t n, const tprofile *p) {
  if (n == 0 || (v[0].kind != K_TEXT && !chapter_title(v, n, p)) || v[0].chars > TITLE_MAX_CHARS)
    return 0;
  /* a first line that is plainly a sentence of body text is not a title */
  if (v[0].chars > HEADING_MAX_CHARS && rd_last_cp(v[0].s, v[0].len) == '.') return 0;
  oct_buf author = OCT_BUF_INIT, date = OCT_BUF_INIT;
  size_t i = 1;
  oct_buf_clear(&c->tmp);
  join_line(&c->tmp, v[0].s, v[0].len, false);
  /* a long title hard-wrapped onto a second line (w3m and lynx wrap at 80
   * columns): the first line is full and the second is neither a byline
   * nor a date */
  if (n > 1 && p->wrap > 0 && !v[1].blank_before && v[1].kind == K_TEXT && v[0].chars >= 40 &&
      c->tmp.len + v[1].len <= TITLE_MAX_CHARS && !room_for_next(&v[0], &v[1], p->wrap) &&
      !parse_byline(&v[1], &author, &date) && !parse_dateline(v[1].s, v[1].len, &date)) {
    join_line(&c->tmp, v[1].s, v[1].len, false);
    i = 2;
  }
  set_meta(c, OCT_META_TITLE, c->tmp.data, c->tmp.len, true);
  /* a title underlined with "=" or "-" */
  if (i == 1 && underlined(v, n, 0)) i = 2;
  size_t stop = i + 4;
  bool have_byline = false, have_sub = false, have_date = false;
  while (i < n && i < stop) {
    const tline *l = &v[i];
    /* share buttons between the headline and the byline of a page copied
     * whole ("Copy link") */
    if (!have_byline && oct_text_furniture(l->s, l->len) && i + 1 < n &&
        parse_byline(&v[i + 1], &author, &date)) {
      i++;
      continue;
    }
    /* the job under the byline ("Science Reporter") */
    if (have_byline && i > 0 && job_line(l)) {
      i++;
      continue;
    }
    if (!have_byline && parse_byline(l, &author, &date)) {
      have_byline = true;
      set_meta(c, OCT_META_AUTHOR, author.data, author.len, true);
      if (date.len && !have_date) {
        set_meta(c, OCT_META_DATE, date.data, date.len, false);
        have_date = true;
      }
      i++;
      continue;
    }
    if (!have_date && parse_dateline(l->s, l->len, &date)) {
      set_meta(c, OCT_META_DATE, date.data, date.len, false);
      have_date = true;
      i++;
      continue;
    }
    if (!have_byline && name_above_date(v, n, i, &date)) {
      have_byline = true;
      set_meta(c, OCT_META_AUTHOR, l->s, l->len, true);
      i++;
      continue;
    }
    /* A magazine's deck: a sentence or two right under the title with the
     * byline under them ("They were replaced by automation decades ago. A
     * handful of former keepers still remember..." / "By Clara ...") is
     * the subtitle, whatever its shape; not an epigraph in quotes over its
     * author ("— Robert Frost"), nor the headline again. */
    uint32_t c0 = rd_cp_at(l->s, l->len, 0, NULL);
    if (!have_sub && !have_byline && i + 1 < n && l->kind == K_TEXT && l->chars <= DECK_MAX_CHARS &&
        rd_last_cp(l->s, l->len) != ':' && c0 != '"' && c0 != 0x201C && c0 != 0xAB &&
        !oct_text_title_again(l->s, l->len, oct_doc_meta(c->b.doc, OCT_META_TITLE)) &&
        v[i + 1].kind == K_TEXT && !dash_byline(&v[i + 1]) &&
        parse_byline(&v[i + 1], &author, &date)) {
      set_meta(c, OCT_META_SUBTITLE, l->s, l->len, true);
      have_sub = true;
      i++;
      continue;
    }
    /* The subtitle is a short unpunctuated line standing right under the
     * title or byline, or right above the byline; a short line with blank
     * lines around it is more likely the first section heading. */
    if (!have_sub && heading_shape(l, p) && rd_last_cp(l->s, l->len) != ':' &&
        (i + 1 == n || v[i + 1].blank_before ||
         (!have_byline &&
          (parse_byline(&v[i + 1], &author, &date) || name_above_date(v, n, i + 1, &date)))) &&
        (!l->blank_before || (i + 1 < n && !v[i + 1].blank_before))) {
      set_meta(c, OCT_META_SUBTITLE, l->s, l->len, true);
      have_sub = true;
      i++;
      continue;
    }
    break;
  }
  oct_buf_free(&author);
  oct_buf_free(&date);
  return i;
}

oct_node *oct_read_text(const char *utf8, size_t len, oct_error *err) {
  ctx c;
  oct_builder_init(&c.b, err);
  c.tmp = (oct_buf)OCT_BUF_INIT;
  c.tmp2 = (oct_buf)OCT_BUF_INIT;
  size_t n;
  int refs;
  size_t text_len = lynx_references(utf8, len, &refs);
  tline *v = split_lines(utf8, text_len, false, &n, &c.tmp);
  tprofile p;
  profile_of(v, n, refs, &p);
  size_t body = 0;
  if (n > 0) { /* v is NULL for a text of no lines */
    size_t chrome = page_chrome(v, n, &p);
    body = chrome + header(&c, v + chrome, n - chrome, &p);
  }
  p.author = oct_doc_meta(c.b.doc, OCT_META_AUTHOR);
  p.title = oct_doc_meta(c.b.doc, OCT_META_TITLE);
  if (body < n) {
    /* the first body line counts as standing after a blank line */
    v[body].blank_before = true;
    blocks(&c, v + body, n - body, false, &p);
  }
  free(v);
  oct_buf_free(&c.tmp);
  oct_buf_free(&c.tmp2);
  return oct_builder_finish(&c.b);
}
