/* The data files the writers say they read (oct_epub_data_files,
 * oct_pdf_data_files), which a batch watches to tell stale outputs: each is
 * in the repository's data folder (and so installed with it), and the PDF
 * list is exactly the faces the PDF writer loads.  tests/cli/test_batch.sh
 * checks that touching one of them rebuilds that format's outputs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* cmocka needs the headers above first. */
#include <cmocka.h>

#include "cli/convert.h"
#include "write/epub/epub.h"
#include "write/pdf/layout/fonts.h"

/* Each file of LIST is found under OCTAVO_DATA_DIR (the source tree here). */
static void check_shipped(const char *const *list) {
  const char *dir = getenv("OCTAVO_DATA_DIR");
  assert_non_null(dir);
  assert_non_null(list[0]);
  for (const char *const *rel = list; *rel; rel++) {
    char path[4096];
    if (oct_data_path(*rel, path, sizeof path) != 0 || strncmp(path, dir, strlen(dir)) != 0)
      fail_msg("%s is not in the data folder %s", *rel, dir);
  }
}

static void test_epub_files_shipped(void **state) {
  (void)state;
  check_shipped(oct_epub_data_files());
}

static void test_pdf_files_shipped(void **state) {
  (void)state;
  check_shipped(oct_pdf_data_files());
}

static void test_pdf_files_are_the_faces(void **state) {
  (void)state;
  const char *const *list = oct_pdf_data_files();
  size_t n = 0;
  while (list[n])
    n++;
  assert_int_equal(n, OCT_FACE_COUNT);
  for (int f = 0; f < OCT_FACE_COUNT; f++) {
    char rel[256];
    snprintf(rel, sizeof rel, "%s", oct_face_file((oct_face)f));
    bool listed = false;
    for (size_t i = 0; i < n; i++)
      listed |= strcmp(list[i], rel) == 0;
    if (!listed) fail_msg("the PDF face %s is not in oct_pdf_data_files()", rel);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_epub_files_shipped),
      cmocka_unit_test(test_pdf_files_shipped),
      cmocka_unit_test(test_pdf_files_are_the_faces),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
