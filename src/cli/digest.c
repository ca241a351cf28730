/* The digest (issue 13): every article the inputs hold in ONE book, an
 * EPUB and/or a PDF, with a part per subfolder.
 *
 * 1. Collect: the batch's own walk (oct_batch_walk: same folders, links,
 *    skips), recording each article's path, input and part.
 * 2. Read on -j worker threads, as the batch converts: each worker reads
 *    an article, keeps its metadata and its EPUB documents (some 10 KB)
 *    and drops the tree.  Now every unreadable article is known.
 * 3. Order (inputs as given; top-level articles before the parts; natural
 *    order of names, or --sort date) and write the EPUB on this thread.
 * 4. The PDF: the workers read the articles again, in reading order, and
 *    lay each out; this thread draws each one as it comes and frees it.
 *    The workers run at most WINDOW articles ahead, so memory holds the
 *    PDF being made and a few layouts, not 2,000 of them (a layout is ten
 *    times an article's XHTML, too much to keep for a book of 2,000).
 * An article that cannot be read is named with its cause and left out;
 * the book is still written and the exit status is 1.  Nothing readable
 * at all is an error, and nothing is written. */
/* strverscmp() is GNU */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "write/epub/epub.h"
#include "write/pdf/pdf.h"

/* Readers and writers are iterative: 2 MiB stacks are plenty (as batch.c). */
#define THREAD_STACK_BYTES (2u << 20)
/* How far the PDF's workers may run ahead of the drawing: enough to keep
 * 2-16 workers busy while one long article is drawn; each article waiting
 * holds its layout (100-200 KB for a briefing). */
#define WINDOW 32

typedef struct article {
  char *path;
  int input;
  int part_input; /* the first input that holds its part: parts come in the order of the inputs */
  char *part;     /* the subfolder (below the input folder) it stands in; NULL at the top */
  char *name;     /* the path below its part, for ordering */
  /* what reading found, filled by a worker */
  char *error; /* why it was left out, or NULL */
  char *title, *author, *date_iso, *lang;
  int64_t mtime;
  oct_epub_chapter *epub;
} article;

typedef struct digest {
  const oct_cli *cli;
  const char *out[OCT_OUT_COUNT]; /* the books to write */
  article *arts;
  size_t n, cap;
  unsigned long failed; /* inputs left out (folders that cannot be read, articles) */
  atomic_size_t next;   /* the next article a worker takes */
  oct_pdf_cache *cache; /* hyphenation patterns, shared by the workers */
  pthread_mutex_t lock; /* stderr, for the workers' messages; the PDF's queue */
  /* the PDF (step 4): articles in reading order, each laid out once */
  pthread_cond_t cond;
  article **order;
  size_t n_order, next_layout, drawn;
  oct_pdf_article **laid;
  char **lay_error;
  bool *lay_done;
  /* the progress line, on a terminal only (as the batch's) */
  bool tty;
  bool line_drawn;          /* guarded by lock */
  atomic_size_t read_done;  /* articles read in step 2 */
  struct timespec drawn_at; /* when the line was last drawn */
} digest;

/* ---- collecting */

/* S as valid UTF-8 (a file name need not be): the labels go into XML and
 * into libharu's bookmarks, which fail on a bad sequence. */
static char *utf8_copy(const char *s) {
  oct_buf b = OCT_BUF_INIT;
  oct_cli_utf8(&b, s);
  return b.data ? oct_buf_detach(&b) : oct_xstrdup("");
}

/* "politics" -> "Politics", "good-news_2" -> "Good news 2": a folder's name
 * as a part's title. */
static char *part_label(const char *folder) {
  char *s = utf8_copy(folder);
  for (char *p = s; *p; p++)
    if (*p == '-' || *p == '_') *p = ' ';
  if (*s >= 'a' && *s <= 'z') *s = (char)(*s - 'a' + 'A');
  return s;
}

