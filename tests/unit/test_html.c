/* HTML reader: element mapping, article detection, boilerplate removal,
 * metadata, implicit paragraphs, whitespace, entities and deep nesting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tree_assert.h"

#include "read/read.h"
#include "write/json/json.h"

typedef struct parsed {
  oct_node *doc;
  oct_error err;
  char *json;
  char *text; /* plain text of the whole body, blocks separated by '|' */
} parsed;

static void ignore_warning(void *user, const char *file, const char *msg) {
  (void)user;
  (void)file;
  (void)msg;
}

static parsed *parse(const char *src) {
  parsed *p = calloc(1, sizeof *p);
  oct_error_init(&p->err, "test.html");
  p->err.warn = ignore_warning;
  p->doc = oct_read_html(src, strlen(src), &p->err);
  assert_non_null(p->doc);
  oct_buf b = OCT_BUF_INIT;
  oct_json_dump(p->doc, &b);
  p->json = oct_buf_detach(&b);
  /* leaf blocks' text, in order */
  oct_iter it;
  oct_iter_init(&it, p->doc);
  oct_event ev;
  while ((ev = oct_iter_next(&it)) != OCT_EVENT_DONE) {
    const oct_node *n = it.node;
    if (ev != OCT_EVENT_ENTER) continue;
    if (n->type == OCT_NODE_PARAGRAPH || n->type == OCT_NODE_HEADING ||
        n->type == OCT_NODE_TABLE_CELL) {
      if (b.len) oct_buf_putc(&b, '|');
      oct_node_plain_text(n, &b);
      oct_iter_skip_children(&it);
    } else if (n->type == OCT_NODE_CODE_BLOCK) {
      if (b.len) oct_buf_putc(&b, '|');
      oct_buf_puts(&b, n->as.code_block.text);
    }
  }
  p->text = oct_buf_detach(&b);
  return p;
}

static void done(parsed *p) {
  oct_node_free(p->doc);
  free(p->json);
  free(p->text);
  free(p);
}

#define PAGE(body) "<!DOCTYPE html><html><head><title>T</title></head><body>" body "</body></html>"

static void test_headings_and_paragraphs(void **state) {
  (void)state;
  parsed *p = parse(PAGE("<p>Intro paragraph that is long enough to come first.</p><h2>Two</h2>"
                         "<h3>Three</h3><h6>Six</h6><p>Body</p><hr>"));
  const oct_node *d = p->doc;
  assert_int_equal(child(d, 1)->type, OCT_NODE_HEADING);
  assert_int_equal(child(d, 1)->as.heading.level, 2);
  assert_int_equal(child(d, 2)->as.heading.level, 3);
  assert_int_equal(child(d, 3)->as.heading.level, 6);
  assert_int_equal(child(d, 4)->type, OCT_NODE_PARAGRAPH);
  assert_int_equal(child(d, 5)->type, OCT_NODE_THEMATIC_BREAK);
  assert_int_equal(count_children(d), 6);
  done(p);
}

static void test_lists(void **state) {
  (void)state;
  parsed *p = parse(PAGE("<ol start=\"4\"><li>four</li><li>five<ul><li>inner</li></ul></li></ol>"
                         "<ul><li><p>para one</p><p>para two</p></li></ul>"));
  const oct_node *ol = child(p->doc, 0);
  assert_int_equal(ol->type, OCT_NODE_ORDERED_LIST);
  assert_int_equal(ol->as.list.start, 4);
  const oct_node *five = child(ol, 1);
  /* loose text in an item becomes a paragraph, closed by the nested list */
  assert_int_equal(child(five, 0)->type, OCT_NODE_PARAGRAPH);
  assert_plain(child(five, 0), "five");
  assert_int_equal(child(five, 1)->type, OCT_NODE_BULLET_LIST);
  const oct_node *li = child(child(p->doc, 1), 0);
  assert_int_equal(count_children(li), 2);
  done(p);
}

static void test_stray_list_content(void **state) {
  (void)state;
  /* text and a paragraph directly in a <ul>: wrapped in an item, not lost */
  parsed *p = parse(PAGE("<ul>loose<li>real</li><p>para</p></ul>"));
  const oct_node *ul = child(p->doc, 0);
  assert_int_equal(ul->type, OCT_NODE_BULLET_LIST);
  assert_string_equal(p->text, "loose|real|para");
  for (oct_node *li = ul->first_child; li; li = li->next)
    assert_int_equal(li->type, OCT_NODE_LIST_ITEM);
  done(p);
}

static void test_blockquote_implicit_paragraphs(void **state) {
  (void)state;
  parsed *p = parse(PAGE("<blockquote>loose <em>text</em><p>para</p>tail</blockquote>"
                         "<div>in a div<div>nested div</div>after</div>"));
  const oct_node *q = child(p->doc, 0);
  assert_int_equal(q->type, OCT_NODE_BLOCK_QUOTE);
  assert_int_equal(count_children(q), 3);
  assert_plain(child(q, 0), "loose text");
  assert_int_equal(child(child(q, 0), 1)->type, OCT_NODE_EMPHASIS);
  assert_string_equal(p->text, "loose text|para|tail|in a div|nested div|after");
  done(p);
}

static void test_inline_mapping(void **state) {
  (void)state;
  parsed *p = parse(PAGE("<p><em>e</em> <i>i</i> <strong>s</strong> <b>b</b> <del>d</del> <s>s</s> "
                         "<strike>k</strike> <code>c</code> <kbd>K</kbd> "
                         "<a href=\"rel/page.html\" title=\"Tt\">rel</a> "
                         "<a href=\"javascript:void(0)\">js</a> <a href=\"#top\">frag</a>"
                         "<br>next</p>"));
  const oct_node *para = child(p->doc, 0);
  const oct_node_type want[] = {
      OCT_NODE_EMPHASIS,      OCT_NODE_EMPHASIS,      OCT_NODE_STRONG,        OCT_NODE_STRONG,
      OCT_NODE_STRIKETHROUGH, OCT_NODE_STRIKETHROUGH, OCT_NODE_STRIKETHROUGH, OCT_NODE_CODE,
      OCT_NODE_CODE,          OCT_NODE_LINK};
  for (int i = 0; i < 10; i++)
    assert_int_equal(child(para, 2 * i)->type, want[i]);
  const oct_node *link = child(para, 18);
  assert_string_equal(link->as.link.url, "rel/page.html");
  assert_string_equal(link->as.link.title, "Tt");
  /* javascript: and in-page links are not links in a book, but their text stays */
  assert_string_equal(child(para, 19)->as.text, " js frag");
  assert_int_equal(child(para, 20)->type, OCT_NODE_LINE_BREAK);
  assert_string_equal(child(para, 21)->as.text, "next");
  assert_null(strstr(p->json, "javascript"));
  done(p);
}

