/* Typographic punctuation.
 *
 * Dash rule (one rule, everywhere): "---" is an em dash; "--" is an en dash
 * between two digits (1990--1995, pages 12--14) and an em dash otherwise,
 * because in typed and pasted prose "--" nearly always stands in for an em
 * dash, while a range is always digit--digit.  "..." is an ellipsis.
 *
 * Quotes are decided by what stands before them: after the start of the
 * block, a space, an opening bracket, a dash, a slash or another opening
 * quote a straight quote opens; anywhere else it closes.  A single quote
 * that opens a word is an apostrophe instead when the word is an elision
 * ('90s, 'tis, 'twas, 'em, 'n', 'cause, 'til).  Curly quotes already in the
 * text are copied as they are. */
#include <string.h>
#include <strings.h>

#include "read/reader_common.h"
#include "read/smart.h"

void oct_smart_init(oct_smart *s) {
  s->prev = 0;
  s->double_open = 0;
  s->single_open = 0;
}

/* Characters after which a quote opens. */
static bool opens_after(uint32_t c) {
  if (c == 0 || rd_space(c)) return true;
  switch (c) {
  case '(':
  case '[':
  case '{':
  case '<':
  case '-':
  case '/':
  case 0x2013: /* en dash */
  case 0x2014: /* em dash */
  case 0x201C: /* left double quote */
  case 0x2018: /* left single quote */
  case 0xAB:   /* « */
  case 0x201E: /* „ */
    return true;
  default:
    return false;
  }
}

/* The code point at s[i] in *CP (0 at the end); returns its length. */
static size_t peek(const char *s, size_t n, size_t i, uint32_t *cp) {
  size_t k;
  *cp = rd_cp_at(s, n, i, &k);
  return k;
}

/* Elisions that begin with an apostrophe; matched case-insensitively and
 * only as a whole word. */
static const char *const elisions[] = {"tis", "twas",  "twere", "em",   "n",   "cause",
                                       "til", "round", "bout",  "nuff", "cos", "s"};

static bool word_is_elision(const char *s, size_t n, size_t i) {
  size_t j = i;
  while (j < n && oct_ascii_alpha((unsigned char)s[j]))
    j++;
  size_t wl = j - i;
  if (wl == 0) return false;
  /* the word must end here: no further letter (e.g. "'tisane" is a quote) */
  uint32_t after;
  peek(s, n, j, &after);
  if (rd_letter(after)) return false;
  for (size_t k = 0; k < sizeof elisions / sizeof elisions[0]; k++)
    if (strlen(elisions[k]) == wl && strncasecmp(s + i, elisions[k], wl) == 0) {
      /* 'n and 's only as in rock 'n' roll / the '60s: followed by a quote */
      if (wl == 1) return after == '\'' || after == 0x2019;
      return true;
    }
  return false;
}

static const char LDQ[] = "\xE2\x80\x9C", RDQ[] = "\xE2\x80\x9D";
static const char LSQ[] = "\xE2\x80\x98", RSQ[] = "\xE2\x80\x99";
static const char EN[] = "\xE2\x80\x93", EM[] = "\xE2\x80\x94", ELL[] = "\xE2\x80\xA6";

/* The word at IN[I] is an option's name: letters, digits, "-" and "_" up
 * to a space, "=" or the end, not ending in a hyphen ("--dry-run", not the
 * "--suddenly--" of a dash on both sides). */
static bool option_word(const char *in, size_t len, size_t i) {
  size_t j = i;
  while (j < len && (oct_ascii_alnum((unsigned char)in[j]) || in[j] == '-' || in[j] == '_'))
    j++;
  return j > i && in[j - 1] != '-' && (j == len || in[j] == ' ' || in[j] == '=' || in[j] == ',');
}

void oct_smart_run(oct_smart *s, const char *in, size_t len, oct_buf *out) {
  size_t i = 0;
  while (i < len) {
    /* A run of ASCII that holds none of the characters below is copied as
     * is (one code point at a time it cost 70 instructions a byte). */
    size_t j = i;
    while (j < len && (unsigned char)in[j] < 0x80 && in[j] != '"' && in[j] != '\'' &&
           in[j] != '-' && in[j] != '.')
      j++;
    if (j > i) {
      oct_buf_put(out, in + i, j - i);
      s->prev = (unsigned char)in[j - 1];
      i = j;
      continue;
    }
    uint32_t c, next;
    size_t k = peek(in, len, i, &c);
    peek(in, len, i + k, &next);
    uint32_t emitted = c;
    if (c == '"') {
      bool open = opens_after(s->prev);
      /* a quote with nothing after it closes what is open */
      if (open && s->double_open > 0 && (next == 0 || rd_space(next))) open = false;
      if (open) {
        OCT_BUF_LIT(out, LDQ);
        s->double_open++;
        emitted = 0x201C;
      } else {
        OCT_BUF_LIT(out, RDQ);
        if (s->double_open > 0) s->double_open--;
        emitted = 0x201D;
      }
      i += k;
    } else if (c == '\'') {
      bool open = opens_after(s->prev);
      if (open) {
        uint32_t n2;
        peek(in, len, i + k + 1, &n2);
        if ((oct_ascii_digit((int)next) && oct_ascii_digit((int)n2)) ||
            word_is_elision(in, len, i + k)) {
          OCT_BUF_LIT(out, RSQ); /* apostrophe */
          emitted = 0x2019;
        } else if (next == 0 || rd_space(next)) {
          /* a lone quote between spaces: most likely closes */
          OCT_BUF_LIT(out, RSQ);
          if (s->single_open > 0) s->single_open--;
          emitted = 0x2019;
        } else {
          OCT_BUF_LIT(out, LSQ);
          s->single_open++;
          emitted = 0x2018;
        }
      } else {
        /* After a letter and before a letter it is an apostrophe (don't);
         * otherwise it closes a quotation or marks a plural possessive
         * (students' books).  Both are U+2019. */
        if (!rd_letter(next) && s->single_open > 0) s->single_open--;
        OCT_BUF_LIT(out, RSQ);
        emitted = 0x2019;
      }
      i += k;
    } else if (c == '-' && next == '-') {
      uint32_t third;
      peek(in, len, i + 2, &third);
      if (third == '-') {
        OCT_BUF_LIT(out, EM);
        emitted = 0x2014;
        i += 3;
      } else {
        uint32_t after;
        peek(in, len, i + 2, &after);
        if ((s->prev == 0 || rd_space(s->prev)) && after < 0x80 && rd_lower(after) &&
            option_word(in, len, i + 2)) {
          /* a command-line option ("--port 8080", "use --dry-run"): a
           * dash stands between words, not glued to the next one */
          OCT_BUF_LIT(out, "--");
          emitted = '-';
        } else if (oct_ascii_digit((int)s->prev) && oct_ascii_digit((int)after)) {
          OCT_BUF_LIT(out, EN);
          emitted = 0x2013;
        } else {
          OCT_BUF_LIT(out, EM);
          emitted = 0x2014;
        }
        i += 2;
      }
    } else if (c == '.' && next == '.' && i + 2 < len && in[i + 2] == '.') {
      OCT_BUF_LIT(out, ELL);
      emitted = 0x2026;
      i += 3;
    } else {
      if (c == 0x201C) s->double_open++;
      if (c == 0x201D && s->double_open > 0) s->double_open--;
      if (c == 0x2018) s->single_open++;
      oct_buf_put(out, in + i, k);
      i += k;
    }
    s->prev = emitted;
  }
}
