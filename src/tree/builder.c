/* The builder: how every reader makes its tree (ARCHITECTURE.md §3).  It
 * keeps the open path (cur, depth), the depth limit and the flattening
 * that keeps hostile nesting under it, and the text not yet in the tree. */
#include "tree/tree.h"

void oct_builder_init(oct_builder *b, oct_error *err) {
  b->doc = oct_node_new(OCT_NODE_DOCUMENT);
  b->cur = b->doc;
  b->depth = 0;
  b->max_depth = OCT_BUILDER_MAX_DEPTH;
  b->failed = false;
  b->flattened = false;
  b->err = err;
  b->pend = (oct_buf)OCT_BUF_INIT;
}

static oct_node *attach(oct_builder *b, oct_node_type t) {
  if (b->failed) return NULL;
  oct_node *n = oct_node_new(t);
  if (oct_node_append_child(b->cur, n) != 0) {
    oct_error_set(b->err, "a %s cannot hold a %s", oct_node_type_name(b->cur->type),
                  oct_node_type_name(t));
    oct_node_free(n);
    b->failed = true;
    return NULL;
  }
  return n;
}

int oct_builder_flush(oct_builder *b) {
  if (b->failed) return -1;
  if (b->pend.len == 0) return 0;
  int rc;
  oct_node *last = b->cur->last_child;
  if (last && last->type == OCT_NODE_TEXT) {
    rc = oct_node_append_text(last, b->pend.data, b->pend.len);
  } else {
    oct_node *t = attach(b, OCT_NODE_TEXT);
    rc = t ? oct_node_set_text(t, b->pend.data, b->pend.len) : -1;
  }
  oct_buf_clear(&b->pend);
  return rc;
}

oct_node *oct_builder_push(oct_builder *b, oct_node_type t) {
  oct_builder_flush(b);
  if (!b->failed && b->depth >= b->max_depth) {
    oct_error_set(b->err, "nesting deeper than %d levels", b->max_depth);
    b->failed = true;
  }
  oct_node *n = attach(b, t);
  if (!n) return NULL;
  if (!oct_node_type_is_leaf(t)) {
    b->cur = n;
    b->depth++;
  }
  return n;
}

oct_node *oct_builder_open(oct_builder *b, oct_node_type t, int reserve) {
  if (!b->failed && b->depth >= b->max_depth - reserve) {
    if (!b->flattened)
      oct_warn(b->err, "nesting deeper than %d levels flattened",
               b->max_depth - OCT_BUILDER_RESERVE);
    b->flattened = true;
    return NULL;
  }
  return oct_builder_push(b, t);
}

int oct_builder_pop(oct_builder *b) {
  oct_builder_flush(b);
  if (b->failed) return -1;
  if (b->cur == b->doc) {
    oct_error_set(b->err, "internal: pop past the document");
    b->failed = true;
    return -1;
  }
  b->cur = b->cur->parent;
  b->depth--;
  return 0;
}

oct_node *oct_builder_leaf(oct_builder *b, oct_node_type t) {
  oct_builder_flush(b);
  return attach(b, t);
}

int oct_builder_text(oct_builder *b, const char *s, size_t len) {
  if (b->failed) return -1;
  if (len == 0) return 0;
  oct_buf_put(&b->pend, s, len);
  return 0;
}

int oct_builder_drop(oct_builder *b, oct_node *n) {
  if (!n || oct_builder_flush(b) != 0) return -1;
  /* open: the current node or one holding it (the path is at most
   * max_depth long) */
  for (const oct_node *p = b->cur; p; p = p->parent)
    if (p == n) return -1;
  const oct_node *root = n;
  while (root->parent)
    root = root->parent;
  if (root != b->doc) return -1;
  oct_node_free(n); /* unlinks it first */
  return 0;
}

oct_node *oct_builder_finish(oct_builder *b) {
  oct_builder_flush(b);
  if (b->failed) {
    oct_builder_discard(b);
    return NULL;
  }
  oct_node *doc = b->doc;
  b->doc = b->cur = NULL;
  oct_buf_free(&b->pend);
  return doc;
}

void oct_builder_discard(oct_builder *b) {
  oct_node_free(b->doc);
  b->doc = b->cur = NULL;
  oct_buf_free(&b->pend);
}
