/* Hyphenation patterns shared by the conversions of a batch.  Loading
 * hyph_en_US.dic costs ~8 ms, as much as typesetting a whole briefing, so a
 * batch loads each language once.  A dictionary is read-only after loading,
 * so threads use it without locking; only the lookup table is guarded. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "write/pdf/draw/draw.h"
#include "write/pdf/layout/hyphen.h"
#include "write/pdf/pdf.h"

typedef struct entry {
  char *lang;
  oct_hyph *hyph; /* NULL: none for this language */
  char msg[256];  /* why loading failed, empty when nothing is installed */
} entry;

struct oct_pdf_cache {
  pthread_mutex_t lock;
  entry *entries;
  size_t n, cap;
};

oct_pdf_cache *oct_pdf_cache_new(void) {
  oct_pdf_cache *c = oct_xcalloc(1, sizeof *c);
  pthread_mutex_init(&c->lock, NULL);
  return c;
}

void oct_pdf_cache_free(oct_pdf_cache *c) {
  if (!c) return;
  for (size_t i = 0; i < c->n; i++) {
    oct_hyph_free(c->entries[i].hyph);
    free(c->entries[i].lang);
  }
  free(c->entries);
  pthread_mutex_destroy(&c->lock);
  free(c);
}

const oct_hyph *oct_pdf_cache_hyph(oct_pdf_cache *c, const char *lang, oct_error *err) {
  pthread_mutex_lock(&c->lock);
  entry *e = NULL;
  for (size_t i = 0; i < c->n && !e; i++)
    if (strcmp(c->entries[i].lang, lang) == 0) e = &c->entries[i];
  if (!e) {
    OCT_GROW(c->entries, c->n, c->cap);
    e = &c->entries[c->n++];
    memset(e, 0, sizeof *e);
    e->lang = oct_xstrdup(lang);
    oct_error herr;
    oct_error_init(&herr, NULL);
    e->hyph = oct_hyph_new(lang, &herr);
    if (!e->hyph) snprintf(e->msg, sizeof e->msg, "%.200s", herr.msg);
  }
  const oct_hyph *h = e->hyph;
  if (!h) oct_error_set(err, "%s", e->msg);
  pthread_mutex_unlock(&c->lock);
  return h;
}
