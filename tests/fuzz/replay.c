/* main() for a harness built without libFuzzer (gcc, valgrind): runs each
 * file named, or every file in each folder named, through
 * LLVMFuzzerTestOneInput once, so the seeds and the reproducers of fixed
 * findings stay regression tests in every build. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int run_file(const char *path) {
  oct_error err;
  oct_error_init(&err, path);
  oct_buf data = OCT_BUF_INIT;
  if (oct_file_read(path, &data, &err) != 0) {
    fprintf(stderr, "replay: %s: %s\n", path, err.msg);
    return -1;
  }
  printf("replay: %s\n", path); /* names the input when the harness aborts */
  fflush(stdout);
  LLVMFuzzerTestOneInput((const uint8_t *)(data.data ? data.data : ""), data.len);
  oct_buf_free(&data);
  return 0;
}

int main(int argc, char **argv) {
  int n = 0;
  for (int i = 1; i < argc; i++) {
    struct stat st;
    if (stat(argv[i], &st) != 0) {
      fprintf(stderr, "replay: %s: cannot stat\n", argv[i]);
      return 1;
    }
    if (!S_ISDIR(st.st_mode)) {
      if (run_file(argv[i]) != 0) return 1;
      n++;
      continue;
    }
    struct dirent **names;
    int k = scandir(argv[i], &names, NULL, alphasort);
    if (k < 0) return 1;
    for (int j = 0; j < k; j++) {
      char *path = oct_xasprintf("%s/%s", argv[i], names[j]->d_name);
      if (names[j]->d_name[0] != '.' && stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
        if (run_file(path) != 0) return 1;
        n++;
      }
      free(path);
      free(names[j]);
    }
    free(names);
  }
  printf("replay: %d inputs\n", n);
  return n > 0 ? 0 : 1;
}
