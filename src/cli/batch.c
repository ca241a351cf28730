/* Batch conversion: folders of articles in, a mirrored folder of outputs out.
 *
 * Threads: one walker streams the inputs into a small bounded queue (memory
 * stays flat however many files there are), N workers each convert whole
 * documents, and the main thread draws progress and waits for SIGINT/SIGTERM
 * with sigtimedwait (the signals are blocked everywhere, so no handler and
 * no global flag is needed).  On a signal the walker stops, each worker
 * finishes the document in hand (outputs are written to a temporary name and
 * renamed, so nothing partial is ever left) and the run ends with 130.
 *
 * One walker (walk_input) serves both the conversion and the count for the
 * progress line.  It enters each folder once (device and inode remembered,
 * so a bind mount or a followed link back up the tree cannot loop), follows
 * no symbolic link out of the input folder unless --follow-links, and never
 * opens anything but regular files: a FIFO would block a worker for good.
 * What it passes over (special files, dangling links, folders seen before)
 * is reported as skipped with its cause. */
/* realpath() is XSI */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "write/json/json.h"

/* The walker runs at most this many inputs ahead of the workers: enough to
 * keep 2-16 workers busy while it reads the next folder, and memory stays
 * flat for a million inputs. */
#define QUEUE_SIZE 64

typedef enum status {
  ST_CONVERTED,
  ST_FAILED,
  ST_SKIPPED,
  ST_UPTODATE,
  ST_CONFLICT,
  ST_COUNT
} status;

static const char *const status_names[ST_COUNT] = {"converted", "failed", "skipped", "up to date",
                                                   "conflict"};

typedef struct job {
  char *path;     /* the input as found */
  char *out_stem; /* output path without extension */
  status preset;  /* ST_SKIPPED / ST_CONFLICT decided by the walker, else ST_CONVERTED */
  char *note;     /* message for a preset status */
  bool loud;      /* a skip worth a line on stderr (a FIFO, a dangling link), not just a
                     file of another kind */
} job;

typedef struct batch {
  const oct_cli *cli;
  const oct_convert_options *conv; /* cli->conv plus the shared caches */
  /* Outputs of format F older than newest[F] are stale: see tool_time, and
   * the record of the options (options_time). */
  struct timespec newest[OCT_OUT_COUNT];
  bool tty;
  bool *input_is_dir; /* per command-line input */
  int input_dirs;     /* how many inputs are folders */
  int *input_clash;   /* per input file: the earlier input with the same stem, or -1 */

  pthread_mutex_t lock;
  pthread_cond_t not_empty, not_full;
  job *queue[QUEUE_SIZE];
  size_t head, count;
  bool walk_done;

  atomic_bool stop;
  atomic_int running_workers;

  /* guarded by lock */
  unsigned long found, done, counts[ST_COUNT];
  unsigned long expected; /* inputs in all, from the counting walk */
  bool counted;           /* expected is final */
  FILE *report;
  bool report_first;
  bool line_drawn;   /* a progress line is on screen and must be cleared first */
  char *not_article; /* the note of a file that is not an article */

  /* oct_batch_walk: what the walk finds goes to COLLECT instead of the queue */
  oct_walk_fn collect;
  void *collect_user;
} batch;

/* An article is a file whose name ends in one of the readers' extensions. */
static bool is_article(const char *name) {
  for (const oct_input_extension *e = oct_input_extensions(); e->ext; e++) {
    size_t n = strlen(name), k = strlen(e->ext);
    if (n > k && name[n - k - 1] == '.' && strcasecmp(name + n - k, e->ext) == 0) return true;
  }
  return false;
}

/* "not an article (.txt, .md, ...)": what a skipped file is told. */
static char *not_article_note(void) {
  oct_buf b = OCT_BUF_INIT;
  OCT_BUF_LIT(&b, "not an article (");
  for (const oct_input_extension *e = oct_input_extensions(); e->ext; e++)
    oct_buf_printf(&b, "%s.%s", e == oct_input_extensions() ? "" : ", ", e->ext);
  oct_buf_putc(&b, ')');
  return oct_buf_detach(&b);
}

/* FNV-1a: tiny, stable across machines and versions, good enough to spread
 * paths over shards; the shard of a file must never change between runs. */
static uint64_t path_hash(const char *s) {
  uint64_t h = 1469598103934665603ull;
  for (; *s; s++) {
    h ^= (unsigned char)*s;
    h *= 1099511628211ull;
  }
  return h;
}

static bool in_my_shard(const batch *b, const char *rel) {
  if (!b->cli->shard_n) return true;
  return path_hash(rel) % b->cli->shard_n == b->cli->shard_k - 1;
}

static bool ts_newer_or_equal(struct timespec a, struct timespec b) {
  return a.tv_sec > b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec >= b.tv_nsec);
}

static void ts_max(struct timespec *acc, const char *path) {
  struct stat st;
  if (path && stat(path, &st) == 0 && !ts_newer_or_equal(*acc, st.st_mtim)) *acc = st.st_mtim;
}

/* The newest of what outputs of format F are made with besides the input:
 * octavo itself, the data files its writer reads (a new release changes
 * them), and for EPUBs the --css and --cover files. */
