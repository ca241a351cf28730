/* The PNG encoder of the generated cover: an indexed picture -> PNG.
 *
 * Hand-written, not libpng or zlib.  libpng spends ~80 ms per cover trying
 * every filter on every row and deflating 3.7 MB at level 6 -- ten times the
 * whole rest of the conversion.  Our picture is a flat field with a frame
 * and some text, which a deflate stream of fixed-Huffman literals plus two
 * kinds of match (repeat the previous byte; copy the row above) encodes in
 * a few milliseconds and about as small (a 1600x2400 cover: 50-80 KB),
 * deterministically and with no zlib on oct_epub's link line.  The PNG
 * framing (CRC, Adler-32) is the few lines it takes.  What keeps it honest:
 * tests/unit/test_epub_png.c decodes its output with libpng (which checks
 * every CRC, and zlib the Adler-32) and compares every pixel, on pictures
 * chosen to reach each kind of code it emits.
 *
 * The format: RFC 2083 (PNG: signature, IHDR, PLTE, IDAT, IEND; filter
 * type 0 on every row), RFC 1950 (the zlib wrapper) and RFC 1951 (one
 * fixed-Huffman deflate block, section 3.2.6). */
#include <stdlib.h>
#include <string.h>

#include "write/epub/pngwrite.h"

/* The picture as the encoder sees it: H rows of W bytes each (the indices
 * packed as PNG packs them: W is the row's bytes, not its pixels). */
typedef struct picture {
  size_t w;
  int h;
  const unsigned char *const *rows;
} picture;

/* The bit writer and the fixed codes' tables are util's (deflate_bits.c),
 * shared with the PDF's hand-made streams. */

/* The RFC 1951 §3.2.6 fixed literal/length code, bit-reversed and ready to
 * put, with the length code for each match length: worked out once per
 * picture because a cover puts some tens of thousands of symbols.  The two
 * match distances we use (1 and a row) are worked out the same way. */
typedef struct codes {
  uint16_t lit[288];
  uint8_t lit_n[288];
  uint8_t len_code[259];
  uint32_t dist[2];
  int dist_n[2];
} codes;

static void dist_code(codes *c, int i, size_t dist) {
  int d = 29;
  while (oct_deflate_dist_base[d] > dist)
    d--;
  c->dist[i] = oct_deflate_reverse((uint32_t)d, 5) | (uint32_t)(dist - oct_deflate_dist_base[d])
                                                         << 5;
  c->dist_n[i] = 5 + oct_deflate_dist_extra[d];
}

static void codes_init(codes *c, size_t row) {
  for (int sym = 0; sym < 288; sym++) {
    int len;
    c->lit[sym] = (uint16_t)oct_deflate_fixed(sym, &len);
    c->lit_n[sym] = (uint8_t)len;
  }
  int l = 0;
  for (int len = 3; len <= 258; len++) {
    while (l < 28 && oct_deflate_len_base[l + 1] <= len)
      l++;
    c->len_code[len] = (uint8_t)l;
  }
  dist_code(c, 0, 1);
  dist_code(c, 1, row);
}

static void put_symbol(oct_bits *b, const codes *c, int sym) {
  oct_bits_put(b, c->lit[sym], c->lit_n[sym]);
}

/* A match of LEN (3..258) at distance DIST (0: one byte back, 1: a row
 * back), as one put: at most 8 + 5 + 5 + 13 bits. */
static void put_match(oct_bits *b, const codes *c, size_t len, int dist) {
  int l = c->len_code[len], sym = 257 + l;
  uint32_t v = c->lit[sym] | (uint32_t)(len - oct_deflate_len_base[l]) << c->lit_n[sym];
  int n = c->lit_n[sym] + oct_deflate_len_extra[l];
  oct_bits_put(b, v | c->dist[dist] << n, n + c->dist_n[dist]);
}

/* Length of the common run of P and P - DIST, at most MAX; eight bytes at a
 * time while they agree, since they mostly do.  The earlier copy is reached
 * through its own pointer Q: writing p[k - dist] wraps the unsigned index
 * when k < dist and adds a huge offset to P (undefined, and reported by
 * clang's UBSan on every cover), even though the byte it lands on is right. */
