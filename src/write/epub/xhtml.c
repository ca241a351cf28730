/* Stage one: the document tree -> XHTML content documents, the navigation
 * document, the title and cover pages, stylesheets and images.  Markup is
 * produced with libxml2's xmlTextWriter so escaping is never hand-made. */
#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "write/epub/internal.h"
#include "write/resource/resource.h"

#define X(s) BAD_CAST(s)

typedef struct heading_id {
  const oct_node *node;
  char *id;
} heading_id;

/* Per-book state of this stage. */
typedef struct build {
  const oct_epub_options *opt;
  const oct_node *doc;
  epub_book *book;
  oct_error *err;
  xmlHashTablePtr ids;      /* heading ids already taken */
  xmlHashTablePtr suffixes; /* slug -> the next "-N" to try when it is taken */
  xmlHashTablePtr images;   /* image src -> href in the package, or "" when not embedded */
  int n_images;
  heading_id *heads; /* in document order */
  size_t n_heads, cap_heads;
  size_t next_head; /* headings are written in the order they were named */
  const char *user_css_href;
  /* epub_build_article: file names and ids start with PREFIX, and the first
   * file opens with the article's heading block */
  const char *prefix;
  const epub_article_head *head;
} build;

/* ---- small writer helpers */

/* Every string goes out through epub_xml_string/epub_xml_attr, which drop
 * what XML cannot hold. */
static void put_text(xmlTextWriterPtr w, const char *s) { epub_xml_string(w, s); }

static void nl(xmlTextWriterPtr w) { xmlTextWriterWriteRaw(w, X("\n")); }

static void start(xmlTextWriterPtr w, const char *el) { xmlTextWriterStartElement(w, X(el)); }

static void attr(xmlTextWriterPtr w, const char *name, const char *value) {
  epub_xml_attr(w, name, value);
}

/* Non-void elements get an explicit end tag: "<p/>" is legal XHTML but
 * confuses HTML-minded reading systems. */
static void end(xmlTextWriterPtr w) { xmlTextWriterFullEndElement(w); }
static void end_void(xmlTextWriterPtr w) { xmlTextWriterEndElement(w); }

static void element_text(xmlTextWriterPtr w, const char *el, const char *cls, const char *text) {
  start(w, el);
  if (cls) attr(w, "class", cls);
  put_text(w, text);
  end(w);
  nl(w);
}

/* Opens an XHTML content document up to and including <body>. */
static xmlTextWriterPtr doc_begin(build *bd, xmlBufferPtr *bufp, const char *title,
                                  const char *body_type, const char *body_class) {
  /* No indentation: it would add spaces to the text of paragraphs. */
  xmlTextWriterPtr w = epub_xml_open(bufp, false);
  xmlTextWriterWriteDTD(w, X("html"), NULL, NULL, NULL);
  nl(w);
  start(w, "html");
  attr(w, "xmlns", "http://www.w3.org/1999/xhtml");
  attr(w, "xmlns:epub", "http://www.idpf.org/2007/ops");
  attr(w, "lang", bd->book->lang);
  attr(w, "xml:lang", bd->book->lang);
  /* On <html> for the reading system, again on <body> for those (Adobe's
   * RMSDK) that take the direction from the body alone. */
  if (bd->book->rtl) attr(w, "dir", "rtl");
  nl(w);
  start(w, "head");
  nl(w);
  start(w, "meta");
  attr(w, "charset", "utf-8");
  end_void(w);
  nl(w);
  element_text(w, "title", NULL, title);
  start(w, "link");
  attr(w, "rel", "stylesheet");
  attr(w, "type", "text/css");
  attr(w, "href", "css/epub.css");
  end_void(w);
  nl(w);
  if (bd->user_css_href) {
    start(w, "link");
    attr(w, "rel", "stylesheet");
    attr(w, "type", "text/css");
    attr(w, "href", bd->user_css_href);
    end_void(w);
    nl(w);
  }
  end(w);
  nl(w);
  start(w, "body");
  if (body_type) attr(w, "epub:type", body_type);
  if (body_class) attr(w, "class", body_class);
  if (bd->book->rtl) attr(w, "dir", "rtl");
  nl(w);
  return w;
}

/* Closes the document and hands it to the book. */
static epub_item *doc_end(build *bd, xmlTextWriterPtr w, xmlBufferPtr buf, const char *id,
                          const char *href) {
  end(w); /* body */
  nl(w);
  end(w); /* html */
  size_t len;
  char *data = epub_xml_close(w, buf, &len);
  epub_item *it = epub_book_add(bd->book, id, href, "application/xhtml+xml", data, len);
  it->in_spine = true;
  it->linear = true;
  return it;
}

/* ---- first pass: heading ids and images */

