/* Smart punctuation: quotes, apostrophes, dashes, ellipses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "read/smart.h"

#define LDQ "\xE2\x80\x9C"
#define RDQ "\xE2\x80\x9D"
#define LSQ "\xE2\x80\x98"
#define RSQ "\xE2\x80\x99"
#define EN "\xE2\x80\x93"
#define EM "\xE2\x80\x94"
#define ELL "\xE2\x80\xA6"

static void check(const char *in, const char *want) {
  oct_smart s;
  oct_smart_init(&s);
  oct_buf out = OCT_BUF_INIT;
  oct_smart_run(&s, in, strlen(in), &out);
  if (strcmp(out.data ? out.data : "", want) != 0)
    fail_msg("smart(\"%s\")\n  got  \"%s\"\n  want \"%s\"", in, out.data, want);
  oct_buf_free(&out);
}

static void double_quotes(void **state) {
  (void)state;
  check("\"Hello,\" she said.", LDQ "Hello," RDQ " she said.");
  check("(\"quoted\")", "(" LDQ "quoted" RDQ ")");
  check("a \"b\" c \"d\"", "a " LDQ "b" RDQ " c " LDQ "d" RDQ);
  check("word\"", "word" RDQ);
  check("\xE2\x80\x94\"yes\"", EM LDQ "yes" RDQ);
}

static void apostrophes(void **state) {
  (void)state;
  check("don't", "don" RSQ "t");
  check("It's Japan's", "It" RSQ "s Japan" RSQ "s");
  check("the '90s", "the " RSQ "90s");
  check("rock 'n' roll", "rock " RSQ "n" RSQ " roll");
  check("'Tis the season", RSQ "Tis the season");
  check("'twas", RSQ "twas");
  check("the students' books", "the students" RSQ " books");
  check("O'Brien", "O" RSQ "Brien");
}

static void single_quotes(void **state) {
  (void)state;
  check("'hello'", LSQ "hello" RSQ);
  check("he said 'no.'", "he said " LSQ "no." RSQ);
  /* a word that merely starts like an elision is a quotation */
  check("'tisane'", LSQ "tisane" RSQ);
  check("give 'em hell", "give " RSQ "em hell");
}

static void nested_quotes(void **state) {
  (void)state;
  check("\"She said 'go' to me\"", LDQ "She said " LSQ "go" RSQ " to me" RDQ);
  check("\"'Tis so,' he said\"", LDQ RSQ "Tis so," RSQ " he said" RDQ);
  check("\"'Nested'\"", LDQ LSQ "Nested" RSQ RDQ);
}

static void dashes(void **state) {
  (void)state;
  check("1990--1995", "1990" EN "1995");
  check("pages 12--14", "pages 12" EN "14");
  check("wait--what", "wait" EM "what");
  check("wait -- what", "wait " EM " what");
  check("a---b", "a" EM "b");
  /* a command-line option keeps its two hyphens */
  check("run it with --port 8080", "run it with --port 8080");
  check("--dry-run first", "--dry-run first");
  check("then --suddenly-- it", "then " EM "suddenly" EM " it");
  check("x - y", "x - y"); /* a single hyphen is left alone */
  check("well-known", "well-known");
}

static void ellipsis(void **state) {
  (void)state;
  check("Wait...", "Wait" ELL);
  check("so... \"what\"", "so" ELL " " LDQ "what" RDQ);
  check("..", "..");
}

static void already_curly(void **state) {
  (void)state;
  const char *curly = LDQ "It" RSQ "s" RDQ " " LSQ "a" RSQ " \xE2\x80\x94 \xE2\x80\xA6";
  check(curly, curly);
  check("\xC2\xAB"
        "guillemets\xC2\xBB",
        "\xC2\xAB"
        "guillemets\xC2\xBB");
}

static void across_runs(void **state) {
  (void)state;
  /* a quotation opened in one run closes in the next */
  oct_smart s;
  oct_smart_init(&s);
  oct_buf out = OCT_BUF_INIT;
  oct_smart_run(&s, "He said \"", 9, &out);
  oct_smart_run(&s, "stop", 4, &out);
  oct_smart_run(&s, "\" twice.", 8, &out);
  assert_string_equal(out.data, "He said " LDQ "stop" RDQ " twice.");
  assert_int_equal(s.double_open, 0);
  oct_buf_free(&out);
}

static void invalid_bytes(void **state) {
  (void)state;
  /* never stalls or drops bytes on malformed input */
  check("\xFF\"x\xC3", "\xFF" RDQ "x\xC3");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(double_quotes), cmocka_unit_test(apostrophes),
      cmocka_unit_test(single_quotes), cmocka_unit_test(nested_quotes),
      cmocka_unit_test(dashes),        cmocka_unit_test(ellipsis),
      cmocka_unit_test(already_curly), cmocka_unit_test(across_runs),
      cmocka_unit_test(invalid_bytes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
