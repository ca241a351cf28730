/* A digest as one PDF (issue 13).  Each article is laid out on the thread
 * that read it (oct_pdf_article_new: the ordinary layout, title block and
 * all), and what it keeps until assembly is its vertical list, not its
 * tree.  Assembly appends the lists in order after a title page and a
 * contents whose numbers are left blank, breaks the whole into pages once,
 * then fills in the numbers: every contents line is one line high, so the
 * contents take the same pages whatever the numbers say.  Running heads
 * follow the article on the page; bookmarks nest parts > articles > the
 * articles' own headings. */
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
};

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

/* Arrays cut to their length: a digest keeps thousands of these until
 * assembly, and growth by doubling leaves up to half of each unused. */
static void trim(oct_layout *L) {
  if (L->nitems) L->items = oct_xrealloc(L->items, L->nitems * sizeof *L->items);
  L->capitems = L->nitems;
  if (L->nlines) L->lines = oct_xrealloc(L->lines, L->nlines * sizeof *L->lines);
  L->caplines = L->nlines;
}

oct_pdf_article *oct_pdf_article_new(oct_pdf_typesetter *t, const oct_node *doc, oct_error *err) {
  oct_pdf_article *a = oct_xcalloc(1, sizeof *a);
  oct_layout_init(&a->L);
  oct_fontset_reset_warnings(t->fonts);
  oct_layout_params lp = params(t, oct_doc_meta(doc, OCT_META_LANGUAGE));
  if (oct_layout_document(&a->L, &lp, doc, err) != 0) {
    oct_pdf_article_free(a);
    return NULL;
  }
  trim(&a->L);
  return a;
}

