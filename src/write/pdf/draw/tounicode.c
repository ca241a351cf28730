/* A ToUnicode CMap of our own: libharu 2.3.0 writes one with an invalid
 * 'begincidrange' section that poppler warns about and some viewers reject
 * (ARCHITECTURE.md §8).  With the UTF-8 encoder the codes in the content stream are
 * the BMP code points themselves, so the map is the identity over the code
 * points actually drawn; listing only those keeps it small. */
#include <stdlib.h>
#include <string.h>

#include "write/pdf/draw/draw.h"

/* bfchar sections may hold at most 100 entries (PDF 32000-1 §9.10.3). */
#define CHUNK 100

size_t oct_used_list(const uint8_t *used, uint16_t *cps) {
  size_t n = 0;
  /* a face draws ~20-150 of the 65,536 code points: the bitmap is read
   * eight bytes at a time, 1,024 reads instead of 65,536 bit tests */
  for (uint32_t w = 0; w < 8192; w += 8) {
    uint64_t word;
    memcpy(&word, used + w, 8);
    if (!word) continue;
    for (uint32_t b = w; b < w + 8; b++)
      for (unsigned bit = 0; used[b] && bit < 8; bit++) {
        uint32_t cp = b * 8 + bit;
        /* surrogate code units never stand for themselves */
        if ((used[b] & (1u << bit)) && (cp < 0xD800 || cp > 0xDFFF)) {
          if (cps) cps[n] = (uint16_t)cp;
          n++;
        }
      }
  }
  return n;
}

void oct_tounicode_cmap(const uint8_t *used, oct_buf *out) {
  OCT_BUF_LIT(out, "/CIDInit /ProcSet findresource begin\n"
                   "12 dict begin\n"
                   "begincmap\n"
                   "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                   "/CMapName /Adobe-Identity-UCS def\n"
                   "/CMapType 2 def\n"
                   "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
  size_t ncodes = oct_used_list(used, NULL);
  uint16_t *codes = oct_xmalloc((ncodes ? ncodes : 1) * sizeof *codes);
  oct_used_list(used, codes);
  static const char hex[] = "0123456789ABCDEF";
  for (size_t at = 0; at < ncodes; at += CHUNK) {
    size_t n = ncodes - at < CHUNK ? ncodes - at : CHUNK;
    /* written by hand: through printf each line cost ~400 instructions,
     * 0.9 M of a briefing's PDF */
    oct_buf_printf(out, "%zu beginbfchar\n", n);
    oct_buf_reserve(out, 14 * n);
    char *q = out->data + out->len;
    for (size_t i = at; i < at + n; i++) {
      unsigned c = codes[i];
      char h[4] = {hex[c >> 12 & 15], hex[c >> 8 & 15], hex[c >> 4 & 15], hex[c & 15]};
      *q++ = '<';
      memcpy(q, h, 4);
      q += 4;
      memcpy(q, "> <", 3);
      q += 3;
      memcpy(q, h, 4);
      q += 4;
      memcpy(q, ">\n", 2);
      q += 2;
    }
    out->len += 14 * n;
    OCT_BUF_LIT(out, "endbfchar\n");
  }
  free(codes);
  OCT_BUF_LIT(out, "endcmap\n"
                   "CMapName currentdict /CMap defineresource pop\n"
                   "end\n"
                   "end\n");
}
