/* The embedded font program (FontFile2) of a face, written by us.  libharu
 * 2.3.0 writes its subset while it saves the file, reading the TrueType
 * file again four bytes per call through its stream layer and copying each
 * byte in a loop: 2.7 M instructions a face, 9.4 M of a briefing's 43.6 M.
 * Here the same program -- the same 13 tables in the same order, glyph ids
 * unchanged, the glyphs not drawn left empty -- is cut from the file's
 * bytes with memcpy, using what libharu's loader already parsed (the table
 * directory, the glyph offsets, and the glyphs it marked used, composite
 * glyphs' parts included).  Unlike libharu the name table is copied as it
 * is: the subset tag is in the PDF's font names, where readers look. */
#include <hpdf.h>
#include <string.h>

#include "write/pdf/draw/draw.h"

/* The tables libharu's subsetter writes (a missing one as empty), in its
 * order, which is the tags' sorted order as the format asks. */
static const char *const TAGS[] = {"OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea",
                                   "hmtx", "loca", "maxp", "name", "post", "prep"};
#define NTAGS (sizeof TAGS / sizeof *TAGS)

static void put16(oct_buf *b, unsigned v) {
  char c[2] = {(char)(v >> 8), (char)v};
  oct_buf_put(b, c, 2);
}

static void put32(oct_buf *b, uint32_t v) {
  char c[4] = {(char)(v >> 24), (char)(v >> 16), (char)(v >> 8), (char)v};
  oct_buf_put(b, c, 4);
}

static void set32(oct_buf *b, size_t at, uint32_t v) {
  unsigned char *p = (unsigned char *)b->data + at;
  p[0] = (unsigned char)(v >> 24);
  p[1] = (unsigned char)(v >> 16);
  p[2] = (unsigned char)(v >> 8);
  p[3] = (unsigned char)v;
}

/* The TrueType checksum: the sum of the big-endian 32-bit words, the last
 * one padded with zeros. */
static uint32_t checksum(const unsigned char *p, size_t len) {
  uint32_t sum = 0;
  size_t i = 0;
  for (; i + 4 <= len; i += 4)
    sum += (uint32_t)p[i] << 24 | (uint32_t)p[i + 1] << 16 | (uint32_t)p[i + 2] << 8 | p[i + 3];
  if (i < len) {
    unsigned char last[4] = {0};
    memcpy(last, p + i, len - i);
    sum += (uint32_t)last[0] << 24 | (uint32_t)last[1] << 16 | (uint32_t)last[2] << 8 | last[3];
  }
  return sum;
}

static const HPDF_TTFTable *find_table(HPDF_TTFontDefAttr a, const char *tag) {
  for (unsigned i = 0; i < a->offset_tbl.num_tables; i++)
    if (memcmp(a->offset_tbl.table[i].tag, tag, 4) == 0) return &a->offset_tbl.table[i];
  return NULL;
}

int oct_ttf_subset(void *fontdefv, const unsigned char *src, size_t flen, oct_buf *out) {
  HPDF_FontDef def = fontdefv;
  HPDF_TTFontDefAttr a = (HPDF_TTFontDefAttr)def->attr;
  bool short_loca = a->header.index_to_loc_format == 0;
  unsigned n = a->num_glyphs;
  oct_buf_clear(out);
  /* the offset table: 13 tables, so searchRange 8 * 16 and so on */
  put32(out, a->offset_tbl.sfnt_version);
  put16(out, NTAGS);
  put16(out, 128);
  put16(out, 3);
  put16(out, NTAGS * 16 - 128);
  for (size_t i = 0; i < NTAGS * 16; i++)
    oct_buf_putc(out, 0);
  size_t head_at = 0;
  for (size_t t = 0; t < NTAGS; t++) {
    const HPDF_TTFTable *tbl = find_table(a, TAGS[t]);
    size_t at = out->len;
    if (strcmp(TAGS[t], "glyf") == 0) {
      /* the glyphs kept, one after another; the loca is written from the
       * same walk below */
      for (unsigned g = 0; g < n; g++) {
        if (!a->glyph_tbl.flgs[g]) continue;
        size_t off = a->glyph_tbl.offsets[g], end = a->glyph_tbl.offsets[g + 1];
        if (short_loca) {
          off *= 2;
          end *= 2;
        }
        off += a->glyph_tbl.base_offset;
        end += a->glyph_tbl.base_offset;
        if (end < off || end > flen) return -1;
        oct_buf_put(out, src + off, end - off);
      }
    } else if (strcmp(TAGS[t], "loca") == 0) {
      size_t pos = 0;
      for (unsigned g = 0; g <= n; g++) {
        if (short_loca)
          put16(out, (unsigned)(pos / 2));
        else
          put32(out, (uint32_t)pos);
        if (g < n && a->glyph_tbl.flgs[g]) {
          size_t len = a->glyph_tbl.offsets[g + 1] - a->glyph_tbl.offsets[g];
          pos += short_loca ? 2 * len : len;
        }
      }
    } else if (tbl) {
      if ((size_t)tbl->offset + tbl->length > flen) return -1;
      oct_buf_put(out, src + tbl->offset, tbl->length);
      if (strcmp(TAGS[t], "hmtx") == 0) {
        /* the metrics of glyphs not kept are never read (the PDF's /W
         * gives the widths drawn): zeros, which deflate to nothing */
        unsigned long_n = a->num_h_metric;
        for (unsigned g = 0; g < n; g++) {
          if (a->glyph_tbl.flgs[g]) continue;
          size_t o = g < long_n ? 4 * (size_t)g : 4 * (size_t)long_n + 2 * (size_t)(g - long_n),
                 w = g < long_n ? 4 : 2;
          if (o + w <= tbl->length) memset(out->data + at + o, 0, w);
        }
      }
      if (strcmp(TAGS[t], "head") == 0) {
        if (tbl->length < 12) return -1;
        head_at = at;
        set32(out, at + 8, 0); /* checkSumAdjustment, set below */
      }
    }
    size_t len = out->len - at;
    while (out->len % 4)
      oct_buf_putc(out, 0);
    memcpy(out->data + 12 + 16 * t, TAGS[t], 4);
    set32(out, 12 + 16 * t + 4, checksum((unsigned char *)out->data + at, len));
    set32(out, 12 + 16 * t + 8, (uint32_t)at);
    set32(out, 12 + 16 * t + 12, (uint32_t)len);
  }
  if (!head_at) return -1;
  set32(out, head_at + 8, 0xB1B0AFBAu - checksum((const unsigned char *)out->data, out->len));
  return 0;
}