static size_t match_len(const unsigned char *p, size_t dist, size_t max) {
  const unsigned char *q = p - dist;
  size_t k = 0;
  while (k + 8 <= max) {
    uint64_t x, y;
    memcpy(&x, p + k, 8);
    memcpy(&y, q + k, 8);
    if (x != y) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
      return k + (size_t)__builtin_ctzll(x ^ y) / 8; /* the first differing byte */
#else
      break;
#endif
    }
    k += 8;
  }
  while (k < max && p[k] == q[k])
    k++;
  return k;
}

static bool same_row(const picture *pic, int y) {
  return y > 0 &&
         (pic->rows[y] == pic->rows[y - 1] || memcmp(pic->rows[y], pic->rows[y - 1], pic->w) == 0);
}

/* One fixed-Huffman block over the picture in PNG's layout (a filter byte,
 * 0, before each row), matching against the previous byte and the previous
 * row.  Matches stop at the end of a row, so only two rows need to be laid
 * out at a time.  Rows are at most 32768 bytes (EPUB_PNG_MAX_WIDTH and the filter
 * byte), so the row above is always within deflate's reach. */
static void deflate_rows(const picture *pic, oct_buf *out) {
  size_t w = pic->w, row = w + 1;
  codes c;
  codes_init(&c, row);
  unsigned char *two = oct_xcalloc(2, row), *cur = two + row; /* the row above, this row */
  oct_bits b;
  b.out = out;
  b.acc = 0;
  b.n = 0;
  b.len = 0;
  oct_bits_put(&b, 1, 1); /* BFINAL */
  oct_bits_put(&b, 1, 2); /* BTYPE = fixed Huffman */
  for (int y = 0; y < pic->h; y++) {
    /* Most rows of a cover repeat the one above: say so without comparing
     * byte by byte. */
    if (same_row(pic, y)) {
      size_t left = row;
      while (left > 0) {
        size_t k = left > 258 ? 258 : left;
        if (left > 258 && left - 258 < 3) k = left - 3; /* keep the last match >= 3 */
        if (k < 3) break;
        put_match(&b, &c, k, 1);
        left -= k;
      }
      for (; left > 0; left--) /* a row of 1 or 2 bytes */
        put_symbol(&b, &c, left == row ? 0 : pic->rows[y][row - 1 - left]);
      continue;
    }
    if (y > 0) memcpy(two + 1, pic->rows[y - 1], w);
    memcpy(cur + 1, pic->rows[y], w);
    for (size_t i = 0; i < row;) {
      size_t max = row - i < 258 ? row - i : 258;
      size_t best = 0;
      int dist = 1;
      /* a match starts with an equal byte: most literals (a glyph's
       * anti-aliased edge) fail that test and need no match_len */
      const unsigned char *p = cur + i;
      if (y > 0 && *p == *(p - row)) best = match_len(p, row, max);
      if (best < max && (y > 0 || i > 0) && *p == *(p - 1)) {
        size_t k = match_len(cur + i, 1, max);
        if (k > best) {
          best = k;
          dist = 0;
        }
      }
      if (best >= 3) {
        put_match(&b, &c, best, dist);
        i += best;
      } else {
        put_symbol(&b, &c, cur[i]);
        i++;
      }
    }
  }
  put_symbol(&b, &c, 256); /* end of block */
  oct_bits_flush(&b);
  free(two);
}

/* Adler-32 of the picture in PNG's layout.  A row of L bytes B[0..L-1]
 * turns (a, s) into (a + sum B[k], s + L*a + sum (L-k)*B[k]); both sums are
 * the same for a row equal to the one above, and a filter byte of 0 adds
 * nothing to them, so most rows cost a pointer comparison.  A drawn row is
 * summed eight bytes at a time (the same two sums over each group, not one
 * long chain of dependent additions), and most of its groups are empty
 * field, all zero, which only shift the second sum. */
