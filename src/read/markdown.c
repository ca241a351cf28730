/* Markdown reader: md4c's enter/leave callbacks mapped onto the builder.
 *
 * Choices worth knowing:
 * - Raw HTML is not markup we can trust in a book: its tags are dropped and
 *   its text kept (<br> still breaks the line, an <img> leaves its alt
 *   text, <script> and <style> leave nothing; an HTML block becomes plain
 *   paragraphs).
 * - An image alone in its paragraph becomes an image block; an image among
 *   other inline content becomes its alt text (the tree has no inline image).
 * - Entities are decoded and inserted as written, not smartened: an author
 *   who types &#39; wants exactly that character.
 * - A code block's final newline is a line terminator, not content, so it
 *   is dropped (the HTML reader's <pre> agrees).
 * - Nesting deeper than the builder allows is flattened with one warning
 *   (oct_builder_open), never a failure: 10,000 nested quotes still give a
 *   readable book. */
#include <libxml/HTMLparser.h>
#include <md4c.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "read/read.h"
#include "read/reader_common.h"
#include "read/smart.h"

/* What an enter callback did, so that its leave callback undoes exactly that. */
enum action { ACT_NONE, ACT_PUSHED, ACT_FLAT_LIST, ACT_IMAGE, ACT_CODE, ACT_LINK_PUSHED, ACT_HTML };

typedef struct md_state {
  oct_builder b;
  oct_error *err;
  unsigned char *acts; /* one entry per open md4c block/span */
  size_t nacts, capacts;
  oct_smart smart;
  oct_buf tmp;
  oct_buf smarted; /* a text run after smart punctuation */
  /* paragraph handling: explicit md4c paragraphs and the implicit ones in
   * tight list items are both opened lazily, on the first inline content */
  bool para_open;
  bool in_p;
  /* an image seen where a paragraph would start; becomes a block unless
   * more inline content follows */
  bool pending_image;
  char *img_src, *img_title;
  oct_buf img_alt;
  int img_depth;  /* >0 while collecting alt text */
  bool img_alone; /* the image being collected opened its paragraph */
  oct_smart img_smart;
  int img_line;
  oct_node *code; /* open inline code span */
  oct_node *code_block;
  oct_buf code_text;
  bool in_html_block;
  oct_buf html_text;
  const oct_node *link;    /* open link, for autolink detection */
  const char *in, *in_end; /* the (padded) copy md4c parses */
  int line_base;           /* source line of in[0] (after the front matter) */
  const char *line_at;     /* last position counted, and its line */
  int line_no;
} md_state;

static void act_push(md_state *st, enum action a) {
  OCT_GROW(st->acts, st->nacts, st->capacts);
  st->acts[st->nacts++] = (unsigned char)a;
}

static enum action act_pop(md_state *st) {
  return st->nacts ? (enum action)st->acts[--st->nacts] : ACT_NONE;
}

/* Appends an md4c attribute to OUT with its entities decoded. */
static void decode_entity(const char *s, size_t n, oct_buf *out);

static void attr_to_buf(const MD_ATTRIBUTE *a, oct_buf *out) {
  if (!a->text) return;
  for (int i = 0; a->substr_offsets && a->substr_offsets[i] < a->size; i++) {
    MD_OFFSET off = a->substr_offsets[i], end = a->substr_offsets[i + 1];
    const char *s = a->text + off;
    size_t n = end - off;
    if (a->substr_types[i] == MD_TEXT_ENTITY)
      decode_entity(s, n, out);
    else if (a->substr_types[i] == MD_TEXT_NULLCHAR)
      oct_buf_put_utf8(out, 0xFFFD);
    else
      oct_buf_put(out, s, n);
  }
}

static char *attr_dup(const MD_ATTRIBUTE *a) {
  oct_buf b = OCT_BUF_INIT;
  attr_to_buf(a, &b);
  if (b.len == 0) {
    oct_buf_free(&b);
    return NULL;
  }
  return oct_buf_detach(&b);
}

/* "&amp;", "&#38;", "&#x26;" -> the character; unknown names stay literal. */
static void decode_entity(const char *s, size_t n, oct_buf *out) {
  if (n >= 4 && s[0] == '&' && s[1] == '#' && s[n - 1] == ';') {
    bool hex = s[2] == 'x' || s[2] == 'X';
    unsigned long cp = 0;
    size_t i = hex ? 3 : 2;
    bool ok = i < n - 1;
    for (; i < n - 1 && ok; i++) {
      int c = (unsigned char)s[i];
      int lc = oct_ascii_tolower(c);
      int d = oct_ascii_digit(c) ? c - '0' : (hex && lc >= 'a' && lc <= 'f') ? lc - 'a' + 10 : -1;
      if (d < 0)
        ok = false;
      else if (cp <= 0x10FFFF)
        cp = cp * (hex ? 16 : 10) + (unsigned long)d;
    }
    /* CommonMark: invalid or NUL code points become U+FFFD */
    if (ok) {
      if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
      oct_buf_put_utf8(out, (uint32_t)cp);
      return;
    }
  } else if (n >= 3 && s[0] == '&' && s[n - 1] == ';' && n < 40) {
    char name[40];
    memcpy(name, s + 1, n - 2);
    name[n - 2] = '\0';
    /* libxml2 knows the HTML 4 set; a few HTML5 favourites are added by hand */
    const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
    if (e) {
      oct_buf_put_utf8(out, e->value);
      return;
    }
    static const struct {
      const char *name;
      uint32_t cp;
    } extra[] = {
        {"apos", 0x27}, {"nbsp", 0xA0}, {"hellip", 0x2026}, {"ndash", 0x2013}, {"mdash", 0x2014}};
    for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
      if (strcmp(name, extra[i].name) == 0) {
        oct_buf_put_utf8(out, extra[i].cp);
        return;
      }
  }
  oct_buf_put(out, s, n);
}

