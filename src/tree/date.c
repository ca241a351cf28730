/* Dates: the one parser for every reader and for -M date=.
 *
 * It lives with the tree because the tree owns what OCT_META_DATE means
 * (ARCHITECTURE.md §3): an ISO 8601 calendar date, or the source's words
 * verbatim when they are no date this file can read; oct_doc_set_meta
 * applies the rule, so no reader or option can store anything else, and
 * the writers only format what they find.
 *
 * Hand-written: strptime follows the locale, knows neither "5th" nor an
 * optional comma, and takes one fixed order per call.  What is read:
 *   2024-03-05, 2024/3/5, 2024.03.05      year first, any of three separators
 *   5 March 2024, 5th Mar. 2024, 5 of March, 2024, 3 березня 2024
 *   March 5, 2024, Sept 30 2023, Mar. 5th, 2024
 *   2024 March 5
 *   31/12/2024, 12/31/2024                day and month told apart by a
 *                                         number above 12; 03/05/2024 is
 *                                         3 May or 5 March: AMBIGUOUS
 * with an optional weekday before ("Tuesday, 5 March 2024") and, for a
 * whole string, an optional time of day after ("at 10:30", "10:30 am",
 * "T10:00:00Z").  Month names are English (any prefix of three letters or
 * more: "Sept", "Octo"), French, Spanish, Portuguese, Italian, German and
 * Dutch written out ("4. Juli 2024", "12 de julio de 2024", "1er mars
 * 2024"), and the Ukrainian and Russian genitives.  Only
 * real days count: February 29 only in leap years, never February 30. */
#include <string.h>
#include <strings.h>

#include "tree/tree.h"

static const char *const month_names[12] = {"january",   "february", "march",    "april",
                                            "may",       "june",     "july",     "august",
                                            "september", "october",  "november", "december"};

static const char *const weekday_names[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
    "tues",   "wed",     "thu",       "thur",     "thurs",  "fri",      "sat",    "sun", NULL};

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
/* Month names of the Latin-script languages news is read in, written out
 * (no prefixes: "mar" is already English), with and without their accents:
 * French, Spanish, Portuguese, Italian, German, Dutch.  A name shared with
 * English ("april", "august") is read there first. */
static const char *const latin_months[][12] = {
    {"janvier", "f\xC3\xA9vrier", "mars", "avril", "mai", "juin", "juillet", "ao\xC3\xBBt",
     "septembre", "octobre", "novembre", "d\xC3\xA9\x63\x65mbre"},
    {"janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
     "octobre", "novembre", "decembre"},
    {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
     "octubre", "noviembre", "diciembre"},
    {"janeiro", "fevereiro", "mar\xC3\xA7o", "abril", "maio", "junho", "julho", "agosto",
     "setembro", "outubro", "novembro", "dezembro"},
    {"janeiro", "fevereiro", "marco", "abril", "maio", "junho", "julho", "agosto", "setembro",
     "outubro", "novembro", "dezembro"},
    {"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
     "ottobre", "novembre", "dicembre"},
    {"januar", "februar", "m\xC3\xA4rz", "april", "mai", "juni", "juli", "august", "september",
     "oktober", "november", "dezember"},
    {"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
     "oktober", "november", "december"},
};

/* Words that may follow the year: "р." / "року" (uk), "г." / "года" (ru). */
static const char *const cyr_year_words[] = {"\xD1\x80\xD0\xBE\xD0\xBA\xD1\x83", "\xD1\x80.",
                                             "\xD0\xB3\xD0\xBE\xD0\xB4\xD0\xB0", "\xD0\xB3.", NULL};

/* The shortest month abbreviation read: "Mar", "Sep" (two letters would
 * make "Ma" and "Ju" months). */
#define MONTH_MIN_LETTERS 3

int oct_date_month(const char *s, size_t n) {
  if (n < MONTH_MIN_LETTERS) return 0;
  for (int m = 0; m < 12; m++)
    if (n <= strlen(month_names[m]) && strncasecmp(s, month_names[m], n) == 0) return m + 1;
  return 0;
}

bool oct_date_weekday(const char *s, size_t n) {
  for (const char *const *w = weekday_names; *w; w++)
    if (strlen(*w) == n && strncasecmp(s, *w, n) == 0) return true;
  return false;
}

/* ---- scanning S[0..N) from *I */

