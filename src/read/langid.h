/* Language identification: which language an article is written in, when
 * its source does not say.  Not a public header: oct_read() (read.c) calls
 * it once after the reader, and the tests call it directly. */
#ifndef OCTAVO_READ_LANGID_H
#define OCTAVO_READ_LANGID_H

#include <stdbool.h>
#include <stddef.h>

#ifndef __cplusplus /* the tree's header is C only (langid_cld2.cc needs none of it) */
#include "tree/tree.h"
#endif

/* Room for the longest tag langid_text gives ("sr-Latn-ME", "und"). */
#define LANGID_TAG_SIZE 16

/* Identifies the language of S (N bytes of UTF-8 plain text) with CLD2
 * and writes a BCP 47 tag into TAG ("de", "zh-Hans", "zh-Hant", "he").
 * Returns true only when CLD2 calls its answer reliable; otherwise TAG
 * holds its best guess, or "und".  Thread safe: CLD2's tables are const
 * data in the library, there is no handle and no state. */
bool langid_text(const char *s, size_t n, char tag[LANGID_TAG_SIZE]);

/* When DOC declares no language, identifies it from the first
 * LANGID_SAMPLE code points of its title and body text (code left out)
 * and sets it when the answer is reliable; leaves it unset otherwise. */
#define LANGID_SAMPLE 2000
#ifndef __cplusplus
void langid_fill(oct_node *doc);
#endif

#endif
