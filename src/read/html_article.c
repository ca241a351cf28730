/* HTML reader: which part of a saved page is the article.
 *
 * The method is the one reader modes have refined on real pages since
 * Arc90's Readability (Mozilla's Readability.js is its living form): drop
 * what cannot be article (hidden, page furniture by its class words), score
 * every paragraph by its text (length, commas), hand the score to its
 * parent and, divided, to its grandparents, scale each candidate by its
 * share of non-link text, take the best, widen it when close rivals share
 * an ancestor, merge in siblings that carry article text, clean the result
 * (conditional removal of link lists, image strips, furniture), and when
 * it holds under 500 characters start again with relaxed rules.  Ours
 * differs where measurement on saved pages said so:
 *  - class and id words match whole words, not substrings ("promotion" is
 *    not "promo", "commentary" is not "comment");
 *  - every figure (text, link text, commas, paragraphs...) is measured
 *    bottom-up in one pass, so the cost stays linear in the page's size
 *    where the scripts re-read each subtree (10,000 nested blocks);
 *  - <article>, <main>, itemprop=articleBody and JSON-LD articleBody are
 *    weighed as evidence (html_evidence.c), never taken as the answer.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "read/html_internal.h"

enum { F_STRIP_UNLIKELY = 1, F_WEIGHT_CLASSES = 2, F_CLEAN_CONDITIONALLY = 4 };

/* Under this many characters the result is not an article: retry with
 * relaxed rules (Readability's threshold, which the corpus confirms). */
#define CHAR_THRESHOLD 500
#define N_TOP 5

/* Class/id words of page parts that are almost never the article. */
static const char *const unlikely_words[] = {
    "ad",           "ads",         "ai2html",    "banner",
    "breadcrumb",   "breadcrumbs", "combx",      "comment",
    "comments",     "commentlist", "community",  "disqus",
    "extra",        "footer",      "gdpr",       "legends",
    "menu",         "related",     "remark",     "replies",
    "rss",          "shoutbox",    "sidebar",    "skyscraper",
    "social",       "sponsor",     "sponsored",  "supplemental",
    "agegate",      "pagination",  "pager",      "popup",
    "relatedposts", "masthead",    "newsletter", "subscribe",
    "subscription", "signup",      "paywall",    "cookie",
    "cookies",      "consent",     "promo",      "outbrain",
    "taboola",      "cover-wrap",  "ad-break",   "yom-remote",
    "*footer",      "*sidebar",    "*banner",    "*menu",
    "*comments",    "most-read",   "mostread",   "most-popular",
    "trending",     NULL};
/* A header is page furniture, unless it is the header of an <article>
 * (where the headline and byline are). */
static const char *const header_words[] = {"header", "*header", NULL};
/* ... unless these say the part holds the article after all. */
static const char *const maybe_words[] = {
    "and",       "article",  "body",     "column",   "main",     "shadow", "content",
    "subheader", "article*", "*article", "content*", "*content", "*body",  NULL};
static const char *const positive_words[] = {
    "article",      "articles",       "body",        "content",     "entry",        "hentry",
    "main",         "page",           "pagination",  "post",        "text",         "blog",
    "story",        "articlebody",    "storybody",   "postbody",    "entrycontent", "postcontent",
    "storycontent", "articlecontent", "maincontent", "articletext", "storytext",    NULL};
static const char *const negative_words[] = {
    "ad",      "hidden",     "hid",     "banner",    "combx",     "comment", "comments", "com",
    "contact", "foot",       "footer",  "footnote",  "footnotes", "gdpr",    "masthead", "media",
    "meta",    "outbrain",   "promo",   "promos",    "related",   "scroll",  "share",    "shoutbox",
    "sidebar", "skyscraper", "sponsor", "sponsored", "shopping",  "tags",    "widget",   "widgets",
    "taboola", "newsletter", "toc",     NULL};
static const char *const byline_words[] = {"byline", "author", "dateline", "writtenby", NULL};
static const char *const share_words[] = {"share", "sharedaddy", "sharing", "sharebar", NULL};
static const char *const unlikely_roles[] = {"menu",  "menubar",     "complementary", "navigation",
                                             "alert", "alertdialog", "dialog",        NULL};

typedef struct grab {
  hdoc *h;
  unsigned flags;
  article_hints *hints;
  bool title_removed, byline_removed;
  xmlNode **list; /* elements to score */
  size_t n, cap;
  xmlNode **cands;
  size_t ncands, capcands;
  /* the element chosen, by where it is in the source, to compare attempts */
  long top_line;
  char top_name[16];
} grab;

static void push_el(xmlNode ***arr, size_t *n, size_t *cap, xmlNode *el) {
  OCT_GROW(*arr, *n, *cap);
  (*arr)[(*n)++] = el;
}

static int class_weight(const grab *g, const xmlNode *el) {
  if (!(g->flags & F_WEIGHT_CLASSES)) return 0;
  int w = 0;
  const char *v[2] = {attr(el, "class"), attr(el, "id")};
  for (int i = 0; i < 2; i++) {
    if (!v[i] || !*v[i]) continue;
    if (html_words_match(v[i], negative_words)) w -= 25;
    if (html_words_match(v[i], positive_words)) w += 25;
  }
  return w;
}

