/* The one place that decides which characters may go into an XML file we
 * write (XHTML chapters, nav, NCX, OPF, anything else): every writer of XML
 * hands its text through oct_xml_text, so a character that makes one file
 * ill-formed cannot slip into another through a path nobody checked. */
#include <string.h>

#include "util/util.h"

/* XML 1.0 (§2.2, Char) forbids C0 controls other than tab, LF and CR, the
 * surrogates and U+FFFE/U+FFFF: one of them makes the whole file ill-formed
 * and epubcheck stops with FATAL.  It allows but "discourages" DEL, the C1
 * controls (U+0080..U+009F) and the other noncharacters (U+FDD0..U+FDEF and
 * the last two code points of every plane): they have no glyph and no
 * meaning in running text, reading systems treat them differently, and a
 * validator may flag them, so they go too.  Tab, LF and CR stay. */
bool oct_xml_char(uint32_t cp) {
  if (cp < 0x20) return cp == '\t' || cp == '\n' || cp == '\r';
  if (cp >= 0x7F && cp <= 0x9F) return false;
  if (cp >= 0xD800 && cp <= 0xDFFF) return false;
  if (cp >= 0xFDD0 && cp <= 0xFDEF) return false;
  if ((cp & 0xFFFE) == 0xFFFE) return false;
  return cp <= 0x10FFFF;
}

/* Length of the allowed character at S (N bytes left), 0 when it must go
 * (a forbidden character or a byte that starts no valid UTF-8 sequence). */
static size_t allowed(const char *s, size_t n) {
  unsigned char c = (unsigned char)*s;
  if (c >= 0x20 && c < 0x7F) return 1;
  uint32_t cp;
  size_t k = oct_utf8_decode(s, n, &cp);
  return k && oct_xml_char(cp) ? k : 0;
}

const char *oct_xml_text(const char *s, char **owned) {
  *owned = NULL;
  if (!s) return NULL;
  size_t n = strlen(s), i = 0;
  /* Almost all text is clean: find that out without copying. */
  while (i < n) {
    size_t k = allowed(s + i, n - i);
    if (!k) break;
    i += k;
  }
  if (i == n) return s;
  oct_buf b = OCT_BUF_INIT;
  oct_buf_reserve(&b, n);
  oct_buf_put(&b, s, i);
  while (i < n) {
    size_t k = allowed(s + i, n - i);
    if (k) oct_buf_put(&b, s + i, k);
    i += k ? k : 1;
  }
  *owned = oct_buf_detach(&b);
  return *owned;
}
