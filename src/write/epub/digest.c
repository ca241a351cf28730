/* A digest: many articles in one EPUB (issue 13).  Each article becomes
 * its own XHTML files on the thread that read it (oct_epub_chapter_new,
 * through xhtml.c's epub_build_article), so the assembling thread only
 * moves finished documents into one book, writes the frame (cover, title
 * page, a nav of parts and articles) and zips it.  What a chapter keeps
 * until then is its serialised XHTML and images, not the article's tree:
 * some 10 KB a briefing (2,000 of them: 46 MiB peak for the whole run). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "write/epub/internal.h"

struct oct_epub_chapter {
  epub_book book; /* its items (documents, images) and its headings */
  char *label;    /* the article's title, for the contents */
  char uuid[46];  /* its content fingerprint, for the book's identifier */
};

static bool blank(const char *s) { return !s || s[strspn(s, " \t\r\n")] == '\0'; }

/* S cleaned for XML, or NULL when nothing but blanks is left; the copy (if
 * any) is kept in *OWNED. */
static const char *clean(const char *s, char **owned) {
  *owned = NULL;
  if (blank(s)) return NULL;
  const char *v = oct_xml_text(s, owned);
  return blank(v) ? NULL : v;
}

oct_epub_chapter *oct_epub_chapter_new(const oct_epub_options *opt, const oct_node *doc,
                                       unsigned seq, oct_error *err) {
  if (!doc || doc->type != OCT_NODE_DOCUMENT) {
    oct_error_set(err, "epub: nothing to write");
    return NULL;
  }
  oct_epub_chapter *c = oct_xcalloc(1, sizeof *c);
  char *owned[5] = {0};
  oct_buf first = OCT_BUF_INIT;
  epub_article_head head = {0};
  head.title = clean(oct_doc_meta(doc, OCT_META_TITLE), &owned[0]);
  if (!head.title) {
    /* an article without a title is named by its first heading */
    for (const oct_node *n = doc->first_child; n; n = n->next)
      if (n->type == OCT_NODE_HEADING) {
        oct_node_plain_text(n, &first);
        break;
      }
    head.title = clean(first.data, &owned[4]);
    if (!head.title) head.title = "Untitled";
  }
  head.subtitle = clean(oct_doc_meta(doc, OCT_META_SUBTITLE), &owned[1]);
  head.byline = clean(oct_doc_meta(doc, OCT_META_AUTHOR), &owned[2]);
  head.date = clean(oct_doc_meta(doc, OCT_META_DATE), &owned[3]);
  c->label = oct_xstrdup(head.title);
  c->book.title = c->label;
  const char *lang = oct_doc_meta(doc, OCT_META_LANGUAGE);
  snprintf(c->book.lang, sizeof c->book.lang, "%s", lang && epub_lang_valid(lang) ? lang : "en");
  /* each article's files in its own language: direction and labels */
  c->book.rtl = epub_lang_rtl(c->book.lang);
  if (epub_labels_load(c->book.lang, &c->book.labels, err) != 0) {
    for (int i = 0; i < 5; i++)
      free(owned[i]);
    oct_buf_free(&first);
    oct_epub_chapter_free(c);
    return NULL;
  }
  epub_content_uuid(doc, c->uuid);
  char prefix[24];
  snprintf(prefix, sizeof prefix, "a%05u-", seq);
  epub_build_article(opt, doc, prefix, &head, &c->book, err);
  for (int i = 0; i < 5; i++)
    free(owned[i]);
  oct_buf_free(&first);
  return c;
}

void oct_epub_chapter_free(oct_epub_chapter *c) {
  if (!c) return;
  epub_book_free(&c->book);
  free(c->label);
  free(c);
}

/* Moves C's items into B (the chapter keeps its headings, which the
 * two-level contents does not show); returns the href of its first file. */
static const char *take_items(epub_book *b, oct_epub_chapter *c) {
  const char *first = NULL;
  for (size_t i = 0; i < c->book.n_items; i++) {
    OCT_GROW(b->items, b->n_items, b->cap_items);
    b->items[b->n_items] = c->book.items[i];
    if (!first && b->items[b->n_items].in_spine) first = b->items[b->n_items].href;
    b->n_items++;
  }
  if (c->book.has_images) b->has_images = true;
  if (c->book.has_alt_text) b->has_alt_text = true;
  c->book.n_items = 0;
  return first;
}

