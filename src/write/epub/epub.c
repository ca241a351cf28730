/* The writer's entry points: settle the metadata, run the two stages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "write/epub/internal.h"

oct_epub *oct_epub_new(const oct_epub_options *opt) {
  oct_epub *e = oct_xcalloc(1, sizeof *e);
  if (opt) e->opt = *opt;
  return e;
}

void oct_epub_free(oct_epub *ctx) { free(ctx); }

const char *const *oct_epub_data_files(void) {
  static const char *const files[] = {
      EPUB_CSS_FILE,          EPUB_LABELS_FILE,         EPUB_COVER_TITLE_FACE,
      EPUB_COVER_AUTHOR_FACE, EPUB_COVER_FALLBACK_FACE, NULL};
  return files;
}

epub_item *epub_book_add(epub_book *b, const char *id, const char *href, const char *media_type,
                         char *data, size_t len) {
  OCT_GROW(b->items, b->n_items, b->cap_items);
  epub_item *it = &b->items[b->n_items++];
  memset(it, 0, sizeof *it);
  it->id = oct_xstrdup(id);
  it->href = oct_xstrdup(href);
  it->media_type = media_type;
  it->data = data;
  it->len = len;
  return it;
}

int epub_toc_depths(const epub_book *b, int *depth) {
  /* the levels of the entries the next one may nest in, outermost first */
  int *open = oct_xmalloc((b->n_toc + 1) * sizeof *open);
  int n_open = 0, deepest = 1;
  for (size_t i = 0; i < b->n_toc; i++) {
    while (n_open > 0 && open[n_open - 1] >= b->toc[i].level)
      n_open--;
    depth[i] = n_open;
    open[n_open++] = b->toc[i].level;
    if (n_open > deepest) deepest = n_open;
  }
  free(open);
  return deepest;
}

void epub_book_free(epub_book *b) {
  for (size_t i = 0; i < b->n_items; i++) {
    free(b->items[i].id);
    free(b->items[i].href);
    free(b->items[i].data);
  }
  free(b->items);
  for (size_t i = 0; i < b->n_toc; i++) {
    free(b->toc[i].label);
    free(b->toc[i].href);
  }
  free(b->toc);
  for (size_t i = 0; i < sizeof b->owned / sizeof *b->owned; i++)
    free(b->owned[i]);
  for (size_t i = 0; i < b->n_authors; i++)
    free(b->authors[i]);
  free(b->authors);
  for (size_t i = 0; i < b->n_subjects; i++)
    free(b->subjects[i]);
  free(b->subjects);
  free(b->w3c_date);
  free(b->identifier);
  epub_labels_free(&b->labels);
}

static bool blank(const char *s) { return !s || s[strspn(s, " \t\r\n")] == '\0'; }

/* S without what XML cannot hold (the cover draws it; every XML write
 * cleans again), or NULL when nothing but
 * blanks is left: empty metadata counts as absent.  *OWNED gets any copy. */
const char *epub_clean(const char *s, char **owned) {
  *owned = NULL;
  if (blank(s)) return NULL;
  const char *v = oct_xml_text(s, owned);
  if (v && !blank(v)) return v;
  free(*owned);
  *owned = NULL;
  return NULL;
}

static const char *meta_or_null(const oct_node *doc, oct_meta_key k, char **owned) {
  return epub_clean(oct_doc_meta(doc, k), owned);
}

int epub_book_language(epub_book *book, const char *lang, oct_error *err) {
  char *owned = NULL;
  const char *l = epub_clean(lang, &owned);
  if (l && !epub_lang_valid(l)) {
    oct_warn(err, "language '%s' is not a BCP 47 tag: using 'en'", l);
    l = NULL;
  }
  snprintf(book->lang, sizeof book->lang, "%s", l ? l : "en");
  free(owned);
  book->rtl = epub_lang_rtl(book->lang);
  return epub_labels_load(book->lang, &book->labels, err);
}

const char *epub_doc_title(const oct_node *doc, const epub_book *book, char **owned) {
  const char *t = meta_or_null(doc, OCT_META_TITLE, owned);
  if (t) return t;
  oct_buf first = OCT_BUF_INIT;
  for (const oct_node *n = doc->first_child; n; n = n->next)
    if (n->type == OCT_NODE_HEADING) {
      oct_node_plain_text(n, &first);
      break;
    }
  t = epub_clean(first.data, owned);
  if (t && !*owned) t = *owned = oct_xstrdup(t); /* not a pointer into FIRST */
  oct_buf_free(&first);
  return t ? t : book->labels.text[EPUB_L_UNTITLED];
}