static void test_pre_code(void **state) {
  (void)state;
  parsed *p =
      parse(PAGE("<pre><code class=\"hl language-rust\">fn main() {\n    let a = \"x\" -- 1;\n}\n"
                 "</code></pre><pre>plain\n  text</pre>"));
  const oct_node *c = child(p->doc, 0);
  assert_int_equal(c->type, OCT_NODE_CODE_BLOCK);
  assert_string_equal(c->as.code_block.info, "rust");
  assert_string_equal(c->as.code_block.text, "fn main() {\n    let a = \"x\" -- 1;\n}");
  assert_null(child(p->doc, 1)->as.code_block.info);
  assert_string_equal(child(p->doc, 1)->as.code_block.text, "plain\n  text");
  done(p);
}

static void test_images_and_figures(void **state) {
  (void)state;
  parsed *p = parse(
      PAGE("<figure><img src=\"a.png\" alt=\"Alt A\"><figcaption>Cap <b>A</b></figcaption></figure>"
           "<p><img src=\"b.png\" alt=\"Alt B\" title=\"Tb\"></p>"
           "<p>Text <img src=\"smile.png\" alt=\"[smile]\"> more</p>"
           "<p><a href=\"big.jpg\"><img src=\"c.png\" alt=\"C\"></a></p>"
           "<img src=\"pixel.gif\" width=\"1\" height=\"1\">"
           "<img data-src=\"lazy.png\" src=\"data:image/gif;base64,R0lG\" alt=\"L\">"));
  const oct_node *a = child(p->doc, 0);
  assert_int_equal(a->type, OCT_NODE_IMAGE);
  assert_string_equal(a->as.image.src, "a.png");
  assert_string_equal(a->as.image.alt, "Alt A");
  assert_string_equal(a->as.image.title, "Cap A");
  const oct_node *b = child(p->doc, 1);
  assert_int_equal(b->type, OCT_NODE_IMAGE);
  assert_string_equal(b->as.image.title, "Tb");
  assert_plain(child(p->doc, 2), "Text [smile] more");
  assert_int_equal(child(p->doc, 3)->type, OCT_NODE_IMAGE);
  assert_string_equal(child(p->doc, 3)->as.image.src, "c.png");
  assert_string_equal(child(p->doc, 4)->as.image.src, "lazy.png");
  assert_int_equal(count_children(p->doc), 5);
  done(p);
}

static void test_figure_captions_never_lost(void **state) {
  (void)state;
  parsed *p = parse(
      PAGE("<figure><figcaption>Above</figcaption><img src=\"a.png\" alt=\"A\"></figure>"
           "<figure><img src=\"px.gif\" width=\"1\"><figcaption>Tracker</figcaption></figure>"
           "<figure><img src=\"b.png\"><img src=\"c.png\"><figcaption>Two</figcaption></figure>"));
  /* caption first: a paragraph, then the image without a title */
  assert_plain(child(p->doc, 0), "Above");
  assert_null(child(p->doc, 1)->as.image.title);
  /* the image was dropped: the caption stays as text */
  assert_plain(child(p->doc, 2), "Tracker");
  /* two images share a caption: it stays a paragraph */
  assert_int_equal(child(p->doc, 3)->type, OCT_NODE_IMAGE);
  assert_int_equal(child(p->doc, 4)->type, OCT_NODE_IMAGE);
  assert_plain(child(p->doc, 5), "Two");
  done(p);
}

static void test_table(void **state) {
  (void)state;
  parsed *p = parse(
      PAGE("<table><caption>Cap</caption><thead><tr><th>H1</th><th align=right>H2</th></tr></thead>"
           "<tbody><tr><td style=\"text-align: center\">1</td><td><p>x</p><p>y</p></td></tr>"
           "</tbody></table>"));
  assert_plain(child(p->doc, 0), "Cap");
  const oct_node *t = child(p->doc, 1);
  assert_int_equal(t->type, OCT_NODE_TABLE);
  const oct_node *h = child(t, 0), *r = child(t, 1);
  assert_true(child(h, 0)->as.cell.header);
  assert_int_equal(child(h, 1)->as.cell.align, OCT_ALIGN_RIGHT);
  assert_false(child(r, 0)->as.cell.header);
  assert_int_equal(child(r, 0)->as.cell.align, OCT_ALIGN_CENTER);
  /* paragraphs in a cell are flattened with a line break between them */
  const oct_node *cell = child(r, 1);
  assert_int_equal(child(cell, 1)->type, OCT_NODE_LINE_BREAK);
  assert_plain(cell, "x y");
  done(p);
}

static void test_whitespace_collapse(void **state) {
  (void)state;
  parsed *p = parse(PAGE("<p>\n   Many \t\n  spaces   <b> bold </b>end\xC2\xA0\xC2\xA0kept  </p>"
                         "<p>line<br>\n   next</p>"));
  const oct_node *para = child(p->doc, 0);
  assert_string_equal(child(para, 0)->as.text, "Many spaces ");
  assert_string_equal(child(child(para, 1), 0)->as.text, "bold");
  assert_string_equal(child(para, 2)->as.text, " end\xC2\xA0\xC2\xA0kept");
  assert_string_equal(child(child(p->doc, 1), 2)->as.text, "next");
  done(p);
  /* a break at the end of a block, even inside a span, is dropped */
  p = parse(PAGE("<p>end<br></p><p><b>bold<br></b><br> </p>"));
  assert_int_equal(count_children(child(p->doc, 0)), 1);
  assert_null(strstr(p->json, "line_break"));
  done(p);
}