static bool digit_at(const char *s, size_t n, size_t i) { return i < n && oct_ascii_digit(s[i]); }

static bool prefix_ci(const char *s, size_t n, size_t i, const char *p) {
  size_t k = strlen(p);
  return n - i >= k && strncasecmp(s + i, p, k) == 0;
}

static size_t letters(const char *s, size_t n, size_t i) {
  size_t j = i;
  while (j < n && oct_ascii_alpha((unsigned char)s[j]))
    j++;
  return j - i;
}

/* Up to nine digits (more would overflow an int); *NDIGITS says how many. */
static int number(const char *s, size_t n, size_t *i, int *ndigits) {
  int v = 0, d = 0;
  while (digit_at(s, n, *i) && d < 9) {
    v = v * 10 + (s[*i] - '0');
    (*i)++;
    d++;
  }
  *ndigits = d;
  return v;
}

/* What stands between the parts of a date: spaces, tabs, commas. */
static void skip_blanks(const char *s, size_t n, size_t *i) {
  while (*i < n && (s[*i] == ' ' || s[*i] == ',' || s[*i] == '\t'))
    (*i)++;
}

static void skip_dot(const char *s, size_t n, size_t *i) {
  if (*i < n && s[*i] == '.') (*i)++;
}

/* "st", "nd", "rd", "th" (or French "er") after a day, when no letter
 * follows ("5th", "1er", not "5 there"). */
static void skip_ordinal(const char *s, size_t n, size_t *i) {
  if (!(prefix_ci(s, n, *i, "st") || prefix_ci(s, n, *i, "nd") || prefix_ci(s, n, *i, "rd") ||
        prefix_ci(s, n, *i, "th") || prefix_ci(s, n, *i, "er")))
    return;
  unsigned char after = *i + 2 < n ? (unsigned char)s[*i + 2] : 0;
  if (!oct_ascii_alpha(after) && after < 0x80) *i += 2;
}

/* A word of letters at s[I], accented ones too (any byte past ASCII):
 * its length. */
static size_t word_len(const char *s, size_t n, size_t i) {
  size_t j = i;
  while (j < n && (oct_ascii_alpha((unsigned char)s[j]) || (unsigned char)s[j] >= 0x80))
    j++;
  return j - i;
}

/* A month's name at s[*i]: English, another Latin-script language's, or a
 * Ukrainian or Russian genitive; *LATIN (when LATIN is not NULL) says
 * whether it was another Latin-script language's: "4. Juli 2024" is a date,
 * "Issue 12. May 2023" is not. */
static int month_at(const char *s, size_t n, size_t *i, bool *latin) {
  size_t wl = letters(s, n, *i);
  int m = 0;
  bool other = false;
  if (wl) {
    /* "mar" of "março" is no English "Mar": the whole word counts */
    size_t ww = word_len(s, n, *i);
    if (ww == wl) m = oct_date_month(s + *i, wl);
    /* every other language's month starts with one of these letters and
     * has 3 to 10 bytes: most words are turned away before the tables */
    char f = (char)oct_ascii_tolower((unsigned char)s[*i]);
    if (!m && (ww < 3 || ww > 10 || !strchr("jfmasondegl", f))) return 0;
    for (size_t l = 0; !m && l < sizeof latin_months / sizeof latin_months[0]; l++)
      for (int k = 0; k < 12 && !m; k++)
        if (latin_months[l][k][0] == f && strlen(latin_months[l][k]) == ww &&
            strncasecmp(s + *i, latin_months[l][k], ww) == 0)
          m = k + 1, wl = ww, other = true;
  } else {
    for (int k = 0; k < 24 && !m; k++) {
      size_t len = strlen(cyr_months[k]);
      if (n - *i >= len && memcmp(s + *i, cyr_months[k], len) == 0 &&
          (*i + len == n || s[*i + len] == ' ' || s[*i + len] == ','))
        m = k % 12 + 1, wl = len;
    }
  }
  if (latin) *latin = other;
  if (m) {
    *i += wl;
    skip_dot(s, n, i);
  }
  return m;
}

typedef struct ymd {
  int y, m, d; /* 0 where absent */
  bool ambiguous;
} ymd;

/* 2024-03-05, and 31/12/2024 with the day and month told apart; S[*I] is
 * the first digit, A the number read from it. */
