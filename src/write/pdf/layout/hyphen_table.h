/* Hyphenation patterns compiled at build time (issue 15): libhyphen's own
 * automaton (the HyphenDict that hnj_hyphen_load builds from a hyph_*.dic),
 * written out by src/write/pdf/gen/hyph_compile.c as const arrays without
 * pointers.  Parsing hyph_en_US.dic costs 37 M instructions, a quarter of a
 * single-article PDF; these tables cost nothing to load.
 *
 * Why no pointers: a HyphenDict holds three pointers a state (match, repl,
 * transitions).  As const data in a position-independent executable each
 * would be a relocation the loader applies at every start, PDF or not:
 * ~27,000 for English and ~370,000 for German.  Instead hyphen.c builds the
 * state array (24 bytes a state on disk -> libhyphen's 40 on the heap, 0.6 MB
 * for English) when a language is first used; transitions and strings stay
 * in the read-only tables and libhyphen's matcher runs on them unchanged.
 *
 * Include it as "write/pdf/layout/hyphen_table.h". */
#ifndef OCTAVO_PDF_HYPHEN_TABLE_H
#define OCTAVO_PDF_HYPHEN_TABLE_H

#include <hyphen.h>
#include <stddef.h>
#include <stdint.h>

/* One HyphenState: strings are offsets into the table's STRINGS (-1: NULL),
 * TRANS the index of the state's first transition in its level's TRANS. */
typedef struct oct_hyph_cstate {
  int32_t match, repl;
  int32_t fallback, num_trans, trans;
  signed char replindex, replcut;
} oct_hyph_cstate;

/* One HyphenDict level (libhyphen chains two: compound, then word).
 * NOHYPHEN is an offset into STRINGS (-1: none) of NOHYPHENL + 1 strings,
 * each ended by its NUL, as libhyphen keeps them. */
typedef struct oct_hyph_clevel {
  signed char lhmin, rhmin, clhmin, crhmin;
  int32_t nohyphen, nohyphenl;
  int32_t num_states;
  int32_t utf8;
  char cset[MAX_NAME];
  const oct_hyph_cstate *states;
  const HyphenTrans *trans;
} oct_hyph_clevel;

typedef struct oct_hyph_table {
  /* The file names it stands for, each ended by a NUL, then an empty one:
   * the real file first ("hyph_en_US.dic") then the links to it found at
   * build time ("hyph_en.dic"). */
  const char *names;
  const char *source; /* the file it was compiled from, for messages */
  const char *strings;
  size_t num_levels;
  const oct_hyph_clevel *levels;
} oct_hyph_table;

/* Generated at build time; oct_hyph_ntables is 0 when no pattern file was
 * installed on the build machine (every language then loads at run time). */
extern const oct_hyph_table *const oct_hyph_tables[];
extern const size_t oct_hyph_ntables;

#endif