static void test_entities_and_smart(void **state) {
  (void)state;
  parsed *p = parse(
      PAGE("<p>&quot;Caf&eacute;&quot; &amp; it&#39;s -- fine&hellip; <code>\"x\" --</code></p>"));
  const oct_node *para = child(p->doc, 0);
  const char *t = child(para, 0)->as.text;
  assert_non_null(strstr(t, "\xE2\x80\x9C"
                            "Caf\xC3\xA9\xE2\x80\x9D & it\xE2\x80\x99s \xE2\x80"));
  assert_null(strstr(t, "--"));
  assert_non_null(strstr(t, "fine\xE2\x80\xA6 "));
  assert_string_equal(child(para, 1)->as.text, "\"x\" --");
  done(p);
  /* a link showing its own address keeps it verbatim */
  p = parse(PAGE("<p>See <a href=\"https://x.org/a--b...c\">https://x.org/a--b...c</a> -- ok</p>"));
  assert_plain(child(child(p->doc, 0), 1), "https://x.org/a--b...c");
  assert_null(strstr(oct_node_text(child(child(p->doc, 0), 2)), "--"));
  done(p);
}

static void test_meta_charset_ignored(void **state) {
  (void)state;
  /* the bytes are UTF-8 already; a stale charset must not re-decode them */
  parsed *p = parse("<html><head><meta charset=\"iso-8859-1\">"
                    "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"
                    "</head><body><p>na\xC3\xAFve \xE2\x82\xAC</p></body></html>");
  assert_string_equal(p->text, "na\xC3\xAFve \xE2\x82\xAC");
  done(p);
}

static void test_boilerplate(void **state) {
  (void)state;
  parsed *p = parse(
      "<html><body><header>Site header</header><nav>Nav</nav>"
      "<div class=\"cookie-banner\">Cookies</div>"
      "<article><h1>Headline</h1><div class=\"share-buttons\">Share</div>"
      "<p>Real text of the article, long enough to be the article for sure.</p>"
      "<script>var s = 1;</script><style>p{}</style><noscript>JS</noscript>"
      "<aside>Aside</aside><form><input>Form</form><iframe src=x></iframe><svg><text>S</text></svg>"
      "<button>Btn</button><div class=\"ad-slot\">Ad</div><div class=\"leader-text\">kept</div>"
      "<div id=\"related-stories\">Related</div><div class=\"newsletter\">News</div>"
      "<div style=\"display: none\">Hidden</div><div hidden>Hidden2</div>"
      "<p class=\"promo\">Promo</p><ul class=\"breadcrumb\"><li>Crumb</li></ul>"
      "<div class=\"sidebar\">Side</div><div class=\"subscribe-box\">Sub</div>"
      "<div role=\"navigation\">RoleNav</div><div class=\"menu\">Menu</div>"
      "<div class=\"social\">Soc</div><section id=\"comments\"><p>Comment</p></section>"
      "</article><footer>Site footer</footer></body></html>");
  assert_string_equal(p->text,
                      "Real text of the article, long enough to be the article for sure.|kept");
  assert_string_equal(oct_doc_meta(p->doc, OCT_META_TITLE), "Headline");
  done(p);
}

static void test_article_choice(void **state) {
  (void)state;
  /* the longest article wins over a teaser card */
  parsed *p =
      parse("<html><body><article><p>Teaser.</p></article>"
            "<article><p>The real story is considerably longer than the teaser.</p></article>"
            "</body></html>");
  assert_string_equal(p->text, "The real story is considerably longer than the teaser.");
  done(p);
  /* <main> without <article> */
  p = parse("<html><body><div>Chrome</div><main><p>Main text.</p></main><div>More chrome</div>"
            "</body></html>");
  assert_string_equal(p->text, "Main text.");
  done(p);
  /* neither: the element holding the most paragraph text */
  oct_buf long_p = OCT_BUF_INIT;
  for (int i = 0; i < 20; i++)
    OCT_BUF_LIT(&long_p, "<p>A paragraph of body text here.</p>");
  oct_buf page = OCT_BUF_INIT;
  oct_buf_printf(&page,
                 "<html><body><header>Top</header><div class=\"x\"><p>Side note</p></div>"
                 "<div class=\"content\">%s</div><footer>Bottom</footer></body></html>",
                 long_p.data);
  p = parse(page.data);
  assert_null(strstr(p->text, "Side note"));
  assert_null(strstr(p->text, "Top"));
  assert_non_null(strstr(p->text, "A paragraph of body text here."));
  done(p);
  oct_buf_free(&long_p);
  oct_buf_free(&page);
  /* nothing to vote on: the body, minus site header and footer */
  p = parse(
      "<html><body><header>Top</header><div>Just a line.</div><footer>End</footer></body></html>");
  assert_string_equal(p->text, "Just a line.");
  done(p);
}

static void test_metadata(void **state) {
  (void)state;
  parsed *p = parse(
      "<html lang=\"pt_BR\"><head><title>Ignored | Site</title>"
      "<meta property=\"og:title\" content=\"The Title - Daily Site\">"
      "<meta property=\"og:site_name\" content=\"Daily Site\">"
      "<meta name=\"description\" content=\"What it's about.\">"
      "<meta property=\"article:published_time\" content=\"2023-07-09T08:00:00Z\">"
      "<meta name=\"keywords\" content=\"a, b\">"
      "</head><body><article><header><h1>The Title</h1>"
      "<p class=\"dek\">A subtitle here</p>"
      "<p class=\"byline\">By Sam O'Neil | July 9</p><time datetime=\"2023-07-09\">July 9</time>"
      "</header><p>Body text.</p></article></body></html>");
  const oct_node *d = p->doc;
  assert_string_equal(oct_doc_meta(d, OCT_META_TITLE), "The Title");
  assert_string_equal(oct_doc_meta(d, OCT_META_SUBTITLE), "A subtitle here");
  assert_string_equal(oct_doc_meta(d, OCT_META_AUTHOR), "Sam O\xE2\x80\x99Neil");
  assert_string_equal(oct_doc_meta(d, OCT_META_DATE), "2023-07-09");
  assert_string_equal(oct_doc_meta(d, OCT_META_LANGUAGE), "pt-BR");
  assert_string_equal(oct_doc_meta(d, OCT_META_DESCRIPTION), "What it\xE2\x80\x99s about.");
  assert_string_equal(oct_doc_meta(d, OCT_META_SUBJECT), "a, b");
  /* headline, subtitle, byline and date are not repeated in the body */
  assert_string_equal(p->text, "Body text.");
  done(p);
}

