/* The words the writer itself puts into a book ("Contents", "Cover"...) in
 * the book's language, read from assets/labels.tsv, and the writing
 * direction of that language.  The table is 2 KB and read once per book:
 * no cache, since documents convert on several threads at once and a
 * shared cache would be global mutable state. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "write/epub/internal.h"
#include "write/resource/resource.h"

/* The column names of labels.tsv, in epub_label order. */
static const char *const label_keys[EPUB_N_LABELS] = {
    "contents",  "landmarks",    "cover",    "titlepage",       "start",
    "cover_alt", "cover_alt_by", "untitled", "untitled_section"};

/* 64 KB is thirty times the table's size: more means a wrong file. */
#define LABELS_MAX_BYTES (64 * 1024)
#define LABELS_MAX_COLUMNS 32

/* How many leading characters of LANG the row tag TAG matches: all of TAG
 * when TAG is LANG or LANG with subtags dropped from the end ("zh-Hant" for
 * "zh-Hant-TW"), else 0.  Case does not count in language tags (BCP 47
 * §2.1.1). */
static size_t tag_match(const char *tag, size_t tag_len, const char *lang) {
  if (tag_len == 0 || strncasecmp(tag, lang, tag_len) != 0) return 0;
  return lang[tag_len] == '\0' || lang[tag_len] == '-' ? tag_len : 0;
}

/* Splits LINE (NUL-terminated) at tabs into at most MAX fields. */
static int split_tabs(char *line, char **field, int max) {
  int n = 0;
  for (char *p = line; n < max;) {
    field[n++] = p;
    char *tab = strchr(p, '\t');
    if (!tab) break;
    *tab = '\0';
    p = tab + 1;
  }
  return n;
}

int epub_labels_parse(char *data, const char *lang, epub_labels *out, oct_error *err) {
  int col[EPUB_N_LABELS]; /* column of each label; 0 = none */
  bool have_header = false;
  const char *english[EPUB_N_LABELS] = {0}, *chosen[EPUB_N_LABELS] = {0};
  size_t best = 0;
  int line_no = 0;
  for (char *line = data; line && *line;) {
    char *next = strchr(line, '\n');
    if (next) *next++ = '\0';
    line_no++;
    size_t len = strlen(line);
    if (len > 0 && line[len - 1] == '\r') line[--len] = '\0';
    if (len == 0 || line[0] == '#') {
      line = next;
      continue;
    }
    char *field[LABELS_MAX_COLUMNS];
    int n = split_tabs(line, field, LABELS_MAX_COLUMNS);
    if (!have_header) {
      if (strcmp(field[0], "lang") != 0)
        return oct_error_set(err, "line %d: the first row must name the columns (lang ...)",
                             line_no);
      for (int k = 0; k < EPUB_N_LABELS; k++) {
        col[k] = 0;
        for (int i = 1; i < n; i++)
          if (strcmp(field[i], label_keys[k]) == 0) col[k] = i;
        if (!col[k]) return oct_error_set(err, "line %d: no column '%s'", line_no, label_keys[k]);
      }
      have_header = true;
      line = next;
      continue;
    }
    size_t tag_len = strlen(field[0]);
    bool is_en = strcmp(field[0], "en") == 0;
    size_t m = tag_match(field[0], tag_len, lang);
    if (is_en || m > best) {
      for (int k = 0; k < EPUB_N_LABELS; k++) {
        const char *v = col[k] < n ? field[col[k]] : "";
        if (is_en) english[k] = v;
        if (m > best) chosen[k] = v;
      }
      if (m > best) best = m;
    }
    line = next;
  }
  for (int k = 0; k < EPUB_N_LABELS; k++) {
    if (!english[k] || !*english[k])
      return oct_error_set(err, "no English '%s' label (the fallback)", label_keys[k]);
    out->text[k] = chosen[k] && *chosen[k] ? chosen[k] : english[k];
  }
  return 0;
}

int epub_labels_load(const char *lang, epub_labels *out, oct_error *err) {
  memset(out, 0, sizeof *out);
  char path[4096];
  if (oct_data_path(EPUB_LABELS_FILE, path, sizeof path) != 0)
    return oct_error_set(err, "cannot find %s (set OCTAVO_DATA_DIR)", EPUB_LABELS_FILE);
  oct_buf data = OCT_BUF_INIT;
  oct_error ferr;
  oct_error_init(&ferr, path);
  if (oct_file_read_regular(path, LABELS_MAX_BYTES, &data, &ferr) != 0) {
    oct_buf_free(&data);
    return oct_error_set(err, "%s %s", path, ferr.msg);
  }
  oct_buf_putc(&data, '\0'); /* an empty file still gets a buffer */
  out->data = oct_buf_detach(&data);
  if (epub_labels_parse(out->data, lang, out, &ferr) != 0) {
    oct_error_set(err, "%s: %s", path, ferr.msg);
    epub_labels_free(out);
    return -1;
  }
  return 0;
}

void epub_labels_free(epub_labels *l) {
  free(l->data);
  memset(l, 0, sizeof *l);
}

char *epub_label_fill(const char *tmpl, const char *title, const char *author) {
  oct_buf b = OCT_BUF_INIT;
  for (const char *p = tmpl; *p;) {
    if (strncmp(p, "{title}", 7) == 0) {
      oct_buf_puts(&b, title ? title : "");
      p += 7;
    } else if (strncmp(p, "{author}", 8) == 0) {
      oct_buf_puts(&b, author ? author : "");
      p += 8;
    } else {
      oct_buf_putc(&b, *p++);
    }
  }
  if (!b.data) oct_buf_puts(&b, "");
  return oct_buf_detach(&b);
}

/* Languages written right to left (their usual script is Arabic, Hebrew,
 * Thaana, Syriac or N'Ko), by primary subtag: ISO 639 codes from the
 * languages CLDR marks as right-to-left.  A script subtag overrides this
 * in both directions (sd-Deva is left to right, pa-Arab right to left). */
static const char *const rtl_langs[] = {"ar", "arc", "ckb", "dv",  "fa",  "glk", "he",
                                        "iw", "ks",  "lrc", "mzn", "nqo", "pnb", "ps",
                                        "sd", "syr", "ug",  "ur",  "yi",  NULL};
static const char *const rtl_scripts[] = {"Arab", "Hebr", "Thaa", "Syrc", "Nkoo",
                                          "Adlm", "Rohg", "Mand", "Samr", NULL};

bool epub_lang_rtl(const char *lang) {
  if (!lang) return false;
  /* The script subtag is the first four-letter one after the primary. */
  const char *p = strchr(lang, '-');
  while (p) {
    const char *q = strchr(p + 1, '-');
    size_t n = q ? (size_t)(q - p - 1) : strlen(p + 1);
    if (n == 4 && oct_ascii_alpha(p[1])) {
      for (int i = 0; rtl_scripts[i]; i++)
        if (strncasecmp(p + 1, rtl_scripts[i], 4) == 0) return true;
      return false;
    }
    p = q;
  }
  size_t primary = strcspn(lang, "-");
  for (int i = 0; rtl_langs[i]; i++)
    if (strlen(rtl_langs[i]) == primary && strncasecmp(lang, rtl_langs[i], primary) == 0)
      return true;
  return false;
}
