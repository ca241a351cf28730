/* Tree-walking assertions shared by the reader tests.  Include after
 * <cmocka.h>. */
#ifndef OCTAVO_TEST_TREE_ASSERT_H
#define OCTAVO_TEST_TREE_ASSERT_H

#include "tree/tree.h"

/* The Nth child (0-based) of N; fails the test when there is none. */
static inline oct_node *child(const oct_node *n, int i) {
  assert_non_null(n);
  oct_node *c = n->first_child;
  while (c && i-- > 0)
    c = c->next;
  assert_non_null(c);
  return c;
}

static inline int count_children(const oct_node *n) {
  int k = 0;
  for (oct_node *c = n->first_child; c; c = c->next)
    k++;
  return k;
}

/* N's plain text must be exactly WANT. */
static inline void assert_plain(const oct_node *n, const char *want) {
  oct_buf b = OCT_BUF_INIT;
  oct_node_plain_text(n, &b);
  assert_string_equal(b.data ? b.data : "", want);
  oct_buf_free(&b);
}

#endif