static void test_written_dates(void **state) {
  (void)state;
  parsed *p =
      parse("<html><body><article><p class=\"story-meta\">Published Tuesday, 5 March 2024</p>"
            "<p>Body text that is long enough to be the body of this article.</p>"
            "</article></body></html>");
  assert_string_equal(oct_doc_meta(p->doc, OCT_META_DATE), "2024-03-05");
  done(p);
  p = parse("<html><body><article><header><time>11 March 2025, 6:42pm</time></header>"
            "<p>Body.</p></article></body></html>");
  assert_string_equal(oct_doc_meta(p->doc, OCT_META_DATE), "2025-03-11");
  assert_string_equal(p->text, "Body.");
  done(p);
  /* a number that is not a date stays out of it */
  p = parse("<html><body><p class=\"meta\">45 views, 3 comments</p><p>Body.</p></body></html>");
  assert_null(oct_doc_meta(p->doc, OCT_META_DATE));
  done(p);
}

static void test_json_ld(void **state) {
  (void)state;
  parsed *p = parse("<html><head><script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", "
                    "\"datePublished\": \"2022-11-03T09:30:00Z\", \"author\": [{\"@type\": "
                    "\"Person\", \"name\": \"Li \\\"Lee\\\" Wei\"}]}</script></head>"
                    "<body><p>Text.</p></body></html>");
  assert_string_equal(oct_doc_meta(p->doc, OCT_META_AUTHOR), "Li \xE2\x80\x9CLee\xE2\x80\x9D Wei");
  assert_string_equal(oct_doc_meta(p->doc, OCT_META_DATE), "2022-11-03");
  /* structured data is never body text */
  assert_string_equal(p->text, "Text.");
  done(p);
}

static void test_title_fallbacks(void **state) {
  (void)state;
  parsed *p = parse("<html><head><title>Plain Title | Section | Site</title>"
                    "<meta name=\"author\" content=\"A. Writer\"></head>"
                    "<body><p>Text.</p></body></html>");
  assert_string_equal(oct_doc_meta(p->doc, OCT_META_TITLE), "Plain Title");
  assert_string_equal(oct_doc_meta(p->doc, OCT_META_AUTHOR), "A. Writer");
  done(p);
  /* og:title with a site suffix and no og:site_name: the h1 says where it ends */
  p = parse("<html><head><meta property=\"og:title\" content=\"Long Read - The Daily\"></head>"
            "<body><article><h1>Long Read</h1><p>Text.</p></article></body></html>");
  assert_string_equal(oct_doc_meta(p->doc, OCT_META_TITLE), "Long Read");
  assert_string_equal(p->text, "Text.");
  done(p);
  /* a dash splits off nothing unless the site name is known */
  p = parse(
      "<html><head><title>Covid-19 - what changes now</title></head><body><p>x</p></body></html>");
  assert_string_equal(oct_doc_meta(p->doc, OCT_META_TITLE), "Covid-19 - what changes now");
  done(p);
  /* an <h1> and no <head> metadata */
  p = parse("<html><body><h1>Only H1</h1><p>Text</p><h1>Second H1</h1></body></html>");
  assert_string_equal(oct_doc_meta(p->doc, OCT_META_TITLE), "Only H1");
  assert_string_equal(p->text, "Text|Second H1");
  done(p);
}

static void test_old_style_pages(void **state) {
  (void)state;
  oct_buf cell = OCT_BUF_INIT;
  for (int i = 0; i < 12; i++)
    OCT_BUF_LIT(&cell, "Words of an old page laid out in a table. ");
  oct_buf page = OCT_BUF_INIT;
  oct_buf_printf(
      &page,
      "<html><body><table><tr><td>Menu</td><td><p>%s</p><p>Second&nbsp;para.</p>"
      "Loose one<br><br>Loose two<br>still two<p>&nbsp;</p></td></tr></table></body></html>",
      cell.data);
  parsed *p = parse(page.data);
  /* a layout table is not a data table: its paragraphs stay paragraphs */
  assert_null(strstr(p->json, "table_cell"));
  assert_non_null(strstr(p->text, "|Second\xC2\xA0para.|Loose one|Loose two still two"));
  /* the no-break-space spacer paragraph is gone */
  assert_int_equal(p->text[strlen(p->text) - 1], 'o');
  done(p);
  oct_buf_free(&cell);
  oct_buf_free(&page);
}

static void test_headline_outside_article(void **state) {
  (void)state;
  parsed *p = parse("<html><head><title>The Headline - Some Blog</title></head><body>"
                    "<div class=\"post-head\"><h1>The Headline</h1></div>"
                    "<article><p>Body of the post, long enough to be an article.</p></article>"
                    "</body></html>");
  assert_string_equal(oct_doc_meta(p->doc, OCT_META_TITLE), "The Headline");
  done(p);
  /* a lone h1 that is the site's name is not the headline */
  p = parse("<html><head><title>Post title</title></head><body>"
            "<div class=\"top\"><h1>Some Blog</h1></div>"
            "<article><p>Body of the post, long enough to be an article.</p></article>"
            "</body></html>");
  assert_string_equal(oct_doc_meta(p->doc, OCT_META_TITLE), "Post title");
  done(p);
}