/* The items of list K (authors, subjects), cleaned, blank ones left out. */
static char **meta_items(const oct_node *doc, oct_meta_key k, size_t *n) {
  size_t count = oct_doc_meta_count(doc, k);
  char **v = count ? oct_xcalloc(count, sizeof *v) : NULL;
  *n = 0;
  for (size_t i = 0; i < count; i++) {
    char *owned = NULL;
    const char *c = epub_clean(oct_doc_meta_item(doc, k, i), &owned);
    if (c) v[(*n)++] = owned ? owned : oct_xstrdup(c);
  }
  return v;
}

int epub_add_cover(const oct_epub_options *opt, const epub_book *face, epub_book *book,
                   oct_error *err) {
  oct_buf cover = OCT_BUF_INIT, page = OCT_BUF_INIT;
  const char *type;
  if (epub_cover_image(opt, face, &cover, &type, &page, err) != 0) {
    oct_buf_free(&cover);
    oct_buf_free(&page);
    return -1;
  }
  bool jpeg = strcmp(type, "image/jpeg") == 0;
  size_t len = cover.len;
  epub_item *it = epub_book_add(book, "cover-image", jpeg ? "images/cover.jpg" : "images/cover.png",
                                type, oct_buf_detach(&cover), len);
  it->properties = "cover-image";
  book->cover_id = "cover-image";
  if (page.len) {
    /* The generated cover: the page shows the SVG, library views and
     * calibre take the PNG (calibre finds no cover at all when the
     * cover-image is SVG). */
    len = page.len;
    epub_book_add(book, "cover-page", "images/cover.svg", "image/svg+xml", oct_buf_detach(&page),
                  len);
    book->cover_page_href = "images/cover.svg";
    book->cover_page_w = EPUB_COVER_PAGE_WIDTH;
    book->cover_page_h = EPUB_COVER_PAGE_HEIGHT;
  }
  oct_buf_free(&page);
  return 0;
}

int oct_epub_write(oct_epub *ctx, const oct_node *doc, const char *path, oct_error *err) {
  int rc = -1;
  epub_book book = {0};
  if (!ctx || !doc || doc->type != OCT_NODE_DOCUMENT || !path) {
    oct_error_set(err, "epub: nothing to write");
    goto out;
  }
  if (epub_book_language(&book, oct_doc_meta(doc, OCT_META_LANGUAGE), err) != 0) goto out;
  /* A book needs a title: the metadata's, else the first heading's. */
  book.title = epub_doc_title(doc, &book, &book.owned[0]);
  book.subtitle = meta_or_null(doc, OCT_META_SUBTITLE, &book.owned[1]);
  book.author = meta_or_null(doc, OCT_META_AUTHOR, &book.owned[2]);
  book.date = meta_or_null(doc, OCT_META_DATE, &book.owned[3]);
  book.description = meta_or_null(doc, OCT_META_DESCRIPTION, &book.owned[4]);
  book.subject = meta_or_null(doc, OCT_META_SUBJECT, &book.owned[5]);
  book.authors = meta_items(doc, OCT_META_AUTHOR, &book.n_authors);
  book.subjects = meta_items(doc, OCT_META_SUBJECT, &book.n_subjects);
  /* the tree holds the date read once (ISO 8601) or the source's words */
  const char *iso = oct_doc_date_iso(doc);
  if (iso) book.w3c_date = oct_xstrdup(iso);

  char *owned = NULL;
  const char *ident = meta_or_null(doc, OCT_META_IDENTIFIER, &owned);
  if (ident) {
    book.identifier = owned ? owned : oct_xstrdup(ident);
  } else {
    char uuid[46];
    epub_content_uuid(doc, uuid);
    book.identifier = oct_xstrdup(uuid);
  }
  epub_format_time(ctx->opt.timestamp, book.modified);

  if (!ctx->opt.no_cover && epub_add_cover(&ctx->opt, &book, &book, err) != 0) goto out;
  if (epub_build_documents(&ctx->opt, doc, &book, err) != 0) goto out;
  rc = epub_write_package(&ctx->opt, &book, path, err);
out:
  epub_book_free(&book);
  return rc;
}
