/* HTML reader: a saved web page -> the article's document tree.
 *
 * libxml2's forgiving HTML parser builds a DOM; we pick the article element
 * (<article>, <main>, the element with the most paragraph text, <body>),
 * take the metadata from <head> and the article's own header, and walk the
 * article without recursion (hostile pages nest 10,000 divs), mapping
 * elements onto the builder.
 *
 * The walk keeps one frame per open element that records the builder depth
 * before the element pushed anything; leaving the element pops back to that
 * depth.  Paragraphs opened implicitly (text loose in a div or list item)
 * therefore close when their enclosing element ends, or earlier when a
 * block element starts beside them.  A block element met inside inline
 * content (a <div> inside a link, a <p> inside a table cell) is flattened:
 * its text continues the inline content after a line break. */
#include <ctype.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "read/mdhtml_date.h"
#include "read/read.h"
#include "read/smart.h"

/* Room kept under the builder's depth limit for a table (3 levels), a
 * paragraph and a few inline spans. */
#define BLOCK_RESERVE 8

typedef struct text_count {
  size_t text;  /* characters of text below the element (boilerplate excluded) */
  size_t ptext; /* of which inside <p> */
} text_count;

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
  xmlNode *root;
  text_count *counts;
  size_t ncounts;
  frame *frames;
  size_t nframes, capframes;
  bool implicit[OCT_BUILDER_MAX_DEPTH + 2]; /* per builder depth: opened by us, not an element */
  /* inline state of the block being filled */
  oct_smart smart;
  bool has_content, ws_pending, after_break, break_pending;
  bool trail_space; /* the last text emitted ended in a space */
  int in_header;    /* inside a <header> within the article */
  oct_buf tmp, tmp2;
  oct_buf pend; /* inline text not yet given to the builder */
  /* elements already used for metadata, not repeated in the body */
  xmlNode *title_el, *subtitle_el;
  /* a figure whose single image takes the figcaption as its title */
  xmlNode *fig_img, *fig_caption;
  bool fig_used; /* the caption went into the image's title */
  bool warned_deep;
  int line; /* source line of the DOM node being read */
} html_state;

/* ---- small DOM helpers */

static bool is_el(const xmlNode *n, const char *name) {
  return n && n->type == XML_ELEMENT_NODE && xmlStrcasecmp(n->name, (const xmlChar *)name) == 0;
}

static bool name_in(const xmlNode *n, const char *const *names) {
  if (!n || n->type != XML_ELEMENT_NODE) return false;
  for (; *names; names++)
    if (xmlStrcasecmp(n->name, (const xmlChar *)*names) == 0) return true;
  return false;
}

/* Attribute value or NULL; the pointer lives as long as the DOM. */
static const char *attr(const xmlNode *n, const char *name) {
  for (xmlAttr *a = n->properties; a; a = a->next)
    if (xmlStrcasecmp(a->name, (const xmlChar *)name) == 0) {
      if (a->children && a->children->type == XML_TEXT_NODE && a->children->content)
        return (const char *)a->children->content;
      return "";
    }
  return NULL;
}

static bool is_space(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

static bool blank(const char *s) {
  for (; s && *s; s++)
    if (!is_space((unsigned char)*s)) return false;
  return true;
}

/* Appends S with runs of HTML white space collapsed to one space, trimmed. */
static void collapse(const char *s, oct_buf *out) {
  bool space = false;
  size_t start = out->len;
  for (; *s; s++) {
    if (is_space((unsigned char)*s)) {
      space = out->len > start;
      continue;
    }
    if (space) oct_buf_putc(out, ' ');
    space = false;
    oct_buf_putc(out, *s);
  }
}

/* Document-order successor of N below ROOT, not descending when SKIP. */
static xmlNode *next_node(xmlNode *n, const xmlNode *root, bool skip) {
  if (!skip && n->children) return n->children;
  while (n && n != root) {
    if (n->next) return n->next;
    n = n->parent;
  }
  return NULL;
}

/* Collapsed text content of N (without recursion). */
static void text_of(xmlNode *n, oct_buf *out) {
  oct_buf raw = OCT_BUF_INIT;
  for (xmlNode *c = n->children; c; c = next_node(c, n, false)) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
      oct_buf_puts(&raw, (const char *)c->content);
    else if (is_el(c, "br"))
      oct_buf_putc(&raw, ' ');
  }
  collapse(raw.data ? raw.data : "", out);
  oct_buf_free(&raw);
}

static char *text_dup(xmlNode *n) {
  oct_buf b = OCT_BUF_INIT;
  text_of(n, &b);
  return oct_buf_detach(&b);
}

/* ---- boilerplate */

static const char *const dropped_tags[] = {
    "script", "style",  "noscript", "template", "nav",    "aside",  "form",  "iframe", "svg",
    "button", "select", "input",    "textarea", "canvas", "object", "embed", "audio",  "video",
    "map",    "dialog", "head",     "title",    "meta",   "link",   "math",  NULL};

/* Words in class/id that mark page furniture.  Whole words only, so that
 * "header" or "shadow" never match "ad". */