static void test_sectioned_page_kept_whole(void **state) {
  (void)state;
  oct_buf sec = OCT_BUF_INIT;
  for (int i = 0; i < 8; i++)
    OCT_BUF_LIT(&sec, "<p>Paragraph text in a section of a manual.</p>");
  oct_buf page = OCT_BUF_INIT;
  oct_buf_printf(&page,
                 "<html><body><div class=\"book\"><div class=\"s1\"><h2>One</h2>%s</div>"
                 "<div class=\"s2\"><h2>Two</h2>%s<p>Extra.</p></div>"
                 "<div class=\"s3\"><h2>Three</h2>%s</div></div></body></html>",
                 sec.data, sec.data, sec.data);
  parsed *p = parse(page.data);
  /* no single section wins: all three are kept */
  assert_non_null(strstr(p->text, "One|"));
  assert_non_null(strstr(p->text, "|Two|"));
  assert_non_null(strstr(p->text, "|Three|"));
  done(p);
  oct_buf_free(&sec);
  oct_buf_free(&page);
}

static void test_empty_attributes(void **state) {
  (void)state;
  /* found by fuzzing: an empty class on the author scan's path */
  parsed *p = parse("<html lang=\"\"><body><div class=\"\" id=\"\" role=\"\"><p class=\"\">x "
                    "<a href=\"\">y</a><img src=\"\" alt=\"\"></p></div></body></html>");
  assert_string_equal(p->text, "x y");
  assert_null(oct_doc_meta(p->doc, OCT_META_LANGUAGE));
  done(p);
}

/* ---- article detection: the situations that went wrong on real pages */

/* N paragraphs of distinct prose, each about 160 characters with commas. */
static void prose(oct_buf *b, const char *tag, int n) {
  for (int i = 0; i < n; i++)
    oct_buf_printf(b,
                   "<p>%s paragraph %d tells the story, with detail, with quotes from people who "
                   "were there, and with the figures that matter to the reader of this piece.</p>",
                   tag, i);
}

static void test_teaser_article_beside_story(void **state) {
  (void)state;
  /* the first <article> on the page is a teaser card for another story */
  oct_buf story = OCT_BUF_INIT, page = OCT_BUF_INIT;
  prose(&story, "Story", 8);
  oct_buf_printf(&page,
                 "<html><head><title>Harbour story</title></head><body>"
                 "<article class=\"card\"><h3><a href=\"/other\">Another story entirely, "
                 "about something else</a></h3><p>A teaser line for it.</p></article>"
                 "<div class=\"wrap\"><h1>Harbour story</h1><div>%s</div></div></body></html>",
                 story.data);
  parsed *p = parse(page.data);
  assert_non_null(strstr(p->text, "Story paragraph 0 tells"));
  assert_non_null(strstr(p->text, "Story paragraph 7 tells"));
  assert_null(strstr(p->text, "Another story"));
  assert_null(strstr(p->text, "teaser"));
  done(p);
  oct_buf_free(&story);
  oct_buf_free(&page);
}

static void test_article_split_into_siblings(void **state) {
  (void)state;
  /* an ad slot between the parts split the story into sibling blocks */
  oct_buf a = OCT_BUF_INIT, b = OCT_BUF_INIT, c = OCT_BUF_INIT, page = OCT_BUF_INIT;
  prose(&a, "First", 4);
  prose(&b, "Second", 4);
  prose(&c, "Third", 4);
  oct_buf_printf(&page,
                 "<html><body><div class=\"page\"><div class=\"story-part\">%s</div>"
                 "<div class=\"ad-slot\"><p>Advertisement</p></div>"
                 "<div class=\"story-part\">%s</div><div class=\"story-part\">%s</div>"
                 "<div class=\"rail most-read\"><ul><li><a href=\"/1\">Most read one</a></li>"
                 "<li><a href=\"/2\">Most read two</a></li></ul></div></div></body></html>",
                 a.data, b.data, c.data);
  parsed *p = parse(page.data);
  assert_non_null(strstr(p->text, "First paragraph 0"));
  assert_non_null(strstr(p->text, "Second paragraph 3"));
  assert_non_null(strstr(p->text, "Third paragraph 3"));
  assert_null(strstr(p->text, "Advertisement"));
  assert_null(strstr(p->text, "Most read"));
  done(p);
  oct_buf_free(&a);
  oct_buf_free(&b);
  oct_buf_free(&c);
  oct_buf_free(&page);
}

static void test_long_comments_beside_short_article(void **state) {
  (void)state;
  /* the comment thread holds three times the article's text */
  oct_buf story = OCT_BUF_INIT, comments = OCT_BUF_INIT, page = OCT_BUF_INIT;
  prose(&story, "Article", 3);
  for (int i = 0; i < 9; i++) {
    OCT_BUF_LIT(&comments, "<li class=\"comment\"><div class=\"comment-body\">");
    prose(&comments, "Reader comment", 1);
    OCT_BUF_LIT(&comments, "</div></li>");
  }
  oct_buf_printf(&page,
                 "<html><body><div id=\"main\"><div class=\"entry\">%s</div>"
                 "<div id=\"respond\"><h2>48 responses</h2><ol class=\"commentlist\">%s</ol></div>"
                 "</div><footer><p>A long footer with the address of the company, its "
                 "registration number, its offices in five cities, and many more words.</p>"
                 "</footer></body></html>",
                 story.data, comments.data);
  parsed *p = parse(page.data);
  assert_non_null(strstr(p->text, "Article paragraph 0"));
  assert_non_null(strstr(p->text, "Article paragraph 2"));
  assert_null(strstr(p->text, "Reader comment"));
  assert_null(strstr(p->text, "footer"));
  done(p);
  oct_buf_free(&story);
  oct_buf_free(&comments);
  oct_buf_free(&page);
}

