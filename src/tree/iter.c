#include "tree/tree.h"

void oct_iter_init(oct_iter *it, const oct_node *root) {
  it->root = root;
  it->node = NULL;
  it->event = OCT_EVENT_DONE;
  it->skip = false;
}

oct_event oct_iter_next(oct_iter *it) {
  const oct_node *n = it->node;
  if (it->skip) {
    it->skip = false;
    return it->event = OCT_EVENT_EXIT;
  }
  if (!n) {
    if (!it->root || it->event != OCT_EVENT_DONE) return OCT_EVENT_DONE;
    it->node = it->root;
    return it->event = OCT_EVENT_ENTER;
  }
  if (it->event == OCT_EVENT_ENTER && !oct_node_type_is_leaf(n->type)) {
    if (n->first_child) {
      it->node = n->first_child;
      return it->event = OCT_EVENT_ENTER;
    }
    return it->event = OCT_EVENT_EXIT;
  }
  /* Leaving N (a leaf just entered, or a container just exited). */
  if (n == it->root) {
    it->node = NULL;
    it->root = NULL;
    return it->event = OCT_EVENT_DONE;
  }
  if (n->next) {
    it->node = n->next;
    return it->event = OCT_EVENT_ENTER;
  }
  it->node = n->parent;
  return it->event = OCT_EVENT_EXIT;
}

void oct_iter_skip_children(oct_iter *it) {
  if (it->node && it->event == OCT_EVENT_ENTER && !oct_node_type_is_leaf(it->node->type))
    it->skip = true;
}