/* The image just read, inside a sentence: an inline image node, not its
 * alt text spliced into the sentence.  An empty alt ("![](icon.png)") is
 * kept as "", decorative. */
static void put_inline_image(md_state *st) {
  oct_node *img = oct_builder_leaf(&st->b, OCT_NODE_INLINE_IMAGE);
  if (!img) return;
  oct_node_set_line(img, st->img_line);
  oct_node_set_image(img, st->img_src ? st->img_src : "", st->img_alt.len ? st->img_alt.data : "",
                     st->img_title);
}

static void clear_pending_image(md_state *st) {
  st->pending_image = false;
  free(st->img_src);
  free(st->img_title);
  st->img_src = st->img_title = NULL;
  oct_buf_clear(&st->img_alt);
  st->img_line = 0;
}

/* Called before any inline content: opens the paragraph if the current
 * container is a flow container, and turns a pending image into alt text. */
static void ensure_inline(md_state *st) {
  if (st->b.failed) return;
  if (!st->para_open && rd_is_flow(st->b.cur)) {
    if (!oct_builder_push(&st->b, OCT_NODE_PARAGRAPH)) return;
    st->para_open = true;
    if (!st->in_p) oct_smart_init(&st->smart);
  }
  if (st->pending_image) {
    put_inline_image(st);
    clear_pending_image(st);
  }
}

/* Called on every block boundary: an image waiting there stands alone. */
static void close_inline(md_state *st) {
  if (st->para_open) {
    oct_builder_pop(&st->b);
    st->para_open = false;
  }
  if (st->pending_image) {
    oct_node *img = oct_builder_leaf(&st->b, OCT_NODE_IMAGE);
    if (img) {
      oct_node_set_line(img, st->img_line);
      oct_node_set_image(img, st->img_src ? st->img_src : "",
                         st->img_alt.len ? st->img_alt.data : NULL, st->img_title);
    }
    clear_pending_image(st);
  }
}

static void add_text(md_state *st, const char *s, size_t n, bool smart) {
  ensure_inline(st);
  rd_put_text(&st->b, smart ? &st->smart : NULL, &st->smarted, s, n);
}

/* ---- raw HTML: tags out, text in.  A small scanner rather than libxml2,
 * because md4c has already cut the HTML into tags and blocks for us. */

static bool tag_is(const char *s, size_t n, const char *name) {
  size_t k = strlen(name);
  if (n < k + 1 || s[0] != '<' || strncasecmp(s + 1, name, k) != 0) return false;
  return n == k + 1 || !oct_ascii_alnum((unsigned char)s[k + 1]);
}

/* The alt="..." of an <img> tag, appended to OUT. */
static void img_alt(const char *s, size_t n, oct_buf *out) {
  for (size_t i = 1; i + 4 < n; i++) {
    if (strncasecmp(s + i, "alt", 3) != 0 || !rd_html_space((unsigned char)s[i - 1])) continue;
    size_t j = i + 3;
    while (j < n && rd_html_space((unsigned char)s[j]))
      j++;
    if (j >= n || s[j] != '=') continue;
    j++;
    while (j < n && rd_html_space((unsigned char)s[j]))
      j++;
    char q = j < n && (s[j] == '"' || s[j] == '\'') ? s[j++] : ' ';
    size_t k = j;
    while (k < n && s[k] != q && s[k] != '>' && !(q == ' ' && rd_html_space((unsigned char)s[k])))
      k++;
    for (size_t a = j; a < k;) {
      const char *semi = s[a] == '&' ? memchr(s + a, ';', k - a) : NULL;
      size_t end = semi ? (size_t)(semi - s) + 1 : a + 1;
      if (semi)
        decode_entity(s + a, end - a, out);
      else
        oct_buf_putc(out, s[a]);
      a = end;
    }
    return;
  }
}

static void inline_html(md_state *st, const char *s, size_t n) {
  if (tag_is(s, n, "br")) {
    ensure_inline(st);
    oct_builder_leaf(&st->b, OCT_NODE_LINE_BREAK);
  } else if (tag_is(s, n, "img")) {
    oct_buf_clear(&st->tmp);
    img_alt(s, n, &st->tmp);
    if (st->tmp.len) add_text(st, st->tmp.data, st->tmp.len, true);
  }
}