int oct_epub_digest_write(const oct_epub_options *opt, const oct_epub_digest *d, const char *path,
                          oct_error *err) {
  int rc = -1;
  epub_book book = {0};
  oct_buf ids = OCT_BUF_INIT;
  char *owned = NULL;
  book.title = clean(d->title, &book.owned[0]);
  if (!book.title) book.title = "Digest";
  book.author = clean(d->author, &book.owned[2]);
  book.date = clean(d->date, &book.owned[3]);
  if (d->date_iso) book.w3c_date = oct_xstrdup(d->date_iso);
  book.description = clean(d->description, &book.owned[4]);
  book.subject = clean(d->subject, &book.owned[5]);
  const char *lang = clean(d->lang, &owned);
  if (lang && !epub_lang_valid(lang)) {
    oct_warn(err, "language '%s' is not a BCP 47 tag: using 'en'", lang);
    lang = NULL;
  }
  snprintf(book.lang, sizeof book.lang, "%s", lang ? lang : "en");
  free(owned);
  book.rtl = epub_lang_rtl(book.lang);
  if (epub_labels_load(book.lang, &book.labels, err) != 0) goto out;
  /* the book's one author ("Various" unless all share one) and subject */
  if (book.author) {
    book.authors = oct_xcalloc(1, sizeof *book.authors);
    book.authors[book.n_authors++] = oct_xstrdup(book.author);
  }
  if (book.subject) {
    book.subjects = oct_xcalloc(1, sizeof *book.subjects);
    book.subjects[book.n_subjects++] = oct_xstrdup(book.subject);
  }
  epub_format_time(opt->timestamp, book.modified);

  if (!opt->no_cover) {
    /* the generated cover's second line: the date and the number of articles */
    epub_book face = {0};
    face.title = book.title;
    face.author = d->cover_line;
    if (epub_add_cover(opt, &face, &book, err) != 0) goto out;
  }
  size_t first_chapter = book.n_items;
  /* Contents: parts at level 1, articles at level 2 (those before the
   * first part stand at the top, epub_toc_depths); a part links to its
   * first article. */
  oct_buf_puts(&ids, book.title);
  for (size_t i = 0; i < d->n_entries; i++) {
    const oct_epub_digest_entry *e = &d->entries[i];
    char *lo = NULL;
    const char *label = clean(e->label, &lo);
    if (!label) label = "Untitled";
    if (!e->chapter) {
      epub_toc_add(&book, 1, label, "");
    } else {
      const char *file = take_items(&book, e->chapter);
      /* the article's entry points at its heading block and its part's at
       * the file: the NCX wants a target of its own for each entry */
      char *href = oct_xasprintf("%s#%s", file ? file : "", EPUB_ARTICLE_HEAD_ID);
      epub_toc_add(&book, 2, label, href);
      if (book.n_toc > 1 && book.toc[book.n_toc - 2].level == 1 &&
          !book.toc[book.n_toc - 2].href[0]) {
        free(book.toc[book.n_toc - 2].href);
        book.toc[book.n_toc - 2].href = oct_xstrdup(file ? file : "");
      }
      free(href);
      if (!book.first_text) book.first_text = book.toc[book.n_toc - 1].href;
      oct_buf_putc(&ids, '\n');
      oct_buf_puts(&ids, e->chapter->uuid);
    }
    free(lo);
  }
  if (!book.first_text) {
    oct_error_set(err, "epub: a digest needs at least one article");
    goto out;
  }
  if (d->identifier && !blank(d->identifier)) {
    book.identifier = oct_xstrdup(d->identifier);
  } else {
    char uuid[46];
    epub_uuid_v5(ids.data, ids.len, uuid);
    book.identifier = oct_xstrdup(uuid);
  }
  if (epub_build_digest_frame(opt, &book, first_chapter, err) != 0) goto out;
  rc = epub_write_package(opt, &book, path, err);
out:
  epub_book_free(&book);
  oct_buf_free(&ids);
  return rc;
}
