/* HTML reader: the DOM side.  Parsing with libxml2, per-element records,
 * class-word matching, measuring text bottom-up, and the few DOM edits the
 * article finder makes. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "read/html_internal.h"

int html_parse(hdoc *h, const char *utf8, size_t len, oct_error *err) {
  memset(h, 0, sizeof *h);
  if (len > INT_MAX) {
    oct_error_set(err, "HTML file too large (%zu bytes)", len);
    return -1;
  }
  xmlInitParser();
  /* The input is already UTF-8 (encoding.c decoded it): IGNORE_ENC keeps a
   * stale <meta charset> from decoding it a second time. */
  h->doc = htmlReadMemory(utf8, (int)len, NULL, "UTF-8",
                          HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                              HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT |
                              XML_PARSE_HUGE);
  if (!h->doc) {
    oct_error_set(err, "the HTML parser could not read the file");
    return -1;
  }
  h->html = xmlDocGetRootElement(h->doc);
  for (xmlNode *c = h->html ? h->html->children : NULL; c; c = c->next) {
    if (is_el(c, "head") && !h->head) h->head = c;
    if (is_el(c, "body") && !h->body) h->body = c;
  }
  if (!h->body) h->body = h->html;
  return 0;
}

void html_free(hdoc *h) {
  for (size_t i = 0; i < h->capsr; i++)
    free(h->sr_classes[i]);
  free(h->sr_classes);
  if (h->trash) xmlFreeNode(h->trash);
  if (h->doc) xmlFreeDoc(h->doc);
  free(h->nodes);
  memset(h, 0, sizeof *h);
}

hnode *html_hn(hdoc *h, xmlNode *el) {
  uintptr_t i = (uintptr_t)el->_private;
  if (i) return &h->nodes[i - 1];
  OCT_GROW(h->nodes, h->nnodes, h->capnodes);
  memset(&h->nodes[h->nnodes], 0, sizeof *h->nodes);
  el->_private = (void *)(uintptr_t)(++h->nnodes);
  return &h->nodes[h->nnodes - 1];
}

void html_text_of(xmlNode *n, oct_buf *out) { html_text_bounded(n, out, SIZE_MAX); }

bool html_text_bounded(xmlNode *n, oct_buf *out, size_t max_nodes) {
  oct_buf raw = OCT_BUF_INIT;
  size_t seen = 0;
  bool ok = true;
  for (xmlNode *c = n->children; c && ok; c = next_node(c, n, html_dropped(c))) {
    ok = ++seen <= max_nodes;
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
      oct_buf_puts(&raw, (const char *)c->content);
    else if (is_el(c, "br"))
      oct_buf_putc(&raw, ' ');
  }
  if (ok) collapse(raw.data ? raw.data : "", out);
  oct_buf_free(&raw);
  return ok;
}

char *html_text_dup(xmlNode *n) {
  oct_buf b = OCT_BUF_INIT;
  html_text_of(n, &b);
  return oct_buf_detach(&b);
}

bool html_has_ancestor(xmlNode *n, const char *tag, int max_depth) {
  int depth = 0;
  for (xmlNode *p = n->parent; p && p->type == XML_ELEMENT_NODE; p = p->parent) {
    if (max_depth > 0 && depth++ >= max_depth) return false;
    if (is_el(p, tag)) return true;
  }
  return false;
}

/* ---- class and id words */

/* WORDS entries: "menu" matches the word itself, "*footer" any word
 * ending so ("sitefooter", "photoheader"), "article*" any word starting
 * so ("articleheader"), "cover-wrap" two words in a row. */
static bool word_in(const char *word, size_t n, const char *prev, const char *const *words) {
  for (const char *const *w = words; *w; w++) {
    const char *e = *w;
    /* every kind of match but "*suffix" starts with the word's or the
     * previous word's first letter: most entries end here, without the
     * strlen and strchr below (html_words_match runs for every element,
     * several times) */
    if (e[0] != '*' && e[0] != word[0] && e[0] != prev[0]) continue;
    size_t k = strlen(e);
    if (e[0] == '*') {
      if (n >= k - 1 && strcmp(word + n - (k - 1), e + 1) == 0) return true;
    } else if (e[k - 1] == '*') {
      if (n >= k - 1 && strncmp(word, e, k - 1) == 0) return true;
    } else if (strchr(e, '-')) {
      size_t kp = strlen(prev);
      if (kp && strncmp(e, prev, kp) == 0 && e[kp] == '-' && strcmp(e + kp + 1, word) == 0)
        return true;
    } else if (e[0] == word[0] && strcmp(e, word) == 0) {
      return true;
    }
  }
  return false;
}

