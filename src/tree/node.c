#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tree/tree.h"

static const char *const type_names[OCT_NODE_TYPE_COUNT] = {
    [OCT_NODE_NONE] = "none",
    [OCT_NODE_DOCUMENT] = "document",
    [OCT_NODE_HEADING] = "heading",
    [OCT_NODE_PARAGRAPH] = "paragraph",
    [OCT_NODE_BULLET_LIST] = "bullet_list",
    [OCT_NODE_ORDERED_LIST] = "ordered_list",
    [OCT_NODE_LIST_ITEM] = "list_item",
    [OCT_NODE_BLOCK_QUOTE] = "block_quote",
    [OCT_NODE_CODE_BLOCK] = "code_block",
    [OCT_NODE_THEMATIC_BREAK] = "thematic_break",
    [OCT_NODE_IMAGE] = "image",
    [OCT_NODE_TABLE] = "table",
    [OCT_NODE_TABLE_ROW] = "table_row",
    [OCT_NODE_TABLE_CELL] = "table_cell",
    [OCT_NODE_TEXT] = "text",
    [OCT_NODE_EMPHASIS] = "emphasis",
    [OCT_NODE_STRONG] = "strong",
    [OCT_NODE_STRIKETHROUGH] = "strikethrough",
    [OCT_NODE_CODE] = "code",
    [OCT_NODE_LINK] = "link",
    [OCT_NODE_LINE_BREAK] = "line_break",
    [OCT_NODE_INLINE_IMAGE] = "inline_image",
};

const char *oct_node_type_name(oct_node_type t) {
  return (t >= 0 && t < OCT_NODE_TYPE_COUNT) ? type_names[t] : "none";
}

bool oct_node_type_is_block(oct_node_type t) {
  return t >= OCT_NODE_FIRST_BLOCK && t <= OCT_NODE_LAST_BLOCK;
}

bool oct_node_type_is_inline(oct_node_type t) {
  return t >= OCT_NODE_FIRST_INLINE && t <= OCT_NODE_LAST_INLINE;
}

bool oct_node_type_is_leaf(oct_node_type t) {
  switch (t) {
  case OCT_NODE_TEXT:
  case OCT_NODE_CODE:
  case OCT_NODE_LINE_BREAK:
  case OCT_NODE_THEMATIC_BREAK:
  case OCT_NODE_IMAGE:
  case OCT_NODE_INLINE_IMAGE:
  case OCT_NODE_CODE_BLOCK:
    return true;
  default:
    return false;
  }
}

/* Blocks that may stand in a flow: the document, a quote or a list item. */
static bool is_flow_block(oct_node_type t) {
  switch (t) {
  case OCT_NODE_HEADING:
  case OCT_NODE_PARAGRAPH:
  case OCT_NODE_BULLET_LIST:
  case OCT_NODE_ORDERED_LIST:
  case OCT_NODE_BLOCK_QUOTE:
  case OCT_NODE_CODE_BLOCK:
  case OCT_NODE_THEMATIC_BREAK:
  case OCT_NODE_IMAGE:
  case OCT_NODE_TABLE:
    return true;
  default:
    return false;
  }
}

bool oct_node_can_contain(oct_node_type parent, oct_node_type child) {
  switch (parent) {
  case OCT_NODE_DOCUMENT:
  case OCT_NODE_BLOCK_QUOTE:
  case OCT_NODE_LIST_ITEM:
    return is_flow_block(child);
  case OCT_NODE_BULLET_LIST:
  case OCT_NODE_ORDERED_LIST:
    return child == OCT_NODE_LIST_ITEM;
  case OCT_NODE_TABLE:
    return child == OCT_NODE_TABLE_ROW;
  case OCT_NODE_TABLE_ROW:
    return child == OCT_NODE_TABLE_CELL;
  case OCT_NODE_HEADING:
  case OCT_NODE_PARAGRAPH:
  case OCT_NODE_TABLE_CELL:
  case OCT_NODE_EMPHASIS:
  case OCT_NODE_STRONG:
  case OCT_NODE_STRIKETHROUGH:
    return oct_node_type_is_inline(child);
  case OCT_NODE_LINK:
    /* A link inside a link has no meaning in HTML or PDF. */
    return oct_node_type_is_inline(child) && child != OCT_NODE_LINK;
  default:
    return false;
  }
}

