/* Stage two: the documents of the book -> an OCF container.  Writes the
 * package document (OPF), the NCX for older readers and container.xml with
 * libxml2, then zips everything into memory (util/zip.c) and replaces the
 * output file atomically. */
#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "write/epub/internal.h"

#define X(s) BAD_CAST(s)

/* Two-space indentation is safe here: no mixed content in OPF/NCX. */
static xmlTextWriterPtr begin(xmlBufferPtr *bufp) { return epub_xml_open(bufp, true); }

/* Text and attribute values go through the XML cleaning doors (xmlout.c). */
static void el(xmlTextWriterPtr w, const char *name, const char *text) {
  epub_xml_element(w, name, text);
}

static void attr(xmlTextWriterPtr w, const char *name, const char *value) {
  epub_xml_attr(w, name, value);
}

/* <meta property="P" [refines="#R"]>V</meta> */
static void meta(xmlTextWriterPtr w, const char *property, const char *refines, const char *v) {
  xmlTextWriterStartElement(w, X("meta"));
  attr(w, "property", property);
  if (refines) attr(w, "refines", refines);
  epub_xml_string(w, v);
  xmlTextWriterEndElement(w);
}

/* <NAME id="ID">TEXT</NAME>, for the Dublin Core elements that a <meta>
 * refines. */
static void dc_with_id(xmlTextWriterPtr w, const char *name, const char *id, const char *text) {
  xmlTextWriterStartElement(w, X(name));
  attr(w, "id", id);
  epub_xml_string(w, text);
  xmlTextWriterEndElement(w);
}

