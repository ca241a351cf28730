/* A digest as one PDF (issue 13).  Each article is laid out and broken
 * into pages on a worker thread (oct_pdf_article_new: the ordinary layout,
 * title block and all).  The assembling thread draws them in reading order
 * into one document as they come and frees each layout at once, so memory
 * holds the PDF being made, not 2,000 layouts.  The title page and the
 * contents come first in the book but are drawn last, inserted before the
 * first article: every contents line is one line high, so their number of
 * pages is known from the start (and with it every folio), and their page
 * numbers once the articles are drawn.  Running heads follow the article
 * on the page; bookmarks nest parts > articles > the articles' headings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "write/pdf/draw/draw.h"
#include "write/pdf/layout/digest.h"

struct oct_pdf_typesetter {
  oct_pdf_options opt;
  oct_fontset *fonts;
  oct_style style;
  oct_page_geom g;
};

struct oct_pdf_article {
  oct_layout L;
  oct_pages pages;    /* each article on pages of its own (without FLOW) */
  bool images_in_pdf; /* L's image handles are the document's now, no longer kept_image */
};

/* An image as layout met it on a worker: libharu documents belong to one
 * thread, so the bytes wait here until the assembling thread draws the
 * article (oct_pdf_digest_add) and loads them into the book. */
typedef struct kept_image {
  void *data;
  size_t len;
  oct_image_info info;
} kept_image;

static int keep_image(void *user, const void *data, size_t len, const oct_image_info *info,
                      void **handle, oct_error *err) {
  (void)user;
  (void)err;
  kept_image *k = oct_xmalloc(sizeof *k);
  k->data = oct_xmalloc(len ? len : 1);
  memcpy(k->data, data, len);
  k->len = len;
  k->info = *info;
  *handle = k;
  return 0;
}

static void free_kept(oct_pdf_article *a) {
  if (a->images_in_pdf) return;
  for (size_t i = 0; i < a->L.nimages; i++) {
    kept_image *k = a->L.images[i].handle;
    if (k) free(k->data);
    free(k);
    a->L.images[i].handle = NULL;
  }
}

oct_pdf_typesetter *oct_pdf_typesetter_new(const oct_pdf_options *opt, oct_error *err) {
  if (!opt || !opt->cache) {
    oct_error_set(err, "PDF: a digest needs the shared pattern cache");
    return NULL;
  }
  oct_pdf_typesetter *t = oct_xcalloc(1, sizeof *t);
  t->opt = *opt;
  oct_style_default(&t->style);
  t->fonts = oct_fontset_new(err);
  if (!t->fonts) goto fail;
  if (!oct_fontset_path(t->fonts, OCT_FACE_SERIF)) {
    oct_error_set(err, "PDF: font file %s not found (set OCTAVO_DATA_DIR)",
                  oct_face_file(OCT_FACE_SERIF));
    goto fail;
  }
  if (oct_page_setup(&t->g, &t->style, t->fonts, opt->page_width, opt->page_height, opt->margin,
                     opt->font_size, err) != 0)
    goto fail;
  return t;
fail:
  oct_pdf_typesetter_free(t);
  return NULL;
}

void oct_pdf_typesetter_free(oct_pdf_typesetter *t) {
  if (!t) return;
  oct_fontset_free(t->fonts);
  free(t);
}

static oct_layout_params params(oct_pdf_typesetter *t, const char *lang) {
  oct_error herr;
  oct_error_init(&herr, NULL);
  /* no patterns for a language only means no hyphenation: the single-file
   * writer warns about it, a digest of 2,000 articles would say it 2,000
   * times */
  oct_layout_params lp = {.fonts = t->fonts,
                          .hyph =
                              oct_pdf_cache_hyph(t->opt.cache, lang && *lang ? lang : "en", &herr),
                          .style = &t->style,
                          .measure = t->g.measure,
                          .page_height = t->g.text_height,
                          .size = t->g.size,
                          .leading = t->g.leading,
                          .ragged = t->opt.ragged,
                          .res = {t->opt.base_dir, t->opt.resource_dirs}};
  return lp;
}

/* Arrays cut to their length: up to 32 articles wait for the drawing
 * thread (WINDOW in cli/digest.c), and growth by doubling leaves up to
 * half of each unused. */