static bool is_p_like(hdoc *h, xmlNode *n) {
  return is_el(n, "p") || (has_private(n) && (html_hn(h, n)->flags & HN_AS_P));
}

/* ---- preparing the document (once per parse) */

static bool is_embed(const xmlNode *n) {
  return is_el(n, "iframe") || is_el(n, "object") || is_el(n, "embed") || is_el(n, "video") ||
         is_el(n, "audio");
}

static bool whitespace_node(const xmlNode *n) {
  return ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
          blank((const char *)n->content)) ||
         is_el(n, "br");
}

/* The next sibling that is an element or holds text. */
static xmlNode *next_solid(xmlNode *n) {
  while (n && n->type != XML_ELEMENT_NODE &&
         (n->type != XML_TEXT_NODE || blank((const char *)n->content)))
    n = n->next;
  return n;
}

static const char *const phrasing_tags[] = {
    "abbr",     "audio",    "b",      "bdo",      "br",     "button",   "cite",   "code",
    "data",     "datalist", "dfn",    "em",       "embed",  "i",        "img",    "input",
    "kbd",      "label",    "mark",   "math",     "meter",  "noscript", "object", "output",
    "progress", "q",        "ruby",   "samp",     "script", "select",   "small",  "span",
    "strong",   "sub",      "sup",    "textarea", "time",   "var",      "wbr",    "font",
    "u",        "s",        "strike", "tt",       "big",    NULL};

/* Phrasing content: text, an inline element, or a link/del/ins holding
 * only phrasing content (looked into without recursion). */
static bool phrasing(xmlNode *n) {
  if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) return true;
  if (n->type != XML_ELEMENT_NODE) return true; /* comments */
  if (name_in(n, phrasing_tags)) return true;
  static const char *const wrappers[] = {"a", "del", "ins", NULL};
  if (!name_in(n, wrappers)) return false;
  for (xmlNode *c = n->children; c; c = next_node(c, n, !name_in(c, wrappers))) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (!name_in(c, phrasing_tags) && !name_in(c, wrappers)) return false;
  }
  return true;
}

/* "<br><br>" chains in loose text separate paragraphs: the text after
 * one becomes a <p> of its own, so that it is scored like one. */
static void replace_brs(hdoc *h) {
  xmlNode **brs = NULL;
  size_t n = 0, cap = 0;
  for (xmlNode *c = h->body; c; c = next_node(c, h->body, false))
    if (is_el(c, "br")) push_el(&brs, &n, &cap, c);
  for (size_t i = 0; i < n; i++) {
    xmlNode *br = brs[i];
    if (!br->parent || br->parent == h->trash) continue;
    xmlNode *next = br->next;
    bool replaced = false;
    while ((next = next_solid(next)) && is_el(next, "br")) {
      replaced = true;
      xmlNode *sib = next->next;
      html_remove(h, next);
      next = sib;
    }
    if (!replaced) continue;
    xmlNode *p = html_new_el(h, "p");
    html_insert_before(br, p);
    html_remove(h, br);
    next = p->next;
    while (next) {
      if (is_el(next, "br")) {
        xmlNode *after = next_solid(next->next);
        if (after && is_el(after, "br")) break;
      }
      if (!phrasing(next)) break;
      xmlNode *sib = next->next;
      html_append(p, next);
      next = sib;
    }
    while (p->last && whitespace_node(p->last))
      html_remove(h, p->last);
    if (is_el(p->parent, "p")) html_rename(p->parent, "div");
  }
  free(brs);
}

/* A lazy-loading page shows a placeholder <img> and keeps the real one in
 * the <noscript> after it: the real one takes the placeholder's place. */
static void unwrap_noscript_images(hdoc *h) {
  for (xmlNode *n = h->body; n; n = next_node(n, h->body, is_el(n, "noscript"))) {
    if (!is_el(n, "noscript")) continue;
    xmlNode *img = NULL;
    int nimg = 0;
    bool text = false;
    for (xmlNode *c = n->children; c; c = next_node(c, n, false)) {
      if (is_el(c, "img")) img = c, nimg++;
      if (c->type == XML_TEXT_NODE && !blank((const char *)c->content)) text = true;
    }
    if (nimg != 1 || text) continue;
    xmlNode *prev = n->prev;
    while (prev && prev->type != XML_ELEMENT_NODE)
      prev = prev->prev;
    /* the placeholder: an image, or a wrapper holding one image only */
    xmlNode *old = prev;
    while (old && !is_el(old, "img") && old->children && first_el(old->children) &&
           !next_solid(first_el(old->children)->next) && first_el(old->children) == old->last)
      old = first_el(old->children);
    if (!old || !is_el(old, "img")) continue;
    html_insert_before(prev, img);
    html_remove(h, prev);
  }
}

