/* The hyphenation patterns compiled at build time (hyphen_table.h) break
 * every word exactly where libhyphen breaks it with the .dic parsed at run
 * time:
 *
 *   test_hyphen_table LANG FILE.dic MIN-WORDS EVERY WORDS TEXT...
 *
 * hyphenates every EVERY-th line of WORDS (a word list of /usr/share/dict:
 * Ukrainian's has 1.5 M words, 11 s a run and ten times that under the
 * sanitizers) and every whitespace-separated word of each TEXT (the samples)
 * with oct_hyph_new(LANG), which must come
 * from the compiled table, and with oct_hyph_load(FILE.dic), which parses
 * the file, and compares all break offsets; the same for a memo
 * (oct_hyph_memo_word) of the compiled table.  Fails on the first ten
 * differences, and when fewer than MIN-WORDS words got a break at all (a
 * word list that went missing must not pass by comparing nothing). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "write/pdf/layout/hyphen.h"

#define MAXP 64

typedef struct counts {
  long words, hyphenated, points, differ;
} counts;

static void compare(const oct_hyph *a, const oct_hyph *b, oct_hyph_memo *memo, const char *w,
                    size_t len, counts *c) {
  size_t oa[MAXP], ob[MAXP], om[MAXP], na = 0, nb = 0, nm = 0;
  if (oct_hyph_word(a, w, len, oa, MAXP, &na) != 0 || oct_hyph_word(b, w, len, ob, MAXP, &nb) != 0)
    na = (size_t)-1;
  /* the layout's memo of the compiled table answers as the file parsed,
   * whether the word is new, remembered or past the memo's cap */
  if (oct_hyph_memo_word(memo, w, len, om, MAXP, &nm) != 0 || nm != nb ||
      memcmp(om, ob, nm * sizeof *om) != 0)
    na = (size_t)-1;
  c->words++;
  if (na == nb && memcmp(oa, ob, na * sizeof *oa) == 0) {
    c->hyphenated += na > 0;
    c->points += (long)na;
    return;
  }
  if (c->differ++ < 10)
    fprintf(stderr, "test_hyphen_table: '%.*s': %zu points compiled, %zu parsed\n", (int)len, w, na,
            nb);
}

static int compare_file(const oct_hyph *a, const oct_hyph *b, const char *path, long every,
                        counts *c) {
  FILE *f = fopen(path, "r");
  if (!f) {
    fprintf(stderr, "test_hyphen_table: cannot read %s (sh scripts/deps.sh test installs it)\n",
            path);
    return -1;
  }
  /* one memo per file, as one per document: a sample repeats its words,
   * a word list fills the memo past its cap */
  oct_hyph_memo *memo = oct_hyph_memo_new(a);
  char line[4096];
  for (long nr = 0; fgets(line, sizeof line, f); nr++) {
    if (nr % every) continue;
    for (char *p = line;;) {
      p += strspn(p, " \t\r\n");
      size_t n = strcspn(p, " \t\r\n");
      if (n == 0) break;
      compare(a, b, memo, p, n, c);
      p += n;
    }
  }
  fclose(f);
  oct_hyph_memo_free(memo);
  return 0;
}

int main(int argc, char **argv) {
  long min = argc > 4 ? strtol(argv[3], NULL, 10) : 0,
       every = argc > 4 ? strtol(argv[4], NULL, 10) : 0;
  if (argc < 6 || every < 1) {
    fprintf(stderr, "usage: test_hyphen_table LANG FILE.dic MIN-WORDS EVERY WORDS TEXT...\n");
    return 2;
  }
  int rc = 1;
  oct_error err;
  oct_error_init(&err, NULL);
  oct_hyph *compiled = oct_hyph_new(argv[1], &err);
  oct_hyph *parsed = oct_hyph_load(argv[2], &err);
  if (!compiled || !parsed) {
    fprintf(stderr, "test_hyphen_table: %s: %s\n", argv[1], err.msg[0] ? err.msg : "no patterns");
    goto out;
  }
  if (!oct_hyph_compiled(compiled) || oct_hyph_compiled(parsed)) {
    fprintf(stderr, "test_hyphen_table: %s: expected the compiled table (%s) against %s parsed\n",
            argv[1], oct_hyph_file(compiled), argv[2]);
    goto out;
  }
  counts c = {0};
  for (int i = 5; i < argc; i++)
    if (compare_file(compiled, parsed, argv[i], i == 5 ? every : 1, &c) != 0) goto out;
  printf("%s: %ld words, %ld hyphenated with %ld points, %ld differ (%s vs %s)\n", argv[1], c.words,
         c.hyphenated, c.points, c.differ, oct_hyph_file(compiled), argv[2]);
  if (c.differ == 0 && c.hyphenated >= min)
    rc = 0;
  else if (c.differ == 0)
    fprintf(stderr, "test_hyphen_table: only %ld words hyphenated, want %ld\n", c.hyphenated, min);
out:
  oct_hyph_free(compiled);
  oct_hyph_free(parsed);
  return rc;
}
