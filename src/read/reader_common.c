/* What the readers share; see reader_common.h. */
#include <string.h>
#include <strings.h>

#include "read/reader_common.h"

bool rd_is_link_target(const oct_node *link, const char *s, size_t n) {
  const char *url = link && link->type == OCT_NODE_LINK ? link->as.link.url : NULL;
  size_t len = url ? strlen(url) : 0;
  return n && n <= len && memcmp(url + len - n, s, n) == 0;
}

void rd_put_text(oct_builder *b, oct_smart *sm, oct_buf *scratch, const char *s, size_t n) {
  if (sm) {
    oct_buf_clear(scratch);
    oct_smart_run(sm, s, n, scratch);
    s = scratch->data;
    n = scratch->len;
  }
  oct_builder_text(b, s, n);
}