/* Scripts, styles, navigation, hidden parts: never article text.
 * Embedded players stay until the cleaning counts them. */
static bool never_text(hdoc *h, xmlNode *n, void *ctx) {
  (void)ctx;
  return n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE ||
         (html_dropped(n) && !is_embed(n)) ||
         (n->type == XML_ELEMENT_NODE && (html_hidden(n) || html_sr_only(h, n)));
}

void html_prepare(hdoc *h) {
  html_read_styles(h);
  unwrap_noscript_images(h);
  if (h->body) html_remove_if(h, h->body, never_text, NULL);
  replace_brs(h);
}

/* ---- the scoring walk */

static xmlNode *next_elem(xmlNode *n, xmlNode *root, bool skip) {
  do
    n = next_node(n, root, skip), skip = false;
  while (n && n->type != XML_ELEMENT_NODE);
  return n;
}

static xmlNode *remove_and_next(grab *g, xmlNode *n) {
  xmlNode *next = next_elem(n, g->h->html, true);
  html_remove(g->h, n);
  return next;
}

/* Short text of N into OUT, or false when N holds more than MAX
 * characters (measured beforehand, so this never reads a big subtree). */
static bool short_text(grab *g, xmlNode *n, uint32_t max, oct_buf *out) {
  if (html_hn(g->h, n)->text > max) return false;
  return html_text_bounded(n, out, 64) && out->len <= max * 4;
}

static bool check_byline(grab *g, xmlNode *n) {
  if (g->byline_removed) return false;
  const char *rel = attr(n, "rel"), *ip = attr(n, "itemprop");
  bool byline = (rel && strcasecmp(rel, "author") == 0) || (ip && strstr(ip, "author")) ||
                html_el_words_match(n, byline_words);
  if (!byline) return false;
  oct_buf t = OCT_BUF_INIT;
  /* a byline is short: Readability's 100 characters */
  bool ok = short_text(g, n, 100, &t) && t.len;
  /* a dateline or a "follow" button is not a name */
  char *name = ok ? html_clean_byline(t.data) : NULL;
  ok = name != NULL;
  free(name);
  if (ok) {
    g->byline_removed = true;
    if (!g->hints->byline) g->hints->byline = oct_buf_detach(&t);
  }
  oct_buf_free(&t);
  return ok;
}

static bool header_repeats_title(grab *g, xmlNode *n) {
  if (!g->hints->title || !(is_el(n, "h1") || is_el(n, "h2"))) return false;
  oct_buf t = OCT_BUF_INIT;
  bool yes = short_text(g, n, 400, &t) && t.len && html_similarity(g->hints->title, t.data) > 0.75;
  oct_buf_free(&t);
  return yes;
}

static bool without_content(grab *g, xmlNode *n) {
  if (html_hn(g->h, n)->text) return false;
  for (xmlNode *c = n->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && !is_el(c, "br") && !is_el(c, "hr")) return false;
  return true;
}

static const char *const div_to_p[] = {"blockquote", "dl",  "div",   "img", "ol",
                                       "p",          "pre", "table", "ul",  NULL};

static bool has_child_block(xmlNode *n) {
  for (xmlNode *c = n->children; c; c = next_node(c, n, false))
    if (name_in(c, div_to_p)) return true;
  return false;
}

static xmlNode *single_child(xmlNode *n, const char *tag) {
  xmlNode *only = NULL;
  for (xmlNode *c = n->children; c; c = c->next) {
    if (c->type == XML_ELEMENT_NODE) {
      if (only || !is_el(c, tag)) return NULL;
      only = c;
    } else if (c->type == XML_TEXT_NODE && !blank((const char *)c->content)) {
      return NULL;
    }
  }
  return only;
}

static double link_density(hdoc *h, xmlNode *n) {
  hnode *k = html_hn(h, n);
  return k->text ? k->link / k->text : 0;
}

static bool only_phrasing(xmlNode *div) {
  bool any = false;
  for (xmlNode *c = div->children; c; c = c->next) {
    if (!phrasing(c)) return false;
    any = any || !whitespace_node(c);
  }
  return any;
}

/* Phrasing runs loose in a <div> beside blocks become paragraphs. */
static void wrap_phrasing(hdoc *h, xmlNode *div) {
  xmlNode *p = NULL;
  for (xmlNode *c = div->children; c;) {
    xmlNode *next = c->next;
    if (phrasing(c)) {
      if (p) {
        html_append(p, c);
      } else if (!whitespace_node(c)) {
        p = html_new_el(h, "p");
        html_insert_before(c, p);
        html_append(p, c);
      }
    } else if (p) {
      while (p->last && whitespace_node(p->last))
        html_remove(h, p->last);
      p = NULL;
    }
    c = next;
  }
}