/* An HTML block: its text, cut into paragraphs where the markup breaks
 * lines (<p>, <div>, <br>, headings, items), script and style skipped. */
static void html_block(md_state *st) {
  static const char *const breaking[] = {
      "p",   "/p", "div",        "/div",        "br",  "li",         "/li", "h1",   "h2",
      "h3",  "h4", "h5",         "h6",          "/h1", "/h2",        "/h3", "/h4",  "/h5",
      "/h6", "tr", "blockquote", "/blockquote", "hr",  "figcaption", "pre", "/pre", NULL};
  const char *s = st->html_text.data ? st->html_text.data : "";
  size_t n = st->html_text.len;
  oct_buf text = OCT_BUF_INIT;
  for (size_t i = 0; i < n;) {
    if (s[i] == '<') {
      const char *close = NULL;
      if (strncmp(s + i, "<!--", 4) == 0) {
        const char *e = strstr(s + i + 4, "-->");
        i = e ? (size_t)(e - s) + 3 : n;
        continue;
      }
      if (tag_is(s + i, n - i, "script")) close = "</script";
      if (tag_is(s + i, n - i, "style")) close = "</style";
      if (close) {
        size_t k = strlen(close);
        while (i + k <= n && strncasecmp(s + i, close, k) != 0)
          i++;
        if (i + k > n) i = n;
      }
      const char *gt = memchr(s + i, '>', n - i);
      size_t end = gt ? (size_t)(gt - s) + 1 : n;
      for (const char *const *b = breaking; *b; b++)
        if (tag_is(s + i, end - i, *b)) oct_buf_putc(&text, '\n');
      if (tag_is(s + i, end - i, "img")) img_alt(s + i, end - i, &text);
      i = end;
    } else if (s[i] == '&') {
      const char *semi = memchr(s + i, ';', n - i < 32 ? n - i : 32);
      size_t end = semi ? (size_t)(semi - s) + 1 : i + 1;
      decode_entity(s + i, end - i, &text);
      i = end;
    } else {
      oct_buf_putc(&text, s[i] == '\n' ? ' ' : s[i]);
      i++;
    }
  }
  const char *p = text.data ? text.data : "";
  while (*p) {
    const char *e = strchr(p, '\n');
    size_t len = e ? (size_t)(e - p) : strlen(p);
    oct_buf_clear(&st->tmp);
    /* collapse white space as a browser would */
    for (size_t i = 0; i < len; i++) {
      bool sp = p[i] == ' ' || p[i] == '\t' || p[i] == '\r';
      if (sp && (!st->tmp.len || st->tmp.data[st->tmp.len - 1] == ' ')) continue;
      oct_buf_putc(&st->tmp, sp ? ' ' : p[i]);
    }
    while (st->tmp.len && st->tmp.data[st->tmp.len - 1] == ' ')
      st->tmp.data[--st->tmp.len] = '\0';
    if (st->tmp.len && rd_is_flow(st->b.cur)) {
      oct_smart_init(&st->smart);
      oct_buf piece = st->tmp;
      st->tmp = (oct_buf)OCT_BUF_INIT;
      add_text(st, piece.data, piece.len, true);
      oct_buf_free(&piece);
      close_inline(st);
    }
    p += len + (e ? 1 : 0);
  }
  oct_buf_free(&text);
}

/* A list and its marker; a list needs two levels (list, item), and one
 * the builder has no room for is flattened: its items join the
 * container around it. */
static enum action enter_list(md_state *st, MD_BLOCKTYPE type, void *detail) {
  oct_node_type t = type == MD_BLOCK_UL ? OCT_NODE_BULLET_LIST : OCT_NODE_ORDERED_LIST;
  if (!oct_builder_open(&st->b, t, OCT_BUILDER_RESERVE + 1)) return ACT_FLAT_LIST;
  if (type == MD_BLOCK_OL) {
    const MD_BLOCK_OL_DETAIL *d = detail;
    oct_node_set_list_start(st->b.cur, (int)d->start);
    oct_node_set_list_delim(st->b.cur, d->mark_delimiter);
  } else {
    const MD_BLOCK_UL_DETAIL *d = detail;
    oct_node_set_list_delim(st->b.cur, d->mark);
  }
  return ACT_PUSHED;
}

/* A code block's text arrives in pieces (on_text) and is set on leaving. */
static enum action enter_code_block(md_state *st, const MD_BLOCK_CODE_DETAIL *d) {
  st->code_block = oct_builder_leaf(&st->b, OCT_NODE_CODE_BLOCK);
  if (st->code_block) {
    char *info = attr_dup(&d->info);
    oct_node_set_info(st->code_block, info);
    free(info);
  }
  oct_buf_clear(&st->code_text);
  return ACT_CODE;
}