static void trim(oct_layout *L) {
  if (L->nitems) L->items = oct_xrealloc(L->items, L->nitems * sizeof *L->items);
  L->capitems = L->nitems;
  if (L->nlines) L->lines = oct_xrealloc(L->lines, L->nlines * sizeof *L->lines);
  L->caplines = L->nlines;
}

oct_pdf_article *oct_pdf_article_new(oct_pdf_typesetter *t, const oct_node *doc,
                                     const char *base_dir, oct_error *err) {
  oct_pdf_article *a = oct_xcalloc(1, sizeof *a);
  oct_layout_init(&a->L);
  oct_fontset_reset_warnings(t->fonts);
  oct_layout_params lp = params(t, oct_doc_meta(doc, OCT_META_LANGUAGE));
  lp.res.base_dir = base_dir;
  lp.image_fn = keep_image;
  if (oct_layout_document(&a->L, &lp, doc, err) != 0) {
    oct_pdf_article_free(a);
    return NULL;
  }
  trim(&a->L);
  if (oct_layout_paginate(&a->L, t->g.text_height, &a->pages) != 0) {
    oct_error_set(err, "PDF: page breaking failed");
    oct_pdf_article_free(a);
    return NULL;
  }
  return a;
}

void oct_pdf_article_free(oct_pdf_article *a) {
  if (!a) return;
  free_kept(a);
  oct_layout_free(&a->L);
  oct_pages_free(&a->pages);
  free(a);
}

/* "label\0" in the pool as the bookmark title of line I at LEVEL. */
static void mark_outline(oct_layout *L, size_t i, int level, const char *label) {
  L->lines[i].outline_level = level;
  L->lines[i].title_off = L->pool.len;
  L->lines[i].title_len = strlen(label);
  oct_buf_puts(&L->pool, label);
  oct_buf_putc(&L->pool, '\0');
}

static unsigned next_group(const oct_layout *L) {
  unsigned g = 0;
  for (size_t i = 0; i < L->nlines; i++)
    if (L->lines[i].v.group >= g) g = L->lines[i].v.group + 1;
  return g;
}

struct oct_pdf_digest {
  oct_pdf_typesetter *t;
  oct_pdf_digest_info info;
  char **labels;
  bool *is_part;
  size_t n, next; /* entries, and the next one to come */
  size_t *page;   /* each entry's first page, from 0 */
  size_t *toc_line;
  oct_node *meta;   /* the digest's metadata, for the title page and the file */
  oct_layout front; /* title page and contents */
  oct_pages front_pages;
  size_t folio;     /* pages drawn so far, front matter included */
  const char *part; /* the part being drawn */
  /* FLOW: the part in progress, appended article after article */
  oct_layout chunk;
  unsigned chunk_groups;
  size_t *chunk_entry; /* entries in the chunk and their first lines */
  size_t *chunk_line;
  size_t chunk_n, chunk_cap, chunk_cap2;
  oct_pdf_doc *doc;
  oct_pdf_drawer *drawer;
  oct_error *err; /* the drawer's: the call that draws */
  oct_error draw_err;
};

/* The title page: the ordinary title block of a document that holds only
 * the digest's metadata. */
static oct_node *info_doc(const oct_pdf_digest_info *d) {
  oct_node *doc = oct_node_new(OCT_NODE_DOCUMENT);
  oct_doc_set_meta(doc, OCT_META_TITLE, d->title && *d->title ? d->title : "Digest");
  if (d->count_line) oct_doc_set_meta(doc, OCT_META_SUBTITLE, d->count_line);
  if (d->author) oct_doc_set_meta(doc, OCT_META_AUTHOR, d->author);
  if (d->date) oct_doc_set_meta(doc, OCT_META_DATE, d->date);
  if (d->lang) oct_doc_set_meta(doc, OCT_META_LANGUAGE, d->lang);
  if (d->description) oct_doc_set_meta(doc, OCT_META_DESCRIPTION, d->description);
  if (d->subject) oct_doc_set_meta(doc, OCT_META_SUBJECT, d->subject);
  return doc;
}

/* The front matter: the title page, then the contents on a new page, their
 * numbers left blank. */
