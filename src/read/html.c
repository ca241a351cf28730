/* HTML reader: a saved web page -> the article's document tree.
 *
 * libxml2's forgiving HTML parser builds a DOM (html_dom.c); the metadata
 * comes from what the page says about itself (html_meta.c); the article is
 * found and cleaned by scoring the page's blocks (html_article.c); this
 * file walks the article without recursion (hostile pages nest 10,000
 * divs), mapping elements onto the builder.
 *
 * The walk keeps one frame per open element that records the builder depth
 * before the element pushed anything; leaving the element pops back to that
 * depth.  Paragraphs opened implicitly (text loose in a div or list item)
 * therefore close when their enclosing element ends, or earlier when a
 * block element starts beside them.  A block element met inside inline
 * content (a <div> inside a link, a <p> inside a table cell) is flattened:
 * its text continues the inline content after a line break. */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "read/html_internal.h"
#include "read/read.h"
#include "read/smart.h"

typedef struct frame {
  xmlNode *el;
  int base; /* builder depth before the element pushed anything */
  bool block;
  bool quote; /* <q>: closing quote on leave */
  bool pre_header;
} frame;

typedef struct html_state {
  oct_builder b;
  oct_error *err;
  hdoc *h;
  frame *frames;
  size_t nframes, capframes;
  bool implicit[OCT_BUILDER_MAX_DEPTH + 2]; /* per builder depth: opened by us, not an element */
  /* inline state of the block being filled */
  oct_smart smart;
  bool has_content, ws_pending, after_break, break_pending;
  bool trail_space; /* the last text emitted ended in a space */
  int in_header;    /* inside a <header> within the article */
  oct_buf tmp2;
  oct_buf smarted; /* a text run after smart punctuation */
  /* a figure whose single image takes the figcaption as its title */
  xmlNode *fig_img, *fig_caption;
  bool fig_used; /* the caption went into the image's title */
  int line;      /* source line of the DOM node being read */
} html_state;

static uint32_t text_len(html_state *st, xmlNode *n) { return html_hn(st->h, n)->text; }

/* ---- building */

static bool is_list(const oct_node *n) {
  return n->type == OCT_NODE_BULLET_LIST || n->type == OCT_NODE_ORDERED_LIST;
}

static bool is_inline_ctx(const oct_node *n) {
  return n->type == OCT_NODE_PARAGRAPH || n->type == OCT_NODE_HEADING ||
         n->type == OCT_NODE_TABLE_CELL || oct_node_type_is_inline(n->type);
}

static void start_inline_block(html_state *st) {
  oct_smart_init(&st->smart);
  st->has_content = st->ws_pending = st->after_break = st->break_pending = false;
  st->trail_space = false;
}

static void put_text(html_state *st, const char *s, size_t n, bool smart) {
  rd_put_text(&st->b, smart ? &st->smart : NULL, &st->smarted, s, n);
}

static oct_node *leaf(html_state *st, oct_node_type t) {
  oct_node *n = oct_builder_leaf(&st->b, t);
  if (n) oct_node_set_line(n, st->line);
  return n;
}

/* Opens T unless that goes deeper than the builder allows (less RESERVE
 * levels); IMPLICIT: opened by the reader, not by an element. */
static oct_node *push(html_state *st, oct_node_type t, int reserve, bool implicit) {
  oct_node *n = oct_builder_open(&st->b, t, reserve);
  if (n) {
    st->implicit[st->b.depth] = implicit;
    oct_node_set_line(n, st->line);
  }
  return n;
}

/* A paragraph of nothing but no-break spaces: a layout spacer, not text. */
static bool spacer(const oct_node *n) {
  if (n->type != OCT_NODE_PARAGRAPH || !n->first_child || n->first_child != n->last_child ||
      n->first_child->type != OCT_NODE_TEXT)
    return false;
  for (const char *s = n->first_child->as.text; s && *s; s++) {
    if (*s == ' ') continue;
    if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0) {
      s++;
      continue;
    }
    return false;
  }
  return true;
}

/* Pops the current node, dropping it when it ended up empty (an anchor
 * without text, a heading that only held an icon). */
static void pop(html_state *st) {
  oct_node *n = st->b.cur;
  if (oct_builder_pop(&st->b) != 0) return;
  /* "<p>text<br></p>": a break before the end of a block breaks nothing */
  while (n->last_child && n->last_child->type == OCT_NODE_LINE_BREAK)
    oct_builder_drop(&st->b, n->last_child);
  if ((!n->first_child && n->type != OCT_NODE_TABLE_CELL) || spacer(n)) oct_builder_drop(&st->b, n);
}

