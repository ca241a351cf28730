/* Pathological books for the EPUB writer: inputs whose size is ordinary
 * for a machine but where a quadratic step would show, as in cmark's
 * pathological tests.  Each case builds its tree by hand (the readers have
 * their own such tests), writes the book and checks it holds what was put
 * in; the time bound is the ctest TIMEOUT of each case (tests/epub.cmake),
 * set far above what the linear writer takes and far below what a
 * quadratic one would.
 *
 *   test_epub_pathological CASE N IMAGE-DIR OUT.epub
 *
 *   headings N    one chapter of a heading "Same 2", then N headings of the
 *                 same text "Same": their ids are "same", "same-3" ...
 *                 "same-N+1" ("same-2" is taken); each once tried -2, -3,
 *                 ... one by one (20,000 took 88 s)
 *   chapters N    N top-level headings, so N chapter files in the zip
 *   images N      N distinct image sources ("pic.png?v=1" ...), each read
 *                 and embedded
 *   paragraph N   one paragraph of one text node of N MiB (libxml2 once grew
 *                 the document's buffer by a realloc per 4 KB written:
 *                 cheap where glibc can grow in place, 70 s for 32 MiB
 *                 under ASan)
 *   inlines N     one paragraph of N emphasised words */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "write/epub/epub.h"