static int build_front(oct_pdf_digest *dg, oct_error *err) {
  oct_pdf_typesetter *t = dg->t;
  const oct_style *S = &t->style;
  oct_layout *L = &dg->front;
  oct_layout_params lp = params(t, dg->info.lang);
  if (oct_layout_document(L, &lp, dg->meta, err) != 0) return -1;
  unsigned group = next_group(L);
  double size = t->g.size, lead = t->g.leading, measure = t->g.measure;
  double number_room =
      oct_fontset_width(t->fonts, OCT_FACE_SERIF, S->tocnumber, strlen(S->tocnumber)) * size;
  double indent = S->tocindent * size;
  double head_size = size * S->tocheadsize;
  size_t at =
      oct_layout_add_line(L, t->fonts, OCT_FACE_SANS_BOLD, head_size, 0, "Contents", 0, measure,
                          head_size * S->headingleading, OCT_V_HEADING, group++, 0, measure);
  L->lines[at].v.page_break_before = true;
  L->lines[at].v.keep_with_next = true;
  oct_layout_add_space(L, lead * S->tocheadskip, group++);
  bool in_part = false;
  for (size_t i = 0; i < dg->n; i++) {
    const char *label = dg->labels[i];
    if (dg->is_part[i]) {
      if (i > 0) oct_layout_add_space(L, lead * S->tocpartskip, group++);
      dg->toc_line[i] =
          oct_layout_add_line(L, t->fonts, OCT_FACE_SANS_BOLD, size, 0, label, 0, measure, lead,
                              OCT_V_HEADING, group++, number_room, measure);
      L->lines[dg->toc_line[i]].v.keep_with_next = true;
      in_part = true;
    } else {
      double x = in_part ? indent : 0;
      dg->toc_line[i] =
          oct_layout_add_line(L, t->fonts, OCT_FACE_SERIF, size, 0, label, x, measure - x, lead,
                              OCT_V_LINE, group++, number_room, measure);
    }
  }
  if (oct_layout_paginate(L, t->g.text_height, &dg->front_pages) != 0)
    return oct_error_set(err, "PDF: page breaking failed");
  return 0;
}

oct_pdf_digest *oct_pdf_digest_new(oct_pdf_typesetter *t, const oct_pdf_digest_info *info,
                                   const char *const *labels, const bool *is_part, size_t n,
                                   oct_error *err) {
  oct_pdf_digest *dg = oct_xcalloc(1, sizeof *dg);
  dg->t = t;
  dg->info = *info;
  dg->n = n;
  dg->labels = oct_xcalloc(n + 1, sizeof *dg->labels);
  dg->is_part = oct_xcalloc(n + 1, sizeof *dg->is_part);
  dg->page = oct_xcalloc(n + 1, sizeof *dg->page);
  dg->toc_line = oct_xcalloc(n + 1, sizeof *dg->toc_line);
  for (size_t i = 0; i < n; i++) {
    dg->labels[i] = oct_xstrdup(labels[i] && *labels[i] ? labels[i] : "Untitled");
    dg->is_part[i] = is_part[i];
  }
  oct_layout_init(&dg->front);
  oct_layout_init(&dg->chunk);
  dg->meta = info_doc(info);
  oct_error_init(&dg->draw_err, NULL);
  if (build_front(dg, err) != 0) goto fail;
  dg->folio = dg->front_pages.npages;
  dg->doc = oct_pdf_doc_new(err);
  if (!dg->doc) goto fail;
  dg->drawer =
      oct_pdf_drawer_new(oct_pdf_doc_handle(dg->doc), t->fonts, &t->g, &t->style, &dg->draw_err);
  return dg;
fail:
  oct_pdf_digest_free(dg);
  return NULL;
}

void oct_pdf_digest_free(oct_pdf_digest *dg) {
  if (!dg) return;
  for (size_t i = 0; i < dg->n; i++)
    free(dg->labels[i]);
  free(dg->labels);
  free(dg->is_part);
  free(dg->page);
  free(dg->toc_line);
  oct_node_free(dg->meta);
  oct_layout_free(&dg->front);
  oct_pages_free(&dg->front_pages);
  oct_layout_free(&dg->chunk);
  free(dg->chunk_entry);
  free(dg->chunk_line);
  oct_pdf_drawer_free(dg->drawer);
  oct_pdf_doc_free(dg->doc);
  free(dg);
}

/* The running head of the page with folio F (from 0) in the article
 * LABEL: verso (an even folio) the part, or the digest; recto the article. */
static const char *head_for(const oct_pdf_digest *dg, size_t f, const char *label) {
  if ((f + 1) % 2 == 0) return dg->part ? dg->part : dg->info.title ? dg->info.title : label;
  return label;
}

