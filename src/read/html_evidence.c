/* HTML reader: the JSON-LD articleBody as a second witness.
 *
 * Many news pages repeat the article's text in their structured data.  It
 * is weighed, not trusted: when the article found by scoring already holds
 * most of its words, nothing changes (a short or paywalled articleBody
 * never shortens a good result).  When it holds few of them, the element
 * of the page that holds them best is taken instead, and when no element
 * does (a page whose text a script would have inserted), the articleBody
 * itself becomes the article, one paragraph per line.
 *
 * Words are compared as a set of hashes (FNV-1a of the lower-cased word),
 * one pass over the JSON text and one over the page, so this stays linear. */
#include <stdlib.h>
#include <string.h>

#include "read/html_internal.h"

/* A result holding under this share of the articleBody's words missed
 * the article. */
#define RECALL_OK 0.6
/* Shorter bodies are teasers, not the article. */
#define MIN_BODY 500

typedef struct wordset {
  uint32_t *slot; /* 0 = free */
  size_t cap, n;
} wordset;

static uint32_t word_hash(const char *s, size_t n) {
  uint32_t x = 2166136261u;
  for (size_t i = 0; i < n; i++)
    x = (x ^ (unsigned char)oct_ascii_tolower((unsigned char)s[i])) * 16777619u;
  return x ? x : 1;
}

static bool set_has(const wordset *w, uint32_t x) {
  for (size_t i = x & (w->cap - 1); w->slot[i]; i = (i + 1) & (w->cap - 1))
    if (w->slot[i] == x) return true;
  return false;
}

static void set_add(wordset *w, uint32_t x) {
  if ((w->n + 1) * 2 > w->cap) {
    wordset bigger = {oct_xcalloc(w->cap ? w->cap * 2 : 1024, sizeof(uint32_t)),
                      w->cap ? w->cap * 2 : 1024, 0};
    for (size_t i = 0; i < w->cap; i++)
      if (w->slot[i]) set_add(&bigger, w->slot[i]);
    free(w->slot);
    *w = bigger;
  }
  size_t i = x & (w->cap - 1);
  while (w->slot[i]) {
    if (w->slot[i] == x) return;
    i = (i + 1) & (w->cap - 1);
  }
  w->slot[i] = x;
  w->n++;
}

/* The next word of S from *AT (a run of rd_word_byte), or NULL at the
 * end; *AT moves past it and *LEN gets its length. */
static const char *next_word(const char **at, size_t *len) {
  const char *s = *at;
  while (*s && !rd_word_byte((unsigned char)*s))
    s++;
  const char *b = s;
  while (*s && rd_word_byte((unsigned char)*s))
    s++;
  *at = s;
  *len = (size_t)(s - b);
  return s > b ? b : NULL;
}

/* Counts the words of text below TOP, and those in SET. */
static void count_words(xmlNode *top, const wordset *set, size_t *words, size_t *hits) {
  *words = *hits = 0;
  for (xmlNode *n = top; n; n = next_node(n, top, n->type == XML_ELEMENT_NODE && html_dropped(n))) {
    if (n->type != XML_TEXT_NODE || !n->content) continue;
    const char *at = (const char *)n->content, *w;
    size_t len;
    while ((w = next_word(&at, &len))) {
      (*words)++;
      if (set_has(set, word_hash(w, len))) (*hits)++;
    }
  }
}

/* Per element: the words below it and those in SET, bottom-up (text
 * nodes add to their parent; a finished element to its parent). */
typedef struct wcount {
  uint32_t words, hits;
} wcount;

