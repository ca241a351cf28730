/* libhyphen wrapper: picks the pattern file for a language and turns its
 * character-indexed hyphenation vector into byte offsets of the caller's
 * word, after the clean-up LibreOffice also does (lowercase, no surrounding
 * punctuation). */
#include <dirent.h>
#include <hyphen.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "write/pdf/layout/hyphen.h"
#include "write/pdf/layout/hyphen_table.h"

#define HYPH_DIR "/usr/share/hyphen"
/* libhyphen works on short fixed buffers; real words are far shorter. */
#define MAX_WORD_BYTES 250
#define MAX_CPS MAX_WORD_BYTES
#define LEFT_MIN 2  /* TeX's \lefthyphenmin for English */
#define RIGHT_MIN 3 /* TeX's \righthyphenmin for English */
#define MIN_LETTERS 5
#define SOFT_HYPHEN 0xAD

struct oct_hyph {
  HyphenDict *dict; /* only read after loading, see hyphen.h */
  char *file;
  /* Built from a compiled table (hyphen_table.h): DICT is LEVELS[0], whose
   * strings are the table's const data, so hnj_hyphen_free (which frees
   * them) must not see it. */
  HyphenDict *levels;
  size_t num_levels;
};

/* The table compiled at build time for the pattern file called NAME
 * ("hyph_en_US.dic", or a link to it such as "hyph_en.dic"), or NULL. */
static const oct_hyph_table *compiled_table(const char *name) {
  for (size_t i = 0; i < oct_hyph_ntables; i++)
    for (const char *n = oct_hyph_tables[i]->names; *n; n += strlen(n) + 1)
      if (strcmp(n, name) == 0) return oct_hyph_tables[i];
  return NULL;
}

/* A pattern file counts as there when it was compiled in (even if the
 * machine lacks it now) or can be read. */
static bool present(const char *path) {
  const char *slash = strrchr(path, '/');
  if (slash && strncmp(path, HYPH_DIR "/", sizeof HYPH_DIR) == 0 && compiled_table(slash + 1))
    return true;
  return access(path, R_OK) == 0;
}

