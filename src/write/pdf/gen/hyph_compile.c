/* realpath() is an XSI function. */
#define _XOPEN_SOURCE 700
/* Build-time generator (issue 15): loads hyph_*.dic pattern files with
 * libhyphen, exactly as the writer would at run time, and writes the
 * resulting automaton as const C tables (write/pdf/layout/hyphen_table.h),
 * so that the writer never parses a pattern file for these languages.
 *
 *   hyph_compile OUT.c [FILE.dic...]
 *
 * Serialising libhyphen's own HyphenDict (rather than our own trie) keeps
 * its matcher, hnj_hyphen_hyphenate3, and with it every break identical;
 * tests/unit/test_hyphen_table.c checks that over a large word list.  With
 * no FILE it writes an empty list (no patterns installed at build time). */
#include <dirent.h>
#include <hyphen.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The string pool of one table, grown by doubling. */
typedef struct pool {
  char *s;
  size_t n, cap;
} pool;

static void die(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("hyph_compile: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  exit(1);
}

static long pool_add(pool *p, const char *s, size_t len) {
  if (p->n + len + 1 > p->cap) {
    while (p->n + len + 1 > p->cap)
      p->cap = p->cap ? p->cap * 2 : 4096;
    p->s = realloc(p->s, p->cap);
    if (!p->s) die("out of memory");
  }
  long at = (long)p->n;
  memcpy(p->s + p->n, s, len);
  p->s[p->n + len] = '\0';
  p->n += len + 1;
  if (p->n > INT32_MAX) die("string pool over 2 GB");
  return at;
}

static long pool_str(pool *p, const char *s) { return s ? pool_add(p, s, strlen(s)) : -1; }

/* libhyphen keeps NOHYPHEN as NOHYPHENL + 1 strings, each with its NUL. */
static long pool_nohyphen(pool *p, const HyphenDict *d) {
  if (!d->nohyphen) return -1;
  const char *s = d->nohyphen;
  size_t len = 0;
  for (int i = 0; i <= d->nohyphenl; i++)
    len += strlen(s + len) + 1;
  return pool_add(p, s, len - 1);
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Writes the file's own name, then the names of the hyph_*.dic beside it
 * that resolve to the same file (Debian's hyph_en.dic -> hyph_en_US.dic), in
 * name order, each as a C string literal piece ending in "\0". */
static void write_names(FILE *out, const char *real) {
  const char *slash = strrchr(real, '/');
  char dir[PATH_MAX];
  snprintf(dir, sizeof dir, "%.*s", (int)(slash - real), real);
  fprintf(out, "\"%s\\0\"", slash + 1);
  DIR *d = opendir(dir);
  if (!d) die("%s: cannot list", dir);
  char **alias = NULL;
  size_t n = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    size_t len = strlen(e->d_name);
    if (strncmp(e->d_name, "hyph_", 5) != 0 || len < 9 || strcmp(e->d_name + len - 4, ".dic") ||
        strcmp(e->d_name, slash + 1) == 0 || strpbrk(e->d_name, "\"\\"))
      continue;
    char path[PATH_MAX * 2], r[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    if (!realpath(path, r) || strcmp(r, real) != 0) continue;
    alias = realloc(alias, (n + 1) * sizeof *alias);
    if (!alias || !(alias[n++] = strdup(e->d_name))) die("out of memory");
  }
  closedir(d);
  if (n) qsort(alias, n, sizeof *alias, cmp_str);
  for (size_t i = 0; i < n; i++) {
    fprintf(out, " \"%s\\0\"", alias[i]);
    free(alias[i]);
  }
  free(alias);
}

static void write_table(FILE *out, int t, const char *file) {
  char real[PATH_MAX];
  if (!realpath(file, real)) die("%s: cannot resolve", file);
  if (strpbrk(real, "\"\\")) die("%s: a quote or backslash in the name", real);
  HyphenDict *dict = hnj_hyphen_load(real);
  if (!dict) die("%s: libhyphen cannot load it", real);
  pool strings = {0};
  int nlev = 0;
  for (const HyphenDict *d = dict; d; d = d->nextlevel, nlev++) {
    fprintf(out, "static const HyphenTrans t%d_%d_trans[] = {", t, nlev);
    int col = 0;
    for (int i = 0; i < d->num_states; i++)
      for (int k = 0; k < d->states[i].num_trans; k++, col++)
        fprintf(out, "%s{%d,%d},", col % 8 ? "" : "\n", d->states[i].trans[k].ch,
                d->states[i].trans[k].new_state);
    /* a level without transitions still needs one element */
    fprintf(out, "%s};\n", col ? "" : "{0,0}");
    fprintf(out, "static const oct_hyph_cstate t%d_%d_states[] = {", t, nlev);
    long ti = 0;
    for (int i = 0; i < d->num_states; i++) {
      const HyphenState *s = &d->states[i];
      /* replindex and replcut are only set by libhyphen for a state with a
       * pattern; elsewhere they are uninitialised and never read. */
      int known = s->match != NULL;
      fprintf(out, "%s{%ld,%ld,%d,%d,%ld,%d,%d},", i % 4 ? "" : "\n", pool_str(&strings, s->match),
              pool_str(&strings, s->repl), s->fallback_state, s->num_trans, ti,
              known ? s->replindex : 0, known ? s->replcut : 0);
      ti += s->num_trans;
    }
    fprintf(out, "};\n");
  }
  fprintf(out, "static const oct_hyph_clevel t%d_levels[] = {\n", t);
  int lev = 0;
  for (const HyphenDict *d = dict; d; d = d->nextlevel, lev++) {
    if (strpbrk(d->cset, "\"\\")) die("%s: odd character set name", real);
    fprintf(out, "  {%d, %d, %d, %d, %ld, %d, %d, %d, \"%s\", t%d_%d_states, t%d_%d_trans},\n",
            d->lhmin, d->rhmin, d->clhmin, d->crhmin, pool_nohyphen(&strings, d), d->nohyphenl,
            d->num_states, d->utf8, d->cset, t, lev, t, lev);
  }
  fprintf(out, "};\n");
  /* The pool as numbers: a string literal this long is beyond what ISO C
   * promises (4,095 characters) and -Wpedantic would reject it. */
  fprintf(out, "static const char t%d_strings[] = {", t);
  for (size_t i = 0; i < strings.n; i++)
    fprintf(out, "%s%d,", i % 24 ? "" : "\n", strings.s[i]);
  fprintf(out, "%s};\n", strings.n ? "" : "0");
  fprintf(out, "static const oct_hyph_table t%d = {", t);
  write_names(out, real);
  fprintf(out, ", \"%s\", t%d_strings, %d, t%d_levels};\n\n", real, t, nlev, t);
  free(strings.s);
  hnj_hyphen_free(dict);
}

int main(int argc, char **argv) {
  if (argc < 2) die("usage: hyph_compile OUT.c [FILE.dic...]");
  char tmp[PATH_MAX];
  snprintf(tmp, sizeof tmp, "%s.tmp", argv[1]);
  FILE *out = fopen(tmp, "w");
  if (!out) die("%s: cannot write", tmp);
  fprintf(out, "/* Generated by src/write/pdf/gen/hyph_compile.c at build time: do not edit. */\n"
               "#include \"write/pdf/layout/hyphen_table.h\"\n\n");
  for (int i = 2; i < argc; i++)
    write_table(out, i - 2, argv[i]);
  fprintf(out, "const oct_hyph_table *const oct_hyph_tables[] = {");
  for (int i = 2; i < argc; i++)
    fprintf(out, "&t%d, ", i - 2);
  fprintf(out, "NULL};\nconst size_t oct_hyph_ntables = %d;\n", argc - 2);
  if (ferror(out) | fclose(out)) die("%s: write failed", tmp);
  if (rename(tmp, argv[1]) != 0) die("%s: cannot rename to %s", tmp, argv[1]);
  return 0;
}
