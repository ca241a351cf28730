/* Heading levels without holes (tree.h, oct_doc_close_heading_gaps). */
#include "tree/tree.h"

void oct_doc_close_heading_gaps(oct_node *doc) {
  /* The open headings, outermost first: the level each had in the source
   * and the one it has now.  Six levels at most, so a fixed stack. */
  int src[6], now[6], depth = 0;
  oct_iter it;
  oct_iter_init(&it, doc);
  oct_event ev;
  while ((ev = oct_iter_next(&it)) != OCT_EVENT_DONE) {
    oct_node *n = (oct_node *)it.node;
    if (ev != OCT_EVENT_ENTER || n->type != OCT_NODE_HEADING) continue;
    int level = n->as.heading.level < 1 ? 1 : n->as.heading.level > 6 ? 6 : n->as.heading.level;
    /* close the headings this one ends: those at its level or deeper */
    while (depth && src[depth - 1] >= level)
      depth--;
    /* one below the heading it stands under; a heading under none keeps
     * its level (an article may start at h2 or h3).  Never deeper than in
     * the source, so the stack stays within six. */
    int to = depth ? now[depth - 1] + 1 : level;
    if (to != n->as.heading.level) oct_node_set_heading_level(n, to);
    src[depth] = level;
    now[depth] = to;
    depth++;
    oct_iter_skip_children(&it);
  }
}
