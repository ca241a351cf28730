/* realpath() is XSI */
#define _XOPEN_SOURCE 700
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/convert.h"
#include "write/epub/epub.h"
#include "write/json/json.h"
#include "write/pdf/pdf.h"

static const char *const out_names[OCT_OUT_COUNT] = {"epub", "pdf", "json"};

const char *oct_output_ext(oct_output_format f) { return out_names[f]; }

int oct_output_from_name(const char *name) {
  for (int i = 0; i < OCT_OUT_COUNT; i++)
    if (strcasecmp(name, out_names[i]) == 0) return i;
  return -1;
}

int oct_output_from_path(const char *path) {
  const char *slash = strrchr(path, '/');
  const char *dot = strrchr(slash ? slash + 1 : path, '.');
  return dot ? oct_output_from_name(dot + 1) : -1;
}

const char *const *oct_output_data_files(oct_output_format f) {
  static const char *const none[] = {NULL}; /* the JSON dump reads nothing */
  return f == OCT_OUT_EPUB ? oct_epub_data_files() : f == OCT_OUT_PDF ? oct_pdf_data_files() : none;
}

/* The folder relative image paths are resolved against. */
static char *input_dir(const char *input) {
  const char *slash = strrchr(input, '/');
  if (!slash || strcmp(input, "-") == 0) return oct_xstrdup(".");
  if (slash == input) return oct_xstrdup("/");
  return oct_xstrndup(input, (size_t)(slash - input));
}

/* "key=value\n" with newlines and backslashes in VALUE escaped, so that
 * each option stays one line. */
static void put_option(oct_buf *out, const char *key, const char *value) {
  oct_buf_printf(out, "%s=", key);
  for (const char *p = value; *p; p++) {
    if (*p == '\n')
      OCT_BUF_LIT(out, "\\n");
    else if (*p == '\\')
      OCT_BUF_LIT(out, "\\\\");
    else
      oct_buf_putc(out, *p);
  }
  oct_buf_putc(out, '\n');
}

/* A file option by its absolute path where it exists: "style.css" names
 * another file when a rerun starts elsewhere.  (Its contents count through
 * its modification time, which the batch compares like the inputs'.) */
static void put_path_option(oct_buf *out, const char *key, const char *path) {
  if (!path) return;
  char *abs = realpath(path, NULL);
  put_option(out, key, abs ? abs : path);
  free(abs);
}

void oct_convert_fingerprint(const oct_convert_options *o, oct_output_format f, oct_buf *out) {
  oct_buf_printf(out, "format=%s\n", out_names[f]);
  if (o->from != OCT_INPUT_AUTO) oct_buf_printf(out, "from=%d\n", (int)o->from);
  for (int k = 0; k < OCT_META_COUNT; k++)
    if (o->meta[k]) {
      char *key = oct_xasprintf("meta.%s", oct_meta_key_name((oct_meta_key)k));
      put_option(out, key, o->meta[k]);
      free(key);
    }
  if (o->have_source_date) oct_buf_printf(out, "source_date=%lld\n", (long long)o->source_date);
  /* the folders images may come from change which images a book holds */
  if (f != OCT_OUT_JSON)
    for (const char *const *d = o->resource_dirs; d && *d; d++)
      put_path_option(out, "resource_path", *d);
  if (f == OCT_OUT_EPUB) {
    put_path_option(out, "css", o->css_path);
    put_path_option(out, "cover", o->cover_path);
    if (o->no_cover) OCT_BUF_LIT(out, "no_cover=1\n");
  } else if (f == OCT_OUT_PDF) {
    /* in points, %a for exact values (0 = the writer's default) */
    oct_buf_printf(out, "page_width=%a\npage_height=%a\nmargin=%a\nfont_size=%a\nragged=%d\n",
                   o->page_width, o->page_height, o->margin, o->font_size, o->ragged ? 1 : 0);
    if (o->no_tags) OCT_BUF_LIT(out, "no_tags=1\n");
    if (o->no_pdfa) OCT_BUF_LIT(out, "no_pdfa=1\n");
  }
}

/* Adds " (A was written)" to ERR's message for the outputs already written
 * when a later one failed: the exit code says failure, the files are there. */
static void name_written(oct_error *err, const char *const outputs[OCT_OUT_COUNT],
                         const bool written[OCT_OUT_COUNT]) {
  oct_buf names = OCT_BUF_INIT;
  int n = 0;
  for (int f = 0; f < OCT_OUT_COUNT; f++) {
    if (!written[f] || strcmp(outputs[f], "-") == 0) continue;
    if (n++) OCT_BUF_LIT(&names, " and ");
    oct_buf_puts(&names, outputs[f]);
  }
  if (n) {
    size_t len = strlen(err->msg);
    snprintf(err->msg + len, sizeof err->msg - len, " (%s %s written)", names.data,
             n > 1 ? "were" : "was");
  }
  oct_buf_free(&names);
}