static const char *const furniture_words[] = {
    "ad",          "ads",         "adv",       "advert",       "adverts",  "advertisement",
    "advertising", "sponsor",     "sponsored", "promo",        "promoted", "promotion",
    "newsletter",  "cookie",      "cookies",   "consent",      "sidebar",  "menu",
    "breadcrumb",  "breadcrumbs", "subscribe", "subscription", "share",    "sharing",
    "sharebar",    "social",      "comment",   "comments",     "related",  "popup",
    "modal",       "outbrain",    "taboola",   "paywall",      "signup",   "recommended",
    "byline",      "dateline",    "author",    "tags",         "navbar",   "skip",
    "kicker",      "eyebrow",     NULL};

static bool furniture_class(const char *v) {
  if (!v) return false;
  char word[32];
  while (*v) {
    while (*v && !isalnum((unsigned char)*v))
      v++;
    size_t n = 0;
    while (isalnum((unsigned char)*v)) {
      if (n < sizeof word - 1) word[n++] = (char)tolower((unsigned char)*v);
      v++;
    }
    word[n] = '\0';
    if (!n) continue;
    for (const char *const *w = furniture_words; *w; w++)
      if (strcmp(word, *w) == 0) return true;
  }
  return false;
}

static bool hidden(const xmlNode *n) {
  if (attr(n, "hidden")) return true;
  const char *a = attr(n, "aria-hidden");
  if (a && strcasecmp(a, "true") == 0) return true;
  const char *st = attr(n, "style");
  if (st) {
    /* "display:none" with any spacing */
    oct_buf s = OCT_BUF_INIT;
    for (; *st; st++)
      if (!is_space((unsigned char)*st)) oct_buf_putc(&s, (char)tolower((unsigned char)*st));
    bool none = s.data && (strstr(s.data, "display:none") || strstr(s.data, "visibility:hidden"));
    oct_buf_free(&s);
    if (none) return true;
  }
  return false;
}

static bool furniture_role(const xmlNode *n) {
  static const char *const roles[] = {
      "navigation", "banner", "complementary", "contentinfo", "search", "dialog",
      "alert",      "menu",   "menubar",       "toolbar",     NULL};
  const char *r = attr(n, "role");
  if (!r) return false;
  for (const char *const *p = roles; *p; p++)
    if (strcasecmp(r, *p) == 0) return true;
  return false;
}

/* Dropped whatever its size: never article text. */
static bool dropped_tag(const xmlNode *n) { return name_in(n, dropped_tags) || hidden(n); }

/* Dropped by its class, id or role (judged against the article's size). */
static bool furniture(const xmlNode *n) {
  return furniture_role(n) || furniture_class(attr(n, "class")) || furniture_class(attr(n, "id"));
}

static text_count *count_of(const xmlNode *n) { return n->_private; }

/* Counts text per element, bottom-up and without recursion; elements that
 * are boilerplate count nothing, so a long comment thread never wins the
 * article vote. */
static void count_text(html_state *st, xmlNode *top) {
  size_t nel = 0;
  for (xmlNode *n = top; n; n = next_node(n, top, false))
    if (n->type == XML_ELEMENT_NODE) nel++;
  st->counts = oct_xcalloc(nel ? nel : 1, sizeof *st->counts);
  st->ncounts = nel;
  size_t i = 0;
  for (xmlNode *n = top; n; n = next_node(n, top, false))
    if (n->type == XML_ELEMENT_NODE) n->_private = &st->counts[i++];
  /* post-order: add each node's total to its parent when leaving it */
  xmlNode *n = top;
  while (n) {
    if (n->type == XML_ELEMENT_NODE && n->children && !dropped_tag(n)) {
      n = n->children;
      continue;
    }
    for (;;) {
      text_count *c = n->type == XML_ELEMENT_NODE ? count_of(n) : NULL;
      xmlNode *p = n->parent;
      if (n != top && p && p->type == XML_ELEMENT_NODE) {
        text_count *pc = count_of(p);
        if (n->type == XML_TEXT_NODE && n->content) {
          size_t len = 0;
          for (const xmlChar *s = n->content; *s; s++)
            if (!is_space(*s)) len++;
          pc->text += len;
          if (is_el(p, "p")) pc->ptext += len;
        } else if (c && !dropped_tag(n) && !furniture(n)) {
          pc->text += c->text;
          pc->ptext += is_el(n, "p") ? c->text : c->ptext;
        }
      }
      if (n == top) return;
      if (n->next) {
        n = n->next;
        break;
      }
      n = p;
      if (!n) return;
    }
  }
}

static void clear_private(xmlNode *top) {
  for (xmlNode *n = top; n; n = next_node(n, top, false))
    if (n->type == XML_ELEMENT_NODE) n->_private = NULL;
}

/* <article> (the longest, when a page lists several), else <main> or
 * role=main, else the element holding the most paragraph text directly,
 * else <body>. */
