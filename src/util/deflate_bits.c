/* Deflate's bit stream and fixed Huffman codes (RFC 1951 §3.2.5-3.2.6),
 * for the two encoders that write fixed-code blocks by hand: the cover's
 * PNG (write/epub/pngwrite.c) and the PDF's font maps and ToUnicode
 * matcher (write/pdf/draw/flate.c).  Each says why it does not use zlib or
 * libdeflate; what they share is here once. */
#include <string.h>

#include "util/util.h"

const uint16_t oct_deflate_len_base[29] = {3,  4,  5,  6,   7,   8,   9,   10,  11, 13,
                                           15, 17, 19, 23,  27,  31,  35,  43,  51, 59,
                                           67, 83, 99, 115, 131, 163, 195, 227, 258};
const uint8_t oct_deflate_len_extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                           2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
const uint16_t oct_deflate_dist_base[30] = {
    1,   2,   3,   4,   5,   7,    9,    13,   17,   25,   33,   49,   65,    97,    129,
    193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
const uint8_t oct_deflate_dist_extra[30] = {0, 0, 0, 0, 1, 1, 2, 2,  3,  3,  4,  4,  5,  5,  6,
                                            6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

void oct_bits_flush(oct_bits *b) {
  if (b->len + 4 > sizeof b->buf) {
    oct_buf_put(b->out, b->buf, b->len);
    b->len = 0;
  }
  for (; b->n > 0; b->n -= 8) { /* fewer than 32 bits: at most 4 bytes */
    b->buf[b->len++] = (unsigned char)b->acc;
    b->acc >>= 8;
  }
  b->n = 0;
  oct_buf_put(b->out, b->buf, b->len);
  b->len = 0;
}

uint32_t oct_deflate_reverse(uint32_t code, int len) {
  /* swap halves, quarters... then keep the top LEN bits */
  uint32_t v = code;
  v = ((v >> 1) & 0x55555555u) | ((v & 0x55555555u) << 1);
  v = ((v >> 2) & 0x33333333u) | ((v & 0x33333333u) << 2);
  v = ((v >> 4) & 0x0F0F0F0Fu) | ((v & 0x0F0F0F0Fu) << 4);
  v = ((v >> 8) & 0x00FF00FFu) | ((v & 0x00FF00FFu) << 8);
  v = (v >> 16) | (v << 16);
  return len ? v >> (32 - len) : 0;
}

uint32_t oct_deflate_fixed(int sym, int *len) {
  uint32_t code;
  if (sym < 144)
    code = 0x30u + (uint32_t)sym, *len = 8;
  else if (sym < 256)
    code = 0x190u + (uint32_t)(sym - 144), *len = 9;
  else if (sym < 280)
    code = (uint32_t)(sym - 256), *len = 7;
  else
    code = 0xC0u + (uint32_t)(sym - 280), *len = 8;
  return oct_deflate_reverse(code, *len);
}

void oct_bits_fixed_match(oct_bits *b, unsigned len, unsigned dist) {
  int l = 28;
  while (oct_deflate_len_base[l] > len)
    l--;
  int n;
  uint32_t code = oct_deflate_fixed(257 + l, &n);
  oct_bits_put(b, code, n);
  if (oct_deflate_len_extra[l])
    oct_bits_put(b, len - oct_deflate_len_base[l], oct_deflate_len_extra[l]);
  int d = 29;
  while (oct_deflate_dist_base[d] > dist)
    d--;
  oct_bits_put(b, oct_deflate_reverse((uint32_t)d, 5), 5); /* fixed distance codes: 5 bits */
  if (oct_deflate_dist_extra[d])
    oct_bits_put(b, dist - oct_deflate_dist_base[d], oct_deflate_dist_extra[d]);
}
