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

/* A growing byte string: a table's string pool, or one level's records. */
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

static void put(pool *p, const void *s, size_t len) {
  if (len == 0) return; /* an empty pattern string, before the pool has memory */
  if (p->n + len > p->cap) {
    while (p->n + len > p->cap)
      p->cap = p->cap ? p->cap * 2 : 4096;
    p->s = realloc(p->s, p->cap);
    if (!p->s) die("out of memory");
  }
  memcpy(p->s + p->n, s, len);
  p->n += len;
  if (p->n > INT32_MAX) die("a table over 2 GB");
}

static void put32(pool *p, long v) {
  int32_t x = (int32_t)v;
  put(p, &x, sizeof x);
}

/* Adds LEN bytes and a NUL to the pool; returns their offset. */
static long pool_add(pool *p, const char *s, size_t len) {
  long at = (long)p->n;
  put(p, s, len);
  put(p, "", 1);
  return at;
}

static long pool_str(pool *p, const char *s) { return s ? pool_add(p, s, strlen(s)) : -1; }

/* Writes P as one C string literal, printable ASCII as it is and the rest
 * as three-digit octal escapes (so a digit after one is never taken into
 * it); '?' too, against trigraphs.  A literal this long is beyond what ISO C
 * promises (4,095 characters), hence the pragma in main(). */
static void write_bytes(FILE *out, const char *name, const pool *p) {
  fprintf(out, "static const char %s[] =\n\"", name);
  for (size_t i = 0, col = 0; i < p->n; i++) {
    unsigned char c = (unsigned char)p->s[i];
    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '?') {
      fputc(c, out);
      col++;
    } else {
      fprintf(out, "\\%03o", c);
      col += 4;
    }
    if (col >= 96 && i + 1 < p->n) {
      fputs("\"\n\"", out);
      col = 0;
    }
  }
  fputs("\";\n", out);
}

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

/* Writes table T for FILE; returns 0 when FILE is left to the run time. */
static int write_table(FILE *out, int t, const char *file) {
  char real[PATH_MAX];
  if (!realpath(file, real)) die("%s: cannot resolve", file);
  if (strpbrk(real, "\"\\")) die("%s: a quote or backslash in the name", real);
  HyphenDict *dict = hnj_hyphen_load(real);
  if (!dict) die("%s: libhyphen cannot load it", real);
  if (!dict->utf8 && strcmp(dict->cset, "ISO8859-1") != 0) {
    /* the writer refuses other 8-bit sets (hyphen.c); left to it, it says so */
    fprintf(stderr, "hyph_compile: %s: in %s, not compiled in\n", real, dict->cset);
    hnj_hyphen_free(dict);
    return 0;
  }
  pool strings = {0};
  int nlev = 0;
  for (const HyphenDict *d = dict; d; d = d->nextlevel, nlev++) {
    pool states = {0}, repls = {0}, trans = {0};
    int has_repl = 0;
    for (int i = 0; i < d->num_states; i++)
      has_repl |= d->states[i].repl != NULL;
    for (int i = 0; i < d->num_states; i++) {
      const HyphenState *s = &d->states[i];
      put32(&states, pool_str(&strings, s->match));
      put32(&states, s->fallback_state);
      put32(&states, s->num_trans);
      if (has_repl) {
        /* replindex and replcut are only set by libhyphen for a state with
         * a pattern; elsewhere they are uninitialised and never read. */
        int known = s->match != NULL;
        put32(&repls, pool_str(&strings, s->repl));
        put32(&repls, known ? s->replindex : 0);
        put32(&repls, known ? s->replcut : 0);
      }
      for (int k = 0; k < s->num_trans; k++) {
        put(&trans, &s->trans[k].ch, 1);
        put32(&trans, s->trans[k].new_state);
      }
    }
    char name[64];
    snprintf(name, sizeof name, "t%d_%d_states", t, nlev);
    write_bytes(out, name, &states);
    snprintf(name, sizeof name, "t%d_%d_trans", t, nlev);
    write_bytes(out, name, &trans);
    if (has_repl) {
      snprintf(name, sizeof name, "t%d_%d_repls", t, nlev);
      write_bytes(out, name, &repls);
    }
    free(states.s);
    free(repls.s);
    free(trans.s);
  }
  fprintf(out, "static const oct_hyph_clevel t%d_levels[] = {\n", t);
  int lev = 0;
  for (const HyphenDict *d = dict; d; d = d->nextlevel, lev++) {
    if (strpbrk(d->cset, "\"\\?")) die("%s: odd character set name", real);
    int has_repl = 0;
    long ntrans = 0;
    for (int i = 0; i < d->num_states; i++) {
      has_repl |= d->states[i].repl != NULL;
      ntrans += d->states[i].num_trans;
    }
    char repls[64] = "NULL";
    if (has_repl) snprintf(repls, sizeof repls, "t%d_%d_repls", t, lev);
    fprintf(out,
            "  {%d, %d, %d, %d, %ld, %d, %d, %ld, %d, \"%s\", t%d_%d_states, %s, t%d_%d_trans},\n",
            d->lhmin, d->rhmin, d->clhmin, d->crhmin, pool_nohyphen(&strings, d), d->nohyphenl,
            d->num_states, ntrans, d->utf8, d->cset, t, lev, repls, t, lev);
  }
  fprintf(out, "};\n");
  char name[64];
  snprintf(name, sizeof name, "t%d_strings", t);
  write_bytes(out, name, &strings);
  fprintf(out, "static const oct_hyph_table t%d = {", t);
  write_names(out, real);
  fprintf(out, ", t%d_strings, %d, t%d_levels};\n\n", t, nlev, t);
  free(strings.s);
  hnj_hyphen_free(dict);
  return 1;
}

int main(int argc, char **argv) {
  if (argc < 2) die("usage: hyph_compile OUT.c [FILE.dic...]");
  char tmp[PATH_MAX];
  snprintf(tmp, sizeof tmp, "%s.tmp", argv[1]);
  FILE *out = fopen(tmp, "w");
  if (!out) die("%s: cannot write", tmp);
  fprintf(out, "/* Generated by src/write/pdf/gen/hyph_compile.c at build time: do not edit. */\n"
               "#include \"write/pdf/layout/hyphen_table.h\"\n\n"
               "#pragma GCC diagnostic ignored \"-Woverlength-strings\"\n\n");
  int n = 0;
  for (int i = 2; i < argc; i++)
    n += write_table(out, n, argv[i]);
  fprintf(out, "const oct_hyph_table *const oct_hyph_tables[] = {");
  for (int i = 0; i < n; i++)
    fprintf(out, "&t%d, ", i);
  fprintf(out, "NULL};\nconst size_t oct_hyph_ntables = %d;\n", n);
  if (ferror(out) | fclose(out)) die("%s: write failed", tmp);
  if (rename(tmp, argv[1]) != 0) die("%s: cannot rename to %s", tmp, argv[1]);
  return 0;
}