static xmlNode *find_article(xmlNode *body) {
  xmlNode *best = NULL;
  size_t best_len = 0;
  for (xmlNode *n = body; n; n = next_node(n, body, dropped_tag(n)))
    if (is_el(n, "article") && !furniture(n) && (!best || count_of(n)->text > best_len)) {
      best = n;
      best_len = count_of(n)->text;
    }
  if (best && best_len > 0) return best;
  for (xmlNode *n = body; n; n = next_node(n, body, dropped_tag(n))) {
    const char *role = n->type == XML_ELEMENT_NODE ? attr(n, "role") : NULL;
    if (is_el(n, "main") || (role && strcasecmp(role, "main") == 0)) return n;
  }
  /* direct paragraph text: a parent of the paragraphs, not a distant wrapper */
  best = NULL;
  best_len = 0;
  for (xmlNode *n = body; n; n = next_node(n, body, dropped_tag(n) || furniture(n))) {
    if (n->type != XML_ELEMENT_NODE) continue;
    size_t direct = 0;
    for (xmlNode *c = n->children; c; c = c->next)
      if (is_el(c, "p")) direct += count_of(c)->text;
    if (direct > best_len) {
      best = n;
      best_len = direct;
    }
  }
  if (best_len < 200) return body;
  /* a long page split into sections (a manual, a paged-together story):
   * climb while the parent holds much more paragraph text than we do */
  while (best != body && best->parent && best->parent->type == XML_ELEMENT_NODE &&
         count_of(best)->ptext * 10 < count_of(best->parent)->ptext * 6)
    best = best->parent;
  return best;
}

/* ---- metadata */