static uint32_t adler32_rows(const picture *pic) {
  size_t w = pic->w;
  uint64_t a = 1, s = 0, s1 = 0, s2 = 0;
  for (int y = 0; y < pic->h; y++) {
    if (!same_row(pic, y)) {
      const unsigned char *p = pic->rows[y];
      uint64_t t1 = 0, t2 = 0; /* sum p[k], sum (w-k)*p[k] */
      size_t k = 0;
      for (; k + 8 <= w; k += 8) {
        uint64_t word;
        memcpy(&word, p + k, 8);
        if (word == 0) {
          t2 += 8 * t1;
          continue;
        }
        uint64_t sum = 0, weighted = 0;
        for (int j = 0; j < 8; j++) {
          sum += p[k + j];
          weighted += (uint64_t)(8 - j) * p[k + j];
        }
        t2 += 8 * t1 + weighted;
        t1 += sum;
      }
      for (; k < w; k++) {
        t1 += p[k];
        t2 += t1;
      }
      s1 = t1 % 65521u;
      s2 = t2 % 65521u;
    }
    s = (s + ((w + 1) % 65521u) * a + s2) % 65521u;
    a = (a + s1) % 65521u;
  }
  return (uint32_t)(s << 16 | a);
}

/* CRC-32 eight bytes a step ("slicing by 8"): table[k][b] is the CRC of
 * byte b followed by k zero bytes.  The IDAT chunk is some 70 KB, and a
 * byte at a time is one long chain of table look-ups. */
typedef struct crc_tables {
  uint32_t t[8][256];
} crc_tables;

static void crc_init(crc_tables *c) {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t v = i;
    for (int k = 0; k < 8; k++)
      v = (v >> 1) ^ (0xEDB88320u & (0u - (v & 1u)));
    c->t[0][i] = v;
  }
  for (int k = 1; k < 8; k++)
    for (int i = 0; i < 256; i++)
      c->t[k][i] = (c->t[k - 1][i] >> 8) ^ c->t[0][c->t[k - 1][i] & 0xFF];
}

static uint32_t crc32_png(const crc_tables *c, const unsigned char *p, size_t n) {
  uint32_t v = 0xFFFFFFFFu;
  for (; n >= 8; n -= 8, p += 8) {
    uint32_t lo =
        v ^ ((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24);
    v = c->t[7][lo & 0xFF] ^ c->t[6][(lo >> 8) & 0xFF] ^ c->t[5][(lo >> 16) & 0xFF] ^
        c->t[4][lo >> 24] ^ c->t[3][p[4]] ^ c->t[2][p[5]] ^ c->t[1][p[6]] ^ c->t[0][p[7]];
  }
  for (; n > 0; n--, p++)
    v = c->t[0][(v ^ *p) & 0xFF] ^ (v >> 8);
  return v ^ 0xFFFFFFFFu;
}

static void put_be32(oct_buf *b, uint32_t v) {
  unsigned char q[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16), (unsigned char)(v >> 8),
                        (unsigned char)v};
  oct_buf_put(b, q, 4);
}

static void put_chunk(oct_buf *b, const crc_tables *crc, const char *type,
                      const unsigned char *data, size_t n) {
  put_be32(b, (uint32_t)n);
  size_t at = b->len;
  oct_buf_put(b, type, 4);
  if (n) oct_buf_put(b, data, n);
  put_be32(b, crc32_png(crc, (const unsigned char *)b->data + at, n + 4));
}

void epub_png_write(int w, int h, int depth, const unsigned char *const *rows,
                    const unsigned char *palette, int n_colours, oct_buf *out) {
  picture pic = {((size_t)w * (size_t)depth + 7) / 8, h, rows};
  crc_tables *crc = oct_xmalloc(sizeof *crc);
  crc_init(crc);
  oct_buf_put(out, "\x89PNG\r\n\x1a\n", 8);
  unsigned char ihdr[13] = {0};
  for (int i = 0; i < 4; i++) {
    ihdr[i] = (unsigned char)((uint32_t)w >> (24 - 8 * i));
    ihdr[4 + i] = (unsigned char)((uint32_t)h >> (24 - 8 * i));
  }
  ihdr[8] = (unsigned char)depth; /* bits a pixel */
  ihdr[9] = 3;                    /* colour type: palette */
  put_chunk(out, crc, "IHDR", ihdr, 13);
  put_chunk(out, crc, "PLTE", palette, 3 * (size_t)n_colours);
  oct_buf z = OCT_BUF_INIT;
  oct_buf_put(&z, "\x78\x01", 2); /* zlib header: deflate, 32 KiB window */
  deflate_rows(&pic, &z);
  put_be32(&z, adler32_rows(&pic));
  put_chunk(out, crc, "IDAT", (const unsigned char *)z.data, z.len);
  put_chunk(out, crc, "IEND", NULL, 0);
  oct_buf_free(&z);
  free(crc);
}