static bool collect(void *user, const oct_walk_item *it) {
  digest *d = user;
  if (it->kind == OCT_WALK_SKIPPED) {
    if (it->loud && !d->cli->conv.quiet) oct_cli_say(it->path, "skipped", it->note);
    return true;
  }
  if (it->kind == OCT_WALK_FAILED) {
    oct_cli_say(it->path, NULL, it->note);
    d->failed++;
    return true;
  }
  OCT_GROW(d->arts, d->n, d->cap);
  article *a = &d->arts[d->n++];
  memset(a, 0, sizeof *a);
  a->path = oct_xstrdup(it->path);
  a->input = it->input;
  const char *in = d->cli->inputs[it->input];
  const char *rel = it->path;
  struct stat st;
  if (strncmp(rel, in, strlen(in)) == 0 && stat(in, &st) == 0 && S_ISDIR(st.st_mode)) {
    rel += strlen(in);
    while (*rel == '/')
      rel++;
    const char *slash = strchr(rel, '/');
    if (slash) {
      char *folder = oct_xstrndup(rel, (size_t)(slash - rel));
      a->part = part_label(folder);
      free(folder);
      rel = slash + 1;
    }
  } else {
    const char *slash = strrchr(rel, '/');
    if (slash) rel = slash + 1;
  }
  a->name = oct_xstrdup(rel);
  return true;
}

/* ---- reading, on the workers */

typedef struct worker_ctx {
  digest *d;
  oct_pdf_typesetter *pdf; /* step 4 */
} worker_ctx;

/* Clears the progress line before a message (lock held). */
static void clear_line(digest *d) {
  if (d->line_drawn) fputs("\r\033[K", stderr);
  d->line_drawn = false;
}

/* "reading 1200/2000" on a terminal, at most ten times a second: a digest
 * of 2,000 articles takes seconds, and says where it is. */
#define PROGRESS_EVERY_NS 100000000L
static void progress(digest *d, const char *what, size_t done, size_t total) {
  if (!d->tty) return;
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  long ns =
      (long)(now.tv_sec - d->drawn_at.tv_sec) * 1000000000L + (now.tv_nsec - d->drawn_at.tv_nsec);
  if (ns < PROGRESS_EVERY_NS && done < total) return;
  d->drawn_at = now;
  pthread_mutex_lock(&d->lock);
  if (total)
    fprintf(stderr, "\r\033[Koctavo: digest: %s %zu/%zu", what, done, total);
  else
    fprintf(stderr, "\r\033[Koctavo: digest: %s", what);
  d->line_drawn = true;
  pthread_mutex_unlock(&d->lock);
}

static void say(digest *d, const char *file, const char *label, const char *msg) {
  pthread_mutex_lock(&d->lock);
  clear_line(d);
  oct_cli_say(file, label, msg);
  pthread_mutex_unlock(&d->lock);
}

static void worker_warn(void *user, const char *file, const char *msg) {
  digest *d = user;
  if (!d->cli->verbose) return; /* as the batch: failures, not warnings, unless -v */
  say(d, file, "warning", msg);
}

static char *dup_or_null(const char *s) { return s && *s ? oct_xstrdup(s) : NULL; }

/* The folder an article's images are looked for in. */
static char *folder_of(const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash) return oct_xstrdup(".");
  if (slash == path) return oct_xstrdup("/");
  return oct_xstrndup(path, (size_t)(slash - path));
}

/* Reads A into a tree; its title, when it has none, is the one step 2
 * gave it (both writers set the heading block from the metadata). */
static oct_node *load(const digest *d, const article *a, oct_error *err) {
  oct_buf data = OCT_BUF_INIT;
  oct_node *doc = NULL;
  if (oct_file_read(a->path, &data, err) == 0)
    doc = oct_read(data.data, data.len, d->cli->conv.from, a->path, err);
  oct_buf_free(&data);
  if (doc && a->title && !oct_doc_meta(doc, OCT_META_TITLE))
    oct_doc_set_meta(doc, OCT_META_TITLE, a->title);
  return doc;
}