/* The id of heading N.  Headings are written in the order first_pass
 * named them, so the next one is nearly always the one asked for; the
 * search is a safety net.  CONSUME moves past it (the heading is being
 * written), else it is only looked at (for a table-of-contents entry). */
static const char *find_heading_id(build *bd, const oct_node *n, bool consume) {
  if (bd->next_head < bd->n_heads && bd->heads[bd->next_head].node == n)
    return bd->heads[consume ? bd->next_head++ : bd->next_head].id;
  for (size_t i = 0; i < bd->n_heads; i++)
    if (bd->heads[i].node == n) return bd->heads[i].id;
  return NULL;
}

/* A heading's id is its slug, made unique by "-2", "-3"...  Each slug
 * remembers the next number to try, so that 5,000 headings of the same
 * text cost some 5,000 look-ups instead of 12.5 million: the numbers below
 * it are all taken, since ids are never given back. */
static void assign_heading_id(build *bd, const oct_node *n) {
  oct_buf text = OCT_BUF_INIT, id = OCT_BUF_INIT;
  oct_node_plain_text(n, &text);
  epub_slug(text.data ? text.data : "", &id);
  if (xmlHashLookup(bd->ids, X(id.data)) != NULL) {
    char *slug = oct_xstrdup(id.data);
    size_t base = id.len;
    uintptr_t k = (uintptr_t)xmlHashLookup(bd->suffixes, X(slug));
    if (k < 2) k = 2;
    do {
      id.len = base;
      oct_buf_printf(&id, "-%lu", (unsigned long)k++);
    } while (xmlHashLookup(bd->ids, X(id.data)) != NULL);
    xmlHashUpdateEntry(bd->suffixes, X(slug), (void *)k, NULL);
    free(slug);
  }
  xmlHashAddEntry(bd->ids, X(id.data), (void *)bd);
  OCT_GROW(bd->heads, bd->n_heads, bd->cap_heads);
  bd->heads[bd->n_heads++] = (heading_id){n, oct_buf_detach(&id)};
  oct_buf_free(&text);
}

static void free_href(void *payload, const xmlChar *name) {
  (void)name;
  free(payload);
}

/* Decides once per distinct src whether it is embedded; warns once. */
static void register_image(build *bd, const oct_node *n) {
  const char *src = n->as.image.src ? n->as.image.src : "";
  if (xmlHashLookup(bd->images, X(src))) return;
  char *href = NULL;
  oct_resources res = {bd->opt->base_dir, bd->opt->resource_dirs};
  oct_buf data = OCT_BUF_INIT;
  oct_image_info info;
  oct_error ierr;
  oct_error_init(&ierr, NULL);
  if (oct_image_load(&res, src, &data, &info, &ierr) != 0) {
    oct_warn(bd->err, "image '%s' %s: using its alt text", src, ierr.msg);
  } else {
    bd->n_images++;
    const char *pre = bd->prefix ? bd->prefix : "";
    href = oct_xasprintf("images/%simage-%03d.%s", pre, bd->n_images, info.ext);
    char id[64];
    snprintf(id, sizeof id, "%simg%03d", pre, bd->n_images);
    size_t len = data.len;
    epub_book_add(bd->book, id, href, info.media_type, oct_buf_detach(&data), len);
    bd->book->has_images = true;
    if (n->as.image.alt && *n->as.image.alt) bd->book->has_alt_text = true;
  }
  oct_buf_free(&data);
  xmlHashAddEntry(bd->images, X(src), href ? href : oct_xstrdup(""));
}

static void first_pass(build *bd) {
  oct_iter it;
  oct_iter_init(&it, bd->doc);
  oct_event ev;
  while ((ev = oct_iter_next(&it)) != OCT_EVENT_DONE) {
    if (ev != OCT_EVENT_ENTER) continue;
    if (it.node->type == OCT_NODE_HEADING) assign_heading_id(bd, it.node);
  }
  /* Images after headings, so the manifest lists them in document order
   * behind the documents (added later) either way. */
  oct_iter_init(&it, bd->doc);
  while ((ev = oct_iter_next(&it)) != OCT_EVENT_DONE)
    if (ev == OCT_EVENT_ENTER && oct_node_is_image(it.node)) register_image(bd, it.node);
  /* A picture standing as a block says something; without alt text a
   * reader who cannot see it gets nothing, so the book no longer claims
   * that text alone suffices.  One warning per image.  (An inline image
   * with alt="" is an icon the sentence does without: decorative.) */
  xmlHashTablePtr warned = xmlHashCreate(8);
  oct_iter_init(&it, bd->doc);
  while ((ev = oct_iter_next(&it)) != OCT_EVENT_DONE) {
    const oct_node *n = it.node;
    if (ev != OCT_EVENT_ENTER || n->type != OCT_NODE_IMAGE || (n->as.image.alt && *n->as.image.alt))
      continue;
    const char *src = n->as.image.src ? n->as.image.src : "";
    const char *href = xmlHashLookup(bd->images, X(src));
    if (!href || !*href || xmlHashLookup(warned, X(src))) continue;
    xmlHashAddEntry(warned, X(src), (void *)src);
    oct_warn(bd->err,
             "image '%s' has no alt text: describe it in the source for readers who "
             "cannot see it",
             src);
    bd->book->image_without_alt = true;
  }
  xmlHashFree(warned, NULL);
}