static struct timespec tool_time(const oct_cli *cli, oct_output_format f) {
  char path[4096];
  struct timespec t = {0, 0};
  ts_max(&t, "/proc/self/exe");
  for (const char *const *rel = oct_output_data_files(f); *rel; rel++)
    if (oct_data_path(*rel, path, sizeof path) == 0) ts_max(&t, path);
  if (f == OCT_OUT_EPUB) {
    ts_max(&t, cli->conv.css_path);
    ts_max(&t, cli->conv.cover_path);
  }
  return t;
}

/* The options an output folder's outputs were made with: one small file per
 * format in the output folder, OUT/.octavo-FORMAT.options, holding the
 * options that change that format (oct_convert_fingerprint), rewritten only
 * when they change.  Its modification time, on the file system's own clock
 * like the outputs', then says from when outputs count as made with these
 * options: a rerun with --paper letter finds every PDF older than the file,
 * including those of an earlier run that was interrupted, and rebuilds it;
 * EPUBs keep theirs.  Returns 0, or -1 with a message printed. */
static int options_time(const oct_cli *cli, oct_output_format f, struct timespec *newest) {
  static const char head[] = "# octavo: outputs here older than this file were made with "
                             "other options and will be rebuilt\n";
  oct_buf want = OCT_BUF_INIT, have = OCT_BUF_INIT;
  OCT_BUF_LIT(&want, head);
  oct_convert_fingerprint(&cli->conv, f, &want);
  char *path = oct_xasprintf("%s/.octavo-%s.options", cli->output, oct_output_ext(f));
  oct_error err;
  oct_error_init(&err, path);
  int rc = 0;
  bool same = oct_file_read(path, &have, &err) == 0 && have.len == want.len &&
              memcmp(have.data, want.data, want.len) == 0;
  struct stat st;
  if (!same && oct_file_write_atomic(path, want.data, want.len, &err) != 0) {
    oct_cli_say(path, NULL, err.msg);
    rc = -1;
  } else if (stat(path, &st) != 0) {
    oct_cli_say(path, NULL, strerror(errno));
    rc = -1;
  } else if (!same) {
    /* Changed now: every output there is older than these options, even
     * one whose time is the file's own (file times are kernel ticks of 4
     * to 10 ms, and a rerun can start within one of the last write). */
    newest->tv_sec = (time_t)1 << 62; /* later than any file */
    newest->tv_nsec = 0;
  } else if (!ts_newer_or_equal(*newest, st.st_mtim)) {
    *newest = st.st_mtim;
  }
  free(path);
  oct_buf_free(&want);
  oct_buf_free(&have);
  return rc;
}

/* ---- queue */

static job *job_new(const char *path, char *out_stem) {
  job *j = oct_xcalloc(1, sizeof *j);
  j->path = oct_xstrdup(path);
  j->out_stem = out_stem;
  j->preset = ST_CONVERTED;
  return j;
}

static void job_free(job *j) {
  if (!j) return;
  free(j->path);
  free(j->out_stem);
  free(j->note);
  free(j);
}

static bool push(batch *b, job *j) {
  pthread_mutex_lock(&b->lock);
  while (b->count == QUEUE_SIZE && !atomic_load(&b->stop))
    pthread_cond_wait(&b->not_full, &b->lock);
  bool ok = !atomic_load(&b->stop);
  if (ok) {
    b->queue[(b->head + b->count) % QUEUE_SIZE] = j;
    b->count++;
    b->found++;
    pthread_cond_signal(&b->not_empty);
  }
  pthread_mutex_unlock(&b->lock);
  if (!ok) job_free(j);
  return ok;
}

static job *pop(batch *b) {
  pthread_mutex_lock(&b->lock);
  while (b->count == 0 && !b->walk_done && !atomic_load(&b->stop))
    pthread_cond_wait(&b->not_empty, &b->lock);
  job *j = NULL;
  if (b->count && !atomic_load(&b->stop)) {
    j = b->queue[b->head];
    b->head = (b->head + 1) % QUEUE_SIZE;
    b->count--;
    pthread_cond_signal(&b->not_full);
  }
  pthread_mutex_unlock(&b->lock);
  return j;
}

/* ---- output while a progress line may be on screen (lock held) */

static void clear_line(batch *b) {
  if (b->line_drawn) fputs("\r\033[K", stderr);
  b->line_drawn = false;
}

static void batch_warn(void *user, const char *file, const char *msg) {
  batch *b = user;
  if (!b->cli->verbose) return; /* a batch prints failures, not warnings, unless -v */
  pthread_mutex_lock(&b->lock);
  clear_line(b);
  oct_cli_say(file, "warning", msg);
  pthread_mutex_unlock(&b->lock);
}

/* A string in the report, as valid UTF-8 (a file name need not be). */
static void put_json_string(FILE *f, const char *s) {
  oct_buf clean = OCT_BUF_INIT, b = OCT_BUF_INIT;
  oct_cli_utf8(&clean, s);
  oct_json_put_string(&b, clean.data ? clean.data : "");
  fwrite(b.data, 1, b.len, f);
  oct_buf_free(&b);
  oct_buf_free(&clean);
}

