/* Builds a document tree from fuzz bytes read as a tiny readable language,
 * so that the writers' harnesses reach trees no reader makes (a text of
 * nothing but U+FFFE, 60 nested quotes, an 8,000-character word in a table
 * cell) and seeds can be written by hand or from a sample's JSON dump
 * (tests/fuzz/tree_seeds.py).  One byte is one operation; anything else is
 * skipped, so every input gives a tree:
 *
 *   P paragraph  H<d> heading   Q quote       L bullet list  O<n> ordered list
 *   I list item  T table        R table row   C[h][lrc] cell
 *   E emphasis   S strong       X struck      A "url" "title"  link
 *   )  closes the innermost open node
 *   "..."  text (raw bytes up to the next '"')    *<n>"..."  the text n times
 *   `...`  inline code   /  line break   -  thematic break
 *   B "info" "text"  code block     G<d> "alt" "title"  image number d
 *   g<d> "alt" "title"  the same image inside a line (inline image)
 *   M<d> "value"  metadata key d (title, subtitle, author, date, language,
 *                 description, subject, identifier)
 *
 * Containment follows the tree's rules: an operation the open node cannot
 * hold is skipped, except that text and inlines in a block container open a
 * paragraph first.  Nesting stops at the builder's limit, as in the readers. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

/* Repeated text is the language's amplifier (an 8,000-character word from
 * a few bytes); a tree holds at most this much of it.  32 KB of words broken
 * at every character already take the sanitized, coverage-traced line
 * breaker about 5 s (release: 0.2 s), and a slow input is a timeout. */
#define TEXT_BUDGET (32u << 10)

typedef struct src {
  const uint8_t *p;
  size_t n, i;
  size_t budget; /* bytes of repeated text still allowed */
} src;

/* Images come from a fixed list: which files a page may name is the image
 * code's business (and its own fuzzing), not the writers'. */
static const char *const images[] = {"pic.png",
                                     "drawing.svg",
                                     "broken.svg",
                                     "missing.png",
                                     "https://example.org/remote.jpg",
                                     "data:image/png,xx"};

static unsigned number(src *s, unsigned max) {
  unsigned v = 0;
  bool any = false;
  while (s->i < s->n && s->p[s->i] >= '0' && s->p[s->i] <= '9') {
    v = v * 10 + (unsigned)(s->p[s->i++] - '0');
    if (v > max) v = max;
    any = true;
  }
  return any ? v : 1;
}

/* A string argument: "..." or *<n>"..." (repeated), else empty. NUL bytes
 * become spaces: no reader puts a NUL in the tree. */
static void string(src *s, oct_buf *out) {
  oct_buf_clear(out);
  while (s->i < s->n && s->p[s->i] == ' ')
    s->i++;
  unsigned times = 1;
  if (s->i < s->n && s->p[s->i] == '*') {
    s->i++;
    times = number(s, 10000);
  }
  if (s->i >= s->n || (s->p[s->i] != '"' && s->p[s->i] != '`')) return;
  uint8_t quote = s->p[s->i++];
  size_t a = s->i;
  while (s->i < s->n && s->p[s->i] != quote)
    s->i++;
  size_t len = s->i - a;
  if (s->i < s->n) s->i++;
  /* bounded: the first copy always, repeats within the tree's budget */
  if (times > 1 && len && (times - 1) > s->budget / len) times = 1 + (unsigned)(s->budget / len);
  if (times > 1) s->budget -= (times - 1) * len;
  for (unsigned t = 0; t < times; t++)
    for (size_t k = 0; k < len; k++) {
      char c = (char)s->p[a + k];
      oct_buf_putc(out, c ? c : ' ');
    }
  if (!out->data) oct_buf_puts(out, "");
}

static bool can_hold(const oct_builder *b, oct_node_type t) {
  return oct_node_can_contain(b->cur->type, t) && b->depth < b->max_depth;
}

/* Text and inlines directly in a block container go into a new paragraph. */
static bool inline_place(oct_builder *b, oct_node_type t) {
  if (oct_node_can_contain(b->cur->type, t)) return true;
  if (!oct_node_type_is_inline(t) || !can_hold(b, OCT_NODE_PARAGRAPH)) return false;
  return oct_builder_push(b, OCT_NODE_PARAGRAPH) != NULL;
}

static oct_node *open_node(oct_builder *b, oct_node_type t) {
  if (oct_node_type_is_inline(t) ? !inline_place(b, t) || !can_hold(b, t) : !can_hold(b, t))
    return NULL;
  return oct_builder_push(b, t);
}