static int read_article(worker_ctx *w, article *a, unsigned seq, oct_error *err) {
  const digest *d = w->d;
  const oct_convert_options *o = &d->cli->conv;
  char *dir = folder_of(a->path);
  int rc = -1;
  struct stat st;
  if (stat(a->path, &st) == 0) a->mtime = (int64_t)st.st_mtime;
  oct_node *doc = load(d, a, err);
  if (!doc) goto out;
  a->title = dup_or_null(oct_doc_meta(doc, OCT_META_TITLE));
  a->author = dup_or_null(oct_doc_meta(doc, OCT_META_AUTHOR));
  a->date_iso = dup_or_null(oct_doc_date_iso(doc));
  a->lang = dup_or_null(oct_doc_meta(doc, OCT_META_LANGUAGE));
  if (!a->title) {
    /* named by its first heading, else by its file */
    oct_buf t = OCT_BUF_INIT;
    for (const oct_node *n = doc->first_child; n && !t.len; n = n->next)
      if (n->type == OCT_NODE_HEADING) oct_node_plain_text(n, &t);
    a->title = t.len ? oct_buf_detach(&t) : utf8_copy(a->name);
    oct_buf_free(&t);
    oct_doc_set_meta(doc, OCT_META_TITLE, a->title);
  }
  if (d->out[OCT_OUT_EPUB]) {
    oct_epub_options eo = {.css_path = o->css_path,
                           .base_dir = dir,
                           .resource_dirs = o->resource_dirs,
                           .timestamp = 0};
    a->epub = oct_epub_chapter_new(&eo, doc, seq, err);
    if (!a->epub) goto out;
  }
  rc = 0;
out:
  oct_node_free(doc);
  free(dir);
  return rc;
}

static void *reader(void *arg) {
  worker_ctx *w = arg;
  digest *d = w->d;
  oct_error err;
  for (;;) {
    size_t i = atomic_fetch_add(&d->next, 1);
    if (i >= d->n) break;
    article *a = &d->arts[i];
    oct_error_init(&err, a->path);
    err.warn = worker_warn;
    err.warn_user = d;
    if (read_article(w, a, (unsigned)i + 1, &err) != 0) {
      a->error = oct_xstrdup(err.msg);
      oct_epub_chapter_free(a->epub);
      a->epub = NULL;
    }
    atomic_fetch_add(&d->read_done, 1);
  }
  return NULL;
}

/* The PDF writer's options from the command line's, for the workers'
 * layouts and the drawing alike (dated STAMP). */
static oct_pdf_options pdf_options(const digest *d, int64_t stamp) {
  const oct_convert_options *o = &d->cli->conv;
  return (oct_pdf_options){.page_width = o->page_width,
                           .page_height = o->page_height,
                           .margin = o->margin,
                           .font_size = o->font_size,
                           .ragged = o->ragged,
                           .no_pdfa = o->no_pdfa,
                           .resource_dirs = o->resource_dirs,
                           .timestamp = stamp,
                           .cache = d->cache};
}

/* Step 4 on a worker: the next article in reading order, read again and
 * laid out, no more than WINDOW ahead of the drawing. */
static void *typesetter(void *arg) {
  worker_ctx *w = arg;
  digest *d = w->d;
  oct_pdf_options po = pdf_options(d, 0);
  oct_error err;
  oct_error_init(&err, d->out[OCT_OUT_PDF]);
  w->pdf = oct_pdf_typesetter_new(&po, &err);
  for (;;) {
    pthread_mutex_lock(&d->lock);
    while (d->next_layout < d->n_order && d->next_layout >= d->drawn + WINDOW)
      pthread_cond_wait(&d->cond, &d->lock);
    size_t i = d->next_layout++;
    pthread_mutex_unlock(&d->lock);
    if (i >= d->n_order) break;
    article *a = d->order[i];
    oct_pdf_article *laid = NULL;
    if (w->pdf) {
      oct_error_init(&err, a->path);
      err.warn = worker_warn;
      err.warn_user = d;
      char *dir = folder_of(a->path);
      oct_node *doc = load(d, a, &err);
      if (doc) laid = oct_pdf_article_new(w->pdf, doc, dir, &err);
      oct_node_free(doc);
      free(dir);
    }
    pthread_mutex_lock(&d->lock);
    d->laid[i] = laid;
    if (!laid) d->lay_error[i] = oct_xstrdup(err.msg[0] ? err.msg : "cannot be laid out");
    d->lay_done[i] = true;
    pthread_cond_broadcast(&d->cond);
    pthread_mutex_unlock(&d->lock);
  }
  oct_pdf_typesetter_free(w->pdf);
  return NULL;
}

/* The worker threads of a step. */
typedef struct crew {
  pthread_t *th;
  worker_ctx *ws;
  int started;
} crew;

/* Starts FN on -j threads (at most one per item); with none at all, runs
 * it here.  JOIN waits for them. */