static void test_link_heavy_navigation(void **state) {
  (void)state;
  /* a block of links with more text than the article, and no class that
   * says what it is: its link density gives it away */
  oct_buf links = OCT_BUF_INIT, story = OCT_BUF_INIT, page = OCT_BUF_INIT;
  for (int i = 0; i < 40; i++)
    oct_buf_printf(&links,
                   "<p><a href=\"/s/%d\">Section number %d of the site, with its own long "
                   "title, for readers, and more</a></p>",
                   i, i);
  prose(&story, "Body", 4);
  oct_buf_printf(&page,
                 "<html><body><div class=\"x1\">%s</div><div class=\"x2\">%s</div>"
                 "</body></html>",
                 links.data, story.data);
  parsed *p = parse(page.data);
  assert_non_null(strstr(p->text, "Body paragraph 0"));
  assert_non_null(strstr(p->text, "Body paragraph 3"));
  assert_null(strstr(p->text, "Section number"));
  done(p);
  oct_buf_free(&links);
  oct_buf_free(&story);
  oct_buf_free(&page);
}

static void test_json_ld_body_only(void **state) {
  (void)state;
  /* a page whose script would have inserted the text: only the structured
   * data holds it */
  oct_buf body = OCT_BUF_INIT, page = OCT_BUF_INIT;
  for (int i = 0; i < 5; i++)
    oct_buf_printf(&body,
                   "Line %d of the story as the structured data keeps it, long enough to count, "
                   "with commas, names and numbers.\\n",
                   i);
  oct_buf_printf(&page,
                 "<html><head><title>Script page</title><script type=\"application/ld+json\">"
                 "{\"@context\": \"https://schema.org\", \"@type\": \"NewsArticle\", "
                 "\"headline\": \"The story\", \"author\": {\"@type\": \"Person\", \"name\": "
                 "\"Ana Lima\"}, \"articleBody\": \"%s\"}</script></head><body>"
                 "<div id=\"app\"><nav><a href=\"/\">Home</a></nav><p>Loading...</p></div>"
                 "</body></html>",
                 body.data);
  parsed *p = parse(page.data);
  assert_string_equal(oct_doc_meta(p->doc, OCT_META_TITLE), "The story");
  assert_string_equal(oct_doc_meta(p->doc, OCT_META_AUTHOR), "Ana Lima");
  assert_int_equal(count_children(p->doc), 5);
  assert_non_null(strstr(p->text, "Line 0 of the story"));
  assert_non_null(strstr(p->text, "|Line 4 of the story"));
  assert_null(strstr(p->text, "Loading"));
  done(p);
  oct_buf_free(&page);
  /* the same structured data beside the article in the page: the page's
   * own markup (links, emphasis) is kept */
  oct_buf_clear(&page);
  oct_buf_printf(&page,
                 "<html><head><script type=\"application/ld+json\">{\"@type\": \"Article\", "
                 "\"articleBody\": \"%s\"}</script></head><body><article>",
                 body.data);
  for (int i = 0; i < 5; i++)
    oct_buf_printf(&page,
                   "<p>Line %d of the story as the structured data keeps it, long enough to "
                   "count, with <em>commas</em>, names and numbers.</p>",
                   i);
  OCT_BUF_LIT(&page, "</article></body></html>");
  p = parse(page.data);
  assert_non_null(strstr(p->json, "emphasis"));
  assert_int_equal(count_children(p->doc), 5);
  done(p);
  oct_buf_free(&body);
  oct_buf_free(&page);
}

static void test_class_words_are_whole(void **state) {
  (void)state;
  oct_buf story = OCT_BUF_INIT, page = OCT_BUF_INIT;
  prose(&story, "Main", 4);
  /* "promotion" is not "promo", "commentary" not "comment", "shadow" and
   * "header" not "ad"; "promo", "sidebar2", "shareBar" and "cover-wrap"
   * are what they say */
  oct_buf_printf(&page,
                 "<html><body><div class=\"article-body\">%s"
                 "<div class=\"promotion-news\"><p>The promotion of the new chief was announced "
                 "on Monday, after a long search.</p></div>"
                 "<div class=\"commentary\"><p>In his commentary, the author, a historian, "
                 "weighs the decision.</p></div>"
                 "<div class=\"promo\"><p>Subscribe now, half price.</p></div>"
                 "<div class=\"sidebar2\"><p>Sidebar text here.</p></div>"
                 "<div class=\"shareBar\"><p>Share it.</p></div>"
                 "<div class=\"cover-wrap\"><p>Player controls.</p></div>"
                 "</div></body></html>",
                 story.data);
  parsed *p = parse(page.data);
  assert_non_null(strstr(p->text, "The promotion of the new chief"));
  assert_non_null(strstr(p->text, "In his commentary"));
  assert_null(strstr(p->text, "Subscribe now"));
  assert_null(strstr(p->text, "Sidebar text"));
  assert_null(strstr(p->text, "Share it"));
  assert_null(strstr(p->text, "Player controls"));
  done(p);
  oct_buf_free(&story);
  oct_buf_free(&page);
}

static void test_cleaning_inside_article(void **state) {
  (void)state;
  oct_buf page = OCT_BUF_INIT;
  OCT_BUF_LIT(&page,
              "<html><head><style>.css-1x{border:0;clip:rect(0 0 0 0);height:1px;"
              "position:absolute;width:1px}@media (max-width:600px){.wide{position:absolute;"
              "clip:rect(0 0 0 0)}}</style></head><body><div class=\"story\">"
              "<p><span class=\"drop-cap\"><span>W</span></span>hale whisperers worry, and the "
              "reasons are many, as this long paragraph explains to its readers.</p>"
              "<h2>Heading<span class=\"mw-editsection\">[<a href=\"/e\">edit</a>]</span></h2>"
              "<figure><img src=\"//upload.example.org/a.jpg\" alt=\"A whale on the beach at "
              "dawn\"></figure><p>A whale on the beach at dawn</p>"
              "<p><span class=\"css-1x\">Photo</span><span class=\"wide\">Wide</span> text of a "
              "second paragraph, long enough, with a comma, and a full stop.</p>"
              "<p class=\"image-credit\">Photograph: A. Photographer</p>"
              "<div><span>Advertisement</span></div>"
              "<p>Related: <a href=\"/other\">Another story about whales</a></p>"
              "<p>Third paragraph, the last one, also long enough to count as prose.</p>"
              "</div></body></html>");
  parsed *p = parse(page.data);
  /* the drop cap belongs to its word */
  assert_non_null(strstr(p->text, "Whale whisperers worry"));
  assert_non_null(strstr(p->text, "|Heading|"));
  assert_null(strstr(p->text, "edit"));
  /* the caption repeated after the figure is the image's title, once */
  const oct_node *img = NULL;
  for (const oct_node *n = p->doc->first_child; n; n = n->next)
    if (n->type == OCT_NODE_IMAGE) img = n;
  assert_non_null(img);
  assert_string_equal(img->as.image.src, "https://upload.example.org/a.jpg");
  assert_string_equal(img->as.image.title, "A whale on the beach at dawn");
  assert_null(strstr(p->text, "A whale on the beach"));
  /* hidden by the page's style sheet; not what only @media hides */
  assert_null(strstr(p->text, "Photo"));
  assert_non_null(strstr(p->text, "Wide text of a second"));
  assert_null(strstr(p->text, "Photographer"));
  assert_null(strstr(p->text, "Advertisement"));
  assert_null(strstr(p->text, "Another story"));
  done(p);
  oct_buf_free(&page);
}