oct_node *fuzz_tree(const uint8_t *data, size_t size) {
  oct_error err;
  oct_error_init(&err, "fuzz");
  oct_builder b;
  oct_builder_init(&b, &err);
  src s = {data, size, 0, TEXT_BUDGET};
  oct_buf a = OCT_BUF_INIT, c = OCT_BUF_INIT;
  oct_node *n;
  while (s.i < s.n && !b.failed) {
    uint8_t op = s.p[s.i++];
    switch (op) {
    case 'P':
      open_node(&b, OCT_NODE_PARAGRAPH);
      break;
    case 'H':
      if ((n = open_node(&b, OCT_NODE_HEADING))) oct_node_set_heading_level(n, (int)number(&s, 9));
      break;
    case 'Q':
      open_node(&b, OCT_NODE_BLOCK_QUOTE);
      break;
    case 'L':
      open_node(&b, OCT_NODE_BULLET_LIST);
      break;
    case 'O':
      if ((n = open_node(&b, OCT_NODE_ORDERED_LIST)))
        oct_node_set_list_start(n, (int)number(&s, 2000000000));
      break;
    case 'I':
      open_node(&b, OCT_NODE_LIST_ITEM);
      break;
    case 'T':
      open_node(&b, OCT_NODE_TABLE);
      break;
    case 'R':
      open_node(&b, OCT_NODE_TABLE_ROW);
      break;
    case 'C': {
      bool header = s.i < s.n && s.p[s.i] == 'h';
      if (header) s.i++;
      oct_align al = OCT_ALIGN_NONE;
      if (s.i < s.n && strchr("lrc", s.p[s.i]) && s.p[s.i]) {
        al = s.p[s.i] == 'l'   ? OCT_ALIGN_LEFT
             : s.p[s.i] == 'r' ? OCT_ALIGN_RIGHT
                               : OCT_ALIGN_CENTER;
        s.i++;
      }
      if ((n = open_node(&b, OCT_NODE_TABLE_CELL))) oct_node_set_cell(n, header, al);
      break;
    }
    case 'E':
      open_node(&b, OCT_NODE_EMPHASIS);
      break;
    case 'S':
      open_node(&b, OCT_NODE_STRONG);
      break;
    case 'X':
      open_node(&b, OCT_NODE_STRIKETHROUGH);
      break;
    case 'A':
      string(&s, &a);
      string(&s, &c);
      if ((n = open_node(&b, OCT_NODE_LINK))) {
        oct_node_set_url(n, a.data);
        if (c.len) oct_node_set_title(n, c.data);
      }
      break;
    case ')':
      if (b.cur != b.doc) oct_builder_pop(&b);
      break;
    case '"':
    case '*':
      s.i--;
      string(&s, &a);
      if (a.len && inline_place(&b, OCT_NODE_TEXT)) oct_builder_text(&b, a.data, a.len);
      break;
    case '`':
      s.i--;
      string(&s, &a);
      if (inline_place(&b, OCT_NODE_CODE) && (n = oct_builder_leaf(&b, OCT_NODE_CODE)))
        oct_node_set_text(n, a.data, a.len);
      break;
    case '/':
      if (inline_place(&b, OCT_NODE_LINE_BREAK)) oct_builder_leaf(&b, OCT_NODE_LINE_BREAK);
      break;
    case '-':
      if (can_hold(&b, OCT_NODE_THEMATIC_BREAK)) oct_builder_leaf(&b, OCT_NODE_THEMATIC_BREAK);
      break;
    case 'B':
      string(&s, &a);
      string(&s, &c);
      if (can_hold(&b, OCT_NODE_CODE_BLOCK) && (n = oct_builder_leaf(&b, OCT_NODE_CODE_BLOCK))) {
        if (a.len) oct_node_set_info(n, a.data);
        oct_node_set_text(n, c.data, c.len);
      }
      break;
    case 'G': {
      unsigned k = number(&s, 1000) % (sizeof images / sizeof *images);
      string(&s, &a);
      string(&s, &c);
      if (can_hold(&b, OCT_NODE_IMAGE) && (n = oct_builder_leaf(&b, OCT_NODE_IMAGE)))
        oct_node_set_image(n, images[k], a.data, c.len ? c.data : NULL);
      break;
    }
    case 'g': {
      unsigned k = number(&s, 1000) % (sizeof images / sizeof *images);
      string(&s, &a);
      string(&s, &c);
      if (inline_place(&b, OCT_NODE_INLINE_IMAGE) &&
          (n = oct_builder_leaf(&b, OCT_NODE_INLINE_IMAGE)))
        oct_node_set_image(n, images[k], a.data, c.len ? c.data : NULL);
      break;
    }
    case 'M': {
      unsigned k = number(&s, 100) % OCT_META_COUNT;
      string(&s, &a);
      oct_doc_set_meta(b.doc, (oct_meta_key)k, a.data);
      break;
    }
    default:
      break;
    }
  }
  oct_buf_free(&a);
  oct_buf_free(&c);
  oct_node *doc = oct_builder_finish(&b);
  return doc ? doc : oct_node_new(OCT_NODE_DOCUMENT);
}
