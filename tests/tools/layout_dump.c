/* layout_dump INPUT: lays INPUT out as `octavo INPUT -o X.pdf` does (A4,
 * automatic margins, the default size and style, the document's language
 * for hyphenation) with the PDF layout library alone -- no libharu -- and
 * prints where every page starts and the first words of each of its lines,
 * like TeX's trip test prints its boxes: a change to line or page breaking
 * shows in review as a diff of tests/golden/layout/ (tests/layout.cmake
 * compares; tests/golden/layout/README.md says how to regenerate).
 *
 * One line per line of the vertical list, spaces between blocks left out:
 *   H  a heading's line       L  a text line (paragraph, list item, quote)
 *   C  a line of code         T  a table row or slice   I  an image
 *   R  a rule                 *  after the tag: a table's header row,
 *                                repeated at the top of a page it goes on to
 * then the line's list label, if any, its first words and, after "...",
 * its last (with the hyphen of a hyphenated line).  Images are taken as placed once the
 * resource module has read them and checked their header (the writer would
 * set the alt text instead for one libpng or libharu then refuses). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/read.h"
#include "write/pdf/layout/hyphen.h"
#include "write/pdf/layout/layout.h"

#define WORDS 4       /* words shown from the start of each line */
#define WORD_BYTES 24 /* and at most this many bytes of each (URLs, long words) */

static int accept_image(void *user, const void *data, size_t len, const oct_image_info *info,
                        void **handle, oct_error *err) {
  (void)data, (void)len, (void)info, (void)err;
  *handle = user; /* any non-NULL handle: nothing is drawn */
  return 0;
}

static char tag(const oct_layout *L, const oct_vline *v) {
  bool text = false, rect = false, image = false;
  for (size_t k = v->first; k < v->first + v->count; k++) {
    text |= L->items[k].kind == OCT_PI_TEXT;
    rect |= L->items[k].kind == OCT_PI_RECT;
    image |= L->items[k].kind == OCT_PI_IMAGE;
  }
  switch (v->v.kind) {
  case OCT_V_HEADING:
    return 'H';
  case OCT_V_LINE:
    return rect ? 'C' : 'L';
  default:
    return image ? 'I' : text ? 'T' : 'R';
  }
}

/* The text of line V as read: its items in order, a space where the line
 * has one (a word space, or a gap between table cells). */
static void line_text(const oct_layout *L, const oct_vline *v, oct_buf *out) {
  oct_buf_clear(out);
  const oct_pitem *prev = NULL;
  for (size_t k = v->first; k < v->first + v->count; k++) {
    const oct_pitem *p = &L->items[k];
    if (p->kind != OCT_PI_TEXT) continue;
    if (prev && (prev->space_after || p->y != prev->y || p->x - (prev->x + prev->w) > 0.01 ||
                 p->x - (prev->x + prev->w) < -0.01))
      oct_buf_putc(out, ' ');
    oct_buf_put(out, L->pool.data + p->off, p->len);
    prev = p;
  }
}

/* Appends word W (N bytes), at most WORD_BYTES of it, after a space. */
static void put_word(const char *w, size_t n, oct_buf *out) {
  oct_buf_putc(out, ' ');
  oct_buf_put(out, w, n <= WORD_BYTES ? n : oct_utf8_prefix(w, n, WORD_BYTES));
}

/* One line: its tag, its list label, its first WORDS words and, when it
 * has more, "..." and its last word (with the hyphen a break added). */