static void init_node(grab *g, xmlNode *n) {
  hnode *k = html_hn(g->h, n);
  k->flags |= HN_SCORED;
  k->score = class_weight(g, n);
  static const char *const plus3[] = {"pre", "td", "blockquote", NULL};
  static const char *const minus3[] = {"address", "ol", "ul", "dl", "dd", "dt", "li", "form", NULL};
  if (is_el(n, "div"))
    k->score += 5;
  else if (name_in(n, plus3))
    k->score += 3;
  else if (name_in(n, minus3))
    k->score -= 3;
  else if (is_heading(n) || is_el(n, "th"))
    k->score -= 5;
  push_el(&g->cands, &g->ncands, &g->capcands, n);
}

static void walk_page(grab *g) {
  hdoc *h = g->h;
  static const char *const to_score[] = {"section", "h2", "h3", "h4",  "h5",
                                         "h6",      "p",  "td", "pre", NULL};
  static const char *const emptiable[] = {"div", "section", "header", "h1", "h2",
                                          "h3",  "h4",      "h5",     "h6", NULL};
  xmlNode *n = h->body;
  while (n) {
    if (n != h->body) {
      const char *modal = attr(n, "aria-modal"), *role = attr(n, "role");
      if (html_hidden(n) ||
          (modal && strcmp(modal, "true") == 0 && role && strcmp(role, "dialog") == 0)) {
        n = remove_and_next(g, n);
        continue;
      }
      if (check_byline(g, n)) {
        n = remove_and_next(g, n);
        continue;
      }
      if (!g->title_removed && header_repeats_title(g, n)) {
        g->title_removed = true;
        n = remove_and_next(g, n);
        continue;
      }
      if (g->flags & F_STRIP_UNLIKELY) {
        bool unlikely =
            html_el_words_match(n, unlikely_words) ||
            (html_el_words_match(n, header_words) && !html_has_ancestor(n, "article", 12));
        if (unlikely && !html_el_words_match(n, maybe_words) && !html_has_ancestor(n, "table", 3) &&
            !html_has_ancestor(n, "code", 3) && !is_el(n, "a")) {
          n = remove_and_next(g, n);
          continue;
        }
        bool bad_role = false;
        for (const char *const *r = unlikely_roles; role && *r && !bad_role; r++)
          bad_role = strcasecmp(role, *r) == 0;
        if (bad_role) {
          n = remove_and_next(g, n);
          continue;
        }
      }
      if (name_in(n, emptiable) && without_content(g, n)) {
        n = remove_and_next(g, n);
        continue;
      }
    }
    if (name_in(n, to_score)) push_el(&g->list, &g->n, &g->cap, n);
    if (is_el(n, "div")) {
      if (only_phrasing(n) && link_density(h, n) < 0.25) {
        /* text alone in a <div>: scored as the paragraph it is (keeping
         * the div, and so its class, where Readability makes it a <p>) */
        html_hn(h, n)->flags |= HN_AS_P;
        push_el(&g->list, &g->n, &g->cap, n);
      } else {
        wrap_phrasing(h, n);
        xmlNode *p = single_child(n, "p");
        if (p && link_density(h, n) < 0.25) {
          /* a <div> around one paragraph is that paragraph; its class and
           * id go with it, so that the cleaning still sees them */
          static const char *const keep[] = {"class", "id", NULL};
          for (const char *const *a = keep; *a; a++)
            if (attr(n, *a) && !attr(p, *a))
              xmlSetProp(p, (const xmlChar *)*a, (const xmlChar *)attr(n, *a));
          html_insert_before(n, p);
          html_remove(h, n);
          n = p;
          push_el(&g->list, &g->n, &g->cap, n);
        } else if (!has_child_block(n)) {
          html_hn(h, n)->flags |= HN_AS_P;
          push_el(&g->list, &g->n, &g->cap, n);
        }
      }
    }
    n = next_elem(n, h->html, false);
  }
}

static void score_paragraphs(grab *g) {
  hdoc *h = g->h;
  for (size_t i = 0; i < g->n; i++) {
    xmlNode *el = g->list[i];
    if (!el->parent || el->parent->type != XML_ELEMENT_NODE || el->parent == h->trash) continue;
    hnode *k = html_hn(h, el);
    if (k->text < 25) continue;
    /* one point, one per comma-separated part, one per 100 characters up to 3 */
    double score = 1 + (k->commas + 1) + fmin(floor(k->text / 100.0), 3);
    int level = 0;
    for (xmlNode *a = el->parent; a && level < 5; a = a->parent, level++) {
      if (a->type != XML_ELEMENT_NODE || !a->parent || a->parent->type != XML_ELEMENT_NODE) break;
      hnode *ak = html_hn(h, a);
      if (!(ak->flags & HN_SCORED)) init_node(g, a);
      ak = html_hn(h, a);
      /* parent: all of it; grandparent: half; further up: a third per level */
      double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
      ak->score += score / divider;
    }
  }
}

