/* Filling the document's language from its text (langid.h). */
#include "read/langid.h"

/* Appends S to OUT up to a total of LIMIT code points; *CPS counts them. */
static void put_limited(oct_buf *out, const char *s, size_t *cps, size_t limit) {
  for (; *s && *cps < limit; s++) {
    oct_buf_putc(out, *s);
    /* a UTF-8 lead byte or ASCII starts a code point; the continuation
     * bytes of the last one are still copied, so the cut stays valid */
    if (((unsigned char)s[1] & 0xC0) != 0x80) ++*cps;
  }
}

void langid_fill(oct_node *doc) {
  if (!doc || oct_doc_meta(doc, OCT_META_LANGUAGE)) return;
  oct_buf text = OCT_BUF_INIT;
  size_t cps = 0;
  const char *title = oct_doc_meta(doc, OCT_META_TITLE);
  if (title) {
    put_limited(&text, title, &cps, LANGID_SAMPLE);
    oct_buf_putc(&text, '\n');
  }
  oct_iter it;
  oct_iter_init(&it, doc);
  oct_event ev;
  while (cps < LANGID_SAMPLE && (ev = oct_iter_next(&it)) != OCT_EVENT_DONE) {
    const oct_node *n = it.node;
    if (ev == OCT_EVENT_EXIT) {
      /* blocks apart, so that words of two paragraphs never run together */
      if (oct_node_type_is_block(n->type)) oct_buf_putc(&text, '\n');
      continue;
    }
    /* code says nothing about the prose's language (a German article's
     * listing is English keywords); image alt text does */
    if (n->type == OCT_NODE_TEXT)
      put_limited(&text, oct_node_text(n), &cps, LANGID_SAMPLE);
    else if (oct_node_is_image(n) && n->as.image.alt)
      put_limited(&text, n->as.image.alt, &cps, LANGID_SAMPLE);
    else if (n->type == OCT_NODE_LINE_BREAK)
      oct_buf_putc(&text, ' ');
  }
  char tag[LANGID_TAG_SIZE];
  if (text.len && langid_text(text.data, text.len, tag))
    oct_doc_set_meta(doc, OCT_META_LANGUAGE, tag);
  oct_buf_free(&text);
}
