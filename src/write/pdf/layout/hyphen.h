/* Hyphenation points of words, from libhyphen and the installed pattern files
 * (/usr/share/hyphen/hyph_<lang>.dic); the files found at build time are
 * compiled in (hyphen_table.h) and cost nothing to load.  One dictionary per writer context;
 * once loaded it is only read (hnj_hyphen_hyphenate3 does not write to the
 * dictionary), so an oct_hyph may even be shared by threads.
 *
 * Include it as "write/pdf/layout/hyphen.h": the system's libhyphen header is also
 * called hyphen.h. */
#ifndef OCTAVO_PDF_HYPHEN_H
#define OCTAVO_PDF_HYPHEN_H

#include <stdbool.h>
#include <stddef.h>

#include "util/util.h"

typedef struct oct_hyph oct_hyph;

/* Loads the patterns for LANG, a BCP 47 tag ("en", "en-GB", "de-DE", "ru")
 * or NULL/"" for English.  Tries hyph_<ll>_<CC>.dic, then for English
 * hyph_en_US.dic, then hyph_<ll>.dic, then any hyph_<ll>_*.dic.
 * Returns NULL in two cases, told apart by ERR->msg, which this function
 * empties on entry:
 *  - ERR->msg[0] == '\0': no patterns for this language are installed; the
 *    caller should warn once ("no hyphenation patterns for 'xx'") and set
 *    the text without hyphenation;
 *  - ERR->msg set: a pattern file exists but could not be loaded.
 * A file compiled in at build time is used from the compiled table, which
 * gives the very same breaks (tests/unit/test_hyphen_table.c), whether or
 * not the file is still installed. */
oct_hyph *oct_hyph_new(const char *lang, oct_error *err);

/* Loads one pattern file by path (a user's own patterns, or tests), always
 * parsing it with libhyphen, even when it was compiled in.
 * Returns NULL and sets ERR when it is missing, unreadable or not UTF-8. */
oct_hyph *oct_hyph_load(const char *path, oct_error *err);

/* Whether H comes from a table compiled in at build time. */
bool oct_hyph_compiled(const oct_hyph *h);

/* The pattern file that was loaded (full path), for messages. */
const char *oct_hyph_file(const oct_hyph *h);

/* Finds where WORD (LEN bytes of UTF-8, e.g. one run of letters between
 * spaces, possibly with quotes or punctuation attached) may take a hyphen.
 * Writes up to MAX byte offsets into OFFSETS, ascending: offset k means "a
 * hyphen may go between WORD[k-1] and WORD[k]" (always on a character
 * boundary, never inside leading/trailing punctuation).  *COUNT gets how
 * many were written.  H may be NULL (no points).
 *  - No points for words shorter than 5 letters, words in capitals only
 *    (acronyms), words with digits or other punctuation inside (URLs,
 *    "e.g."), invalid UTF-8, or longer than 250 bytes.
 *  - Apostrophes, en/em dashes and slashes split a word into parts that are
 *    hyphenated on their own (no point at the split itself).
 *  - A word with a hyphen ('-' or U+2010) breaks only right after it; the
 *    caller must not draw an extra hyphen there.  U+2011 (non-breaking
 *    hyphen) gives no point.
 *  - A word with soft hyphens (U+00AD) breaks only right after them; the
 *    caller draws a hyphen there and never draws U+00AD itself.
 * Returns 0; -1 only for a NULL WORD/OFFSETS/COUNT. */
int oct_hyph_word(const oct_hyph *h, const char *word, size_t len, size_t *offsets, size_t max,
                  size_t *count);

void oct_hyph_free(oct_hyph *h);

/* A memo of oct_hyph_word's answers for one layout: an article repeats its
 * words (the reference article asks for 1,940 words, 714 distinct ones), and
 * each costs about 4,600 instructions (6.1 M -> 3.7 M for that article).  Not shared: one memo
 * per document, so threads never meet in it.  Bounded: words longer than
 * 48 bytes and words past its cap (16,384 words, 1 MiB) are hyphenated
 * afresh each time. */
typedef struct oct_hyph_memo oct_hyph_memo;

/* A memo for H (which may be NULL: no points); never NULL. */
oct_hyph_memo *oct_hyph_memo_new(const oct_hyph *h);

/* Exactly oct_hyph_word(H, WORD, LEN, OFFSETS, MAX, COUNT) for the memo's
 * H, remembered. */
int oct_hyph_memo_word(oct_hyph_memo *m, const char *word, size_t len, size_t *offsets, size_t max,
                       size_t *count);

void oct_hyph_memo_free(oct_hyph_memo *m);

#endif