/* ---- content */

static bool is_web_url(const char *url) {
  return url && (strncmp(url, "http://", 7) == 0 || strncmp(url, "https://", 8) == 0 ||
                 strncmp(url, "mailto:", 7) == 0);
}

/* Percent-encodes what may not stand in an IRI attribute (spaces, quotes,
 * controls) and leaves UTF-8 alone, so epubcheck sees a valid URL. */
static char *clean_url(const char *url) {
  oct_buf b = OCT_BUF_INIT;
  for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
    if (*p <= 0x20 || *p == 0x7F || *p == '"' || *p == '<' || *p == '>' || *p == '\\' ||
        *p == '^' || *p == '`' || *p == '{' || *p == '|' || *p == '}')
      oct_buf_printf(&b, "%%%02X", *p);
    else
      oct_buf_putc(&b, (char)*p);
  }
  return oct_buf_detach(&b);
}

static const char *align_class(oct_align a) {
  switch (a) {
  case OCT_ALIGN_LEFT:
    return "align-left";
  case OCT_ALIGN_CENTER:
    return "align-center";
  case OCT_ALIGN_RIGHT:
    return "align-right";
  default:
    return NULL;
  }
}

static void write_inlines(const build *bd, xmlTextWriterPtr w, const oct_node *parent) {
  for (const oct_node *c = parent->first_child; c; c = c->next) {
    oct_iter it;
    oct_iter_init(&it, c);
    oct_event ev;
    while ((ev = oct_iter_next(&it)) != OCT_EVENT_DONE) {
      const oct_node *n = it.node;
      if (ev == OCT_EVENT_EXIT) {
        end(w);
        continue;
      }
      switch (n->type) {
      case OCT_NODE_TEXT:
        put_text(w, n->as.text);
        break;
      case OCT_NODE_CODE:
        start(w, "code");
        put_text(w, n->as.text);
        end(w);
        break;
      case OCT_NODE_LINE_BREAK:
        start(w, "br");
        end_void(w);
        nl(w);
        break;
      case OCT_NODE_INLINE_IMAGE: {
        /* in the line, with its alt ("" when decorative); its alt text
         * in its place when it is not in the book */
        const char *href = xmlHashLookup(bd->images, X(n->as.image.src ? n->as.image.src : ""));
        const char *alt = n->as.image.alt ? n->as.image.alt : "";
        if (href && *href) {
          start(w, "img");
          attr(w, "src", href);
          attr(w, "alt", alt);
          attr(w, "class", "inline");
          end_void(w);
        } else if (*alt) {
          put_text(w, alt);
        }
        break;
      }
      case OCT_NODE_EMPHASIS:
        start(w, "em");
        break;
      case OCT_NODE_STRONG:
        start(w, "strong");
        break;
      case OCT_NODE_STRIKETHROUGH:
        start(w, "del");
        break;
      case OCT_NODE_LINK:
        /* Only web and mail links leave the book; a relative link would
         * point at a file the package does not hold. */
        if (is_web_url(n->as.link.url)) {
          start(w, "a");
          char *u = clean_url(n->as.link.url);
          attr(w, "href", u);
          free(u);
          if (n->as.link.title && *n->as.link.title) attr(w, "title", n->as.link.title);
        } else {
          start(w, "span");
          attr(w, "class", "link");
        }
        break;
      default:
        break;
      }
      /* Leaves get no EXIT event; containers always do. */
    }
  }
}

static void write_table(const build *bd, xmlTextWriterPtr w, const oct_node *table) {
  start(w, "table");
  nl(w);
  const oct_node *row = table->first_child;
  /* Leading rows of header cells only form the thead. */
  bool in_head = false;
  int n_head = 0;
  for (const oct_node *r = row; r; r = r->next) {
    bool all = r->first_child != NULL;
    for (const oct_node *c = r->first_child; c; c = c->next)
      if (!c->as.cell.header) all = false;
    if (!all) break;
    n_head++;
  }
  if (n_head > 0) {
    start(w, "thead");
    nl(w);
    in_head = true;
  }
  int i = 0;
  for (; row; row = row->next, i++) {
    if (in_head && i == n_head) {
      end(w);
      nl(w);
      in_head = false;
    }
    if (i == n_head) {
      start(w, "tbody");
      nl(w);
    }
    start(w, "tr");
    for (const oct_node *c = row->first_child; c; c = c->next) {
      start(w, c->as.cell.header ? "th" : "td");
      if (c->as.cell.header) attr(w, "scope", in_head ? "col" : "row");
      const char *cls = align_class(c->as.cell.align);
      if (cls) attr(w, "class", cls);
      write_inlines(bd, w, c);
      end(w);
    }
    end(w);
    nl(w);
  }
  if (in_head || i > n_head) {
    end(w); /* thead (a table of headers only) or tbody */
    nl(w);
  }
  end(w);
  nl(w);
}

