/* Pure helpers behind the package metadata and the document ids. */
#include <ctype.h>
#include <sha1.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "write/epub/internal.h"

/* Latin-1 letters U+00C0..U+00FF folded to ASCII so "Café" gives "cafe"
 * rather than "caf"; 0 drops the character (×, ÷). */
static const char latin1_fold[64][3] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};

/* Ids stay short enough to read in a URL bar. */
#define SLUG_MAX 48

void epub_slug(const char *text, oct_buf *out) {
  size_t start = out->len;
  bool dash = false;
  size_t n = text ? strlen(text) : 0;
  for (size_t i = 0; i < n && out->len - start <= SLUG_MAX;) {
    uint32_t cp;
    size_t k = oct_utf8_decode(text + i, n - i, &cp);
    if (k == 0) {
      i++;
      continue;
    }
    i += k;
    const char *repl = NULL;
    char one[2] = {0, 0};
    if (cp < 0x80 && isalnum((int)cp)) {
      one[0] = (char)tolower((int)cp);
      repl = one;
    } else if (cp >= 0xC0 && cp <= 0xFF) {
      repl = latin1_fold[cp - 0xC0];
    } else if (cp == '\'' || cp == 0x2019) {
      continue; /* "don't" -> "dont", not "don-t" */
    }
    if (repl && *repl) {
      if (dash && out->len > start) oct_buf_putc(out, '-');
      dash = false;
      if (out->len == start && isdigit((unsigned char)repl[0])) OCT_BUF_LIT(out, "s-");
      oct_buf_puts(out, repl);
    } else {
      dash = true;
    }
  }
  /* Too long: cut at the last word boundary, not inside a word. */
  if (out->len - start > SLUG_MAX) {
    size_t cut = start + SLUG_MAX;
    while (cut > start && out->data[cut] != '-')
      cut--;
    if (cut == start) cut = start + SLUG_MAX;
    out->len = cut;
    out->data[cut] = '\0';
  }
  if (out->len == start) OCT_BUF_LIT(out, "section");
}

static bool all_of(const char *s, size_t n, int (*pred)(int)) {
  for (size_t i = 0; i < n; i++)
    if (!pred((unsigned char)s[i])) return false;
  return true;
}

/* The shape of RFC 5646: a 2-3 letter primary subtag (the 4-8 letter form is
 * reserved and unused, so "POSIX" and "english" are refused), then 1-8
 * character alphanumeric subtags; "x-..." private use.  We check the shape,
 * not the registry: "C" and "en_US" fail. */
bool epub_lang_valid(const char *tag) {
  if (!tag || !*tag || strlen(tag) > 35) return false;
  const char *p = tag;
  int index = 0;
  while (*p) {
    const char *dash = strchr(p, '-');
    size_t n = dash ? (size_t)(dash - p) : strlen(p);
    if (n < 1 || n > 8 || !all_of(p, n, isalnum)) return false;
    if (index == 0) {
      bool priv = n == 1 && (*p == 'x' || *p == 'X');
      if (!priv && (n < 2 || n > 3 || !all_of(p, n, isalpha))) return false;
      if (priv && !dash) return false;
    }
    index++;
    if (!dash) break;
    p = dash + 1;
    if (!*p) return false; /* trailing '-' */
  }
  return true;
}

/* octavo's own UUID namespace (a fixed random v4), so our ids never collide
 * with v5 ids other tools derive from the same names. */
static const uint8_t octavo_ns[16] = {0x3c, 0x1e, 0x8a, 0x52, 0x0d, 0x7b, 0x4e, 0x61,
                                      0x9f, 0x2a, 0x55, 0xc4, 0x10, 0xe7, 0x6b, 0x93};

static void uuid_finish(SHA1_CTX *c, char out[46]) {
  uint8_t d[SHA1_DIGEST_LENGTH];
  SHA1Final(d, c);
  d[6] = (uint8_t)((d[6] & 0x0F) | 0x50); /* version 5 */
  d[8] = (uint8_t)((d[8] & 0x3F) | 0x80); /* RFC 4122 variant */
  snprintf(out, 46, "urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
           d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10], d[11], d[12], d[13],
           d[14], d[15]);
}

void epub_uuid_v5(const void *name, size_t len, char out[46]) {
  SHA1_CTX c;
  SHA1Init(&c);
  SHA1Update(&c, octavo_ns, sizeof octavo_ns);
  SHA1Update(&c, name, len);
  uuid_finish(&c, out);
}

/* Strings are hashed with their NUL so "ab"+"c" and "a"+"bc" differ. */
static void hash_str(SHA1_CTX *c, const char *s) {
  if (s)
    SHA1Update(c, (const uint8_t *)s, strlen(s) + 1);
  else
    SHA1Update(c, (const uint8_t *)"\xff", 1);
}

void epub_content_uuid(const oct_node *doc, char out[46]) {
  SHA1_CTX c;
  SHA1Init(&c);
  SHA1Update(&c, octavo_ns, sizeof octavo_ns);
  for (int k = 0; k < OCT_META_COUNT; k++)
    if (k != OCT_META_IDENTIFIER) hash_str(&c, oct_doc_meta(doc, (oct_meta_key)k));
  oct_iter it;
  oct_iter_init(&it, doc);
  oct_event ev;
  while ((ev = oct_iter_next(&it)) != OCT_EVENT_DONE) {
    const oct_node *n = it.node;
    uint8_t tag[2] = {(uint8_t)n->type, (uint8_t)ev};
    SHA1Update(&c, tag, 2);
    if (ev != OCT_EVENT_ENTER) continue;
    char num[32];
    switch (n->type) {
    case OCT_NODE_HEADING:
      snprintf(num, sizeof num, "%d", n->as.heading.level);
      hash_str(&c, num);
      break;
    case OCT_NODE_ORDERED_LIST:
      snprintf(num, sizeof num, "%d", n->as.list.start);
      hash_str(&c, num);
      break;
    case OCT_NODE_CODE_BLOCK:
      hash_str(&c, n->as.code_block.info);
      hash_str(&c, n->as.code_block.text);
      break;
    case OCT_NODE_IMAGE:
    case OCT_NODE_INLINE_IMAGE:
      hash_str(&c, n->as.image.src);
      hash_str(&c, n->as.image.alt);
      break;
    case OCT_NODE_LINK:
      hash_str(&c, n->as.link.url);
      break;
    case OCT_NODE_TEXT:
    case OCT_NODE_CODE:
      hash_str(&c, n->as.text);
      break;
    default:
      break;
    }
  }
  uuid_finish(&c, out);
}

void epub_format_time(int64_t seconds, char out[24]) {
  time_t t = (time_t)seconds;
  struct tm tm;
  if (!gmtime_r(&t, &tm)) {
    t = 0;
    gmtime_r(&t, &tm);
  }
  strftime(out, 24, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