static bool numeric(const char *s, size_t n, size_t *i, int a, int na, ymd *r) {
  char sep = s[(*i)++];
  int nb, nc;
  int b = number(s, n, i, &nb);
  if (*i >= n || s[*i] != sep) return false;
  (*i)++;
  int c = number(s, n, i, &nc);
  if (na == 4 && nb <= 2 && nc <= 2) {
    r->y = a, r->m = b, r->d = c;
  } else if (nc == 4 && na <= 2 && nb <= 2) {
    r->y = c;
    if (a > 12 && b <= 12)
      r->d = a, r->m = b;
    else if (b > 12 && a <= 12)
      r->m = a, r->d = b;
    else /* even 03/03: every day-month pair is kept as written */
      r->m = a, r->d = b, r->ambiguous = true;
  } else {
    return false;
  }
  return true;
}

/* The date proper at s[I] (no weekday): returns where it ends, 0 when
 * there is none. */
static size_t date_core(const char *s, size_t n, size_t i, ymd *r) {
  int nd;
  if (digit_at(s, n, i)) {
    int a = number(s, n, &i, &nd);
    if (i + 1 < n && (s[i] == '-' || s[i] == '/' || s[i] == '.') && digit_at(s, n, i + 1))
      return numeric(s, n, &i, a, nd, r) ? i : 0;
    if (nd == 4) {
      /* 2024 March 5 */
      size_t j = i;
      skip_blanks(s, n, &j);
      if (j == i || !(r->m = month_at(s, n, &j, NULL))) return 0;
      skip_blanks(s, n, &j);
      r->y = a;
      r->d = number(s, n, &j, &nd);
      if (nd == 0 || nd > 2) return 0;
      skip_ordinal(s, n, &j);
      return j;
    }
    /* 5 March 2024, 5th of March, 2024, 4. Juli 2024 (de), 12 de julio de
     * 2024 (es, pt), 1er mars 2024 (fr) */
    if (nd > 2) return 0;
    r->d = a;
    skip_ordinal(s, n, &i);
    bool dotted = i + 1 < n && s[i] == '.' && s[i + 1] == ' ', latin = false;
    if (dotted) i++;
    skip_blanks(s, n, &i);
    if (prefix_ci(s, n, i, "of ") || prefix_ci(s, n, i, "de ")) i += 3;
    if (!(r->m = month_at(s, n, &i, &latin)) || (dotted && !latin)) return 0;
    skip_blanks(s, n, &i);
    if (prefix_ci(s, n, i, "de "))
      i += 3;
    else if (prefix_ci(s, n, i, "del "))
      i += 4;
    r->y = number(s, n, &i, &nd);
    return nd == 4 ? i : 0;
  }
  /* March 5, 2024 */
  if (!(r->m = month_at(s, n, &i, NULL))) return 0;
  skip_blanks(s, n, &i);
  r->d = number(s, n, &i, &nd);
  if (nd == 0 || nd > 2) return 0;
  skip_ordinal(s, n, &i);
  skip_blanks(s, n, &i);
  r->y = number(s, n, &i, &nd);
  return nd == 4 ? i : 0;
}

/* A real calendar date; D or M 0 for a month or a year alone.  Years have
 * four digits: ISO 8601's basic range, and what the outputs can hold. */
static bool valid(const ymd *r) {
  static const int days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (r->y < 1000 || r->y > 9999 || r->m < 0 || r->m > 12) return false;
  if (r->m == 0) return r->d == 0;
  if (r->d == 0) return true;
  if (r->d < 1 || r->d > days[r->m - 1]) return false;
  bool leap = (r->y % 4 == 0 && r->y % 100 != 0) || r->y % 400 == 0;
  return !(r->m == 2 && r->d == 29 && !leap);
}

static void put_iso(const ymd *r, char iso[OCT_DATE_ISO_SIZE]) {
  const int parts[3] = {r->y, r->m, r->d}, widths[3] = {4, 2, 2};
  char *o = iso;
  for (int k = 0; k < 3 && parts[k]; k++) {
    if (k) *o++ = '-';
    for (int w = widths[k] - 1, v = parts[k]; w >= 0; w--, v /= 10)
      o[w] = (char)('0' + v % 10);
    o += widths[k];
  }
  *o = '\0';
}