static xmlNode *best_candidate(grab *g, xmlNode **top, size_t *ntop) {
  hdoc *h = g->h;
  *ntop = 0;
  for (size_t i = 0; i < g->ncands; i++) {
    xmlNode *c = g->cands[i];
    hnode *k = html_hn(h, c);
    /* good content has few links: scale by the share of non-link text */
    k->score *= 1 - link_density(h, c);
    size_t t = 0;
    while (t < *ntop && html_hn(h, top[t])->score >= k->score)
      t++;
    if (t >= N_TOP) continue;
    memmove(top + t + 1, top + t, (N_TOP - 1 - t) * sizeof *top);
    top[t] = c;
    if (*ntop < N_TOP) (*ntop)++;
  }
  return *ntop ? top[0] : NULL;
}

static bool scored(hdoc *h, xmlNode *n) {
  return has_private(n) && (html_hn(h, n)->flags & HN_SCORED);
}

/* Close rivals (3 of the 4 next candidates within 75 % of the best) that
 * share an ancestor with it: the article is that ancestor, split into
 * parts.  Each rival's ancestors are marked once, so this is linear. */
static xmlNode *widen_to_rivals(grab *g, xmlNode *topc, xmlNode **top, size_t ntop) {
  hdoc *h = g->h;
  double best = html_hn(h, topc)->score;
  size_t nalt = 0;
  for (size_t i = 1; i < ntop; i++)
    if (best > 0 && html_hn(h, top[i])->score / best >= 0.75) {
      nalt++;
      for (xmlNode *a = top[i]->parent; a && a->type == XML_ELEMENT_NODE; a = a->parent)
        html_hn(h, a)->alt++;
    }
  xmlNode *result = topc;
  if (nalt >= 3)
    for (xmlNode *p = topc->parent; p && p != h->body && p->type == XML_ELEMENT_NODE; p = p->parent)
      if (html_hn(h, p)->alt >= 3) {
        result = p;
        break;
      }
  for (size_t i = 1; i < ntop; i++)
    for (xmlNode *a = top[i]->parent; a && a->type == XML_ELEMENT_NODE; a = a->parent)
      html_hn(h, a)->alt = 0;
  return result;
}

static size_t count_el_children(xmlNode *n) {
  size_t k = 0;
  for (xmlNode *c = n->children; c; c = c->next)
    k += c->type == XML_ELEMENT_NODE;
  return k;
}

static bool ends_sentence(xmlNode *n) {
  oct_buf t = OCT_BUF_INIT;
  html_text_of(n, &t);
  bool yes = t.len && (t.data[t.len - 1] == '.' || strstr(t.data, ". "));
  oct_buf_free(&t);
  return yes;
}

static bool same_class(const xmlNode *a, const xmlNode *b) {
  const char *ca = attr(a, "class"), *cb = attr(b, "class");
  return ca && cb && *ca && strcmp(ca, cb) == 0;
}

/* The top candidate and the siblings that carry article text, moved into
 * a new <div> at the end of the body. */
static xmlNode *gather(grab *g, xmlNode *topc) {
  hdoc *h = g->h;
  xmlNode *box = html_new_el(h, "div");
  double top_score = html_hn(h, topc)->score;
  double threshold = fmax(10, top_score * 0.2);
  xmlNode *parent = topc->parent;
  xmlNode **sibs = NULL;
  size_t n = 0, cap = 0;
  for (xmlNode *s = parent->children; s; s = s->next)
    if (s->type == XML_ELEMENT_NODE) push_el(&sibs, &n, &cap, s);
  for (size_t i = 0; i < n; i++) {
    xmlNode *s = sibs[i];
    bool append = s == topc;
    if (!append) {
      double bonus = same_class(s, topc) ? top_score * 0.2 : 0;
      if (scored(h, s) && html_hn(h, s)->score + bonus >= threshold) {
        append = true;
      } else if (is_p_like(h, s)) {
        double ld = link_density(h, s);
        uint32_t len = html_hn(h, s)->text;
        append = (len > 80 && ld < 0.25) || (len < 80 && len > 0 && ld == 0 && ends_sentence(s));
      }
    }
    if (append) html_append(box, s);
  }
  free(sibs);
  html_append(h->body, box);
  return box;
}

/* ---- cleaning the article */

static void rows_cols(xmlNode *table, size_t *rows, size_t *cols) {
  *rows = *cols = 0;
  for (xmlNode *tr = table->children; tr; tr = next_node(tr, table, is_el(tr, "table"))) {
    if (!is_el(tr, "tr")) continue;
    const char *rs = attr(tr, "rowspan");
    *rows += rs && atoi(rs) > 0 ? (size_t)atoi(rs) : 1;
    size_t c = 0;
    for (xmlNode *td = tr->children; td; td = td->next)
      if (is_el(td, "td")) {
        const char *cs = attr(td, "colspan");
        c += cs && atoi(cs) > 0 && atoi(cs) < 1000 ? (size_t)atoi(cs) : 1;
      }
    if (c > *cols) *cols = c;
  }
}