static void pop_to(html_state *st, int depth) {
  while (st->b.depth > depth && !st->b.failed)
    pop(st);
}

/* A block element starts or ends here: an implicit paragraph ends. */
static void block_boundary(html_state *st) {
  if (st->b.cur->type == OCT_NODE_PARAGRAPH && st->implicit[st->b.depth]) pop(st);
  if (is_inline_ctx(st->b.cur)) st->break_pending = true;
}

/* Makes the current node able to take inline content; false when it can
 * not (stray text in a table row is dropped). */
static bool ensure_inline(html_state *st) {
  if (st->b.failed) return false;
  if (is_list(st->b.cur)) {
    if (!push(st, OCT_NODE_LIST_ITEM, 0, true)) return false;
  }
  if (rd_is_flow(st->b.cur)) {
    if (!push(st, OCT_NODE_PARAGRAPH, 0, true)) return false;
    start_inline_block(st);
  }
  return is_inline_ctx(st->b.cur);
}

/* Emits the separator owed before new inline content. */
static void flush_space(html_state *st) {
  if (st->break_pending && st->has_content && !st->after_break) {
    leaf(st, OCT_NODE_LINE_BREAK);
    st->after_break = true;
    st->ws_pending = false;
  } else if (st->ws_pending && st->has_content && !st->after_break && !st->trail_space) {
    put_text(st, " ", 1, true);
    st->trail_space = true;
  }
  st->ws_pending = st->break_pending = false;
}

/* Text run: whitespace collapsed as a browser does, then smartened. */
static void add_text(html_state *st, const char *s, bool smart) {
  if (blank(s)) {
    if (is_inline_ctx(st->b.cur)) st->ws_pending = true;
    return;
  }
  if (!ensure_inline(st)) return;
  if (rd_html_space((unsigned char)*s)) st->ws_pending = true;
  oct_buf_clear(&st->tmp2);
  collapse(s, &st->tmp2);
  flush_space(st);
  put_text(st, st->tmp2.data, st->tmp2.len,
           smart && !rd_is_link_target(st->b.cur, st->tmp2.data, st->tmp2.len));
  st->has_content = true;
  st->after_break = st->trail_space = false;
  size_t n = strlen(s);
  st->ws_pending = n && rd_html_space((unsigned char)s[n - 1]);
}

static void line_break(html_state *st) {
  if (!is_inline_ctx(st->b.cur) || !st->has_content) return;
  oct_builder_flush(&st->b);
  oct_node *last = st->b.cur->last_child;
  if (last && last->type == OCT_NODE_LINE_BREAK && st->b.cur->type == OCT_NODE_PARAGRAPH &&
      st->implicit[st->b.depth]) {
    /* <br><br> in loose text is how old pages separate paragraphs */
    oct_builder_drop(&st->b, last);
    pop(st);
    return;
  }
  leaf(st, OCT_NODE_LINE_BREAK);
  st->after_break = true;
  st->ws_pending = st->break_pending = false;
}

static bool in_link(const html_state *st) {
  for (const oct_node *n = st->b.cur; n; n = n->parent)
    if (n->type == OCT_NODE_LINK) return true;
  return false;
}

/* Raw text of a <pre>: every descendant's text, <br> as a newline. */
static void pre_text(xmlNode *pre, oct_buf *out) {
  for (xmlNode *c = pre->children; c; c = next_node(c, pre, false)) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
      oct_buf_puts(out, (const char *)c->content);
    else if (is_el(c, "br"))
      oct_buf_putc(out, '\n');
  }
}

/* "language-c", "lang-c" or "highlight-source-c" on the pre or its code. */
static char *code_info(xmlNode *pre) {
  xmlNode *cands[2] = {pre, NULL};
  for (xmlNode *c = pre->children; c; c = c->next)
    if (is_el(c, "code")) {
      cands[1] = c;
      break;
    }
  for (int i = 0; i < 2; i++) {
    const char *cls = cands[i] ? attr(cands[i], "class") : NULL;
    if (!cls) continue;
    static const char *const prefixes[] = {"language-", "lang-", "highlight-source-", NULL};
    const char *at = cls, *p;
    size_t n;
    while ((p = html_next_token(&at, &n)))
      for (const char *const *pf = prefixes; *pf; pf++) {
        size_t k = strlen(*pf);
        if (n > k && strncasecmp(p, *pf, k) == 0) return oct_xstrndup(p + k, n - k);
      }
  }
  const char *dl = attr(pre, "data-lang");
  return dl && !blank(dl) ? oct_xstrdup(dl) : NULL;
}