static void die(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("test_epub_pathological: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  exit(1);
}

static oct_node *add(oct_node *parent, oct_node_type t) {
  oct_node *n = oct_node_new(t);
  if (oct_node_append_child(parent, n) != 0) die("cannot put a %s here", oct_node_type_name(t));
  return n;
}

static void text(oct_node *parent, const char *s, size_t len) {
  oct_node_set_text(add(parent, OCT_NODE_TEXT), s, len);
}

static void heading(oct_node *doc, int level, const char *s) {
  oct_node *h = add(doc, OCT_NODE_HEADING);
  oct_node_set_heading_level(h, level);
  text(h, s, strlen(s));
}

static oct_node *build(const char *kind, long n) {
  oct_node *doc = oct_node_new(OCT_NODE_DOCUMENT);
  oct_doc_set_meta(doc, OCT_META_TITLE, "Pathological");
  if (strcmp(kind, "headings") == 0) {
    heading(doc, 1, "Book");
    heading(doc, 2, "Same 2");
    for (long i = 0; i < n; i++)
      heading(doc, 2, "Same");
  } else if (strcmp(kind, "chapters") == 0) {
    for (long i = 0; i < n; i++) {
      heading(doc, 1, "Chapter");
      const char *s = "A short chapter.";
      text(add(doc, OCT_NODE_PARAGRAPH), s, strlen(s));
    }
  } else if (strcmp(kind, "images") == 0) {
    for (long i = 0; i < n; i++) {
      char src[64], alt[64];
      snprintf(src, sizeof src, "pic.png?v=%ld", i + 1);
      snprintf(alt, sizeof alt, "Picture %ld", i + 1);
      oct_node_set_image(add(doc, OCT_NODE_IMAGE), src, alt, NULL);
    }
  } else if (strcmp(kind, "paragraph") == 0) {
    static const char words[] = "the quick brown fox jumps over the lazy dog & co ";
    size_t len = (size_t)n << 20;
    char *s = malloc(len);
    if (!s) die("out of memory");
    for (size_t i = 0; i < len; i++)
      s[i] = words[i % (sizeof words - 1)];
    text(add(doc, OCT_NODE_PARAGRAPH), s, len);
    free(s);
  } else if (strcmp(kind, "inlines") == 0) {
    oct_node *p = add(doc, OCT_NODE_PARAGRAPH);
    for (long i = 0; i < n; i++) {
      text(add(p, OCT_NODE_EMPHASIS), "word", 4);
      text(p, " ", 1);
    }
  } else {
    die("unknown case '%s'", kind);
  }
  return doc;
}

/* The bytes of NAME in the book; NULL when it is not there. */
static char *read_entry(zip_t *z, const char *name, size_t *len) {
  zip_stat_t st;
  if (zip_stat(z, name, 0, &st) != 0) return NULL;
  char *buf = malloc(st.size + 1);
  zip_file_t *f = zip_fopen(z, name, 0);
  if (!buf || !f || zip_fread(f, buf, st.size) != (zip_int64_t)st.size)
    die("cannot read %s from the book", name);
  zip_fclose(f);
  buf[st.size] = '\0';
  *len = st.size;
  return buf;
}

/* How often NEEDLE stands in the LEN bytes of HAY.  Not strstr in a loop:
 * ASan's strstr measures the whole rest of HAY on every call, which made
 * this check itself quadratic. */
static size_t count(const char *hay, size_t len, const char *needle) {
  size_t k = 0, n = strlen(needle);
  for (size_t i = 0; i + n <= len; i++)
    if (hay[i] == needle[0] && memcmp(hay + i, needle, n) == 0) {
      k++;
      i += n - 1;
    }
  return k;
}

static bool holds(const char *hay, size_t len, const char *needle) {
  return count(hay, len, needle) > 0;
}

/* What the book must hold for each case. */
static void check(const char *kind, long n, const char *path) {
  int zerr = 0;
  zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);
  if (!z) die("%s is not a zip (libzip error %d)", path, zerr);
  size_t opf_len, len;
  char *opf = read_entry(z, "EPUB/content.opf", &opf_len);
  char *ch = read_entry(z, "EPUB/ch001.xhtml", &len);
  if (!opf || !ch) die("no content.opf or ch001.xhtml");
  if (strcmp(kind, "headings") == 0) {
    char last[32], over[32];
    snprintf(last, sizeof last, "id=\"same-%ld\"", n + 1);
    snprintf(over, sizeof over, "id=\"same-%ld\"", n + 2);
    if (count(ch, len, "<h2 id=\"same") != (size_t)n + 1 || count(ch, len, "id=\"same-2\"") != 1 ||
        !holds(ch, len, "<h2 id=\"same\"") || !holds(ch, len, last) || holds(ch, len, over))
      die("the headings do not carry the ids same-2, then same, same-3 ... same-%ld", n + 1);
  } else if (strcmp(kind, "chapters") == 0) {
    char name[32];
    snprintf(name, sizeof name, "ch%03ld.xhtml\"", n);
    if (count(opf, opf_len, "media-type=\"application/xhtml+xml\"") < (size_t)n ||
        !holds(opf, opf_len, name))
      die("the book does not hold %ld chapters", n);
  } else if (strcmp(kind, "images") == 0) {
    if (count(opf, opf_len, "media-type=\"image/png\"") != (size_t)n + 1) /* and the cover */
      die("the book does not hold %ld images", n);
  } else {
    size_t want = strcmp(kind, "paragraph") == 0 ? (size_t)n << 20 : (size_t)n * 10;
    if (len < want) die("ch001.xhtml holds %zu bytes, fewer than the %zu put in", len, want);
  }
  free(ch);
  free(opf);
  zip_close(z);
}

int main(int argc, char **argv) {
  if (argc != 5) die("usage: test_epub_pathological CASE N IMAGE-DIR OUT.epub");
  long n = strtol(argv[2], NULL, 10);
  oct_node *doc = build(argv[1], n);
  oct_epub_options opt = {.timestamp = 1700000000, .base_dir = argv[3]};
  oct_epub *e = oct_epub_new(&opt);
  oct_error err;
  oct_error_init(&err, argv[1]); /* warnings are not wanted here: no callback */
  if (oct_epub_write(e, doc, argv[4], &err) != 0) die("the writer failed: %s", err.msg);
  oct_epub_free(e);
  oct_node_free(doc);
  check(argv[1], n, argv[4]);
  return 0;
}
