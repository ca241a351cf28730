/* Test driver for the EPUB writer, independent of the CLI: reads one input
 * with oct_read (or builds a tree by hand with --kitchen-sink, to reach every
 * node type, tables and images, or --hostile, characters XML cannot hold in
 * every field), applies KEY=VALUE metadata and writes the
 * book.  Warnings go to stderr as "warning: ..." so tests can count them.
 *
 *   test_epub_make [--css F] [--cover F] [--no-cover] [--ts N] [--base D]
 *                  [-M KEY=VALUE]... (INPUT | --kitchen-sink | --hostile) OUT.epub */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/read.h"
#include "write/epub/epub.h"

static void on_warn(void *user, const char *file, const char *msg) {
  (void)user;
  fprintf(stderr, "warning: %s: %s\n", file ? file : "-", msg);
}

static oct_node *add(oct_node *parent, oct_node_type t) {
  oct_node *n = oct_node_new(t);
  if (oct_node_append_child(parent, n) != 0) {
    fprintf(stderr, "illegal containment %s in %s\n", oct_node_type_name(t),
            oct_node_type_name(parent->type));
    exit(3);
  }
  return n;
}

static void text(oct_node *parent, const char *s) {
  oct_node *t = add(parent, OCT_NODE_TEXT);
  oct_node_set_text(t, s, strlen(s));
}

static oct_node *para(oct_node *parent, const char *s) {
  oct_node *p = add(parent, OCT_NODE_PARAGRAPH);
  text(p, s);
  return p;
}

static oct_node *heading(oct_node *doc, int level, const char *s) {
  oct_node *h = add(doc, OCT_NODE_HEADING);
  oct_node_set_heading_level(h, level);
  text(h, s);
  return h;
}

/* Every construct the writer knows, including the awkward ones: escaping,
 * duplicate and non-ASCII headings, skipped levels, content before the
 * first heading, missing/remote/local images, tables, code, links. */