static void add_pre(html_state *st, xmlNode *el) {
  oct_buf code = OCT_BUF_INIT;
  pre_text(el, &code);
  const char *s = code.data ? code.data : "";
  size_t n = code.len;
  /* the newline right after <pre> and the one before </pre> are markup */
  if (n && s[0] == '\n') s++, n--;
  if (n && s[n - 1] == '\n') n--;
  if (rd_is_flow(st->b.cur) || is_list(st->b.cur)) {
    if (is_list(st->b.cur)) push(st, OCT_NODE_LIST_ITEM, 0, true);
    oct_node *cb = leaf(st, OCT_NODE_CODE_BLOCK);
    if (cb) {
      char *info = code_info(el);
      oct_node_set_info(cb, info);
      free(info);
      oct_node_set_text(cb, s, n);
    }
  } else if (ensure_inline(st)) {
    flush_space(st);
    oct_node *c = leaf(st, OCT_NODE_CODE);
    if (c) oct_node_set_text(c, s, n);
    st->has_content = true;
    st->after_break = st->trail_space = false;
  }
  oct_buf_free(&code);
}

static void add_code(html_state *st, xmlNode *el) {
  oct_buf code = OCT_BUF_INIT;
  html_text_of(el, &code);
  if (code.len && ensure_inline(st)) {
    flush_space(st);
    oct_node *c = leaf(st, OCT_NODE_CODE);
    if (c) oct_node_set_text(c, code.data, code.len);
    st->has_content = true;
    st->after_break = st->trail_space = false;
  }
  oct_buf_free(&code);
}

static const char *image_src(xmlNode *el) {
  const char *src = attr(el, "src");
  if (!src || blank(src) || strncmp(src, "data:", 5) == 0) {
    /* lazy-loading pages keep the real address elsewhere */
    static const char *const alts[] = {"data-src", "data-original", "data-lazy-src", NULL};
    for (const char *const *a = alts; *a; a++) {
      const char *v = attr(el, *a);
      if (v && !blank(v)) return v;
    }
  }
  return src && !blank(src) ? src : NULL;
}

static bool tiny(xmlNode *el) {
  const char *w = attr(el, "width"), *h = attr(el, "height");
  return (w && atoi(w) > 0 && atoi(w) < 4) || (h && atoi(h) > 0 && atoi(h) < 4) ||
         (w && strcmp(w, "0") == 0) || (h && strcmp(h, "0") == 0);
}

/* Icons and emoji drawn as images belong to the text around them. */
static bool small_image(xmlNode *el) {
  const char *w = attr(el, "width"), *h = attr(el, "height"), *c = attr(el, "class");
  return (w && atoi(w) > 0 && atoi(w) <= 40) || (h && atoi(h) > 0 && atoi(h) <= 40) ||
         (c && (strstr(c, "emoji") || strstr(c, "icon")));
}

/* A caption laid out after an image outside any <figure>: the next
 * element after the image (or after the link or picture around it) whose
 * class says caption, as wikis and blog engines write them. */
static xmlNode *caption_after(html_state *st, xmlNode *img) {
  static const char *const words[] = {"caption", "thumbcaption", "figcaption", NULL};
  xmlNode *n = img;
  for (int up = 0; up < 3 && n; up++) {
    xmlNode *next = first_el(n->next);
    if (next) {
      uint32_t len = text_len(st, next);
      return html_el_words_match(next, words) && len && len <= 300 ? next : NULL;
    }
    n = n->parent;
    if (!name_in(n, (const char *const[]){"a", "picture", "span", "div", "p", NULL})) return NULL;
  }
  return NULL;
}

/* SRC as the tree keeps it: a protocol-relative address
 * ("//upload.wikimedia.org/...") is a remote one, since saved pages are
 * read from disk, not from their site. */
static void set_image(oct_node *img, const char *src, const char *alt, const char *title) {
  oct_buf u = OCT_BUF_INIT;
  if (src[0] == '/' && src[1] == '/') oct_buf_puts(&u, "https:");
  oct_buf_puts(&u, src);
  oct_node_set_image(img, u.data, alt, title);
  oct_buf_free(&u);
}