/* A table of data, not of layout: the checks a screen reader makes. */
static bool data_table(xmlNode *t) {
  const char *role = attr(t, "role"), *dt = attr(t, "datatable");
  if (role && strcasecmp(role, "presentation") == 0) return false;
  if (dt && strcmp(dt, "0") == 0) return false;
  if (attr(t, "summary") && *attr(t, "summary")) return true;
  static const char *const data_tags[] = {"col", "colgroup", "tfoot", "thead", "th", NULL};
  for (xmlNode *c = t->children; c; c = next_node(c, t, is_el(c, "table"))) {
    if (is_el(c, "caption") && c->children) return true;
    if (name_in(c, data_tags)) return true;
  }
  for (xmlNode *c = t->children; c; c = next_node(c, t, false))
    if (is_el(c, "table")) return false; /* nested: layout */
  size_t rows, cols;
  rows_cols(t, &rows, &cols);
  if (rows == 1 || cols == 1) return false;
  if (rows >= 10 || cols > 4) return true;
  return rows * cols > 10;
}

typedef struct cleaner {
  grab *g;
  uint32_t total; /* characters in the article before cleaning */
} cleaner;

static bool ad_words_only(xmlNode *n) {
  static const char *const words[] = {
      "ad",       "advertising", "advertisement", "pub",     "publicité",
      "werbung",  "werb",        "anzeige",       "广告",    "реклама",
      "anuncio",  "publicidad",  "sponsored",     "loading", "loading...",
      "loading…", "chargement",  "cargando",      NULL};
  oct_buf t = OCT_BUF_INIT;
  bool yes = false;
  /* a label is a few nodes: a text, perhaps in a span */
  if (!html_text_bounded(n, &t, 16)) oct_buf_clear(&t);
  for (const char *const *w = words; t.len && *w && !yes; w++)
    yes = strcasecmp(t.data, *w) == 0;
  oct_buf_free(&t);
  return yes;
}

/* A short line that only sends the reader elsewhere ("Read more: ...",
 * "Click here to subscribe", "Follow us on ..."): page furniture written
 * as text, which no class word marks.  Only lines that start so, and
 * only short ones, so that a sentence mentioning a newsletter stays. */
static bool call_to_action(xmlNode *n) {
  static const char *const starts[] = {
      "read more",     "read also", "see also:",        "related:",      "more:",
      "click here",    "sign up",   "subscribe to",     "subscribe for", "follow us",
      "share this",    "share on",  "continue reading", "watch:",        "listen:",
      "advertisement", NULL};
  oct_buf t = OCT_BUF_INIT;
  bool yes = false;
  if (html_text_bounded(n, &t, 32) && t.len)
    for (const char *const *s = starts; *s && !yes; s++)
      yes = strncasecmp(t.data, *s, strlen(*s)) == 0;
  oct_buf_free(&t);
  return yes;
}

/* Readability's "fishy" test on a form, table, list or div whose figures
 * are complete (its own furniture already gone). */
static bool judge_conditionally(void *ctx, xmlNode *n, hnode *k) {
  cleaner *cl = ctx;
  grab *g = cl->g;
  hdoc *h = g->h;
  static const char *const tags[] = {"form", "fieldset", "table", "ul", "div", NULL};
  if (!(g->flags & F_CLEAN_CONDITIONALLY) || (k->flags & HN_KEEP)) return false;
  /* a short paragraph that says it is furniture (a promotion line, a
   * "meta" line of tags); captions stay whatever else they say */
  static const char *const caption_words[] = {"caption", "figcaption", "credit", "credits", NULL};
  bool as_p = is_p_like(h, n);
  if (as_p && k->text < 200 && class_weight(g, n) < 0 && !html_el_words_match(n, caption_words))
    return true;
  /* "Advertisement", "Loading...": a label alone */
  if (k->text < 40 && !k->nimg && ad_words_only(n)) return true;
  if (k->text < 100 && !k->nimg && (is_p_like(h, n) || is_el(n, "li")) && call_to_action(n))
    return true;
  /* an image credit standing alone (inside a caption it stays) */
  static const char *const credit_words[] = {"credit", "credits", NULL};
  if (k->text < 100 && !k->nimg && html_el_words_match(n, credit_words) &&
      !html_has_ancestor(n, "figcaption", 4) && !html_has_ancestor(n, "figure", 4))
    return true;
  if (as_p || !name_in(n, tags)) return false;
  /* the part holding most of the article is the article, whatever its
   * class says */
  if (k->text * 2 > cl->total) return false;
  bool list = is_el(n, "ul") || is_el(n, "ol") || (k->text && k->lists * 10 > k->text * 9);
  if (is_el(n, "table") && (k->flags & HN_DATA_TABLE)) return false;
  if (k->flags & (HN_HAS_DATA | HN_VIDEO)) return false;
  if (html_has_ancestor(n, "code", 3) || (k->flags & HN_IN_DATA)) return false;
  int weight = class_weight(g, n);
  if (weight < 0) return true;
  if (k->commas >= 10) return false;
  double p = k->np, img = k->nimg, li = (double)k->nli - 100, input = k->ninput;
  double len = k->text, ld = link_density(h, n);
  double heads = len ? k->heads / len : 0;
  bool figure = html_has_ancestor(n, "figure", 3);
  bool remove =
      (!figure && img > 1 && p / img < 0.5) || (!list && li > p) || input > floor(p / 3) ||
      (!list && !figure && heads < 0.9 && len < 25 && (img == 0 || img > 2) && ld > 0) ||
      (!list && weight < 25 && ld > 0.2) || (weight >= 25 && ld > 0.5) ||
      (k->nembed == 1 && len < 75) || k->nembed > 1 || (img == 0 && !(k->flags & HN_TEXTISH));
  /* a list of images, one per item, is a gallery */
  if (list && remove) {
    for (xmlNode *c = n->children; c; c = c->next)
      if (c->type == XML_ELEMENT_NODE && count_el_children(c) > 1) return true;
    if (k->nimg == k->nli) return false;
  }
  return remove;
}