static void test_metadata_precedence(void **state) {
  (void)state;
  /* JSON-LD first (in an @graph), then Open Graph, then <title> */
  parsed *p = parse("<html><head><title>Title tag | Site</title>"
                    "<meta property=\"og:title\" content=\"OG title\">"
                    "<meta name=\"author\" content=\"Meta Author\">"
                    "<script type=\"application/ld+json\">{\"@context\": \"https://schema.org\", "
                    "\"@graph\": [{\"@type\": \"WebSite\", \"name\": \"Site\"}, {\"@type\": "
                    "[\"BlogPosting\"], \"headline\": \"LD headline\", \"datePublished\": "
                    "\"2021-05-04T10:00:00Z\", \"inLanguage\": \"de\", \"author\": [{\"name\": \"A "
                    "One\"}, {\"name\": \"B Two\"}]}]}</script></head>"
                    "<body><p class=\"byline\">By Someone Else</p><p>Text.</p></body></html>");
  assert_string_equal(oct_doc_meta(p->doc, OCT_META_TITLE), "LD headline");
  assert_string_equal(oct_doc_meta(p->doc, OCT_META_AUTHOR), "A One, B Two");
  assert_string_equal(oct_doc_meta(p->doc, OCT_META_DATE), "2021-05-04");
  assert_string_equal(oct_doc_meta(p->doc, OCT_META_LANGUAGE), "de");
  /* the byline line is not repeated in the body */
  assert_string_equal(p->text, "Text.");
  done(p);
  p = parse("<html><head><title>Title tag | Site</title>"
            "<meta property=\"og:title\" content=\"OG title\"></head><body><p>x</p></body></html>");
  assert_string_equal(oct_doc_meta(p->doc, OCT_META_TITLE), "OG title");
  done(p);
  /* a byline is a name: not a dateline, not "Updated ..." */
  p = parse("<html><body><div class=\"story\"><span class=\"dateline\">Sunday, Feb 1, 2015</span>"
            "<p class=\"byline\">By Jo Writer | Updated 3 hours ago</p>"
            "<p>Body text of the story, long enough to be the story.</p></div></body></html>");
  assert_string_equal(oct_doc_meta(p->doc, OCT_META_AUTHOR), "Jo Writer");
  assert_null(strstr(p->text, "Updated"));
  done(p);
}

static void test_head_cut_short_by_parser(void **state) {
  (void)state;
  /* libxml2 follows HTML 4: an <iframe> left in <head> starts the body,
   * and the <meta> after it land there */
  parsed *p = parse("<html><head><iframe src=\"x\"></iframe>"
                    "<meta property=\"og:title\" content=\"Late title\">"
                    "<meta name=\"author\" content=\"Late Author\"></head>"
                    "<body><p>Text.</p></body></html>");
  assert_string_equal(oct_doc_meta(p->doc, OCT_META_TITLE), "Late title");
  assert_string_equal(oct_doc_meta(p->doc, OCT_META_AUTHOR), "Late Author");
  done(p);
}

static void test_many_sibling_blocks(void **state) {
  (void)state;
  /* 10,000 sibling sections: linear work (the test's time limit is the
   * ctest TIMEOUT, see tests/mdhtml.cmake) */
  oct_buf src = OCT_BUF_INIT;
  OCT_BUF_LIT(&src, "<html><body>");
  for (int i = 0; i < 10000; i++)
    oct_buf_printf(&src,
                   "<div class=\"s\"><p>Block %d, with a comma, of prose text here.</p></div>", i);
  OCT_BUF_LIT(&src, "</body></html>");
  parsed *p = parse(src.data);
  oct_buf_free(&src);
  assert_non_null(strstr(p->text, "Block 0,"));
  assert_non_null(strstr(p->text, "Block 9999,"));
  done(p);
}

static void test_many_nested_blocks(void **state) {
  (void)state;
  /* 10,000 nested blocks of each kind the finder looks into, with a
   * class that every check reads (byline, figure, heading, list): each
   * check stays local, so the time is linear (ctest TIMEOUT) */
  static const char *const tags[] = {"section", "figure", "span", "h2",      "ul",
                                     "del",     "table",  "div",  "article", NULL};
  for (const char *const *t = tags; *t; t++) {
    oct_buf src = OCT_BUF_INIT;
    OCT_BUF_LIT(&src, "<html><head><title>A page title</title></head><body>");
    for (int i = 0; i < 10000; i++)
      oct_buf_printf(&src, "<%s class=\"byline date x\">", *t);
    OCT_BUF_LIT(&src, "<p>Deep text, with words, and enough of them to be a paragraph.</p>");
    for (int i = 0; i < 10000; i++)
      oct_buf_printf(&src, "</%s>", *t);
    OCT_BUF_LIT(&src, "<p>after</p></body></html>");
    parsed *p = parse(src.data);
    oct_buf_free(&src);
    assert_non_null(strstr(p->text, "Deep text"));
    done(p);
  }
}