/* Draws L on PAGES with HEADS, after what is drawn, copying the drawer's
 * error into ERR. */
static int draw(oct_pdf_digest *dg, const oct_layout *L, const oct_pages *pages,
                const char *const *heads, oct_error *err) {
  if (oct_pdf_drawer_pages(dg->drawer, L, pages, heads, dg->folio, false) != 0)
    return oct_error_set(err, "%s", dg->draw_err.msg);
  dg->folio += pages->npages;
  return 0;
}

/* FLOW: paginates the part in progress and draws it. */
static int flush_chunk(oct_pdf_digest *dg, oct_error *err) {
  if (dg->chunk.nlines == 0) return 0;
  oct_pages pages = {0};
  const char **heads = NULL;
  int rc = -1;
  if (oct_layout_paginate(&dg->chunk, dg->t->g.text_height, &pages) != 0) {
    oct_error_set(err, "PDF: page breaking failed");
    goto out;
  }
  /* each entry's page, and the head: the article in progress at the top
   * of each page, none where one starts */
  heads = oct_xcalloc(pages.npages + 1, sizeof *heads);
  const char *cur = NULL;
  for (size_t pg = 0, e = 0; pg < pages.npages; pg++) {
    size_t top = pages.starts[pg];
    if (top < dg->chunk.nlines && dg->chunk.lines[top].v.kind == OCT_V_SPACE) top++;
    size_t end = pg + 1 < pages.npages ? pages.starts[pg + 1] : dg->chunk.nlines;
    const char *at_top = cur;
    bool starts_here = false;
    for (; e < dg->chunk_n && dg->chunk_line[e] < end; e++) {
      dg->page[dg->chunk_entry[e]] = dg->folio + pg;
      if (dg->chunk_line[e] <= top) starts_here = true;
      cur = dg->labels[dg->chunk_entry[e]];
    }
    heads[pg] = starts_here || !at_top ? NULL : head_for(dg, dg->folio + pg, at_top);
  }
  rc = draw(dg, &dg->chunk, &pages, heads, err);
out:
  free(heads);
  oct_pages_free(&pages);
  oct_layout_free(&dg->chunk);
  oct_layout_init(&dg->chunk);
  dg->chunk_n = 0;
  dg->chunk_groups = 0;
  return rc;
}

/* A part: a page of its own with its title, a bookmark at level 1. */
static int add_part(oct_pdf_digest *dg, size_t i, oct_error *err) {
  oct_pdf_typesetter *t = dg->t;
  const oct_style *S = &t->style;
  if (dg->info.flow && flush_chunk(dg, err) != 0) return -1;
  dg->part = dg->labels[i];
  double ts = t->g.size * S->partsize;
  oct_layout L;
  oct_layout_init(&L);
  size_t at =
      oct_layout_add_line(&L, t->fonts, OCT_FACE_SANS_BOLD, ts, 0, dg->labels[i], 0, t->g.measure,
                          ts * S->titleleading, OCT_V_HEADING, 0, 0, t->g.measure);
  mark_outline(&L, at, 1, dg->labels[i]);
  dg->page[i] = dg->folio;
  int rc;
  if (dg->info.flow) {
    /* the part's articles follow its title on its page */
    dg->chunk_groups = 1;
    oct_layout_append(&dg->chunk, &L, 0, &dg->chunk_groups);
    oct_layout_add_space(&dg->chunk, t->g.leading * S->titleafterskip, dg->chunk_groups++);
    rc = 0;
  } else {
    oct_pages pages = {0};
    rc = oct_layout_paginate(&L, t->g.text_height, &pages) != 0
             ? oct_error_set(err, "PDF: page breaking failed")
             : draw(dg, &L, &pages, NULL, err);
    oct_pages_free(&pages);
  }
  oct_layout_free(&L);
  return rc;
}