static void start_crew(digest *d, size_t items, void *(*fn)(void *), crew *c) {
  int jobs = d->cli->jobs > 0 ? d->cli->jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
  if (jobs < 1) jobs = 1;
  if ((size_t)jobs > items) jobs = (int)(items ? items : 1);
  c->th = oct_xcalloc((size_t)jobs, sizeof *c->th);
  c->ws = oct_xcalloc((size_t)jobs, sizeof *c->ws);
  c->started = 0;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, THREAD_STACK_BYTES);
  for (int i = 0; i < jobs; i++) {
    c->ws[i].d = d;
    if (pthread_create(&c->th[i], &attr, fn, &c->ws[i]) != 0) break;
    c->started++;
  }
  pthread_attr_destroy(&attr);
}

static void join_crew(crew *c) {
  for (int i = 0; i < c->started; i++)
    pthread_join(c->th[i], NULL);
  free(c->th);
  free(c->ws);
}

/* ---- ordering */

/* Top-level articles first, in the order of the inputs, then the parts by
 * name; inside each, natural order of names (strverscmp: 2.txt before
 * 10.txt) or, with --sort date, by date (oldest first, undated last) and
 * then by name.  qsort_r's context says which. */
static int article_cmp(const void *pa, const void *pb, void *ctx) {
  const article *x = pa, *y = pb;
  const bool *by_date = ctx;
  if (!x->part != !y->part) return x->part ? 1 : -1;
  int c;
  if (x->part) {
    if (x->part_input != y->part_input) return x->part_input < y->part_input ? -1 : 1;
    if ((c = strverscmp(x->part, y->part)) != 0) return c;
  } else if (x->input != y->input) {
    return x->input < y->input ? -1 : 1;
  }
  if (*by_date) {
    if (!x->date_iso != !y->date_iso) return x->date_iso ? -1 : 1;
    if (x->date_iso && (c = strcmp(x->date_iso, y->date_iso)) != 0) return c;
  }
  if ((c = strverscmp(x->name, y->name)) != 0) return c;
  return strcmp(x->path, y->path);
}

static int part_cmp(const void *pa, const void *pb) {
  const article *const *x = pa, *const *y = pb;
  int c = strverscmp((*x)->part, (*y)->part);
  return c ? c : (*x)->input - (*y)->input;
}

/* Two folders given may both hold politics/: one part, placed where the
 * first of them stands among the inputs.  By sorting, not pairwise: a
 * digest may have thousands of folders. */
static void rank_parts(digest *d) {
  article **by = oct_xcalloc(d->n + 1, sizeof *by);
  size_t m = 0;
  for (size_t i = 0; i < d->n; i++)
    if (d->arts[i].part) by[m++] = &d->arts[i];
  if (m) qsort(by, m, sizeof *by, part_cmp);
  for (size_t i = 0, g = 0; i < m; i++) {
    if (strcmp(by[i]->part, by[g]->part) != 0) g = i;
    by[i]->part_input = by[g]->input; /* the group's first, sorted by input */
  }
  free(by);
}

/* ---- the books */

/* The book's metadata: -M first; else the title from the first folder
 * given, the newest date, "Various" unless every article has the same
 * author, the articles' language when they agree. */
typedef struct book_meta {
  const char *title, *author, *date, *lang, *identifier;
  char date_iso[OCT_DATE_ISO_SIZE];
  char *title_owned;
  char count[64];
  char cover_line[128];
} book_meta;

