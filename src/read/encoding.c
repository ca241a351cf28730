/* Any supported encoding -> UTF-8 with '\n' line ends.
 *
 * Hand-written rather than glibc iconv: iconv reports neither the offset of
 * the offending byte nor why it failed in a form we can put in a one-line
 * message, its CP1252 tables differ between libc versions on the five
 * undefined bytes, and we must inspect every code point anyway (line ends,
 * control characters).  The decoders below are a few table lookups. */
#include <string.h>

#include "read/read.h"

typedef enum enc {
  ENC_UTF8,
  ENC_UTF16LE,
  ENC_UTF16BE,
  ENC_UTF32LE,
  ENC_UTF32BE,
  ENC_CP1252,
} enc;

static const char *const enc_names[] = {"UTF-8",    "UTF-16LE", "UTF-16BE",
                                        "UTF-32LE", "UTF-32BE", "windows-1252"};

/* windows-1252 0x80..0x9F; 0 marks the five bytes the code page leaves
 * undefined (decoding them as C1 controls would be a silent guess). */
static const uint16_t cp1252_hi[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

/* Line-end and control handling shared by every encoding.  Returns 0, or -1
 * with ERR filled.  *PREV_CR carries "the last code point was CR" so that
 * CRLF collapses to one '\n' whatever the code-unit width. */
static int emit(uint32_t cp, size_t off, bool *prev_cr, oct_buf *out, oct_error *err) {
  if (cp == '\n' && *prev_cr) {
    *prev_cr = false;
    return 0;
  }
  *prev_cr = cp == '\r';
  if (cp == '\r' || cp == 0x85 || cp == 0x2028 || cp == 0x2029) {
    oct_buf_putc(out, '\n');
    return 0;
  }
  if (cp == 0) return oct_error_set(err, "binary data (NUL character at offset %zu)", off);
  if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\f') || cp == 0x7F)
    return oct_error_set(err, "control character U+%04X at offset %zu: not a text file",
                         (unsigned)cp, off);
  oct_buf_put_utf8(out, cp);
  return 0;
}

/* Reads one code point at *POS.  Returns 1, 0 at the end, -1 on error. */
static int next_cp(enc e, const unsigned char *s, size_t len, size_t *pos, uint32_t *cp,
                   oct_error *err) {
  size_t i = *pos;
  if (i >= len) return 0;
  switch (e) {
  case ENC_UTF8: {
    size_t n = oct_utf8_decode((const char *)s + i, len - i, cp);
    if (n == 0) return oct_error_set(err, "invalid UTF-8 at offset %zu", i);
    *pos = i + n;
    return 1;
  }
  case ENC_CP1252: {
    unsigned char c = s[i];
    if (c >= 0x80 && c <= 0x9F) {
      *cp = cp1252_hi[c - 0x80];
      if (*cp == 0)
        return oct_error_set(err,
                             "byte 0x%02X at offset %zu is neither UTF-8 nor windows-1252: "
                             "unknown encoding",
                             c, i);
    } else {
      *cp = c;
    }
    *pos = i + 1;
    return 1;
  }
  case ENC_UTF16LE:
  case ENC_UTF16BE: {
    bool le = e == ENC_UTF16LE;
    if (len - i < 2) return oct_error_set(err, "truncated UTF-16 (odd length) at offset %zu", i);
    uint32_t u = le ? (uint32_t)(s[i] | s[i + 1] << 8) : (uint32_t)(s[i] << 8 | s[i + 1]);
    if (u >= 0xDC00 && u <= 0xDFFF)
      return oct_error_set(err, "invalid UTF-16: lone low surrogate at offset %zu", i);
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (len - i < 4)
        return oct_error_set(err, "invalid UTF-16: truncated surrogate pair at offset %zu", i);
      uint32_t v = le ? (uint32_t)(s[i + 2] | s[i + 3] << 8) : (uint32_t)(s[i + 2] << 8 | s[i + 3]);
      if (v < 0xDC00 || v > 0xDFFF)
        return oct_error_set(err, "invalid UTF-16: unpaired high surrogate at offset %zu", i);
      *cp = 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00);
      *pos = i + 4;
      return 1;
    }
    *cp = u;
    *pos = i + 2;
    return 1;
  }
  case ENC_UTF32LE:
  case ENC_UTF32BE: {
    if (len - i < 4)
      return oct_error_set(err, "truncated UTF-32 (length not a multiple of 4) at offset %zu", i);
    uint32_t u = e == ENC_UTF32LE ? (uint32_t)s[i] | (uint32_t)s[i + 1] << 8 |
                                        (uint32_t)s[i + 2] << 16 | (uint32_t)s[i + 3] << 24
                                  : (uint32_t)s[i] << 24 | (uint32_t)s[i + 1] << 16 |
                                        (uint32_t)s[i + 2] << 8 | (uint32_t)s[i + 3];
    if (u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF))
      return oct_error_set(err, "invalid UTF-32 code point 0x%X at offset %zu", (unsigned)u, i);
    *cp = u;
    *pos = i + 4;
    return 1;
  }
  }
  return oct_error_set(err, "internal: unknown encoding");
}

