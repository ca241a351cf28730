/* Inputs built to make a reader quadratic (or deeper than its stack), as
 * cmark's pathological tests build them: 10,000 nested quotes, lists and
 * elements, 500,000 unclosed emphasis markers and brackets, a 5 MB line,
 * 500,000 short lines, 100,000 sibling paragraphs...
 *
 *   test_pathological text|markdown|html
 *
 * Each reader is one ctest test (tests/mdhtml.cmake, tests/text.cmake)
 * whose TIMEOUT fails it on a blow-up: every input here is read in under
 * a second, where a step gone quadratic takes minutes (100,000 bare
 * addresses in one Markdown paragraph took md4c 7 s, the 1,000,000 here
 * would take twelve minutes).  Beyond coming back, the tree must be a tree of the
 * input: its words (runs of ASCII letters and digits in the title, the
 * text, code and alt texts), in order, are the input's, and it nests no
 * deeper than the builder allows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "read/read.h"

typedef oct_node *(*reader_fn)(const char *utf8, size_t len, oct_error *err);

static void count_warning(void *user, const char *file, const char *msg) {
  (void)file;
  (void)msg;
  ++*(int *)user;
}

/* The words of S: runs of ASCII letters and digits, each followed by a
 * space. */
static void words_of(const char *s, oct_buf *out) {
  for (const char *p = s; p && *p;) {
    while (*p && !oct_ascii_alnum((unsigned char)*p))
      p++;
    const char *w = p;
    while (oct_ascii_alnum((unsigned char)*p))
      p++;
    if (p > w) {
      oct_buf_put(out, w, (size_t)(p - w));
      oct_buf_putc(out, ' ');
    }
  }
}

/* The words of the document in reading order: its title, subtitle and
 * author (readers lift these out of the first lines), then the body. */
static void doc_words(const oct_node *doc, oct_buf *out, int *depth) {
  static const oct_meta_key head[] = {OCT_META_TITLE, OCT_META_SUBTITLE, OCT_META_AUTHOR};
  for (size_t i = 0; i < sizeof head / sizeof *head; i++)
    words_of(oct_doc_meta(doc, head[i]), out);
  oct_iter it;
  oct_iter_init(&it, doc);
  oct_event ev;
  int d = 0;
  *depth = 0;
  while ((ev = oct_iter_next(&it)) != OCT_EVENT_DONE) {
    const oct_node *n = it.node;
    if (ev == OCT_EVENT_EXIT) {
      d--;
      continue;
    }
    if (!oct_node_type_is_leaf(n->type) && ++d > *depth) *depth = d;
    if (n->type == OCT_NODE_TEXT || n->type == OCT_NODE_CODE || n->type == OCT_NODE_CODE_BLOCK)
      words_of(oct_node_text(n), out);
    else if (n->type == OCT_NODE_IMAGE)
      words_of(n->as.image.alt, out);
  }
}

/* HTML's text: what stands between its tags. */
static char *html_text(const char *s) {
  oct_buf out = OCT_BUF_INIT;
  for (bool tag = false; *s; s++) {
    if (*s == '<' || *s == '>') tag = *s == '<';
    oct_buf_putc(&out, tag || *s == '>' ? ' ' : *s);
  }
  return oct_buf_detach(&out);
}

/* Reads SRC and checks the tree: its words are WANT's (NULL: SRC's own,
 * without the tags in HTML). */
static void check(reader_fn read, const char *name, const oct_buf *src, const char *want) {
  oct_error err;
  oct_error_init(&err, name);
  int warnings = 0;
  err.warn = count_warning;
  err.warn_user = &warnings;
  oct_node *doc = read(src->data, src->len, &err);
  if (!doc) fail_msg("%s: no tree (%s)", name, err.msg);
  oct_buf got = OCT_BUF_INIT, exp = OCT_BUF_INIT;
  int depth;
  doc_words(doc, &got, &depth);
  char *text = !want && read == oct_read_html ? html_text(src->data) : NULL;
  words_of(want ? want : text ? text : src->data, &exp);
  free(text);
  if (got.len != exp.len || memcmp(got.data, exp.data, got.len) != 0) {
    size_t i = 0;
    while (i < got.len && i < exp.len && got.data[i] == exp.data[i])
      i++;
    size_t from = i > 40 ? i - 40 : 0;
    fail_msg("%s: words differ at byte %zu of %zu:\n  got  \"%.80s\"\n  want \"%.80s\"", name, i,
             exp.len, got.data ? got.data + from : "", exp.data ? exp.data + from : "");
  }
  /* the document, then no more levels than the builder allows */
  if (depth > OCT_BUILDER_MAX_DEPTH + 1) fail_msg("%s: %d levels deep", name, depth);
  oct_buf_free(&got);
  oct_buf_free(&exp);
  oct_node_free(doc);
}

