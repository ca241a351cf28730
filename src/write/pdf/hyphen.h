/* Hyphenation points of words, from libhyphen and the installed pattern files
 * (/usr/share/hyphen/hyph_<lang>.dic).  One dictionary per writer context:
 * a loaded dictionary is only read afterwards, so one oct_hyph may be used by
 * one thread at a time without locking, and separate ones in parallel.
 *
 * Include it as "write/pdf/hyphen.h": the system's libhyphen header is also
 * called hyphen.h. */
#ifndef OCTAVO_PDF_HYPHEN_H
#define OCTAVO_PDF_HYPHEN_H

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
 *  - ERR->msg set: a pattern file exists but could not be loaded. */
oct_hyph *oct_hyph_new(const char *lang, oct_error *err);

/* Loads one pattern file by path (a user's own patterns, or tests).
 * Returns NULL and sets ERR when it is missing, unreadable or not UTF-8. */
oct_hyph *oct_hyph_load(const char *path, oct_error *err);

/* The pattern file that was loaded (full path), for messages. */
const char *oct_hyph_file(const oct_hyph *h);

/* Finds where WORD (LEN bytes of UTF-8, e.g. one run of letters between
 * spaces, possibly with quotes or punctuation attached) may take a hyphen.
 * Writes up to MAX byte offsets into OFFSETS, ascending: offset k means "a
 * hyphen may go between WORD[k-1] and WORD[k]" (always on a character
 * boundary, never inside leading/trailing punctuation).  *COUNT gets how
 * many were written.
 * No points for: words shorter than 5 letters, words in capitals only
 * (acronyms), words with digits or other punctuation inside (URLs, "e.g."),
 * invalid UTF-8, words too long for libhyphen (> 250 bytes).  Apostrophes,
 * en/em dashes and slashes split a word into parts hyphenated on their own
 * (no point is given at the split itself).  A word that already
 * contains a hyphen ('-' or U+2010) may break only right after it, and the
 * caller must then not draw an extra hyphen there; a non-breaking hyphen
 * (U+2011) gives no point.  H may be NULL (no points).  Returns 0; -1 only for a NULL
 * WORD/OFFSETS/COUNT. */
int oct_hyph_word(const oct_hyph *h, const char *word, size_t len, size_t *offsets, size_t max,
                  size_t *count);

void oct_hyph_free(oct_hyph *h);

#endif