static xmlNode *best_element(hdoc *h, const wordset *set, size_t body_words, double *best_f1) {
  size_t nel = 0;
  for (xmlNode *n = h->body; n; n = next_node(n, h->body, false))
    if (n->type == XML_ELEMENT_NODE) n->_private = (void *)(uintptr_t)++nel;
  wcount *wc = oct_xcalloc(nel + 1, sizeof *wc);
  xmlNode *best = NULL;
  *best_f1 = 0;
  /* post-order: text to parent, element to parent once complete */
  xmlNode *n = h->body;
  for (;;) {
    if (n->type == XML_ELEMENT_NODE && n->children && !html_dropped(n)) {
      n = n->children;
      continue;
    }
    for (;;) {
      if (n == h->body) goto done;
      xmlNode *p = n->parent;
      wcount *pc = &wc[(uintptr_t)p->_private];
      if (n->type == XML_TEXT_NODE && n->content) {
        const char *at = (const char *)n->content, *w;
        size_t len;
        while ((w = next_word(&at, &len))) {
          pc->words++;
          if (set_has(set, word_hash(w, len))) pc->hits++;
        }
      } else if (n->type == XML_ELEMENT_NODE && !html_dropped(n)) {
        wcount *c = &wc[(uintptr_t)n->_private];
        if (c->words) {
          /* F1 of this element's words against the articleBody's */
          double prec = (double)c->hits / c->words, rec = (double)c->hits / body_words;
          if (rec > 1) rec = 1;
          double f1 = prec + rec > 0 ? 2 * prec * rec / (prec + rec) : 0;
          if (f1 > *best_f1) *best_f1 = f1, best = n;
        }
        pc->words += c->words;
        pc->hits += c->hits;
      }
      if (n->next) {
        n = n->next;
        break;
      }
      n = p;
    }
  }
done:
  for (xmlNode *e = h->body; e; e = next_node(e, h->body, false))
    if (e->type == XML_ELEMENT_NODE) e->_private = NULL;
  free(wc);
  return best;
}

/* The articleBody as paragraphs: one per line, or the whole when it has
 * no line breaks. */
static xmlNode *body_box(hdoc *h, const char *body) {
  xmlNode *box = html_new_el(h, "div");
  const char *s = body;
  while (*s) {
    const char *e = strchr(s, '\n');
    if (!e) e = s + strlen(s);
    oct_buf line = OCT_BUF_INIT;
    oct_buf_put(&line, s, (size_t)(e - s));
    if (line.data && !blank(line.data)) {
      xmlNode *p = html_new_el(h, "p");
      xmlAddChild(p, xmlNewDocText(h->doc, (const xmlChar *)line.data));
      html_append(box, p);
    }
    oct_buf_free(&line);
    s = *e ? e + 1 : e;
  }
  html_append(h->body, box);
  return box;
}

xmlNode *html_weigh_ld_body(hdoc *h, xmlNode *box, const char *ld_body, const char *utf8,
                            size_t len, oct_error *err) {
  if (!ld_body || strlen(ld_body) < MIN_BODY) return box;
  wordset set = {0};
  size_t body_words = 0;
  const char *at = ld_body, *w;
  size_t wl;
  while ((w = next_word(&at, &wl))) {
    body_words++;
    set_add(&set, word_hash(w, wl));
  }
  size_t words = 0, hits = 0;
  if (box) count_words(box, &set, &words, &hits);
  if (!body_words || (double)hits / body_words >= RECALL_OK) goto out;
  /* the scoring missed it: which element of the page holds it? */
  hdoc fresh;
  if (html_parse(&fresh, utf8, len, err) != 0) goto out;
  html_prepare(&fresh);
  double f1;
  xmlNode *best = best_element(&fresh, &set, body_words, &f1);
  double got_rec = (double)hits / body_words;
  xmlNode *result = NULL;
  if (best && f1 >= 0.7) {
    size_t bw, bh;
    count_words(best, &set, &bw, &bh);
    if ((double)bh / body_words > got_rec + 0.2) {
      result = html_new_el(&fresh, "div");
      html_append(result, best);
      html_append(fresh.body, result);
      html_clean_box(&fresh, result);
    }
  } else if (!best || f1 < 0.3) {
    /* nowhere in the page: its text came from a script */
    result = body_box(&fresh, ld_body);
  }
  if (result) {
    html_free(h);
    *h = fresh;
    box = result;
  } else {
    html_free(&fresh);
  }
out:
  free(set.slot);
  return box;
}
