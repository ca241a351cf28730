/* The writer's only doors into xmlTextWriter for text it did not make up
 * itself: xmlTextWriter escapes markup but passes any character through, so
 * each string is first cut to what XML can hold (util's oct_xml_text). */
#include <stdio.h>
#include <stdlib.h>

#include "write/epub/internal.h"

void epub_xml_string(xmlTextWriterPtr w, const char *s) {
  char *owned;
  const char *t = oct_xml_text(s, &owned);
  if (t) xmlTextWriterWriteString(w, BAD_CAST t);
  free(owned);
}

void epub_xml_attr(xmlTextWriterPtr w, const char *name, const char *value) {
  char *owned;
  const char *t = oct_xml_text(value, &owned);
  xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST(t ? t : ""));
  free(owned);
}

void epub_xml_element(xmlTextWriterPtr w, const char *name, const char *text) {
  xmlTextWriterStartElement(w, BAD_CAST name);
  epub_xml_string(w, text);
  xmlTextWriterEndElement(w);
}

xmlTextWriterPtr epub_xml_open(xmlBufferPtr *bufp, bool indent) {
  xmlBufferPtr buf = xmlBufferCreate();
  xmlTextWriterPtr w = buf ? xmlNewTextWriterMemory(buf, 0) : NULL;
  if (!w) {
    /* libxml2 reports allocation failure by NULL; treat it as our OOM. */
    fputs("octavo: out of memory\n", stderr);
    abort();
  }
  /* libxml2 2.9 grows a buffer to the exact size of each write by default:
   * a realloc per 4 KB the text writer flushes, which copies the whole
   * document each time unless the allocator can grow it in place (glibc
   * mostly can, ASan's allocator never: a 40 MiB chapter took 56 s).
   * Doubling makes the appends amortised O(1). */
  xmlBufferSetAllocationScheme(buf, XML_BUFFER_ALLOC_DOUBLEIT);
  if (indent) {
    xmlTextWriterSetIndent(w, 1);
    xmlTextWriterSetIndentString(w, BAD_CAST "  ");
  }
  xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL);
  *bufp = buf;
  return w;
}

char *epub_xml_close(xmlTextWriterPtr w, xmlBufferPtr buf, size_t *len) {
  xmlTextWriterEndDocument(w);
  xmlFreeTextWriter(w);
  *len = (size_t)xmlBufferLength(buf);
  char *s = oct_xstrndup((const char *)xmlBufferContent(buf), *len);
  xmlBufferFree(buf);
  return s;
}