bool html_words_match(const char *v, const char *const *words) {
  if (!v) return false;
  char word[40], prev[40] = "";
  while (*v) {
    bool joined = *v == '-';
    while (*v && !oct_ascii_alnum((unsigned char)*v))
      v++;
    size_t n = 0;
    bool long_word = false;
    for (int c; oct_ascii_alnum(c = (unsigned char)*v);) {
      if (n < sizeof word - 1)
        word[n++] = (char)oct_ascii_tolower(c);
      else
        long_word = true;
      v++;
      /* a camelCase hump ends the word */
      if (oct_ascii_lower(c) && oct_ascii_upper(*v)) break;
    }
    word[n] = '\0';
    if (!n || long_word) {
      prev[0] = '\0';
      continue;
    }
    if (!joined) prev[0] = '\0';
    if (word_in(word, n, prev, words)) return true;
    /* "sidebar2" is a sidebar; "ai2html" keeps its digit */
    size_t k = n;
    while (k && oct_ascii_digit(word[k - 1]))
      word[--k] = '\0';
    if (k && k < n && word_in(word, k, prev, words)) return true;
    memcpy(prev, word, k + 1);
  }
  return false;
}

bool html_el_words_match(const xmlNode *el, const char *const *words) {
  return html_words_match(attr(el, "class"), words) || html_words_match(attr(el, "id"), words);
}

/* ---- what is never article text */

bool html_hidden(const xmlNode *n) {
  if (attr(n, "hidden")) return true;
  /* text for screen readers only ("Photo", "Credit", "Share this page"),
   * which a page shows nobody, and editing controls */
  static const char *const sr_only[] = {"visually-hidden",
                                        "visuallyhidden",
                                        "sr-only",
                                        "screen-reader",
                                        "screenreader",
                                        "offscreen",
                                        /* Wikipedia's "[edit]" after each heading */ "editsection",
                                        NULL};
  if (html_words_match(attr(n, "class"), sr_only)) return true;
  const char *a = attr(n, "aria-hidden");
  /* Wikipedia's formula images are aria-hidden fallbacks for MathML */
  static const char *const fallback[] = {"fallback", NULL};
  if (a && strcasecmp(a, "true") == 0 && !html_words_match(attr(n, "class"), fallback)) return true;
  const char *st = attr(n, "style");
  if (st) {
    /* "display:none" or "visibility:hidden" with any spacing */
    char s[64];
    for (; *st; st++) {
      size_t k = 0;
      while (*st && *st != ';' && k < sizeof s - 1) {
        if (!rd_html_space((unsigned char)*st))
          s[k++] = (char)oct_ascii_tolower((unsigned char)*st);
        st++;
      }
      s[k] = '\0';
      if (strcmp(s, "display:none") == 0 || strcmp(s, "visibility:hidden") == 0) return true;
      if (!*st) break;
    }
  }
  return false;
}

static const char *const dropped_tags[] = {
    "script", "style",  "noscript", "template", "nav",      "iframe", "svg",
    "button", "select", "input",    "textarea", "canvas",   "object", "embed",
    "audio",  "video",  "map",      "dialog",   "head",     "title",  "meta",
    "link",   "math",   "source",   "track",    "datalist", "option", NULL};

bool html_dropped(const xmlNode *n) {
  if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE) return true;
  if (n->type != XML_ELEMENT_NODE) return false;
  return name_in(n, dropped_tags);
}

/* ---- DOM edits */

static void unlink_node(xmlNode *n) {
  if (!n->parent) return;
  if (n->prev)
    n->prev->next = n->next;
  else
    n->parent->children = n->next;
  if (n->next)
    n->next->prev = n->prev;
  else
    n->parent->last = n->prev;
  n->parent = n->prev = n->next = NULL;
}

void html_append(xmlNode *parent, xmlNode *n) {
  unlink_node(n);
  n->parent = parent;
  n->prev = parent->last;
  if (parent->last)
    parent->last->next = n;
  else
    parent->children = n;
  parent->last = n;
}

