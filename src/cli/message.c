/* Messages on standard error and names in the report.  File names come from
 * whoever filled the folder and messages quote document content, so neither
 * is trusted: a newline would split the one-line message, an escape sequence
 * would drive the terminal, and bytes that are not UTF-8 would make the JSON
 * report invalid. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

void oct_cli_escape(oct_buf *out, const char *s) {
  size_t n = strlen(s), i = 0;
  while (i < n) {
    unsigned char c = (unsigned char)s[i];
    uint32_t cp;
    size_t k = c < 0x80 ? 1 : oct_utf8_decode(s + i, n - i, &cp);
    if (c < 0x80) cp = c;
    if (k == 0 || cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
      /* C0 and C1 controls and undecodable bytes, byte by byte, in the
       * notation of C and of GNU ls's escape style */
      size_t bytes = k ? k : 1;
      for (size_t b = 0; b < bytes; b++) {
        unsigned char x = (unsigned char)s[i + b];
        if (x == '\n')
          OCT_BUF_LIT(out, "\\n");
        else if (x == '\t')
          OCT_BUF_LIT(out, "\\t");
        else if (x == '\r')
          OCT_BUF_LIT(out, "\\r");
        else
          oct_buf_printf(out, "\\x%02X", x);
      }
      i += bytes;
    } else {
      oct_buf_put(out, s + i, k);
      i += k;
    }
  }
}

void oct_cli_utf8(oct_buf *out, const char *s) {
  size_t n = strlen(s), i = 0;
  while (i < n) {
    uint32_t cp;
    size_t k = oct_utf8_decode(s + i, n - i, &cp);
    if (k) {
      oct_buf_put(out, s + i, k);
      i += k;
    } else {
      OCT_BUF_LIT(out, "\xEF\xBF\xBD"); /* U+FFFD REPLACEMENT CHARACTER */
      i++;
    }
  }
}

void oct_cli_say(const char *file, const char *label, const char *msg) {
  oct_buf line = OCT_BUF_INIT;
  OCT_BUF_LIT(&line, "octavo: ");
  if (file) {
    oct_cli_escape(&line, file);
    OCT_BUF_LIT(&line, ": ");
  }
  if (label) {
    oct_buf_puts(&line, label);
    OCT_BUF_LIT(&line, ": ");
  }
  oct_cli_escape(&line, msg);
  oct_buf_putc(&line, '\n');
  /* one write per line: stdio locks the stream, so lines from several
   * threads never interleave */
  fwrite(line.data, 1, line.len, stderr);
  oct_buf_free(&line);
}
