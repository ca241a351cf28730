/* The plain-text article reader (DESIGN.md §6): text copied from a web page
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
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "read/read.h"
#include "read/smart.h"

enum { K_TEXT, K_ITEM, K_BREAK, K_QUOTE };

/* Longest line that can still be part of a hard-wrapped paragraph; beyond
 * it a line is a paragraph of its own (web copy puts one per line). */
#define WRAP_MAX 100
#define HEADING_MAX_CHARS 100
#define HEADING_MAX_WORDS 16
#define TITLE_MAX_CHARS 200

typedef struct tline {
  const char *s; /* trimmed content */
  size_t len;
  size_t chars; /* code points in the trimmed content */
  int indent;   /* columns of leading white space */
  int base;     /* least indent of the text lines in its run of non-blank lines */
  int width;    /* widest wrapped-length line (indent + chars) in that run */
  int lineno;
  bool blank_before; /* a blank (or dropped) line precedes it */
  unsigned char kind;
  bool ordered;
  char delim;  /* ordered: '.' or ')'; bullets: the ASCII marker or 0 */
  int num;     /* ordered: the item number */
  bool alpha;  /* ordered by letters: a) b) c) */
  size_t body; /* items: offset of the item text in s */
} tline;

typedef struct ctx {
  oct_builder b;
  oct_buf tmp;  /* joined block text */
  oct_buf tmp2; /* smart-punctuated runs */
} ctx;

/* ---- small character helpers ------------------------------------------ */

static uint32_t cp_at(const char *s, size_t n, size_t i, size_t *k) {
  uint32_t c = 0;
  size_t m = i < n ? oct_utf8_decode(s + i, n - i, &c) : 0;
  if (m == 0) {
    c = i < n ? (unsigned char)s[i] : 0;
    m = i < n ? 1 : 0;
  }
  if (k) *k = m;
  return c;
}

/* The code point that ends s[0..n). */
static uint32_t last_cp(const char *s, size_t n) {
  if (n == 0) return 0;
  size_t i = n - 1;
  while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80 && n - i < 4)
    i--;
  return cp_at(s, n, i, NULL);
}

static bool is_lower(uint32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0xFF && c != 0xF7) ||
         (c >= 0x430 && c <= 0x45F) || (c >= 0x3B1 && c <= 0x3C9);
}

static bool is_upper(uint32_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) ||
         (c >= 0x400 && c <= 0x42F) || (c >= 0x391 && c <= 0x3A9);
}

