/* Hyphenation points from libhyphen with the installed pattern files. The
 * expected splits are the ones in Merriam-Webster / TeX's hyphenation of
 * US English, which the hyph_en_US patterns reproduce. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <hyphen.h>

#include "write/pdf/layout/hyphen.h"

#define MAXP 32

/* Writes WORD with '-' at every point into OUT, to compare with a string. */
static void split(const oct_hyph *h, const char *word, char *out, size_t outsz) {
  size_t off[MAXP], n = 99;
  assert_int_equal(oct_hyph_word(h, word, strlen(word), off, MAXP, &n), 0);
  assert_true(n <= MAXP);
  size_t pos = 0, o = 0;
  for (size_t i = 0; i < n; i++) {
    assert_true(off[i] > pos && off[i] < strlen(word)); /* ascending, inside */
    o += (size_t)snprintf(out + o, outsz - o, "%.*s-", (int)(off[i] - pos), word + pos);
    pos = off[i];
  }
  snprintf(out + o, outsz - o, "%s", word + pos);
}

static oct_hyph *english(void) {
  oct_error err;
  oct_error_init(&err, NULL);
  oct_hyph *h = oct_hyph_new("en", &err);
  assert_non_null(h);
  assert_string_equal(err.msg, "");
  return h;
}

#define assert_split(h, word, want)                                                                \
  do {                                                                                             \
    char got_[512];                                                                                \
    split((h), (word), got_, sizeof got_);                                                         \
    assert_string_equal(got_, (want));                                                             \
  } while (0)

static void known_english_words(void **state) {
  (void)state;
  oct_hyph *h = english();
  assert_split(h, "hyphenation", "hy-phen-ation");
  assert_split(h, "international", "in-ter-na-tional");
  assert_split(h, "cybersecurity", "cy-ber-se-cu-rity");
  assert_split(h, "development", "de-vel-op-ment");
  assert_split(h, "aggression", "ag-gres-sion");
  assert_split(h, "constitution", "con-sti-tu-tion");
  assert_split(h, "government", "gov-ern-ment");
  oct_hyph_free(h);
}

static void capitals_are_folded_but_acronyms_kept(void **state) {
  (void)state;
  oct_hyph *h = english();
  assert_split(h, "Hyphenation", "Hy-phen-ation");
  assert_split(h, "International", "In-ter-na-tional");
  /* All capitals: an acronym or shouting, left whole. */
  assert_split(h, "NATO", "NATO");
  assert_split(h, "INTERNATIONAL", "INTERNATIONAL");
  oct_hyph_free(h);
}

static void punctuation_and_quotes_are_stripped(void **state) {
  (void)state;
  oct_hyph *h = english();
  /* Curly quotes are 3 bytes each: the offsets must still be byte offsets
   * into the original word. */
  assert_split(h, "\u201ccybersecurity,\u201d", "\u201ccy-ber-se-cu-rity,\u201d");
  assert_split(h, "(international)", "(in-ter-na-tional)");
  assert_split(h, "hyphenation.", "hy-phen-ation.");
  /* A possessive: the stem is hyphenated as a word of its own and nothing
   * breaks inside or before the ’s. */
  assert_split(h, "government\u2019s", "gov-ern-ment\u2019s");
  assert_split(h, "government's", "gov-ern-ment's");
  char ukr[64], plain[64];
  split(h, "Ukraine\u2019s", ukr, sizeof ukr);
  split(h, "Ukraine", plain, sizeof plain);
  assert_int_equal(strncmp(ukr, plain, strlen(plain)), 0);
  assert_string_equal(ukr + strlen(plain), "\u2019s");
  oct_hyph_free(h);
}

static void short_words_digits_and_junk_get_none(void **state) {
  (void)state;
  oct_hyph *h = english();
  const char *none[] = {"the",
                        "data",
                        "Japan",
                        "a1234567",
                        "COVID19",
                        "2022",
                        "www.example.com",
                        "and/or",
                        "\xff\xfehyphenation"};
  for (size_t i = 0; i < sizeof none / sizeof *none; i++) {
    size_t off[MAXP], n = 99;
    assert_int_equal(oct_hyph_word(h, none[i], strlen(none[i]), off, MAXP, &n), 0);
    assert_int_equal(n, 0);
  }
  /* A word too long for libhyphen's buffers. */
  char longw[400];
  memset(longw, 'a', sizeof longw - 1);
  longw[sizeof longw - 1] = '\0';
  size_t off[MAXP], n = 99;
  assert_int_equal(oct_hyph_word(h, longw, strlen(longw), off, MAXP, &n), 0);
  assert_int_equal(n, 0);
  oct_hyph_free(h);
}

