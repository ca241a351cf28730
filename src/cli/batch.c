/* Batch conversion: folders of articles in, a mirrored folder of outputs out.
 *
 * Threads: one walker streams the inputs into a small bounded queue (memory
 * stays flat however many files there are), N workers each convert whole
 * documents, and the main thread draws progress and waits for SIGINT/SIGTERM
 * with sigtimedwait (the signals are blocked everywhere, so no handler and
 * no global flag is needed).  On a signal the walker stops, each worker
 * finishes the document in hand (outputs are written to a temporary name and
 * renamed, so nothing partial is ever left) and the run ends with 130. */
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
} job;

typedef struct batch {
  const oct_cli *cli;
  const oct_convert_options *conv; /* cli->conv plus the shared caches */
  struct timespec newest_tool;     /* outputs older than the binary or its assets are stale */
  bool tty;

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
  bool line_drawn; /* a progress line is on screen and must be cleared first */
} batch;

static bool has_suffix_ci(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

static bool is_article(const char *name) {
  static const char *const exts[] = {".txt", ".md", ".markdown", ".html", ".htm"};
  for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
    if (has_suffix_ci(name, exts[i])) return true;
  return false;
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

static void tool_time(batch *b) {
  /* The files a new octavo release changes: its stylesheet, the embedded
   * fonts (regenerated together), the cover face and the fonts' notes. */
  static const char *const assets[] = {"assets/epub.css", "fonts/pdf/OctavoSerif-Regular.ttf",
                                       "fonts/LiberationSerif-Bold.ttf", "fonts/README.md"};
  char path[4096];
  ts_max(&b->newest_tool, "/proc/self/exe");
  for (size_t i = 0; i < sizeof assets / sizeof assets[0]; i++)
    if (oct_data_path(assets[i], path, sizeof path) == 0) ts_max(&b->newest_tool, path);
  ts_max(&b->newest_tool, b->cli->conv.css_path);
  ts_max(&b->newest_tool, b->cli->conv.cover_path);
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
  fprintf(stderr, "octavo: %s: warning: %s\n", file, msg);
  pthread_mutex_unlock(&b->lock);
}

static void put_json_string(FILE *f, const char *s) {
  oct_buf b = OCT_BUF_INIT;
  oct_json_put_string(&b, s);
  fwrite(b.data, 1, b.len, f);
  oct_buf_free(&b);
}

static void record(batch *b, const job *j, status st, const char *msg, bool *formats, double ms) {
  pthread_mutex_lock(&b->lock);
  b->done++;
  b->counts[st]++;
  if ((st == ST_FAILED || st == ST_CONFLICT) && msg) {
    clear_line(b);
    fprintf(stderr, "octavo: %s: %s\n", j->path, msg);
  } else if (b->cli->verbose && st == ST_CONVERTED) {
    clear_line(b);
    fprintf(stderr, "octavo: %s -> %s.*\n", j->path, j->out_stem);
  }
  if (b->report) {
    fputs(b->report_first ? "\n  {\"path\": " : ",\n  {\"path\": ", b->report);
    b->report_first = false;
    put_json_string(b->report, j->path);
    fputs(", \"outputs\": [", b->report);
    bool first = true;
    for (int f = 0; formats && f < OCT_OUT_COUNT; f++) {
      if (!formats[f]) continue;
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

typedef struct sibling {
  char *stem;
  int index;
} sibling;

static int sibling_cmp(const void *a, const void *b) {
  const sibling *x = a, *y = b;
  int c = strcmp(x->stem, y->stem);
  return c ? c : x->index - y->index;
}

/* Queues one directory's articles.  Conflicts (a.txt beside a.md, both
 * wanting a.epub) can only arise among siblings, so they are found here by
 * sorting the stems, with memory bounded by one directory, not the tree.
 * CLASH[i] receives the index of the sibling entry i collides with, or -1. */
static void find_clashes(struct dirent **ents, int n, int *clash) {
  sibling *sib = oct_xmalloc((size_t)(n ? n : 1) * sizeof *sib);
  int m = 0;
  for (int i = 0; i < n; i++) {
    clash[i] = -1;
    if (ents[i]->d_name[0] != '.' && is_article(ents[i]->d_name))
      sib[m++] = (sibling){stem_of(ents[i]->d_name), i};
  }
  qsort(sib, (size_t)m, sizeof *sib, sibling_cmp);
  for (int i = 0; i + 1 < m; i++) {
    if (strcmp(sib[i].stem, sib[i + 1].stem) != 0) continue;
    if (clash[sib[i].index] < 0) clash[sib[i].index] = sib[i + 1].index;
    clash[sib[i + 1].index] = sib[i].index;
  }
  for (int i = 0; i < m; i++)
    free(sib[i].stem);
  free(sib);
}

static void walk_files(batch *b, const char *dir, const char *rel, struct dirent **ents, int n) {
  int *clash = oct_xmalloc((size_t)(n ? n : 1) * sizeof *clash);
  find_clashes(ents, n, clash);
  for (int i = 0; i < n && !atomic_load(&b->stop); i++) {
    const char *name = ents[i]->d_name;
    if (name[0] == '.') continue;
    char *path = join(dir, name);
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
      free(path);
      continue;
    }
    char *relpath = join(rel, name);
    if (!in_my_shard(b, relpath)) {
      free(path);
      free(relpath);
      continue;
    }
    char *out = join(b->cli->output, relpath);
    job *j = job_new(path, stem_of(out));
    free(out);
    if (!is_article(name)) {
      j->preset = ST_SKIPPED;
      j->note = oct_xstrdup("not an article (.txt, .md, .markdown, .html, .htm)");
    } else if (clash[i] >= 0) {
      j->preset = ST_CONFLICT;
      j->note = oct_xasprintf("conflict: %s and %s would both write %s.*", name,
                              ents[clash[i]]->d_name, j->out_stem);
    }
    free(path);
    free(relpath);
    if (!push(b, j)) break;
  }
  free(clash);
}

/* Where a folder's contents land under -o: at its root when it is the only
 * folder given; under its own name when there are several, so two folders
 * holding politics/001.txt never write the same output. */
static char *root_rel(const oct_cli *cli, const char *root) {
  int folders = 0;
  struct stat st;
  for (int i = 0; i < cli->ninputs; i++)
    if (stat(cli->inputs[i], &st) == 0 && S_ISDIR(st.st_mode)) folders++;
  if (folders < 2) return oct_xstrdup("");
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

static void walk_dir(batch *b, const char *root) {
  /* Depth-first with an explicit stack of pending folders: deep trees
   * cannot overflow the C stack. */
  size_t cap = 16, top = 0;
  char **dirs = oct_xmalloc(cap * sizeof *dirs), **rels = oct_xmalloc(cap * sizeof *rels);
  dirs[top] = oct_xstrdup(root);
  rels[top++] = root_rel(b->cli, root);
  while (top && !atomic_load(&b->stop)) {
    char *dir = dirs[--top], *rel = rels[top];
    struct dirent **ents = NULL;
    int n = scandir(dir, &ents, NULL, alphasort);
    if (n < 0) {
      job *j = job_new(dir, oct_xstrdup(""));
      j->preset = ST_FAILED;
      j->note = oct_xasprintf("cannot read folder: %s", strerror(errno));
      push(b, j);
    } else {
      walk_files(b, dir, rel, ents, n);
      /* push subfolders in reverse so they are visited in sorted order */
      for (int i = n - 1; i >= 0; i--) {
        const char *name = ents[i]->d_name;
        char *path = join(dir, name);
        struct stat st;
        if (name[0] != '.' && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
          if (top == cap) {
            cap *= 2;
            dirs = oct_xrealloc(dirs, cap * sizeof *dirs);
            rels = oct_xrealloc(rels, cap * sizeof *rels);
          }
          dirs[top] = path;
          rels[top++] = join(rel, name);
        } else {
          free(path);
        }
      }
      for (int i = 0; i < n; i++)
        free(ents[i]);
      free(ents);
    }
    free(dir);
    free(rel);
  }
  while (top) {
    free(dirs[--top]);
    free(rels[top]);
  }
  free(dirs);
  free(rels);
}

/* The progress line wants a total before the conversion walk (which runs
 * only a queue's length ahead of the workers) has seen everything, so a
 * second, cheap walk only counts: names and stat, no reading, no queue.  Only the
 * terminal's progress line uses it. */
static unsigned long count_dir(batch *b, const char *root) {
  unsigned long n = 0;
  size_t cap = 16, top = 0;
  char **dirs = oct_xmalloc(cap * sizeof *dirs), **rels = oct_xmalloc(cap * sizeof *rels);
  dirs[top] = oct_xstrdup(root);
  rels[top++] = root_rel(b->cli, root);
  while (top) {
    char *dir = dirs[--top], *rel = rels[top];
    DIR *d = atomic_load(&b->stop) ? NULL : opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
      if (e->d_name[0] == '.') continue;
      char *path = join(dir, e->d_name);
      struct stat st;
      /* d_type would save the stat but is not POSIX */
      bool ok = stat(path, &st) == 0;
      bool is_dir = ok && S_ISDIR(st.st_mode), is_reg = ok && S_ISREG(st.st_mode);
      char *relpath = join(rel, e->d_name);
      if (is_dir) {
        if (top == cap) {
          cap *= 2;
          dirs = oct_xrealloc(dirs, cap * sizeof *dirs);
          rels = oct_xrealloc(rels, cap * sizeof *rels);
        }
        dirs[top] = path;
        rels[top++] = relpath;
        continue;
      }
      if (is_reg && in_my_shard(b, relpath)) n++;
      free(path);
      free(relpath);
    }
    if (d) closedir(d);
    free(dir);
    free(rel);
  }
  free(dirs);
  free(rels);
  return n;
}

static void *counter(void *arg) {
  batch *b = arg;
  unsigned long n = 0;
  for (int i = 0; i < b->cli->ninputs; i++) {
    const char *in = b->cli->inputs[i];
    struct stat st;
    if (stat(in, &st) == 0 && S_ISDIR(st.st_mode)) {
      n += count_dir(b, in);
    } else {
      const char *base = strrchr(in, '/');
      n += in_my_shard(b, base ? base + 1 : in);
    }
  }
  pthread_mutex_lock(&b->lock);
  b->expected = n;
  b->counted = true;
  pthread_mutex_unlock(&b->lock);
  return NULL;
}

static void *walker(void *arg) {
  batch *b = arg;
  const oct_cli *cli = b->cli;
  for (int i = 0; i < cli->ninputs && !atomic_load(&b->stop); i++) {
    const char *in = cli->inputs[i];
    struct stat st;
    if (stat(in, &st) == 0 && S_ISDIR(st.st_mode)) {
      walk_dir(b, in);
      continue;
    }
    /* A file named on the command line goes straight into the output folder. */
    const char *base = strrchr(in, '/');
    base = base ? base + 1 : in;
    if (!in_my_shard(b, base)) continue;
    char *stem = stem_of(base);
    job *j = job_new(in, join(cli->output, stem));
    free(stem);
    for (int k = 0; k < i; k++) {
      const char *ob = strrchr(cli->inputs[k], '/');
      ob = ob ? ob + 1 : cli->inputs[k];
      char *a = stem_of(base), *o = stem_of(ob);
      bool clash = strcmp(a, o) == 0;
      free(a);
      free(o);
      if (clash) {
        j->preset = ST_CONFLICT;
        j->note =
            oct_xasprintf("conflict: %s would overwrite the output of %s", in, cli->inputs[k]);
        break;
      }
    }
    if (!push(b, j)) break;
  }
  pthread_mutex_lock(&b->lock);
  b->walk_done = true;
  pthread_cond_broadcast(&b->not_empty);
  pthread_mutex_unlock(&b->lock);
  return NULL;
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
  bool formats[OCT_OUT_COUNT];
  memcpy(formats, cli->formats, sizeof formats);
  if (j->preset != ST_CONVERTED) {
    record(b, j, j->preset, j->note, j->preset == ST_SKIPPED ? NULL : formats, 0);
    return;
  }
  char *paths[OCT_OUT_COUNT] = {0};
  const char *outputs[OCT_OUT_COUNT] = {0};
  struct stat in_st, out_st;
  bool stale = cli->force || stat(j->path, &in_st) != 0;
  for (int f = 0; f < OCT_OUT_COUNT; f++) {
    if (!formats[f]) continue;
    paths[f] = oct_xasprintf("%s.%s", j->out_stem, oct_output_ext(f));
    outputs[f] = paths[f];
    if (!stale &&
        (stat(paths[f], &out_st) != 0 || !ts_newer_or_equal(out_st.st_mtim, in_st.st_mtim) ||
         !ts_newer_or_equal(out_st.st_mtim, b->newest_tool)))
      stale = true;
  }
  if (!stale) {
    record(b, j, ST_UPTODATE, NULL, formats, ms_since(&t0));
  } else {
    oct_error err;
    oct_error_init(&err, j->path);
    err.warn = batch_warn;
    err.warn_user = b;
    int rc;
    if (make_parents(j->out_stem) != 0)
      rc = oct_error_set(&err, "cannot create the folder for %s: %s", j->out_stem, strerror(errno));
    else
      rc = oct_convert(b->conv, j->path, outputs, &err);
    record(b, j, rc == 0 ? ST_CONVERTED : ST_FAILED, rc == 0 ? NULL : err.msg, formats,
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

int oct_batch_run(const oct_cli *cli) {
  batch b;
  memset(&b, 0, sizeof b);
  b.cli = cli;
  b.tty = isatty(STDERR_FILENO) && !cli->conv.quiet;
  pthread_mutex_init(&b.lock, NULL);
  pthread_cond_init(&b.not_empty, NULL);
  pthread_cond_init(&b.not_full, NULL);
  atomic_init(&b.stop, false);
  tool_time(&b);
  /* One set of hyphenation patterns etc. for all workers instead of a load
   * per document. */
  oct_convert_options conv = cli->conv;
  conv.pdf_cache = oct_pdf_cache_new();
  b.conv = &conv;

  int rc = OCT_EXIT_OK;
  char *report_tmp = NULL;
  struct stat out_st;
  if ((mkdir(cli->output, 0777) != 0 && errno != EEXIST) || stat(cli->output, &out_st) != 0) {
    fprintf(stderr, "octavo: %s: cannot create the output folder: %s\n", cli->output,
            strerror(errno));
    rc = OCT_EXIT_FAILED;
    goto out;
  }
  if (!S_ISDIR(out_st.st_mode)) {
    fprintf(stderr, "octavo: %s: the output must be a folder\n", cli->output);
    rc = OCT_EXIT_FAILED;
    goto out;
  }
  if (cli->report) {
    report_tmp = oct_xasprintf("%s.tmp.%ld", cli->report, (long)getpid());
    b.report = fopen(report_tmp, "w");
    if (!b.report) {
      fprintf(stderr, "octavo: %s: cannot write the report: %s\n", cli->report, strerror(errno));
      rc = OCT_EXIT_FAILED;
      goto out;
    }
    fputs("[", b.report);
    b.report_first = true;
  }

  /* Block the stop signals in every thread; the main thread takes them
   * synchronously below. */
  sigset_t sigs, old;
  oct_cli_block_signals(&sigs, &old);

  int jobs = cli->jobs > 0 ? cli->jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
  if (jobs < 1) jobs = 1;
  struct timespec t0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  pthread_t walk_thread, *workers = oct_xcalloc((size_t)jobs, sizeof *workers);
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  /* Readers and writers are iterative; 8 MiB default stacks per thread
   * would only inflate the address space. */
  pthread_attr_setstacksize(&attr, 2u << 20);
  int started = 0;
  atomic_init(&b.running_workers, 0);
  int terr = pthread_create(&walk_thread, &attr, walker, &b);
  bool walking = terr == 0;
  for (int i = 0; i < jobs && walking; i++) {
    atomic_fetch_add(&b.running_workers, 1);
    if ((terr = pthread_create(&workers[i], &attr, worker, &b)) != 0) {
      atomic_fetch_sub(&b.running_workers, 1);
      break;
    }
    started++;
  }
  pthread_t count_thread;
  bool counting = walking && b.tty && pthread_create(&count_thread, &attr, counter, &b) == 0;
  pthread_attr_destroy(&attr);
  if (!walking || started == 0) {
    /* Without a walker or a single worker nothing would ever finish. */
    fprintf(stderr, "octavo: cannot start threads: %s\n", strerror(terr));
    atomic_store(&b.stop, true);
    pthread_mutex_lock(&b.lock);
    pthread_cond_broadcast(&b.not_full);
    pthread_mutex_unlock(&b.lock);
  } else if (started < jobs && cli->verbose) {
    fprintf(stderr, "octavo: warning: %d of %d worker threads started\n", started, jobs);
  }

  int got_signal = 0;
  /* Short waits so the run ends soon after the last worker; the progress
   * line is redrawn ten times a second. */
  double drawn = -1000;
  while (atomic_load(&b.running_workers) > 0) {
    int s = oct_cli_wait_signal(&sigs, 10);
    if (s) {
      got_signal = s;
      atomic_store(&b.stop, true);
      pthread_mutex_lock(&b.lock);
      pthread_cond_broadcast(&b.not_empty);
      pthread_cond_broadcast(&b.not_full);
      pthread_mutex_unlock(&b.lock);
    }
    double now = ms_since(&t0);
    if (b.tty && now - drawn >= 100) {
      draw_progress(&b, now / 1e3);
      drawn = now;
    }
  }
  if (walking) pthread_join(walk_thread, NULL);
  if (counting) pthread_join(count_thread, NULL);
  for (int i = 0; i < started; i++)
    pthread_join(workers[i], NULL);
  free(workers);
  /* jobs still queued when a signal came */
  while (b.count) {
    job_free(b.queue[b.head]);
    b.head = (b.head + 1) % QUEUE_SIZE;
    b.count--;
  }
  int late = oct_cli_restore_signals(&sigs, &old);
  if (late) got_signal = late;

  double secs = ms_since(&t0) / 1e3;
  if (b.counts[ST_FAILED] || b.counts[ST_CONFLICT] || !walking || started == 0)
    rc = OCT_EXIT_FAILED;
  if (got_signal) rc = OCT_EXIT_INTERRUPTED;

  if (b.report) {
    fputs(b.report_first ? "]\n" : "\n]\n", b.report);
    bool ok = fclose(b.report) == 0 && rename(report_tmp, cli->report) == 0;
    if (!ok) {
      fprintf(stderr, "octavo: %s: cannot write the report: %s\n", cli->report, strerror(errno));
      unlink(report_tmp);
      if (rc == OCT_EXIT_OK) rc = OCT_EXIT_FAILED;
    }
  }
  if (b.tty) fputs("\r\033[K", stderr);
  if (!cli->conv.quiet || rc != OCT_EXIT_OK)
    fprintf(stderr,
            "octavo: %s%lu converted, %lu failed, %lu skipped, %lu up to date, %lu conflicts "
            "in %.2f s\n",
            got_signal ? "interrupted: " : "", b.counts[ST_CONVERTED], b.counts[ST_FAILED],
            b.counts[ST_SKIPPED], b.counts[ST_UPTODATE], b.counts[ST_CONFLICT], secs);
out:
  free(report_tmp);
  oct_pdf_cache_free(conv.pdf_cache);
  pthread_cond_destroy(&b.not_empty);
  pthread_cond_destroy(&b.not_full);
  pthread_mutex_destroy(&b.lock);
  return rc;
}
