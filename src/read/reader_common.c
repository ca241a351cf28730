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

bool rd_prefix_ci(const char *s, size_t n, const char *p) {
  size_t k = strlen(p);
  return n >= k && strncasecmp(s, p, k) == 0;
}

bool rd_equals_ci(const char *s, size_t n, const char *p) {
  return strlen(p) == n && strncasecmp(s, p, n) == 0;
}

bool rd_contains_ci(const char *s, size_t n, const char *p) {
  size_t k = strlen(p);
  for (size_t i = 0; i + k <= n; i++)
    if (strncasecmp(s + i, p, k) == 0) return true;
  return false;
}
