/* Private to the EPUB writer: the in-memory book that the XHTML stage
 * (xhtml.c) fills and the package stage (package.c) zips, plus the small
 * pure helpers the unit tests exercise directly. */
#ifndef OCTAVO_EPUB_INTERNAL_H
#define OCTAVO_EPUB_INTERNAL_H

#include <libxml/xmlwriter.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tree/tree.h"
#include "util/util.h"
#include "write/epub/epub.h"

/* The data files the writer reads (oct_data_path), named once here;
 * oct_epub_data_files() lists them. */
#define EPUB_CSS_FILE "assets/epub.css"
#define EPUB_LABELS_FILE "assets/labels.tsv"
#define EPUB_COVER_TITLE_FACE "fonts/LiberationSerif-Bold.ttf"
#define EPUB_COVER_AUTHOR_FACE "fonts/LiberationSerif-Italic.ttf"
#define EPUB_COVER_FALLBACK_FACE "fonts/DejaVuSans.ttf" /* Greek, Cyrillic... */

struct oct_epub {
  oct_epub_options opt;
};

/* The words the writer adds itself, in the book's language (labels.c,
 * assets/labels.tsv). */
typedef enum epub_label {
  EPUB_L_CONTENTS,
  EPUB_L_LANDMARKS,
  EPUB_L_COVER,
  EPUB_L_TITLEPAGE,
  EPUB_L_START,
  EPUB_L_COVER_ALT,    /* template: {title} */
  EPUB_L_COVER_ALT_BY, /* template: {title}, {author} */
  EPUB_L_UNTITLED,
  EPUB_L_UNTITLED_SECTION,
  EPUB_N_LABELS
} epub_label;

typedef struct epub_labels {
  char *data;                      /* the table; text[] points into it */
  const char *text[EPUB_N_LABELS]; /* never NULL or empty once loaded */
} epub_labels;

/* One file of the package, under EPUB/ in the zip. */
typedef struct epub_item {
  char *id;               /* manifest id */
  char *href;             /* relative to EPUB/, ASCII */
  const char *media_type; /* static string */
  const char *properties; /* manifest properties or NULL; static */
  char *data;
  size_t len;
  bool in_spine;
  bool linear;
} epub_item;

/* A table-of-contents entry: one per heading. */
typedef struct epub_toc {
  int level;
  char *label; /* what XML can hold, never blank */
  char *href;  /* file#id */
} epub_toc;

typedef struct epub_book {
  /* metadata, all UTF-8; NULL when absent */
  const char *title, *subtitle, *author, *date, *description, *subject;
  char *owned[6]; /* cleaned copies the fields above point to */
  /* each author and each subject, cleaned (the tree's lists) */
  char **authors, **subjects;
  size_t n_authors, n_subjects;
  char *w3c_date; /* dc:date (the tree's ISO 8601 date), or NULL when it has none */
  char lang[36];  /* validated BCP 47 tag */
  bool rtl;       /* lang is written right to left */
  epub_labels labels;
  char *identifier; /* urn:uuid:... or the -M identifier */
  char modified[24];
  bool has_images;        /* content images embedded */
  bool has_alt_text;      /* some embedded image carries alt text */
  bool image_without_alt; /* an embedded block image has none */
  const char *cover_id;   /* manifest id of the cover image, or NULL */
  /* what the cover page shows, when not the cover image: the generated
   * cover's SVG (its href and its box), else NULL */
  const char *cover_page_href;
  unsigned cover_page_w, cover_page_h;
  const char *first_text; /* href of the first chapter */
  epub_item *items;
  size_t n_items, cap_items;
  epub_toc *toc;
  size_t n_toc, cap_toc;
} epub_book;

epub_item *epub_book_add(epub_book *b, const char *id, const char *href, const char *media_type,
                         char *data, size_t len);
void epub_book_free(epub_book *b);
/* How deep each table-of-contents entry nests (0: at the top), in DEPTH
 * (n_toc of them): under the nearest earlier entry of a higher level, one
 * step deeper, even when levels are skipped (h2 then h4), since the nav's
 * grammar forbids an empty <li>.  Returns the deepest nesting + 1, at
 * least 1.  The nav (xhtml.c) and the NCX (package.c) both nest by it. */
int epub_toc_depths(const epub_book *b, int *depth);

/* ---- helpers (meta.c) */
/* Appends an id for TEXT to OUT: lowercase ASCII letters, digits and '-',
 * starting with a letter, never empty.  Uniqueness is the caller's job. */
void epub_slug(const char *text, oct_buf *out);
/* True when TAG has the shape of a BCP 47 language tag. */
bool epub_lang_valid(const char *tag);
/* UUID v5 (SHA-1, RFC 4122 §4.3) of NAME in octavo's namespace, as
 * "urn:uuid:xxxxxxxx-xxxx-5xxx-yxxx-xxxxxxxxxxxx" (45 chars + NUL). */
void epub_uuid_v5(const void *name, size_t len, char out[46]);
/* The content fingerprint the identifier is derived from: every node's
 * type, attributes and text, and the metadata except the identifier. */