static void write_image(build *bd, xmlTextWriterPtr w, const oct_node *n) {
  const char *src = n->as.image.src ? n->as.image.src : "";
  const char *href = xmlHashLookup(bd->images, X(src));
  const char *alt = n->as.image.alt ? n->as.image.alt : "";
  const char *title = n->as.image.title;
  if (href && *href) {
    start(w, "figure");
    nl(w);
    start(w, "img");
    attr(w, "src", href);
    attr(w, "alt", alt);
    end_void(w);
    nl(w);
    if (title && *title) element_text(w, "figcaption", NULL, title);
    end(w);
    nl(w);
  } else if (*alt) {
    element_text(w, "p", "image-alt", alt);
  }
}

static void write_code_block(xmlTextWriterPtr w, const oct_node *n) {
  start(w, "pre");
  start(w, "code");
  const char *info = n->as.code_block.info;
  if (info && *info) {
    /* The first word of the info string is the language (CommonMark). */
    oct_buf cls = OCT_BUF_INIT;
    OCT_BUF_LIT(&cls, "language-");
    size_t k = strcspn(info, " \t");
    oct_buf_put(&cls, info, k);
    attr(w, "class", cls.data);
    oct_buf_free(&cls);
  }
  put_text(w, n->as.code_block.text);
  end(w);
  end(w);
  nl(w);
}

/* Writes one block and everything inside it. */
static void write_block(build *bd, xmlTextWriterPtr w, const oct_node *root) {
  oct_iter it;
  oct_iter_init(&it, root);
  oct_event ev;
  while ((ev = oct_iter_next(&it)) != OCT_EVENT_DONE) {
    const oct_node *n = it.node;
    if (ev == OCT_EVENT_EXIT) {
      end(w);
      nl(w);
      continue;
    }
    switch (n->type) {
    case OCT_NODE_HEADING: {
      char el[3] = {'h',
                    (char)('0' + (n->as.heading.level < 1   ? 1
                                  : n->as.heading.level > 6 ? 6
                                                            : n->as.heading.level)),
                    0};
      start(w, el);
      const char *id = find_heading_id(bd, n, true);
      if (id) attr(w, "id", id);
      write_inlines(bd, w, n);
      oct_iter_skip_children(&it);
      break;
    }
    case OCT_NODE_PARAGRAPH:
      start(w, "p");
      write_inlines(bd, w, n);
      oct_iter_skip_children(&it);
      break;
    case OCT_NODE_BULLET_LIST:
      start(w, "ul");
      nl(w);
      break;
    case OCT_NODE_ORDERED_LIST:
      start(w, "ol");
      if (n->as.list.start != 1) {
        char s[16];
        snprintf(s, sizeof s, "%d", n->as.list.start);
        attr(w, "start", s);
      }
      nl(w);
      break;
    case OCT_NODE_LIST_ITEM:
      start(w, "li");
      nl(w);
      break;
    case OCT_NODE_BLOCK_QUOTE:
      start(w, "blockquote");
      nl(w);
      break;
    case OCT_NODE_CODE_BLOCK:
      write_code_block(w, n);
      break;
    case OCT_NODE_THEMATIC_BREAK:
      start(w, "hr");
      end_void(w);
      nl(w);
      break;
    case OCT_NODE_IMAGE:
      write_image(bd, w, n);
      break;
    case OCT_NODE_TABLE:
      write_table(bd, w, n);
      /* Written whole; the skipped table still yields its EXIT, which must
       * not close anything, so step past it here. */
      oct_iter_skip_children(&it);
      oct_iter_next(&it);
      break;
    default:
      /* Inline content directly under a block container cannot happen
       * (the tree API forbids it); skip it safely if it ever does. */
      if (!oct_node_type_is_leaf(n->type)) {
        oct_iter_skip_children(&it);
        oct_iter_next(&it);
      }
      break;
    }
  }
}

/* ---- documents */

void epub_toc_add(epub_book *b, int level, const char *label, const char *href) {
  OCT_GROW(b->toc, b->n_toc, b->cap_toc);
  epub_toc *t = &b->toc[b->n_toc++];
  t->level = level;
  t->label = oct_xstrdup(label);
  t->href = oct_xstrdup(href);
}