static bool is_alpha_ascii(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* Splits a BCP 47 tag into a lowercase language and an uppercase region.
 * Only letters and digits are accepted, so a hostile tag can never name a
 * file outside the pattern directory. */
static bool parse_lang(const char *lang, char ll[4], char cc[4]) {
  ll[0] = cc[0] = '\0';
  if (!lang || !*lang) lang = "en";
  size_t i = 0;
  while (i < 3 && is_alpha_ascii(lang[i])) {
    ll[i] = (char)(lang[i] | 0x20);
    i++;
  }
  ll[i] = '\0';
  if (i < 2 || (lang[i] != '\0' && lang[i] != '-' && lang[i] != '_')) return false;
  const char *p = lang + i;
  /* Walk the subtags and keep the first 2-letter one as the region (a
   * 4-letter script subtag such as Latn is skipped). */
  while (*p == '-' || *p == '_') {
    p++;
    size_t k = 0;
    while (is_alpha_ascii(p[k]) || (p[k] >= '0' && p[k] <= '9'))
      k++;
    if (k == 2 && is_alpha_ascii(p[0]) && is_alpha_ascii(p[1])) {
      cc[0] = (char)(p[0] & ~0x20);
      cc[1] = (char)(p[1] & ~0x20);
      cc[2] = '\0';
      break;
    }
    if (k == 0) break;
    p += k;
  }
  return true;
}

/* Any hyph_<ll>_*.dic, in name order so the choice does not depend on the
 * directory's order; hyph_<ll>_<LL>.dic (de_DE, ru_RU) is preferred by the
 * caller before this. */
static void consider(const char *name, const char *prefix, size_t plen, char **best) {
  size_t n = strlen(name);
  if (n <= plen + 4 || strncmp(name, prefix, plen) != 0 || strcmp(name + n - 4, ".dic") != 0)
    return;
  if (!*best || strcmp(name, *best) < 0) {
    free(*best);
    *best = oct_xstrdup(name);
  }
}

static char *find_any_region(const char *ll) {
  char prefix[16];
  size_t plen = (size_t)snprintf(prefix, sizeof prefix, "hyph_%s_", ll);
  char *best = NULL;
  /* the compiled names as well, as if their files were in the directory */
  for (size_t i = 0; i < oct_hyph_ntables; i++)
    for (const char *n = oct_hyph_tables[i]->names; *n; n += strlen(n) + 1)
      consider(n, prefix, plen, &best);
  DIR *d = opendir(HYPH_DIR);
  if (d) {
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
      consider(e->d_name, prefix, plen, &best);
    closedir(d);
  }
  if (!best) return NULL;
  char *path = oct_xasprintf("%s/%s", HYPH_DIR, best);
  free(best);
  return path;
}

static char *find_patterns(const char *ll, const char *cc) {
  char *path;
  if (cc[0]) {
    path = oct_xasprintf("%s/hyph_%s_%s.dic", HYPH_DIR, ll, cc);
    if (present(path)) return path;
    free(path);
  }
  if (strcmp(ll, "en") == 0) {
    path = oct_xasprintf("%s/hyph_en_US.dic", HYPH_DIR);
    if (present(path)) return path;
    free(path);
  }
  path = oct_xasprintf("%s/hyph_%s.dic", HYPH_DIR, ll);
  if (present(path)) return path;
  free(path);
  path = oct_xasprintf("%s/hyph_%s_%c%c.dic", HYPH_DIR, ll, ll[0] & ~0x20, ll[1] & ~0x20);
  if (ll[2] == '\0' && present(path)) return path;
  free(path);
  return find_any_region(ll);
}

/* The int32_t at P in a table's byte string (hyphen_table.h). */
static int32_t rd32(const char *p) {
  int32_t v;
  memcpy(&v, p, sizeof v);
  return v;
}

_Static_assert(sizeof(HyphenState) % _Alignof(HyphenTrans) == 0,
               "transitions placed right after the states are aligned");

/* Builds libhyphen's structures from a compiled table: the state and
 * transition arrays (pointers, see hyphen_table.h), while the strings stay in
 * the table.  ~27 instructions a state: 0.4 M for English against 37 M to
 * parse hyph_en_US.dic, 7.8 M for German against 1,230 M (callgrind). */
static oct_hyph *from_table(const oct_hyph_table *t, char *path) {
  oct_hyph *h = oct_xcalloc(1, sizeof *h);
  h->file = path;
  h->num_levels = t->num_levels;
  h->levels = oct_xcalloc(t->num_levels, sizeof *h->levels);
  /* libhyphen takes char *, never writes through it (hyphen.h: the
   * dictionary is only read), so the const strings are safe to hand over;
   * they are in read-only pages, where a write would fault at once. */
  char *strings = (char *)t->strings;
  for (size_t k = 0; k < t->num_levels; k++) {
    const oct_hyph_clevel *c = &t->levels[k];
    HyphenDict *d = &h->levels[k];
    d->lhmin = (char)c->lhmin;
    d->rhmin = (char)c->rhmin;
    d->clhmin = (char)c->clhmin;
    d->crhmin = (char)c->crhmin;
    d->nohyphen = c->nohyphen < 0 ? NULL : strings + c->nohyphen;
    d->nohyphenl = c->nohyphenl;
    d->num_states = c->num_states;
    memcpy(d->cset, c->cset, sizeof d->cset);
    d->utf8 = c->utf8;
    /* one block, states then transitions (HyphenState's alignment is the
     * larger), so that oct_hyph_free frees STATES only */
    size_t ssize = (size_t)c->num_states * sizeof *d->states;
    d->states = oct_xcalloc(1, ssize + (size_t)c->num_trans * sizeof(HyphenTrans));
    HyphenTrans *trans = (HyphenTrans *)(void *)((char *)d->states + ssize);
    for (size_t i = 0; i < (size_t)c->num_trans; i++) {
      trans[i].ch = c->trans[5 * i];
      trans[i].new_state = rd32(c->trans + 5 * i + 1);
    }
    size_t next = 0;
    for (size_t i = 0; i < (size_t)c->num_states; i++) {
      HyphenState *s = &d->states[i];
      int32_t match = rd32(c->states + 12 * i);
      s->match = match < 0 ? NULL : strings + match;
      s->fallback_state = rd32(c->states + 12 * i + 4);
      s->num_trans = rd32(c->states + 12 * i + 8);
      s->trans = s->num_trans ? trans + next : NULL;
      next += (size_t)s->num_trans;
      if (c->repls) {
        int32_t repl = rd32(c->repls + 12 * i);
        s->repl = repl < 0 ? NULL : strings + repl;
        s->replindex = (signed char)rd32(c->repls + 12 * i + 4);
        s->replcut = (signed char)rd32(c->repls + 12 * i + 8);
      }
    }
    d->nextlevel = k + 1 < t->num_levels ? &h->levels[k + 1] : NULL;
  }
  h->dict = &h->levels[0];
  return h;
}

/* Loads PATH with libhyphen (a language not compiled in, or a file the
 * caller names).  Takes ownership of PATH. */
static oct_hyph *parse(char *path, oct_error *err) {
  /* hnj_hyphen_load prints to stderr when it cannot open the file: check first. */
  if (access(path, R_OK) != 0) {
    oct_error_set(err, "cannot read hyphenation patterns %s", path);
    free(path);
    return NULL;
  }
  HyphenDict *dict = hnj_hyphen_load(path);
  if (!dict) {
    oct_error_set(err, "cannot load hyphenation patterns %s", path);
    free(path);
    return NULL;
  }
  if (!dict->utf8 && strcmp(dict->cset, "ISO8859-1") != 0) {
    /* Debian's hyphen-* packages ship UTF-8 patterns, except German's
     * (hyph_de_*.dic, ISO 8859-1), which hyphenate_segment recodes words
     * for; other 8-bit sets would each need their own table. */
    oct_error_set(err, "hyphenation patterns %s are in %s, not UTF-8 or ISO 8859-1", path,
                  dict->cset);
    hnj_hyphen_free(dict);
    free(path);
    return NULL;
  }
  oct_hyph *h = oct_xcalloc(1, sizeof *h);
  h->dict = dict;
  h->file = path;
  return h;
}

/* The compiled table for PATH's file name when there is one (the patterns
 * of the build machine, even if the file has changed since), else PATH
 * parsed.  Takes ownership of PATH. */
static oct_hyph *load(char *path, oct_error *err) {
  const char *slash = strrchr(path, '/');
  const oct_hyph_table *t = slash ? compiled_table(slash + 1) : NULL;
  return t ? from_table(t, path) : parse(path, err);
}

oct_hyph *oct_hyph_load(const char *path, oct_error *err) {
  if (!path) {
    oct_error_set(err, "no hyphenation pattern file given");
    return NULL;
  }
  return parse(oct_xstrdup(path), err);
}

oct_hyph *oct_hyph_new(const char *lang, oct_error *err) {
  if (err) err->msg[0] = '\0';
  char ll[4], cc[4];
  if (!parse_lang(lang, ll, cc)) return NULL;
  char *path = find_patterns(ll, cc);
  if (!path) return NULL;
  return load(path, err);
}

const char *oct_hyph_file(const oct_hyph *h) { return h ? h->file : NULL; }

bool oct_hyph_compiled(const oct_hyph *h) { return h && h->levels; }

void oct_hyph_free(oct_hyph *h) {
  if (!h) return;
  if (h->levels) {
    for (size_t k = 0; k < h->num_levels; k++)
      free(h->levels[k].states);
    free(h->levels);
  } else {
    hnj_hyphen_free(h->dict);
  }
  free(h->file);
  free(h);
}

/* Hand-written case folding: towlower() follows the process locale, which a
 * library must not set, and in the "C" locale it folds ASCII only.  Covers
 * the scripts the pattern files exist for in practice (Latin-1, Latin
 * Extended-A, Greek, Cyrillic). */
static uint32_t fold(uint32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 0x20;
  if (c < 0xC0) return c;
  if (c <= 0xDE) return c == 0xD7 ? c : c + 0x20;
  if (c >= 0x100 && c <= 0x137) return c | 1;
  if (c >= 0x139 && c <= 0x148) return (c & 1) ? c + 1 : c;
  if (c >= 0x14A && c <= 0x177) return c | 1;
  if (c == 0x178) return 0xFF;
  if (c >= 0x179 && c <= 0x17E) return (c & 1) ? c + 1 : c;
  if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 0x20;
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;
  return c;
}

static bool is_upper(uint32_t c) { return fold(c) != c; }

static bool is_digit(uint32_t c) { return c >= '0' && c <= '9'; }

static bool is_hyphen(uint32_t c) { return c == '-' || c == 0x2010; }

static bool is_apostrophe(uint32_t c) { return c == '\'' || c == 0x2019 || c == 0x02BC; }

/* En dash, em dash, slash: the caller may break after them itself. */
static bool is_separator(uint32_t c) { return c == 0x2013 || c == 0x2014 || c == '/'; }

/* What is stripped around a word: ASCII punctuation, Latin-1 punctuation
 * and symbols (« » ¿ ¡ …), general punctuation (curly quotes, dashes),
 * CJK punctuation. */
static bool is_punct(uint32_t c) {
  if (c < 0x80) return !is_alpha_ascii((char)c) && !is_digit(c);
  if (c >= 0x80 && c <= 0xBF) return true;
  if (c == 0xD7 || c == 0xF7) return true;
  if (c >= 0x2000 && c <= 0x206F) return true;
  if (c >= 0x3000 && c <= 0x303F) return true;
  return false;
}

static bool is_combining(uint32_t c) {
  return (c >= 0x300 && c <= 0x36F) || (c >= 0x1AB0 && c <= 0x1AFF) ||
         (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x20D0 && c <= 0x20FF) ||
         (c >= 0xFE20 && c <= 0xFE2F);
}

static void add_point(size_t off, size_t *offsets, size_t max, size_t *count) {
  if (*count < max) offsets[(*count)++] = off;
}

/* Hyphenates the letters cps[a..b) (a segment with no apostrophes or
 * hyphens); off[i] is the byte offset of code point i in the caller's word. */
static void hyphenate_segment(const oct_hyph *h, const uint32_t *cps, const size_t *off, size_t a,
                              size_t b, size_t *offsets, size_t max, size_t *count) {
  size_t n = b - a;
  if (n < MIN_LETTERS) return;
  bool all_caps = true;
  for (size_t i = a; i < b; i++)
    if (!is_upper(cps[i])) all_caps = false;
  /* Acronyms (NATO, UNESCO) are left whole, as careful typesetters do. */
  if (all_caps) return;
  char low[MAX_WORD_BYTES * 2 + 8];
  size_t len = 0;
  for (size_t i = a; i < b; i++) {
    char u[4];
    uint32_t c = fold(cps[i]);
    size_t k;
    if (h->dict->utf8) {
      k = oct_utf8_encode(c, u);
    } else {
      /* ISO 8859-1 patterns: one byte a letter, so the vector below is
       * indexed by letter as well; a letter outside it is a word the
       * patterns cannot know */
      if (c > 0xFF) return;
      u[0] = (char)c;
      k = 1;
    }
    if (k == 0 || len + k >= sizeof low - 1) return;
    memcpy(low + len, u, k);
    len += k;
  }
  low[len] = '\0';
  char hy[sizeof low + 5];
  char **rep = NULL;
  int *pos = NULL, *cut = NULL;
  if (hnj_hyphen_hyphenate3(h->dict, low, (int)len, hy, NULL, &rep, &pos, &cut, LEFT_MIN, RIGHT_MIN,
                            LEFT_MIN, RIGHT_MIN) != 0)
    goto out;
  /* For UTF-8 patterns libhyphen re-indexes the vector by character (and
   * 8-bit ones are one byte a character): an odd
   * digit at i means a break after character i (verified in
   * tests/unit/test_hyphen.c with accented words). */
  for (size_t i = 0; i + 1 < n; i++) {
    if (!(hy[i] & 1)) continue;
    /* Non-standard breaks (German "Schiff=fahrt") change the letters; the
     * box model here cannot show that, so such points are skipped. */
    if (rep && rep[i]) continue;
    /* Never between a letter and its combining accent (decomposed text). */
    if (is_combining(cps[a + i + 1])) continue;
    add_point(off[a + i + 1], offsets, max, count);
  }
out:
  if (rep) {
    for (size_t i = 0; i < len; i++)
      free(rep[i]);
    free(rep);
  }
  free(pos);
  free(cut);
}

int oct_hyph_word(const oct_hyph *h, const char *word, size_t len, size_t *offsets, size_t max,
                  size_t *count) {
  if (!word || !count || (!offsets && max > 0)) return -1;
  *count = 0;
  if (!h || len > MAX_WORD_BYTES) return 0;
  uint32_t cps[MAX_CPS];
  size_t off[MAX_CPS + 1];
  size_t n = 0;
  for (size_t i = 0; i < len;) {
    uint32_t c;
    size_t k = oct_utf8_decode(word + i, len - i, &c);
    if (k == 0) return 0;
    if (is_digit(c)) return 0;
    off[n] = i;
    cps[n++] = c;
    i += k;
  }
  off[n] = len;
  size_t a = 0, b = n;
  while (a < b && is_punct(cps[a]))
    a++;
  while (b > a && is_punct(cps[b - 1]))
    b--;
  bool has_hyphen = false, has_shy = false;
  for (size_t i = a; i < b; i++) {
    if (is_hyphen(cps[i])) has_hyphen = true;
    if (cps[i] == SOFT_HYPHEN) has_shy = true;
  }
  if (has_shy) {
    /* The author's soft hyphens say exactly where the word may break, as
     * TeX's \- and LibreOffice treat them; patterns are not consulted. */
    for (size_t i = a; i + 1 < b; i++)
      if (cps[i] == SOFT_HYPHEN && i > a) add_point(off[i + 1], offsets, max, count);
    return 0;
  }
  if (has_hyphen) {
    /* An existing hyphen is the only place to break ("Japan-NATO"): a
     * second, inserted hyphen inside such a compound reads badly. Keep two
     * characters on each side. */
    for (size_t i = a + 2; i + 2 < b; i++)
      if (is_hyphen(cps[i]) && !is_hyphen(cps[i - 1]) && !is_hyphen(cps[i + 1]))
        add_point(off[i + 1], offsets, max, count);
    return 0;
  }
  /* Apostrophes, dashes and slashes split the word ("Ukraine’s",
   * "d’Artagnan", "peace—international", "and/or"): each part is hyphenated
   * on its own, so the patterns see real word ends. */
  size_t s = a;
  for (size_t i = a; i <= b; i++) {
    if (i == b || is_apostrophe(cps[i]) || is_separator(cps[i])) {
      hyphenate_segment(h, cps, off, s, i, offsets, max, count);
      s = i + 1;
    } else if (is_punct(cps[i])) {
      /* Anything else inside (a dot or colon of a URL, "e.g."): not a word. */
      *count = 0;
      return 0;
    }
  }
  return 0;
}

/* The memo (hyphen.h): open addressing over a power-of-two table of
 * entries, each pointing at its word's bytes followed by its points (one
 * byte each: a memoised word is at most MEMO_KEY_MAX bytes long, so every
 * offset fits) in one growing arena. */
#define MEMO_KEY_MAX 48
#define MEMO_MAX_WORDS 16384
#define MEMO_MAX_ARENA (1u << 20)
#define MEMO_FIRST_SLOTS 256

typedef struct memo_slot {
  uint32_t hash;
  uint32_t at; /* arena offset of the word; 0: empty slot (the arena starts with a dummy byte) */
  uint8_t len, npoints;
} memo_slot;

struct oct_hyph_memo {
  const oct_hyph *h;
  memo_slot *slots;
  size_t nslots, nwords;
  unsigned char *arena;
  size_t arena_len, arena_cap;
};

oct_hyph_memo *oct_hyph_memo_new(const oct_hyph *h) {
  oct_hyph_memo *m = oct_xcalloc(1, sizeof *m);
  m->h = h;
  return m;
}

void oct_hyph_memo_free(oct_hyph_memo *m) {
  if (!m) return;
  free(m->slots);
  free(m->arena);
  free(m);
}

/* FNV-1a: words are a few bytes long, so a simple byte hash is enough. */
static uint32_t memo_hash(const char *w, size_t len) {
  uint32_t x = 2166136261u;
  for (size_t i = 0; i < len; i++)
    x = (x ^ (unsigned char)w[i]) * 16777619u;
  return x;
}

static memo_slot *memo_find(const oct_hyph_memo *m, uint32_t hash, const char *w, size_t len) {
  size_t mask = m->nslots - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    memo_slot *s = &m->slots[i];
    if (s->at == 0 || (s->hash == hash && s->len == len && memcmp(m->arena + s->at, w, len) == 0))
      return s;
  }
}