/* OUTPUTS[f]: the output of format f exists and is listed in the report. */
static void record(batch *b, const job *j, status st, const char *msg, const bool *outputs,
                   double ms) {
  pthread_mutex_lock(&b->lock);
  b->done++;
  b->counts[st]++;
  if ((st == ST_FAILED || st == ST_CONFLICT) && msg) {
    clear_line(b);
    oct_cli_say(j->path, NULL, msg);
  } else if (st == ST_SKIPPED && j->loud && !b->cli->conv.quiet) {
    clear_line(b);
    oct_cli_say(j->path, "skipped", msg);
  } else if (b->cli->verbose && st == ST_CONVERTED) {
    clear_line(b);
    char *what = oct_xasprintf("-> %s.*", j->out_stem);
    oct_cli_say(j->path, NULL, what);
    free(what);
  }
  if (b->report) {
    fputs(b->report_first ? "\n  {\"path\": " : ",\n  {\"path\": ", b->report);
    b->report_first = false;
    put_json_string(b->report, j->path);
    fputs(", \"outputs\": [", b->report);
    bool first = true;
    for (int f = 0; outputs && f < OCT_OUT_COUNT; f++) {
      if (!outputs[f]) continue;
      if (!first) fputs(", ", b->report);
      first = false;
      char *p = oct_xasprintf("%s.%s", j->out_stem, oct_output_ext(f));
      put_json_string(b->report, p);
      free(p);
    }
    fputs("], \"status\": ", b->report);
    put_json_string(b->report, status_names[st]);
    fputs(", \"message\": ", b->report);
    if (msg)
      put_json_string(b->report, msg);
    else
      fputs("null", b->report);
    fprintf(b->report, ", \"milliseconds\": %.1f}", ms);
  }
  pthread_mutex_unlock(&b->lock);
}

/* ---- walking */

static char *join(const char *a, const char *b) {
  if (!*a) return oct_xstrdup(b);
  return oct_xasprintf("%s%s%s", a, a[strlen(a) - 1] == '/' ? "" : "/", b);
}

static char *stem_of(const char *rel) {
  const char *slash = strrchr(rel, '/');
  const char *dot = strrchr(slash ? slash + 1 : rel, '.');
  return dot ? oct_xstrndup(rel, (size_t)(dot - rel)) : oct_xstrdup(rel);
}