void oct_pdf_article_free(oct_pdf_article *a) {
  if (!a) return;
  oct_layout_free(&a->L);
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

/* The title page: the ordinary title block of a document that holds only
 * the digest's metadata. */
static oct_node *info_doc(const oct_pdf_digest *d) {
  oct_node *doc = oct_node_new(OCT_NODE_DOCUMENT);
  oct_doc_set_meta(doc, OCT_META_TITLE, d->title && *d->title ? d->title : "Digest");
  if (d->count_line) oct_doc_set_meta(doc, OCT_META_SUBTITLE, d->count_line);
  if (d->author) oct_doc_set_meta(doc, OCT_META_AUTHOR, d->author);
  if (d->date) oct_doc_set_meta(doc, OCT_META_DATE, d->date);
  if (d->lang) oct_doc_set_meta(doc, OCT_META_LANGUAGE, d->lang);
  return doc;
}

int oct_pdf_digest_write(oct_pdf_typesetter *t, const oct_pdf_digest *d, const char *path,
                         oct_error *err) {
  int rc = -1;
  oct_layout L;
  oct_layout_init(&L);
  oct_pages pages = {0};
  const oct_style *S = &t->style;
  const oct_page_geom *g = &t->g;
  size_t n = d->n_entries;
  size_t *toc_line = oct_xcalloc(n + 1, sizeof *toc_line);   /* each entry's contents line */
  size_t *body_line = oct_xcalloc(n + 1, sizeof *body_line); /* and where it starts */
  const char **heads = NULL;
  oct_pdf *writer = NULL;
  oct_node *info = info_doc(d);
  oct_layout_params lp = params(t, d->lang);
  if (oct_layout_document(&L, &lp, info, err) != 0) goto out;

  /* the contents, on a new page; numbers are filled in after pagination */
  unsigned group = next_group(&L);
  double size = g->size, lead = g->leading, measure = g->measure;
  double number_room = oct_fontset_width(t->fonts, OCT_FACE_SERIF, "00000", 5) * size;
  double indent = S->quote_leftskip * size;
  double head_size = size * S->headingsize[1];
  size_t at =
      oct_layout_add_line(&L, t->fonts, OCT_FACE_SANS_BOLD, head_size, 0, "Contents", 0, measure,
                          head_size * S->headingleading, OCT_V_HEADING, group++, 0, measure);
  L.lines[at].v.page_break_before = true;
  L.lines[at].v.keep_with_next = true;
  mark_outline(&L, at, 1, "Contents");
  oct_layout_add_space(&L, lead * S->headingafterskip * 2, group++);
  bool in_part = false;
  for (size_t i = 0; i < n; i++) {
    const oct_pdf_digest_entry *e = &d->entries[i];
    const char *label = e->label && *e->label ? e->label : "Untitled";
    if (!e->article) {
      if (i > 0) oct_layout_add_space(&L, lead * S->headingbeforeskip, group++);
      toc_line[i] =
          oct_layout_add_line(&L, t->fonts, OCT_FACE_SANS_BOLD, size, 0, label, 0, measure, lead,
                              OCT_V_HEADING, group++, number_room, measure);
      L.lines[toc_line[i]].v.keep_with_next = true;
      in_part = true;
    } else {
      double x = in_part ? indent : 0;
      toc_line[i] =
          oct_layout_add_line(&L, t->fonts, OCT_FACE_SERIF, size, 0, label, x, measure - x, lead,
                              OCT_V_LINE, group++, number_room, measure);
    }
  }

  /* the body: parts on a page of their own, articles on a new page each
   * (or, flowing, after a rule) */
  bool after_article = false;
  const char *part = NULL;
  for (size_t i = 0; i < n; i++) {
    const oct_pdf_digest_entry *e = &d->entries[i];
    const char *label = e->label && *e->label ? e->label : "Untitled";
    if (!e->article) {
      double ts = size * S->titlesize;
      body_line[i] = oct_layout_add_line(&L, t->fonts, OCT_FACE_SANS_BOLD, ts, 0, label, 0, measure,
                                         ts * S->titleleading, OCT_V_HEADING, group++, 0, measure);
      L.lines[body_line[i]].v.page_break_before = true;
      mark_outline(&L, body_line[i], 1, label);
      oct_layout_add_space(&L, lead * S->titleafterskip, group++);
      after_article = false;
      part = label;
      continue;
    }
    bool new_page = !d->flow || i == 0 || (!after_article && !part);
    if (d->flow && after_article) {
      oct_layout_add_space(&L, lead * S->blockskip * 2, group++);
      double w = measure * S->rulewidth;
      oct_layout_add_rule(&L, (measure - w) / 2, w, S->rulethickness, S->rulegray, lead, group++);
      oct_layout_add_space(&L, lead * S->blockskip * 2, group++);
    }
    if (e->article->L.nlines == 0) {
      /* an empty article still has its place: its title alone */
      oct_layout_add_line(&e->article->L, t->fonts, OCT_FACE_SANS_BOLD, size * S->titlesize, 0,
                          label, 0, measure, size * S->titlesize * S->titleleading, OCT_V_HEADING,
                          0, 0, measure);
    }
    body_line[i] = oct_layout_append(&L, &e->article->L, 2, &group);
    oct_layout_free(&e->article->L);
    if (new_page) L.lines[body_line[i]].v.page_break_before = true;
    mark_outline(&L, body_line[i], 2, label);
    after_article = true;
  }
  if (oct_layout_paginate(&L, g->text_height, &pages) != 0) {
    oct_error_set(err, "PDF: page breaking failed");
    goto out;
  }

  /* the contents' numbers: the page of each entry's first line */
  for (size_t e = 0, pg = 0; e < n; e++) {
    while (pg + 1 < pages.npages && pages.starts[pg + 1] <= body_line[e])
      pg++;
    oct_layout_set_number(&L, t->fonts, toc_line[e], pg + 1, measure);
  }
  /* running heads: what is in progress at the top of each page, none where
   * a part or an article starts; verso (even folio) the part, or the
   * digest, recto the article */
  heads = oct_xcalloc(pages.npages + 1, sizeof *heads);
  const char *cur_part = NULL, *cur_article = NULL;
  for (size_t pg = 0, e = 0; pg < pages.npages; pg++) {
    size_t top = pages.starts[pg];
    if (top < L.nlines && L.lines[top].v.kind == OCT_V_SPACE) top++; /* dropped at a page top */
    bool starts_here = false;
    for (; e < n && body_line[e] <= top; e++) {
      starts_here = body_line[e] == top;
      if (!d->entries[e].article) {
        cur_part = d->entries[e].label;
        cur_article = NULL;
      } else {
        cur_article = d->entries[e].label;
      }
    }
    if (!cur_article || starts_here) continue;
    heads[pg] = (pg + 1) % 2 == 0 && (cur_part || d->title) ? (cur_part ? cur_part : d->title)
                                                            : cur_article;
  }
  writer = oct_pdf_new(&t->opt);
  rc = oct_pdf_write_laid_out(writer, info, &L, &pages, g, S, heads, path, err);
out:
  oct_pdf_free(writer);
  oct_node_free(info);
  free(heads);
  free(toc_line);
  free(body_line);
  oct_pages_free(&pages);
  oct_layout_free(&L);
  return rc;
}
