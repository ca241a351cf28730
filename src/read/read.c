#include <string.h>
#include <strings.h>

#include "read/langid.h"
#include "read/read.h"

oct_input_format oct_input_format_from_name(const char *name) {
  if (!name) return OCT_INPUT_AUTO;
  if (strcasecmp(name, "text") == 0 || strcasecmp(name, "txt") == 0 ||
      strcasecmp(name, "plain") == 0)
    return OCT_INPUT_TEXT;
  if (strcasecmp(name, "markdown") == 0 || strcasecmp(name, "md") == 0 ||
      strcasecmp(name, "commonmark") == 0 || strcasecmp(name, "gfm") == 0)
    return OCT_INPUT_MARKDOWN;
  if (strcasecmp(name, "html") == 0 || strcasecmp(name, "htm") == 0 ||
      strcasecmp(name, "xhtml") == 0)
    return OCT_INPUT_HTML;
  return OCT_INPUT_AUTO;
}

static bool starts_with_ci(const char *s, size_t n, const char *prefix) {
  size_t k = strlen(prefix);
  return n >= k && strncasecmp(s, prefix, k) == 0;
}

const oct_input_extension *oct_input_extensions(void) {
  static const oct_input_extension exts[] = {
      {"txt", OCT_INPUT_TEXT},     {"text", OCT_INPUT_TEXT},         {"md", OCT_INPUT_MARKDOWN},
      {"mkd", OCT_INPUT_MARKDOWN}, {"markdown", OCT_INPUT_MARKDOWN}, {"html", OCT_INPUT_HTML},
      {"htm", OCT_INPUT_HTML},     {"xhtml", OCT_INPUT_HTML},        {NULL, OCT_INPUT_AUTO},
  };
  return exts;
}

oct_input_format oct_input_format_guess(const char *path, const char *utf8, size_t len) {
  if (path) {
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash : path, '.');
    for (const oct_input_extension *e = oct_input_extensions(); dot && e->ext; e++)
      if (strcasecmp(dot + 1, e->ext) == 0) return e->format;
  }
  /* Content: skip leading blanks, then look for an HTML start. */
  size_t i = 0;
  while (i < len && (utf8[i] == ' ' || utf8[i] == '\t' || utf8[i] == '\n'))
    i++;
  const char *s = utf8 + i;
  size_t n = len - i;
  if (starts_with_ci(s, n, "<!doctype html") || starts_with_ci(s, n, "<html") ||
      starts_with_ci(s, n, "<?xml") || starts_with_ci(s, n, "<head") ||
      starts_with_ci(s, n, "<body") || starts_with_ci(s, n, "<article"))
    return OCT_INPUT_HTML;
  /* Markdown: an ATX heading or front matter at the start. */
  if (starts_with_ci(s, n, "# ") || starts_with_ci(s, n, "---\n")) return OCT_INPUT_MARKDOWN;
  return OCT_INPUT_TEXT;
}

static bool only_blank(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\v') continue;
    /* U+00A0 and U+FEFF are blank too */
    if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
      i++;
      continue;
    }
    if (c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBB &&
        (unsigned char)s[i + 2] == 0xBF) {
      i += 2;
      continue;
    }
    return false;
  }
  return true;
}

oct_node *oct_read(const char *data, size_t len, oct_input_format fmt, const char *path,
                   oct_error *err) {
  oct_buf utf8 = OCT_BUF_INIT;
  oct_node *doc = NULL;
  if (len == 0) {
    oct_error_set(err, "empty file");
    goto out;
  }
  if (oct_decode(data, len, &utf8, NULL, err) != 0) goto out;
  if (only_blank(utf8.data, utf8.len)) {
    oct_error_set(err, "file holds only whitespace");
    goto out;
  }
  if (fmt == OCT_INPUT_AUTO) fmt = oct_input_format_guess(path, utf8.data, utf8.len);
  switch (fmt) {
  case OCT_INPUT_MARKDOWN:
    doc = oct_read_markdown(utf8.data, utf8.len, err);
    break;
  case OCT_INPUT_HTML:
    doc = oct_read_html(utf8.data, utf8.len, err);
    break;
  default:
    doc = oct_read_text(utf8.data, utf8.len, err);
    break;
  }
  if (doc && !doc->first_child && !oct_doc_meta(doc, OCT_META_TITLE)) {
    oct_node_free(doc);
    doc = NULL;
    oct_error_set(err, "no article text found");
  }
  /* the readers take only a declared language; the text says the rest */
  langid_fill(doc);
  if (doc) oct_doc_close_heading_gaps(doc);
out:
  oct_buf_free(&utf8);
  return doc;
}
