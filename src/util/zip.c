/* A ZIP writer for the EPUB container: entries from memory, stored or
 * deflated (level 1), into one memory buffer.
 *
 * Why our own and not libzip: Debian 12 ships libzip only as a shared
 * library, and it links libcrypto, whose 4,191 symbol relocations are bound
 * at every process start: 5.2 M of the 11.4 M instructions octavo spent
 * before main (callgrind on `octavo --version`), more than reading the
 * reference article.  The EPUB needs none of what libzip adds (reading,
 * encryption, ZIP64, in-place updates): a local header, the deflated bytes
 * and a central directory per entry, about 150 lines.  The headers are the
 * ones libzip 1.7 wrote (no extra fields, Unix attributes).
 *
 * Level 1, measured over the 24 samples with zlib (all EPUBs' bytes; the
 * reference article's instructions): level 9 736,214 B, 32.58 M; 6
 * 736,672 B, 32.46 M; 4 739,853 B, 31.72 M; 1 752,608 B, 30.79 M.  Level 1
 * makes the books 2.2 % larger and saves 40 % of the deflate; 6 to 9 gain
 * 0.06 %.  The deflate is libdeflate's (Debian's libdeflate-dev, linked
 * from its .a), not zlib's: both at level 1, over one briefing's nine
 * entries (31 KB) zlib took 2.37 M instructions and libdeflate 1.38 M with
 * one compressor for the archive, and its output was 5.5 % smaller.  The
 * whole entry is in memory, which is what libdeflate wants (it has no
 * streaming). */
#include <libdeflate.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/util.h"

static void put16(oct_buf *b, unsigned v) {
  unsigned char c[2] = {(unsigned char)(v & 0xff), (unsigned char)(v >> 8 & 0xff)};
  oct_buf_put(b, c, 2);
}

static void put32(oct_buf *b, uint32_t v) {
  unsigned char c[4] = {(unsigned char)(v & 0xff), (unsigned char)(v >> 8 & 0xff),
                        (unsigned char)(v >> 16 & 0xff), (unsigned char)(v >> 24 & 0xff)};
  oct_buf_put(b, c, 4);
}

void oct_zip_init(oct_zip *z, int64_t mtime) {
  memset(z, 0, sizeof *z);
  /* DOS dates run from 1980 to 2107; the fields are the UTC ones, so that
   * the archive reads the same in every time zone. */
  if (mtime < 315532800) mtime = 315532800;
  if (mtime > 4354819199) mtime = 4354819199;
  time_t t = (time_t)mtime;
  struct tm tm;
  if (!gmtime_r(&t, &tm)) return;
  z->dos_time = (uint16_t)(tm.tm_hour << 11 | tm.tm_min << 5 | tm.tm_sec / 2);
  z->dos_date = (uint16_t)((tm.tm_year - 80) << 9 | (tm.tm_mon + 1) << 5 | tm.tm_mday);
}

/* One header: the local one (CENTRAL false) or the central directory's. */
static void header(oct_zip *z, oct_buf *b, bool central, const char *name, size_t name_len,
                   bool store, uint32_t crc, size_t csize, size_t usize, size_t offset) {
  put32(b, central ? 0x02014b50 : 0x04034b50);
  /* made by: Unix, spec 6.3 -- what libzip 1.7 writes */
  if (central) put16(b, 0x033f);
  put16(b, store ? 10 : 20); /* version needed: 1.0 stored, 2.0 deflated */
  put16(b, store ? 0 : 4);   /* flags: bit 2 = deflated fast (levels 1-2) */
  put16(b, store ? 0 : 8);   /* method: 8 = deflate */
  put16(b, z->dos_time);
  put16(b, z->dos_date);
  put32(b, crc);
  put32(b, (uint32_t)csize);
  put32(b, (uint32_t)usize);
  put16(b, (unsigned)name_len);
  put16(b, 0); /* extra field length */
  if (central) {
    put16(b, 0);                       /* comment length */
    put16(b, 0);                       /* disk */
    put16(b, 0);                       /* internal attributes */
    put32(b, (uint32_t)0100666 << 16); /* external: a regular file, rw-rw-rw- */
    put32(b, (uint32_t)offset);
  }
  oct_buf_put(b, name, name_len);
}

int oct_zip_add(oct_zip *z, const char *name, const void *data, size_t len, bool store,
                oct_error *err) {
  size_t name_len = strlen(name);
  /* Without ZIP64 a size or offset must fit 32 bits and the count 16, short
   * of the all-ones values that send readers to ZIP64 records; an entry
   * stays under 2 GiB so that its deflated size, which libdeflate may make
   * a little larger, still fits 32 bits.  An EPUB octavo writes is far below either (input is
   * limited long before). */
  if (len >= UINT32_MAX / 2 || z->out.len >= UINT32_MAX / 2 || name_len > 0xffff || z->n >= 0xfffe)
    return oct_error_set(err, "zip: %s: too large for a ZIP without ZIP64", name);
  uint32_t crc = libdeflate_crc32(0, data, len);
  size_t offset = z->out.len, csize = len;
  const unsigned char *payload = data;
  unsigned char *packed = NULL;
  if (!store) {
    if (!z->lz && !(z->lz = libdeflate_alloc_compressor(1)))
      return oct_error_set(err, "zip: %s: out of memory for deflate", name);
    size_t bound = libdeflate_deflate_compress_bound(z->lz, len);
    packed = oct_xmalloc(bound ? bound : 1);
    csize = libdeflate_deflate_compress(z->lz, data, len, packed, bound);
    if (csize == 0 && len > 0) {
      free(packed);
      return oct_error_set(err, "zip: %s: deflate failed", name);
    }
    payload = packed;
  }
  header(z, &z->out, false, name, name_len, store, crc, csize, len, 0);
  oct_buf_put(&z->out, payload, csize);
  header(z, &z->central, true, name, name_len, store, crc, csize, len, offset);
  z->n++;
  free(packed);
  return 0;
}

int oct_zip_finish(oct_zip *z, oct_error *err) {
  size_t dir_offset = z->out.len;
  if (dir_offset >= UINT32_MAX || z->central.len >= UINT32_MAX)
    return oct_error_set(err, "zip: too large for a ZIP without ZIP64");
  oct_buf_put(&z->out, z->central.data, z->central.len);
  put32(&z->out, 0x06054b50); /* end of central directory */
  put16(&z->out, 0);          /* this disk */
  put16(&z->out, 0);          /* the directory's disk */
  put16(&z->out, (unsigned)z->n);
  put16(&z->out, (unsigned)z->n);
  put32(&z->out, (uint32_t)z->central.len);
  put32(&z->out, (uint32_t)dir_offset);
  put16(&z->out, 0); /* comment length */
  return 0;
}

void oct_zip_free(oct_zip *z) {
  if (z->lz) libdeflate_free_compressor(z->lz);
  oct_buf_free(&z->out);
  oct_buf_free(&z->central);
  memset(z, 0, sizeof *z);
}

void oct_deflate_prepare(void) {
  static const unsigned char byte = 0;
  (void)libdeflate_crc32(0, &byte, 1);
  (void)libdeflate_adler32(1, &byte, 1);
}