static void write_metadata(xmlTextWriterPtr w, const epub_book *b) {
  xmlTextWriterStartElement(w, X("metadata"));
  attr(w, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
  dc_with_id(w, "dc:identifier", "uid", b->identifier);
  dc_with_id(w, "dc:title", "title", b->title);
  meta(w, "title-type", "#title", "main");
  if (b->subtitle) {
    dc_with_id(w, "dc:title", "subtitle", b->subtitle);
    meta(w, "title-type", "#subtitle", "subtitle");
  }
  /* one dc:creator per author, so that library software lists each
   * person (calibre showed "A, B" as one) */
  for (size_t i = 0; i < b->n_authors; i++) {
    char id[32], ref[34];
    if (i)
      snprintf(id, sizeof id, "creator%zu", i + 1);
    else
      snprintf(id, sizeof id, "creator");
    snprintf(ref, sizeof ref, "#%s", id);
    dc_with_id(w, "dc:creator", id, b->authors[i]);
    xmlTextWriterStartElement(w, X("meta"));
    attr(w, "refines", ref);
    attr(w, "property", "role");
    attr(w, "scheme", "marc:relators");
    epub_xml_string(w, "aut");
    xmlTextWriterEndElement(w);
  }
  el(w, "dc:language", b->lang);
  if (b->w3c_date) el(w, "dc:date", b->w3c_date);
  if (b->description) el(w, "dc:description", b->description);
  for (size_t i = 0; i < b->n_subjects; i++)
    el(w, "dc:subject", b->subjects[i]);
  meta(w, "dcterms:modified", NULL, b->modified);
  if (b->cover_id) {
    xmlTextWriterStartElement(w, X("meta"));
    attr(w, "name", "cover");
    attr(w, "content", b->cover_id);
    xmlTextWriterEndElement(w);
  }
  /* Accessibility (EPUB Accessibility 1.1 / schema.org), one value each. */
  meta(w, "schema:accessMode", NULL, "textual");
  if (b->has_images) meta(w, "schema:accessMode", NULL, "visual");
  /* text alone suffices only when every picture has its words */
  meta(w, "schema:accessModeSufficient", NULL, b->image_without_alt ? "textual,visual" : "textual");
  meta(w, "schema:accessibilityFeature", NULL, "structuralNavigation");
  meta(w, "schema:accessibilityFeature", NULL, "tableOfContents");
  meta(w, "schema:accessibilityFeature", NULL, "readingOrder");
  if (b->has_alt_text) meta(w, "schema:accessibilityFeature", NULL, "alternativeText");
  meta(w, "schema:accessibilityHazard", NULL, "none");
  meta(w, "schema:accessibilitySummary", NULL,
       b->has_images ? "Text with headings and a table of contents for navigation, in reading "
                       "order; images carry the alternative text the source gave them."
                     : "Text with headings and a table of contents for navigation, in reading "
                       "order; no images beyond the cover.");
  xmlTextWriterEndElement(w); /* metadata */
}

static void manifest_item(xmlTextWriterPtr w, const char *id, const char *href,
                          const char *media_type, const char *properties) {
  xmlTextWriterStartElement(w, X("item"));
  attr(w, "id", id);
  attr(w, "href", href);
  attr(w, "media-type", media_type);
  if (properties) attr(w, "properties", properties);
  xmlTextWriterEndElement(w);
}

/* Every file of the book (and the NCX), then the reading order. */
static void write_manifest_and_spine(xmlTextWriterPtr w, const epub_book *b) {
  xmlTextWriterStartElement(w, X("manifest"));
  for (size_t i = 0; i < b->n_items; i++) {
    const epub_item *it = &b->items[i];
    manifest_item(w, it->id, it->href, it->media_type, it->properties);
  }
  manifest_item(w, "ncx", "toc.ncx", "application/x-dtbncx+xml", NULL);
  xmlTextWriterEndElement(w); /* manifest */

  xmlTextWriterStartElement(w, X("spine"));
  attr(w, "toc", "ncx");
  /* Pages turn leftwards in a right-to-left book. */
  if (b->rtl) attr(w, "page-progression-direction", "rtl");
  for (size_t i = 0; i < b->n_items; i++) {
    const epub_item *it = &b->items[i];
    if (!it->in_spine) continue;
    xmlTextWriterStartElement(w, X("itemref"));
    attr(w, "idref", it->id);
    if (!it->linear) attr(w, "linear", "no");
    xmlTextWriterEndElement(w);
  }
  xmlTextWriterEndElement(w); /* spine */
}

static char *write_opf(const epub_book *b, size_t *len) {
  xmlBufferPtr buf;
  xmlTextWriterPtr w = begin(&buf);
  xmlTextWriterStartElement(w, X("package"));
  attr(w, "xmlns", "http://www.idpf.org/2007/opf");
  attr(w, "version", "3.0");
  attr(w, "unique-identifier", "uid");
  attr(w, "xml:lang", b->lang);
  write_metadata(w, b);
  write_manifest_and_spine(w, b);
  xmlTextWriterEndElement(w); /* package */
  return epub_xml_close(w, buf, len);
}

/* navPoints nest by heading level like the nav's lists (see xhtml.c). */
static char *write_ncx(const epub_book *b, size_t *len) {
  xmlBufferPtr buf;
  xmlTextWriterPtr w = begin(&buf);
  xmlTextWriterStartElement(w, X("ncx"));
  attr(w, "xmlns", "http://www.daisy.org/z3986/2005/ncx/");
  attr(w, "version", "2005-1");
  attr(w, "xml:lang", b->lang);
  xmlTextWriterStartElement(w, X("head"));
  int *depth = oct_xmalloc((b->n_toc + 1) * sizeof *depth);
  /* dtb:depth is the nesting depth actually produced. */
  char max_depth[16];
  snprintf(max_depth, sizeof max_depth, "%d", epub_toc_depths(b, depth));
  static const char *const names[4] = {"dtb:uid", "dtb:depth", "dtb:totalPageCount",
                                       "dtb:maxPageNumber"};
  const char *values[4] = {b->identifier, max_depth, "0", "0"};
  for (int i = 0; i < 4; i++) {
    xmlTextWriterStartElement(w, X("meta"));
    attr(w, "name", names[i]);
    attr(w, "content", values[i]);
    xmlTextWriterEndElement(w);
  }
  xmlTextWriterEndElement(w); /* head */
  xmlTextWriterStartElement(w, X("docTitle"));
  el(w, "text", b->title);
  xmlTextWriterEndElement(w);
  xmlTextWriterStartElement(w, X("navMap"));
  int open = 0; /* navPoints open */
  for (size_t i = 0; i < b->n_toc; i++) {
    const epub_toc *t = &b->toc[i];
    for (; open > depth[i]; open--)
      xmlTextWriterEndElement(w);
    char id[40], order[24];
    snprintf(id, sizeof id, "navpoint-%zu", i + 1);
    snprintf(order, sizeof order, "%zu", i + 1);
    xmlTextWriterStartElement(w, X("navPoint"));
    attr(w, "id", id);
    attr(w, "playOrder", order);
    xmlTextWriterStartElement(w, X("navLabel"));
    el(w, "text", t->label);
    xmlTextWriterEndElement(w);
    xmlTextWriterStartElement(w, X("content"));
    attr(w, "src", t->href);
    xmlTextWriterEndElement(w);
    open++;
  }
  for (; open > 0; open--)
    xmlTextWriterEndElement(w);
  free(depth);
  xmlTextWriterEndElement(w); /* navMap */
  xmlTextWriterEndElement(w); /* ncx */
  return epub_xml_close(w, buf, len);
}

static const char container_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
    "  <rootfiles>\n"
    "    <rootfile full-path=\"EPUB/content.opf\" media-type=\"application/oebps-package+xml\"/>\n"
    "  </rootfiles>\n"
    "</container>\n";

static bool is_precompressed(const char *media_type) {
  return strcmp(media_type, "image/png") == 0 || strcmp(media_type, "image/jpeg") == 0 ||
         strcmp(media_type, "image/gif") == 0;
}

int epub_write_package(const oct_epub_options *opt, const epub_book *book, const char *path,
                       oct_error *err) {
  int rc = -1;
  size_t opf_len = 0, ncx_len = 0;
  char *opf = write_opf(book, &opf_len);
  char *ncx = write_ncx(book, &ncx_len);
  oct_zip z;
  oct_zip_init(&z, opt->timestamp);
  char **names = oct_xcalloc(book->n_items + 1, sizeof *names);
  /* OCF: mimetype first, stored, no extra field. */
  if (oct_zip_add(&z, "mimetype", "application/epub+zip", 20, true, err) ||
      oct_zip_add(&z, "META-INF/container.xml", container_xml, sizeof container_xml - 1, false,
                  err) ||
      oct_zip_add(&z, "EPUB/content.opf", opf, opf_len, false, err) ||
      oct_zip_add(&z, "EPUB/toc.ncx", ncx, ncx_len, false, err))
    goto out;
  for (size_t i = 0; i < book->n_items; i++) {
    const epub_item *it = &book->items[i];
    names[i] = oct_xasprintf("EPUB/%s", it->href);
    if (oct_zip_add(&z, names[i], it->data, it->len, is_precompressed(it->media_type), err))
      goto out;
  }
  if (oct_zip_finish(&z, err)) goto out;
  rc = oct_file_write_atomic(path, z.out.data, z.out.len, err);
out:
  oct_zip_free(&z);
  for (size_t i = 0; i < book->n_items; i++)
    free(names[i]);
  free(names);
  free(opf);
  free(ncx);
  return rc;
}
