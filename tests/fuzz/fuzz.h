/* Shared by the libFuzzer harnesses in tests/fuzz/ (see tests/fuzz.cmake):
 * one harness per stage, each reader and each writer. */
#ifndef OCTAVO_FUZZ_H
#define OCTAVO_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "tree/tree.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The tree the bytes describe in fuzz_tree.c's little language; never NULL. */
oct_node *fuzz_tree(const uint8_t *data, size_t size);

/* A scratch file for a writer's output, unique to this process: DIR/NAME-PID.EXT
 * (DIR is $TMPDIR or /tmp), removed when the process exits. */
void fuzz_scratch(char *out, size_t outsz, const char *name, const char *ext);

/* Stops the run with MSG: the harness found a bug that is not a crash. */
_Noreturn void fuzz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