/* Writes DOC as format F to PATH: each writer's new/write/free trio.  DIR
 * is where the input's images are looked for, STAMP dates the output. */
static int write_output(const oct_convert_options *o, oct_output_format f, const oct_node *doc,
                        const char *path, const char *dir, int64_t stamp, oct_error *err) {
  int r = -1;
  if (f == OCT_OUT_JSON) {
    oct_json *j = oct_json_new();
    r = oct_json_write(j, doc, path, err);
    oct_json_free(j);
  } else if (f == OCT_OUT_EPUB) {
    oct_epub_options eo = {
        .css_path = o->css_path,
        .cover_path = o->cover_path,
        .no_cover = o->no_cover,
        .base_dir = dir,
        .resource_dirs = o->resource_dirs,
        .timestamp = stamp,
    };
    oct_epub *e = oct_epub_new(&eo);
    r = e ? oct_epub_write(e, doc, path, err) : oct_error_set(err, "cannot set up the EPUB writer");
    oct_epub_free(e);
  } else if (f == OCT_OUT_PDF) {
    oct_pdf_options po = {
        .page_width = o->page_width,
        .page_height = o->page_height,
        .margin = o->margin,
        .font_size = o->font_size,
        .ragged = o->ragged,
        .no_tags = o->no_tags,
        .no_pdfa = o->no_pdfa,
        .base_dir = dir,
        .resource_dirs = o->resource_dirs,
        .timestamp = stamp,
        .cache = o->pdf_cache,
    };
    oct_pdf *p = oct_pdf_new(&po);
    r = p ? oct_pdf_write(p, doc, path, err) : oct_error_set(err, "cannot set up the PDF writer");
    oct_pdf_free(p);
  }
  return r;
}

int oct_convert(const oct_convert_options *o, const char *input,
                const char *const outputs[OCT_OUT_COUNT], bool written[OCT_OUT_COUNT],
                oct_error *err) {
  bool done[OCT_OUT_COUNT] = {false};
  oct_buf data = OCT_BUF_INIT;
  oct_node *doc = NULL;
  char *dir = NULL;
  int rc = -1;
  bool from_stdin = strcmp(input, "-") == 0;

  if (oct_file_read(from_stdin ? "/dev/stdin" : input, &data, err) != 0) goto out;
  doc = oct_read(data.data, data.len, o->from, from_stdin ? NULL : input, err);
  /* the tree owns copies of its text: the source bytes (up to 64 MiB) need
   * not stay beside it while the writers run (issue 15's memory target) */
  oct_buf_free(&data);
  if (!doc) goto out;
  for (int k = 0; k < OCT_META_COUNT; k++)
    if (o->meta[k]) oct_doc_set_meta(doc, (oct_meta_key)k, o->meta[k]);
  /* EPUB requires a dc:language and the PDF's hyphenation needs one: the
   * declared, else the one oct_read identified, else English, said once */
  if (!oct_doc_meta(doc, OCT_META_LANGUAGE)) {
    oct_warn(err, "language not declared and not recognised; assuming en; set it with -M lang=XX");
    oct_doc_set_meta(doc, OCT_META_LANGUAGE, "en");
  }

  /* Dates inside the outputs never come from the clock: SOURCE_DATE_EPOCH
   * when set, else the input's modification time, so reruns are identical. */
  int64_t stamp = 0;
  struct stat st;
  if (o->have_source_date)
    stamp = o->source_date;
  else if (!from_stdin && stat(input, &st) == 0)
    stamp = (int64_t)st.st_mtime;
  dir = input_dir(input);

  /* The quick JSON dump first, the PDF (the slowest) last. */
  static const oct_output_format order[OCT_OUT_COUNT] = {OCT_OUT_JSON, OCT_OUT_EPUB, OCT_OUT_PDF};
  for (int i = 0; i < OCT_OUT_COUNT; i++) {
    oct_output_format f = order[i];
    if (!outputs[f]) continue;
    if (write_output(o, f, doc, outputs[f], dir, stamp, err) != 0) goto out;
    done[f] = true;
  }
  rc = 0;
out:
  if (rc != 0) name_written(err, outputs, done);
  if (written) memcpy(written, done, sizeof done);
  free(dir);
  oct_node_free(doc);
  oct_buf_free(&data);
  return rc;
}