static void settle_meta(const digest *d, article *const *ok, size_t n, book_meta *m) {
  const oct_convert_options *o = &d->cli->conv;
  memset(m, 0, sizeof *m);
  m->title = o->meta[OCT_META_TITLE];
  for (int i = 0; i < d->cli->ninputs && !m->title; i++) {
    const char *in = d->cli->inputs[i];
    struct stat st;
    if (stat(in, &st) != 0 || !S_ISDIR(st.st_mode)) continue;
    char *real = realpath(in, NULL);
    const char *base = real ? strrchr(real, '/') : NULL;
    if (base && base[1]) m->title = m->title_owned = part_label(base + 1);
    free(real);
  }
  if (!m->title) m->title = "Digest";
  const char *newest = NULL, *author = NULL, *lang = NULL;
  bool same_author = true, same_lang = true;
  for (size_t i = 0; i < n; i++) {
    const article *a = ok[i];
    if (a->date_iso && (!newest || strcmp(a->date_iso, newest) > 0)) newest = a->date_iso;
    if (i == 0) author = a->author, lang = a->lang;
    if (!a->author || !author || strcmp(a->author, author) != 0) same_author = false;
    if (!a->lang || !lang || strcmp(a->lang, lang) != 0) same_lang = false;
  }
  m->author = o->meta[OCT_META_AUTHOR] ? o->meta[OCT_META_AUTHOR]
              : same_author && author  ? author
                                       : "Various";
  m->date = o->meta[OCT_META_DATE] ? o->meta[OCT_META_DATE] : newest;
  if (m->date) {
    char iso[OCT_DATE_ISO_SIZE];
    if (oct_date_parse(m->date, strlen(m->date), OCT_DATE_PARTIAL, iso) == OCT_DATE_ISO)
      memcpy(m->date_iso, iso, sizeof iso);
  }
  m->lang = o->meta[OCT_META_LANGUAGE] ? o->meta[OCT_META_LANGUAGE] : same_lang ? lang : NULL;
  m->identifier = o->meta[OCT_META_IDENTIFIER];
  snprintf(m->count, sizeof m->count, "%zu article%s", n, n == 1 ? "" : "s");
  snprintf(m->cover_line, sizeof m->cover_line, "%s%s%s", m->date ? m->date : "",
           m->date ? " \xC2\xB7 " : "", m->count);
}

/* Dates inside the books: SOURCE_DATE_EPOCH, else the newest input. */
static int64_t stamp_of(const digest *d, article *const *ok, size_t n) {
  if (d->cli->conv.have_source_date) return d->cli->conv.source_date;
  int64_t t = 0;
  for (size_t i = 0; i < n; i++)
    if (ok[i]->mtime > t) t = ok[i]->mtime;
  return t;
}

/* Parts and articles in order; LABELS[i] is the text of entry i.  Returns
 * how many entries. */
static size_t contents(article *const *ok, size_t n, const char **labels, article **arts) {
  size_t k = 0;
  const char *part = NULL;
  for (size_t i = 0; i < n; i++) {
    if (ok[i]->part && (!part || strcmp(part, ok[i]->part) != 0)) {
      part = ok[i]->part;
      labels[k] = part;
      arts[k++] = NULL;
    }
    labels[k] = ok[i]->title;
    arts[k++] = ok[i];
  }
  return k;
}

static int write_epub(const digest *d, const book_meta *m, const char **labels, article **arts,
                      size_t k, int64_t stamp, oct_error *err) {
  const oct_convert_options *o = &d->cli->conv;
  oct_epub_digest_entry *e = oct_xcalloc(k + 1, sizeof *e);
  for (size_t i = 0; i < k; i++)
    e[i] = (oct_epub_digest_entry){labels[i], arts[i] ? arts[i]->epub : NULL};
  oct_epub_digest ed = {.title = m->title,
                        .author = m->author,
                        .date = m->date,
                        .date_iso = m->date_iso[0] ? m->date_iso : NULL,
                        .lang = m->lang,
                        .identifier = m->identifier,
                        .description = o->meta[OCT_META_DESCRIPTION],
                        .subject = o->meta[OCT_META_SUBJECT],
                        .cover_line = m->cover_line,
                        .entries = e,
                        .n_entries = k};
  oct_epub_options eo = {.css_path = o->css_path,
                         .cover_path = o->cover_path,
                         .no_cover = o->no_cover,
                         .base_dir = ".",
                         .resource_dirs = o->resource_dirs,
                         .timestamp = stamp};
  int rc = oct_epub_digest_write(&eo, &ed, d->out[OCT_OUT_EPUB], err);
  free(e);
  return rc;
}

