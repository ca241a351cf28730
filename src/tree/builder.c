#include "tree/tree.h"

void oct_builder_init(oct_builder *b, oct_error *err) {
  b->doc = oct_node_new(OCT_NODE_DOCUMENT);
  b->cur = b->doc;
  b->depth = 0;
  b->max_depth = OCT_BUILDER_MAX_DEPTH;
  b->failed = false;
  b->err = err;
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

oct_node *oct_builder_push(oct_builder *b, oct_node_type t) {
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

int oct_builder_pop(oct_builder *b) {
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

oct_node *oct_builder_leaf(oct_builder *b, oct_node_type t) { return attach(b, t); }

int oct_builder_text(oct_builder *b, const char *s, size_t len) {
  if (b->failed) return -1;
  if (len == 0) return 0;
  oct_node *last = b->cur->last_child;
  if (last && last->type == OCT_NODE_TEXT) return oct_node_append_text(last, s, len);
  oct_node *t = attach(b, OCT_NODE_TEXT);
  if (!t) return -1;
  return oct_node_set_text(t, s, len);
}

oct_node *oct_builder_finish(oct_builder *b) {
  if (b->failed) {
    oct_builder_discard(b);
    return NULL;
  }
  oct_node *doc = b->doc;
  b->doc = b->cur = NULL;
  return doc;
}

void oct_builder_discard(oct_builder *b) {
  oct_node_free(b->doc);
  b->doc = b->cur = NULL;
}