/* SRC = PRE + REP*count + POST, where REP may hold one %d (the index). */
static void repeat(oct_buf *src, const char *pre, const char *rep, int count, const char *post) {
  oct_buf_clear(src);
  oct_buf_puts(src, pre);
  for (int i = 0; i < count; i++)
    oct_buf_printf(src, rep, i);
  oct_buf_puts(src, post);
}

/* Words "w0 w1 ... " filling about BYTES bytes: a 5 MB line. */
static void long_line(oct_buf *src, const char *pre, size_t bytes, const char *post) {
  oct_buf_clear(src);
  oct_buf_puts(src, pre);
  for (int i = 0; src->len < bytes; i++)
    oct_buf_printf(src, "w%d ", i);
  oct_buf_puts(src, post);
}

#define MB5 ((size_t)5 << 20)
/* Markers and lines come by the 500,000: a step that compares each with
 * each costs 1.25e11 steps then, minutes even at a nanosecond a step,
 * where reading them takes a fraction of a second. */
#define MANY 500000

/* ---- Markdown */

static void markdown_nesting(void **state) {
  (void)state;
  oct_buf src = OCT_BUF_INIT;
  repeat(&src, "", "> ", 10000, "deep words\n\nafter\n");
  check(oct_read_markdown, "10,000 nested quotes", &src, NULL);
  repeat(&src, "", "- ", 10000, "bottom\n\nafter\n");
  check(oct_read_markdown, "10,000 nested bullet lists", &src, NULL);
  repeat(&src, "", "1. ", 10000, "bottom\n\nafter\n");
  check(oct_read_markdown, "10,000 nested ordered lists", &src, "bottom after");
  repeat(&src, "", "> - ", 5000, "bottom\n\nafter\n");
  check(oct_read_markdown, "5,000 quotes holding lists", &src, NULL);
  oct_buf_clear(&src);
  for (int i = 0; i < 5000; i++)
    OCT_BUF_LIT(&src, "*a **b ");
  OCT_BUF_LIT(&src, "x");
  for (int i = 0; i < 5000; i++)
    OCT_BUF_LIT(&src, "** *");
  check(oct_read_markdown, "10,000 nested emphases", &src, NULL);
  oct_buf_free(&src);
}

static void markdown_unclosed(void **state) {
  (void)state;
  /* WANT: the words the tree holds for each REP, when not REP's own */
  static const struct {
    const char *what, *rep, *want;
  } cases[] = {
      {"500,000 unclosed *", "*a ", NULL},
      {"500,000 unclosed _", "_a ", NULL},
      {"500,000 unclosed **", "**a ", NULL},
      {"500,000 unclosed ~~", "~~a ", NULL},
      {"500,000 unclosed [", "[a ", NULL},
      {"500,000 unmatched ]", "a] ", NULL},
      {"500,000 unclosed link destinations", "[a](", NULL},
      {"500,000 unclosed images", "![a ", NULL},
      {"500,000 unclosed links in links", "[a [b ", NULL},
      {"500,000 backtick runs", "`a ``b ", NULL},
      {"500,000 unclosed tags", "<a ", NULL},
      /* what is not text: tags, entities' names */
      {"500,000 closed tags", "a <b>", "a "},
      {"500,000 entities", "&amp; x ", "x "},
  };
  oct_buf src = OCT_BUF_INIT, want = OCT_BUF_INIT;
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    repeat(&src, "", cases[i].rep, MANY, "\n");
    if (cases[i].want) repeat(&want, "", cases[i].want, MANY, "");
    check(oct_read_markdown, cases[i].what, &src, cases[i].want ? want.data : NULL);
  }
  oct_buf_free(&src);
  oct_buf_free(&want);
}