static void add_image(html_state *st, xmlNode *el) {
  const char *src = image_src(el);
  if (!src || tiny(el)) return;
  const char *alt = attr(el, "alt");
  if (is_list(st->b.cur)) push(st, OCT_NODE_LIST_ITEM, 0, true);
  oct_buf a = OCT_BUF_INIT, t = OCT_BUF_INIT;
  if (alt) collapse(alt, &a);
  if (rd_is_flow(st->b.cur) && !small_image(el)) {
    /* nothing inline before it: a block of its own */
    oct_node *img = leaf(st, OCT_NODE_IMAGE);
    if (!img) goto out;
    xmlNode *cap = el == st->fig_img ? st->fig_caption : NULL;
    if (!cap && (cap = caption_after(st, el))) st->fig_caption = cap;
    if (cap) {
      html_text_of(cap, &t);
      st->fig_used = true;
    } else if (attr(el, "title"))
      collapse(attr(el, "title"), &t);
    set_image(img, src, a.len ? a.data : NULL, t.len ? t.data : NULL);
    goto out;
  }
  /* inside a sentence (or an icon): an image of the line, not its alt
   * text spliced into it; alt="" (decorative) stays "" */
  if (!ensure_inline(st)) goto out;
  flush_space(st);
  oct_node *img = leaf(st, OCT_NODE_INLINE_IMAGE);
  if (!img) goto out;
  if (attr(el, "title")) collapse(attr(el, "title"), &t);
  set_image(img, src, alt ? (a.len ? a.data : "") : NULL, t.len ? t.data : NULL);
  st->has_content = true;
  st->after_break = st->trail_space = false;
out:
  oct_buf_free(&a);
  oct_buf_free(&t);
}

static void frame_push(html_state *st, xmlNode *el, bool block) {
  OCT_GROW(st->frames, st->nframes, st->capframes);
  frame *f = &st->frames[st->nframes++];
  memset(f, 0, sizeof *f);
  f->el = el;
  f->base = st->b.depth;
  f->block = block;
}

static const char *const block_tags[] = {
    "p",      "div",    "section",    "article",  "main",   "header",     "footer",
    "h1",     "h2",     "h3",         "h4",       "h5",     "h6",         "ul",
    "ol",     "li",     "dl",         "dt",       "dd",     "blockquote", "pre",
    "hr",     "table",  "thead",      "tbody",    "tfoot",  "tr",         "td",
    "th",     "figure", "figcaption", "address",  "hgroup", "details",    "summary",
    "center", "body",   "caption",    "fieldset", "menu",   NULL};

/* Old pages lay out the whole article in a table: a table that holds
 * another table, long cells, one cell or none, or says it is
 * presentational is not data. */
static bool layout_table(html_state *st, xmlNode *table) {
  const char *role = attr(table, "role");
  if (role && (strcasecmp(role, "presentation") == 0 || strcasecmp(role, "none") == 0)) return true;
  size_t cells = 0;
  for (xmlNode *n = table->children; n; n = next_node(n, table, false)) {
    if (is_el(n, "table")) return true;
    if (is_el(n, "td") || is_el(n, "th")) {
      if (text_len(st, n) > 400) return true;
      cells++;
    }
  }
  return cells <= 1; /* a table without cells holds its content loose */
}

static oct_align cell_align(xmlNode *el) {
  const char *a = attr(el, "align");
  const char *style = attr(el, "style");
  char v[16] = "";
  if (a) {
    snprintf(v, sizeof v, "%s", a);
  } else if (style) {
    const char *p = strstr(style, "text-align");
    if (p) {
      p += 10;
      while (*p == ':' || rd_html_space((unsigned char)*p))
        p++;
      size_t n = 0;
      while (oct_ascii_alpha((unsigned char)p[n]) && n < sizeof v - 1)
        n++;
      memcpy(v, p, n);
      v[n] = '\0';
    }
  }
  if (strcasecmp(v, "left") == 0) return OCT_ALIGN_LEFT;
  if (strcasecmp(v, "center") == 0) return OCT_ALIGN_CENTER;
  if (strcasecmp(v, "right") == 0) return OCT_ALIGN_RIGHT;
  return OCT_ALIGN_NONE;
}