void epub_content_uuid(const oct_node *doc, char out[46]);
/* ---- labels and direction (labels.c) */
/* Reads assets/labels.tsv and picks LANG's labels (English where it has
 * none).  epub_labels_parse does it on DATA (NUL-terminated, changed in
 * place; OUT points into it). */
int epub_labels_load(const char *lang, epub_labels *out, oct_error *err);
int epub_labels_parse(char *data, const char *lang, epub_labels *out, oct_error *err);
void epub_labels_free(epub_labels *l);
/* TMPL with {title} and {author} replaced (NULL counts as empty). */
char *epub_label_fill(const char *tmpl, const char *title, const char *author);
/* True when the language tag LANG is written right to left. */
bool epub_lang_rtl(const char *lang);
/* ---- XML output (xmlout.c): text, attribute values and text-only elements
 * written through these lose what XML cannot hold (oct_xml_text). */
void epub_xml_string(xmlTextWriterPtr w, const char *s);
void epub_xml_attr(xmlTextWriterPtr w, const char *name, const char *value);
void epub_xml_element(xmlTextWriterPtr w, const char *name, const char *text);
/* A document written into memory: epub_xml_open starts it (with two-space
 * indentation when INDENT: only where no element holds mixed content),
 * epub_xml_close ends it and returns its bytes (LEN of them), freeing W
 * and BUF. */
xmlTextWriterPtr epub_xml_open(xmlBufferPtr *buf, bool indent);
char *epub_xml_close(xmlTextWriterPtr w, xmlBufferPtr buf, size_t *len);
/* SECONDS as CCYY-MM-DDThh:mm:ssZ. */
void epub_format_time(int64_t seconds, char out[24]);

/* ---- stages */
/* Tree -> XHTML documents, nav, title page, cover page, stylesheets and
 * images, added to BOOK (xhtml.c). */
int epub_build_documents(const oct_epub_options *opt, const oct_node *doc, epub_book *book,
                         oct_error *err);
/* Cover image: the user's or a generated one (cover.c).  Returns the PNG or
 * JPEG bytes in OUT and its media type; a generated cover also puts its SVG
 * (what the cover page shows) in PAGE, which stays empty otherwise. */
int epub_cover_image(const oct_epub_options *opt, const epub_book *book, oct_buf *out,
                     const char **media_type, oct_buf *page, oct_error *err);
/* The cover image (epub_cover_image for FACE: the title and the line under
 * it) added to BOOK's manifest as its cover (epub.c). */
int epub_add_cover(const oct_epub_options *opt, const epub_book *face, epub_book *book,
                   oct_error *err);
/* S without what XML cannot hold, or NULL when nothing but blanks is
 * left (empty metadata counts as absent); *OWNED gets any copy (epub.c). */
const char *epub_clean(const char *s, char **owned);
/* BOOK's language from LANG (a warning and "en" when it is absent or not
 * BCP 47), its direction and its labels (epub.c). */
int epub_book_language(epub_book *book, const char *lang, oct_error *err);
/* DOC's title for BOOK: the metadata's, else its first heading's, else
 * BOOK's "Untitled" label; *OWNED gets any copy (epub.c). */
const char *epub_doc_title(const oct_node *doc, const epub_book *book, char **owned);
/* One more entry in BOOK's contents (xhtml.c). */
void epub_toc_add(epub_book *b, int level, const char *label, const char *href);
/* The generated cover alone (unit-testable): PNG of W x H pixels. */
int epub_cover_render(const char *title, const char *author, int w, int h, oct_buf *out,
                      oct_error *err);
/* The generated cover as a PNG of W x H pixels and, when SVG is not NULL,
 * as an SVG of SVG_W x SVG_H units with its text as outlines (cover.c). */
#define EPUB_COVER_PAGE_WIDTH 1600 /* the generated cover's SVG box: 2:3, a book's page */
#define EPUB_COVER_PAGE_HEIGHT 2400
int epub_cover_draw(const char *title, const char *author, int w, int h, oct_buf *png, int svg_w,
                    int svg_h, oct_buf *svg, oct_error *err);
/* A digest's article (digest.c): its heading block, each line NULL when
 * absent but the title. */
#define EPUB_ARTICLE_HEAD_ID "article-head" /* the heading block's id, in its first file */
typedef struct epub_article_head {
  const char *title, *subtitle, *byline, *date;
} epub_article_head;
/* DOC's chapter files, images and heading entries added to BOOK (whose
 * title and lang the documents take), every file name and manifest id
 * starting with PREFIX so that many articles share one book; the first file
 * opens with HEAD (xhtml.c). */
int epub_build_article(const oct_epub_options *opt, const oct_node *doc, const char *prefix,
                       const epub_article_head *head, epub_book *book, oct_error *err);
/* The stylesheets, cover page, title page and nav (from BOOK's toc) of a
 * digest whose articles are BOOK's items from FIRST_CHAPTER on; the three
 * pages are put before them in the spine (xhtml.c). */
int epub_build_digest_frame(const oct_epub_options *opt, epub_book *book, size_t first_chapter,
                            oct_error *err);
/* OPF, NCX, container and zip (package.c): writes PATH atomically. */
int epub_write_package(const oct_epub_options *opt, const epub_book *book, const char *path,
                       oct_error *err);

#endif
