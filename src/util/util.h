/* Shared plumbing: allocation that aborts on OOM, a growable byte buffer,
 * the error/diagnostic record every module reports through, file I/O with
 * atomic replacement, UTF-8 helpers and the data-directory lookup. */
#ifndef OCTAVO_UTIL_H
#define OCTAVO_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- allocation: out of memory is not a recoverable input error, so these
 * print one line and abort instead of making every caller check. */
void *oct_xmalloc(size_t n);
void *oct_xcalloc(size_t count, size_t size);
void *oct_xrealloc(void *p, size_t n);
char *oct_xstrdup(const char *s);
char *oct_xstrndup(const char *s, size_t n);
char *oct_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- growable arrays: the one way the code grows a T *items with a count
 * and a capacity.  oct_grow returns P reallocated to hold at least NEED
 * elements of SIZE bytes, doubling *CAP (from 16) so appends are amortised
 * O(1); a size that would overflow is out of memory.  OCT_GROW makes room
 * for one more element:  OCT_GROW(v->items, v->n, v->cap); v->items[v->n++] = x; */
void *oct_grow(void *p, size_t *cap, size_t need, size_t size);
#define OCT_GROW(ptr, n, cap)                                                                      \
  do {                                                                                             \
    if ((n) >= (cap)) (ptr) = oct_grow((ptr), &(cap), (size_t)(n) + 1, sizeof *(ptr));             \
  } while (0)

/* ---- ASCII character classes, locale-free (<ctype.h> follows the locale,
 * and what a date or a tag name is must not): the readers and the date
 * parser share these. */
