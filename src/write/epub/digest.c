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

oct_epub_chapter *oct_epub_chapter_new(const oct_epub_options *opt, const oct_node *doc,
                                       unsigned seq, oct_error *err) {
  if (!doc || doc->type != OCT_NODE_DOCUMENT) {
    oct_error_set(err, "epub: nothing to write");
    return NULL;
  }
  oct_epub_chapter *c = oct_xcalloc(1, sizeof *c);
  /* each article's files in its own language: direction and labels */
  if (epub_book_language(&c->book, oct_doc_meta(doc, OCT_META_LANGUAGE), err) != 0) {
    oct_epub_chapter_free(c);
    return NULL;
  }
  char *owned[4] = {0};
  epub_article_head head = {0};
  /* an article without a title is named by its first heading */
  head.title = epub_doc_title(doc, &c->book, &owned[0]);
  head.subtitle = epub_clean(oct_doc_meta(doc, OCT_META_SUBTITLE), &owned[1]);
  head.byline = epub_clean(oct_doc_meta(doc, OCT_META_AUTHOR), &owned[2]);
  head.date = epub_clean(oct_doc_meta(doc, OCT_META_DATE), &owned[3]);
  c->label = oct_xstrdup(head.title);
  c->book.title = c->label;
  epub_content_uuid(doc, c->uuid);
  char prefix[24];
  snprintf(prefix, sizeof prefix, "a%05u-", seq);
  epub_build_article(opt, doc, prefix, &head, &c->book, err);
  for (int i = 0; i < 4; i++)
    free(owned[i]);
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
  book.title = epub_clean(d->title, &book.owned[0]);
  if (!book.title) book.title = "Digest";
  book.author = epub_clean(d->author, &book.owned[2]);
  book.date = epub_clean(d->date, &book.owned[3]);
  if (d->date_iso) book.w3c_date = oct_xstrdup(d->date_iso);
  book.description = epub_clean(d->description, &book.owned[4]);
  book.subject = epub_clean(d->subject, &book.owned[5]);
  if (epub_book_language(&book, d->lang, err) != 0) goto out;
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
    const char *label = epub_clean(e->label, &lo);
    if (!label) label = book.labels.text[EPUB_L_UNTITLED];
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
  char *id_owned = NULL;
  const char *id = epub_clean(d->identifier, &id_owned);
  if (id) {
    book.identifier = id_owned ? id_owned : oct_xstrdup(id);
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