static void print_line(const oct_layout *L, const oct_vline *v, bool repeated, oct_buf *text,
                       oct_buf *out) {
  oct_buf_clear(out);
  oct_buf_printf(out, "  %c%c", tag(L, v), repeated ? '*' : ' ');
  if (v->label >= 0) {
    const oct_pitem *lab = &L->items[v->label];
    put_word(L->pool.data + lab->off, lab->len, out);
  }
  line_text(L, v, text);
  const char *s = text->data ? text->data : "";
  size_t n = text->len, nwords = 0, last = 0, last_len = 0;
  for (size_t a = 0; a < n;) {
    while (a < n && s[a] == ' ')
      a++;
    if (a == n) break;
    size_t b = a;
    while (b < n && s[b] != ' ')
      b++;
    if (nwords++ < WORDS) put_word(s + a, b - a, out);
    last = a;
    last_len = b - a;
    a = b;
  }
  if (nwords > WORDS) {
    OCT_BUF_LIT(out, " ...");
    put_word(s + last, last_len, out);
  }
  while (out->data[out->len - 1] == ' ') /* a line without text: no trailing blank */
    out->data[--out->len] = '\0';
  printf("%s\n", out->data);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: layout_dump INPUT\n");
    return 2;
  }
  int rc = 1;
  oct_buf in = OCT_BUF_INIT, text = OCT_BUF_INIT, out = OCT_BUF_INIT;
  oct_error err;
  oct_error_init(&err, argv[1]);
  oct_node *doc = NULL;
  oct_fontset *fs = NULL;
  oct_hyph *hyph = NULL;
  oct_layout L;
  oct_layout_init(&L);
  oct_pages pages = {0};
  char *dir = oct_xstrdup(argv[1]);
  char *slash = strrchr(dir, '/');
  if (slash)
    *slash = '\0';
  else
    strcpy(dir, ".");
  if (oct_file_read(argv[1], &in, &err) != 0) goto fail;
  doc = oct_read(in.data, in.len, OCT_INPUT_AUTO, argv[1], &err);
  if (!doc) goto fail;
  fs = oct_fontset_new(&err);
  if (!fs) goto fail;
  const char *lang = oct_doc_meta(doc, OCT_META_LANGUAGE);
  oct_error herr;
  oct_error_init(&herr, NULL);
  /* none: not hyphenated and ragged right, as the writer sets it */
  hyph = oct_hyph_new(lang && *lang ? lang : "en", &herr);
  oct_style style;
  oct_style_default(&style);
  oct_page_geom g;
  if (oct_page_setup(&g, &style, fs, 0, 0, 0, 0, &err) != 0) goto fail;
  oct_layout_params lp = {.fonts = fs,
                          .hyph = hyph,
                          .style = &style,
                          .measure = g.measure,
                          .page_height = g.text_height,
                          .size = g.size,
                          .leading = g.leading,
                          .ragged = !hyph,
                          .res = {dir, NULL},
                          .image_fn = accept_image,
                          .image_user = &L};
  if (oct_layout_document(&L, &lp, doc, &err) != 0) goto fail;
  if (oct_layout_paginate(&L, g.text_height, &pages) != 0) {
    oct_error_set(&err, "page breaking failed");
    goto fail;
  }
  const char *name = strrchr(argv[1], '/');
  printf("# %s: A4, measure %.1f pt, %.1f/%.1f pt, %zu lines, %zu pages\n",
         name ? name + 1 : argv[1], g.measure, g.size, g.leading, L.nlines, pages.npages);
  printf("# %zu hyphenated lines, %zu justified lines set short of the margin\n",
         L.hyphenated_lines, L.short_lines);
  for (size_t pg = 0; pg < pages.npages; pg++) {
    size_t end = pg + 1 < pages.npages ? pages.starts[pg + 1] : L.nlines;
    printf("page %zu\n", pg + 1);
    if (pages.repeat[pg] != OCT_V_NONE)
      print_line(&L, &L.lines[pages.repeat[pg]], true, &text, &out);
    for (size_t i = pages.starts[pg]; i < end; i++)
      if (L.lines[i].v.kind != OCT_V_SPACE) print_line(&L, &L.lines[i], false, &text, &out);
  }
  rc = 0;
  goto out;
fail:
  fprintf(stderr, "layout_dump: %s: %s\n", argv[1], err.msg);
out:
  oct_pages_free(&pages);
  oct_layout_free(&L);
  oct_hyph_free(hyph);
  oct_fontset_free(fs);
  oct_node_free(doc);
  oct_buf_free(&in);
  oct_buf_free(&text);
  oct_buf_free(&out);
  free(dir);
  return rc;
}