static int run(enc e, const unsigned char *s, size_t len, size_t start, oct_buf *out,
               oct_error *err) {
  size_t pos = start;
  bool prev_cr = false;
  uint32_t cp;
  bool bytes_are_ascii = e == ENC_UTF8 || e == ENC_CP1252;
  for (;;) {
    /* Fast path: in UTF-8 and windows-1252 a run of printable ASCII, tabs
     * and line feeds is its own output, copied at once (decoding it one
     * code point at a time was 1.8 M instructions of a 13 KB article). */
    if (bytes_are_ascii && !(prev_cr && pos < len && s[pos] == '\n')) {
      size_t j = pos;
      while (j < len && ((s[j] >= 0x20 && s[j] < 0x7F) || s[j] == '\t' || s[j] == '\n'))
        j++;
      if (j > pos) {
        oct_buf_put(out, (const char *)s + pos, j - pos);
        pos = j;
        prev_cr = false;
      }
    }
    size_t off = pos;
    int r = next_cp(e, s, len, &pos, &cp, err);
    if (r < 0) return -1;
    if (r == 0) return 0;
    if (emit(cp, off, &prev_cr, out, err) != 0) return -1;
  }
}

int oct_decode(const char *data, size_t len, oct_buf *out, const char **encoding, oct_error *err) {
  const unsigned char *s = (const unsigned char *)data;
  enc e = ENC_UTF8;
  size_t start = 0;
  bool bom = true;
  /* UTF-32LE's BOM begins with UTF-16LE's, so it is tested first. */
  if (len >= 4 && s[0] == 0xFF && s[1] == 0xFE && s[2] == 0 && s[3] == 0)
    e = ENC_UTF32LE, start = 4;
  else if (len >= 4 && s[0] == 0 && s[1] == 0 && s[2] == 0xFE && s[3] == 0xFF)
    e = ENC_UTF32BE, start = 4;
  else if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
    e = ENC_UTF8, start = 3;
  else if (len >= 2 && s[0] == 0xFF && s[1] == 0xFE)
    e = ENC_UTF16LE, start = 2;
  else if (len >= 2 && s[0] == 0xFE && s[1] == 0xFF)
    e = ENC_UTF16BE, start = 2;
  else
    bom = false;

  size_t mark = out->len;
  if (!bom) {
    /* Without a BOM a NUL byte means binary data (or BOM-less UTF-16, which
     * we do not guess at): say so before any decoder complains about it. */
    const void *nul = memchr(data, 0, len);
    if (nul)
      return oct_error_set(err, "binary data (NUL byte at offset %zu)",
                           (size_t)((const char *)nul - data));
    if (oct_utf8_valid(data, len)) {
      e = ENC_UTF8;
    } else {
      /* Real windows-1252 text almost never holds a valid multi-byte UTF-8
       * sequence; a file that has both is UTF-8 with damage (or two files
       * pasted together), and decoding it as cp1252 would silently turn
       * every "é" into "Ã©".  Refuse it and say where the damage is. */
      size_t bad = 0, multi = 0;
      bool seen_bad = false;
      for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = oct_utf8_decode(data + i, len - i, &cp);
        if (k == 0) {
          if (!seen_bad) bad = i;
          seen_bad = true;
          i++;
          continue;
        }
        if (k > 1) multi++;
        i += k;
      }
      if (multi > 0)
        return oct_error_set(err,
                             "invalid UTF-8 at offset %zu in a file that is otherwise UTF-8 "
                             "(mixed encodings?)",
                             bad);
      e = ENC_CP1252;
    }
  }
  if (run(e, s, len, start, out, err) != 0) {
    out->len = mark;
    if (out->data) out->data[mark] = '\0';
    return -1;
  }
  if (e == ENC_CP1252) oct_warn(err, "not valid UTF-8; decoded as windows-1252");
  if (encoding) *encoding = enc_names[e];
  return 0;
}