static bool is_alpha(uint32_t c) {
  return is_lower(c) || is_upper(c) || (c >= 0x100 && c < 0x2000 && c != 0x2022);
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

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

/* Does S[0..n) contain the string P? (S is not NUL-terminated.) */
static bool strstr_n(const char *s, size_t n, const char *p) {
  size_t k = strlen(p);
  for (size_t i = 0; i + k <= n; i++)
    if (memcmp(s + i, p, k) == 0) return true;
  return false;
}

static bool prefix_ci(const char *s, size_t n, const char *p) {
  size_t k = strlen(p);
  return n >= k && strncasecmp(s, p, k) == 0;
}

static bool equals_ci(const char *s, size_t n, const char *p) {
  return strlen(p) == n && strncasecmp(s, p, n) == 0;
}

/* ---- counters, dates, boilerplate ------------------------------------- */

typedef struct span {
  const char *s;
  size_t n;
} span;

/* Splits S into space-separated words; returns the count (at most MAX). */
static size_t words(const char *s, size_t n, span *w, size_t max) {
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

static bool is_count(span w) {
  size_t i = 0, digits = 0;
  while (i < w.n && (is_digit(w.s[i]) || ((w.s[i] == '.' || w.s[i] == ',') && digits))) {
    digits += is_digit(w.s[i]);
    i++;
  }
  if (!digits) return false;
  if (i < w.n && (w.s[i] == 'K' || w.s[i] == 'k' || w.s[i] == 'M' || w.s[i] == 'm')) i++;
  return i == w.n;
}

static bool word_in(span w, const char *const *list) {
  size_t n = w.n;
  while (n > 0 && strchr(".,:;", w.s[n - 1]))
    n--;
  for (; *list; list++)
    if (equals_ci(w.s, n, *list)) return true;
  return false;
}

static const char *const counter_units[] = {
    "views", "view",  "comments",  "comment", "shares",    "share", "likes",
    "like",  "reads", "reactions", "replies", "responses", NULL};
static const char *const minute_words[] = {"min", "mins", "minute", "minutes", NULL};
static const char *const read_words[] = {"read", NULL};

/* How many words starting at W[i] form a view/comment/reading-time counter
 * ("45 views", "1.2K views", "3 comments", "5 min read"); 0 if none. */
static size_t counter_at(const span *w, size_t nw, size_t i) {
  if (!is_count(w[i]) || i + 1 >= nw) return 0;
  if (word_in(w[i + 1], counter_units)) return 2;
  if (i + 2 < nw && word_in(w[i + 1], minute_words) && word_in(w[i + 2], read_words)) return 3;
  return 0;
}

#define MAX_WORDS 64

/* Removes counters from S and writes what remains (words joined by single
 * spaces) to OUT.  Returns the number of counters removed. */
static int strip_counters(const char *s, size_t n, oct_buf *out) {
  span w[MAX_WORDS];
  size_t nw = words(s, n, w, MAX_WORDS);
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

static const char *const month_names[12] = {"january",   "february", "march",    "april",
                                            "may",       "june",     "july",     "august",
                                            "september", "october",  "november", "december"};
static const char *const weekdays[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
    "tues",   "wed",     "thu",       "thur",     "thurs",  "fri",      "sat",    "sun", NULL};

static size_t letters(const char *s, size_t n, size_t i) {
  size_t j = i;
  while (j < n && (((unsigned char)s[j] | 0x20) >= 'a' && ((unsigned char)s[j] | 0x20) <= 'z'))
    j++;
  return j - i;
}

static int month_of(const char *s, size_t n) {
  if (n < 3) return 0;
  for (int m = 0; m < 12; m++) {
    if (equals_ci(s, n, month_names[m])) return m + 1;
    if (n == 3 && strncasecmp(s, month_names[m], 3) == 0) return m + 1;
  }
  if (equals_ci(s, n, "sept")) return 9;
  return 0;
}

/* Ukrainian and Russian month names in the genitive, as dates write them
 * ("3 березня 2024", "3 марта 2024"). */
static const char *const cyr_months[24] = {
    "\xD1\x81\xD1\x96\xD1\x87\xD0\xBD\xD1\x8F",
    "\xD0\xBB\xD1\x8E\xD1\x82\xD0\xBE\xD0\xB3\xD0\xBE",
    "\xD0\xB1\xD0\xB5\xD1\x80\xD0\xB5\xD0\xB7\xD0\xBD\xD1\x8F",
    "\xD0\xBA\xD0\xB2\xD1\x96\xD1\x82\xD0\xBD\xD1\x8F",
    "\xD1\x82\xD1\x80\xD0\xB0\xD0\xB2\xD0\xBD\xD1\x8F",
    "\xD1\x87\xD0\xB5\xD1\x80\xD0\xB2\xD0\xBD\xD1\x8F",
    "\xD0\xBB\xD0\xB8\xD0\xBF\xD0\xBD\xD1\x8F",
    "\xD1\x81\xD0\xB5\xD1\x80\xD0\xBF\xD0\xBD\xD1\x8F",
    "\xD0\xB2\xD0\xB5\xD1\x80\xD0\xB5\xD1\x81\xD0\xBD\xD1\x8F",
    "\xD0\xB6\xD0\xBE\xD0\xB2\xD1\x82\xD0\xBD\xD1\x8F",
    "\xD0\xBB\xD0\xB8\xD1\x81\xD1\x82\xD0\xBE\xD0\xBF\xD0\xB0\xD0\xB4\xD0\xB0",
    "\xD0\xB3\xD1\x80\xD1\x83\xD0\xB4\xD0\xBD\xD1\x8F",
    "\xD1\x8F\xD0\xBD\xD0\xB2\xD0\xB0\xD1\x80\xD1\x8F",
    "\xD1\x84\xD0\xB5\xD0\xB2\xD1\x80\xD0\xB0\xD0\xBB\xD1\x8F",
    "\xD0\xBC\xD0\xB0\xD1\x80\xD1\x82\xD0\xB0",
    "\xD0\xB0\xD0\xBF\xD1\x80\xD0\xB5\xD0\xBB\xD1\x8F",
    "\xD0\xBC\xD0\xB0\xD1\x8F",
    "\xD0\xB8\xD1\x8E\xD0\xBD\xD1\x8F",
    "\xD0\xB8\xD1\x8E\xD0\xBB\xD1\x8F",
    "\xD0\xB0\xD0\xB2\xD0\xB3\xD1\x83\xD1\x81\xD1\x82\xD0\xB0",
    "\xD1\x81\xD0\xB5\xD0\xBD\xD1\x82\xD1\x8F\xD0\xB1\xD1\x80\xD1\x8F",
    "\xD0\xBE\xD0\xBA\xD1\x82\xD1\x8F\xD0\xB1\xD1\x80\xD1\x8F",
    "\xD0\xBD\xD0\xBE\xD1\x8F\xD0\xB1\xD1\x80\xD1\x8F",
    "\xD0\xB4\xD0\xB5\xD0\xBA\xD0\xB0\xD0\xB1\xD1\x80\xD1\x8F"};
/* Words that may follow the year: "р." / "року" (uk), "г." / "года" (ru). */
static const char *const cyr_year_words[] = {"\xD1\x80\xD0\xBE\xD0\xBA\xD1\x83", "\xD1\x80.",
                                             "\xD0\xB3\xD0\xBE\xD0\xB4\xD0\xB0", "\xD0\xB3.", NULL};

static int cyr_month_at(const char *s, size_t n, size_t *len) {
  for (int m = 0; m < 24; m++) {
    size_t k = strlen(cyr_months[m]);
    if (n >= k && memcmp(s, cyr_months[m], k) == 0 && (k == n || s[k] == ' ' || s[k] == ',')) {
      *len = k;
      return m % 12 + 1;
    }
  }
  return 0;
}

static int read_int(const char *s, size_t n, size_t *i, int *ndigits) {
  int v = 0, d = 0;
  while (*i < n && is_digit(s[*i]) && d < 9) {
    v = v * 10 + (s[*i] - '0');
    (*i)++;
    d++;
  }
  *ndigits = d;
  return v;
}

static void skip_spaces(const char *s, size_t n, size_t *i) {
  while (*i < n && (s[*i] == ' ' || s[*i] == ','))
    (*i)++;
}

static void skip_ordinal(const char *s, size_t n, size_t *i) {
  if (*i + 1 < n) {
    const char *p = s + *i;
    if (prefix_ci(p, n - *i, "st") || prefix_ci(p, n - *i, "nd") || prefix_ci(p, n - *i, "rd") ||
        prefix_ci(p, n - *i, "th"))
      if (*i + 2 == n || !is_alpha((unsigned char)s[*i + 2])) *i += 2;
  }
}

static bool valid_ymd(int y, int m, int d) {
  static const int dim[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > dim[m - 1]) return false;
  if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return false;
  return true;
}

/* Parses the whole of S as a date ("March 3, 2024", "3 March 2024",
 * "2024-03-03", "Monday, March 3rd, 2024", "03/03/2024", optionally followed
 * by a time).  Returns false when S is not a date.  On success ISO holds
 * YYYY-MM-DD, or is empty when the date is a real one but ambiguous
 * (03/04/2024: March or April?), in which case the caller keeps the text. */
static bool parse_date(const char *s, size_t n, char iso[11]) {
  size_t i = 0;
  int y = 0, m = 0, d = 0, nd;
  bool ambiguous = false;
  iso[0] = '\0';
  skip_spaces(s, n, &i);
  size_t wl = letters(s, n, i);
  for (const char *const *wd = weekdays; wl && *wd; wd++)
    if (equals_ci(s + i, wl, *wd)) {
      i += wl;
      if (i < n && s[i] == '.') i++;
      skip_spaces(s, n, &i);
      wl = letters(s, n, i);
      break;
    }
  if (i < n && is_digit(s[i])) {
    int a = read_int(s, n, &i, &nd);
    if (i < n && (s[i] == '-' || s[i] == '/' || s[i] == '.') && i + 1 < n && is_digit(s[i + 1])) {
      char sep = s[i++];
      int da = nd, db, dc;
      int bb = read_int(s, n, &i, &db);
      if (i >= n || s[i] != sep) return false;
      i++;
      int c = read_int(s, n, &i, &dc);
      if (da == 4 && db <= 2 && dc <= 2) {
        y = a, m = bb, d = c;
      } else if (dc == 4 && da <= 2 && db <= 2) {
        y = c;
        if (a > 12 && bb <= 12)
          d = a, m = bb;
        else if (bb > 12 && a <= 12)
          m = a, d = bb;
        else /* even 03/03: the issue asks to keep every day-month pair as written */
          m = a, d = bb, ambiguous = true;
      } else {
        return false;
      }
    } else {
      /* 3 March 2024 */
      d = a;
      if (nd > 2) return false;
      skip_ordinal(s, n, &i);
      skip_spaces(s, n, &i);
      if (prefix_ci(s + i, n - i, "of ")) i += 3;
      wl = letters(s, n, i);
      if (wl == 0)
        m = cyr_month_at(s + i, n - i, &wl);
      else
        m = month_of(s + i, wl);
      if (!m) return false;
      i += wl;
      if (i < n && s[i] == '.') i++;
      skip_spaces(s, n, &i);
      y = read_int(s, n, &i, &nd);
      if (nd != 4) return false;
    }
  } else {
    if (!(m = month_of(s + i, wl))) return false;
    i += wl;
    if (i < n && s[i] == '.') i++;
    skip_spaces(s, n, &i);
    d = read_int(s, n, &i, &nd);
    if (nd == 0 || nd > 2) return false;
    skip_ordinal(s, n, &i);
    skip_spaces(s, n, &i);
    y = read_int(s, n, &i, &nd);
    if (nd != 4) return false;
  }
  if (!valid_ymd(y, m, d)) return false;
  skip_spaces(s, n, &i);
  for (const char *const *w = cyr_year_words; *w; w++)
    if (prefix_ci(s + i, n - i, *w)) {
      i += strlen(*w);
      skip_spaces(s, n, &i);
      break;
    }
  /* a trailing time of day ("at 10:30", "10:30 am") is allowed and dropped */
  if (i < n && !(prefix_ci(s + i, n - i, "at ") ||
                 (is_digit(s[i]) && ((i + 1 < n && s[i + 1] == ':') ||
                                     (i + 2 < n && is_digit(s[i + 1]) && s[i + 2] == ':')))))
    return false;
  if (!ambiguous) {
    iso[0] = (char)('0' + y / 1000);
    iso[1] = (char)('0' + y / 100 % 10);
    iso[2] = (char)('0' + y / 10 % 10);
    iso[3] = (char)('0' + y % 10);
    iso[4] = '-';
    iso[5] = (char)('0' + m / 10);
    iso[6] = (char)('0' + m % 10);
    iso[7] = '-';
    iso[8] = (char)('0' + d / 10);
    iso[9] = (char)('0' + d % 10);
    iso[10] = '\0';
  }
  return true;
}

/* Words that introduce a date in a byline or a dateline. */
static const char *const date_intro[] = {"on",       "posted", "published", "updated",
                                         "last",     "date:",  "posted:",   "published:",
                                         "updated:", "dated",  NULL};

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
static const char *const boiler_short_prefix[] = {
    "share on ",     "share to ",    "share via ",          "follow us on ",  "click here to ",
    "subscribe to ", "sign up for ", "join our newsletter", "advertisement ", NULL};

static bool is_boilerplate(const char *s, size_t n, oct_buf *scratch) {
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
    if (equals_ci(t, k, *p)) return true;
  for (const char *const *p = boiler_prefix; *p; p++)
    if (prefix_ci(s, n, *p)) return true;
  if (n <= 80)
    for (const char *const *p = boiler_short_prefix; *p; p++)
      if (prefix_ci(s, n, *p)) return true;
  /* a lone counter: "45 views", "1.2K views · 3 comments" */
  if (n <= 80 && is_digit(s[0])) {
    if (strip_counters(s, n, scratch) > 0) {
      bool rest = false;
      for (size_t i = 0; i < scratch->len; i++) {
        unsigned char c = (unsigned char)scratch->data[i];
        if (c != ' ' && c != '|' && c != 0xC2 && c != 0xB7 && c != 0xE2 && c != 0x80 && c != 0xA2)
          rest = true;
      }
      if (!rest) return true;
    }
  }
  return false;
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

/* Bullet markers: • · – ◦ ▪ ● ‣ ⁃ and the ASCII - * o. */
static size_t bullet_len(const char *s, size_t n, char *ascii) {
  static const char *const marks[] = {"\xE2\x80\xA2", "\xC2\xB7",     "\xE2\x80\x93",
                                      "\xE2\x97\xA6", "\xE2\x96\xAA", "\xE2\x97\x8F",
                                      "\xE2\x80\xA3", "\xE2\x81\x83", NULL};
  *ascii = 0;
  if (n >= 1 && (s[0] == '-' || s[0] == '*' || s[0] == 'o')) {
    *ascii = s[0];
    return 1;
  }
  for (const char *const *m = marks; *m; m++)
    if (prefix_ci(s, n, *m)) return strlen(*m);
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
    if (nd > 0 && nd <= 4 && i < n && (s[i] == '.' || s[i] == ')')) {
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

/* Splits UTF8 into trimmed, classified, non-blank lines; boilerplate lines
 * count as blank.  QUOTED strips one level of "> " markers first. */
static tline *split_lines(const char *utf8, size_t len, bool quoted, size_t *count,
                          oct_buf *scratch) {
  size_t cap = 16, n = 0;
  tline *v = oct_xmalloc(cap * sizeof *v);
  bool blank = true;
  int lineno = 0;
  size_t pos = 0;
  while (pos < len) {
    const char *eol = memchr(utf8 + pos, '\n', len - pos);
    size_t end = eol ? (size_t)(eol - utf8) : len;
    const char *s = utf8 + pos;
    size_t sn = end - pos;
    pos = end + 1;
    lineno++;
    if (quoted) {
      /* every ">" and the spaces between them: quotes are kept one level */
      while (sn > 0 && (s[0] == '>' || s[0] == ' '))
        s++, sn--;
    }
    int indent = 0;
    size_t i = 0, k;
    while ((k = ws_len(s, sn, i)) > 0) {
      indent += s[i] == '\t' ? 4 - indent % 4 : 1;
      i += k;
    }
    const char *t = s;
    size_t tn = sn;
    trim(&t, &tn);
    if (tn == 0) {
      blank = true;
      continue;
    }
    tline l;
    memset(&l, 0, sizeof l);
    l.s = t;
    l.len = tn;
    l.indent = indent;
    l.lineno = lineno;
    classify(&l);
    if (quoted && l.kind == K_QUOTE) l.kind = K_TEXT;
    const char *bs = l.kind == K_ITEM ? t + l.body : t;
    size_t bn = l.kind == K_ITEM ? tn - l.body : tn;
    if (l.kind != K_BREAK && is_boilerplate(bs, bn, scratch)) {
      blank = true;
      continue;
    }
    l.chars = oct_utf8_count(t, tn);
    l.blank_before = blank;
    blank = false;
    if (n == cap) {
      cap *= 2;
      v = oct_xrealloc(v, cap * sizeof *v);
    }
    v[n++] = l;
  }
  /* The base indent of each run of lines: in text whose paragraphs are
   * marked only by an indented first line, any line indented past it starts
   * a paragraph.  Computed once here so the reader stays linear. */
  for (size_t r = 0; r < n;) {
    size_t e = r + 1;
    while (e < n && !v[e].blank_before)
      e++;
    int base = -1, width = 0;
    for (size_t k = r; k < e; k++) {
      if (v[k].kind == K_TEXT && (base < 0 || v[k].indent < base)) base = v[k].indent;
      int w = v[k].indent + (int)v[k].chars;
      if (v[k].chars <= WRAP_MAX && w > width) width = w;
    }
    for (size_t k = r; k < e; k++) {
      v[k].base = base < 0 ? 0 : base;
      v[k].width = width;
    }
    r = e;
  }
  *count = n;
  return v;
}

/* ---- inline content ----------------------------------------------------- */

static void smart_text(ctx *c, oct_smart *sm, const char *s, size_t n) {
  if (n == 0) return;
  oct_buf_clear(&c->tmp2);
  oct_smart_run(sm, s, n, &c->tmp2);
  oct_builder_text(&c->b, c->tmp2.data, c->tmp2.len);
}

static bool url_start(const char *s, size_t n, size_t i) {
  if (i > 0) {
    unsigned char p = (unsigned char)s[i - 1];
    if ((p | 0x20) >= 'a' && (p | 0x20) <= 'z') return false;
    if (is_digit((char)p) || strchr("/.@-_:%+=&#", p)) return false;
  }
  const char *p = s + i;
  size_t m = n - i;
  size_t k = prefix_ci(p, m, "https://")  ? 8
             : prefix_ci(p, m, "http://") ? 7
             : prefix_ci(p, m, "www.")    ? 4
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
      size_t scheme = prefix_ci(s + i, n - i, "www.") ? 0 : 1;
      /* need something after the scheme or "www." besides punctuation */
      if (e > i + (scheme ? (s[i + 4] == 's' || s[i + 4] == 'S' ? 8 : 7) : 4)) {
        smart_text(c, sm, s + run, i - run);
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
  smart_text(c, sm, s + run, n - run);
}

/* ---- blocks -------------------------------------------------------------- */

static bool final_punct_stops_heading(const tline *l) {
  size_t n = l->len;
  uint32_t c = last_cp(l->s, n);
  /* look through closing quotes and brackets: 'He said "no."' ends in '.' */
  while (n > 0 && (c == '"' || c == '\'' || c == 0x201D || c == 0x2019 || c == ')')) {
    n -= c < 0x80 ? 1 : 3;
    c = last_cp(l->s, n);
  }
  return c == '.' || c == ',' || c == ';' || c == '!' || c == 0x2026 || c == '-' || c == 0x2013 ||
         c == 0x2014;
}

/* Short, unpunctuated, capitalised: could be a heading or a subtitle. */
static bool heading_shape_any(const tline *l) {
  if (l->chars > HEADING_MAX_CHARS) return false;
  if (final_punct_stops_heading(l)) return false;
  span w[HEADING_MAX_WORDS + 1];
  if (words(l->s, l->len, w, HEADING_MAX_WORDS + 1) > HEADING_MAX_WORDS) return false;
  /* two sentences are a paragraph, however short */
  for (size_t j = 0; j + 1 < l->len; j++)
    if ((l->s[j] == '.' || l->s[j] == '!') && l->s[j + 1] == ' ') return false;
  bool letter = false;
  size_t i = 0, k;
  uint32_t first = 0;
  while (i < l->len) {
    uint32_t c = cp_at(l->s, l->len, i, &k);
    if (is_alpha(c)) {
      if (!letter) first = c;
      letter = true;
      break;
    }
    i += k;
  }
  return letter && !is_lower(first);
}

/* "Heading" over a line of "=" or "-": underlined the way typewritten
 * text (and Markdown) does it. */
static bool underlined(const tline *v, size_t n, size_t i) {
  return v[i].kind == K_TEXT && i + 1 < n && v[i + 1].kind == K_BREAK && !v[i + 1].blank_before &&
         (v[i + 1].s[0] == '=' || v[i + 1].s[0] == '-');
}

/* A line that cannot belong to a hard-wrapped paragraph: web copy without
 * blank lines still separates its blocks this way. */
static bool long_text(const tline *l) { return l->kind == K_TEXT && l->chars > WRAP_MAX; }

static bool heading_shape(const tline *l) { return l->kind == K_TEXT && heading_shape_any(l); }

/* Quotes and scene breaks end whatever came before them. */
static bool separates(const tline *l) {
  return long_text(l) || l->kind == K_QUOTE || l->kind == K_BREAK;
}

static bool standalone(const tline *v, size_t n, size_t i) {
  return (v[i].blank_before || (i > 0 && separates(&v[i - 1]))) &&
         (i + 1 == n || v[i + 1].blank_before || separates(&v[i + 1]));
}

static bool is_heading(const tline *v, size_t n, size_t i) {
  if (!heading_shape(&v[i]) || !standalone(v, n, i) || i + 1 >= n) return false;
  /* followed by body text, not by another heading-like line */
  const tline *nx = &v[i + 1];
  if (nx->kind == K_BREAK) return false;
  /* "Here is what you need:" above a list introduces it, it is no heading */
  if (nx->kind == K_ITEM && last_cp(v[i].s, v[i].len) == ':') return false;
  if (nx->kind == K_TEXT && heading_shape(nx) && standalone(v, n, i + 1) &&
      !(last_cp(nx->s, nx->len) == ':' && i + 2 < n && v[i + 2].kind == K_ITEM))
    return false;
  return true;
}

/* May item line V[j] start a list right after paragraph line V[j-1]? */
static bool item_interrupts(const tline *v, size_t n, size_t j) {
  const tline *l = &v[j];
  uint32_t prev_end = last_cp(v[j - 1].s, v[j - 1].len);
  if (prev_end == ':') return true;
  /* a wrapped sentence may put " - " or "12." at the start of a line */
  if (j + 1 < n && !v[j + 1].blank_before && v[j + 1].kind == K_ITEM &&
      v[j + 1].ordered == l->ordered)
    return true;
  if (l->ordered) return false;
  /* "o" is a word in Spanish and Italian, "-" and "–" are dashes */
  return l->delim != '-' && l->delim != 'o' &&
         !(l->s[0] == '\xE2' && l->len > 2 && l->s[2] == '\x93');
}

/* Appends line L to the joined text in BUF, unwrapping a hard line break. */
static void join_line(oct_buf *buf, const char *s, size_t n) {
  if (buf->len > 0) {
    char last = buf->data[buf->len - 1];
    bool hyphen_wrap =
        last == '-' && buf->len >= 2 &&
        ((buf->data[buf->len - 2] | 0x20) >= 'a' && (buf->data[buf->len - 2] | 0x20) <= 'z') &&
        n > 0 && ((s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'z');
    if (!hyphen_wrap) oct_buf_putc(buf, ' ');
  }
  /* tabs and form feeds inside a line are spacing, not characters a
   * writer should have to draw */
  size_t run = 0;
  for (size_t i = 0; i < n; i++)
    if (s[i] == '\t' || s[i] == '\f') {
      oct_buf_put(buf, s + run, i - run);
      oct_buf_putc(buf, ' ');
      run = i + 1;
    }
  oct_buf_put(buf, s + run, n - run);
}

static void set_line(oct_node *node, int line) {
  if (node) node->line = line;
}

/* In hard-wrapped text a line ends short only because the next word did
 * not fit.  If the next line's first word would have fitted, the short line
 * ended a paragraph (when it also ends a sentence). */
static bool ends_paragraph(const tline *prev, const tline *next) {
  if (prev->width < 40) return false;
  size_t n = prev->len;
  uint32_t e = last_cp(prev->s, n);
  if (e == '"' || e == 0x201D || e == '\'' || e == 0x2019) {
    n -= e < 0x80 ? 1 : 3;
    e = last_cp(prev->s, n);
  }
  if (e != '.' && e != '!' && e != '?' && e != 0x2026) return false;
  size_t first = 0, i = 0, k;
  while (i < next->len && next->s[i] != ' ') {
    cp_at(next->s, next->len, i, &k);
    i += k;
    first++;
  }
  return prev->indent + (int)prev->chars + 1 + (int)first <= prev->width;
}

static size_t paragraph(ctx *c, const tline *v, size_t n, size_t i) {
  oct_buf_clear(&c->tmp);
  join_line(&c->tmp, v[i].s, v[i].len);
  size_t j = i + 1;
  for (; j < n; j++) {
    const tline *l = &v[j];
    if (l->blank_before || l->kind == K_BREAK || l->kind == K_QUOTE) break;
    if (l->kind == K_ITEM && item_interrupts(v, n, j)) break;
    /* a single long line is a paragraph of its own; an indented line after
     * a less indented one starts a new paragraph */
    if (v[j - 1].chars > WRAP_MAX || l->chars > WRAP_MAX || l->indent > v[j - 1].indent ||
        l->indent > l->base)
      break;
    if (ends_paragraph(&v[j - 1], l)) break;
    join_line(&c->tmp, l->s, l->len);
  }
  set_line(oct_builder_push(&c->b, OCT_NODE_PARAGRAPH), v[i].lineno);
  oct_smart sm;
  oct_smart_init(&sm);
  inlines(c, &sm, c->tmp.data, c->tmp.len);
  oct_builder_pop(&c->b);
  return j;
}

/* A leading "Label:" in a list item: short, capitalised, no sentence
 * punctuation before the colon, and text after it.  Returns the label's
 * length including the colon, or 0. */
static size_t label_len(const char *s, size_t n) {
  size_t k;
  if (n == 0 || !is_upper(cp_at(s, n, 0, &k))) return 0;
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

/* Builds the paragraph of the item at V[J] (with its wrapped continuation
 * lines) inside the open list item; returns the next line. */
static size_t item_paragraph(ctx *c, const tline *v, size_t n, size_t j) {
  const tline *it = &v[j];
  oct_buf_clear(&c->tmp);
  join_line(&c->tmp, it->s + it->body, it->len - it->body);
  size_t k = j + 1;
  /* wrapped continuation lines: indented under the item, or following a
   * line long enough to have been wrapped */
  while (k < n && !v[k].blank_before && v[k].kind == K_TEXT &&
         (v[k].indent > it->indent || (v[k - 1].chars >= 40 && v[k - 1].chars <= WRAP_MAX))) {
    join_line(&c->tmp, v[k].s, v[k].len);
    k++;
  }
  set_line(oct_builder_push(&c->b, OCT_NODE_PARAGRAPH), it->lineno);
  oct_smart sm;
  oct_smart_init(&sm);
  size_t lab = label_len(c->tmp.data, c->tmp.len);
  if (lab) {
    oct_builder_push(&c->b, OCT_NODE_STRONG);
    smart_text(c, &sm, c->tmp.data, lab);
    oct_builder_pop(&c->b);
  }
  inlines(c, &sm, c->tmp.data + lab, c->tmp.len - lab);
  oct_builder_pop(&c->b);
  return k;
}

/* Items indented past the list's first item (by two columns or more) form
 * a list inside the item above them.  Only one level is kept: deeper
 * indentation joins the inner list, so hostile indentation cannot nest. */
static bool nested_item(const tline *l, int base) { return l->indent >= base + 2; }

/* Reads the list starting at V[I].  OUTER_BASE is the indent of the
 * enclosing list's items, or -1 for a top-level list. */
static size_t list(ctx *c, const tline *v, size_t n, size_t i, int outer_base) {
  const tline *first = &v[i];
  int base = outer_base < 0 ? first->indent : outer_base;
  oct_node *lst =
      oct_builder_push(&c->b, first->ordered ? OCT_NODE_ORDERED_LIST : OCT_NODE_BULLET_LIST);
  set_line(lst, first->lineno);
  if (lst && first->ordered) {
    oct_node_set_list_start(lst, first->num);
    lst->as.list.delim = first->delim;
  } else if (lst && first->delim) {
    lst->as.list.delim = first->delim == 'o' ? '*' : first->delim;
  }
  size_t j = i;
  while (j < n && v[j].kind == K_ITEM && same_list(first, &v[j]) &&
         (outer_base < 0 ? !nested_item(&v[j], base) : nested_item(&v[j], base))) {
    set_line(oct_builder_push(&c->b, OCT_NODE_LIST_ITEM), v[j].lineno);
    j = item_paragraph(c, v, n, j);
    while (outer_base < 0 && j < n && v[j].kind == K_ITEM && nested_item(&v[j], base))
      j = list(c, v, n, j, base);
    oct_builder_pop(&c->b);
  }
  oct_builder_pop(&c->b);
  return j;
}

static void blocks(ctx *c, const tline *v, size_t n, bool quoted);

static size_t quote(ctx *c, const tline *v, size_t n, size_t i) {
  /* the quote runs over consecutive ">" lines; its inside is read again as
   * text with the markers stripped */
  size_t j = i + 1;
  while (j < n && v[j].kind == K_QUOTE && !v[j].blank_before)
    j++;
  const char *start = v[i].s;
  const char *end = v[j - 1].s + v[j - 1].len;
  set_line(oct_builder_push(&c->b, OCT_NODE_BLOCK_QUOTE), v[i].lineno);
  oct_buf scratch = OCT_BUF_INIT;
  size_t m;
  tline *sub = split_lines(start, (size_t)(end - start), true, &m, &scratch);
  for (size_t k = 0; k < m; k++)
    sub[k].lineno += v[i].lineno - 1;
  blocks(c, sub, m, true);
  free(sub);
  oct_buf_free(&scratch);
  oct_builder_pop(&c->b);
  return j;
}

/* "2. Background" alone between blank lines, with a paragraph (not the
 * next item) after it, numbers a section rather than a list item. */
static bool numbered_heading(const tline *v, size_t n, size_t i) {
  if (!v[i].ordered || !standalone(v, n, i) || i + 1 >= n || v[i + 1].kind != K_TEXT ||
      (heading_shape(&v[i + 1]) && standalone(v, n, i + 1)))
    return false;
  tline body = v[i];
  body.s += body.body;
  body.len -= body.body;
  body.chars = oct_utf8_count(body.s, body.len);
  return heading_shape_any(&body);
}

static void heading(ctx *c, const tline *l) {
  oct_node *h = oct_builder_push(&c->b, OCT_NODE_HEADING);
  set_line(h, l->lineno);
  if (h) oct_node_set_heading_level(h, 2);
  oct_smart sm;
  oct_smart_init(&sm);
  oct_buf_clear(&c->tmp);
  join_line(&c->tmp, l->s, l->len);
  inlines(c, &sm, c->tmp.data, c->tmp.len);
  oct_builder_pop(&c->b);
}

static void blocks(ctx *c, const tline *v, size_t n, bool quoted) {
  size_t i = 0;
  while (i < n && !c->b.failed) {
    const tline *l = &v[i];
    switch (l->kind) {
    case K_BREAK:
      set_line(oct_builder_leaf(&c->b, OCT_NODE_THEMATIC_BREAK), l->lineno);
      i++;
      break;
    case K_QUOTE:
      i = quote(c, v, n, i);
      break;
    case K_ITEM:
      if (!quoted && numbered_heading(v, n, i)) {
        heading(c, l);
        i++;
      } else {
        i = list(c, v, n, i, -1);
      }
      break;
    default:
      if (!quoted && underlined(v, n, i) && v[i].blank_before && v[i].chars <= HEADING_MAX_CHARS) {
        heading(c, l);
        i += 2;
      } else if (!quoted && is_heading(v, n, i)) {
        heading(c, l);
        i++;
      } else {
        i = paragraph(c, v, n, i);
      }
    }
  }
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
  oct_doc_set_meta(c->b.doc, k, c->tmp2.data);
}

static const char *const name_particles[] = {"de", "da",  "van", "von", "der", "den", "del",
                                             "di", "la",  "le",  "du",  "and", "&",   "bin",
                                             "al", "ibn", "y",   "of",  NULL};

/* Does S look like a person's (or a desk's) name? */
static bool name_like(const char *s, size_t n) {
  span w[8];
  size_t nw = words(s, n, w, 8);
  if (nw == 0 || nw > 6 || n > 60) return false;
  if (nw == 1) return is_alpha(cp_at(s, n, 0, NULL));
  for (size_t i = 0; i < nw; i++) {
    uint32_t f = cp_at(w[i].s, w[i].n, 0, NULL);
    if (!is_upper(f) && !word_in(w[i], name_particles)) return false;
  }
  return true;
}

static const char *const role_words[] = {
    "staff",     "writer",     "reporter", "correspondent", "editor", "contributor",
    "columnist", "journalist", "senior",   "contributing",  "chief",  "special",
    "political", "science",    "foreign",  "news",          "desk",   "photographer",
    "guest",     "freelance",  "for",      "the",           "at",     NULL};

/* job words that name no job on their own: "Doe, the Elder" keeps its comma part */
static const char *const role_fillers[] = {"for", "the", "at", "senior", "chief", NULL};

/* "Jane Doe, Staff Writer" -> "Jane Doe": drops a trailing ", role" made
 * only of job words; keeps "Doe, Jr." and the like. */
static size_t without_role(const char *s, size_t n) {
  const char *comma = memchr(s, ',', n);
  if (!comma) return n;
  size_t cut = (size_t)(comma - s);
  span w[8];
  size_t nw = words(comma + 1, n - cut - 1, w, 8);
  if (nw == 0 || nw >= 8) return n;
  bool job = false;
  for (size_t i = 0; i < nw; i++) {
    if (!word_in(w[i], role_words)) return n;
    job |= !word_in(w[i], role_fillers);
  }
  return job ? cut : n;
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
        if (prefix_ci(s + j, n - j, *p)) {
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
    span w[MAX_WORDS];
    size_t nw = words(seg.data ? seg.data : "", seg.len, w, MAX_WORDS);
    size_t name_end = seg.len;
    char iso[11];
    for (size_t k = 0; k < nw && date->len == 0; k++) {
      size_t off = (size_t)(w[k].s - seg.data);
      if (parse_date(seg.data + off, seg.len - off, iso)) {
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

static const char *const byline_prefixes[] = {
    "by ",      "written by ",   "posted by ",    "story by ", "words by ", "reported by ",
    "author: ", "\xE2\x80\x94 ", "\xE2\x80\x93 ", "-- ",       NULL};

static bool parse_dateline(const char *ls, size_t ln, oct_buf *date);

static bool parse_byline(const tline *l, oct_buf *author, oct_buf *date) {
  if (l->len > TITLE_MAX_CHARS) return false;
  for (const char *const *p = byline_prefixes; *p; p++) {
    if (!prefix_ci(l->s, l->len, *p)) continue;
    size_t k = strlen(*p);
    oct_buf_clear(author);
    oct_buf_clear(date);
    return parse_byline_rest(l->s + k, l->len - k, author, date);
  }
  /* "Posted on March 3, 2024 by Jane Doe": the date comes first */
  for (size_t i = 0; i + 4 <= l->len; i++) {
    if (!prefix_ci(l->s + i, l->len - i, " by ")) continue;
    oct_buf_clear(author);
    if (!parse_dateline(l->s, i, date)) return false;
    oct_buf d2 = OCT_BUF_INIT;
    bool ok = parse_byline_rest(l->s + i + 4, l->len - i - 4, author, &d2);
    oct_buf_free(&d2);
    return ok;
  }
  /* "Jane Doe | March 3, 2024 | 45 views": no "by", but separators, a name
   * and a date or a counter say it all the same */
  if (memchr(l->s, '|', l->len) || strstr_n(l->s, l->len, "\xC2\xB7") ||
      strstr_n(l->s, l->len, "\xE2\x80\xA2")) {
    oct_buf_clear(author);
    oct_buf_clear(date);
    oct_buf tmp = OCT_BUF_INIT;
    bool counters = strip_counters(l->s, l->len, &tmp) > 0;
    oct_buf_free(&tmp);
    return parse_byline_rest(l->s, l->len, author, date) && (date->len > 0 || counters);
  }
  return false;
}

/* A line holding just a date, possibly introduced ("Published March 3, 2024"). */
static bool parse_dateline(const char *ls, size_t ln, oct_buf *date) {
  span w[MAX_WORDS];
  size_t nw = words(ls, ln, w, MAX_WORDS);
  size_t k = 0;
  while (k < nw && word_in(w[k], date_intro))
    k++;
  if (k >= nw) return false;
  size_t off = (size_t)(w[k].s - ls);
  char iso[11];
  if (!parse_date(ls + off, ln - off, iso)) return false;
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
  span w[5];
  size_t nw = words(v[i].s, v[i].len, w, 5);
  return nw >= 1 && nw <= 4 && !word_in(w[0], articles) && i + 1 < n &&
         name_like(v[i].s, v[i].len) && parse_dateline(v[i + 1].s, v[i + 1].len, scratch);
}

/* Reads title, byline, date and subtitle; returns the first body line. */
static size_t header(ctx *c, const tline *v, size_t n) {
  if (n == 0 || v[0].kind != K_TEXT || v[0].chars > TITLE_MAX_CHARS) return 0;
  /* a first line that is plainly a sentence of body text is not a title */
  if (v[0].chars > HEADING_MAX_CHARS && last_cp(v[0].s, v[0].len) == '.') return 0;
  set_meta(c, OCT_META_TITLE, v[0].s, v[0].len, true);
  /* a title underlined with "=" or "-" */
  size_t i = underlined(v, n, 0) ? 2 : 1;
  size_t stop = i + 4;
  bool have_byline = false, have_sub = false, have_date = false;
  oct_buf author = OCT_BUF_INIT, date = OCT_BUF_INIT;
  while (i < n && i < stop) {
    const tline *l = &v[i];
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
    /* The subtitle is a short unpunctuated line standing right under the
     * title or byline, or right above the byline; a short line with blank
     * lines around it is more likely the first section heading. */
    if (!have_sub && heading_shape(l) && last_cp(l->s, l->len) != ':' &&
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

/* Cyrillic text names its language by a few letters: і ї є ґ are
 * Ukrainian only, ў Belarusian, ј љ њ Serbian/Macedonian, ы э Russian.
 * Latin-script text is left unset (the writer's default applies): telling
 * English from French needs more than a letter count. */
static const char *guess_language(const char *s, size_t n) {
  size_t cyr = 0, lat = 0, uk = 0, be = 0, sr = 0, ru = 0;
  for (size_t i = 0; i < n;) {
    size_t k;
    uint32_t c = cp_at(s, n, i, &k);
    i += k;
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') lat++;
    if (c < 0x400 || c > 0x4FF) continue;
    cyr++;
    uint32_t l = c >= 0x410 && c <= 0x42F ? c + 0x20 : c >= 0x400 && c <= 0x40F ? c + 0x50 : c;
    if (l == 0x456 || l == 0x457 || l == 0x454 || c == 0x491 || c == 0x490) uk++;
    if (l == 0x45E) be++;
    if (l == 0x458 || l == 0x459 || l == 0x45A) sr++;
    if (l == 0x44B || l == 0x44D) ru++;
  }
  if (cyr <= lat || cyr < 20) return NULL;
  if (be && !sr) return "be";
  if (uk && !sr) return "uk";
  if (sr && !uk) return "sr";
  if (ru) return "ru";
  return NULL;
}

oct_node *oct_read_text(const char *utf8, size_t len, oct_error *err) {
  ctx c;
  oct_builder_init(&c.b, err);
  c.tmp = (oct_buf)OCT_BUF_INIT;
  c.tmp2 = (oct_buf)OCT_BUF_INIT;
  size_t n;
  tline *v = split_lines(utf8, len, false, &n, &c.tmp);
  size_t body = header(&c, v, n);
  if (body < n) {
    /* the first body line counts as standing after a blank line */
    v[body].blank_before = true;
    blocks(&c, v + body, n - body, false);
  }
  const char *lang = guess_language(utf8, len);
  if (lang) oct_doc_set_meta(c.b.doc, OCT_META_LANGUAGE, lang);
  free(v);
  oct_buf_free(&c.tmp);
  oct_buf_free(&c.tmp2);
  return oct_builder_finish(&c.b);
}
