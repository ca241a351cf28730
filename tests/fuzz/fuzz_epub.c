/* Tree -> EPUB: the tree the bytes describe (fuzz_tree.c), written as a
 * book; the writer must not fail, and every XML file in the book must be
 * well-formed (libxml2 reads it back without recovering), which is what
 * epubcheck first asks and what U+FFFE in a heading once broke. */
#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "fuzz.h"
#include "write/epub/epub.h"

static bool is_xml(const char *name) {
  static const char *const ext[] = {".xhtml", ".opf", ".ncx", ".xml"};
  size_t n = strlen(name);
  for (size_t i = 0; i < sizeof ext / sizeof *ext; i++) {
    size_t k = strlen(ext[i]);
    if (n >= k && strcmp(name + n - k, ext[i]) == 0) return true;
  }
  return false;
}

static void check_book(const char *path) {
  int zerr = 0;
  zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);
  if (!z) fuzz_fail("%s: not a zip (libzip error %d)", path, zerr);
  zip_int64_t n = zip_get_num_entries(z, 0);
  for (zip_int64_t i = 0; i < n; i++) {
    const char *name = zip_get_name(z, (zip_uint64_t)i, 0);
    zip_stat_t st;
    if (!name || !is_xml(name) || zip_stat_index(z, (zip_uint64_t)i, 0, &st) != 0) continue;
    char *buf = oct_xmalloc(st.size + 1);
    zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)i, 0);
    zip_int64_t got = f ? zip_fread(f, buf, st.size) : -1;
    if (f) zip_fclose(f);
    if (got < 0 || (zip_uint64_t)got != st.size) fuzz_fail("%s: cannot read %s", path, name);
    xmlDocPtr d = xmlReadMemory(buf, (int)st.size, name, NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!d) {
      const xmlError *e = xmlGetLastError();
      fuzz_fail("%s: %s is not well-formed XML: %s", path, name,
                e && e->message ? e->message : "?");
    }
    xmlFreeDoc(d);
    free(buf);
  }
  zip_close(z);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static char path[512];
  if (!path[0]) fuzz_scratch(path, sizeof path, "octavo-fuzz", "epub");
  oct_node *doc = fuzz_tree(data, size);
  oct_epub_options opt = {.timestamp = 1700000000, .base_dir = OCTAVO_FUZZ_IMAGES};
  oct_epub *e = oct_epub_new(&opt);
  oct_error err;
  oct_error_init(&err, "fuzz");
  if (oct_epub_write(e, doc, path, &err) != 0) fuzz_fail("the EPUB writer failed: %s", err.msg);
  check_book(path);
  oct_epub_free(e);
  oct_node_free(doc);
  return 0;
}