static oct_node *kitchen_sink(void) {
  oct_node *doc = oct_node_new(OCT_NODE_DOCUMENT);
  oct_doc_set_meta(doc, OCT_META_TITLE, "Tom & Jerry <\"Escapes\"> and Café");
  oct_doc_set_meta(doc, OCT_META_SUBTITLE, "A test of every node type\x02");
  oct_doc_set_meta(doc, OCT_META_AUTHOR, "Ada Lovelace");
  oct_doc_set_meta(doc, OCT_META_DATE, "March 3, 2024");
  oct_doc_set_meta(doc, OCT_META_DESCRIPTION, "Kitchen-sink document for the EPUB writer.");
  oct_doc_set_meta(doc, OCT_META_SUBJECT, "Testing");
  para(doc, "Text before the first heading goes into the first chapter.");
  heading(doc, 2, "Inline markup & escaping");
  oct_node *p = para(doc, "Plain, ");
  text(add(p, OCT_NODE_EMPHASIS), "emphasis");
  text(p, ", ");
  text(add(p, OCT_NODE_STRONG), "strong");
  text(p, ", ");
  text(add(p, OCT_NODE_STRIKETHROUGH), "struck");
  text(p, ", ");
  oct_node *c = add(p, OCT_NODE_CODE);
  oct_node_set_text(c, "a < b && c > \"d\"", 16);
  text(p, ", a ");
  oct_node *a = add(p, OCT_NODE_LINK);
  oct_node_set_url(a, "https://example.org/a b?x=1&y=\"2\"");
  text(a, "web link");
  text(p, ", a ");
  a = add(p, OCT_NODE_LINK);
  oct_node_set_url(a, "mailto:ada@example.org");
  text(a, "mail link");
  text(p, ", a ");
  a = add(p, OCT_NODE_LINK);
  oct_node_set_url(a, "other.html#x");
  text(a, "relative link");
  text(p, " and a line");
  add(p, OCT_NODE_LINE_BREAK);
  text(p, "break. Control \x01 character dropped; no-break\xc2\xa0space kept.");
  heading(doc, 3, "Lists");
  oct_node *ul = add(doc, OCT_NODE_BULLET_LIST);
  oct_node *li = add(ul, OCT_NODE_LIST_ITEM);
  p = add(li, OCT_NODE_PARAGRAPH);
  text(add(p, OCT_NODE_STRONG), "Label:");
  text(p, " the strong at the start of an item is its label.");
  li = add(ul, OCT_NODE_LIST_ITEM);
  para(li, "Second item");
  oct_node *ol = add(li, OCT_NODE_ORDERED_LIST);
  oct_node_set_list_start(ol, 3);
  para(add(ol, OCT_NODE_LIST_ITEM), "nested item three");
  para(add(ol, OCT_NODE_LIST_ITEM), "nested item four");
  heading(doc, 5, "A skipped level");
  oct_node *q = add(doc, OCT_NODE_BLOCK_QUOTE);
  para(q, "A quotation, indented.");
  heading(doc, 2, "Inline markup & escaping");
  oct_node *cb = add(doc, OCT_NODE_CODE_BLOCK);
  oct_node_set_info(cb, "c extra");
  const char *code = "int main(void) {\n  return a < b && b > c;\n}";
  oct_node_set_text(cb, code, strlen(code));
  add(doc, OCT_NODE_THEMATIC_BREAK);
  para(doc, "After a scene break.");
  heading(doc, 2, "Ελληνικά 2024");
  oct_node *t = add(doc, OCT_NODE_TABLE);
  const char *cells[3][3] = {{"Name", "Qty", "Note"}, {"Apples", "3", "red"}, {"Pears", "10", ""}};
  for (int r = 0; r < 3; r++) {
    oct_node *row = add(t, OCT_NODE_TABLE_ROW);
    for (int k = 0; k < 3; k++) {
      oct_node *cell = add(row, OCT_NODE_TABLE_CELL);
      oct_node_set_cell(cell, r == 0 || (k == 0 && r > 0 && 0),
                        k == 1 ? OCT_ALIGN_RIGHT : OCT_ALIGN_NONE);
      text(cell, cells[r][k]);
    }
  }
  heading(doc, 2, "Images");
  oct_node *img = add(doc, OCT_NODE_IMAGE);
  oct_node_set_image(img, "pic.png", "A small local picture", "Figure 1: local PNG");
  img = add(doc, OCT_NODE_IMAGE);
  oct_node_set_image(img, "pic.png",
                     "The same picture \x03"
                     "again",
                     NULL);
  img = add(doc, OCT_NODE_IMAGE);
  oct_node_set_image(img, "drawing.svg", "A local SVG drawing", NULL);
  img = add(doc, OCT_NODE_IMAGE);
  oct_node_set_image(img, "broken.svg", "A broken SVG", NULL);
  img = add(doc, OCT_NODE_IMAGE);
  oct_node_set_image(img, "missing.png", "A missing picture", NULL);
  img = add(doc, OCT_NODE_IMAGE);
  oct_node_set_image(img, "https://example.org/remote.jpg", "A remote picture", NULL);
  return doc;
}

/* Everything XML 1.0 cannot hold or the sanitiser drops: C0 controls, DEL,
 * C1 controls, noncharacters (U+FDD0, U+FDEF, U+FFFE, U+FFFF, U+1FFFE,
 * U+10FFFF), an encoded surrogate (U+D800) and bytes that are not UTF-8. */
#define BAD                                                                                        \
  "\x01\x08\x0b\x0c\x1b\x1f\x7f\xc2\x80\xc2\x85\xc2\x9f\xef\xb7\x90\xef\xb7\xaf\xef\xbf\xbe"       \
  "\xef\xbf\xbf\xf0\x9f\xbf\xbe\xf4\x8f\xbf\xbf\xed\xa0\x80\xff\xc0"

/* The same characters in every string the EPUB writer puts into XML:
 * metadata, headings (nav, NCX, titles, ids), text, links, images, tables,
 * code.  "Head" BAD "ing" must come out as "Heading" everywhere. */