static const char *meta_content(xmlNode *head, const char *key) {
  for (xmlNode *n = head; n; n = next_node(n, head, false)) {
    if (!is_el(n, "meta")) continue;
    const char *k = attr(n, "property");
    if (!k || strcasecmp(k, key) != 0) k = attr(n, "name");
    if (!k || strcasecmp(k, key) != 0) k = attr(n, "itemprop");
    if (k && strcasecmp(k, key) == 0) {
      const char *c = attr(n, "content");
      if (c && !blank(c)) return c;
    }
  }
  return NULL;
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

/* "Headline | Site", "Headline - Site", "Headline — Site": keep the
 * headline.  A dash only splits off the site name when it is known, so a
 * headline that itself holds a dash survives. */
static void strip_site(oct_buf *t, const char *site) {
  static const char *const seps[] = {
      " | ", " \xE2\x80\x94 ", " \xE2\x80\x93 ", " - ", " \xC2\xB7 ", " :: ", NULL};
  for (const char *const *sep = seps; *sep; sep++) {
    size_t k = strlen(*sep);
    char *last = NULL;
    for (char *p = strstr(t->data, *sep); p; p = strstr(p + 1, *sep))
      last = p;
    if (!last || last == t->data) continue;
    const char *tail = last + k;
    bool pipe = sep == seps;
    if (pipe || (site && strcasecmp(tail, site) == 0)) {
      /* "A | Section | Site": the headline is the first part */
      if (pipe) last = strstr(t->data, *sep);
      t->len = (size_t)(last - t->data);
      t->data[t->len] = '\0';
      return;
    }
  }
}

static bool text_eq(xmlNode *el, const char *s) {
  oct_buf b = OCT_BUF_INIT;
  text_of(el, &b);
  bool eq = b.data && strcasecmp(b.data, s) == 0;
  oct_buf_free(&b);
  return eq;
}

/* The article's headline: its first <h1>, when no real paragraph comes
 * before it (a short kicker or dateline may). */
static xmlNode *find_headline(xmlNode *root) {
  for (xmlNode *n = root; n; n = next_node(n, root, dropped_tag(n))) {
    if (is_el(n, "h1")) return n;
    if (is_el(n, "p") && count_of(n)->text > 100) return NULL;
  }
  return NULL;
}

/* The first h1-h3 before any real paragraph. */
static xmlNode *first_heading(xmlNode *root) {
  static const char *const hs[] = {"h1", "h2", "h3", NULL};
  for (xmlNode *n = root; n; n = next_node(n, root, dropped_tag(n) || furniture(n))) {
    if (name_in(n, hs)) return n;
    if (is_el(n, "p") && count_of(n)->text > 100) return NULL;
  }
  return NULL;
}

static bool subtitle_class(const xmlNode *n) {
  static const char *const words[] = {"subtitle", "dek",        "deck",      "standfirst",
                                      "subhead",  "subheading", "strapline", "summary",
                                      "lede",     "lead",       NULL};
  const char *c = attr(n, "class");
  if (!c) return false;
  char word[32];
  while (*c) {
    while (*c && !isalnum((unsigned char)*c))
      c++;
    size_t n2 = 0;
    while (isalnum((unsigned char)*c)) {
      if (n2 < sizeof word - 1) word[n2++] = (char)tolower((unsigned char)*c);
      c++;
    }
    word[n2] = '\0';
    for (const char *const *w = words; n2 && *w; w++)
      if (strcmp(word, *w) == 0) return true;
  }
  return false;
}

/* Conservative: only an element right after the headline that says it is
 * a subtitle by its class, or an <h2> sharing an <hgroup> or <header> with
 * the headline. */
static xmlNode *find_subtitle(xmlNode *h1) {
  xmlNode *n = h1->next;
  while (n && n->type != XML_ELEMENT_NODE)
    n = n->next;
  if (!n || count_of(n)->text == 0 || count_of(n)->text > 400) return NULL;
  if ((is_el(n, "p") || is_el(n, "h2") || is_el(n, "div")) && subtitle_class(n)) return n;
  if (is_el(n, "h2") && (is_el(h1->parent, "hgroup") || is_el(h1->parent, "header"))) return n;
  return NULL;
}

/* "By Jane Doe | 3 March" -> "Jane Doe" */
static void clean_byline(oct_buf *a) {
  char *s = a->data;
  if (!s) return;
  static const char *const lead[] = {"written by ", "posted by ", "by ", NULL};
  for (const char *const *l = lead; *l; l++)
    if (strncasecmp(s, *l, strlen(*l)) == 0) {
      s += strlen(*l);
      break;
    }
  size_t n = strlen(s);
  static const char *const cuts[] = {"|", "\xC2\xB7", "\xE2\x80\xA2", " on ", " - ", NULL};
  for (const char *const *c = cuts; *c; c++) {
    char *p = strstr(s, *c);
    if (p && (size_t)(p - s) < n) n = (size_t)(p - s);
  }
  while (n && is_space((unsigned char)s[n - 1]))
    n--;
  memmove(a->data, s, n);
  a->len = n;
  a->data[n] = '\0';
}

/* Sets the date from V when none is set yet: an ISO 8601 timestamp's
 * calendar date, or a date written out ("11 March 2025, 6:42pm"). */
static void set_date(html_state *st, const char *v) {
  char d[11];
  if (!v || oct_doc_meta(st->b.doc, OCT_META_DATE)) return;
  while (is_space((unsigned char)*v))
    v++;
  if (mdhtml_date_at(v, d) || mdhtml_find_date(v, d)) oct_doc_set_meta(st->b.doc, OCT_META_DATE, d);
}

/* "Heading - Book Name", "Heading | Site": when the page's heading says
 * where the headline ends, T becomes the heading's text. */
static bool headline_prefix(oct_buf *t, xmlNode *h) {
  oct_buf ht = OCT_BUF_INIT;
  text_of(h, &ht);
  bool yes = ht.len && ht.len + 2 < t->len && strncasecmp(t->data, ht.data, ht.len) == 0 &&
             t->data[ht.len] == ' ' && strchr("|-:\xC2\xE2", t->data[ht.len + 1]);
  if (yes) {
    oct_buf_clear(t);
    oct_buf_put(t, ht.data, ht.len);
  }
  oct_buf_free(&ht);
  return yes;
}

static bool head_title_starts_with(xmlNode *head, xmlNode *el) {
  bool yes = false;
  for (xmlNode *n = head; n; n = next_node(n, head, false))
    if (is_el(n, "title")) {
      oct_buf t = OCT_BUF_INIT, h = OCT_BUF_INIT;
      text_of(n, &t);
      text_of(el, &h);
      yes = h.len && t.len >= h.len && strncasecmp(t.data, h.data, h.len) == 0;
      oct_buf_free(&t);
      oct_buf_free(&h);
      break;
    }
  return yes;
}

/* Structured data (<script type="application/ld+json">) is where many news
 * sites keep author and date.  Only one string value is wanted, so a scan
 * for "KEY": "value" (or "KEY": {... "SUB": "value") stands in for a JSON
 * parser we would otherwise have to depend on. */
static const char *after_key(const char *s, const char *key) {
  char pat[40];
  snprintf(pat, sizeof pat, "\"%s\"", key);
  const char *p = s ? strstr(s, pat) : NULL;
  if (!p) return NULL;
  p += strlen(pat);
  while (is_space((unsigned char)*p) || *p == ':')
    p++;
  return p;
}

static bool ld_string(xmlNode *top, const char *key, const char *sub, oct_buf *out) {
  for (xmlNode *n = top; n; n = next_node(n, top, false)) {
    const char *type = is_el(n, "script") ? attr(n, "type") : NULL;
    if (!type || strcasecmp(type, "application/ld+json") != 0) continue;
    oct_buf js = OCT_BUF_INIT;
    for (xmlNode *c = n->children; c; c = c->next)
      if (c->content) oct_buf_puts(&js, (const char *)c->content);
    const char *p = after_key(js.data, key);
    /* "author": {"@type": "Person", "name": "..."} or a list of them */
    if (p && sub && (*p == '{' || *p == '[')) p = after_key(p, sub);
    if (p && *p == '"') {
      for (p++; *p && *p != '"'; p++) {
        if (*p == '\\' && p[1]) p++;
        oct_buf_putc(out, *p);
      }
    }
    oct_buf_free(&js);
    if (out->len) return true;
  }
  return false;
}

static void read_meta(html_state *st, xmlNode *html, xmlNode *head, xmlNode *root) {
  oct_node *doc = st->b.doc;
  const char *site = head ? meta_content(head, "og:site_name") : NULL;

  /* title */
  st->title_el = find_headline(root);
  if (!st->title_el) {
    /* the headline may sit in a page header outside the article element */
    xmlNode *body = root;
    while (body->parent && body->parent->type == XML_ELEMENT_NODE && !is_el(body, "body"))
      body = body->parent;
    int n1 = 0;
    xmlNode *h1 = NULL;
    for (xmlNode *n = body; n; n = next_node(n, body, dropped_tag(n)))
      if (is_el(n, "h1") && n1++ == 0) h1 = n;
    /* ... unless it is the site's name: <title> must start with it */
    if (n1 == 1 && head_title_starts_with(head, h1)) st->title_el = h1;
  }
  oct_buf t = OCT_BUF_INIT;
  const char *og = head ? meta_content(head, "og:title") : NULL;
  if (og) {
    collapse(og, &t);
    if (st->title_el) headline_prefix(&t, st->title_el);
  } else if (st->title_el) {
    text_of(st->title_el, &t);
  } else {
    for (xmlNode *n = head; n; n = next_node(n, head, false))
      if (is_el(n, "title")) {
        text_of(n, &t);
        break;
      }
    xmlNode *h = first_heading(root);
    if (h && headline_prefix(&t, h)) st->title_el = h;
  }
  if (t.len) strip_site(&t, site);
  if (t.len) set_meta_text(st, OCT_META_TITLE, t.data, true);
  /* an <h1> that says something else than the title stays in the body */
  if (st->title_el && og && t.len && !text_eq(st->title_el, t.data)) {
    oct_buf h = OCT_BUF_INIT;
    text_of(st->title_el, &h);
    bool contained = h.len && strstr(t.data, h.data);
    oct_buf_free(&h);
    if (!contained) st->title_el = NULL;
  }
  oct_buf_free(&t);
  if (st->title_el) st->subtitle_el = find_subtitle(st->title_el);
  if (st->subtitle_el) {
    char *s = text_dup(st->subtitle_el);
    set_meta_text(st, OCT_META_SUBTITLE, s, true);
    free(s);
  }

  /* author */
  const char *author = head ? meta_content(head, "author") : NULL;
  const char *aa = head ? meta_content(head, "article:author") : NULL;
  if (!author && aa && !strstr(aa, "://")) author = aa;
  if (author) set_meta_text(st, OCT_META_AUTHOR, author, true);
  oct_buf ld = OCT_BUF_INIT;
  if (!author && html && ld_string(html, "author", "name", &ld))
    set_meta_text(st, OCT_META_AUTHOR, ld.data, true);
  oct_buf_clear(&ld);
  for (xmlNode *n = root; n && !oct_doc_meta(doc, OCT_META_AUTHOR);
       n = next_node(n, root, dropped_tag(n))) {
    if (n->type != XML_ELEMENT_NODE) continue;
    const char *rel = attr(n, "rel");
    const char *ip = attr(n, "itemprop");
    const char *cls = attr(n, "class");
    bool byline = (rel && strcasecmp(rel, "author") == 0) || (ip && strcasecmp(ip, "author") == 0);
    if (!byline && cls && *cls) {
      oct_buf lc = OCT_BUF_INIT;
      for (const char *c = cls; *c; c++)
        oct_buf_putc(&lc, (char)tolower((unsigned char)*c));
      byline = strstr(lc.data, "byline") || strstr(lc.data, "author");
      oct_buf_free(&lc);
    }
    if (!byline) continue;
    oct_buf a = OCT_BUF_INIT;
    text_of(n, &a);
    clean_byline(&a);
    if (a.len && a.len < 120) set_meta_text(st, OCT_META_AUTHOR, a.data, true);
    oct_buf_free(&a);
  }

  /* date */
  if (head) {
    set_date(st, meta_content(head, "article:published_time"));
    set_date(st, meta_content(head, "datePublished"));
    set_date(st, meta_content(head, "date"));
  }
  if (html && !oct_doc_meta(doc, OCT_META_DATE) && ld_string(html, "datePublished", NULL, &ld))
    set_date(st, ld.data);
  oct_buf_free(&ld);
  for (xmlNode *n = root; n && !oct_doc_meta(doc, OCT_META_DATE);
       n = next_node(n, root, dropped_tag(n)))
    if (is_el(n, "time")) set_date(st, attr(n, "datetime"));
  /* no machine-readable date: the text of a <time>, a dateline or byline */
  for (xmlNode *n = root; n && !oct_doc_meta(doc, OCT_META_DATE);
       n = next_node(n, root, dropped_tag(n))) {
    const char *cls = n->type == XML_ELEMENT_NODE ? attr(n, "class") : NULL;
    bool dated = is_el(n, "time") || (cls && (strstr(cls, "date") || strstr(cls, "byline") ||
                                              strstr(cls, "published") || strstr(cls, "meta")));
    if (!dated) continue;
    char *text = text_dup(n);
    if (strlen(text) < 200) set_date(st, text);
    free(text);
  }

  /* language: BCP 47 uses '-', og:locale '_' */
  const char *lang = html ? attr(html, "lang") : NULL;
  if (!lang || blank(lang)) lang = html ? attr(html, "xml:lang") : NULL;
  if ((!lang || blank(lang)) && head) lang = meta_content(head, "og:locale");
  if (lang && !blank(lang)) {
    oct_buf l = OCT_BUF_INIT;
    collapse(lang, &l);
    for (size_t i = 0; i < l.len; i++)
      if (l.data[i] == '_') l.data[i] = '-';
    oct_doc_set_meta(doc, OCT_META_LANGUAGE, l.data);
    oct_buf_free(&l);
  }

  if (head) {
    const char *d = meta_content(head, "description");
    if (!d) d = meta_content(head, "og:description");
    set_meta_text(st, OCT_META_DESCRIPTION, d, true);
    const char *kw = meta_content(head, "keywords");
    if (kw) set_meta_text(st, OCT_META_SUBJECT, kw, false);
  }
}

/* ---- building */

static void warn_deep(html_state *st) {
  if (st->warned_deep) return;
  st->warned_deep = true;
  oct_warn(st->err, "nesting deeper than %d levels flattened", st->b.max_depth - BLOCK_RESERVE);
}

/* A container of flowing blocks (document, quote, list item): the tree's
 * own rule, so the readers never disagree with it. */
static bool is_flow(const oct_node *n) { return oct_node_can_contain(n->type, OCT_NODE_PARAGRAPH); }

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

/* Text is gathered here and handed to the builder once per run: appending
 * each DOM text node to the text node would copy the paragraph each time
 * (a paragraph of 400,000 commented words took 51 s). */
static void flush_text(html_state *st) {
  if (!st->pend.len) return;
  oct_builder_text(&st->b, st->pend.data, st->pend.len);
  oct_buf_clear(&st->pend);
}

static oct_node *leaf(html_state *st, oct_node_type t) {
  flush_text(st);
  oct_node *n = oct_builder_leaf(&st->b, t);
  if (n) n->line = st->line;
  return n;
}

static oct_node *push(html_state *st, oct_node_type t, int reserve, bool implicit) {
  flush_text(st);
  if (st->b.depth >= st->b.max_depth - reserve) {
    warn_deep(st);
    return NULL;
  }
  oct_node *n = oct_builder_push(&st->b, t);
  if (n) {
    st->implicit[st->b.depth] = implicit;
    n->line = st->line;
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
  flush_text(st);
  oct_node *n = st->b.cur;
  if (oct_builder_pop(&st->b) != 0) return;
  /* "<p>text<br></p>": a break before the end of a block breaks nothing */
  while (n->last_child && n->last_child->type == OCT_NODE_LINE_BREAK) {
    oct_node *br = n->last_child;
    oct_node_unlink(br);
    oct_node_free(br);
  }
  if ((!n->first_child && n->type != OCT_NODE_TABLE_CELL) || spacer(n)) {
    oct_node_unlink(n);
    oct_node_free(n);
  }
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
  if (is_flow(st->b.cur)) {
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
    oct_smart_run(&st->smart, " ", 1, &st->pend);
    st->trail_space = true;
  }
  st->ws_pending = st->break_pending = false;
}

/* A link whose text is its own address: a URL, not prose to smarten. */
static bool is_link_target(const oct_node *cur, const char *s, size_t n) {
  const char *url = cur->type == OCT_NODE_LINK ? cur->as.link.url : NULL;
  size_t len = url ? strlen(url) : 0;
  return n && n <= len && memcmp(url + len - n, s, n) == 0;
}

/* Text run: whitespace collapsed as a browser does, then smartened. */
static void add_text(html_state *st, const char *s, bool smart) {
  if (blank(s)) {
    if (is_inline_ctx(st->b.cur)) st->ws_pending = true;
    return;
  }
  if (!ensure_inline(st)) return;
  if (is_space((unsigned char)*s)) st->ws_pending = true;
  oct_buf_clear(&st->tmp2);
  collapse(s, &st->tmp2);
  flush_space(st);
  if (smart && !is_link_target(st->b.cur, st->tmp2.data, st->tmp2.len))
    oct_smart_run(&st->smart, st->tmp2.data, st->tmp2.len, &st->pend);
  else
    oct_buf_put(&st->pend, st->tmp2.data, st->tmp2.len);
  st->has_content = true;
  st->after_break = st->trail_space = false;
  size_t n = strlen(s);
  st->ws_pending = n && is_space((unsigned char)s[n - 1]);
}

static void line_break(html_state *st) {
  if (!is_inline_ctx(st->b.cur) || !st->has_content) return;
  flush_text(st);
  oct_node *last = st->b.cur->last_child;
  if (last && last->type == OCT_NODE_LINE_BREAK && st->b.cur->type == OCT_NODE_PARAGRAPH &&
      st->implicit[st->b.depth]) {
    /* <br><br> in loose text is how old pages separate paragraphs */
    oct_node_unlink(last);
    oct_node_free(last);
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
    for (const char *p = cls; *p;) {
      while (*p && is_space((unsigned char)*p))
        p++;
      const char *e = p;
      while (*e && !is_space((unsigned char)*e))
        e++;
      for (const char *const *pf = prefixes; *pf; pf++) {
        size_t k = strlen(*pf);
        if ((size_t)(e - p) > k && strncasecmp(p, *pf, k) == 0)
          return oct_xstrndup(p + k, (size_t)(e - p - k));
      }
      p = e;
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
  if (is_flow(st->b.cur) || is_list(st->b.cur)) {
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
  text_of(el, &code);
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

static void add_image(html_state *st, xmlNode *el) {
  const char *src = image_src(el);
  if (!src || tiny(el)) return;
  const char *alt = attr(el, "alt");
  if (is_list(st->b.cur)) push(st, OCT_NODE_LIST_ITEM, 0, true);
  if (is_flow(st->b.cur) && !small_image(el)) {
    /* nothing inline before it: a block of its own */
    oct_node *img = leaf(st, OCT_NODE_IMAGE);
    if (!img) return;
    oct_buf a = OCT_BUF_INIT, t = OCT_BUF_INIT;
    if (alt) collapse(alt, &a);
    if (el == st->fig_img && st->fig_caption) {
      text_of(st->fig_caption, &t);
      st->fig_used = true;
    } else if (attr(el, "title"))
      collapse(attr(el, "title"), &t);
    oct_node_set_image(img, src, a.len ? a.data : NULL, t.len ? t.data : NULL);
    oct_buf_free(&a);
    oct_buf_free(&t);
    return;
  }
  if (alt && !blank(alt)) add_text(st, alt, true);
}

static void frame_push(html_state *st, xmlNode *el, bool block) {
  if (st->nframes == st->capframes) {
    st->capframes = st->capframes ? st->capframes * 2 : 64;
    st->frames = oct_xrealloc(st->frames, st->capframes * sizeof *st->frames);
  }
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
 * another table, long cells or says it is presentational is not data. */
static bool layout_table(xmlNode *table) {
  const char *role = attr(table, "role");
  if (role && (strcasecmp(role, "presentation") == 0 || strcasecmp(role, "none") == 0)) return true;
  for (xmlNode *n = table->children; n; n = next_node(n, table, false)) {
    if (is_el(n, "table")) return true;
    if ((is_el(n, "td") || is_el(n, "th")) && count_of(n)->text > 400) return true;
  }
  return false;
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
      while (*p == ':' || is_space((unsigned char)*p))
        p++;
      size_t n = 0;
      while (isalpha((unsigned char)p[n]) && n < sizeof v - 1)
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

/* Handles an element start.  Returns true to descend into its children. */
static bool enter(html_state *st, xmlNode *el) {
  if (el == st->title_el || el == st->subtitle_el) return false;
  if (el == st->fig_caption && st->fig_used) return false;
  if (dropped_tag(el)) return false;
  /* site header and footer, when no article element could be found */
  if (name_in(el, (const char *const[]){"header", "footer", NULL}) && is_el(st->root, "body"))
    return false;
  if (furniture(el)) {
    /* a class that sounds like furniture on what is really the article */
    text_count *c = count_of(el), *r = count_of(st->root);
    if (!(c && r && r->text && c->text * 2 > r->text)) return false;
  }
  if (is_el(el, "time") && st->in_header) return false;

  bool block = name_in(el, block_tags);
  if (block) block_boundary(st);
  oct_node *cur = st->b.cur;
  bool flow = is_flow(cur);
  bool list = is_list(cur);

  if (is_el(el, "br")) {
    line_break(st);
    return false;
  }
  if (is_el(el, "img")) {
    add_image(st, el);
    return false;
  }
  if (is_el(el, "pre")) {
    add_pre(st, el);
    return false;
  }
  if (name_in(el, (const char *const[]){"code", "kbd", "samp", "tt", NULL})) {
    add_code(st, el);
    return false;
  }
  if (is_el(el, "hr")) {
    if (flow) leaf(st, OCT_NODE_THEMATIC_BREAK);
    return false;
  }

  /* list items: an implicit item before any non-item content of a list */
  if (is_el(el, "li")) {
    if (cur->type == OCT_NODE_LIST_ITEM && st->implicit[st->b.depth]) {
      pop(st);
      cur = st->b.cur;
    }
    frame_push(st, el, true);
    if (is_list(cur) && push(st, OCT_NODE_LIST_ITEM, BLOCK_RESERVE - 1, false))
      start_inline_block(st);
    return true;
  }
  if (block && list && !name_in(el, (const char *const[]){"div", "section", "span", NULL})) {
    if (push(st, OCT_NODE_LIST_ITEM, 0, true)) {
      cur = st->b.cur;
      flow = true;
    }
  }

  frame_push(st, el, block);
  frame *f = &st->frames[st->nframes - 1];
  if (is_el(el, "header")) {
    f->pre_header = true;
    st->in_header++;
  }

  if (flow) {
    if (el->name[0] == 'h' && el->name[1] >= '1' && el->name[1] <= '6' && !el->name[2]) {
      if (push(st, OCT_NODE_HEADING, 1, false)) {
        oct_node_set_heading_level(st->b.cur, el->name[1] - '0');
        start_inline_block(st);
      }
      return true;
    }
    if (name_in(el, (const char *const[]){"p", "dt", "dd", "figcaption", "address", "summary",
                                          "caption", NULL})) {
      f->base = st->b.depth; /* the paragraph opens on its first content */
      return true;
    }
    if (is_el(el, "blockquote")) {
      push(st, OCT_NODE_BLOCK_QUOTE, BLOCK_RESERVE, false);
      return true;
    }
    if (is_el(el, "ul") || is_el(el, "ol")) {
      bool ol = is_el(el, "ol");
      if (push(st, ol ? OCT_NODE_ORDERED_LIST : OCT_NODE_BULLET_LIST, BLOCK_RESERVE + 1, false) &&
          ol) {
        const char *s = attr(el, "start");
        if (s && atoi(s) > 0) oct_node_set_list_start(st->b.cur, atoi(s));
      }
      return true;
    }
    if (is_el(el, "table") && layout_table(el)) return true; /* transparent */
    if (is_el(el, "table")) {
      /* the caption goes before the table as a paragraph of its own */
      for (xmlNode *c = el->children; c; c = c->next)
        if (is_el(c, "caption")) {
          char *cap = text_dup(c);
          if (*cap && push(st, OCT_NODE_PARAGRAPH, 0, false)) {
            start_inline_block(st);
            add_text(st, cap, true);
            pop(st);
          }
          free(cap);
          break;
        }
      push(st, OCT_NODE_TABLE, BLOCK_RESERVE - 3, false);
      return true;
    }
    if (is_el(el, "figure")) {
      /* one image: the caption becomes its title */
      xmlNode *img = NULL, *cap = NULL;
      int nimg = 0;
      bool img_first = false;
      for (xmlNode *c = el->children; c; c = next_node(c, el, false)) {
        if (is_el(c, "img")) img = c, nimg++;
        if (is_el(c, "figcaption") && !cap) cap = c, img_first = img != NULL;
      }
      /* a caption above the image has already been read as a paragraph
       * by the time the image comes */
      if (nimg == 1 && cap && img_first) {
        st->fig_img = img;
        st->fig_caption = cap;
        st->fig_used = false;
      }
      return true;
    }
  }
  if (is_el(el, "caption")) return false;
  if (cur->type == OCT_NODE_TABLE || cur->type == OCT_NODE_TABLE_ROW) {
    if (is_el(el, "tr") && cur->type == OCT_NODE_TABLE) {
      push(st, OCT_NODE_TABLE_ROW, 0, false);
      return true;
    }
    if (is_el(el, "td") || is_el(el, "th")) {
      if (cur->type == OCT_NODE_TABLE && !push(st, OCT_NODE_TABLE_ROW, 0, true)) return true;
      bool head = is_el(el, "th") || (el->parent && is_el(el->parent->parent, "thead"));
      if (push(st, OCT_NODE_TABLE_CELL, 0, false)) {
        oct_node_set_cell(st->b.cur, head, cell_align(el));
        start_inline_block(st);
      }
      return true;
    }
    return true; /* thead, tbody, stray wrappers */
  }
  if (block) return true; /* transparent, or flattened inside inline content */

  /* inline elements */
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
    text_count *c = count_of(el);
    bool has_img = false;
    for (xmlNode *d = el->children; d && !has_img; d = next_node(d, el, false))
      has_img = is_el(d, "img");
    if (usable && c && c->text == 0 && has_img) usable = false;
    if (usable && !in_link(st)) t = OCT_NODE_LINK;
  }
  if (t != OCT_NODE_NONE) {
    if (!ensure_inline(st)) return true;
    flush_space(st);
    f->base = st->b.depth;
    if (push(st, t, 1, false) && t == OCT_NODE_LINK) {
      oct_buf u = OCT_BUF_INIT;
      collapse(attr(el, "href"), &u);
      oct_node_set_url(st->b.cur, u.data);
      const char *title = attr(el, "title");
      if (title && !blank(title)) oct_node_set_title(st->b.cur, title);
      oct_buf_free(&u);
    }
    return true;
  }
  if (is_el(el, "q")) {
    f->quote = true;
    add_text(st, "\"", true);
    st->ws_pending = false;
    return true;
  }
  return true; /* span, font, abbr, sup, ...: transparent */
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
    pop_to(st, f.base);
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

oct_node *oct_read_html(const char *utf8, size_t len, oct_error *err) {
  oct_node *doc = NULL;
  html_state st;
  memset(&st, 0, sizeof st);
  st.err = err;
  if (len > INT_MAX) {
    oct_error_set(err, "HTML file too large (%zu bytes)", len);
    return NULL;
  }
  xmlInitParser();
  /* The input is already UTF-8 (encoding.c decoded it): IGNORE_ENC keeps a
   * stale <meta charset> from decoding it a second time. */
  htmlDocPtr hd = htmlReadMemory(utf8, (int)len, NULL, "UTF-8",
                                 HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                                     HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC |
                                     HTML_PARSE_COMPACT | XML_PARSE_HUGE);
  if (!hd) {
    oct_error_set(err, "the HTML parser could not read the file");
    return NULL;
  }
  xmlNode *html = xmlDocGetRootElement(hd);
  xmlNode *head = NULL, *body = NULL;
  for (xmlNode *c = html ? html->children : NULL; c; c = c->next) {
    if (is_el(c, "head") && !head) head = c;
    if (is_el(c, "body") && !body) body = c;
  }
  if (!body) body = html;
  oct_builder_init(&st.b, err);
  if (!body) {
    doc = oct_builder_finish(&st.b);
    goto out;
  }
  count_text(&st, html);
  st.root = find_article(body);
  read_meta(&st, html, head, st.root);
  walk(&st, st.root);
  pop_to(&st, 0);
  flush_text(&st);
  doc = oct_builder_finish(&st.b);
out:
  if (html) clear_private(html);
  free(st.counts);
  free(st.frames);
  oct_buf_free(&st.tmp);
  oct_buf_free(&st.tmp2);
  oct_buf_free(&st.pend);
  xmlFreeDoc(hd);
  return doc;
}