int oct_pdf_digest_add(oct_pdf_digest *dg, size_t i, oct_pdf_article *a, oct_error *err) {
  if (i != dg->next || i >= dg->n) return oct_error_set(err, "PDF: digest entries out of order");
  dg->next++;
  if (dg->is_part[i]) return add_part(dg, i, err);
  oct_pdf_typesetter *t = dg->t;
  const oct_style *S = &t->style;
  if (!a) {
    /* left out: its line in the contents points at what follows */
    dg->page[i] = dg->folio;
    return 0;
  }
  const char *label = dg->labels[i];
  if (a->L.nlines == 0) {
    /* an empty article still has its place: its title alone */
    double ts = t->g.size * S->titlesize;
    oct_layout_add_line(&a->L, t->fonts, OCT_FACE_SANS_BOLD, ts, 0, label, 0, t->g.measure,
                        ts * S->titleleading, OCT_V_HEADING, 0, 0, t->g.measure);
    oct_pages_free(&a->pages);
    if (oct_layout_paginate(&a->L, t->g.text_height, &a->pages) != 0)
      return oct_error_set(err, "PDF: page breaking failed");
  }
  /* its images into the book; one that libharu refuses leaves its space blank */
  for (size_t k = 0; k < a->L.nimages; k++) {
    kept_image *ki = a->L.images[k].handle;
    oct_error ierr;
    oct_error_init(&ierr, NULL);
    a->L.images[k].handle =
        ki ? oct_pdf_doc_image(dg->doc, ki->data, ki->len, &ki->info, &ierr) : NULL;
    if (ki && !a->L.images[k].handle) oct_warn(err, "PDF: an image of '%s' %s", label, ierr.msg);
    if (ki) free(ki->data);
    free(ki);
  }
  a->images_in_pdf = true;
  /* bookmarks: the article at level 2 (under its part), its headings below */
  for (size_t k = 0; k < a->L.nlines; k++)
    if (a->L.lines[k].outline_level > 0)
      a->L.lines[k].outline_level =
          a->L.lines[k].outline_level + 2 > 6 ? 6 : a->L.lines[k].outline_level + 2;
  mark_outline(&a->L, 0, 2, label);
  if (dg->info.flow) {
    if (dg->chunk_n > 0) {
      /* a centred rule between two articles, as a thematic break is set */
      double lead = t->g.leading, w = t->g.measure * S->rulewidth;
      oct_layout_add_space(&dg->chunk, lead * S->flowskip, dg->chunk_groups++);
      oct_layout_add_rule(&dg->chunk, (t->g.measure - w) / 2, w, S->rulethickness, S->rulegray,
                          lead, dg->chunk_groups++);
      oct_layout_add_space(&dg->chunk, lead * S->flowskip, dg->chunk_groups++);
    }
    size_t line = oct_layout_append(&dg->chunk, &a->L, 0, &dg->chunk_groups);
    OCT_GROW(dg->chunk_entry, dg->chunk_n, dg->chunk_cap);
    OCT_GROW(dg->chunk_line, dg->chunk_n, dg->chunk_cap2);
    dg->chunk_entry[dg->chunk_n] = i;
    dg->chunk_line[dg->chunk_n++] = line;
    oct_layout_free(&a->L);
    oct_layout_init(&a->L);
    return 0;
  }
  /* each article on pages of its own: no head on its first */
  const char **heads = oct_xcalloc(a->pages.npages + 1, sizeof *heads);
  for (size_t pg = 1; pg < a->pages.npages; pg++)
    heads[pg] = head_for(dg, dg->folio + pg, label);
  dg->page[i] = dg->folio;
  int rc = draw(dg, &a->L, &a->pages, heads, err);
  free(heads);
  oct_layout_free(&a->L);
  oct_layout_init(&a->L);
  oct_pages_free(&a->pages);
  return rc;
}

int oct_pdf_digest_finish(oct_pdf_digest *dg, const char *path, oct_error *err) {
  if (dg->next != dg->n) return oct_error_set(err, "PDF: digest entries missing");
  if (dg->info.flow && flush_chunk(dg, err) != 0) return -1;
  for (size_t i = 0; i < dg->n; i++)
    oct_layout_set_number(&dg->front, dg->t->fonts, dg->toc_line[i], dg->page[i] + 1,
                          dg->t->g.measure);
  /* the front matter goes before the first article, numbered from 1 */
  if (oct_pdf_drawer_pages(dg->drawer, &dg->front, &dg->front_pages, NULL, 0, true) != 0 ||
      oct_pdf_drawer_finish(dg->drawer) != 0)
    return oct_error_set(err, "%s", dg->draw_err.msg);
  return oct_pdf_doc_save(dg->doc, dg->meta, dg->info.timestamp, !dg->t->opt.no_pdfa, path, err);
}