/* Leaf elements read whole: returns true when EL was one. */
static bool enter_leaf(html_state *st, xmlNode *el) {
  if (is_el(el, "br")) {
    line_break(st);
  } else if (is_el(el, "img")) {
    add_image(st, el);
  } else if (is_el(el, "pre")) {
    add_pre(st, el);
  } else if (name_in(el, (const char *const[]){"code", "kbd", "samp", "tt", NULL})) {
    add_code(st, el);
  } else if (is_el(el, "hr")) {
    if (rd_is_flow(st->b.cur)) leaf(st, OCT_NODE_THEMATIC_BREAK);
  } else {
    return false;
  }
  return true;
}

/* List items: an implicit item before any non-item content of a list. */
static void enter_item(html_state *st, xmlNode *el) {
  oct_node *cur = st->b.cur;
  if (cur->type == OCT_NODE_LIST_ITEM && st->implicit[st->b.depth]) {
    pop(st);
    cur = st->b.cur;
  }
  frame_push(st, el, true);
  if (is_list(cur) && push(st, OCT_NODE_LIST_ITEM, OCT_BUILDER_RESERVE - 1, false))
    start_inline_block(st);
}

static void enter_table(html_state *st, xmlNode *el) {
  /* the caption goes before the table as a paragraph of its own */
  for (xmlNode *c = el->children; c; c = c->next)
    if (is_el(c, "caption")) {
      char *cap = html_text_dup(c);
      if (*cap && push(st, OCT_NODE_PARAGRAPH, 0, false)) {
        start_inline_block(st);
        add_text(st, cap, true);
        pop(st);
      }
      free(cap);
      break;
    }
  push(st, OCT_NODE_TABLE, OCT_BUILDER_RESERVE - 3, false);
}

static void enter_figure(html_state *st, xmlNode *el) {
  /* one image: the caption becomes its title */
  xmlNode *img = NULL, *cap = NULL;
  int nimg = 0;
  bool img_first = false;
  /* a figure is a few elements: looking further than 256 nodes would read
   * a chain of nested figures once per figure */
  size_t seen = 0;
  for (xmlNode *c = el->children; c && ++seen < 256; c = next_node(c, el, false)) {
    if (is_el(c, "img")) img = c, nimg++;
    if (is_el(c, "figcaption") && !cap) cap = c, img_first = img != NULL;
  }
  if (seen >= 256) return;
  /* a caption above the image has already been read as a paragraph by
   * the time the image comes */
  /* no caption inside, but the block right after the figure repeats the
   * image's description: that is its caption (photo essays lay them out
   * so), shown once, as the image's title */
  if (nimg == 1 && !cap && attr(img, "alt")) {
    xmlNode *next = first_el(el->next);
    oct_buf t = OCT_BUF_INIT;
    if (next && text_len(st, next) && text_len(st, next) <= 300 &&
        html_text_bounded(next, &t, 64) && t.len) {
      const char *alt = attr(img, "alt");
      if (html_similarity(alt, t.data) > 0.75 && html_similarity(t.data, alt) > 0.75)
        cap = next, img_first = true;
    }
    oct_buf_free(&t);
  }
  if (nimg == 1 && cap && img_first) {
    st->fig_img = img;
    st->fig_caption = cap;
    st->fig_used = false;
  }
}

/* A block element where blocks may go.  Returns false when EL is not one
 * of the blocks mapped here. */
static bool enter_flow_block(html_state *st, xmlNode *el, frame *f) {
  if (is_heading(el)) {
    if (push(st, OCT_NODE_HEADING, 1, false)) {
      oct_node_set_heading_level(st->b.cur, el->name[1] - '0');
      start_inline_block(st);
    }
  } else if (name_in(el, (const char *const[]){"p", "dt", "dd", "figcaption", "address", "summary",
                                               "caption", NULL})) {
    f->base = st->b.depth; /* the paragraph opens on its first content */
  } else if (is_el(el, "blockquote")) {
    push(st, OCT_NODE_BLOCK_QUOTE, OCT_BUILDER_RESERVE, false);
  } else if (is_el(el, "ul") || is_el(el, "ol")) {
    bool ol = is_el(el, "ol");
    if (push(st, ol ? OCT_NODE_ORDERED_LIST : OCT_NODE_BULLET_LIST, OCT_BUILDER_RESERVE + 1,
             false) &&
        ol) {
      const char *s = attr(el, "start");
      if (s && atoi(s) > 0) oct_node_set_list_start(st->b.cur, atoi(s));
    }
  } else if (is_el(el, "table")) {
    if (!layout_table(st, el)) enter_table(st, el); /* a layout table is transparent */
  } else if (is_el(el, "figure")) {
    enter_figure(st, el);
  } else {
    return false;
  }
  return true;
}