/* Table parts; thead and tbody leave no node. */
static enum action enter_table_part(md_state *st, MD_BLOCKTYPE type, void *detail) {
  static const oct_align align[] = {[MD_ALIGN_DEFAULT] = OCT_ALIGN_NONE,
                                    [MD_ALIGN_LEFT] = OCT_ALIGN_LEFT,
                                    [MD_ALIGN_CENTER] = OCT_ALIGN_CENTER,
                                    [MD_ALIGN_RIGHT] = OCT_ALIGN_RIGHT};
  switch (type) {
  case MD_BLOCK_TABLE:
    return oct_builder_push(&st->b, OCT_NODE_TABLE) ? ACT_PUSHED : ACT_NONE;
  case MD_BLOCK_TR:
    return oct_builder_push(&st->b, OCT_NODE_TABLE_ROW) ? ACT_PUSHED : ACT_NONE;
  case MD_BLOCK_TH:
  case MD_BLOCK_TD: {
    const MD_BLOCK_TD_DETAIL *d = detail;
    enum action a = ACT_NONE;
    if (oct_builder_push(&st->b, OCT_NODE_TABLE_CELL)) {
      oct_node_set_cell(st->b.cur, type == MD_BLOCK_TH, align[d->align]);
      a = ACT_PUSHED;
    }
    oct_smart_init(&st->smart);
    return a;
  }
  default:
    return ACT_NONE;
  }
}

static int enter_block(MD_BLOCKTYPE type, void *detail, void *user) {
  md_state *st = user;
  if (st->b.failed) return -1;
  if (type != MD_BLOCK_DOC) close_inline(st);
  enum action a = ACT_NONE;
  switch (type) {
  case MD_BLOCK_HTML:
    st->in_html_block = true;
    oct_buf_clear(&st->html_text);
    a = ACT_HTML;
    break;
  case MD_BLOCK_QUOTE:
    if (oct_builder_open(&st->b, OCT_NODE_BLOCK_QUOTE, OCT_BUILDER_RESERVE)) a = ACT_PUSHED;
    break;
  case MD_BLOCK_UL:
  case MD_BLOCK_OL:
    a = enter_list(st, type, detail);
    break;
  case MD_BLOCK_LI:
    if (st->nacts && st->acts[st->nacts - 1] == ACT_FLAT_LIST) break;
    if (oct_builder_push(&st->b, OCT_NODE_LIST_ITEM)) a = ACT_PUSHED;
    oct_smart_init(&st->smart);
    break;
  case MD_BLOCK_HR:
    oct_builder_leaf(&st->b, OCT_NODE_THEMATIC_BREAK);
    break;
  case MD_BLOCK_H: {
    const MD_BLOCK_H_DETAIL *d = detail;
    if (oct_builder_push(&st->b, OCT_NODE_HEADING)) {
      oct_node_set_heading_level(st->b.cur, (int)d->level);
      a = ACT_PUSHED;
    }
    oct_smart_init(&st->smart);
    break;
  }
  case MD_BLOCK_CODE:
    a = enter_code_block(st, detail);
    break;
  case MD_BLOCK_P:
    st->in_p = true;
    oct_smart_init(&st->smart);
    break;
  default: /* the document, tables */
    a = enter_table_part(st, type, detail);
    break;
  }
  act_push(st, a);
  return st->b.failed ? -1 : 0;
}

static int leave_block(MD_BLOCKTYPE type, void *detail, void *user) {
  (void)detail;
  md_state *st = user;
  if (st->b.failed) return -1;
  close_inline(st);
  enum action a = act_pop(st);
  if (type == MD_BLOCK_P) st->in_p = false;
  if (a == ACT_PUSHED) oct_builder_pop(&st->b);
  if (a == ACT_HTML) {
    st->in_html_block = false;
    html_block(st);
  }
  if (a == ACT_CODE) {
    size_t n = st->code_text.len;
    if (n && st->code_text.data[n - 1] == '\n') n--;
    if (st->code_block)
      oct_node_set_text(st->code_block, st->code_text.data ? st->code_text.data : "", n);
    st->code_block = NULL;
  }
  return st->b.failed ? -1 : 0;
}

static int enter_span(MD_SPANTYPE type, void *detail, void *user) {
  md_state *st = user;
  if (st->b.failed) return -1;
  enum action a = ACT_NONE;
  if (st->img_depth > 0) {
    /* spans inside alt text: only their text counts */
    if (type == MD_SPAN_IMG) st->img_depth++;
    act_push(st, a);
    return 0;
  }
  if (type == MD_SPAN_IMG) {
    const MD_SPAN_IMG_DETAIL *d = detail;
    /* alone so far: nothing inline yet in this paragraph / tight item */
    st->img_alone = !st->para_open && rd_is_flow(st->b.cur) && !st->pending_image;
    if (!st->img_alone) ensure_inline(st);
    clear_pending_image(st);
    st->img_src = attr_dup(&d->src);
    st->img_title = attr_dup(&d->title);
    oct_smart_init(&st->img_smart);
    st->img_depth = 1;
    act_push(st, ACT_IMAGE);
    return 0;
  }
  ensure_inline(st);
  switch (type) {
  case MD_SPAN_EM:
    if (oct_builder_open(&st->b, OCT_NODE_EMPHASIS, 1)) a = ACT_PUSHED;
    break;
  case MD_SPAN_STRONG:
    if (oct_builder_open(&st->b, OCT_NODE_STRONG, 1)) a = ACT_PUSHED;
    break;
  case MD_SPAN_DEL:
    if (oct_builder_open(&st->b, OCT_NODE_STRIKETHROUGH, 1)) a = ACT_PUSHED;
    break;
  case MD_SPAN_CODE:
    st->code = oct_builder_leaf(&st->b, OCT_NODE_CODE);
    if (st->code) oct_node_set_text(st->code, "", 0);
    a = ACT_CODE;
    break;
  case MD_SPAN_A: {
    const MD_SPAN_A_DETAIL *d = detail;
    if (oct_builder_open(&st->b, OCT_NODE_LINK, 1)) {
      char *url = attr_dup(&d->href);
      char *title = attr_dup(&d->title);
      oct_node_set_url(st->b.cur, url ? url : "");
      oct_node_set_title(st->b.cur, title);
      free(url);
      free(title);
      /* md4c's href may live in a scratch buffer: compare with our copy */
      st->link = st->b.cur;
      a = ACT_LINK_PUSHED;
    }
    break;
  }
  default:
    break;
  }
  act_push(st, a);
  return st->b.failed ? -1 : 0;
}