oct_node *oct_node_new(oct_node_type t) {
  oct_node *n = oct_xcalloc(1, sizeof *n);
  n->type = t;
  if (t == OCT_NODE_HEADING) n->as.heading.level = 1;
  if (t == OCT_NODE_ORDERED_LIST) {
    n->as.list.start = 1;
    n->as.list.delim = '.';
  }
  if (t == OCT_NODE_BULLET_LIST) n->as.list.delim = '*';
  return n;
}

static void free_data(oct_node *n) {
  switch (n->type) {
  case OCT_NODE_TEXT:
  case OCT_NODE_CODE:
    free(n->as.text);
    break;
  case OCT_NODE_CODE_BLOCK:
    free(n->as.code_block.info);
    free(n->as.code_block.text);
    break;
  case OCT_NODE_IMAGE:
  case OCT_NODE_INLINE_IMAGE:
    free(n->as.image.src);
    free(n->as.image.alt);
    free(n->as.image.title);
    break;
  case OCT_NODE_LINK:
    free(n->as.link.url);
    free(n->as.link.title);
    break;
  case OCT_NODE_DOCUMENT:
    for (int i = 0; i < OCT_META_COUNT; i++)
      free(n->as.meta[i]);
    for (int l = 0; l < 2; l++) {
      for (size_t i = 0; i < n->as.n_items[l]; i++)
        free(n->as.items[l][i]);
      free(n->as.items[l]);
    }
    break;
  default:
    break;
  }
}

void oct_node_free(oct_node *n) {
  if (!n) return;
  oct_node_unlink(n);
  /* Splice every grandchild list into the sibling chain being freed, so the
   * walk is flat and hostile nesting cannot exhaust the stack. */
  oct_node *cur = n;
  while (cur) {
    oct_node *next = cur->next;
    if (cur->first_child) {
      oct_node *last = cur->last_child;
      last->next = next;
      next = cur->first_child;
    }
    free_data(cur);
    free(cur);
    cur = next;
  }
}

void oct_node_unlink(oct_node *n) {
  if (n->prev) n->prev->next = n->next;
  if (n->next) n->next->prev = n->prev;
  if (n->parent) {
    if (n->parent->first_child == n) n->parent->first_child = n->next;
    if (n->parent->last_child == n) n->parent->last_child = n->prev;
  }
  n->parent = n->prev = n->next = NULL;
}

static bool can_link(const oct_node *parent, const oct_node *child) {
  if (!parent || !child || child->parent || child->prev || child->next) return false;
  if (!oct_node_can_contain(parent->type, child->type)) return false;
  /* Refuse cycles: the child must not be the parent or its ancestor.  A
   * child without children is nobody's ancestor, so the common case of
   * building top-down costs no walk up the tree. */
  if (child == parent) return false;
  if (child->first_child)
    for (const oct_node *p = parent; p; p = p->parent)
      if (p == child) return false;
  return true;
}

int oct_node_append_child(oct_node *parent, oct_node *child) {
  if (!can_link(parent, child)) return -1;
  child->parent = parent;
  child->prev = parent->last_child;
  if (parent->last_child)
    parent->last_child->next = child;
  else
    parent->first_child = child;
  parent->last_child = child;
  return 0;
}

int oct_node_insert_before(oct_node *sibling, oct_node *n) {
  if (!sibling || !can_link(sibling->parent, n)) return -1;
  n->parent = sibling->parent;
  n->next = sibling;
  n->prev = sibling->prev;
  if (sibling->prev)
    sibling->prev->next = n;
  else
    sibling->parent->first_child = n;
  sibling->prev = n;
  return 0;
}

int oct_node_insert_after(oct_node *sibling, oct_node *n) {
  if (!sibling || !can_link(sibling->parent, n)) return -1;
  n->parent = sibling->parent;
  n->prev = sibling;
  n->next = sibling->next;
  if (sibling->next)
    sibling->next->prev = n;
  else
    sibling->parent->last_child = n;
  sibling->next = n;
  return 0;
}

static char **text_slot(oct_node *n) {
  switch (n->type) {
  case OCT_NODE_TEXT:
  case OCT_NODE_CODE:
    return &n->as.text;
  case OCT_NODE_CODE_BLOCK:
    return &n->as.code_block.text;
  default:
    return NULL;
  }
}

