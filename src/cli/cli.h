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
  bool follow_links; /* --follow-links: symbolic links may lead out of an input folder */
  bool digest;       /* --digest: every article into one book (digest.c) */
  bool digest_flow;  /* --digest-flow: PDF articles follow each other with a rule */
  bool sort_date;    /* --sort date: each part by the articles' dates */
  char **inputs;
  int ninputs;
  /* a list key given more than once (-M author=A -M author=B): "A; B",
   * which conv.meta points at; freed by main */
  char *meta_joined[OCT_META_COUNT];
} oct_cli;

/* Prints "octavo: FILE: warning: MSG" unless quiet (USER is the oct_cli). */
void oct_cli_warn(void *user, const char *file, const char *msg);

/* message.c: "octavo: FILE: LABEL: MSG" on stderr in one write, FILE and
 * MSG escaped (LABEL and FILE may be NULL). */
void oct_cli_say(const char *file, const char *label, const char *msg);
/* Appends S with control characters and bytes that are not UTF-8 written
 * as \n, \t, \r or \xHH, so that it stays on one line of a terminal. */
void oct_cli_escape(oct_buf *out, const char *s);
/* Appends S as valid UTF-8: each byte that starts no valid sequence becomes
 * U+FFFD (for the JSON report). */
void oct_cli_utf8(oct_buf *out, const char *s);

/* Single-file mode: SIGINT, SIGTERM, SIGHUP and SIGQUIT end octavo at once
 * with "octavo: interrupted" and exit 130.  Nothing partial can be left:
 * oct_file_write_atomic holds these signals back while its temporary file
 * exists. */
void oct_cli_exit_on_signals(void);

/* signals.c: block SIGINT, SIGTERM, SIGHUP and SIGQUIT in this thread (and
 * the threads it starts); wait up to MS milliseconds for one (0 = none came);
 * restore the old mask, returning any signal still pending. */
void oct_cli_block_signals(sigset_t *set, sigset_t *old);
int oct_cli_wait_signal(const sigset_t *set, long ms);
int oct_cli_restore_signals(const sigset_t *set, const sigset_t *old);

/* The batch driver (batch.c): folders and several inputs. */
int oct_batch_run(const oct_cli *cli);

/* What the batch's walk finds, one call each, in the walk's order: inputs
 * as given, each folder's files (sorted by name) before its subfolders. */
typedef enum oct_walk_kind { OCT_WALK_ARTICLE, OCT_WALK_SKIPPED, OCT_WALK_FAILED } oct_walk_kind;
typedef struct oct_walk_item {
  const char *path;   /* as found: the input joined with the names below it */
  int input;          /* which command-line input it came from */
  oct_walk_kind kind; /* an article, something passed over, or a folder that cannot be read */
  const char *note;   /* why it was skipped or failed */
  bool loud;          /* a skip worth a line on stderr */
} oct_walk_item;
/* Returns false to stop the walk. */
typedef bool (*oct_walk_fn)(void *user, const oct_walk_item *item);
/* Walks the inputs as the batch does (same folders, links and skips) on
 * the calling thread, handing each find to FN.  Returns 0, or -1 when FN
 * stopped it. */
int oct_batch_walk(const oct_cli *cli, oct_walk_fn fn, void *user);

/* The digest (digest.c): every article of the inputs in one EPUB and/or
 * one PDF (issue 13). */
int oct_digest_run(const oct_cli *cli);

#endif