static int leave_span(MD_SPANTYPE type, void *detail, void *user) {
  (void)detail;
  md_state *st = user;
  if (st->b.failed) return -1;
  enum action a = act_pop(st);
  if (type == MD_SPAN_IMG && st->img_depth > 1) {
    st->img_depth--;
    return 0;
  }
  switch (a) {
  case ACT_IMAGE:
    st->img_depth = 0;
    if (st->img_alone) {
      st->pending_image = true;
    } else {
      put_inline_image(st);
      clear_pending_image(st);
    }
    break;
  case ACT_CODE:
    st->code = NULL;
    break;
  case ACT_LINK_PUSHED:
    st->link = NULL;
    oct_builder_pop(&st->b);
    break;
  case ACT_PUSHED:
    oct_builder_pop(&st->b);
    break;
  default:
    break;
  }
  return st->b.failed ? -1 : 0;
}

/* Source line of P, counted forward from the last position asked about
 * (md4c reports text in document order); 0 for md4c's own buffers. */
static int line_of(md_state *st, const char *p) {
  if (p < st->in || p > st->in_end) return 0;
  if (p < st->line_at) {
    st->line_at = st->in;
    st->line_no = st->line_base;
  }
  for (const char *q = st->line_at; q < p; q++)
    if (*q == '\n') st->line_no++;
  st->line_at = p;
  return st->line_no;
}

/* The blocks a text run lands in start at its line at the latest. */
static void mark_line(md_state *st, int line) {
  if (!line) return;
  for (oct_node *n = st->b.cur; n && n != st->b.doc && n->line == 0; n = n->parent)
    oct_node_set_line(n, line);
  if (st->code_block && st->code_block->line == 0) oct_node_set_line(st->code_block, line);
}

static int on_text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE n, void *user) {
  md_state *st = user;
  if (st->b.failed) return -1;
  /* see oct_read_markdown: never let a run reach past the real input */
  if (s >= st->in && s <= st->in_end && n > (MD_SIZE)(st->in_end - s))
    n = (MD_SIZE)(st->in_end - s);
  int line = line_of(st, s);
  if (st->code_block) {
    oct_buf_put(&st->code_text, s, n);
    mark_line(st, line);
    return 0;
  }
  if (st->in_html_block) {
    oct_buf_put(&st->html_text, s, n);
    return 0;
  }
  if (st->img_depth > 0) {
    if (!st->img_line) st->img_line = line;
    if (type == MD_TEXT_ENTITY)
      decode_entity(s, n, &st->img_alt);
    else if (type == MD_TEXT_SOFTBR || type == MD_TEXT_BR)
      oct_smart_run(&st->img_smart, " ", 1, &st->img_alt);
    else if (type == MD_TEXT_NULLCHAR)
      oct_buf_put_utf8(&st->img_alt, 0xFFFD);
    else if (type == MD_TEXT_CODE)
      oct_buf_put(&st->img_alt, s, n);
    else
      oct_smart_run(&st->img_smart, s, n, &st->img_alt);
    return 0;
  }
  if (st->code) {
    if (type == MD_TEXT_SOFTBR || type == MD_TEXT_BR)
      oct_node_append_text(st->code, " ", 1);
    else if (type == MD_TEXT_NULLCHAR)
      oct_node_append_text(st->code, "\xEF\xBF\xBD", 3);
    else
      oct_node_append_text(st->code, s, n);
    return 0;
  }
  switch (type) {
  case MD_TEXT_BR:
    ensure_inline(st);
    oct_builder_leaf(&st->b, OCT_NODE_LINE_BREAK);
    break;
  case MD_TEXT_SOFTBR:
    add_text(st, " ", 1, true);
    break;
  case MD_TEXT_NULLCHAR:
    add_text(st, "\xEF\xBF\xBD", 3, false);
    break;
  case MD_TEXT_ENTITY: {
    oct_buf_clear(&st->tmp);
    decode_entity(s, n, &st->tmp);
    add_text(st, st->tmp.data, st->tmp.len, false);
    /* keep quote pairing right after the literal character */
    uint32_t cp = 0;
    for (size_t i = 0; i < st->tmp.len;) {
      size_t k = oct_utf8_decode(st->tmp.data + i, st->tmp.len - i, &cp);
      if (!k) break;
      i += k;
    }
    st->smart.prev = cp;
    break;
  }
  case MD_TEXT_HTML:
    inline_html(st, s, n);
    break;
  case MD_TEXT_CODE:
  case MD_TEXT_LATEXMATH:
    add_text(st, s, n, false);
    break;
  default:
    add_text(st, s, n, !rd_is_link_target(st->link, s, n));
    break;
  }
  mark_line(st, line);
  return st->b.failed ? -1 : 0;
}