static void replace(char **slot, const char *s) {
  free(*slot);
  *slot = s ? oct_xstrdup(s) : NULL;
}

int oct_node_set_text(oct_node *n, const char *s, size_t len) {
  char **slot = text_slot(n);
  if (!slot) return -1;
  free(*slot);
  *slot = s ? oct_xstrndup(s, len) : NULL;
  return 0;
}

int oct_node_append_text(oct_node *n, const char *s, size_t len) {
  char **slot = text_slot(n);
  if (!slot) return -1;
  size_t old = *slot ? strlen(*slot) : 0;
  *slot = oct_xrealloc(*slot, old + len + 1);
  memcpy(*slot + old, s, len);
  (*slot)[old + len] = '\0';
  return 0;
}

const char *oct_node_text(const oct_node *n) {
  const char *s = NULL;
  switch (n->type) {
  case OCT_NODE_TEXT:
  case OCT_NODE_CODE:
    s = n->as.text;
    break;
  case OCT_NODE_CODE_BLOCK:
    s = n->as.code_block.text;
    break;
  default:
    break;
  }
  return s ? s : "";
}

int oct_node_set_heading_level(oct_node *n, int level) {
  if (n->type != OCT_NODE_HEADING || level < 1 || level > 6) return -1;
  n->as.heading.level = level;
  return 0;
}

int oct_node_set_list_start(oct_node *n, int start) {
  if (n->type != OCT_NODE_ORDERED_LIST || start < 0) return -1;
  n->as.list.start = start;
  return 0;
}

int oct_node_set_list_delim(oct_node *n, char delim) {
  const char *allowed = n->type == OCT_NODE_ORDERED_LIST  ? ".)"
                        : n->type == OCT_NODE_BULLET_LIST ? "*-+"
                                                          : NULL;
  if (!allowed || !delim || !strchr(allowed, delim)) return -1;
  n->as.list.delim = delim;
  return 0;
}

int oct_node_set_line(oct_node *n, int line) {
  if (line < 0) return -1;
  n->line = line;
  return 0;
}

int oct_node_set_info(oct_node *n, const char *info) {
  if (n->type != OCT_NODE_CODE_BLOCK) return -1;
  replace(&n->as.code_block.info, info);
  return 0;
}

int oct_node_set_url(oct_node *n, const char *url) {
  if (n->type != OCT_NODE_LINK) return -1;
  replace(&n->as.link.url, url);
  return 0;
}

int oct_node_set_title(oct_node *n, const char *title) {
  if (n->type == OCT_NODE_LINK)
    replace(&n->as.link.title, title);
  else if (oct_node_is_image(n))
    replace(&n->as.image.title, title);
  else
    return -1;
  return 0;
}

int oct_node_set_image(oct_node *n, const char *src, const char *alt, const char *title) {
  if (!oct_node_is_image(n)) return -1;
  replace(&n->as.image.src, src);
  replace(&n->as.image.alt, alt);
  replace(&n->as.image.title, title);
  return 0;
}

int oct_node_set_cell(oct_node *n, bool header, oct_align align) {
  if (n->type != OCT_NODE_TABLE_CELL) return -1;
  n->as.cell.header = header;
  n->as.cell.align = align;
  return 0;
}

static const char *const meta_names[OCT_META_COUNT] = {
    "title", "subtitle", "author", "date", "language", "description", "subject", "identifier",
};

const char *oct_meta_key_name(oct_meta_key k) {
  return (k >= 0 && k < OCT_META_COUNT) ? meta_names[k] : NULL;
}

int oct_meta_key_from_name(const char *name) {
  for (int i = 0; i < OCT_META_COUNT; i++)
    if (strcasecmp(name, meta_names[i]) == 0) return i;
  if (strcasecmp(name, "lang") == 0) return OCT_META_LANGUAGE;
  if (strcasecmp(name, "creator") == 0) return OCT_META_AUTHOR;
  return -1;
}

/* ---- author and subject lists */

bool oct_meta_key_is_list(oct_meta_key k) { return k == OCT_META_AUTHOR || k == OCT_META_SUBJECT; }

static int list_slot(oct_meta_key k) { return k == OCT_META_AUTHOR ? 0 : 1; }

static bool space(char c) { return c == ' ' || c == '\t' || c == '\n'; }

/* S..E without the spaces around it. */
static void trim(const char **s, const char **e) {
  while (*s < *e && space(**s))
    ++*s;
  while (*e > *s && space((*e)[-1]))
    --*e;
}