static void existing_hyphens_are_the_only_breaks(void **state) {
  (void)state;
  oct_hyph *h = english();
  assert_split(h, "Japan-NATO", "Japan--NATO"); /* point right after the hyphen */
  assert_split(h, "well-known", "well--known");
  assert_split(h, "peace-keeping", "peace--keeping"); /* no inserted hyphen in "keeping" */
  /* dashes and slashes: each part is a word of its own, no point at the dash */
  assert_split(h, "peace\u2014international", "peace\u2014in-ter-na-tional");
  assert_split(h, "hyphenation\u2013development", "hy-phen-ation\u2013de-vel-op-ment");
  assert_split(h, "government/international", "gov-ern-ment/in-ter-na-tional");
  assert_split(h, "x-ray", "x-ray");
  /* soft hyphens: the author's points only, right after each U+00AD */
  assert_split(h, "hy\u00adphenation", "hy\u00ad-phenation");
  assert_split(h, "inter\u00adnational", "inter\u00ad-national"); /* too short on one side */
  assert_split(h, "post\u2010war", "post\u2010-war");             /* U+2010 HYPHEN */
  assert_split(h, "post\u2011war", "post\u2011war");              /* U+2011 NON-BREAKING HYPHEN */
  oct_hyph_free(h);
}

/* libhyphen's vector is indexed by character for UTF-8 patterns, not by
 * byte: compare the byte offsets with the '=' marks libhyphen itself puts in
 * its hyphenated copy of the word, for words with 2-byte letters in them. */
static void offsets_are_bytes_of_utf8(void **state) {
  (void)state;
  oct_hyph *h = english();
  HyphenDict *d = hnj_hyphen_load(oct_hyph_file(h));
  assert_non_null(d);
  const char *words[] = {"m\u00e9tamorphosis", "pr\u00e9sidential",   "fa\u00e7ades",
                         "se\u00f1oritas",     "d\u00e9collet\u00e9", "cr\u00e8merie",
                         "\u00fcbermensch"};
  size_t with_points = 0;
  for (size_t k = 0; k < sizeof words / sizeof *words; k++) {
    const char *w = words[k];
    size_t len = strlen(w);
    char hy[64], hw[128];
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    assert_int_equal(hnj_hyphen_hyphenate3(d, w, (int)len, hy, hw, &rep, &pos, &cut, 2, 3, 2, 2),
                     0);
    /* byte offsets of the '=' marks, counted in the unmarked word */
    size_t want[MAXP], nw = 0;
    for (size_t i = 0, o = 0; hw[i]; i++) {
      if (hw[i] == '=')
        want[nw++] = o;
      else
        o++;
    }
    size_t got[MAXP], ng = 99;
    assert_int_equal(oct_hyph_word(h, w, len, got, MAXP, &ng), 0);
    assert_int_equal(ng, nw);
    for (size_t i = 0; i < ng; i++) {
      assert_int_equal(got[i], want[i]);
      /* never inside a 2-byte letter */
      assert_true(((unsigned char)w[got[i]] & 0xC0) != 0x80);
    }
    with_points += ng > 0;
  }
  assert_true(with_points >= 4);
  assert_split(h, "m\u00e9tamorphosis", "m\u00e9-ta-mor-pho-sis");
  /* decomposed accents: no point may separate a letter from its accent */
  /* (".out3" and ".under5" would put one right before the accent) */
  const char *decomposed[] = {"out\u0301aging", "under\u0301standing", "cybe\u0301rse\u0301curity"};
  for (size_t k = 0; k < 3; k++) {
    size_t pts[MAXP], np = 0;
    oct_hyph_word(h, decomposed[k], strlen(decomposed[k]), pts, MAXP, &np);
    for (size_t i = 0; i < np; i++)
      assert_false((unsigned char)decomposed[k][pts[i]] == 0xCC ||
                   (unsigned char)decomposed[k][pts[i]] == 0xCD);
  }
  /* a capital with an accent folds to the same points */
  char up[64], low[64];
  split(h, "\u00c9mancipation", up, sizeof up);
  split(h, "\u00e9mancipation", low, sizeof low);
  assert_string_equal(up + 2, low + 2);
  hnj_hyphen_free(d);
  oct_hyph_free(h);
}