/* ---- YAML front matter: the small subset articles use (scalars, quoted
 * scalars, [a, b] and "- item" lists).  Hand-written because no YAML
 * library is among our dependencies and a full parser would be overkill for
 * eight keys. */

static const char *line_end(const char *s, const char *end) {
  const char *e = memchr(s, '\n', (size_t)(end - s));
  return e ? e : end;
}

static bool is_fence_line(const char *s, const char *e, const char *fence) {
  size_t k = strlen(fence);
  if ((size_t)(e - s) < k || memcmp(s, fence, k) != 0) return false;
  for (s += k; s < e; s++)
    if (*s != ' ' && *s != '\t' && *s != '\r') return false;
  return true;
}

static void trim(const char **s, const char **e) {
  while (*s < *e && (**s == ' ' || **s == '\t'))
    (*s)++;
  while (*e > *s && ((*e)[-1] == ' ' || (*e)[-1] == '\t' || (*e)[-1] == '\r'))
    (*e)--;
}

/* Takes back what was appended after LEN (an empty list item's separator). */
static void cut(oct_buf *b, size_t len) {
  if (!b->data || len > b->len) return;
  b->len = len;
  b->data[len] = '\0';
}

/* One scalar: quotes removed ('' and \" escapes honoured), a trailing
 * " # comment" dropped from bare values. */
static void scalar(const char *s, const char *e, oct_buf *out) {
  trim(&s, &e);
  if (s < e && (*s == '"' || *s == '\'')) {
    char q = *s++;
    while (s < e) {
      if (q == '\'' && *s == '\'' && s + 1 < e && s[1] == '\'') {
        oct_buf_putc(out, '\'');
        s += 2;
      } else if (q == '"' && *s == '\\' && s + 1 < e) {
        oct_buf_putc(out, s[1] == 'n' ? ' ' : s[1]);
        s += 2;
      } else if (*s == q) {
        break;
      } else {
        oct_buf_putc(out, *s++);
      }
    }
    return;
  }
  for (const char *p = s; p < e; p++)
    if (*p == '#' && p > s && (p[-1] == ' ' || p[-1] == '\t')) {
      e = p;
      trim(&s, &e);
      break;
    }
  oct_buf_put(out, s, (size_t)(e - s));
}

/* "[a, "b, c", d]" -> "a, b, c, d" joined by SEP. */
static void flow_list(const char *s, const char *e, const char *sep, oct_buf *out) {
  s++;
  while (e > s && e[-1] != ']')
    e--;
  if (e > s) e--;
  const char *p = s;
  bool first = true;
  while (p < e) {
    const char *q = p;
    char quote = 0;
    while (q < e && (*q == ' ' || *q == '\t'))
      q++;
    if (q < e && (*q == '"' || *q == '\'')) quote = *q;
    const char *r = q + (quote ? 1 : 0);
    while (r < e && (quote ? *r != quote : *r != ','))
      r++;
    if (quote && r < e) r++;
    while (r < e && *r != ',')
      r++;
    size_t before = out->len;
    if (!first) oct_buf_puts(out, sep);
    size_t mark = out->len;
    scalar(p, r, out);
    if (out->len == mark)
      cut(out, before);
    else
      first = false;
    p = r < e ? r + 1 : e;
  }
}

static int meta_key(const char *k, size_t n) {
  static const struct {
    const char *name;
    oct_meta_key key;
  } keys[] = {{"title", OCT_META_TITLE},
              {"subtitle", OCT_META_SUBTITLE},
              {"author", OCT_META_AUTHOR},
              {"authors", OCT_META_AUTHOR},
              {"date", OCT_META_DATE},
              {"lang", OCT_META_LANGUAGE},
              {"language", OCT_META_LANGUAGE},
              {"description", OCT_META_DESCRIPTION},
              {"summary", OCT_META_DESCRIPTION},
              {"subject", OCT_META_SUBJECT},
              {"keywords", OCT_META_SUBJECT},
              {"tags", OCT_META_SUBJECT},
              {"identifier", OCT_META_IDENTIFIER},
              {"isbn", OCT_META_IDENTIFIER}};
  for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
    if (strlen(keys[i].name) == n && strncasecmp(keys[i].name, k, n) == 0) return (int)keys[i].key;
  return -1;
}

