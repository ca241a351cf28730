/* Readers: article source bytes -> document tree.
 *
 * oct_read() decodes the bytes to UTF-8 (encoding.c), picks the reader and
 * runs it.  Each reader builds its tree only through oct_builder. */
#ifndef OCTAVO_READ_H
#define OCTAVO_READ_H

#include <stddef.h>

#include "tree/tree.h"

typedef enum oct_input_format {
  OCT_INPUT_AUTO = 0,
  OCT_INPUT_TEXT,
  OCT_INPUT_MARKDOWN,
  OCT_INPUT_HTML,
} oct_input_format;

/* "text", "markdown"/"md", "html"; OCT_INPUT_AUTO for anything else. */
oct_input_format oct_input_format_from_name(const char *name);
/* By the file name's extension (oct_input_extensions), then by the
 * (decoded) content. */
oct_input_format oct_input_format_guess(const char *path, const char *utf8, size_t len);
/* The extensions an article's file name may end in, without the dot and
 * matched without regard to case, with the format each means; the list
 * ends with {NULL, OCT_INPUT_AUTO}.  A batch converts the files of a folder
 * that end in one of them. */
typedef struct oct_input_extension {
  const char *ext;
  oct_input_format format;
} oct_input_extension;
const oct_input_extension *oct_input_extensions(void);

/* Decodes, detects the format when AUTO, and parses.  PATH is only used for
 * format detection and may be NULL.  Returns the document or NULL with
 * ERR filled ("empty file", "binary data (NUL byte at offset N)", ...). */
oct_node *oct_read(const char *data, size_t len, oct_input_format fmt, const char *path,
                   oct_error *err);

/* ---- encoding.c: any supported encoding -> UTF-8.
 * BOM first (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE), else strict UTF-8, else
 * cp1252.  Line ends (CRLF, CR, NEL, U+2028, U+2029) become '\n'.  Never
 * replaces a byte silently: undecodable input fails.  *ENCODING (optional)
 * receives a static name such as "UTF-8", "UTF-16LE", "windows-1252". */
int oct_decode(const char *data, size_t len, oct_buf *out, const char **encoding, oct_error *err);

/* ---- the readers, on UTF-8 input with '\n' line ends. */
oct_node *oct_read_text(const char *utf8, size_t len, oct_error *err);
oct_node *oct_read_markdown(const char *utf8, size_t len, oct_error *err);
oct_node *oct_read_html(const char *utf8, size_t len, oct_error *err);

#endif