/* Rows and cells of a table being built. */
static void enter_table_part(html_state *st, xmlNode *el) {
  oct_node *cur = st->b.cur;
  if (is_el(el, "tr") && cur->type == OCT_NODE_TABLE) {
    push(st, OCT_NODE_TABLE_ROW, 0, false);
  } else if (is_el(el, "td") || is_el(el, "th")) {
    if (cur->type == OCT_NODE_TABLE && !push(st, OCT_NODE_TABLE_ROW, 0, true)) return;
    bool head = is_el(el, "th") || (el->parent && is_el(el->parent->parent, "thead"));
    if (push(st, OCT_NODE_TABLE_CELL, 0, false)) {
      oct_node_set_cell(st->b.cur, head, cell_align(el));
      start_inline_block(st);
    }
  }
  /* thead, tbody, stray wrappers: transparent */
}

/* Emphasis, links, quotes; anything else inline is transparent. */
static void enter_inline(html_state *st, xmlNode *el, frame *f) {
  static const char *const em[] = {"em", "i", "cite", "dfn", "var", NULL};
  static const char *const strong[] = {"strong", "b", NULL};
  static const char *const del[] = {"del", "s", "strike", NULL};
  oct_node_type t = OCT_NODE_NONE;
  if (name_in(el, em)) t = OCT_NODE_EMPHASIS;
  if (name_in(el, strong)) t = OCT_NODE_STRONG;
  if (name_in(el, del)) t = OCT_NODE_STRIKETHROUGH;
  if (is_el(el, "a")) {
    const char *href = attr(el, "href");
    bool usable =
        href && !blank(href) && href[0] != '#' && strncasecmp(href, "javascript:", 11) != 0;
    /* a link around an image only: let the image be a block */
    bool has_img = false;
    for (xmlNode *d = el->children; d && !has_img; d = next_node(d, el, false))
      has_img = is_el(d, "img");
    if (usable && text_len(st, el) == 0 && has_img) usable = false;
    if (usable && !in_link(st)) t = OCT_NODE_LINK;
  }
  if (t != OCT_NODE_NONE) {
    if (!ensure_inline(st)) return;
    flush_space(st);
    f->base = st->b.depth;
    if (push(st, t, 1, false) && t == OCT_NODE_LINK) {
      oct_buf u = OCT_BUF_INIT;
      const char *href2 = attr(el, "href");
      if (href2[0] == '/' && href2[1] == '/') oct_buf_puts(&u, "https:");
      collapse(href2, &u);
      oct_node_set_url(st->b.cur, u.data);
      const char *title = attr(el, "title");
      if (title && !blank(title)) oct_node_set_title(st->b.cur, title);
      oct_buf_free(&u);
    }
  } else if (is_el(el, "q")) {
    f->quote = true;
    add_text(st, "\"", true);
    st->ws_pending = false;
  }
}

/* Handles an element start.  Returns true to descend into its children. */
static bool enter(html_state *st, xmlNode *el) {
  if (el == st->fig_caption && st->fig_used) return false;
  if (html_dropped(el)) return false;
  if (is_el(el, "time") && st->in_header) return false;

  bool block = name_in(el, block_tags);
  if (block) block_boundary(st);
  if (enter_leaf(st, el)) return false;
  if (is_el(el, "li")) {
    enter_item(st, el);
    return true;
  }
  bool flow = rd_is_flow(st->b.cur);
  if (block && is_list(st->b.cur) &&
      !name_in(el, (const char *const[]){"div", "section", "span", NULL}) &&
      push(st, OCT_NODE_LIST_ITEM, 0, true))
    flow = true;

  frame_push(st, el, block);
  frame *f = &st->frames[st->nframes - 1];
  if (is_el(el, "header")) {
    f->pre_header = true;
    st->in_header++;
  }
  if (flow && enter_flow_block(st, el, f)) return true;
  if (is_el(el, "caption")) return false;
  oct_node *cur = st->b.cur;
  if (cur->type == OCT_NODE_TABLE || cur->type == OCT_NODE_TABLE_ROW) {
    enter_table_part(st, el);
    return true;
  }
  if (!block) enter_inline(st, el, f);
  return true; /* blocks: transparent, or flattened inside inline content */
}