/* The plain text of N as titles and tables of contents show it: without
 * what XML cannot hold, or FALLBACK when only blanks are left (a nav anchor
 * must contain text, and a heading may be nothing but control characters). */
static void plain(const oct_node *n, oct_buf *out, const char *fallback) {
  oct_buf_clear(out);
  oct_node_plain_text(n, out);
  char *owned;
  oct_xml_text(out->data ? out->data : "", &owned);
  if (owned) { /* a copy was needed: something went */
    oct_buf_clear(out);
    oct_buf_puts(out, owned);
    free(owned);
  }
  if (strspn(out->data ? out->data : "", " \t\r\n") == out->len) {
    oct_buf_clear(out);
    oct_buf_puts(out, fallback);
  }
}

/* A digest's article opens with its own title, subtitle, byline and date. */
static void write_article_head(xmlTextWriterPtr w, const epub_article_head *h) {
  start(w, "header");
  attr(w, "class", "article-head");
  attr(w, "id", EPUB_ARTICLE_HEAD_ID);
  nl(w);
  element_text(w, "h1", "title", h->title);
  if (h->subtitle) element_text(w, "p", "subtitle", h->subtitle);
  if (h->byline) element_text(w, "p", "author", h->byline);
  if (h->date) element_text(w, "p", "date", h->date);
  end(w);
  nl(w);
}

/* Above this many bytes of text an article is split into one file per
 * top-level section; below it the article is one file whose sections the
 * contents reach by anchors.  A file is one screen to a reading system, so
 * a short article cut into files is a row of half-empty screens; a long
 * one in one file is slow to open on e-ink readers, which lay out the
 * whole file first (Adobe's RMSDK refused files over 300 KB, and calibre
 * splits its output at 260 KB).  Over the 130 corpus pages the XHTML is
 * 1.03 to 1.9 times the text (median 1.32, 90th percentile 1.89), so
 * 80,000 bytes of text (about 13,000 English words, an hour of reading)
 * makes files of some 105 KB, 150 KB at most for nine pages in ten; the
 * corpus has 2 pages above it, the samples none (the longest has 13 KB). */
#define SPLIT_TEXT_BYTES 80000

/* The bytes of text under N: what the XHTML will mostly be made of. */
static size_t text_bytes(const oct_node *doc) {
  size_t total = 0;
  oct_iter it;
  oct_iter_init(&it, doc);
  oct_event ev;
  while ((ev = oct_iter_next(&it)) != OCT_EVENT_DONE) {
    if (ev != OCT_EVENT_ENTER) continue;
    const oct_node *n = it.node;
    if ((n->type == OCT_NODE_TEXT || n->type == OCT_NODE_CODE) && n->as.text)
      total += strlen(n->as.text);
    else if (n->type == OCT_NODE_CODE_BLOCK && n->as.code_block.text)
      total += strlen(n->as.code_block.text);
  }
  return total;
}

/* True when nothing but thematic breaks stands from FROM up to STOP. */
static bool only_breaks(const oct_node *from, const oct_node *stop) {
  for (const oct_node *n = from; n != stop; n = n->next)
    if (n->type != OCT_NODE_THEMATIC_BREAK) return false;
  return true;
}

/* The body of the book: one file, or for a long article one file per
 * top-level section (split before every heading of the highest level that
 * stands directly in the document).  The opening -- what comes before the
 * first heading -- gets a contents entry under the book's title, and is
 * dropped when it holds nothing but scene breaks. */