/* Step 4.  ENTRIES[i] is a part (ARTS[i] NULL) or an article. */
static int write_pdf(digest *d, const book_meta *m, const char **labels, article **arts, size_t k,
                     int64_t stamp, oct_error *err) {
  const oct_convert_options *o = &d->cli->conv;
  oct_pdf_options po = pdf_options(d, stamp);
  int rc = -1;
  oct_pdf_digest *dg = NULL;
  bool *is_part = oct_xcalloc(k + 1, sizeof *is_part);
  d->order = oct_xcalloc(k + 1, sizeof *d->order);
  d->n_order = d->next_layout = d->drawn = 0;
  for (size_t i = 0; i < k; i++) {
    is_part[i] = !arts[i];
    if (arts[i]) d->order[d->n_order++] = arts[i];
  }
  d->laid = oct_xcalloc(d->n_order + 1, sizeof *d->laid);
  d->lay_error = oct_xcalloc(d->n_order + 1, sizeof *d->lay_error);
  d->lay_done = oct_xcalloc(d->n_order + 1, sizeof *d->lay_done);
  oct_pdf_typesetter *t = oct_pdf_typesetter_new(&po, err);
  oct_pdf_digest_info info = {.title = m->title,
                              .author = m->author,
                              .date = m->date,
                              .lang = m->lang,
                              .description = o->meta[OCT_META_DESCRIPTION],
                              .subject = o->meta[OCT_META_SUBJECT],
                              .count_line = m->count,
                              .flow = d->cli->digest_flow,
                              .timestamp = stamp};
  if (t) dg = oct_pdf_digest_new(t, &info, labels, is_part, k, err);
  if (!dg) goto out;
  crew c;
  start_crew(d, d->n_order, typesetter, &c);
  if (c.started == 0) {
    join_crew(&c);
    oct_error_set(err, "cannot start threads");
    goto out;
  }
  rc = 0;
  for (size_t i = 0, j = 0; i < k && rc == 0; i++) {
    if (is_part[i]) {
      rc = oct_pdf_digest_add(dg, i, NULL, err);
      continue;
    }
    pthread_mutex_lock(&d->lock);
    while (!d->lay_done[j])
      pthread_cond_wait(&d->cond, &d->lock);
    oct_pdf_article *a = d->laid[j];
    d->laid[j] = NULL;
    d->drawn = j + 1;
    pthread_cond_broadcast(&d->cond);
    pthread_mutex_unlock(&d->lock);
    if (d->lay_error[j]) {
      /* read once already: it changed or its layout failed */
      char *msg = oct_xasprintf("left out of the PDF: %s", d->lay_error[j]);
      say(d, d->order[j]->path, NULL, msg);
      free(msg);
      d->failed++;
    }
    rc = oct_pdf_digest_add(dg, i, a, err);
    oct_pdf_article_free(a);
    j++;
    progress(d, "typesetting the PDF", j, d->n_order);
  }
  /* on a failure, the workers stop at their next article */
  pthread_mutex_lock(&d->lock);
  d->drawn = d->next_layout = d->n_order;
  pthread_cond_broadcast(&d->cond);
  pthread_mutex_unlock(&d->lock);
  join_crew(&c);
  progress(d, "writing the PDF", 0, 0);
  if (rc == 0) rc = oct_pdf_digest_finish(dg, d->out[OCT_OUT_PDF], err);
out:
  oct_pdf_digest_free(dg);
  oct_pdf_typesetter_free(t);
  for (size_t j = 0; j < d->n_order; j++) {
    oct_pdf_article_free(d->laid[j]);
    free(d->lay_error[j]);
  }
  free(d->laid);
  free(d->lay_error);
  free(d->lay_done);
  free(d->order);
  free(is_part);
  return rc;
}

static void free_article(article *a) {
  free(a->path);
  free(a->part);
  free(a->name);
  free(a->error);
  free(a->title);
  free(a->author);
  free(a->date_iso);
  free(a->lang);
  oct_epub_chapter_free(a->epub);
}

/* The other books take the name of -o with their own extension. */
static char *sibling_name(const char *out, oct_output_format f) {
  const char *slash = strrchr(out, '/');
  const char *dot = strrchr(slash ? slash + 1 : out, '.');
  size_t stem = dot ? (size_t)(dot - out) : strlen(out);
  return oct_xasprintf("%.*s.%s", (int)stem, out, oct_output_ext(f));
}