static void set_meta(md_state *st, int key, oct_buf *val) {
  if (key < 0 || val->len == 0) return;
  if (key == OCT_META_TITLE || key == OCT_META_SUBTITLE || key == OCT_META_AUTHOR ||
      key == OCT_META_DESCRIPTION) {
    oct_smart sm;
    oct_smart_init(&sm);
    oct_buf out = OCT_BUF_INIT;
    oct_smart_run(&sm, val->data, val->len, &out);
    oct_doc_set_meta(st->b.doc, (oct_meta_key)key, out.data);
    oct_buf_free(&out);
  } else {
    /* a date with more after it ("2024-03-05 (updated)") is still that
     * date; the tree reads the rest (oct_doc_set_meta) */
    char iso[OCT_DATE_ISO_SIZE];
    size_t used;
    if (key == OCT_META_DATE && oct_date_at(val->data, val->len, &used, iso) == OCT_DATE_ISO) {
      oct_buf_clear(val);
      oct_buf_puts(val, iso);
    }
    /* BCP 47 joins with '-'; locales as written by tools use '_' */
    if (key == OCT_META_LANGUAGE)
      for (size_t i = 0; i < val->len; i++)
        if (val->data[i] == '_') val->data[i] = '-';
    oct_doc_set_meta(st->b.doc, (oct_meta_key)key, val->data);
  }
}

/* Authors and subjects are lists in the tree, which splits them at ';'
 * (oct_doc_set_meta): "- Ann" "- Bob" are two people even where a
 * byline "Ann, Bob" would not be taken apart. */
static const char *list_sep(int key, const char *sep) {
  return key == OCT_META_AUTHOR || key == OCT_META_SUBJECT ? "; " : sep;
}

/* Returns the number of bytes the front matter occupies (0 when there is
 * none, or when it is never closed: then it is ordinary Markdown). */
static size_t front_matter(md_state *st, const char *s, size_t len) {
  const char *end = s + len;
  const char *e = line_end(s, end);
  if (!is_fence_line(s, e, "---") || e == end) return 0;
  /* find the closing fence first, so an unclosed block changes nothing */
  const char *body = e + 1, *close = NULL, *after = NULL;
  for (const char *p = body; p < end;) {
    const char *le = line_end(p, end);
    if (is_fence_line(p, le, "---") || is_fence_line(p, le, "...")) {
      close = p;
      after = le < end ? le + 1 : end;
      break;
    }
    p = le < end ? le + 1 : end;
  }
  if (!close) return 0;

  /* what the lines after a "key:" line mean */
  enum { FM_NONE, FM_LIST, FM_BLOCK, FM_SCALAR } mode = FM_NONE;
  oct_buf val = OCT_BUF_INIT;
  int key = -1;
  const char *sep = ", ";
  for (const char *p = body; p < close;) {
    const char *le = line_end(p, close);
    const char *ls = p, *lend = le;
    bool indented = *p == ' ' || *p == '\t';
    p = le < close ? le + 1 : close;
    trim(&ls, &lend);
    if (ls == lend || (*ls == '#' && mode != FM_BLOCK)) continue;
    if (indented) {
      bool dash = *ls == '-' && (ls + 1 == lend || ls[1] == ' ');
      if (mode == FM_LIST && dash) {
        ls++;
        trim(&ls, &lend);
      }
      bool name = lend - ls > 5 && strncmp(ls, "name:", 5) == 0;
      if (mode == FM_LIST && (dash || name)) {
        /* "- Ann", or in a list of maps "- name: Ann" / "name: Ann"; other
         * keys of such maps (url, email) are not names */
        if (name) ls += 5;
        const char *colon = memchr(ls, ':', (size_t)(lend - ls));
        if (!name && colon && colon + 1 < lend && colon[1] == ' ') continue;
        size_t mark = val.len;
        if (val.len) oct_buf_puts(&val, list_sep(key, sep));
        size_t start = val.len;
        scalar(ls, lend, &val);
        if (val.len == start) cut(&val, mark);
      } else if (mode == FM_BLOCK || mode == FM_SCALAR) {
        /* folded and literal blocks, and plain scalars continued on the
         * next line, all read as one line of text here */
        if (val.len) oct_buf_putc(&val, ' ');
        oct_buf_put(&val, ls, (size_t)(lend - ls));
      }
      continue;
    }
    if (mode != FM_NONE) set_meta(st, key, &val);
    mode = FM_NONE;
    oct_buf_clear(&val);
    const char *colon = memchr(ls, ':', (size_t)(lend - ls));
    if (!colon) continue;
    const char *ks = ls, *ke = colon;
    trim(&ks, &ke);
    key = meta_key(ks, (size_t)(ke - ks));
    const char *vs = colon + 1, *ve = lend;
    trim(&vs, &ve);
    size_t vn = (size_t)(ve - vs);
    if (vn == 0) {
      mode = FM_LIST;
    } else if ((*vs == '|' || *vs == '>') && (vn == 1 || (vn == 2 && strchr("+-", vs[1])))) {
      mode = FM_BLOCK;
    } else if (*vs == '[') {
      flow_list(vs, ve, list_sep(key, sep), &val);
      set_meta(st, key, &val);
      oct_buf_clear(&val);
    } else {
      scalar(vs, ve, &val);
      mode = FM_SCALAR;
    }
  }
  if (mode != FM_NONE) set_meta(st, key, &val);
  oct_buf_free(&val);
  return (size_t)(after - s);
}

