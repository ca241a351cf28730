/* The plain-text reader: bytes -> oct_decode -> oct_read_text -> JSON, and
 * the raw bytes straight into the reader (it must cope with anything). */
#include "fuzz.h"
#include "read/read.h"
#include "write/json/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  oct_error err;
  oct_error_init(&err, "fuzz");
  oct_buf utf8 = OCT_BUF_INIT, json = OCT_BUF_INIT;
  if (oct_decode((const char *)data, size, &utf8, NULL, &err) == 0) {
    oct_node *doc = oct_read_text(utf8.data ? utf8.data : "", utf8.len, &err);
    if (doc) oct_json_dump(doc, &json);
    oct_node_free(doc);
  }
  oct_node *raw = oct_read_text((const char *)data, size, &err);
  oct_node_free(raw);
  oct_buf_free(&utf8);
  oct_buf_free(&json);
  return 0;
}