/* Footers, asides (kept until now for the bylines they hold), stray link
 * elements and embedded frames other than players. */
static bool furniture(hdoc *h, xmlNode *n, void *ctx) {
  (void)h;
  (void)ctx;
  return is_el(n, "footer") || is_el(n, "aside") || is_el(n, "link") ||
         (is_embed(n) && !html_video_embed(n));
}

static bool share_bar(hdoc *h, xmlNode *n, void *ctx) {
  (void)ctx;
  return n->type == XML_ELEMENT_NODE && html_el_words_match(n, share_words) &&
         html_hn(h, n)->text < CHAR_THRESHOLD;
}

/* A heading whose class says furniture. */
static bool furniture_heading(hdoc *h, xmlNode *n, void *ctx) {
  (void)h;
  return (is_el(n, "h1") || is_el(n, "h2")) && class_weight(ctx, n) < 0;
}

static void clean_article(grab *g, xmlNode *box) {
  hdoc *h = g->h;
  for (xmlNode *t = box; t; t = next_node(t, box, false))
    if (is_el(t, "table") && data_table(t)) html_hn(h, t)->flags |= HN_DATA_TABLE;
  /* what lies inside a data table stays with it: marked top-down once, so
   * that the bottom-up judging need not climb to the root each time */
  for (xmlNode *t = box; t;) {
    if (is_el(t, "table") && (html_hn(h, t)->flags & HN_DATA_TABLE)) {
      for (xmlNode *d = t->children; d; d = next_node(d, t, false))
        if (d->type == XML_ELEMENT_NODE) html_hn(h, d)->flags |= HN_IN_DATA;
      t = next_node(t, box, true);
      continue;
    }
    t = next_node(t, box, false);
  }
  html_remove_if(h, box, furniture, NULL);
  html_measure(h, box, NULL, NULL);
  /* share bars: the top-level parts themselves stay */
  for (xmlNode *top = box->children; top; top = top->next)
    if (top->type == XML_ELEMENT_NODE) html_remove_if(h, top, share_bar, NULL);
  html_remove_if(h, box, furniture_heading, g);
  html_measure(h, box, NULL, NULL);
  cleaner cl = {g, html_hn(h, box)->text};
  html_measure(h, box, judge_conditionally, &cl);
}

/* When no paragraph stands out (a page of short lines), a page's only
 * <article>, else its only <main>, says where the article is. */
static xmlNode *lone_article(hdoc *h) {
  static const char *const tags[] = {"article", "main", NULL};
  for (const char *const *tag = tags; *tag; tag++) {
    xmlNode *one = NULL;
    int n = 0;
    for (xmlNode *c = h->body; c; c = next_node(c, h->body, false)) {
      const char *role = c->type == XML_ELEMENT_NODE ? attr(c, "role") : NULL;
      if (is_el(c, *tag) || (role && strcmp(*tag, "main") == 0 && strcasecmp(role, "main") == 0))
        one = c, n++;
    }
    if (n == 1 && html_hn(h, one)->text) return one;
  }
  return NULL;
}

/* Characters in blocks of at least 25 (Readability's paragraph minimum):
 * what an attempt found of the article, menus and labels not counted, nor
 * what sits in a part whose class says comments or related links (a
 * relaxed attempt lets those in, and must not win by them). */
static uint32_t prose(hdoc *h, xmlNode *box) {
  static const char *const blocks[] = {"p",          "li", "td",         "pre", "dd",
                                       "blockquote", "h1", "h2",         "h3",  "h4",
                                       "h5",         "h6", "figcaption", "th",  NULL};
  uint32_t sum = 0;
  for (xmlNode *n = box; n;) {
    if (n->type == XML_ELEMENT_NODE && n != box && html_el_words_match(n, unlikely_words) &&
        !html_el_words_match(n, maybe_words)) {
      n = next_node(n, box, true);
      continue;
    }
    if (n->type == XML_ELEMENT_NODE && n != box &&
        (name_in(n, blocks) || (has_private(n) && (html_hn(h, n)->flags & HN_AS_P)))) {
      uint32_t t = html_hn(h, n)->text;
      if (t >= 25) sum += t;
      n = next_node(n, box, true);
      continue;
    }
    n = next_node(n, box, false);
  }
  return sum;
}