oct_date_kind oct_date_at(const char *s, size_t n, size_t *used, char iso[OCT_DATE_ISO_SIZE]) {
  size_t i = 0;
  iso[0] = '\0';
  *used = 0;
  skip_blanks(s, n, &i);
  size_t wl = letters(s, n, i);
  if (wl && oct_date_weekday(s + i, wl)) {
    i += wl;
    skip_dot(s, n, &i);
    skip_blanks(s, n, &i);
  }
  ymd r = {0, 0, 0, false};
  size_t end = date_core(s, n, i, &r);
  if (!end || r.d == 0 || !valid(&r)) return OCT_DATE_NONE;
  *used = end;
  if (r.ambiguous) return OCT_DATE_AMBIGUOUS;
  put_iso(&r, iso);
  return OCT_DATE_ISO;
}

/* What may follow a whole date: a time of day ("T10:00:00Z", "at 10:30",
 * "10:30 am", "9:05") or a year word ("2024 р."), and nothing else. */
static bool time_tail(const char *s, size_t n, size_t i) {
  if (i < n && s[i] == 'T' && digit_at(s, n, i + 1)) return true;
  skip_blanks(s, n, &i);
  for (const char *const *w = cyr_year_words; *w; w++)
    if (prefix_ci(s, n, i, *w)) {
      i += strlen(*w);
      skip_blanks(s, n, &i);
      break;
    }
  if (i >= n || prefix_ci(s, n, i, "at ")) return true;
  if (!digit_at(s, n, i)) return false;
  size_t h = digit_at(s, n, i + 1) ? i + 2 : i + 1; /* after the hour */
  /* "10:30", or "09.15" as British pages write a time (two digits after
   * the point, then the end, a space or a zone: not "10.5 million") */
  return h < n && (s[h] == ':' || (s[h] == '.' && digit_at(s, n, h + 1) && digit_at(s, n, h + 2) &&
                                   (h + 3 == n || s[h + 3] == ' ')));
}

/* 2024, 2024-03, March 2024: a month or a year when that is all. */
static oct_date_kind partial(const char *s, size_t n, char iso[OCT_DATE_ISO_SIZE]) {
  ymd r = {0, 0, 0, false};
  size_t i = 0;
  int nd;
  skip_blanks(s, n, &i);
  if (digit_at(s, n, i)) {
    r.y = number(s, n, &i, &nd);
    if (nd != 4) return OCT_DATE_NONE;
    if (i < n && (s[i] == '-' || s[i] == '/' || s[i] == '.')) {
      i++;
      r.m = number(s, n, &i, &nd);
      if (nd == 0 || nd > 2 || r.m == 0) return OCT_DATE_NONE;
    }
  } else {
    if (!(r.m = month_at(s, n, &i, NULL))) return OCT_DATE_NONE;
    skip_blanks(s, n, &i);
    r.y = number(s, n, &i, &nd);
    if (nd != 4) return OCT_DATE_NONE;
  }
  skip_blanks(s, n, &i);
  if (i != n || !valid(&r)) return OCT_DATE_NONE;
  put_iso(&r, iso);
  return OCT_DATE_ISO;
}

oct_date_kind oct_date_parse(const char *s, size_t n, unsigned flags, char iso[OCT_DATE_ISO_SIZE]) {
  size_t used;
  oct_date_kind k = oct_date_at(s, n, &used, iso);
  if (k != OCT_DATE_NONE && time_tail(s, n, used)) return k;
  iso[0] = '\0';
  return flags & OCT_DATE_PARTIAL ? partial(s, n, iso) : OCT_DATE_NONE;
}

bool oct_date_find(const char *s, size_t n, char iso[OCT_DATE_ISO_SIZE]) {
  for (size_t i = 0; i < n; i++) {
    size_t used;
    if ((i == 0 || !oct_ascii_alnum((unsigned char)s[i - 1])) &&
        oct_ascii_alnum((unsigned char)s[i]) &&
        oct_date_at(s + i, n - i, &used, iso) == OCT_DATE_ISO)
      return true;
  }
  iso[0] = '\0';
  return false;
}

const char *oct_doc_date_iso(const oct_node *doc) {
  const char *v = oct_doc_meta(doc, OCT_META_DATE);
  char iso[OCT_DATE_ISO_SIZE];
  /* what oct_doc_set_meta stored as ISO reads back as itself; a verbatim
   * value never does (it was kept because it did not read as a date) */
  if (!v || oct_date_parse(v, strlen(v), OCT_DATE_PARTIAL, iso) != OCT_DATE_ISO ||
      strcmp(iso, v) != 0)
    return NULL;
  return v;
}
