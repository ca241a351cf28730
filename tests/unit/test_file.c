/* Atomic writes and the cleanup of their leftovers (src/util/file.c):
 * temporaries within NAME_MAX, and oct_file_remove_stale_temps removing
 * exactly what a killed writer leaves, nothing a live writer holds, nothing
 * of anyone else's. */
#define _XOPEN_SOURCE 700 /* mkdtemp, symlink */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/util.h"

typedef struct fixture {
  char dir[64];
} fixture;

static int setup(void **state) {
  fixture *f = oct_xcalloc(1, sizeof *f);
  snprintf(f->dir, sizeof f->dir, "/tmp/octavo-file-XXXXXX");
  if (!mkdtemp(f->dir)) return -1;
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fixture *f = *state;
  DIR *d = opendir(f->dir);
  struct dirent *e;
  while (d && (e = readdir(d)) != NULL) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    char *p = oct_xasprintf("%s/%s", f->dir, e->d_name);
    if (unlink(p) != 0) rmdir(p);
    free(p);
  }
  if (d) closedir(d);
  rmdir(f->dir);
  free(f);
  return 0;
}

static int count_entries(const char *dir) {
  DIR *d = opendir(dir);
  int n = 0;
  struct dirent *e;
  while (d && (e = readdir(d)) != NULL)
    n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
  if (d) closedir(d);
  return n;
}

static char *put(const fixture *f, const char *name, const char *data) {
  char *p = oct_xasprintf("%s/%s", f->dir, name);
  int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  assert_true(fd >= 0);
  assert_int_equal(write(fd, data, strlen(data)), (ssize_t)strlen(data));
  close(fd);
  return p;
}

static void long_names_write(void **state) {
  fixture *f = *state;
  /* 251 bytes: ".NAME.tmp.XXXXXX" would be 263, past NAME_MAX (255) */
  char name[252];
  memset(name, 'n', 246);
  memcpy(name + 246, ".epub", 6);
  char *path = oct_xasprintf("%s/%s", f->dir, name);
  oct_error err;
  oct_error_init(&err, NULL);
  assert_int_equal(oct_file_write_atomic(path, "book", 4, &err), 0);
  struct stat st;
  assert_int_equal(stat(path, &st), 0);
  assert_int_equal(st.st_size, 4);
  assert_int_equal(count_entries(f->dir), 1); /* no temporary left */
  free(path);
}

static void stale_temps_go_others_stay(void **state) {
  fixture *f = *state;
  const char *const exts[] = {"epub", "pdf"};
  /* what a killed writer leaves */
  char *stale1 = put(f, ".a.epub.tmp.Ab12Cd", "half a book");
  char *stale2 = put(f, ".b c.pdf.tmp.000000", "%PDF-1.7 half");
  /* not ours */
  char *other[] = {put(f, ".a.json.tmp.Ab12Cd", "x"), put(f, "a.epub.tmp.Ab12Cd", "x"),
                   put(f, ".a.epub.tmp.Ab12C", "x"),  put(f, ".a.epub.tmp.Ab12C-", "x"),
                   put(f, ".epub.tmp.Ab12Cd", "x"),   put(f, ".a.epub.tmp.Ab12Cd.x", "x"),
                   put(f, "..a.epub.tmp.Ab1", "x"),   put(f, "notes.txt", "x")};
  /* a live writer's temporary: locked */
  char *live = put(f, ".live.epub.tmp.Lk12Lk", "being written");
  int lfd = open(live, O_RDONLY);
  assert_int_equal(flock(lfd, LOCK_EX), 0);
  /* just created, not yet locked: empty and young */
  char *young = put(f, ".young.pdf.tmp.Yy12Yy", "");
  /* empty but old: a writer killed before its first byte */
  char *old = put(f, ".old.pdf.tmp.Oo12Oo", "");
  struct timespec past[2] = {{time(NULL) - 600, 0}, {time(NULL) - 600, 0}};
  assert_int_equal(utimensat(AT_FDCWD, old, past, 0), 0);
  /* the right name on a link or a folder */
  char *link = oct_xasprintf("%s/.l.epub.tmp.Ln12Ln", f->dir);
  assert_int_equal(symlink(other[7], link), 0);
  char *folder = oct_xasprintf("%s/.d.epub.tmp.Dd12Dd", f->dir);
  assert_int_equal(mkdir(folder, 0755), 0);

  assert_int_equal(oct_file_remove_stale_temps(f->dir, exts, 2), 3);
  struct stat st;
  assert_int_not_equal(lstat(stale1, &st), 0);
  assert_int_not_equal(lstat(stale2, &st), 0);
  assert_int_not_equal(lstat(old, &st), 0);
  for (size_t i = 0; i < sizeof other / sizeof other[0]; i++) {
    assert_int_equal(lstat(other[i], &st), 0);
    free(other[i]);
  }
  assert_int_equal(lstat(live, &st), 0);
  assert_int_equal(lstat(young, &st), 0);
  assert_int_equal(lstat(link, &st), 0);
  assert_int_equal(lstat(folder, &st), 0);
  /* once its writer is gone, the live one is stale too */
  close(lfd);
  assert_int_equal(oct_file_remove_stale_temps(f->dir, exts, 2), 1);
  assert_int_not_equal(lstat(live, &st), 0);
  assert_int_equal(oct_file_remove_stale_temps("/nonexistent-octavo", exts, 2), -1);
  free(stale1);
  free(stale2);
  free(live);
  free(young);
  free(old);
  free(link);
  free(folder);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(long_names_write, setup, teardown),
      cmocka_unit_test_setup_teardown(stale_temps_go_others_stay, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