void html_clean_box(hdoc *h, xmlNode *box) {
  article_hints none = {0};
  grab g = {
      .h = h, .flags = F_STRIP_UNLIKELY | F_WEIGHT_CLASSES | F_CLEAN_CONDITIONALLY, .hints = &none};
  html_hn(h, box)->flags |= HN_KEEP;
  clean_article(&g, box);
}

/* ---- one attempt */

static xmlNode *grab_article(grab *g) {
  hdoc *h = g->h;
  html_measure(h, h->body, NULL, NULL);
  walk_page(g);
  html_measure(h, h->body, NULL, NULL);
  score_paragraphs(g);
  xmlNode *top[N_TOP];
  size_t ntop;
  xmlNode *topc = best_candidate(g, top, &ntop);
  xmlNode *box;
  if (!topc || topc == h->body) topc = lone_article(h);
  if (!topc || topc == h->body) {
    /* nothing stands out: the whole body */
    box = html_new_el(h, "div");
    while (h->body->children) {
      xmlNode *c = h->body->children;
      const char *role = c->type == XML_ELEMENT_NODE ? attr(c, "role") : NULL;
      /* the site's own header around it all */
      if (is_el(c, "header") || (role && strcasecmp(role, "banner") == 0))
        html_remove(h, c);
      else
        html_append(box, c);
    }
    html_append(h->body, box);
    init_node(g, box);
  } else {
    topc = widen_to_rivals(g, topc, top, ntop);
    if (!scored(h, topc)) init_node(g, topc);
    /* a parent scoring higher than its child holds more of the article */
    double last = html_hn(h, topc)->score, floor_score = last / 3;
    for (xmlNode *p = topc->parent; p && p != h->body && p->type == XML_ELEMENT_NODE;
         p = p->parent) {
      if (!scored(h, p)) continue;
      double ps = html_hn(h, p)->score;
      if (ps < floor_score) break;
      if (ps > last) {
        topc = p;
        break;
      }
      last = ps;
    }
    /* an only child: its parent's siblings may hold the rest */
    while (topc->parent && topc->parent != h->body && topc->parent->type == XML_ELEMENT_NODE &&
           count_el_children(topc->parent) == 1)
      topc = topc->parent;
    if (!scored(h, topc)) init_node(g, topc);
    box = gather(g, topc);
  }
  html_hn(h, box)->flags |= HN_KEEP;
  xmlNode *chosen = topc && topc->parent != h->trash ? topc : box;
  g->top_line = xmlGetLineNo(chosen);
  snprintf(g->top_name, sizeof g->top_name, "%s", (const char *)chosen->name);
  clean_article(g, box);
  return box;
}

xmlNode *oct_html_article(hdoc *h, const char *utf8, size_t len, article_hints *hints,
                          oct_error *err) {
  if (!h->body) return NULL;
  unsigned flags = F_STRIP_UNLIKELY | F_WEIGHT_CLASSES | F_CLEAN_CONDITIONALLY;
  hdoc best = {0};
  xmlNode *best_box = NULL;
  uint32_t best_prose = 0;
  bool first = true, best_is_strict = false;
  long strict_line = 0;
  char strict_name[16] = "";
  for (;;) {
    if (!first && html_parse(h, utf8, len, err) != 0) break;
    if (!first) html_prepare(h);
    first = false;
    grab g = {.h = h, .flags = flags, .hints = hints};
    xmlNode *box = grab_article(&g);
    free(g.list);
    free(g.cands);
    /* long enough: done (a relaxed attempt is measured without what the
     * strict rules would have taken out, see prose()) */
    if ((best_box ? prose(h, box) : html_hn(h, box)->text) >= CHAR_THRESHOLD) {
      html_free(&best);
      return box;
    }
    /* every attempt short (a brief page): the one that found the most
     * prose, menus and labels not counted; but when a relaxed attempt
     * chose the same element as the strict one, what it adds is what the
     * strict rules took out (comments, related links): the strict wins */
    uint32_t got = prose(h, box);
    bool strict = !best_box;
    bool same = !strict && best_is_strict && g.top_line == strict_line &&
                strcmp(g.top_name, strict_name) == 0;
    if (strict) {
      strict_line = g.top_line;
      snprintf(strict_name, sizeof strict_name, "%s", g.top_name);
    }
    if (strict || (!same && got > best_prose)) {
      html_free(&best);
      best = *h;
      best_box = box;
      best_prose = got;
      best_is_strict = strict;
    } else {
      html_free(h);
    }
    memset(h, 0, sizeof *h);
    /* relax one rule at a time */
    if (flags & F_STRIP_UNLIKELY)
      flags &= ~(unsigned)F_STRIP_UNLIKELY;
    else if (flags & F_WEIGHT_CLASSES)
      flags &= ~(unsigned)F_WEIGHT_CLASSES;
    else if (flags & F_CLEAN_CONDITIONALLY)
      flags &= ~(unsigned)F_CLEAN_CONDITIONALLY;
    else
      break;
  }
  html_free(h);
  *h = best;
  return best_box;
}
