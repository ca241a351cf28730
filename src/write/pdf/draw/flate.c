/* Streams compressed by us, not by libharu.  libharu 2.3.0 compresses each
 * stream while it writes the file: it copies the data out of its memory
 * stream a byte at a time (HPDF_MemCpy is a byte loop) in 4 KiB pieces and
 * deflates at zlib's default level 6.  On the reference article that was
 * 11.4 M instructions of copying and 24.1 M of deflate, a third of the
 * whole PDF.  Here the data is deflated straight from where it lies, at the
 * level below, and the stream keeps the compressed bytes, with its filter
 * off (so libharu copies them as they are) and a /Filter written by the
 * dictionary's own write hook (libharu drops a /Filter key it did not set
 * itself, HPDF_Dict_Write). */
#include <hpdf.h>
#include <libdeflate.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "write/pdf/draw/draw.h"

/* Measured on the samples (bench/instructions.sh and the files' sizes):
 * level 1 costs 13.7 M instructions on the reference article where level 6
 * costs 24.1 M and level 9 39.8 M, for a file 14 % larger than level 6
 * (83.3 KB, 73.3 KB, 72.5 KB); larger files are a smaller cost here than
 * the time (the issue 15 targets are counted in instructions). */
#define FLATE_LEVEL 1

static HPDF_STATUS write_filter(HPDF_Dict dict, HPDF_Stream out) {
  (void)dict;
  return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/* libharu's fonts set their maps' filter again while they are written
 * (CIDFontType2_BeforeWrite_Func and the Type0 font's): this hook runs last,
 * right before the dictionary decides on its /Filter, so that compressed
 * bytes are never deflated twice. */
static HPDF_STATUS keep_filter_off(HPDF_Dict dict) {
  dict->filter = HPDF_STREAM_FILTER_NONE;
  HPDF_Dict_RemoveElement(dict, "Filter");
  return HPDF_OK;
}

/* Deflates N pieces of data (PIECES, each LENS bytes long) as one zlib
 * stream into OUT.  Returns 0, or -1 when out of memory.
 *
 * libdeflate, not zlib: over the content streams of a briefing's PDF
 * (47 KB), at level 1 both, zlib took 3.33 M instructions and libdeflate
 * 2.01 M, counting a compressor made for each stream (26,000 instructions:
 * less than zlib's own start with a small window), and its output was
 * 6.4 % smaller.  libdeflate compresses one buffer: pieces (libharu's
 * memory stream keeps its data in blocks) are joined first. */
static int deflate_pieces(const unsigned char *const *pieces, const size_t *lens, size_t n,
                          oct_buf *out) {
  size_t total = 0;
  for (size_t i = 0; i < n; i++)
    total += lens[i];
  /* a stream that large is refused, not cut short (layout limits a
   * document long before) */
  if (total >= UINT_MAX / 2) return -1;
  const unsigned char *in = n == 1 ? pieces[0] : NULL;
  unsigned char *joined = NULL;
  if (n != 1) {
    joined = oct_xmalloc(total ? total : 1);
    for (size_t i = 0, at = 0; i < n; at += lens[i], i++)
      memcpy(joined + at, pieces[i], lens[i]);
    in = joined;
  }
  struct libdeflate_compressor *c = libdeflate_alloc_compressor(FLATE_LEVEL);
  int rc = -1;
  if (c) {
    size_t cap = libdeflate_zlib_compress_bound(c, total);
    oct_buf_clear(out);
    oct_buf_reserve(out, cap);
    out->len = libdeflate_zlib_compress(c, in, total, out->data, cap);
    rc = out->len ? 0 : -1;
    libdeflate_free_compressor(c);
  }
  free(joined);
  return rc;
}

/* Replaces DICT's stream with the compressed OUT and marks it. */
static int keep_compressed(HPDF_Dict dict, const oct_buf *out) {
  unsigned char *copy = oct_xmalloc(out->len ? out->len : 1);
  memcpy(copy, out->data, out->len);
  if (oct_pdf_stream_hold(dict->stream, copy, out->len) != 0) return -1;
  dict->filter = HPDF_STREAM_FILTER_NONE;
  /* a key libharu left from an earlier write would be written twice */
  HPDF_Dict_RemoveElement(dict, "Filter");
  dict->before_write_fn = keep_filter_off;
  dict->write_fn = write_filter;
  return 0;
}

int oct_pdf_flate_into(void *dictv, const void *data, size_t len, oct_buf *scratch) {
  HPDF_Dict dict = dictv;
  const unsigned char *p = data;
  if (!dict || !dict->stream || dict->write_fn || dict->before_write_fn) return -1;
  if (deflate_pieces(&p, &len, 1, scratch) != 0) return -1;
  return keep_compressed(dict, scratch);
}

int oct_pdf_deflate(const void *data, size_t len, oct_buf *out) {
  const unsigned char *p = data;
  return deflate_pieces(&p, &len, 1, out);
}

int oct_pdf_compressed_into(void *dictv, const oct_buf *z) {
  HPDF_Dict dict = dictv;
  if (!dict || !dict->stream || dict->write_fn || dict->before_write_fn) return -1;
  return keep_compressed(dict, z);
}

int oct_pdf_flate_stream(void *dictv, oct_buf *scratch) {
  HPDF_Dict dict = dictv;
  if (!dict || !dict->stream || dict->write_fn || dict->before_write_fn ||
      dict->filter != HPDF_STREAM_FILTER_FLATE_DECODE || dict->stream->type != HPDF_STREAM_MEMORY)
    return 0;
  HPDF_MemStreamAttr a = (HPDF_MemStreamAttr)dict->stream->attr;
  size_t n = a->buf->count, left = dict->stream->size;
  const unsigned char **pieces = oct_xcalloc(n ? n : 1, sizeof *pieces);
  size_t *lens = oct_xcalloc(n ? n : 1, sizeof *lens);
  size_t k = 0;
  for (size_t i = 0; i < n && left > 0; i++, k++) {
    pieces[k] = HPDF_List_ItemAt(a->buf, (HPDF_UINT)i);
    lens[k] = left < a->buf_siz ? left : a->buf_siz;
    left -= lens[k];
  }
  int rc = deflate_pieces(pieces, lens, k, scratch);
  free(pieces);
  free(lens);
  if (rc == 0) rc = keep_compressed(dict, scratch);
  return rc;
}

int oct_pdf_flate_all(void *pdfv) {
  HPDF_Doc pdf = pdfv;
  oct_buf scratch = OCT_BUF_INIT;
  int rc = 0;
  for (HPDF_Xref x = pdf->xref; x && rc == 0; x = x->prev) {
    for (HPDF_UINT i = 0; i < x->entries->count && rc == 0; i++) {
      HPDF_XrefEntry e = HPDF_List_ItemAt(x->entries, i);
      HPDF_Obj_Header *h = e ? e->obj : NULL;
      if (!h || (h->obj_class & HPDF_OCLASS_ANY) != HPDF_OCLASS_DICT) continue;
      HPDF_Dict d = e->obj;
      /* a stream with a hook of its own (the CIDSet's) is left to libharu */
      rc = oct_pdf_flate_stream(d, &scratch);
    }
  }
  oct_buf_free(&scratch);
  return rc;
}

/* ---- zlib streams written by hand, for data whose shape we know: most of
 * a font's CIDToGIDMap and CIDSet is zeros (a face that drew one curly
 * quote has a 16 KB map with ~100 non-zero bytes), and a font program's
 * glyphs deflate to only ~70 % at ~120 instructions a byte.  zlib spent
 * ~230,000 instructions on each map (clearing its 64 KiB hash table,
 * checksumming, building Huffman trees); here a map costs a few thousand:
 * each run of zeros is one literal and matches of distance 1 in a block
 * with the fixed Huffman codes (RFC 1951 §3.2.6), other bytes literals,
 * and the Adler-32 of a run of N zeros is computed, not summed (A stays,
 * B grows by N * A). */

#define ADLER_MOD 65521u

typedef struct zw {
  oct_bits bits; /* util's bit writer (deflate_bits.c), shared with the cover's PNG */
  uint32_t a, b; /* the Adler-32 of the data so far */
} zw;

/* Literal byte C, or the end of block (256), with the fixed codes. */
static void zw_literal(zw *w, unsigned c) {
  int n;
  uint32_t code = oct_deflate_fixed((int)c, &n);
  oct_bits_put(&w->bits, code, n);
}

/* Pads to a byte and writes out every pending bit, before bytes that go
 * to the stream as they are. */
static void zw_align(zw *w) { oct_bits_flush(&w->bits); }

static void adler_bytes(zw *w, const unsigned char *p, size_t n) {
  /* zlib's adler32 with no data (P NULL) answers its start value, 1, not
   * the sum it was given: an empty piece must leave the sum alone */
  if (n == 0) return;
  uLong ad = adler32(((uLong)w->b << 16) | w->a, p, (uInt)n);
  w->a = (uint32_t)(ad & 0xFFFF);
  w->b = (uint32_t)(ad >> 16);
}

/* N bytes at P, zero runs as matches, in one fixed-code block. */
static void zw_fixed_block(zw *w, const unsigned char *p, size_t n) {
  oct_bits_put(&w->bits, 0, 1); /* not the last block */
  oct_bits_put(&w->bits, 1, 2); /* fixed codes */
  size_t i = 0;
  while (i < n) {
    if (p[i]) {
      w->a = (w->a + p[i]) % ADLER_MOD;
      w->b = (w->b + w->a) % ADLER_MOD;
      zw_literal(w, p[i++]);
      continue;
    }
    size_t j = i + 1;
    /* the run's end: eight bytes at a time over the zeros */
    while (j + 8 <= n) {
      uint64_t v;
      memcpy(&v, p + j, 8);
      if (v) break;
      j += 8;
    }
    while (j < n && !p[j])
      j++;
    size_t run = j - i;
    w->b = (uint32_t)((w->b + (uint64_t)(run % ADLER_MOD) * w->a) % ADLER_MOD);
    zw_literal(w, 0);
    run--;
    while (run >= 3) {
      unsigned m = run > 258 ? 258 : (unsigned)run;
      /* never leave 1 or 2 behind when a shorter match avoids it */
      if (run > 258 && run - 258 < 3) m = (unsigned)run - 3;
      oct_bits_fixed_match(&w->bits, m, 1);
      run -= m;
    }
    while (run--)
      zw_literal(w, 0);
    i = j;
  }
  zw_literal(w, 256); /* end of block */
}

/* N bytes at P as stored blocks of at most 65,535 bytes. */
static void zw_stored(zw *w, const unsigned char *p, size_t n) {
  adler_bytes(w, p, n);
  while (n > 0) {
    size_t k = n > 65535 ? 65535 : n;
    oct_bits_put(&w->bits, 0, 3); /* not last, stored */
    zw_align(w);
    unsigned char h[4] = {(unsigned char)k, (unsigned char)(k >> 8), (unsigned char)~k,
                          (unsigned char)(~k >> 8)};
    oct_buf_put(w->bits.out, h, 4);
    oct_buf_put(w->bits.out, p, k);
    p += k;
    n -= k;
  }
}

/* N bytes at P in one fixed-code block, with matches found the simplest
 * way (the last place each 3 bytes were seen, greedy): for short text
 * (a ToUnicode map's ~300 bytes of code points), where zlib spent ~50,000
 * instructions setting up and building trees, this costs ~20 a byte and
 * finds the repeats ("> <00") that make up most of it. */
#define LZ_HASH 1024
static void zw_lz_block(zw *w, const unsigned char *p, size_t n) {
  adler_bytes(w, p, n);
  oct_bits_put(&w->bits, 0, 1); /* not the last block */
  oct_bits_put(&w->bits, 1, 2); /* fixed codes */
  uint32_t head[LZ_HASH] = {0}; /* a place + 1, 0: none */
  size_t i = 0;
  while (i < n) {
    size_t best = 0, cand = 0;
    if (i + 3 <= n) {
      uint32_t h = ((uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2]) * 2654435761u >> 22;
      if (head[h] && i - (head[h] - 1) <= 32768) {
        cand = head[h] - 1;
        size_t max = n - i < 258 ? n - i : 258;
        while (best < max && p[cand + best] == p[i + best])
          best++;
      }
      head[h] = (uint32_t)i + 1;
    }
    if (best >= 3) {
      oct_bits_fixed_match(&w->bits, (unsigned)best, (unsigned)(i - cand));
      /* the places inside the match are remembered too */
      for (size_t j = i + 1; j < i + best && j + 3 <= n; j++)
        head[((uint32_t)p[j] << 16 | (uint32_t)p[j + 1] << 8 | p[j + 2]) * 2654435761u >> 22] =
            (uint32_t)j + 1;
      i += best;
    } else {
      zw_literal(w, p[i++]);
    }
  }
  zw_literal(w, 256); /* end of block */
}

/* The N pieces P as a zlib stream in OUT: each stored, or a part already
 * compressed; with ZEROS, the one piece as runs of zeros and literals. */
static void zw_stream(oct_buf *out, const oct_zpiece *p, size_t n, bool zeros) {
  zw w = {.bits = {.out = out}, .a = 1};
  size_t cap = 16;
  for (size_t i = 0; i < n; i++)
    cap += p[i].z ? p[i].z->len : p[i].len + p[i].len / 65535 * 5 + 5;
  oct_buf_clear(out);
  oct_buf_reserve(out, zeros ? p[0].len / 8 + 64 : cap);
  OCT_BUF_LIT(out, "\x78\x01"); /* deflate, 32 KiB window, no dictionary */
  for (size_t i = 0; i < n; i++) {
    if (zeros) {
      zw_fixed_block(&w, p[i].data, p[i].len);
    } else if (!p[i].z && p[i].lz && p[i].len <= 65535) {
      zw_lz_block(&w, p[i].data, p[i].len);
    } else if (!p[i].z) {
      zw_stored(&w, p[i].data, p[i].len);
    } else {
      if (w.bits.n % 8) { /* after codes: an empty stored block brings it to a byte */
        oct_bits_put(&w.bits, 0, 3);
        zw_align(&w);
        OCT_BUF_LIT(out, "\x00\x00\xff\xff");
      }
      zw_align(&w);
      oct_buf_put(out, p[i].z->data, p[i].z->len);
      uLong ad = adler32_combine(((uLong)w.b << 16) | w.a, p[i].adler, (z_off_t)p[i].len);
      w.a = (uint32_t)(ad & 0xFFFF);
      w.b = (uint32_t)(ad >> 16);
    }
  }
  /* the last block: empty and stored */
  oct_bits_put(&w.bits, 1, 3);
  zw_align(&w);
  OCT_BUF_LIT(out, "\x00\x00\xff\xff");
  unsigned char t[4] = {(unsigned char)(w.b >> 8), (unsigned char)w.b, (unsigned char)(w.a >> 8),
                        (unsigned char)w.a};
  oct_buf_put(out, t, 4);
}

/* DICT's stream is the LEN bytes at DATA as one piece: as runs of zeros
 * and literals (ZEROS) or stored. */
static int one_piece_into(void *dictv, const void *data, size_t len, oct_buf *scratch, bool zeros) {
  HPDF_Dict dict = dictv;
  if (!dict || !dict->stream || dict->write_fn || dict->before_write_fn) return -1;
  if (len >= UINT_MAX / 2) return -1;
  oct_zpiece p = {.data = data, .len = len};
  zw_stream(scratch, &p, 1, zeros);
  return keep_compressed(dict, scratch);
}

int oct_pdf_zeros_into(void *dictv, const void *data, size_t len, oct_buf *scratch) {
  return one_piece_into(dictv, data, len, scratch, true);
}

int oct_pdf_store_into(void *dictv, const void *data, size_t len, oct_buf *scratch) {
  return one_piece_into(dictv, data, len, scratch, false);
}

int oct_pdf_deflate_part(const void *data, size_t len, oct_buf *out, uint32_t *adler) {
  if (len >= UINT_MAX / 2) return -1;
  z_stream z = {0};
  /* raw deflate (no zlib header): the part goes inside another stream;
   * the window and hash no larger than the part, as in deflate_pieces */
  int wbits = 9;
  while (wbits < 15 && ((size_t)1 << wbits) < len)
    wbits++;
  if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, -wbits, wbits - 7, Z_DEFAULT_STRATEGY) !=
      Z_OK)
    return -1;
  size_t cap = deflateBound(&z, (uLong)len) + 16;
  oct_buf_clear(out);
  oct_buf_reserve(out, cap);
  z.next_in = (Bytef *)data;
  z.avail_in = (uInt)len;
  z.next_out = (Bytef *)out->data;
  z.avail_out = (uInt)cap;
  int rc = deflate(&z, Z_SYNC_FLUSH);
  out->len = cap - z.avail_out;
  deflateEnd(&z);
  *adler = (uint32_t)adler32(adler32(0, NULL, 0), data, (uInt)len);
  /* room left over: the flush was written whole */
  return rc == Z_OK && z.avail_in == 0 && z.avail_out > 0 ? 0 : -1;
}

int oct_pdf_pieces_into(void *dictv, const oct_zpiece *p, size_t n, oct_buf *scratch) {
  HPDF_Dict dict = dictv;
  if (!dict || !dict->stream || dict->write_fn || dict->before_write_fn) return -1;
  size_t total = 0;
  for (size_t i = 0; i < n; i++)
    total += p[i].z ? p[i].z->len : p[i].len;
  if (total >= UINT_MAX / 2) return -1;
  zw_stream(scratch, p, n, false);
  return keep_compressed(dict, scratch);
}