static oct_node *hostile(void) {
  oct_node *doc = oct_node_new(OCT_NODE_DOCUMENT);
  oct_doc_set_meta(doc, OCT_META_TITLE, "Ti" BAD "tle");
  oct_doc_set_meta(doc, OCT_META_SUBTITLE, "Sub" BAD "title");
  oct_doc_set_meta(doc, OCT_META_AUTHOR, "Au" BAD "thor");
  oct_doc_set_meta(doc, OCT_META_DATE, "2024-03-03" BAD);
  oct_doc_set_meta(doc, OCT_META_DESCRIPTION, "De" BAD "scription");
  oct_doc_set_meta(doc, OCT_META_SUBJECT, "Sub" BAD "ject");
  oct_doc_set_meta(doc, OCT_META_IDENTIFIER, "urn:x-test:" BAD "id");
  heading(doc, 1, "Head" BAD "ing one");
  oct_node *p = para(doc, "Para" BAD "graph ");
  text(add(p, OCT_NODE_EMPHASIS), "Empha" BAD "sis");
  oct_node *c = add(p, OCT_NODE_CODE);
  oct_node_set_text(c, "co" BAD "de", strlen("co" BAD "de"));
  oct_node *a = add(p, OCT_NODE_LINK);
  oct_node_set_url(a, "https://example.org/" BAD "path");
  oct_node_set_title(a, "Link" BAD "title");
  text(a, "Link" BAD "text");
  heading(doc, 2, BAD);
  oct_node *ul = add(doc, OCT_NODE_BULLET_LIST);
  para(add(ul, OCT_NODE_LIST_ITEM), "It" BAD "em");
  para(add(doc, OCT_NODE_BLOCK_QUOTE), "Quo" BAD "tation");
  heading(doc, 3, "Deep" BAD "er");
  oct_node *cb = add(doc, OCT_NODE_CODE_BLOCK);
  oct_node_set_info(cb, "la" BAD "ng");
  oct_node_set_text(cb, "Code" BAD "block\n", strlen("Code" BAD "block\n"));
  oct_node *t = add(doc, OCT_NODE_TABLE);
  for (int r = 0; r < 2; r++) {
    oct_node *cell = add(add(t, OCT_NODE_TABLE_ROW), OCT_NODE_TABLE_CELL);
    oct_node_set_cell(cell, r == 0, OCT_ALIGN_NONE);
    text(cell, "Ce" BAD "ll");
  }
  oct_node *img = add(doc, OCT_NODE_IMAGE);
  oct_node_set_image(img, "missing" BAD ".png", "Al" BAD "t", "Ima" BAD "ge");
  return doc;
}

int main(int argc, char **argv) {
  oct_epub_options opt = {0};
  const char *in = NULL, *out = NULL;
  const char *meta_k[16], *meta_v[16];
  int n_meta = 0;
  bool sink = false, hostile_tree = false;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--css") == 0 && i + 1 < argc)
      opt.css_path = argv[++i];
    else if (strcmp(a, "--cover") == 0 && i + 1 < argc)
      opt.cover_path = argv[++i];
    else if (strcmp(a, "--no-cover") == 0)
      opt.no_cover = true;
    else if (strcmp(a, "--ts") == 0 && i + 1 < argc)
      opt.timestamp = strtoll(argv[++i], NULL, 10);
    else if (strcmp(a, "--base") == 0 && i + 1 < argc)
      opt.base_dir = argv[++i];
    else if (strcmp(a, "-M") == 0 && i + 1 < argc && n_meta < 16) {
      char *kv = argv[++i], *eq = strchr(kv, '=');
      if (!eq) return 2;
      *eq = '\0';
      meta_k[n_meta] = kv;
      meta_v[n_meta++] = eq + 1;
    } else if (strcmp(a, "--kitchen-sink") == 0)
      sink = true;
    else if (strcmp(a, "--hostile") == 0)
      sink = hostile_tree = true;
    else if (!in && !sink)
      in = a;
    else
      out = a;
  }
  if (!out || (!in && !sink)) {
    fprintf(stderr, "usage: test_epub_make [options] (INPUT | --kitchen-sink) OUT.epub\n");
    return 2;
  }
  oct_error err;
  oct_error_init(&err, sink ? "kitchen-sink" : in);
  err.warn = on_warn;
  oct_node *doc = NULL;
  if (sink) {
    doc = hostile_tree ? hostile() : kitchen_sink();
  } else {
    oct_buf data = OCT_BUF_INIT;
    if (oct_file_read(in, &data, &err) == 0)
      doc = oct_read(data.data, data.len, OCT_INPUT_AUTO, in, &err);
    oct_buf_free(&data);
  }
  if (!doc) {
    fprintf(stderr, "error: %s\n", err.msg);
    return 1;
  }
  for (int i = 0; i < n_meta; i++) {
    int k = oct_meta_key_from_name(meta_k[i]);
    if (k < 0) return 2;
    oct_doc_set_meta(doc, (oct_meta_key)k, meta_v[i]);
  }
  oct_epub *e = oct_epub_new(&opt);
  int rc = oct_epub_write(e, doc, out, &err);
  oct_epub_free(e);
  oct_node_free(doc);
  if (rc != 0) {
    fprintf(stderr, "error: %s\n", err.msg);
    return 1;
  }
  return 0;
}
