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

/* Deflates N pieces of data (PIECES, each LENS bytes long) as one stream
 * into OUT.  Returns 0, or -1 when zlib fails (out of memory). */
static int deflate_pieces(const unsigned char *const *pieces, const size_t *lens, size_t n,
                          oct_buf *out) {
  size_t total = 0;
  for (size_t i = 0; i < n; i++)
    total += lens[i];
  /* zlib's defaults (a 32 KiB window, a 64 KiB hash table) cost more to
   * set up than to deflate most of a PDF's streams: 2.2 M instructions a
   * briefing went to deflateReset alone.  A window just large enough for
   * the stream finds the same matches, and a hash table to match. */
  /* zlib counts in 32 bits: a stream that large is refused, not cut short
   * (layout limits a document long before) */
  if (total >= UINT_MAX / 2) return -1;
  int wbits = 9;
  while (wbits < 15 && ((size_t)1 << wbits) < total)
    wbits++;
  z_stream z = {0};
  if (deflateInit2(&z, FLATE_LEVEL, Z_DEFLATED, wbits, wbits - 7, Z_DEFAULT_STRATEGY) != Z_OK)
    return -1;
  size_t cap = deflateBound(&z, (uLong)total) + 16;
  oct_buf_clear(out);
  oct_buf_reserve(out, cap);
  z.next_out = (Bytef *)out->data;
  z.avail_out = (uInt)cap;
  int rc = Z_OK;
  for (size_t i = 0; i < n && rc == Z_OK; i++) {
    z.next_in = (Bytef *)pieces[i];
    z.avail_in = (uInt)lens[i];
    rc = deflate(&z, i + 1 == n ? Z_FINISH : Z_NO_FLUSH);
    if (rc == Z_BUF_ERROR) rc = Z_OK;
  }
  if (n == 0) rc = deflate(&z, Z_FINISH);
  out->len = cap - z.avail_out;
  deflateEnd(&z);
  return rc == Z_STREAM_END ? 0 : -1;
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