static int max_depth(const oct_node *doc) {
  oct_iter it;
  oct_iter_init(&it, doc);
  int d = 0, best = 0;
  oct_event ev;
  while ((ev = oct_iter_next(&it)) != OCT_EVENT_DONE) {
    if (oct_node_type_is_leaf(it.node->type)) continue;
    if (ev == OCT_EVENT_ENTER && ++d > best) best = d;
    if (ev == OCT_EVENT_EXIT) d--;
  }
  return best;
}

static void test_deep_divs(void **state) {
  (void)state;
  oct_buf src = OCT_BUF_INIT;
  OCT_BUF_LIT(&src, "<html><body>");
  for (int i = 0; i < 10000; i++)
    OCT_BUF_LIT(&src, "<div>");
  OCT_BUF_LIT(&src, "<p>deep text</p>");
  for (int i = 0; i < 10000; i++)
    OCT_BUF_LIT(&src, "</div>");
  OCT_BUF_LIT(&src, "<p>after</p></body></html>");
  parsed *p = parse(src.data);
  oct_buf_free(&src);
  /* divs are transparent: nothing to flatten, nothing lost */
  assert_string_equal(p->text, "deep text|after");
  done(p);
}

static void test_deep_quotes_and_lists(void **state) {
  (void)state;
  oct_buf src = OCT_BUF_INIT;
  OCT_BUF_LIT(&src, "<html><body><article>");
  for (int i = 0; i < 10000; i++)
    OCT_BUF_LIT(&src, "<blockquote><ul><li><b>");
  OCT_BUF_LIT(&src, "bottom");
  for (int i = 0; i < 10000; i++)
    OCT_BUF_LIT(&src, "</b></li></ul></blockquote>");
  OCT_BUF_LIT(&src, "<p>after</p></article></body></html>");
  parsed *p = parse(src.data);
  oct_buf_free(&src);
  assert_string_equal(p->text, "bottom|after");
  assert_true(max_depth(p->doc) <= OCT_BUILDER_MAX_DEPTH + 1);
  /* flattened, and said so once */
  assert_int_equal(p->err.warnings, 1);
  done(p);
}

static void test_source_lines(void **state) {
  (void)state;
  parsed *p = parse("<html>\n<body>\n<p>one\ntwo</p>\n<div>\nloose\n<h2>H</h2>\n"
                    "<ul>\n<li>i</li>\n</ul>\n</div>\n</body>\n</html>\n");
  assert_int_equal(child(p->doc, 0)->line, 3);
  assert_int_equal(child(p->doc, 1)->line, 5); /* loose text: its div's line */
  assert_int_equal(child(p->doc, 2)->line, 7);
  assert_int_equal(child(p->doc, 3)->line, 8);
  assert_int_equal(child(child(p->doc, 3), 0)->line, 9);
  done(p);
}

static void test_through_oct_read(void **state) {
  (void)state;
  oct_error err;
  oct_error_init(&err, "page.html");
  const char *src = "<!doctype html><html><body><p>Hello</p></body></html>";
  oct_node *d = oct_read(src, strlen(src), OCT_INPUT_AUTO, "page.html", &err);
  assert_non_null(d);
  assert_int_equal(d->first_child->type, OCT_NODE_PARAGRAPH);
  oct_node_free(d);
}

/* An image inside a sentence stays an image of the line (alt text not
 * spliced in); alt="" stays "" (decorative); "//host" becomes https. */
static void test_inline_images(void **state) {
  (void)state;
  parsed *p =
      parse(PAGE("<article><p>The dial shows <img src=\"sun.png\" alt=\"sunny\"> today, "
                 "<img src=\"//upload.wikimedia.org/dot.png\" alt=\"\"> and more words follow "
                 "here to make a paragraph.</p></article>"));
  assert_non_null(strstr(p->json, "{\"type\": \"inline_image\", \"src\": \"sun.png\", \"alt\": "
                                  "\"sunny\"}"));
  assert_non_null(strstr(p->json, "{\"type\": \"inline_image\", \"src\": "
                                  "\"https://upload.wikimedia.org/dot.png\", \"alt\": \"\"}"));
  assert_null(strstr(p->json, "\"text\": \"The dial shows sunny"));
  done(p);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_headings_and_paragraphs),
      cmocka_unit_test(test_lists),
      cmocka_unit_test(test_stray_list_content),
      cmocka_unit_test(test_blockquote_implicit_paragraphs),
      cmocka_unit_test(test_inline_mapping),
      cmocka_unit_test(test_pre_code),
      cmocka_unit_test(test_images_and_figures),
      cmocka_unit_test(test_figure_captions_never_lost),
      cmocka_unit_test(test_table),
      cmocka_unit_test(test_whitespace_collapse),
      cmocka_unit_test(test_entities_and_smart),
      cmocka_unit_test(test_meta_charset_ignored),
      cmocka_unit_test(test_boilerplate),
      cmocka_unit_test(test_article_choice),
      cmocka_unit_test(test_metadata),
      cmocka_unit_test(test_written_dates),
      cmocka_unit_test(test_json_ld),
      cmocka_unit_test(test_title_fallbacks),
      cmocka_unit_test(test_old_style_pages),
      cmocka_unit_test(test_headline_outside_article),
      cmocka_unit_test(test_sectioned_page_kept_whole),
      cmocka_unit_test(test_empty_attributes),
      cmocka_unit_test(test_teaser_article_beside_story),
      cmocka_unit_test(test_article_split_into_siblings),
      cmocka_unit_test(test_long_comments_beside_short_article),
      cmocka_unit_test(test_link_heavy_navigation),
      cmocka_unit_test(test_json_ld_body_only),
      cmocka_unit_test(test_class_words_are_whole),
      cmocka_unit_test(test_cleaning_inside_article),
      cmocka_unit_test(test_metadata_precedence),
      cmocka_unit_test(test_head_cut_short_by_parser),
      cmocka_unit_test(test_many_sibling_blocks),
      cmocka_unit_test(test_many_nested_blocks),
      cmocka_unit_test(test_deep_divs),
      cmocka_unit_test(test_deep_quotes_and_lists),
      cmocka_unit_test(test_source_lines),
      cmocka_unit_test(test_through_oct_read),
      cmocka_unit_test(test_inline_images),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
