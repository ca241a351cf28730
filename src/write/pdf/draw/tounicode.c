/* A ToUnicode CMap of our own: libharu 2.3.0 writes one with an invalid
 * 'begincidrange' section that poppler warns about and some viewers reject
 * (ARCHITECTURE.md §8).  With the UTF-8 encoder the codes in the content stream are
 * the BMP code points themselves, so the map is the identity over the code
 * points actually drawn; listing only those keeps it small. */
#include "write/pdf/draw/draw.h"

/* bfchar sections may hold at most 100 entries (PDF 32000-1 §9.10.3). */
#define CHUNK 100

void oct_tounicode_cmap(const uint8_t *used, oct_buf *out) {
  OCT_BUF_LIT(out, "/CIDInit /ProcSet findresource begin\n"
                   "12 dict begin\n"
                   "begincmap\n"
                   "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                   "/CMapName /Adobe-Identity-UCS def\n"
                   "/CMapType 2 def\n"
                   "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
  uint32_t codes[CHUNK];
  size_t n = 0;
  for (uint32_t cp = 0; cp <= 0x10000; cp++) {
    bool flush = cp == 0x10000 || n == CHUNK;
    if (flush && n > 0) {
      oct_buf_printf(out, "%zu beginbfchar\n", n);
      for (size_t i = 0; i < n; i++)
        oct_buf_printf(out, "<%04X> <%04X>\n", codes[i], codes[i]);
      OCT_BUF_LIT(out, "endbfchar\n");
      n = 0;
    }
    if (cp == 0x10000) break;
    /* most of the 64K bitmap is empty: skip it a byte at a time */
    if ((cp & 7) == 0 && used[cp >> 3] == 0 && n < CHUNK) {
      cp += 7;
      continue;
    }
    /* surrogate code units never stand for themselves */
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    if (used[cp >> 3] & (1u << (cp & 7))) codes[n++] = cp;
  }
  OCT_BUF_LIT(out, "endcmap\n"
                   "CMapName currentdict /CMap defineresource pop\n"
                   "end\n"
                   "end\n");
}