static void markdown_long_and_many(void **state) {
  (void)state;
  oct_buf src = OCT_BUF_INIT;
  long_line(&src, "", MB5, "\n");
  check(oct_read_markdown, "a 5 MB line", &src, NULL);
  repeat(&src, "", "w%d\n", MANY, "");
  check(oct_read_markdown, "500,000 short lines", &src, NULL);
  repeat(&src, "", "w%d\n\n", 50000, "");
  check(oct_read_markdown, "50,000 paragraphs", &src, NULL);
  /* bare addresses in one paragraph: md4c 0.4.8 links them in quadratic
   * time, so past 10,000 they stay text (markdown.c AUTOLINKS_MAX); linked,
   * a million would take md4c (not instrumented, as fast under ASan)
   * twelve minutes */
  repeat(&src, "", "www.a%d.com ", 5000, "\n");
  check(oct_read_markdown, "5,000 bare addresses", &src, NULL);
  repeat(&src, "", "http://a%d.com ", 2 * MANY, "\n");
  check(oct_read_markdown, "1,000,000 bare addresses", &src, NULL);
  repeat(&src, "|h|\n|-|\n", "|r%d|\n", 50000, "");
  check(oct_read_markdown, "a table of 50,000 rows", &src, NULL);
  oct_buf_free(&src);
}

/* ---- plain text */

static void text_long_and_many(void **state) {
  (void)state;
  oct_buf src = OCT_BUF_INIT, want = OCT_BUF_INIT;
  long_line(&src, "Title\n\n", MB5, "\n");
  check(oct_read_text, "a 5 MB line", &src, NULL);
  repeat(&src, "Title\n\n", "w%d\n", MANY, "");
  check(oct_read_text, "500,000 short lines", &src, NULL);
  repeat(&src, "Title\n\n", "w%d\n\n", 50000, "");
  check(oct_read_text, "50,000 paragraphs", &src, NULL);
  repeat(&src, "Title\n\n", "- x%d\n", 100000, "");
  check(oct_read_text, "100,000 list items", &src, NULL);
  repeat(&src, "Title\n\n", "- \n", 100000, "");
  check(oct_read_text, "100,000 bare markers", &src, NULL);
  repeat(&src, "Title\n", "\n", 10000000, "After\n");
  check(oct_read_text, "10,000,000 blank lines", &src, NULL);
  repeat(&src, "Title\n\n", "7. item\n", 100000, "");
  repeat(&want, "Title ", "item ", 100000, ""); /* "7." is the marker */
  check(oct_read_text, "100,000 numbered items", &src, want.data);
  repeat(&src, "Title\n\nhttp://a.com/", ")", 1000000, " end\n");
  check(oct_read_text, "a URL ending in 1,000,000 brackets", &src, NULL);
  repeat(&src, "Title\n\n", "See http://a%d.com, ", 50000, "\n");
  check(oct_read_text, "50,000 URLs in a paragraph", &src, NULL);
  repeat(&src, "Title\n\n", "r%d\tb\tc\n", 100000, "");
  check(oct_read_text, "a table of 100,000 rows", &src, NULL);
  /* a wide row over many narrow ones: were rows filled to the widest,
   * 32 cells for every four bytes (or ten billion for a row of 100,000) */
  repeat(&src, "Title\n\nwide", "\tx", 31, "\n");
  for (int i = 0; i < 500000; i++)
    oct_buf_puts(&src, "a\tb\n");
  check(oct_read_text, "a row of 32 cells over 500,000 rows of two", &src, NULL);
  repeat(&src, "Title\n\nwide", "\tx", 100000, "\n");
  for (int i = 0; i < 100000; i++)
    oct_buf_printf(&src, "r%d\tb\n", i);
  check(oct_read_text, "a row of 100,000 cells over 100,000 rows", &src, NULL);
  oct_buf_free(&src);
  oct_buf_free(&want);
}

