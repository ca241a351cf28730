/* HTML reader internals shared by html.c (tree building), html_dom.c (DOM
 * helpers), html_article.c (finding and cleaning the article) and
 * html_meta.c (title, author, date...).  Not a public header: only the
 * html_*.c files include it.
 *
 * Every element the reader looks at gets one hnode record; the element's
 * _private field holds the record's index + 1 (an index, not a pointer, so
 * that the array can grow while elements are created).  Nothing is global:
 * a conversion owns its hdoc. */
#ifndef OCTAVO_READ_HTML_INTERNAL_H
#define OCTAVO_READ_HTML_INTERNAL_H

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "read/reader_common.h"
#include "util/util.h"

/* Per-element figures, filled bottom-up by hdoc_measure(). */
typedef struct hnode {
  double score;    /* Readability-style content score, valid when SCORED */
  double link;     /* characters of link text, in-page links weighted 0.3 */
  uint32_t text;   /* characters of visible text, white space runs as one */
  uint32_t ptext;  /* of which inside <p> */
  uint32_t commas; /* commas of any script */
  uint32_t heads;  /* characters inside h1-h6 */
  uint32_t lists;  /* characters inside ul/ol (outermost only) */
  uint32_t np, nimg, nli, ninput, nembed;
  uint16_t flags;
  uint8_t alt; /* scratch: how many close rival candidates lie below */
} hnode;

enum {
  HN_SCORED = 1 << 0,     /* score initialised: a candidate */
  HN_DATA_TABLE = 1 << 1, /* a table of data, not layout */
  HN_HAS_DATA = 1 << 2,   /* holds a data table */
  HN_VIDEO = 1 << 3,      /* holds an embedded player worth keeping */
  HN_TEXTISH = 1 << 4,    /* holds text inside a block or span element */
  HN_KEEP = 1 << 5,       /* never removed by the cleaning (the article's box) */
  HN_AS_P = 1 << 6,       /* a <div> without blocks inside: scored as a paragraph */
  HN_IN_DATA = 1 << 7,    /* inside a data table */
};

typedef struct hdoc {
  htmlDocPtr doc;
  xmlNode *html, *head, *body;
  hnode *nodes;
  size_t nnodes, capnodes;
  xmlNode *trash; /* unlinked subtrees, freed with the hdoc */
  /* classes the page's own style sheets hide from sight but not from
   * screen readers (position:absolute; clip:rect(0 0 0 0); 1px...) */
  char **sr_classes; /* open addressing, NULL = free */
  size_t nsr, capsr;
} hdoc;

/* ---- html_dom.c */
int html_parse(hdoc *h, const char *utf8, size_t len, oct_error *err);
void html_free(hdoc *h);
hnode *html_hn(hdoc *h, xmlNode *el); /* the element's record, created on first use */
static inline bool has_private(const xmlNode *n) { return n->_private != NULL; }
/* Takes out what is never article text (scripts, navigation, hidden
 * parts) and turns <br><br>-separated text into paragraphs. */
void html_prepare(hdoc *h);

/* Element names (ASCII letters and digits) compare without case, inline:
 * these tests run for every element in several passes. */
static inline bool same_name(const xmlChar *a, const char *b) {
  while (*a && (*a | 0x20) == (*b | 0x20))
    a++, b++;
  return !*a && !*b;
}

static inline bool is_el(const xmlNode *n, const char *name) {
  return n && n->type == XML_ELEMENT_NODE && same_name(n->name, name);
}

static inline bool name_in(const xmlNode *n, const char *const *names) {
  if (!n || n->type != XML_ELEMENT_NODE) return false;
  for (; *names; names++)
    if (same_name(n->name, *names)) return true;
  return false;
}

/* h1-h6 */
static inline bool is_heading(const xmlNode *n) {
  return n && n->type == XML_ELEMENT_NODE && (n->name[0] == 'h' || n->name[0] == 'H') &&
         n->name[1] >= '1' && n->name[1] <= '6' && !n->name[2];
}

static inline bool blank(const char *s) {
  for (; s && *s; s++)
    if (!rd_html_space((unsigned char)*s)) return false;
  return true;
}

/* Document-order successor of N below ROOT, not descending when SKIP. */
static inline xmlNode *next_node(xmlNode *n, const xmlNode *root, bool skip) {
  if (!skip && n->children) return n->children;
  while (n && n != root) {
    if (n->next) return n->next;
    n = n->parent;
  }
  return NULL;
}

/* N or the first element sibling after it. */
static inline xmlNode *first_el(xmlNode *n) {
  while (n && n->type != XML_ELEMENT_NODE)
    n = n->next;
  return n;
}

/* Attribute value or NULL; the pointer lives as long as the DOM. */
static inline const char *attr(const xmlNode *n, const char *name) {
  for (xmlAttr *a = n->properties; a; a = a->next)
    if (xmlStrcasecmp(a->name, (const xmlChar *)name) == 0) {
      if (a->children && a->children->type == XML_TEXT_NODE && a->children->content)
        return (const char *)a->children->content;
      return "";
    }
  return NULL;
}

/* The next token of a space-separated attribute value ("a b c") from *AT,
 * or NULL at the end; *AT moves past it and *LEN gets its length. */