static void max_limits_the_output(void **state) {
  (void)state;
  oct_hyph *h = english();
  size_t off[1], n = 0;
  assert_int_equal(oct_hyph_word(h, "hyphenation", 11, off, 1, &n), 0);
  assert_int_equal(n, 1);
  assert_int_equal(off[0], 2);
  /* LEN is honoured: only "hyphen" is seen, which has no point at 6 */
  size_t all[MAXP];
  assert_int_equal(oct_hyph_word(h, "hyphenation", 6, all, MAXP, &n), 0);
  for (size_t i = 0; i < n; i++)
    assert_true(all[i] < 6);
  /* a NULL dictionary means "do not hyphenate" */
  assert_int_equal(oct_hyph_word(NULL, "hyphenation", 11, all, MAXP, &n), 0);
  assert_int_equal(n, 0);
  assert_int_equal(oct_hyph_word(h, NULL, 0, all, MAXP, &n), -1);
  oct_hyph_free(h);
  oct_hyph_free(NULL);
}

static void languages_are_looked_up(void **state) {
  (void)state;
  oct_error err;
  oct_error_init(&err, NULL);
  const char *en[] = {NULL, "", "en", "EN", "en-US", "en_US", "en-GB", "en-Latn-US"};
  for (size_t i = 0; i < sizeof en / sizeof *en; i++) {
    oct_hyph *h = oct_hyph_new(en[i], &err);
    assert_non_null(h);
    assert_string_equal(err.msg, "");
    assert_non_null(strstr(oct_hyph_file(h), "/hyph_en"));
    oct_hyph_free(h);
  }
  /* en-GB takes British patterns when installed, US ones otherwise */
  oct_hyph *gb = oct_hyph_new("en-GB", &err);
  bool have_gb = access("/usr/share/hyphen/hyph_en_GB.dic", R_OK) == 0;
  assert_string_equal(oct_hyph_file(gb), have_gb ? "/usr/share/hyphen/hyph_en_GB.dic"
                                                 : "/usr/share/hyphen/hyph_en_US.dic");
  oct_hyph_free(gb);
  /* Unknown or hostile tags: NULL with an empty message = "do not hyphenate". */
  const char *unknown[] = {"xx", "tlh", "../../etc/passwd", "e", "en/../../x", "zz-ZZ"};
  for (size_t i = 0; i < sizeof unknown / sizeof *unknown; i++) {
    snprintf(err.msg, sizeof err.msg, "stale");
    assert_null(oct_hyph_new(unknown[i], &err));
    assert_string_equal(err.msg, "");
  }
}

static void cyrillic_when_installed(void **state) {
  (void)state;
  if (access("/usr/share/hyphen/hyph_ru_RU.dic", R_OK) != 0) skip();
  oct_error err;
  oct_error_init(&err, NULL);
  oct_hyph *h = oct_hyph_new("ru", &err);
  assert_non_null(h);
  size_t off[MAXP], n = 0, nl = 0, offl[MAXP];
  /* "Безопасность" (security) and its lowercase form split the same way */
  const char *up = "\u0411\u0435\u0437\u043e\u043f\u0430\u0441\u043d\u043e\u0441\u0442\u044c";
  const char *low = "\u0431\u0435\u0437\u043e\u043f\u0430\u0441\u043d\u043e\u0441\u0442\u044c";
  oct_hyph_word(h, up, strlen(up), off, MAXP, &n);
  oct_hyph_word(h, low, strlen(low), offl, MAXP, &nl);
  assert_true(n > 0);
  assert_int_equal(n, nl);
  for (size_t i = 0; i < n; i++) {
    assert_int_equal(off[i], offl[i]);
    assert_int_equal(off[i] % 2, 0); /* every Cyrillic letter is 2 bytes */
  }
  oct_hyph_free(h);
}

/* German patterns are ISO 8859-1 in Debian (hyphen-de, installed by the
 * set-up): words are recoded letter by letter, and the offsets that come
 * back are still bytes of the UTF-8 word ("Straßen|bahn": ß is 2 bytes). */
static void german_latin1_patterns(void **state) {
  (void)state;
  if (access("/usr/share/hyphen/hyph_de_DE.dic", R_OK) != 0) skip();
  oct_error err;
  oct_error_init(&err, NULL);
  oct_hyph *h = oct_hyph_new("de", &err);
  assert_non_null(h);
  size_t off[MAXP], n = 0;
  const char *w = "Stra\u00dfenbahnhaltestelle";
  oct_hyph_word(h, w, strlen(w), off, MAXP, &n);
  bool after_strassen = false;
  for (size_t i = 0; i < n; i++)
    if (off[i] == strlen("Stra\u00dfen")) after_strassen = true;
  assert_true(after_strassen);
  /* "Fahrplanänderungen": a break after the umlaut's word part is found */
  const char *u = "Fahrplan\u00e4nderungen";
  oct_hyph_word(h, u, strlen(u), off, MAXP, &n);
  assert_true(n >= 2);
  /* a letter outside ISO 8859-1 makes a word the patterns cannot know */
  const char *g = "Stra\u00dfenbahn\u0101";
  oct_hyph_word(h, g, strlen(g), off, MAXP, &n);
  assert_int_equal(n, 0);
  oct_hyph_free(h);
}