/* Items a list keeps: a page's keywords run to a few dozen, and the
 * check for doubles below is quadratic, so a hostile page's 100,000
 * keywords must stop somewhere (the whole stays in the meta string). */
#define MAX_ITEMS 256

/* Appends S..E (trimmed) to list L unless empty or already there. */
static void add_item(oct_node *doc, int l, const char *s, const char *e) {
  trim(&s, &e);
  size_t n = (size_t)(e - s);
  if (!n || doc->as.n_items[l] >= MAX_ITEMS) return;
  for (size_t i = 0; i < doc->as.n_items[l]; i++)
    if (strlen(doc->as.items[l][i]) == n && strncasecmp(doc->as.items[l][i], s, n) == 0) return;
  /* a list grows one by one: doubling keeps it linear */
  size_t c = doc->as.n_items[l];
  if ((c & (c - 1)) == 0)
    doc->as.items[l] = oct_xrealloc(doc->as.items[l], (c ? 2 * c : 1) * sizeof(char *));
  doc->as.items[l][doc->as.n_items[l]++] = oct_xstrndup(s, n);
}

/* What stands after a name's comma and belongs to it: "Smith, Jr.". */
static bool name_suffix(const char *s, const char *e) {
  static const char *const words[] = {"Jr",  "Jr.", "Sr",    "Sr.",  "II",   "III",
                                      "IV",  "PhD", "Ph.D.", "MD",   "M.D.", "MA",
                                      "MBA", "MSc", "BSc",   "Esq.", NULL};
  trim(&s, &e);
  for (const char *const *w = words; *w; w++)
    if (strlen(*w) == (size_t)(e - s) && strncmp(*w, s, (size_t)(e - s)) == 0) return true;
  return false;
}

/* Does S..E look like one person's name: two to five words, the first
 * capitalised (or not ASCII: "Özil", "王"), no role or news words? */
static bool name_like(const char *s, const char *e) {
  static const char *const roles[] = {
      "staff",       "writer",       "editor",    "reporter", "correspondent",
      "contributor", "photographer", "columnist", "news",     "press",
      "reports",     "team",         "desk",      "agency",   NULL};
  trim(&s, &e);
  if (s == e || ((unsigned char)*s < 0x80 && !(*s >= 'A' && *s <= 'Z'))) return false;
  int words = 0;
  for (const char *p = s; p < e;) {
    while (p < e && space(*p))
      p++;
    const char *w = p;
    while (p < e && !space(*p))
      p++;
    if (p == w) break;
    words++;
    for (const char *const *r = roles; *r; r++)
      if (strlen(*r) == (size_t)(p - w) && strncasecmp(*r, w, (size_t)(p - w)) == 0) return false;
  }
  return words >= 2 && words <= 5;
}

/* The next separator of a byline in S..E: ", ", " and ", " & "; its
 * start in *AT and its length returned (0: none). */
static size_t next_sep(const char *s, const char *e, const char **at) {
  for (const char *p = s; p < e; p++) {
    if (*p == ',') {
      *at = p;
      return 1;
    }
    if (*p == ' ' && e - p >= 3 && p[1] == '&' && p[2] == ' ') {
      *at = p;
      return 3;
    }
    if (*p == ' ' && e - p >= 5 && strncmp(p + 1, "and ", 4) == 0) {
      *at = p;
      return 5;
    }
  }
  return 0;
}

/* One ';'-free part of a byline: its people, when every piece between
 * the separators is a name (a suffix stays with the name before);
 * otherwise the part whole, as one author. */
#define MAX_PIECES 32
static void add_byline_part(oct_node *doc, const char *s, const char *e) {
  trim(&s, &e);
  /* "By A and B": the word is no part of a name */
  if (e - s > 3 && strncasecmp(s, "by ", 3) == 0) s += 3;
  const char *ps[MAX_PIECES], *pe[MAX_PIECES];
  int n = 0;
  bool ok = true;
  size_t prev = 0; /* the separator before P */
  for (const char *p = s;;) {
    const char *at;
    size_t k = next_sep(p, e, &at);
    const char *end = k ? at : e;
    if (n && prev == 1 && name_suffix(p, end)) {
      pe[n - 1] = end; /* ", Jr." */
    } else if (n == MAX_PIECES) {
      ok = false;
      break;
    } else {
      ps[n] = p;
      pe[n] = end;
      n++;
    }
    if (!k) break;
    p = at + k;
    prev = k;
  }
  for (int i = 0; ok && i < n; i++)
    if (!name_like(ps[i], pe[i])) ok = false;
  if (!ok || n < 2) {
    add_item(doc, 0, s, e);
    return;
  }
  for (int i = 0; i < n; i++)
    add_item(doc, 0, ps[i], pe[i]);
}