static void write_chapters(build *bd) {
  const oct_node *doc = bd->doc;
  int top = 7;
  for (const oct_node *n = doc->first_child; n; n = n->next)
    if (n->type == OCT_NODE_HEADING && n->as.heading.level < top) top = n->as.heading.level;
  bool split = text_bytes(doc) > SPLIT_TEXT_BYTES;
  const oct_node *n = doc->first_child;
  const oct_node *heading = n;
  while (heading && heading->type != OCT_NODE_HEADING)
    heading = heading->next;
  if (n != heading && only_breaks(n, heading)) n = heading;
  bool opening = n && n->type != OCT_NODE_HEADING;
  oct_buf label = OCT_BUF_INIT;
  int chapter = 0;
  do {
    const oct_node *first = n;
    const oct_node *stop = NULL;
    if (split) {
      stop = n ? n->next : NULL;
      while (stop && !(stop->type == OCT_NODE_HEADING && stop->as.heading.level == top))
        stop = stop->next;
    }
    chapter++;
    const char *pre = bd->prefix ? bd->prefix : "";
    char id[64], href[72];
    snprintf(id, sizeof id, "%sch%03d", pre, chapter);
    snprintf(href, sizeof href, "%sch%03d.xhtml", pre, chapter);
    oct_buf_clear(&label);
    if (split && first && first->type == OCT_NODE_HEADING && first->as.heading.level == top)
      plain(first, &label, bd->book->title);
    else
      oct_buf_puts(&label, bd->book->title);
    xmlBufferPtr buf;
    xmlTextWriterPtr w = doc_begin(bd, &buf, label.data, "bodymatter", NULL);
    start(w, "section");
    attr(w, "class", "chapter");
    nl(w);
    /* a digest's article is its own entry (parts -> articles); a single
     * article's opening gets one under the book's title */
    if (chapter == 1 && bd->head)
      write_article_head(w, bd->head);
    else if (chapter == 1 && opening)
      epub_toc_add(bd->book, top < 7 ? top : 1, bd->book->title, href);
    for (const oct_node *b = first; b != stop; b = b->next) {
      if (b->type == OCT_NODE_HEADING) {
        oct_buf entry = OCT_BUF_INIT;
        plain(b, &entry, bd->book->labels.text[EPUB_L_UNTITLED_SECTION]);
        const char *anchor = find_heading_id(bd, b, false);
        char *target = oct_xasprintf("%s#%s", href, anchor ? anchor : "");
        epub_toc_add(bd->book, b->as.heading.level, entry.data, target);
        free(target);
        oct_buf_free(&entry);
      }
      write_block(bd, w, b);
    }
    end(w);
    nl(w);
    epub_item *it = doc_end(bd, w, buf, id, href);
    if (chapter == 1) bd->book->first_text = it->href;
    n = stop;
  } while (n);
  /* A book with nothing in it still needs one entry in each table of
   * contents. */
  if (bd->book->n_toc == 0) epub_toc_add(bd->book, 1, bd->book->title, bd->book->first_text);
  oct_buf_free(&label);
}

static void write_title_page(build *bd) {
  const epub_book *b = bd->book;
  xmlBufferPtr buf;
  xmlTextWriterPtr w = doc_begin(bd, &buf, b->title, "frontmatter", NULL);
  start(w, "section");
  attr(w, "epub:type", "titlepage");
  attr(w, "class", "titlepage");
  nl(w);
  element_text(w, "h1", "title", b->title);
  if (b->subtitle) element_text(w, "p", "subtitle", b->subtitle);
  for (size_t i = 0; i < b->n_authors; i++)
    element_text(w, "p", "author", b->authors[i]);
  if (b->date) element_text(w, "p", "date", b->date);
  end(w);
  nl(w);
  doc_end(bd, w, buf, "titlepage", "titlepage.xhtml");
}

/* The cover image the caller added to BOOK: its href (NULL: none) and
 * its size in INFO (0 x 0 when unknown: the cover page is a plain <img>). */
static const char *find_cover(const epub_book *book, oct_image_info *info) {
  if (book->cover_id && book->cover_page_href) { /* the generated cover's SVG */
    info->width = book->cover_page_w;
    info->height = book->cover_page_h;
    return book->cover_page_href;
  }
  for (size_t i = 0; i < book->n_items; i++)
    if (book->cover_id && strcmp(book->items[i].id, book->cover_id) == 0) {
      oct_error perr;
      oct_error_init(&perr, NULL);
      if (oct_image_probe(book->items[i].data, book->items[i].len, info, &perr) != 0)
        info->width = info->height = 0; /* checked before; a plain <img> then */
      return book->items[i].href;
    }
  return NULL;
}

/* The cover fills the screen whatever its shape, without scrolling: an SVG
 * whose viewBox is the picture's size scales it to the page keeping its
 * proportions (preserveAspectRatio "meet"), the wrapper publishers and
 * calibre use, and which reading systems without CSS viewport units honour
 * too.  W and H are the picture's pixels; 0 when unknown (then a plain
 * <img>, which the stylesheet bounds by the viewport). */