/* An article that opens with its only level-1 heading: that heading is the
 * title, not body text. */
static void lift_title(oct_builder *b) {
  oct_node *doc = b->doc;
  if (oct_doc_meta(doc, OCT_META_TITLE)) return;
  oct_node *h = doc->first_child;
  if (!h || h->type != OCT_NODE_HEADING || h->as.heading.level != 1) return;
  for (oct_node *n = h->next; n; n = n->next)
    if (n->type == OCT_NODE_HEADING && n->as.heading.level == 1) return;
  oct_buf t = OCT_BUF_INIT;
  oct_node_plain_text(h, &t);
  if (t.len && oct_builder_drop(b, h) == 0) oct_doc_set_meta(doc, OCT_META_TITLE, t.data);
  oct_buf_free(&t);
}

/* md4c 0.4.8 (Debian 12's) resolves permissive autolinks in time
 * quadratic in their number within one paragraph: 100,000 bare
 * "http://a.com" in one paragraph took 7.1 s, 10,000 take 0.05 s (md4c
 * 0.5 reworked them).  A document with more candidates than this between
 * two blank lines is read without bare-address links, and says so. */
#define AUTOLINKS_MAX 10000

/* The most "://" and "www." between two blank lines of S: what could
 * become a permissive autolink in one paragraph (counted high: code
 * blocks are never linked). */
static size_t autolink_candidates(const char *s, size_t n) {
  size_t most = 0, here = 0;
  bool blank = true;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (c == '\n') {
      if (blank) here = 0;
      blank = true;
      continue;
    }
    if (c != ' ' && c != '\t' && c != '\r') blank = false;
    if ((c == ':' && rd_prefix_ci(s + i, n - i, "://")) ||
        (oct_ascii_tolower(c) == 'w' && rd_prefix_ci(s + i, n - i, "www.")))
      if (++here > most) most = here;
  }
  return most;
}

oct_node *oct_read_markdown(const char *utf8, size_t len, oct_error *err) {
  md_state st;
  memset(&st, 0, sizeof st);
  st.err = err;
  oct_builder_init(&st.b, err);

  size_t skip = front_matter(&st, utf8, len);
  MD_PARSER parser = {
      .abi_version = 0,
      .flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_PERMISSIVEURLAUTOLINKS |
               MD_FLAG_PERMISSIVEWWWAUTOLINKS | MD_FLAG_PERMISSIVEEMAILAUTOLINKS,
      .enter_block = enter_block,
      .leave_block = leave_block,
      .enter_span = enter_span,
      .leave_span = leave_span,
      .text = on_text,
  };
  /* Under fuzzing, md4c 0.4.8 (not instrumented) once handed over a text
   * run ending past its input, so the over-read surfaced in our code; it
   * did not reproduce on demand.  It parses a zero-padded copy and runs are
   * clamped to the real end: a stray read stays in our memory and out of
   * the book. */
  size_t n = len - skip;
  if (n > (size_t)UINT32_MAX - 64) {
    oct_error_set(err, "Markdown file too large (%zu bytes)", len);
    oct_builder_discard(&st.b);
    return NULL;
  }
  size_t links = autolink_candidates(utf8 + skip, n);
  if (links > AUTOLINKS_MAX) {
    parser.flags &= ~(unsigned)(MD_FLAG_PERMISSIVEURLAUTOLINKS | MD_FLAG_PERMISSIVEWWWAUTOLINKS);
    oct_warn(err,
             "%zu bare web addresses in one paragraph: left as text, not links (more than %d "
             "would take quadratic time)",
             links, AUTOLINKS_MAX);
  }
  char *copy = oct_xcalloc(n + 64, 1);
  memcpy(copy, utf8 + skip, n);
  st.in = copy;
  st.in_end = copy + n;
  st.line_base = 1;
  for (size_t i = 0; i < skip; i++)
    if (utf8[i] == '\n') st.line_base++;
  st.line_at = copy;
  st.line_no = st.line_base;
  int rc = md_parse(copy, (MD_SIZE)n, &parser, &st);
  free(copy);
  oct_node *doc = NULL;
  if (rc != 0 && !st.b.failed) {
    oct_error_set(err, "the Markdown parser gave up (error %d)", rc);
    oct_builder_discard(&st.b);
  } else {
    if (oct_builder_flush(&st.b) == 0) lift_title(&st.b);
    doc = oct_builder_finish(&st.b);
  }
  free(st.acts);
  free(st.img_src);
  free(st.img_title);
  oct_buf_free(&st.img_alt);
  oct_buf_free(&st.tmp);
  oct_buf_free(&st.smarted);
  oct_buf_free(&st.code_text);
  oct_buf_free(&st.html_text);
  return doc;
}