static const char *base_of(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

typedef struct sibling {
  char *stem;
  int index;
} sibling;

static int sibling_cmp(const void *a, const void *b) {
  const sibling *x = a, *y = b;
  int c = strcmp(x->stem, y->stem);
  return c ? c : x->index - y->index;
}

/* Names that would write the same outputs (a.txt beside a.md, both wanting
 * a.epub), found by sorting the stems: O(n log n).  NAMES[i] is NULL for
 * entries that take no part.  CLASH[i] receives the index of the entry i
 * collides with, or -1.  With FIRST_WINS (the command line), each later
 * entry of a group points at the first, which is not a conflict itself;
 * without (siblings in a folder), every entry of a group is one. */
static void find_clashes(const char *const *names, int n, int *clash, bool first_wins) {
  sibling *sib = oct_xmalloc((size_t)(n ? n : 1) * sizeof *sib);
  int m = 0;
  for (int i = 0; i < n; i++) {
    clash[i] = -1;
    if (names[i]) sib[m++] = (sibling){stem_of(names[i]), i};
  }
  qsort(sib, (size_t)m, sizeof *sib, sibling_cmp);
  for (int i = 0, g = 0; i < m; i++) {
    if (i > 0 && strcmp(sib[i].stem, sib[g].stem) != 0) g = i;
    if (first_wins) {
      if (i > g) clash[sib[i].index] = sib[g].index;
    } else if (i + 1 < m && strcmp(sib[i].stem, sib[i + 1].stem) == 0) {
      if (clash[sib[i].index] < 0) clash[sib[i].index] = sib[i + 1].index;
      clash[sib[i + 1].index] = sib[i].index;
    }
  }
  for (int i = 0; i < m; i++)
    free(sib[i].stem);
  free(sib);
}

/* Folders entered, by device and inode: an open-addressing hash set. */
typedef struct dirid {
  dev_t dev;
  ino_t ino;
  bool used;
} dirid;

/* A folder still to walk, and where its outputs go under -o. */
typedef struct pending {
  char *dir;
  char *rel;
} pending;

typedef struct walk {
  batch *b;
  int input;           /* the command-line input being walked */
  bool counting;       /* count the records (for the progress line) instead of queueing them */
  unsigned long count; /* records counted */
  char *root_real;     /* the input folder resolved: links may not lead out of it */
  dirid *seen;
  size_t n_seen, cap_seen; /* cap_seen is a power of two */
  pending *todo;           /* folders still to walk, a stack */
  size_t n_todo, cap_todo;
} walk;

static size_t dirid_hash(dev_t dev, ino_t ino, size_t cap) {
  uint64_t h = (uint64_t)ino * 0x9E3779B97F4A7C15ull ^ (uint64_t)dev;
  return (size_t)(h ^ (h >> 29)) & (cap - 1);
}

/* Adds the folder; false when it was there already.  The table is kept at
 * most half full, so a probe finds a free slot within a few steps; it is
 * rebuilt at twice the size (a hash set cannot just be reallocated like the
 * arrays that grow with OCT_GROW). */
static bool seen_add(walk *w, dev_t dev, ino_t ino) {
  if (2 * (w->n_seen + 1) > w->cap_seen) {
    size_t old_cap = w->cap_seen;
    dirid *old = w->seen;
    w->cap_seen = old_cap ? 2 * old_cap : 64;
    w->seen = oct_xcalloc(w->cap_seen, sizeof *w->seen);
    for (size_t i = 0; i < old_cap; i++)
      if (old[i].used) {
        size_t k = dirid_hash(old[i].dev, old[i].ino, w->cap_seen);
        while (w->seen[k].used)
          k = (k + 1) & (w->cap_seen - 1);
        w->seen[k] = old[i];
      }
    free(old);
  }
  size_t k = dirid_hash(dev, ino, w->cap_seen);
  for (; w->seen[k].used; k = (k + 1) & (w->cap_seen - 1))
    if (w->seen[k].dev == dev && w->seen[k].ino == ino) return false;
  w->seen[k] = (dirid){dev, ino, true};
  w->n_seen++;
  return true;
}

static bool emit(walk *w, job *j) {
  if (w->b->collect) {
    /* a name conflict only matters to outputs of their own */
    oct_walk_item it = {j->path, w->input,
                        j->preset == ST_CONVERTED || j->preset == ST_CONFLICT ? OCT_WALK_ARTICLE
                        : j->preset == ST_FAILED                              ? OCT_WALK_FAILED
                                                                              : OCT_WALK_SKIPPED,
                        j->note, j->loud};
    bool go = w->b->collect(w->b->collect_user, &it);
    job_free(j);
    return go;
  }
  if (!w->counting) return push(w->b, j);
  job_free(j);
  w->count++;
  return !atomic_load(&w->b->stop);
}

static job *skip_job(const char *path, bool loud, char *note) {
  job *j = job_new(path, oct_xstrdup(""));
  j->preset = ST_SKIPPED;
  j->loud = loud;
  j->note = note;
  return j;
}

static const char *kind_name(mode_t m) {
  if (S_ISFIFO(m)) return "a FIFO";
  if (S_ISSOCK(m)) return "a socket";
  if (S_ISCHR(m)) return "a character device";
  if (S_ISBLK(m)) return "a block device";
  return "not a regular file";
}

/* Whether PATH, resolved, lies in the input folder. */
static bool inside(const walk *w, const char *path) {
  if (!w->root_real) return false;
  char *real = realpath(path, NULL);
  size_t n = strlen(w->root_real);
  bool in = real && strncmp(real, w->root_real, n) == 0 &&
            (real[n] == '/' || real[n] == '\0' || (n == 1 && w->root_real[0] == '/'));
  free(real);
  return in;
}

typedef enum kind { K_NONE, K_SKIP, K_FILE, K_DIR } kind; /* K_NONE: hidden, or walked */

/* What an entry of a folder is, following a symbolic link only where
 * allowed; for K_SKIP, *WHY receives the cause. */
static kind classify(const walk *w, const char *path, struct stat *st, char **why) {
  if (lstat(path, st) != 0) {
    *why = oct_xasprintf("cannot read: %s", strerror(errno));
    return K_SKIP;
  }
  if (S_ISLNK(st->st_mode)) {
    if (stat(path, st) != 0) {
      *why = oct_xstrdup(errno == ELOOP ? "symbolic link loop"
                                        : "dangling symbolic link (its target does not exist)");
      return K_SKIP;
    }
    if (!w->b->cli->follow_links) {
      if (S_ISDIR(st->st_mode)) {
        *why = oct_xstrdup("symbolic link to a folder, not followed (see --follow-links)");
        return K_SKIP;
      }
      if (!inside(w, path)) {
        *why = oct_xstrdup("symbolic link leading out of the input folder (see --follow-links)");
        return K_SKIP;
      }
    }
  }
  if (S_ISDIR(st->st_mode)) return K_DIR;
  if (S_ISREG(st->st_mode)) return K_FILE;
  *why = oct_xasprintf("%s, not a regular file", kind_name(st->st_mode));
  return K_SKIP;
}

/* Where a folder's contents land under -o: at its root when it is the only
 * folder given; under its own name when there are several, so two folders
 * holding politics/001.txt never write the same output. */
static char *root_rel(const batch *b, const char *root) {
  if (b->input_dirs < 2) return oct_xstrdup("");
  size_t n = strlen(root);
  while (n > 1 && root[n - 1] == '/')
    n--;
  const char *start = root + n;
  while (start > root && start[-1] != '/')
    start--;
  if (start == root + n || (n - (size_t)(start - root) == 1 && *start == '.'))
    return oct_xstrdup(""); /* "/" or "." */
  return oct_xstrndup(start, n - (size_t)(start - root));
}

/* Temporaries a killed octavo left in an output folder (see
 * oct_file_remove_stale_temps): the outputs' patterns only, and in the
 * output root also the options record's (options_time). */
static void clean_folder(batch *b, const char *dir, bool root) {
  static const char *const exts[] = {"epub", "pdf", "json", "options"};
  int n = oct_file_remove_stale_temps(dir, exts, root ? 4 : 3);
  if (n > 0 && b->cli->verbose) {
    char *msg = oct_xasprintf("removed %d temporary file%s left by an interrupted run", n,
                              n > 1 ? "s" : "");
    pthread_mutex_lock(&b->lock);
    clear_line(b);
    oct_cli_say(dir, NULL, msg);
    pthread_mutex_unlock(&b->lock);
    free(msg);
  }
}

/* What one folder holds, entry by entry (each array parallel to ENTS). */
typedef struct listing {
  struct dirent **ents;
  int n;
  kind *kinds;
  char **why;            /* K_SKIP: the cause */
  const char **articles; /* the names of articles, NULL for other entries */
  int *clash;            /* find_clashes over ARTICLES */
} listing;

static void listing_free(listing *l) {
  for (int i = 0; i < l->n; i++) {
    free(l->why[i]);
    free(l->ents[i]);
  }
  free(l->ents);
  free(l->kinds);
  free(l->why);
  free(l->articles);
  free(l->clash);
}

/* Sorts each entry of AT into L: what to skip and why, articles, and
 * subfolders, which are pushed on the walk's to-do stack (each folder is
 * entered once, see seen_add). */
static void sort_entries(walk *w, const pending *at, listing *l) {
  size_t slots = (size_t)(l->n ? l->n : 1);
  l->kinds = oct_xcalloc(slots, sizeof *l->kinds);
  l->why = oct_xcalloc(slots, sizeof *l->why);
  l->articles = oct_xcalloc(slots, sizeof *l->articles);
  l->clash = oct_xmalloc(slots * sizeof *l->clash);
  for (int i = 0; i < l->n; i++) {
    const char *name = l->ents[i]->d_name;
    if (name[0] == '.') continue;
    char *path = join(at->dir, name);
    struct stat st;
    l->kinds[i] = classify(w, path, &st, &l->why[i]);
    if (l->kinds[i] == K_FILE && is_article(name)) l->articles[i] = name;
    if (l->kinds[i] == K_DIR) {
      if (seen_add(w, st.st_dev, st.st_ino)) {
        OCT_GROW(w->todo, w->n_todo, w->cap_todo);
        w->todo[w->n_todo++] = (pending){oct_xstrdup(path), join(at->rel, name)};
        l->kinds[i] = K_NONE;
      } else {
        l->kinds[i] = K_SKIP;
        l->why[i] = oct_xstrdup("folder already visited through another path (a loop)");
      }
    }
    free(path);
  }
  find_clashes(l->articles, l->n, l->clash, false);
}

/* The record of entry I of L, in the folder AT. */
static job *entry_job(const batch *b, const pending *at, listing *l, int i, const char *relpath) {
  const char *name = l->ents[i]->d_name;
  char *path = join(at->dir, name);
  job *j;
  if (l->kinds[i] == K_SKIP) {
    j = skip_job(path, true, l->why[i]);
    l->why[i] = NULL;
  } else {
    char *out = join(b->cli->output, relpath);
    j = job_new(path, stem_of(out));
    free(out);
    if (!l->articles[i]) {
      j->preset = ST_SKIPPED;
      j->note = oct_xstrdup(b->not_article);
    } else if (l->clash[i] >= 0) {
      j->preset = ST_CONFLICT;
      j->note = oct_xasprintf("conflict: %s and %s would both write %s.*", name,
                              l->ents[l->clash[i]]->d_name, j->out_stem);
    }
  }
  free(path);
  return j;
}

/* One folder: its files (and what is skipped) become records in sorted
 * order; its subfolders go on the to-do stack, to be visited in sorted
 * order after it.  False when the run is stopping. */
static bool walk_folder(walk *w, const pending *at) {
  batch *b = w->b;
  listing l = {0};
  l.n = scandir(at->dir, &l.ents, NULL, alphasort);
  if (l.n < 0) {
    job *j = job_new(at->dir, oct_xstrdup(""));
    j->preset = ST_FAILED;
    j->note = oct_xasprintf("cannot read folder: %s", strerror(errno));
    return emit(w, j);
  }
  if (!w->counting && !b->collect && *at->rel) {
    char *out = join(b->cli->output, at->rel);
    clean_folder(b, out, false);
    free(out);
  }
  size_t first_sub = w->n_todo;
  sort_entries(w, at, &l);
  /* The stack pops the last pushed first: reverse the subfolders so that
   * they come off it in sorted order. */
  for (size_t i = first_sub, k = w->n_todo; i + 1 < k; i++, k--) {
    pending t = w->todo[i];
    w->todo[i] = w->todo[k - 1];
    w->todo[k - 1] = t;
  }
  bool go = true;
  for (int i = 0; i < l.n && go; i++) {
    if (l.kinds[i] == K_NONE) continue;
    char *relpath = join(at->rel, l.ents[i]->d_name);
    if (in_my_shard(b, relpath)) go = emit(w, entry_job(b, at, &l, i, relpath));
    free(relpath);
  }
  listing_free(&l);
  return go;
}

/* Depth-first with an explicit stack of pending folders: deep trees cannot
 * overflow the C stack. */
static void walk_tree(walk *w, const char *root) {
  batch *b = w->b;
  struct stat st;
  w->root_real = realpath(root, NULL);
  if (stat(root, &st) == 0) seen_add(w, st.st_dev, st.st_ino);
  OCT_GROW(w->todo, w->n_todo, w->cap_todo);
  w->todo[w->n_todo++] = (pending){oct_xstrdup(root), root_rel(b, root)};
  bool go = true;
  while (w->n_todo && go && !atomic_load(&b->stop)) {
    pending at = w->todo[--w->n_todo];
    go = walk_folder(w, &at);
    free(at.dir);
    free(at.rel);
  }
  while (w->n_todo) {
    pending *left = &w->todo[--w->n_todo];
    free(left->dir);
    free(left->rel);
  }
  free(w->todo);
  w->todo = NULL;
  w->cap_todo = 0;
  free(w->root_real);
  w->root_real = NULL;
  free(w->seen);
  w->seen = NULL;
  w->n_seen = w->cap_seen = 0;
}

/* Input I of the command line: a folder is walked; a file named there goes
 * straight into the output folder (the user asked for it: its links are
 * followed, its extension is not checked). */
static bool walk_input(walk *w, int i) {
  batch *b = w->b;
  w->input = i;
  const char *in = b->cli->inputs[i];
  if (b->input_is_dir[i]) {
    walk_tree(w, in);
    return !atomic_load(&b->stop);
  }
  const char *base = base_of(in);
  if (!in_my_shard(b, base)) return true;
  struct stat st;
  if (stat(in, &st) == 0 && !S_ISREG(st.st_mode))
    return emit(w,
                skip_job(in, true, oct_xasprintf("%s, not a regular file", kind_name(st.st_mode))));
  char *stem = stem_of(base);
  job *j = job_new(in, join(b->cli->output, stem));
  free(stem);
  int k = b->input_clash[i];
  if (k >= 0) {
    j->preset = ST_CONFLICT;
    j->note = oct_xasprintf("conflict: %s would overwrite the output of %s", in, b->cli->inputs[k]);
  }
  return emit(w, j);
}

/* The progress line wants a total before the conversion walk (which runs
 * only a queue's length ahead of the workers) has seen everything, so the
 * same walk runs a second time on its own thread and only counts: names and
 * stat, no reading, no queue.  Only the terminal's progress line uses it. */
static void *counter(void *arg) {
  batch *b = arg;
  walk w = {.b = b, .counting = true};
  for (int i = 0; i < b->cli->ninputs && walk_input(&w, i); i++)
    ;
  pthread_mutex_lock(&b->lock);
  b->expected = w.count;
  b->counted = true;
  pthread_mutex_unlock(&b->lock);
  return NULL;
}

static void *walker(void *arg) {
  batch *b = arg;
  walk w = {.b = b};
  for (int i = 0; i < b->cli->ninputs && walk_input(&w, i); i++)
    ;
  pthread_mutex_lock(&b->lock);
  b->walk_done = true;
  pthread_cond_broadcast(&b->not_empty);
  pthread_mutex_unlock(&b->lock);
  return NULL;
}

/* Once per run: which inputs are folders, and which input files would
 * overwrite an earlier one's outputs (sorted, not pairwise: `octavo *.txt`
 * may name a hundred thousand). */
static void scan_inputs(batch *b) {
  const oct_cli *cli = b->cli;
  int n = cli->ninputs;
  b->input_is_dir = oct_xcalloc((size_t)n, sizeof *b->input_is_dir);
  b->input_clash = oct_xmalloc((size_t)n * sizeof *b->input_clash);
  const char **names = oct_xcalloc((size_t)n, sizeof *names);
  for (int i = 0; i < n; i++) {
    struct stat st;
    b->input_is_dir[i] = stat(cli->inputs[i], &st) == 0 && S_ISDIR(st.st_mode);
    if (b->input_is_dir[i])
      b->input_dirs++;
    else
      names[i] = base_of(cli->inputs[i]);
  }
  find_clashes(names, n, b->input_clash, true);
  free(names);
}

/* ---- working */

static int make_parents(const char *path) {
  char *p = oct_xstrdup(path);
  for (char *s = p + 1; *s; s++) {
    if (*s != '/') continue;
    *s = '\0';
    if (mkdir(p, 0777) != 0 && errno != EEXIST) {
      free(p);
      return -1;
    }
    *s = '/';
  }
  free(p);
  return 0;
}

static double ms_since(const struct timespec *t0) {
  struct timespec t1;
  clock_gettime(CLOCK_MONOTONIC, &t1);
  return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

static void convert_job(batch *b, job *j) {
  const oct_cli *cli = b->cli;
  struct timespec t0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  if (j->preset != ST_CONVERTED) {
    record(b, j, j->preset, j->note, NULL, 0);
    return;
  }
  /* Each format is rebuilt on its own when stale: a rerun with --paper
   * letter rewrites the PDFs and leaves the EPUBs be. */
  char *paths[OCT_OUT_COUNT] = {0};
  const char *outputs[OCT_OUT_COUNT] = {0};
  bool stale_any = false;
  struct stat in_st, out_st;
  bool in_ok = stat(j->path, &in_st) == 0;
  for (int f = 0; f < OCT_OUT_COUNT; f++) {
    if (!cli->formats[f]) continue;
    paths[f] = oct_xasprintf("%s.%s", j->out_stem, oct_output_ext(f));
    bool stale = cli->force || !in_ok || stat(paths[f], &out_st) != 0 ||
                 !ts_newer_or_equal(out_st.st_mtim, in_st.st_mtim) ||
                 !ts_newer_or_equal(out_st.st_mtim, b->newest[f]);
    if (stale) outputs[f] = paths[f];
    stale_any |= stale;
  }
  if (!stale_any) {
    record(b, j, ST_UPTODATE, NULL, cli->formats, ms_since(&t0));
  } else {
    oct_error err;
    oct_error_init(&err, j->path);
    err.warn = batch_warn;
    err.warn_user = b;
    bool written[OCT_OUT_COUNT] = {false};
    int rc;
    if (make_parents(j->out_stem) != 0)
      rc = oct_error_set(&err, "cannot create the folder for %s: %s", j->out_stem, strerror(errno));
    else
      rc = oct_convert(b->conv, j->path, outputs, written, &err);
    /* listed: what exists now, written or up to date */
    bool listed[OCT_OUT_COUNT];
    for (int f = 0; f < OCT_OUT_COUNT; f++)
      listed[f] = cli->formats[f] && (written[f] || !outputs[f]);
    record(b, j, rc == 0 ? ST_CONVERTED : ST_FAILED, rc == 0 ? NULL : err.msg, listed,
           ms_since(&t0));
  }
  for (int f = 0; f < OCT_OUT_COUNT; f++)
    free(paths[f]);
}

static void *worker(void *arg) {
  batch *b = arg;
  job *j;
  while ((j = pop(b)) != NULL) {
    convert_job(b, j);
    job_free(j);
  }
  atomic_fetch_sub(&b->running_workers, 1);
  return NULL;
}

static void draw_progress(batch *b, double secs) {
  pthread_mutex_lock(&b->lock);
  unsigned long done = b->done;
  bool known = b->walk_done || b->counted;
  unsigned long total = b->walk_done ? b->found : b->counted ? b->expected : b->found;
  if (total < done) total = done;
  double rate = secs > 0 ? (double)done / secs : 0;
  char eta[32] = "?";
  if (known && rate > 0) snprintf(eta, sizeof eta, "%.0fs", (double)(total - done) / rate);
  fprintf(stderr, "\r\033[K%lu/%lu%s  %.0f/s  ETA %s  %lu failed", done, total, known ? "" : "+",
          rate, eta, b->counts[ST_FAILED] + b->counts[ST_CONFLICT]);
  b->line_drawn = true;
  pthread_mutex_unlock(&b->lock);
}

/* ---- the run */

/* Asks every thread to stop: the walker at its next record, each worker
 * once the document in hand is written. */
static void stop_all(batch *b) {
  atomic_store(&b->stop, true);
  pthread_mutex_lock(&b->lock);
  pthread_cond_broadcast(&b->not_empty);
  pthread_cond_broadcast(&b->not_full);
  pthread_mutex_unlock(&b->lock);
}

/* "octavo: FILE: WHAT: the cause errno names" */
static void say_errno(const char *file, const char *what) {
  char *msg = oct_xasprintf("%s: %s", what, strerror(errno));
  oct_cli_say(file, NULL, msg);
  free(msg);
}

/* Creates the output folder, removes what a killed run left in it and
 * works out from when outputs count as fresh.  Returns 0, or -1 with a
 * message printed. */
static int prepare_output(batch *b) {
  const oct_cli *cli = b->cli;
  struct stat st;
  if ((mkdir(cli->output, 0777) != 0 && errno != EEXIST) || stat(cli->output, &st) != 0) {
    say_errno(cli->output, "cannot create the output folder");
    return -1;
  }
  if (!S_ISDIR(st.st_mode)) {
    oct_cli_say(cli->output, NULL, "the output must be a folder");
    return -1;
  }
  clean_folder(b, cli->output, true);
  for (int f = 0; f < OCT_OUT_COUNT; f++) {
    if (!cli->formats[f]) continue;
    b->newest[f] = tool_time(cli, (oct_output_format)f);
    if (options_time(cli, (oct_output_format)f, &b->newest[f]) != 0) return -1;
  }
  return 0;
}

/* The report is written to a temporary name and renamed when complete. */
static int open_report(batch *b, char **tmp) {
  const char *path = b->cli->report;
  *tmp = oct_xasprintf("%s.tmp.%ld", path, (long)getpid());
  b->report = fopen(*tmp, "w");
  if (!b->report) {
    say_errno(path, "cannot write the report");
    return -1;
  }
  fputs("[", b->report);
  b->report_first = true;
  return 0;
}

static int close_report(batch *b, const char *tmp) {
  const char *path = b->cli->report;
  fputs(b->report_first ? "]\n" : "\n]\n", b->report);
  if (fclose(b->report) == 0 && rename(tmp, path) == 0) return 0;
  say_errno(path, "cannot write the report");
  unlink(tmp);
  return -1;
}

/* The threads of a run: one walker, JOBS workers, and on a terminal the
 * counting walk of the progress line. */
typedef struct crew {
  pthread_t walker, counter, *workers;
  int jobs, started;
  bool walking, counting;
} crew;

/* Readers and writers are iterative: 2 MiB stacks are plenty, and 8 MiB
 * default stacks for each thread would only inflate the address space. */
#define THREAD_STACK_BYTES (2u << 20)

/* Starts the crew; false when the run cannot go on (no walker or no single
 * worker: nothing would ever finish), with a message printed and the stop
 * flag set so that whatever did start ends. */
static bool start_crew(batch *b, crew *c) {
  const oct_cli *cli = b->cli;
  c->jobs = cli->jobs > 0 ? cli->jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
  if (c->jobs < 1) c->jobs = 1;
  c->workers = oct_xcalloc((size_t)c->jobs, sizeof *c->workers);
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, THREAD_STACK_BYTES);
  atomic_init(&b->running_workers, 0);
  int terr = pthread_create(&c->walker, &attr, walker, b);
  c->walking = terr == 0;
  for (int i = 0; i < c->jobs && c->walking; i++) {
    atomic_fetch_add(&b->running_workers, 1);
    if ((terr = pthread_create(&c->workers[i], &attr, worker, b)) != 0) {
      atomic_fetch_sub(&b->running_workers, 1);
      break;
    }
    c->started++;
  }
  c->counting = c->walking && b->tty && pthread_create(&c->counter, &attr, counter, b) == 0;
  pthread_attr_destroy(&attr);
  if (!c->walking || c->started == 0) {
    errno = terr;
    say_errno(NULL, "cannot start threads");
    stop_all(b);
    return false;
  }
  if (c->started < c->jobs && cli->verbose)
    fprintf(stderr, "octavo: warning: %d of %d worker threads started\n", c->started, c->jobs);
  return true;
}

/* Waits for the workers, redrawing the progress line; a stop signal stops
 * the run (each worker finishes the document in hand).  Returns the signal
 * that came, or 0. */
#define WAIT_SLICE_MS 10       /* the run ends this soon after its last worker */
#define PROGRESS_EVERY_MS 100. /* the progress line is redrawn ten times a second */
static int wait_for_workers(batch *b, const sigset_t *sigs, const struct timespec *t0) {
  int got = 0;
  double drawn = -PROGRESS_EVERY_MS;
  while (atomic_load(&b->running_workers) > 0) {
    int s = oct_cli_wait_signal(sigs, WAIT_SLICE_MS);
    if (s) {
      got = s;
      stop_all(b);
    }
    double now = ms_since(t0);
    if (b->tty && now - drawn >= PROGRESS_EVERY_MS) {
      draw_progress(b, now / 1e3);
      drawn = now;
    }
  }
  return got;
}

/* Joins every thread that started and frees the jobs still queued when a
 * signal came. */
static void join_crew(batch *b, crew *c) {
  if (c->walking) pthread_join(c->walker, NULL);
  if (c->counting) pthread_join(c->counter, NULL);
  for (int i = 0; i < c->started; i++)
    pthread_join(c->workers[i], NULL);
  free(c->workers);
  while (b->count) {
    job_free(b->queue[b->head]);
    b->head = (b->head + 1) % QUEUE_SIZE;
    b->count--;
  }
}

static void print_summary(const batch *b, int got_signal, double secs) {
  fprintf(stderr,
          "octavo: %s%lu converted, %lu failed, %lu skipped, %lu up to date, %lu conflicts "
          "in %.2f s\n",
          got_signal ? "interrupted: " : "", b->counts[ST_CONVERTED], b->counts[ST_FAILED],
          b->counts[ST_SKIPPED], b->counts[ST_UPTODATE], b->counts[ST_CONFLICT], secs);
}

int oct_batch_walk(const oct_cli *cli, oct_walk_fn fn, void *user) {
  batch b;
  memset(&b, 0, sizeof b);
  b.cli = cli;
  b.not_article = not_article_note();
  b.collect = fn;
  b.collect_user = user;
  atomic_init(&b.stop, false);
  scan_inputs(&b);
  walk w = {.b = &b};
  bool go = true;
  for (int i = 0; i < cli->ninputs && go; i++)
    go = walk_input(&w, i);
  free(b.input_is_dir);
  free(b.input_clash);
  free(b.not_article);
  return go ? 0 : -1;
}

int oct_batch_run(const oct_cli *cli) {
  batch b;
  memset(&b, 0, sizeof b);
  b.cli = cli;
  b.tty = isatty(STDERR_FILENO) && !cli->conv.quiet;
  b.not_article = not_article_note();
  pthread_mutex_init(&b.lock, NULL);
  pthread_cond_init(&b.not_empty, NULL);
  pthread_cond_init(&b.not_full, NULL);
  atomic_init(&b.stop, false);
  /* Block the stop signals in every thread (those started later inherit
   * the mask); the main thread takes them synchronously below. */
  sigset_t sigs, old;
  oct_cli_block_signals(&sigs, &old);
  scan_inputs(&b);
  /* One set of hyphenation patterns etc. for all workers instead of a load
   * per document. */
  oct_convert_options conv = cli->conv;
  conv.pdf_cache = oct_pdf_cache_new();
  b.conv = &conv;

  int rc = OCT_EXIT_FAILED;
  char *report_tmp = NULL;
  if (prepare_output(&b) != 0 || (cli->report && open_report(&b, &report_tmp) != 0)) {
    if (oct_cli_restore_signals(&sigs, &old)) rc = OCT_EXIT_INTERRUPTED;
    goto out;
  }
  struct timespec t0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  crew c = {0};
  bool started = start_crew(&b, &c);
  int got_signal = wait_for_workers(&b, &sigs, &t0);
  join_crew(&b, &c);
  int late = oct_cli_restore_signals(&sigs, &old);
  if (late) got_signal = late;
  double secs = ms_since(&t0) / 1e3;
  rc = !started || b.counts[ST_FAILED] || b.counts[ST_CONFLICT] ? OCT_EXIT_FAILED : OCT_EXIT_OK;
  if (got_signal) rc = OCT_EXIT_INTERRUPTED;
  if (b.report && close_report(&b, report_tmp) != 0 && rc == OCT_EXIT_OK) rc = OCT_EXIT_FAILED;
  if (b.tty) fputs("\r\033[K", stderr);
  if (!cli->conv.quiet || rc != OCT_EXIT_OK) print_summary(&b, got_signal, secs);
out:
  free(report_tmp);
  free(b.input_is_dir);
  free(b.input_clash);
  free(b.not_article);
  oct_pdf_cache_free(conv.pdf_cache);
  pthread_cond_destroy(&b.not_empty);
  pthread_cond_destroy(&b.not_full);
  pthread_mutex_destroy(&b.lock);
  return rc;
}