/* Case folding and 2-byte letters with patterns written here, so that the
 * Cyrillic, Greek and Latin Extended-A paths are tested whatever pattern
 * packages the machine has.  ".xy1" breaks after a word-initial "xy": the
 * break appears only if the capital was folded to the pattern's lowercase. */
static void folding_with_own_patterns(void **state) {
  (void)state;
  char dir[] = "/tmp/octavo-hyph-XXXXXX";
  assert_non_null(mkdtemp(dir));
  char path[64];
  snprintf(path, sizeof path, "%s/hyph_test.dic", dir);
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs("UTF-8\nLEFTHYPHENMIN 2\nRIGHTHYPHENMIN 2\n"
        ".\u0431\u04351\n\u04301\n\u043e1\n" /* .бе1 а1 о1 */
        ".\u03b1\u03bb1\n"                   /* .αλ1 */
        ".\u0105b1\n",                       /* .ąb1 */
        f);
  fclose(f);
  oct_error err;
  oct_error_init(&err, NULL);
  oct_hyph *h = oct_hyph_load(path, &err);
  assert_non_null(h);
  /* безопасность / Безопасность: бе-зо-па-сно-сть */
  assert_split(h, "\u0431\u0435\u0437\u043e\u043f\u0430\u0441\u043d\u043e\u0441\u0442\u044c",
               "\u0431\u0435-\u0437\u043e-\u043f\u0430-\u0441\u043d\u043e-\u0441\u0442\u044c");
  assert_split(h, "\u0411\u0435\u0437\u043e\u043f\u0430\u0441\u043d\u043e\u0441\u0442\u044c",
               "\u0411\u0435-\u0437\u043e-\u043f\u0430-\u0441\u043d\u043e-\u0441\u0442\u044c");
  /* in capitals: an acronym-like word, left whole */
  assert_split(h, "\u0411\u0415\u0417\u041e\u041f\u0410\u0421\u041d\u041e\u0421\u0422\u042c",
               "\u0411\u0415\u0417\u041e\u041f\u0410\u0421\u041d\u041e\u0421\u0422\u042c");
  /* Greek: Αλφάβητο -> Αλ-φάβητο */
  assert_split(h, "\u0391\u03bb\u03c6\u03ac\u03b2\u03b7\u03c4\u03bf",
               "\u0391\u03bb-\u03c6\u03ac\u03b2\u03b7\u03c4\u03bf");
  /* Latin Extended-A: Ąbcdefgh -> Ąb-cdefgh */
  assert_split(h, "\u0104bcdefgh", "\u0104b-cdefgh");
  oct_hyph_free(h);
  unlink(path);
  rmdir(dir);
  /* a missing or legacy-encoded file is an error, not "no patterns" */
  assert_null(oct_hyph_load("/nonexistent/hyph_xx.dic", &err));
  assert_string_not_equal(err.msg, "");
  snprintf(path, sizeof path, "%s", "/tmp/octavo-hyph-XXXXXX");
  assert_non_null(mkdtemp(path));
  char legacy[96];
  snprintf(legacy, sizeof legacy, "%s/hyph_l1.dic", path);
  f = fopen(legacy, "w");
  assert_non_null(f);
  fputs("ISO8859-2\na1\n", f); /* ISO 8859-1 is read (German); other 8-bit sets are not */
  fclose(f);
  err.msg[0] = '\0';
  assert_null(oct_hyph_load(legacy, &err));
  assert_non_null(strstr(err.msg, "not UTF-8"));
  unlink(legacy);
  rmdir(path);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(known_english_words),
      cmocka_unit_test(capitals_are_folded_but_acronyms_kept),
      cmocka_unit_test(punctuation_and_quotes_are_stripped),
      cmocka_unit_test(short_words_digits_and_junk_get_none),
      cmocka_unit_test(existing_hyphens_are_the_only_breaks),
      cmocka_unit_test(offsets_are_bytes_of_utf8),
      cmocka_unit_test(max_limits_the_output),
      cmocka_unit_test(languages_are_looked_up),
      cmocka_unit_test(cyrillic_when_installed),
      cmocka_unit_test(german_latin1_patterns),
      cmocka_unit_test(folding_with_own_patterns),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