void html_insert_before(xmlNode *ref, xmlNode *n) {
  unlink_node(n);
  n->parent = ref->parent;
  n->next = ref;
  n->prev = ref->prev;
  if (ref->prev)
    ref->prev->next = n;
  else if (ref->parent)
    ref->parent->children = n;
  ref->prev = n;
}

void html_remove(hdoc *h, xmlNode *n) {
  if (!h->trash) h->trash = xmlNewDocNode(h->doc, NULL, (const xmlChar *)"trash", NULL);
  html_append(h->trash, n);
}

void html_remove_if(hdoc *h, xmlNode *top, html_drop_fn drop, void *ctx) {
  for (xmlNode *n = top->children; n;) {
    if (drop(h, n, ctx)) {
      xmlNode *next = next_node(n, top, true);
      html_remove(h, n);
      n = next;
    } else {
      n = next_node(n, top, false);
    }
  }
}

xmlNode *html_new_el(hdoc *h, const char *name) {
  return xmlNewDocNode(h->doc, NULL, (const xmlChar *)name, NULL);
}

void html_rename(xmlNode *el, const char *name) { xmlNodeSetName(el, (const xmlChar *)name); }

/* ---- measuring */

static bool textish(const xmlNode *n) {
  static const char *const tags[] = {"span", "li", "td",  "blockquote", "dl", "div", "img",
                                     "ol",   "p",  "pre", "table",      "ul", NULL};
  return name_in(n, tags);
}

static bool is_list_el(const xmlNode *n) { return is_el(n, "ul") || is_el(n, "ol"); }

static bool is_embed(const xmlNode *n) {
  return is_el(n, "iframe") || is_el(n, "object") || is_el(n, "embed");
}

/* Players from the big video sites are worth keeping the block around
 * them for (Readability's list); other frames are ads and widgets. */
bool html_video_embed(const xmlNode *n) {
  static const char *const hosts[] = {
      "youtube.com", "youtube-nocookie.com", "player.vimeo.com",     "dailymotion.com",
      "v.qq.com",    "archive.org",          "upload.wikimedia.org", "player.twitch.tv",
      NULL};
  for (xmlAttr *a = n->properties; a; a = a->next) {
    const char *v = a->children && a->children->content ? (const char *)a->children->content : "";
    for (const char *const *host = hosts; *host; host++)
      if (strstr(v, *host)) return true;
  }
  return false;
}

/* Characters of a text node as Readability counts them: white space runs
 * are one character, edges only where the text continues a sibling, and a
 * blank node between blocks counts nothing. */
static void measure_text(const xmlNode *t, hnode *p) {
  const unsigned char *s = (const unsigned char *)t->content;
  if (!s) return;
  uint32_t len = 0, commas = 0;
  bool space = false, any = false;
  for (; *s; s++) {
    if (rd_html_space(*s)) {
      space = true;
      continue;
    }
    if ((*s & 0xC0) == 0x80) continue; /* UTF-8 continuation byte */
    if (space && (any || t->prev)) len++;
    space = false;
    any = true;
    len++;
    if (*s == ',') commas++;
    /* U+060C, U+FE50, U+FE10, U+FE11, U+2E41, U+2E34, U+2E32, U+FF0C */
    else if ((s[0] == 0xD8 && s[1] == 0x8C) || (s[0] == 0xEF && s[1] == 0xB9 && s[2] == 0x90) ||
             (s[0] == 0xEF && s[1] == 0xB8 && (s[2] == 0x90 || s[2] == 0x91)) ||
             (s[0] == 0xE2 && s[1] == 0xB9 && (s[2] == 0x81 || s[2] == 0xB4 || s[2] == 0xB2)) ||
             (s[0] == 0xEF && s[1] == 0xBC && s[2] == 0x8C))
      commas++;
  }
  if (!any) return;
  if (space && t->next) len++;
  p->text += len;
  p->commas += commas;
}