static inline const char *html_next_token(const char **at, size_t *len) {
  const char *s = *at;
  while (*s && rd_html_space((unsigned char)*s))
    s++;
  const char *e = s;
  while (*e && !rd_html_space((unsigned char)*e))
    e++;
  *at = e;
  *len = (size_t)(e - s);
  return e > s ? s : NULL;
}

/* Appends S with runs of HTML white space collapsed to one space, trimmed. */
static inline void collapse(const char *s, oct_buf *out) {
  bool space = false;
  size_t start = out->len;
  for (; *s; s++) {
    if (rd_html_space((unsigned char)*s)) {
      space = out->len > start;
      continue;
    }
    if (space) oct_buf_putc(out, ' ');
    space = false;
    oct_buf_putc(out, *s);
  }
}

/* Collapsed text content of N (without recursion). */
void html_text_of(xmlNode *n, oct_buf *out);
char *html_text_dup(xmlNode *n);
/* The same, or false when N has more than MAX_NODES nodes below it: for
 * the checks made on many elements of a page (a chain of 10,000 nested
 * blocks must not be read 10,000 times). */
bool html_text_bounded(xmlNode *n, oct_buf *out, size_t max_nodes);
/* An ancestor named TAG within MAX_DEPTH levels (0: any depth). */
bool html_has_ancestor(xmlNode *n, const char *tag, int max_depth);

/* Class and id words, split at anything not a letter or digit and at
 * camelCase humps ("articleBody" -> "article", "body"), lower-cased.
 * Matching is on whole words only: "promotion" is not "promo", "header"
 * is not "ad".  WORDS ends with NULL. */
bool html_words_match(const char *value, const char *const *words);
/* In the class or the id. */
bool html_el_words_match(const xmlNode *el, const char *const *words);

bool html_hidden(const xmlNode *n);
bool html_video_embed(const xmlNode *n);
/* Collects the classes the page's <style> sheets hide visually, and tells
 * whether N has one. */
void html_read_styles(hdoc *h);
bool html_sr_only(const hdoc *h, const xmlNode *n);
/* Never article text: script, style, nav, form, hidden elements... */
bool html_dropped(const xmlNode *n);

/* Moves N (linked or not) to the end of PARENT's children, or before REF,
 * without libxml2's merging of adjacent text nodes (which frees nodes we
 * may still point to). */
void html_append(xmlNode *parent, xmlNode *n);
void html_insert_before(xmlNode *ref, xmlNode *n);
/* Unlinks N; it is freed with the hdoc. */
void html_remove(hdoc *h, xmlNode *n);
/* Removes every node below TOP (not TOP) that DROP says to, in document
 * order, without looking inside what it removes. */
typedef bool (*html_drop_fn)(hdoc *h, xmlNode *n, void *ctx);
void html_remove_if(hdoc *h, xmlNode *top, html_drop_fn drop, void *ctx);
xmlNode *html_new_el(hdoc *h, const char *name);
void html_rename(xmlNode *el, const char *name);

/* Fills the figures of every element below TOP, bottom-up and without
 * recursion.  JUDGE (optional) sees each element once its figures are
 * complete and returns true to remove it: its parent then counts nothing
 * of it, so one pass cleans nested furniture from the inside out. */
typedef bool (*html_judge)(void *ctx, xmlNode *el, hnode *k);
void html_measure(hdoc *h, xmlNode *top, html_judge judge, void *ctx);

/* How much of B's words are in A: 1 when all of them (Readability's
 * measure for a heading that repeats the title). */
double html_similarity(const char *a, const char *b);

/* ---- html_article.c */
typedef struct article_hints {
  const char *title;   /* the title found in the metadata, or NULL */
  const char *ld_body; /* JSON-LD articleBody, or NULL */
  char *byline;        /* out: the first byline element's text (malloc) */
} article_hints;

/* Picks the article out of the page and cleans it: returns a new <div>
 * holding the article's blocks, inside H's document.  NULL when the page
 * has no body. */
xmlNode *oct_html_article(hdoc *h, const char *utf8, size_t len, article_hints *hints,
                          oct_error *err);

/* Cleans a box built outside the scoring (all rules on). */
void html_clean_box(hdoc *h, xmlNode *box);

/* ---- html_evidence.c */
/* Weighs the JSON-LD articleBody against BOX (see html_evidence.c):
 * returns BOX, or a better article (then H holds a new parse of the
 * page). */
xmlNode *html_weigh_ld_body(hdoc *h, xmlNode *box, const char *ld_body, const char *utf8,
                            size_t len, oct_error *err);

/* ---- html_meta.c */
typedef struct html_meta {
  char *title, *subtitle, *author, *date, *language, *description, *keywords, *site;
  char *ld_body;         /* JSON-LD articleBody */
  char *author_fallback; /* article:author, after the page's byline */
} html_meta;

/* Reads what the page says about itself (JSON-LD, <meta>, <title>, lang). */
void oct_html_meta_read(hdoc *h, html_meta *m);
/* Completes the metadata from the article: the headline element when no
 * title was found, the byline, the date; removes from ARTICLE the leading
 * blocks that repeat the title, subtitle or byline. */
void oct_html_meta_finish(hdoc *h, html_meta *m, xmlNode *article, const char *byline);
void oct_html_meta_free(html_meta *m);
/* "By Jane Doe | 3 March" -> "Jane Doe" (malloc), or NULL when no name. */
char *html_clean_byline(const char *raw);

#endif