static void write_cover_page(build *bd, const char *image_href, unsigned wpx, unsigned hpx) {
  const epub_book *b = bd->book;
  xmlBufferPtr buf;
  xmlTextWriterPtr w = doc_begin(bd, &buf, b->title, NULL, "cover");
  start(w, "section");
  attr(w, "epub:type", "cover");
  attr(w, "class", "cover");
  nl(w);
  char *alt = epub_label_fill(b->labels.text[b->author ? EPUB_L_COVER_ALT_BY : EPUB_L_COVER_ALT],
                              b->title, b->author);
  if (wpx && hpx) {
    char box[48], ws[16], hs[16];
    snprintf(box, sizeof box, "0 0 %u %u", wpx, hpx);
    snprintf(ws, sizeof ws, "%u", wpx);
    snprintf(hs, sizeof hs, "%u", hpx);
    start(w, "svg");
    attr(w, "xmlns", "http://www.w3.org/2000/svg");
    attr(w, "xmlns:xlink", "http://www.w3.org/1999/xlink");
    attr(w, "version", "1.1");
    attr(w, "width", "100%");
    attr(w, "height", "100%");
    attr(w, "viewBox", box);
    attr(w, "preserveAspectRatio", "xMidYMid meet");
    attr(w, "role", "img");
    attr(w, "aria-label", alt);
    element_text(w, "title", NULL, alt);
    start(w, "image");
    attr(w, "width", ws);
    attr(w, "height", hs);
    attr(w, "xlink:href", image_href);
    end_void(w);
    end(w);
  } else {
    start(w, "img");
    attr(w, "src", image_href);
    attr(w, "alt", alt);
    end_void(w);
  }
  free(alt);
  nl(w);
  end(w);
  nl(w);
  epub_item *it = doc_end(bd, w, buf, "cover", "cover.xhtml");
  if (wpx && hpx) it->properties = "svg";
}

/* Nested <ol>/<li> as epub_toc_depths nests the entries; an entry's <ol>
 * opens with its first child, so no <ol> is ever empty. */
static void write_toc_list(xmlTextWriterPtr w, const epub_book *b) {
  int *depth = oct_xmalloc((b->n_toc + 1) * sizeof *depth);
  bool *open_ol = oct_xmalloc((b->n_toc + 1) * sizeof *open_ol); /* per open <li> */
  epub_toc_depths(b, depth);
  int open = 0; /* <li>s open */
  start(w, "ol");
  nl(w);
  for (size_t i = 0; i < b->n_toc; i++) {
    for (; open > depth[i]; open--) {
      if (open_ol[open - 1]) end(w);
      end(w);
      nl(w);
    }
    if (open > 0 && !open_ol[open - 1]) {
      start(w, "ol");
      nl(w);
      open_ol[open - 1] = true;
    }
    start(w, "li");
    start(w, "a");
    attr(w, "href", b->toc[i].href);
    put_text(w, b->toc[i].label);
    end(w);
    open_ol[open++] = false;
  }
  for (; open > 0; open--) {
    if (open_ol[open - 1]) end(w);
    end(w);
    nl(w);
  }
  end(w);
  nl(w);
  free(depth);
  free(open_ol);
}

static void landmark(xmlTextWriterPtr w, const char *type, const char *href, const char *label) {
  start(w, "li");
  start(w, "a");
  attr(w, "epub:type", type);
  attr(w, "href", href);
  put_text(w, label);
  end(w);
  end(w);
  nl(w);
}

static void write_nav(build *bd, bool cover) {
  const epub_book *b = bd->book;
  xmlBufferPtr buf;
  const char *const *l = b->labels.text;
  xmlTextWriterPtr w = doc_begin(bd, &buf, l[EPUB_L_CONTENTS], NULL, NULL);
  start(w, "nav");
  attr(w, "epub:type", "toc");
  attr(w, "id", "toc");
  attr(w, "role", "doc-toc");
  nl(w);
  element_text(w, "h1", NULL, l[EPUB_L_CONTENTS]);
  write_toc_list(w, b);
  end(w);
  nl(w);
  start(w, "nav");
  attr(w, "epub:type", "landmarks");
  attr(w, "id", "landmarks");
  attr(w, "hidden", "hidden");
  nl(w);
  element_text(w, "h2", NULL, l[EPUB_L_LANDMARKS]);
  start(w, "ol");
  nl(w);
  if (cover) landmark(w, "cover", "cover.xhtml", l[EPUB_L_COVER]);
  landmark(w, "titlepage", "titlepage.xhtml", l[EPUB_L_TITLEPAGE]);
  landmark(w, "toc", "nav.xhtml#toc", l[EPUB_L_CONTENTS]);
  landmark(w, "bodymatter", b->first_text, l[EPUB_L_START]);
  end(w);
  nl(w);
  end(w);
  nl(w);
  epub_item *it = doc_end(bd, w, buf, "nav", "nav.xhtml");
  it->properties = "nav";
  /* In the spine so the toc landmark is a reachable page, but out of the
   * linear reading order: an article does not need a contents page. */
  it->linear = false;
}

static int add_file_item(build *bd, const char *path, const char *id, const char *href,
                         const char *type) {
  oct_buf data = OCT_BUF_INIT;
  oct_error ferr;
  oct_error_init(&ferr, path);
  if (oct_file_read_regular(path, OCT_RESOURCE_MAX_BYTES, &data, &ferr) != 0) {
    oct_buf_free(&data);
    return oct_error_set(bd->err, "%s %s", path, ferr.msg);
  }
  size_t len = data.len;
  epub_book_add(bd->book, id, href, type, oct_buf_detach(&data), len);
  return 0;
}