/* Adds child C's figures to its parent's P. */
static void add_child(hdoc *h, xmlNode *c, hnode *p, bool parent_is_p) {
  if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
    uint32_t before = p->text;
    measure_text(c, p);
    if (parent_is_p) p->ptext += p->text - before;
    return;
  }
  if (c->type != XML_ELEMENT_NODE) return;
  if (is_embed(c)) {
    p->nembed++;
    if (html_video_embed(c)) p->flags |= HN_VIDEO;
  }
  if (is_el(c, "input")) p->ninput++;
  if (html_dropped(c)) return;
  hnode *k = html_hn(h, c);
  if (is_el(c, "a")) {
    const char *href = attr(c, "href");
    k->link = k->text * (href && href[0] == '#' && href[1] ? 0.3 : 1.0);
  }
  p->text += k->text;
  p->ptext += is_el(c, "p") ? k->text : k->ptext;
  p->link += k->link;
  p->commas += k->commas;
  p->heads += is_heading(c) ? k->text : k->heads;
  p->lists += is_list_el(c) ? k->text : k->lists;
  p->np += k->np + is_el(c, "p");
  p->nimg += k->nimg + is_el(c, "img");
  p->nli += k->nli + is_el(c, "li");
  p->ninput += k->ninput;
  p->nembed += k->nembed;
  if ((k->flags & (HN_DATA_TABLE | HN_HAS_DATA))) p->flags |= HN_HAS_DATA;
  if ((k->flags & HN_TEXTISH) || (textish(c) && k->text)) p->flags |= HN_TEXTISH;
  if (k->flags & HN_VIDEO) p->flags |= HN_VIDEO;
}

static void reset(hnode *k) {
  k->text = k->ptext = k->commas = k->heads = k->lists = 0;
  k->np = k->nimg = k->nli = k->ninput = k->nembed = 0;
  k->link = 0;
  k->flags &= (uint16_t) ~(HN_HAS_DATA | HN_TEXTISH | HN_VIDEO);
}

void html_measure(hdoc *h, xmlNode *top, html_judge judge, void *ctx) {
  if (top->type != XML_ELEMENT_NODE) return;
  xmlNode *n = top;
  reset(html_hn(h, n));
  for (;;) {
    /* descend into an element's children */
    if (n->type == XML_ELEMENT_NODE && n->children && !html_dropped(n)) {
      n = n->children;
      if (n->type == XML_ELEMENT_NODE) reset(html_hn(h, n));
      continue;
    }
    /* N is complete: judge it, add it to its parent, move on or up */
    for (;;) {
      if (n == top) return;
      xmlNode *p = n->parent, *next = n->next;
      if (judge && n->type == XML_ELEMENT_NODE && !html_dropped(n) && judge(ctx, n, html_hn(h, n)))
        html_remove(h, n);
      else
        add_child(h, n, html_hn(h, p), is_el(p, "p"));
      if (next) {
        n = next;
        if (n->type == XML_ELEMENT_NODE) reset(html_hn(h, n));
        break;
      }
      n = p;
    }
  }
}

/* ---- text similarity */

typedef struct span {
  const char *s;
  size_t n;
} span;

static size_t words(const char *s, span *out, size_t max) {
  size_t k = 0;
  while (*s && k < max) {
    while (*s && !(rd_word_byte((unsigned char)*s) || *s == '_'))
      s++;
    const char *b = s;
    while (*s && (rd_word_byte((unsigned char)*s) || *s == '_'))
      s++;
    if (s > b) out[k++] = (span){b, (size_t)(s - b)};
  }
  return k;
}

double html_similarity(const char *a, const char *b) {
  enum { MAXW = 256 };
  span *wa = oct_xcalloc(2 * MAXW, sizeof *wa), *wb = wa + MAXW;
  size_t na = words(a, wa, MAXW), nb = words(b, wb, MAXW);
  double sim = 0;
  if (na && nb) {
    size_t all = 0, uniq = 0;
    for (size_t i = 0; i < nb; i++) {
      bool found = false;
      for (size_t j = 0; j < na && !found; j++)
        found = wa[j].n == wb[i].n && strncasecmp(wa[j].s, wb[i].s, wb[i].n) == 0;
      all += wb[i].n + (i > 0);
      if (!found) uniq += wb[i].n + (uniq > 0);
    }
    sim = 1.0 - (double)uniq / (double)all;
  }
  free(wa);
  return sim;
}

/* ---- classes a style sheet hides from sight only */

static uint32_t fnv(const char *s, size_t n) {
  uint32_t x = 2166136261u;
  for (size_t i = 0; i < n; i++)
    x = (x ^ (unsigned char)s[i]) * 16777619u;
  return x;
}