/* Doubles the table (kept at most half full, so a probe ends soon). */
static void memo_grow(oct_hyph_memo *m) {
  size_t n = m->nslots ? m->nslots * 2 : MEMO_FIRST_SLOTS;
  memo_slot *old = m->slots;
  size_t nold = m->nslots;
  m->slots = oct_xcalloc(n, sizeof *m->slots);
  m->nslots = n;
  for (size_t i = 0; i < nold; i++)
    if (old[i].at)
      *memo_find(m, old[i].hash, (const char *)m->arena + old[i].at, old[i].len) = old[i];
  free(old);
}

int oct_hyph_memo_word(oct_hyph_memo *m, const char *word, size_t len, size_t *offsets, size_t max,
                       size_t *count) {
  if (!m || !word || !count || (!offsets && max > 0)) return -1;
  if (!m->h || len == 0 || len > MEMO_KEY_MAX)
    return oct_hyph_word(m->h, word, len, offsets, max, count);
  uint32_t hash = memo_hash(word, len);
  memo_slot *s = m->nslots ? memo_find(m, hash, word, len) : NULL;
  if (s && s->at) {
    const unsigned char *p = m->arena + s->at + len;
    *count = s->npoints < max ? s->npoints : max;
    for (size_t i = 0; i < *count; i++)
      offsets[i] = p[i];
    return 0;
  }
  /* Every point is a distinct offset inside the word, so MEMO_KEY_MAX
   * places hold them all, and the caller's first MAX are what
   * oct_hyph_word would have given it. */
  size_t all[MEMO_KEY_MAX], n = 0;
  oct_hyph_word(m->h, word, len, all, MEMO_KEY_MAX, &n);
  *count = n < max ? n : max;
  memcpy(offsets, all, *count * sizeof *all);
  if (m->nwords >= MEMO_MAX_WORDS || m->arena_len + 1 + len + n > MEMO_MAX_ARENA) return 0;
  if (m->arena_len == 0) m->arena_len = 1; /* offset 0 marks an empty slot */
  if (m->arena_len + len + n > m->arena_cap) {
    /* 4 KiB holds a short article's words; the cap above bounds the rest */
    size_t cap = m->arena_cap ? m->arena_cap * 2 : 4096;
    m->arena_cap = cap < MEMO_MAX_ARENA ? cap : MEMO_MAX_ARENA;
    m->arena = oct_xrealloc(m->arena, m->arena_cap);
  }
  if (2 * (m->nwords + 1) > m->nslots) memo_grow(m);
  s = memo_find(m, hash, word, len);
  *s = (memo_slot){hash, (uint32_t)m->arena_len, (uint8_t)len, (uint8_t)n};
  memcpy(m->arena + m->arena_len, word, len);
  for (size_t i = 0; i < n; i++)
    m->arena[m->arena_len + len + i] = (unsigned char)all[i];
  m->arena_len += len + n;
  m->nwords++;
  return 0;
}