/* What a build holds besides the book: ids, image names, heading ids. */
static void build_free(build *bd) {
  xmlHashFree(bd->ids, NULL);
  xmlHashFree(bd->suffixes, NULL);
  xmlHashFree(bd->images, free_href);
  for (size_t i = 0; i < bd->n_heads; i++)
    free(bd->heads[i].id);
  free(bd->heads);
}

int epub_build_documents(const oct_epub_options *opt, const oct_node *doc, epub_book *book,
                         oct_error *err) {
  int rc = -1;
  build bd = {.opt = opt, .doc = doc, .book = book, .err = err};
  bd.ids = xmlHashCreate(64);
  bd.suffixes = xmlHashCreate(16);
  bd.images = xmlHashCreate(16);
  /* Ids the generated documents use themselves. */
  xmlHashAddEntry(bd.ids, X("toc"), &bd);
  xmlHashAddEntry(bd.ids, X("landmarks"), &bd);

  /* The cover image (when any) was added by the caller before us. */
  oct_image_info cover_info = {0};
  const char *cover_href = find_cover(book, &cover_info);

  char css_path[4096];
  if (oct_data_path(EPUB_CSS_FILE, css_path, sizeof css_path) != 0) {
    oct_error_set(err, "cannot find %s (set OCTAVO_DATA_DIR)", EPUB_CSS_FILE);
    goto out;
  }
  if (add_file_item(&bd, css_path, "css", "css/epub.css", "text/css") != 0) goto out;
  if (opt->css_path) {
    if (add_file_item(&bd, opt->css_path, "user-css", "css/user.css", "text/css") != 0) goto out;
    bd.user_css_href = "css/user.css";
  }
  first_pass(&bd);
  if (cover_href) write_cover_page(&bd, cover_href, cover_info.width, cover_info.height);
  write_title_page(&bd);
  /* The nav needs the chapters' toc entries, but the spine wants it before
   * them: write chapters first, then move the nav into place. */
  size_t before = book->n_items;
  write_chapters(&bd);
  size_t after = book->n_items;
  write_nav(&bd, cover_href != NULL);
  epub_item nav = book->items[after];
  memmove(&book->items[before + 1], &book->items[before], (after - before) * sizeof nav);
  book->items[before] = nav;
  rc = 0;
out:
  build_free(&bd);
  return rc;
}

/* ---- the digest's hooks (digest.c): one article's files, then the frame */

int epub_build_article(const oct_epub_options *opt, const oct_node *doc, const char *prefix,
                       const epub_article_head *head, epub_book *book, oct_error *err) {
  build bd = {.opt = opt, .doc = doc, .book = book, .err = err, .prefix = prefix, .head = head};
  bd.ids = xmlHashCreate(64);
  bd.suffixes = xmlHashCreate(16);
  bd.images = xmlHashCreate(16);
  xmlHashAddEntry(bd.ids, X(EPUB_ARTICLE_HEAD_ID), &bd);
  if (opt->css_path) bd.user_css_href = "css/user.css";
  first_pass(&bd);
  write_chapters(&bd);
  build_free(&bd);
  return 0;
}

int epub_build_digest_frame(const oct_epub_options *opt, epub_book *book, size_t first_chapter,
                            oct_error *err) {
  build bd = {.opt = opt, .book = book, .err = err};
  oct_image_info cover_info = {0};
  const char *cover_href = find_cover(book, &cover_info);
  char css_path[4096];
  if (oct_data_path(EPUB_CSS_FILE, css_path, sizeof css_path) != 0)
    return oct_error_set(err, "cannot find %s (set OCTAVO_DATA_DIR)", EPUB_CSS_FILE);
  if (add_file_item(&bd, css_path, "css", "css/epub.css", "text/css") != 0) return -1;
  if (opt->css_path) {
    if (add_file_item(&bd, opt->css_path, "user-css", "css/user.css", "text/css") != 0) return -1;
    bd.user_css_href = "css/user.css";
  }
  size_t before = book->n_items;
  if (cover_href) write_cover_page(&bd, cover_href, cover_info.width, cover_info.height);
  write_title_page(&bd);
  write_nav(&bd, cover_href != NULL);
  /* a digest's contents page is part of the reading, unlike an article's */
  book->items[book->n_items - 1].linear = true;
  /* cover page, title page and nav go before the articles in the spine */
  size_t n_front = book->n_items - before;
  epub_item *front = oct_xmalloc(n_front * sizeof *front);
  memcpy(front, &book->items[before], n_front * sizeof *front);
  memmove(&book->items[first_chapter + n_front], &book->items[first_chapter],
          (before - first_chapter) * sizeof *front);
  memcpy(&book->items[first_chapter], front, n_front * sizeof *front);
  free(front);
  return 0;
}
