/* Hyphenation patterns compiled at build time (issue 15): libhyphen's own
 * automaton (the HyphenDict that hnj_hyphen_load builds from a hyph_*.dic),
 * written out by src/write/pdf/gen/hyph_compile.c as const byte strings
 * without pointers.  Parsing hyph_en_US.dic costs 37 M instructions, a
 * quarter of a single-article PDF (hyph_de_DE.dic 1,270 M); building the
 * HyphenDict from these tables costs 0.4 M.
 *
 * Why not libhyphen's structures themselves as const data: a HyphenDict
 * holds pointers, three a state (match, repl, transitions).  In a
 * position-independent program each would be a relocation the loader applies
 * at every start, PDF or not: ~27,000 for English, ~370,000 for German.  And
 * why byte strings, not arrays of structs: compilers are slow on millions of
 * initialisers (clang 19 s and 1.2 GB for German's), fast on one long string
 * (1 s).  So hyphen.c builds the state and transition arrays (48 bytes a
 * state, 0.75 MB for English) when a language is first used, the strings stay
 * in the read-only table, and libhyphen's matcher runs on them unchanged.
 *
 * The records are native-endian int32_t (the generator runs on the build
 * machine) without padding, read with memcpy:
 *   STATES: NUM_STATES x {match, fallback_state, num_trans}; match is an
 *           offset into STRINGS, -1 for NULL; a state's transitions follow
 *           the previous state's in TRANS.
 *   REPLS:  NULL when the level has no replacement (non-standard
 *           hyphenation), else NUM_STATES x {repl, replindex, replcut}.
 *   TRANS:  NUM_TRANS x {ch (one byte), new_state}.
 *
 * Include it as "write/pdf/layout/hyphen_table.h". */
#ifndef OCTAVO_PDF_HYPHEN_TABLE_H
#define OCTAVO_PDF_HYPHEN_TABLE_H

#include <hyphen.h>
#include <stddef.h>
#include <stdint.h>

/* One HyphenDict level (libhyphen chains two: compound, then word).
 * NOHYPHEN is an offset into STRINGS (-1: none) of NOHYPHENL + 1 strings,
 * each ended by its NUL, as libhyphen keeps them. */
typedef struct oct_hyph_clevel {
  signed char lhmin, rhmin, clhmin, crhmin;
  int32_t nohyphen, nohyphenl;
  int32_t num_states, num_trans;
  int32_t utf8;
  char cset[MAX_NAME];
  const char *states, *repls, *trans;
} oct_hyph_clevel;

typedef struct oct_hyph_table {
  /* The file names it stands for, each ended by a NUL, then an empty one:
   * the real file first ("hyph_en_US.dic") then the links to it found at
   * build time ("hyph_en.dic"). */
  const char *names;
  const char *strings;
  size_t num_levels;
  const oct_hyph_clevel *levels;
} oct_hyph_table;

/* Generated at build time; oct_hyph_ntables is 0 when no pattern file was
 * installed on the build machine (every language then loads at run time). */
extern const oct_hyph_table *const oct_hyph_tables[];
extern const size_t oct_hyph_ntables;

#endif