static bool sr_find(const hdoc *h, const char *s, size_t n, size_t *slot) {
  if (!h->capsr) return false;
  size_t i = fnv(s, n) & (h->capsr - 1);
  while (h->sr_classes[i]) {
    if (strlen(h->sr_classes[i]) == n && memcmp(h->sr_classes[i], s, n) == 0) return true;
    i = (i + 1) & (h->capsr - 1);
  }
  if (slot) *slot = i;
  return false;
}

static void sr_add(hdoc *h, const char *s, size_t n) {
  /* a page with more such classes than this is not worth the memory */
  if (h->nsr >= 1024 || !n) return;
  if (!h->capsr) {
    h->capsr = 2048;
    h->sr_classes = oct_xcalloc(h->capsr, sizeof *h->sr_classes);
  }
  size_t slot = 0; /* sr_find sets it; gcc -O3 cannot see that */
  if (sr_find(h, s, n, &slot)) return;
  h->sr_classes[slot] = oct_xstrndup(s, n);
  h->nsr++;
}

/* The rule body's declarations, lower-cased without white space, say
 * "visually hidden": out of the flow and clipped or shrunk to a pixel. */
static bool sr_rule(const char *d, size_t n) {
  char buf[512];
  size_t k = 0;
  for (size_t i = 0; i < n && k < sizeof buf - 1; i++)
    if (!rd_html_space((unsigned char)d[i]))
      buf[k++] = (char)oct_ascii_tolower((unsigned char)d[i]);
  buf[k] = '\0';
  if (!strstr(buf, "position:absolute")) return false;
  return strstr(buf, "clip:rect(0") || strstr(buf, "clip:rect(1px") ||
         strstr(buf, "clip-path:inset(50%") ||
         (strstr(buf, "width:1px") && strstr(buf, "height:1px"));
}

/* Reads one style sheet's top-level rules (at-rules such as @media are
 * skipped whole: what they hide depends on the screen). */
static void scan_css(hdoc *h, const char *css) {
  const char *p = css;
  while (*p) {
    while (*p && (rd_html_space((unsigned char)*p) || *p == ';' || *p == '}'))
      p++;
    if (p[0] == '/' && p[1] == '*') {
      const char *e = strstr(p + 2, "*/");
      p = e ? e + 2 : p + strlen(p);
      continue;
    }
    if (!*p) break;
    const char *sel = p;
    while (*p && *p != '{' && *p != ';')
      p++;
    if (*p != '{') continue;
    const char *sel_end = p++;
    const char *body = p;
    int depth = 1;
    while (*p && depth) {
      if (*p == '{') depth++;
      if (*p == '}') depth--;
      p++;
    }
    if (*sel == '@' || depth) continue;
    if (!sr_rule(body, (size_t)(p - 1 - body))) continue;
    /* ".a, .b" : each simple class selector */
    for (const char *s = sel; s < sel_end;) {
      while (s < sel_end && (rd_html_space((unsigned char)*s) || *s == ','))
        s++;
      const char *e = s;
      while (e < sel_end && *e != ',')
        e++;
      const char *t = e;
      while (t > s && rd_html_space((unsigned char)t[-1]))
        t--;
      bool simple = t - s > 1 && *s == '.';
      for (const char *c = s + 1; simple && c < t; c++)
        simple = oct_ascii_alnum((unsigned char)*c) || *c == '-' || *c == '_';
      if (simple) sr_add(h, s + 1, (size_t)(t - s - 1));
      s = e;
    }
  }
}

void html_read_styles(hdoc *h) {
  for (xmlNode *n = h->html; n; n = next_node(n, h->html, false)) {
    if (!is_el(n, "style")) continue;
    oct_buf css = OCT_BUF_INIT;
    for (xmlNode *c = n->children; c; c = c->next)
      if (c->content) oct_buf_puts(&css, (const char *)c->content);
    if (css.data) scan_css(h, css.data);
    oct_buf_free(&css);
  }
}

bool html_sr_only(const hdoc *h, const xmlNode *n) {
  const char *at = h->nsr ? attr(n, "class") : NULL, *c;
  size_t len;
  while (at && (c = html_next_token(&at, &len)))
    if (sr_find(h, c, len, NULL)) return true;
  return false;
}