int oct_digest_run(const oct_cli *cli) {
  digest d;
  memset(&d, 0, sizeof d);
  d.cli = cli;
  d.tty = isatty(STDERR_FILENO) && !cli->conv.quiet;
  char *names[OCT_OUT_COUNT] = {0};
  int want = oct_output_from_path(cli->output);
  for (int f = 0; f < OCT_OUT_COUNT; f++) {
    if (!cli->formats[f]) continue;
    names[f] = f == want ? oct_xstrdup(cli->output) : sibling_name(cli->output, f);
    d.out[f] = names[f];
  }
  pthread_mutex_init(&d.lock, NULL);
  pthread_cond_init(&d.cond, NULL);
  atomic_init(&d.next, 0);
  atomic_init(&d.read_done, 0);
  d.cache = oct_pdf_cache_new();
  int rc = OCT_EXIT_FAILED;
  article **ok = NULL, **arts = NULL;
  const char **labels = NULL;
  book_meta m = {0};

  oct_batch_walk(cli, collect, &d);
  crew c;
  start_crew(&d, d.n, reader, &c);
  if (c.started == 0) reader(&c.ws[0]); /* no thread at all: read here */
  while (d.tty && atomic_load(&d.read_done) < d.n) {
    progress(&d, "reading", atomic_load(&d.read_done), d.n);
    nanosleep(&(struct timespec){0, PROGRESS_EVERY_NS}, NULL);
  }
  join_crew(&c);
  ok = oct_xcalloc(d.n + 1, sizeof *ok);
  size_t n_ok = 0;
  for (size_t i = 0; i < d.n; i++) {
    if (d.arts[i].error) {
      say(&d, d.arts[i].path, NULL, d.arts[i].error);
      d.failed++;
    }
  }
  bool by_date = cli->sort_date;
  rank_parts(&d);
  if (d.n) qsort_r(d.arts, d.n, sizeof *d.arts, article_cmp, &by_date);
  for (size_t i = 0; i < d.n; i++)
    if (!d.arts[i].error) ok[n_ok++] = &d.arts[i];
  if (n_ok == 0) {
    say(&d, cli->output, NULL, "nothing to put in the digest: no input could be read");
    goto out;
  }
  settle_meta(&d, ok, n_ok, &m);
  int64_t stamp = stamp_of(&d, ok, n_ok);
  labels = oct_xcalloc(2 * n_ok + 1, sizeof *labels);
  arts = oct_xcalloc(2 * n_ok + 1, sizeof *arts);
  size_t k = contents(ok, n_ok, labels, arts);
  size_t parts = k - n_ok;
  bool written = true;
  for (int f = 0; f < OCT_OUT_COUNT; f++) {
    if (!d.out[f]) continue;
    oct_error err;
    oct_error_init(&err, d.out[f]);
    err.warn = oct_cli_warn;
    err.warn_user = (void *)cli;
    if (f == OCT_OUT_EPUB) progress(&d, "writing the EPUB", 0, 0);
    int r = f == OCT_OUT_EPUB  ? write_epub(&d, &m, labels, arts, k, stamp, &err)
            : f == OCT_OUT_PDF ? write_pdf(&d, &m, labels, arts, k, stamp, &err)
                               : oct_error_set(&err, "a digest is an EPUB or a PDF, not JSON");
    if (r != 0) {
      say(&d, d.out[f], NULL, err.msg);
      written = false;
    } else if (cli->verbose) {
      say(&d, d.out[f], NULL, "written");
    }
  }
  rc = written && d.failed == 0 ? OCT_EXIT_OK : OCT_EXIT_FAILED;
  pthread_mutex_lock(&d.lock);
  clear_line(&d);
  pthread_mutex_unlock(&d.lock);
  if (!cli->conv.quiet || rc != OCT_EXIT_OK) {
    fprintf(stderr, "octavo: digest: %zu article%s in %zu part%s", n_ok, n_ok == 1 ? "" : "s",
            parts, parts == 1 ? "" : "s");
    if (d.failed && written)
      fprintf(stderr, "; %lu input%s left out (named above): the book was written without %s",
              d.failed, d.failed == 1 ? "" : "s", d.failed == 1 ? "it" : "them");
    else if (d.failed)
      fprintf(stderr, "; %lu input%s left out (named above)", d.failed, d.failed == 1 ? "" : "s");
    fputc('\n', stderr);
  }
out:
  free(m.title_owned);
  free(labels);
  free(arts);
  free(ok);
  for (size_t i = 0; i < d.n; i++)
    free_article(&d.arts[i]);
  free(d.arts);
  oct_pdf_cache_free(d.cache);
  pthread_cond_destroy(&d.cond);
  pthread_mutex_destroy(&d.lock);
  for (int f = 0; f < OCT_OUT_COUNT; f++)
    free(names[f]);
  return rc;
}
