/* Dates as articles write them -> ISO 8601 calendar dates, shared by the
 * Markdown reader (front matter) and the HTML reader (<time> text,
 * bylines, meta values).  Hand-written: strptime depends on the locale and
 * accepts neither "5th" nor an optional comma, and only the English month
 * names and unambiguous orders are wanted (never 03/05/2024, which is two
 * different days on either side of the Atlantic). */
#ifndef OCTAVO_READ_MDHTML_DATE_H
#define OCTAVO_READ_MDHTML_DATE_H

#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

static inline int mdhtml_month(const char *s, size_t *len) {
  static const char *const names[] = {"january",   "february", "march",    "april",
                                      "may",       "june",     "july",     "august",
                                      "september", "october",  "november", "december"};
  size_t n = 0;
  while (isalpha((unsigned char)s[n]))
    n++;
  if (n < 3) return 0;
  for (int m = 0; m < 12; m++) {
    size_t full = strlen(names[m]);
    /* "Mar", "Sept", "March": a prefix of at least three letters */
    if (n <= full && strncasecmp(s, names[m], n) == 0) {
      *len = n + (s[n] == '.' ? 1 : 0);
      return m + 1;
    }
  }
  return 0;
}

static inline int mdhtml_number(const char *s, size_t *len, size_t maxdigits) {
  size_t n = 0;
  int v = 0;
  while (n < maxdigits && isdigit((unsigned char)s[n]))
    v = v * 10 + (s[n++] - '0');
  if (n == 0 || isdigit((unsigned char)s[n])) return -1;
  *len = n;
  return v;
}

static inline const char *mdhtml_skip(const char *s) {
  while (*s == ' ' || *s == ',' || *s == '\t')
    s++;
  return s;
}

/* Parses a date at the start of S into OUT ("YYYY-MM-DD"). */
static inline bool mdhtml_date_at(const char *s, char out[11]) {
  int y = -1, m = 0, d = -1;
  size_t k = 0;
  if (isdigit((unsigned char)s[0])) {
    int a = mdhtml_number(s, &k, 4);
    if (a < 0) return false;
    if (k == 4 && (s[4] == '-' || s[4] == '/' || s[4] == '.')) {
      /* 2024-03-05, 2024/3/5 */
      char sep = s[4];
      size_t k2, k3;
      int mm = mdhtml_number(s + 5, &k2, 2);
      if (mm < 0 || s[5 + k2] != sep) return false;
      int dd = mdhtml_number(s + 6 + k2, &k3, 2);
      y = a, m = mm, d = dd;
    } else if (k <= 2) {
      /* 5 March 2024, 5th Mar. 2024 */
      const char *p = s + k;
      if (strncasecmp(p, "st", 2) == 0 || strncasecmp(p, "nd", 2) == 0 ||
          strncasecmp(p, "rd", 2) == 0 || strncasecmp(p, "th", 2) == 0)
        p += 2;
      if (*p != ' ') return false;
      p = mdhtml_skip(p);
      size_t ml;
      m = mdhtml_month(p, &ml);
      if (!m) return false;
      p = mdhtml_skip(p + ml);
      y = mdhtml_number(p, &k, 4);
      if (k != 4) return false;
      d = a;
    } else {
      return false;
    }
  } else {
    /* March 5, 2024 */
    size_t ml;
    m = mdhtml_month(s, &ml);
    if (!m) return false;
    const char *p = mdhtml_skip(s + ml);
    d = mdhtml_number(p, &k, 2);
    if (d < 0) return false;
    p += k;
    if (strncasecmp(p, "st", 2) == 0 || strncasecmp(p, "nd", 2) == 0 ||
        strncasecmp(p, "rd", 2) == 0 || strncasecmp(p, "th", 2) == 0)
      p += 2;
    p = mdhtml_skip(p);
    y = mdhtml_number(p, &k, 4);
    if (k != 4) return false;
  }
  if (y < 1000 || m < 1 || m > 12 || d < 1 || d > 31) return false;
  const int parts[3] = {y, m, d}, widths[3] = {4, 2, 2};
  char *o = out;
  for (int i = 0; i < 3; i++) {
    if (i) *o++ = '-';
    for (int w = widths[i] - 1, v = parts[i]; w >= 0; w--, v /= 10)
      o[w] = (char)('0' + v % 10);
    o += widths[i];
  }
  *o = '\0';
  return true;
}

/* Finds the first date in S, starting at any word ("Published Tuesday,
 * 5 March 2024, 10:00"). */
static inline bool mdhtml_find_date(const char *s, char out[11]) {
  for (const char *p = s; p && *p; p++)
    if ((p == s || !isalnum((unsigned char)p[-1])) && isalnum((unsigned char)*p) &&
        mdhtml_date_at(p, out))
      return true;
  return false;
}

#endif
