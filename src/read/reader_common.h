/* What the three readers share (text.c, markdown.c, html*.c; smart.c):
 * the tree as a reader sees it, and one definition of each character
 * class, beside the locale-free ASCII ones of util.h (oct_ascii_*).
 * Building itself (depth limit, flattening, held text, dropping closed
 * nodes) is the builder's (tree.h).  Not a public header: only src/read
 * includes it. */
#ifndef OCTAVO_READ_READER_COMMON_H
#define OCTAVO_READ_READER_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "read/smart.h"
#include "tree/tree.h"
#include "util/util.h"

/* ---- the tree as a reader sees it */

/* A container of flowing blocks (document, quote, list item): the tree's
 * own rule, so the readers never disagree with it. */
static inline bool rd_is_flow(const oct_node *n) {
  return oct_node_can_contain(n->type, OCT_NODE_PARAGRAPH);
}

/* Is S (N bytes) the end of LINK's address: text that is the link's own
 * target (an autolink, "<a href=URL>URL</a>"), a URL and not prose to
 * smarten?  False when LINK is NULL or no link. */
bool rd_is_link_target(const oct_node *link, const char *s, size_t n);

/* Hands S (N bytes) to the builder, made typographic by SM first (NULL:
 * as it is); SCRATCH holds the smartened text meanwhile.  The builder
 * holds it until the block's next node, so a reader may hand its text
 * over in as many runs as it has (md4c gives one a line, a DOM one a
 * text node: appending each to the text node instead copied a paragraph
 * of 400,000 commented words once per word, 51 s). */
void rd_put_text(oct_builder *b, oct_smart *sm, oct_buf *scratch, const char *s, size_t n);

/* ---- character classes */

/* HTML's white space (tags, attribute values, the DOM's text): space,
 * tab, line feed, carriage return, form feed.  Not vertical tab. */
static inline bool rd_html_space(int c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* A code point that separates words in prose: HTML's white space and the
 * no-break, thin, narrow no-break and ideographic spaces. */
static inline bool rd_space(uint32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == 0xA0 || c == 0x2009 ||
         c == 0x202F || c == 0x3000;
}

/* Cased letters of the Latin, Greek and Cyrillic alphabets (the scripts
 * whose capitals the readers weigh: a heading, a name, a new sentence). */
static inline bool rd_lower(uint32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0xFF && c != 0xF7) ||
         (c >= 0x430 && c <= 0x45F) || (c >= 0x3B1 && c <= 0x3C9);
}

static inline bool rd_upper(uint32_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) ||
         (c >= 0x400 && c <= 0x42F) || (c >= 0x391 && c <= 0x3A9);
}

/* A letter of an alphabet: ASCII, Latin-1 but × and ÷, and everything
 * from U+0100 to U+1FFF (Latin Extended, Greek, Cyrillic, Hebrew, Arabic,
 * Indic...).  What the text reader's rules about capitals, words and
 * headings are written for; text without spaces between words is not. */
static inline bool rd_alpha(uint32_t c) {
  return c < 0x80 ? oct_ascii_alpha((int)c) : c >= 0xC0 && c < 0x2000 && c != 0xD7 && c != 0xF7;
}

/* Any letter: rd_alpha, and the kana, CJK ideographs and Hangul (U+3040
 * to U+FFEF): whether a word goes on past a quote (smart punctuation). */
static inline bool rd_letter(uint32_t c) { return rd_alpha(c) || (c >= 0x3040 && c < 0xFFF0); }

/* A byte of a word for hashing and matching: an ASCII letter or digit,
 * or any byte of a character beyond ASCII. */
static inline bool rd_word_byte(unsigned char c) { return oct_ascii_alnum(c) || c >= 0x80; }

/* ---- code points in text that is not NUL-terminated */

/* The code point at s[i] and its length in *K (may be NULL); a byte that
 * starts no valid sequence reads as itself, so a scan never stalls; 0 (and
 * *K = 0) at the end. */
static inline uint32_t rd_cp_at(const char *s, size_t n, size_t i, size_t *k) {
  uint32_t c = 0;
  size_t m = i < n ? oct_utf8_decode(s + i, n - i, &c) : 0;
  if (m == 0) {
    c = i < n ? (unsigned char)s[i] : 0;
    m = i < n ? 1 : 0;
  }
  if (k) *k = m;
  return c;
}

/* Start of the code point that ends s[0..n). */
static inline size_t rd_last_start(const char *s, size_t n) {
  if (n == 0) return 0;
  size_t i = n - 1;
  while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80 && n - i < 4)
    i--;
  return i;
}

static inline uint32_t rd_last_cp(const char *s, size_t n) {
  return n ? rd_cp_at(s, n, rd_last_start(s, n), NULL) : 0;
}

/* ---- strings that are not NUL-terminated: S (N bytes) against P, ASCII
 * letters without case (inline: the text reader asks these of every
 * line, many times) */
static inline bool rd_prefix_ci(const char *s, size_t n, const char *p) {
  size_t k = strlen(p);
  return n >= k && strncasecmp(s, p, k) == 0;
}

static inline bool rd_equals_ci(const char *s, size_t n, const char *p) {
  return strlen(p) == n && strncasecmp(s, p, n) == 0;
}

static inline bool rd_contains_ci(const char *s, size_t n, const char *p) {
  size_t k = strlen(p);
  if (k == 0) return true;
  int first = oct_ascii_tolower((unsigned char)p[0]);
  /* the first byte compared here, strncasecmp only where it matches: a
   * call at every position was 40 % of reading a 10 MB text */
  for (size_t i = 0; i + k <= n; i++)
    if (oct_ascii_tolower((unsigned char)s[i]) == first && strncasecmp(s + i, p, k) == 0) return true;
  return false;
}

#endif