/* Fills list K of DOC from VALUE (NULL: empties it). */
static void split_list(oct_node *doc, oct_meta_key k, const char *value) {
  int l = list_slot(k);
  for (size_t i = 0; i < doc->as.n_items[l]; i++)
    free(doc->as.items[l][i]);
  free(doc->as.items[l]);
  doc->as.items[l] = NULL;
  doc->as.n_items[l] = 0;
  if (!value) return;
  const char *end = value + strlen(value);
  for (const char *p = value; p < end;) {
    const char *q = p;
    while (q < end && *q != ';' && !(k == OCT_META_SUBJECT && *q == ','))
      q++;
    if (k == OCT_META_AUTHOR)
      add_byline_part(doc, p, q);
    else
      add_item(doc, l, p, q);
    p = q + 1;
  }
}

int oct_doc_set_meta(oct_node *doc, oct_meta_key k, const char *value) {
  if (!doc || doc->type != OCT_NODE_DOCUMENT || k < 0 || k >= OCT_META_COUNT) return -1;
  char iso[OCT_DATE_ISO_SIZE];
  if (k == OCT_META_DATE && value) {
    /* characters no output can hold say nothing about the date: they are
     * read past, as every writer drops them */
    char *owned;
    const char *text = oct_xml_text(value, &owned);
    if (oct_date_parse(text, strlen(text), OCT_DATE_PARTIAL, iso) == OCT_DATE_ISO) value = iso;
    free(owned);
  }
  if (value && !*value) value = NULL;
  if (!oct_meta_key_is_list(k)) {
    replace(&doc->as.meta[k], value);
    return 0;
  }
  split_list(doc, k, value);
  int l = list_slot(k);
  if (value && strchr(value, ';') && doc->as.n_items[l]) {
    /* "A; B" (-M, a front matter list) reads "A, B" */
    oct_buf j = OCT_BUF_INIT;
    for (size_t i = 0; i < doc->as.n_items[l]; i++) {
      if (i) OCT_BUF_LIT(&j, ", ");
      oct_buf_puts(&j, doc->as.items[l][i]);
    }
    replace(&doc->as.meta[k], j.data);
    oct_buf_free(&j);
  } else {
    replace(&doc->as.meta[k], doc->as.n_items[l] ? value : NULL);
  }
  return 0;
}

const char *oct_doc_meta(const oct_node *doc, oct_meta_key k) {
  if (!doc || doc->type != OCT_NODE_DOCUMENT || k < 0 || k >= OCT_META_COUNT) return NULL;
  return doc->as.meta[k];
}

size_t oct_doc_meta_count(const oct_node *doc, oct_meta_key k) {
  if (!oct_doc_meta(doc, k)) return 0;
  return oct_meta_key_is_list(k) ? doc->as.n_items[list_slot(k)] : 1;
}

const char *oct_doc_meta_item(const oct_node *doc, oct_meta_key k, size_t i) {
  if (i >= oct_doc_meta_count(doc, k)) return NULL;
  return oct_meta_key_is_list(k) ? doc->as.items[list_slot(k)][i] : doc->as.meta[k];
}

void oct_node_plain_text(const oct_node *n, oct_buf *out) {
  oct_iter it;
  oct_iter_init(&it, n);
  oct_event ev;
  while ((ev = oct_iter_next(&it)) != OCT_EVENT_DONE) {
    if (ev != OCT_EVENT_ENTER) continue;
    const oct_node *c = it.node;
    if (c->type == OCT_NODE_TEXT || c->type == OCT_NODE_CODE)
      oct_buf_puts(out, oct_node_text(c));
    else if (c->type == OCT_NODE_LINE_BREAK)
      oct_buf_putc(out, ' ');
    else if (oct_node_is_image(c) && c->as.image.alt)
      oct_buf_puts(out, c->as.image.alt);
  }
}