static inline bool oct_ascii_digit(int c) { return c >= '0' && c <= '9'; }
static inline bool oct_ascii_alpha(int c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
static inline bool oct_ascii_alnum(int c) { return oct_ascii_digit(c) || oct_ascii_alpha(c); }
static inline bool oct_ascii_lower(int c) { return c >= 'a' && c <= 'z'; }
static inline bool oct_ascii_upper(int c) { return c >= 'A' && c <= 'Z'; }
static inline int oct_ascii_tolower(int c) { return oct_ascii_upper(c) ? c | 0x20 : c; }

/* ---- growable buffer; data is always NUL-terminated. */
typedef struct oct_buf {
  char *data;
  size_t len;
  size_t cap;
} oct_buf;

#define OCT_BUF_INIT                                                                               \
  { NULL, 0, 0 }
void oct_buf_reserve(oct_buf *b, size_t extra);
void oct_buf_put(oct_buf *b, const void *data, size_t len);
void oct_buf_puts(oct_buf *b, const char *s);
void oct_buf_putc(oct_buf *b, char c);
void oct_buf_printf(oct_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void oct_buf_vprintf(oct_buf *b, const char *fmt, va_list ap);
void oct_buf_put_utf8(oct_buf *b, uint32_t cp);
void oct_buf_clear(oct_buf *b);
/* Hands the data to the caller (never NULL) and resets the buffer. */
char *oct_buf_detach(oct_buf *b);
void oct_buf_free(oct_buf *b);
/* Appends a string literal without strlen. */
#define OCT_BUF_LIT(b, lit) oct_buf_put((b), (lit), sizeof(lit) - 1)

/* ---- errors and warnings.  A function that fails returns -1 (or NULL) and
 * fills the record; the CLI prints it as "octavo: FILE[:LINE]: cause".
 * Warnings go to the callback at once (or are dropped when it is NULL). */
typedef void (*oct_warn_fn)(void *user, const char *file, const char *msg);

typedef struct oct_error {
  const char *file; /* the input being converted; borrowed */
  int line;         /* 0 when not about a line */
  char msg[512];
  oct_warn_fn warn;
  void *warn_user;
  unsigned warnings; /* count of warnings issued */
} oct_error;

void oct_error_init(oct_error *e, const char *file);
int oct_error_set(oct_error *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void oct_warn(oct_error *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- files */
/* The largest article octavo reads: 64 MiB is ten times the longest real
 * article source seen (a saved page with inline images); without a limit
 * `octavo /dev/zero` reads until memory runs out. */
#define OCT_INPUT_MAX_BYTES ((size_t)64 << 20)
/* Reads an input (a file, a pipe, standard input) up to OCT_INPUT_MAX_BYTES. */
int oct_file_read(const char *path, oct_buf *out, oct_error *err);
/* Writes to a temporary file beside PATH and renames it over PATH when
 * complete, so a reader never sees a partial file. */
int oct_file_write_atomic(const char *path, const void *data, size_t len, oct_error *err);
/* Removes from DIR the temporaries of oct_file_write_atomic that a killed
 * process left behind (".NAME.EXT.tmp.XXXXXX", EXT one of EXTS): regular
 * files only, and only when no live writer holds them.  Returns how many
 * were removed, or -1 when DIR cannot be read. */
int oct_file_remove_stale_temps(const char *dir, const char *const exts[], size_t nexts);

/* ---- UTF-8 */
/* Decodes one code point at s (n bytes available). Returns its length,
 * or 0 for an invalid or truncated sequence. */
size_t oct_utf8_decode(const char *s, size_t n, uint32_t *cp);
size_t oct_utf8_encode(uint32_t cp, char out[4]);
bool oct_utf8_valid(const char *s, size_t n);
/* Steps through S (N bytes) from *I: stores the next code point in *CP and
 * advances *I past it, skipping bytes that start no valid sequence; false
 * at the end. */
bool oct_utf8_next(const char *s, size_t n, size_t *i, uint32_t *cp);
size_t oct_utf8_count(const char *s, size_t n);
/* The longest prefix of S (LEN bytes) of at most MAX bytes that ends on a
 * character boundary. */
size_t oct_utf8_prefix(const char *s, size_t len, size_t max);
/* Appends S to OUT, cut on a character boundary with an ellipsis when it is
 * longer than MAX bytes (for titles that go where sizes are limited). */
void oct_buf_put_clipped(oct_buf *out, const char *s, size_t max);

/* ---- text for XML outputs (xmltext.c): every string written into an XML
 * file goes through oct_xml_text. */
/* True when CP may appear in the XML we write: XML 1.0 characters minus
 * DEL, the C1 controls and the Unicode noncharacters. */
bool oct_xml_char(uint32_t cp);
/* S itself when every character may appear in XML; otherwise a copy without
 * the others (and without bytes that are not UTF-8), stored in *OWNED for the
 * caller to free.  *OWNED is NULL when no copy was made; NULL for NULL. */
const char *oct_xml_text(const char *s, char **owned);

/* ---- data files (assets/, fonts/): looked up in $OCTAVO_DATA_DIR, beside
 * the executable's install prefix, then in the source tree.  Writes the full
 * path of REL into OUT; returns 0, or -1 when no candidate exists. */
int oct_data_path(const char *rel, char *out, size_t outsz);

/* ---- a ZIP archive built in memory (zip.c): entries stored or deflated at
 * level 1, times in UTC fields, no ZIP64 (an entry or the archive over
 * 4 GiB fails).  After oct_zip_finish, OUT holds the archive. */
typedef struct oct_zip {
  oct_buf out;
  oct_buf central;
  size_t n;
  uint16_t dos_time, dos_date;
  struct libdeflate_compressor *lz; /* made on the first deflated entry */
} oct_zip;
void oct_zip_init(oct_zip *z, int64_t mtime);
int oct_zip_add(oct_zip *z, const char *name, const void *data, size_t len, bool store,
                oct_error *err);
int oct_zip_finish(oct_zip *z, oct_error *err);
void oct_zip_free(oct_zip *z);

/* libdeflate (zip.c, the PDF's streams) picks its CRC-32 and Adler-32 code
 * for this processor on its first call and keeps the choice in a static:
 * two threads making that first call at once would both write it.  Called
 * once by main before any thread starts; after it the static is only read. */
void oct_deflate_prepare(void);

/* ---- deflate's bit stream and fixed Huffman codes (deflate_bits.c), for
 * the encoders that write fixed-code blocks by hand (the cover's PNG, the
 * PDF's font maps).  Bits go out least-significant first, gathered in BUF
 * and handed to OUT a few KiB at a time. */
typedef struct oct_bits {
  oct_buf *out;
  uint64_t acc;
  int n; /* pending bits in ACC, fewer than 32 between calls */
  size_t len;
  unsigned char buf[4096];
} oct_bits;
/* COUNT (at most 32) bits of V; inline: a cover puts tens of thousands */
static inline void oct_bits_put(oct_bits *b, uint32_t v, int count) {
  b->acc |= (uint64_t)v << b->n;
  b->n += count;
  if (b->n >= 32) {
    if (b->len + 4 > sizeof b->buf) {
      oct_buf_put(b->out, b->buf, b->len);
      b->len = 0;
    }
    for (int i = 0; i < 4; i++) /* compilers make this one store */
      b->buf[b->len++] = (unsigned char)(b->acc >> (8 * i));
    b->acc >>= 32;
    b->n -= 32;
  }
}
/* Pads to a byte with zero bits and hands everything to OUT. */
void oct_bits_flush(oct_bits *b);
/* CODE's low LEN bits in reverse order (Huffman codes go most-significant
 * bit first). */
uint32_t oct_deflate_reverse(uint32_t code, int len);
/* The fixed code of literal/length symbol SYM (0-287), reversed, ready to
 * put; its length in *LEN. */
uint32_t oct_deflate_fixed(int sym, int *len);
/* A match of LEN (3-258) bytes at distance DIST (1-32768), fixed codes. */
void oct_bits_fixed_match(oct_bits *b, unsigned len, unsigned dist);
extern const uint16_t oct_deflate_len_base[29];
extern const uint8_t oct_deflate_len_extra[29];
extern const uint16_t oct_deflate_dist_base[30];
extern const uint8_t oct_deflate_dist_extra[30];

#endif