static void text_nesting(void **state) {
  (void)state;
  oct_buf src = OCT_BUF_INIT;
  repeat(&src, "Title\n\n", ">", 10000, " deep words\n\nafter\n");
  check(oct_read_text, "10,000 quote markers", &src, NULL);
  repeat(&src, "Title\n\n", ">\n", 100000, "");
  check(oct_read_text, "100,000 empty quote lines", &src, NULL);
  /* 2,000 levels of indented items: each level two columns further */
  oct_buf_clear(&src);
  OCT_BUF_LIT(&src, "Title\n\n");
  for (int i = 0; i < 2000; i++) {
    for (int k = 0; k < i; k++)
      OCT_BUF_LIT(&src, "  ");
    oct_buf_printf(&src, "- x%d\n", i);
  }
  check(oct_read_text, "2,000 levels of indented items", &src, NULL);
  oct_buf_free(&src);
}

/* ---- HTML */

#define PROSE "with a comma, of prose text here"

static void html_nesting(void **state) {
  (void)state;
  static const struct {
    const char *what, *open, *close;
  } cases[] = {
      {"10,000 nested divs", "<div>", "</div>"},
      {"10,000 nested quotes and lists", "<blockquote><ul><li>", "</li></ul></blockquote>"},
      {"10,000 nested tables", "<table><tr><td>", "</td></tr></table>"},
      {"10,000 nested spans", "<span><b><i>", "</i></b></span>"},
      {"10,000 nested links", "<a href=\"x\">", "</a>"},
      {"10,000 nested sections", "<section class=\"byline date\">", "</section>"},
  };
  oct_buf src = OCT_BUF_INIT;
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    repeat(&src, "<html><body><article>", cases[i].open, 10000, "<p>Deep text, " PROSE ".</p>");
    for (int k = 0; k < 10000; k++)
      oct_buf_puts(&src, cases[i].close);
    OCT_BUF_LIT(&src, "<p>After, " PROSE ".</p></article></body></html>");
    check(oct_read_html, cases[i].what, &src, "Deep text " PROSE " After " PROSE);
  }
  oct_buf_free(&src);
}

static void html_long_and_many(void **state) {
  (void)state;
  oct_buf src = OCT_BUF_INIT, want = OCT_BUF_INIT;
  repeat(&src, "<html><body>", "<p>Paragraph %d, " PROSE ".</p>", 100000, "</body></html>");
  repeat(&want, "", "Paragraph %d " PROSE " ", 100000, "");
  check(oct_read_html, "100,000 sibling paragraphs", &src, want.data);
  repeat(&src, "<html><body><p>", "<b>w%d ", 100000, "</p></body></html>");
  check(oct_read_html, "100,000 unclosed <b>", &src, NULL);
  repeat(&src, "<html><body><p>", "w%d<br>", 100000, "</p></body></html>");
  check(oct_read_html, "100,000 line breaks", &src, NULL);
  long_line(&src, "<html><body><p>", MB5, "</p></body></html>");
  check(oct_read_html, "a 5 MB text", &src, NULL);
  repeat(&src, "<html><body><table>", "<tr><td>c%d</td></tr>", 50000, "</table></body></html>");
  check(oct_read_html, "a table of 50,000 rows", &src, NULL);
  oct_buf_free(&src);
  oct_buf_free(&want);
}

int main(int argc, char **argv) {
  const struct CMUnitTest markdown[] = {
      cmocka_unit_test(markdown_nesting),
      cmocka_unit_test(markdown_unclosed),
      cmocka_unit_test(markdown_long_and_many),
  };
  const struct CMUnitTest text[] = {
      cmocka_unit_test(text_long_and_many),
      cmocka_unit_test(text_nesting),
  };
  const struct CMUnitTest html[] = {
      cmocka_unit_test(html_nesting),
      cmocka_unit_test(html_long_and_many),
  };
  const char *which = argc > 1 ? argv[1] : "";
  if (strcmp(which, "markdown") == 0) return cmocka_run_group_tests(markdown, NULL, NULL);
  if (strcmp(which, "text") == 0) return cmocka_run_group_tests(text, NULL, NULL);
  if (strcmp(which, "html") == 0) return cmocka_run_group_tests(html, NULL, NULL);
  fprintf(stderr, "usage: test_pathological text|markdown|html\n");
  return 2;
}
