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

static const char HEX[] = "0123456789ABCDEF";

/* "<XXXX>" for C. */
static char *put_code(char *q, unsigned c) {
  q[0] = '<';
  q[1] = HEX[c >> 12 & 15];
  q[2] = HEX[c >> 8 & 15];
  q[3] = HEX[c >> 4 & 15];
  q[4] = HEX[c & 15];
  q[5] = '>';
  return q + 6;
}

/* The N lines of KIND ("bfchar": FIRST[i], or "bfrange": FIRST[i] to
 * LAST[i], each mapped to itself) in sections of at most CHUNK lines. */
static void put_sections(oct_buf *out, const char *kind, const uint16_t *first,
                         const uint16_t *last, size_t n) {
  for (size_t at = 0; at < n; at += CHUNK) {
    size_t k = n - at < CHUNK ? n - at : CHUNK;
    /* written by hand: through printf each line cost ~400 instructions,
     * 0.9 M of a briefing's PDF */
    oct_buf_printf(out, "%zu begin%s\n", k, kind);
    oct_buf_reserve(out, 21 * k);
    char *q = out->data + out->len, *start = q;
    for (size_t i = at; i < at + k; i++) {
      q = put_code(q, first[i]);
      *q++ = ' ';
      if (kind[2] == 'r') { /* bfrange: <first> <last> <first> */
        q = put_code(q, last[i]);
        *q++ = ' ';
      }
      q = put_code(q, first[i]);
      *q++ = '\n';
    }
    out->len += (size_t)(q - start);
    oct_buf_printf(out, "end%s\n", kind);
  }
}

/* The text before and after the code points, the same in every map. */
static const char HEAD[] =
    "/CIDInit /ProcSet findresource begin\n"
    "12 dict begin\n"
    "begincmap\n"
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
    "/CMapName /Adobe-Identity-UCS def\n"
    "/CMapType 2 def\n"
    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
static const char TAIL[] = "endcmap\n"
                           "CMapName currentdict /CMap defineresource pop\n"
                           "end\n"
                           "end\n";

int oct_tounicode_parts(oct_cmap_parts *p) {
  memset(p, 0, sizeof *p);
  p->head_len = sizeof HEAD - 1;
  p->tail_len = sizeof TAIL - 1;
  if (oct_pdf_deflate_part(HEAD, p->head_len, &p->head, &p->head_adler) != 0 ||
      oct_pdf_deflate_part(TAIL, p->tail_len, &p->tail, &p->tail_adler) != 0) {
    oct_tounicode_parts_free(p);
    return -1;
  }
  return 0;
}

void oct_tounicode_parts_free(oct_cmap_parts *p) {
  if (!p) return;
  oct_buf_free(&p->head);
  oct_buf_free(&p->tail);
}

void oct_tounicode_body(const uint16_t *codes, size_t ncodes, oct_buf *out) {
  /* runs of consecutive code points as one bfrange line (a-z is one line
   * instead of 26: a briefing's maps are half as long, and cheaper to
   * deflate); a range stays within one last byte, as PDF 32000-1 §9.10.3
   * asks, and single code points are bfchar lines */
  uint16_t *single = oct_xmalloc((ncodes ? ncodes : 1) * sizeof *single);
  uint16_t *rfirst = oct_xmalloc((ncodes ? ncodes : 1) * sizeof *rfirst);
  uint16_t *rlast = oct_xmalloc((ncodes ? ncodes : 1) * sizeof *rlast);
  size_t nsingle = 0, nrange = 0;
  for (size_t i = 0; i < ncodes;) {
    size_t j = i + 1;
    while (j < ncodes && codes[j] == codes[j - 1] + 1 && (codes[j] >> 8) == (codes[i] >> 8))
      j++;
    if (j - i == 1) {
      single[nsingle++] = codes[i];
    } else {
      rfirst[nrange] = codes[i];
      rlast[nrange++] = codes[j - 1];
    }
    i = j;
  }
  put_sections(out, "bfchar", single, single, nsingle);
  put_sections(out, "bfrange", rfirst, rlast, nrange);
  free(single);
  free(rfirst);
  free(rlast);
}

void oct_tounicode_cmap(const uint8_t *used, oct_buf *out) {
  size_t ncodes = oct_used_list(used, NULL);
  uint16_t *codes = oct_xmalloc((ncodes ? ncodes : 1) * sizeof *codes);
  oct_used_list(used, codes);
  OCT_BUF_LIT(out, HEAD);
  oct_tounicode_body(codes, ncodes, out);
  OCT_BUF_LIT(out, TAIL);
  free(codes);
}