static void leave(html_state *st) {
  frame f = st->frames[--st->nframes];
  if (f.quote) {
    st->ws_pending = false;
    add_text(st, "\"", true);
  }
  if (f.pre_header) st->in_header--;
  if (f.block) {
    if (st->b.depth > f.base) {
      pop_to(st, f.base);
    } else {
      block_boundary(st);
    }
    if (is_inline_ctx(st->b.cur)) st->break_pending = true;
  } else {
    /* an inline element closes its own spans, never the paragraph its
     * first text opened: "<span>W</span>hale" is one word (a drop cap) */
    while (st->b.depth > f.base && oct_node_type_is_inline(st->b.cur->type) && !st->b.failed)
      pop(st);
  }
}

static void walk(html_state *st, xmlNode *root) {
  xmlNode *n = root->children;
  while (n && !st->b.failed) {
    bool descend = false;
    /* elements only: libxml2 dates a text node by the line it ends on */
    long line = n->type == XML_ELEMENT_NODE ? xmlGetLineNo(n) : 0;
    if (line > 0 && line < INT_MAX) st->line = (int)line;
    if (n->type == XML_ELEMENT_NODE) {
      size_t before = st->nframes;
      descend = enter(st, n);
      if (descend && st->nframes == before) frame_push(st, n, false);
      if (!descend && st->nframes > before) leave(st);
    } else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      if (n->content) add_text(st, (const char *)n->content, true);
    }
    if (descend && n->children) {
      n = n->children;
      continue;
    }
    if (descend) leave(st);
    while (n && n != root && !n->next) {
      n = n->parent;
      if (n && n != root) leave(st);
    }
    n = (n && n != root) ? n->next : NULL;
  }
}

static void set_meta_text(html_state *st, oct_meta_key k, const char *raw, bool smart) {
  if (!raw) return;
  oct_buf c = OCT_BUF_INIT;
  collapse(raw, &c);
  if (c.len) {
    if (smart) {
      oct_smart sm;
      oct_smart_init(&sm);
      oct_buf s = OCT_BUF_INIT;
      oct_smart_run(&sm, c.data, c.len, &s);
      oct_doc_set_meta(st->b.doc, k, s.data);
      oct_buf_free(&s);
    } else {
      oct_doc_set_meta(st->b.doc, k, c.data);
    }
  }
  oct_buf_free(&c);
}

oct_node *oct_read_html(const char *utf8, size_t len, oct_error *err) {
  html_state st;
  memset(&st, 0, sizeof st);
  st.err = err;
  hdoc h;
  if (html_parse(&h, utf8, len, err) != 0) return NULL;
  st.h = &h;
  oct_builder_init(&st.b, err);
  html_meta m;
  oct_html_meta_read(&h, &m);
  html_prepare(&h);
  article_hints hints = {.title = m.title, .ld_body = m.ld_body};
  xmlNode *box = h.body ? oct_html_article(&h, utf8, len, &hints, err) : NULL;
  if (h.body) box = html_weigh_ld_body(&h, box, m.ld_body, utf8, len, err);
  if (box) {
    html_measure(&h, box, NULL, NULL);
    oct_html_meta_finish(&h, &m, box, hints.byline);
    html_measure(&h, box, NULL, NULL);
  }
  set_meta_text(&st, OCT_META_TITLE, m.title, true);
  set_meta_text(&st, OCT_META_SUBTITLE, m.subtitle, true);
  set_meta_text(&st, OCT_META_AUTHOR, m.author, true);
  if (m.date) oct_doc_set_meta(st.b.doc, OCT_META_DATE, m.date);
  if (m.language) oct_doc_set_meta(st.b.doc, OCT_META_LANGUAGE, m.language);
  set_meta_text(&st, OCT_META_DESCRIPTION, m.description, true);
  set_meta_text(&st, OCT_META_SUBJECT, m.keywords, false);
  if (box) walk(&st, box);
  pop_to(&st, 0);
  oct_node *doc = oct_builder_finish(&st.b);
  free(hints.byline);
  oct_html_meta_free(&m);
  free(st.frames);
  oct_buf_free(&st.tmp2);
  oct_buf_free(&st.smarted);
  html_free(&h);
  return doc;
}
