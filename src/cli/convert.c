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

/* The folder relative image paths are resolved against. */
static char *input_dir(const char *input) {
  const char *slash = strrchr(input, '/');
  if (!slash || strcmp(input, "-") == 0) return oct_xstrdup(".");
  if (slash == input) return oct_xstrdup("/");
  return oct_xstrndup(input, (size_t)(slash - input));
}

int oct_convert(const oct_convert_options *o, const char *input,
                const char *const outputs[OCT_OUT_COUNT], oct_error *err) {
  oct_buf data = OCT_BUF_INIT;
  oct_node *doc = NULL;
  char *dir = NULL;
  int rc = -1;
  bool from_stdin = strcmp(input, "-") == 0;

  if (oct_file_read(from_stdin ? "/dev/stdin" : input, &data, err) != 0) goto out;
  doc = oct_read(data.data, data.len, o->from, from_stdin ? NULL : input, err);
  if (!doc) goto out;
  for (int k = 0; k < OCT_META_COUNT; k++)
    if (o->meta[k]) oct_doc_set_meta(doc, (oct_meta_key)k, o->meta[k]);

  /* Dates inside the outputs never come from the clock: SOURCE_DATE_EPOCH
   * when set, else the input's modification time, so reruns are identical. */
  int64_t stamp = 0;
  struct stat st;
  if (o->have_source_date)
    stamp = o->source_date;
  else if (!from_stdin && stat(input, &st) == 0)
    stamp = (int64_t)st.st_mtime;
  dir = input_dir(input);

  if (outputs[OCT_OUT_JSON]) {
    oct_json *j = oct_json_new();
    int r = oct_json_write(j, doc, outputs[OCT_OUT_JSON], err);
    oct_json_free(j);
    if (r != 0) goto out;
  }
  if (outputs[OCT_OUT_EPUB]) {
    oct_epub_options eo = {
        .css_path = o->css_path,
        .cover_path = o->cover_path,
        .no_cover = o->no_cover,
        .base_dir = dir,
        .resource_dirs = o->resource_dirs,
        .timestamp = stamp,
    };
    oct_epub *e = oct_epub_new(&eo);
    int r = e ? oct_epub_write(e, doc, outputs[OCT_OUT_EPUB], err)
              : oct_error_set(err, "cannot set up the EPUB writer");
    oct_epub_free(e);
    if (r != 0) goto out;
  }
  if (outputs[OCT_OUT_PDF]) {
    oct_pdf_options po = {
        .page_width = o->page_width,
        .page_height = o->page_height,
        .margin = o->margin,
        .font_size = o->font_size,
        .ragged = o->ragged,
        .base_dir = dir,
        .resource_dirs = o->resource_dirs,
        .timestamp = stamp,
        .cache = o->pdf_cache,
    };
    oct_pdf *p = oct_pdf_new(&po);
    int r = p ? oct_pdf_write(p, doc, outputs[OCT_OUT_PDF], err)
              : oct_error_set(err, "cannot set up the PDF writer");
    oct_pdf_free(p);
    if (r != 0) goto out;
  }
  rc = 0;
out:
  free(dir);
  oct_node_free(doc);
  oct_buf_free(&data);
  return rc;
}
