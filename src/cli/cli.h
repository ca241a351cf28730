/* Command-line state shared by the single-file and batch drivers. */
#ifndef OCTAVO_CLI_H
#define OCTAVO_CLI_H

#include <pthread.h>
#include <signal.h>
#include <stdbool.h>

#include "cli/convert.h"

enum { OCT_EXIT_OK = 0, OCT_EXIT_FAILED = 1, OCT_EXIT_USAGE = 2, OCT_EXIT_INTERRUPTED = 130 };

#define OCT_CLI_MAX_RESOURCE_DIRS 64

typedef struct oct_cli {
  oct_convert_options conv;
  const char *output;          /* -o */
  bool formats[OCT_OUT_COUNT]; /* -t, or from -o's extension */
  bool formats_given;          /* -t was used */
  bool verbose;
  int jobs;                  /* -j; 0 = number of online cores */
  bool force;                /* --force */
  const char *report;        /* --report FILE.json */
  unsigned shard_k, shard_n; /* --shard K/N; n = 0 when not sharding */
  /* --resource-path folders, NULL-terminated (conv.resource_dirs points here) */
  const char *resource_dirs[OCT_CLI_MAX_RESOURCE_DIRS + 1];
  char **inputs;
  int ninputs;
} oct_cli;

/* Prints "octavo: FILE: warning: MSG" unless quiet (USER is the oct_cli). */
void oct_cli_warn(void *user, const char *file, const char *msg);

/* signals.c: block SIGINT, SIGTERM, SIGHUP and SIGQUIT in this thread (and
 * the threads it starts); wait up to MS milliseconds for one (0 = none came);
 * restore the old mask, returning any signal still pending. */
void oct_cli_block_signals(sigset_t *set, sigset_t *old);
int oct_cli_wait_signal(const sigset_t *set, long ms);
int oct_cli_restore_signals(const sigset_t *set, const sigset_t *old);

/* The batch driver (batch.c): folders and several inputs. */
int oct_batch_run(const oct_cli *cli);

#endif
