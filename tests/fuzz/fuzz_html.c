/* The HTML reader, then the JSON dump of what it built.  The input must
 * be what oct_read hands over: NUL-free UTF-8. */
#include <string.h>

#include "fuzz.h"
#include "read/read.h"
#include "write/json/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  if (!oct_utf8_valid(s, size) || memchr(s, 0, size)) return 0;
  oct_error err;
  oct_error_init(&err, "fuzz");
  oct_node *doc = oct_read_html(s, size, &err);
  oct_buf json = OCT_BUF_INIT;
  if (doc) oct_json_dump(doc, &json);
  oct_buf_free(&json);
  oct_node_free(doc);
  return 0;
}
