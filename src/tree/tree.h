/* The document tree every reader builds and every writer walks.
 *
 * Nodes are linked cmark-style (parent, first/last child, prev/next).  The
 * struct is visible so writers can read it directly, but every change goes
 * through the functions below, which refuse illegal containment (a
 * paragraph cannot hold a list, a list holds only items, ...). */
#ifndef OCTAVO_TREE_H
#define OCTAVO_TREE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/util.h"

typedef enum oct_node_type {
  OCT_NODE_NONE = 0,
  /* blocks */
  OCT_NODE_DOCUMENT,
  OCT_NODE_HEADING,
  OCT_NODE_PARAGRAPH,
  OCT_NODE_BULLET_LIST,
  OCT_NODE_ORDERED_LIST,
  OCT_NODE_LIST_ITEM,
  OCT_NODE_BLOCK_QUOTE,
  OCT_NODE_CODE_BLOCK,
  OCT_NODE_THEMATIC_BREAK,
  OCT_NODE_IMAGE,
  OCT_NODE_TABLE,
  OCT_NODE_TABLE_ROW,
  OCT_NODE_TABLE_CELL,
  /* inlines */
  OCT_NODE_TEXT,
  OCT_NODE_EMPHASIS,
  OCT_NODE_STRONG,
  OCT_NODE_STRIKETHROUGH,
  OCT_NODE_CODE,
  OCT_NODE_LINK,
  OCT_NODE_LINE_BREAK,
  /* an image inside a sentence (an icon, a formula): as.image, like the
   * block OCT_NODE_IMAGE; an empty alt marks it decorative */
  OCT_NODE_INLINE_IMAGE,
  OCT_NODE_TYPE_COUNT,
  OCT_NODE_FIRST_BLOCK = OCT_NODE_DOCUMENT,
  OCT_NODE_LAST_BLOCK = OCT_NODE_TABLE_CELL,
  OCT_NODE_FIRST_INLINE = OCT_NODE_TEXT,
  OCT_NODE_LAST_INLINE = OCT_NODE_INLINE_IMAGE,
} oct_node_type;

typedef enum oct_align {
  OCT_ALIGN_NONE = 0,
  OCT_ALIGN_LEFT,
  OCT_ALIGN_CENTER,
  OCT_ALIGN_RIGHT,
} oct_align;

/* Document metadata keys; oct_meta_key_name gives the JSON / -M name. */
typedef enum oct_meta_key {
  OCT_META_TITLE,
  OCT_META_SUBTITLE,
  OCT_META_AUTHOR,
  OCT_META_DATE,
  OCT_META_LANGUAGE,
  OCT_META_DESCRIPTION,
  OCT_META_SUBJECT,
  OCT_META_IDENTIFIER,
  OCT_META_COUNT
} oct_meta_key;

typedef struct oct_node oct_node;

/* Every change goes through the functions below.  To hold everyone to it,
 * the build compiles every source outside src/tree once more with
 * OCT_TREE_READONLY defined (tests/tree.cmake): there the fields are
 * const, so a write behind the functions' back does not compile.  The
 * program itself is built from one definition, without it. */
#ifdef OCT_TREE_READONLY
#define OCT_TREE_RO const
#else
#define OCT_TREE_RO
#endif

struct oct_node {
  OCT_TREE_RO oct_node_type type;
  oct_node *OCT_TREE_RO parent, *OCT_TREE_RO first_child, *OCT_TREE_RO last_child,
      *OCT_TREE_RO prev, *OCT_TREE_RO next;
  OCT_TREE_RO int line; /* source line, 1-based; 0 when unknown */
  OCT_TREE_RO union {
    struct {
      int level; /* 1..6 */
    } heading;
    struct {
      int start;  /* ordered lists */
      char delim; /* '.' or ')' for ordered lists, bullet char for others */
    } list;
    struct {
      char *info;
      char *text;
    } code_block;
    struct {
      char *src, *alt, *title;
    } image;
    struct {
      char *url, *title;
    } link;
    struct {
      bool header;
      oct_align align;
    } cell;
    char *text; /* OCT_NODE_TEXT, OCT_NODE_CODE */
    struct {    /* OCT_NODE_DOCUMENT */
      char *meta[OCT_META_COUNT];
      /* the authors and the subjects one by one (oct_doc_meta_item) */
      char **items[2];
      size_t n_items[2];
    };
  } as;
};

const char *oct_node_type_name(oct_node_type t);
bool oct_node_type_is_block(oct_node_type t);
bool oct_node_type_is_inline(oct_node_type t);
/* True for types that never have children (text, code, breaks, images, code_block). */
bool oct_node_type_is_leaf(oct_node_type t);
/* May a node of type CHILD be a child of a node of type PARENT? */
bool oct_node_can_contain(oct_node_type parent, oct_node_type child);

oct_node *oct_node_new(oct_node_type t);
/* Frees the node and its whole subtree, without recursion. */
void oct_node_free(oct_node *n);

/* Tree edits; return 0, or -1 (nothing changed) when the containment would
 * be illegal or the node is already linked elsewhere. */
int oct_node_append_child(oct_node *parent, oct_node *child);
int oct_node_insert_before(oct_node *sibling, oct_node *n);
int oct_node_insert_after(oct_node *sibling, oct_node *n);
/* Takes N out of its tree (it keeps its children). */
void oct_node_unlink(oct_node *n);

/* Attribute setters copy their string arguments (NULL clears). Each returns
 * -1 when the node's type has no such attribute. */
int oct_node_set_text(oct_node *n, const char *s, size_t len);    /* text, code, code_block */
int oct_node_append_text(oct_node *n, const char *s, size_t len); /* text, code, code_block */
const char *oct_node_text(const oct_node *n);
int oct_node_set_heading_level(oct_node *n, int level);
int oct_node_set_list_start(oct_node *n, int start);
/* The list's marker: '.' or ')' after an ordered list's numbers; '*', '-'
 * or '+' for a bullet list. */
int oct_node_set_list_delim(oct_node *n, char delim);
/* The source line N came from (1-based; 0: unknown), any node. */
int oct_node_set_line(oct_node *n, int line);
int oct_node_set_info(oct_node *n, const char *info);
int oct_node_set_url(oct_node *n, const char *url);     /* link */
int oct_node_set_title(oct_node *n, const char *title); /* link, image */
/* Both image types: the block image and the inline one. */
int oct_node_set_image(oct_node *n, const char *src, const char *alt, const char *title);
static inline bool oct_node_is_image(const oct_node *n) {
  return n->type == OCT_NODE_IMAGE || n->type == OCT_NODE_INLINE_IMAGE;
}
int oct_node_set_cell(oct_node *n, bool header, oct_align align);

/* Metadata lives on the document node. */
const char *oct_meta_key_name(oct_meta_key k);
/* Accepts the JSON name and the -M aliases ("lang"); -1 when unknown. */
int oct_meta_key_from_name(const char *name);
/* Copies VALUE (NULL or "" clears).  OCT_META_DATE is stored as ISO 8601
 * when the whole value reads as a date (oct_date_parse with
 * OCT_DATE_PARTIAL: "March 3, 2024" -> "2024-03-03", "2024" stays), else
 * verbatim: readers and -M alike, so writers only format. */
int oct_doc_set_meta(oct_node *doc, oct_meta_key k, const char *value);
const char *oct_doc_meta(const oct_node *doc, oct_meta_key k);

/* Authors and subjects are lists.  oct_doc_set_meta gives the whole
 * (OCT_META_AUTHOR: a byline; OCT_META_SUBJECT: keywords) and the tree
 * splits it into items: a byline at ';' always, and at ", ", " and ",
 * " & " when every piece is a name ("By Marta Lindqvist and Tom O'Hara",
 * "A, B and C"; not "Jane Doe, Staff Writer", "Jong, Michiel de",
 * "Mac & i"), keeping "Jr.", "PhD" and the like with the name before;
 * keywords at ',' and ';'.  oct_doc_meta gives the whole as set (or,
 * when it held a ';', the items joined with ", "); 256 items at most.  For the other keys
 * the count is 0 or 1 and item 0 is the value. */
bool oct_meta_key_is_list(oct_meta_key k);
size_t oct_doc_meta_count(const oct_node *doc, oct_meta_key k);
const char *oct_doc_meta_item(const oct_node *doc, oct_meta_key k, size_t i);

/* ---- dates (date.c): the one date parser, for every reader and -M.  The
 * tree's date is ISO 8601 (YYYY-MM-DD, or YYYY-MM / YYYY when that is all
 * the source gives) or the source's words verbatim when they are no date
 * this parser reads; date.c lists the forms it reads. */
#define OCT_DATE_ISO_SIZE 11

typedef enum oct_date_kind {
  OCT_DATE_NONE = 0,  /* not a date */
  OCT_DATE_ISO,       /* a real day (or month, year): ISO holds it */
  OCT_DATE_AMBIGUOUS, /* a real date whose day and month may be either way
                         round (03/05/2024): ISO is "", keep the words */
} oct_date_kind;

/* A whole-string parse also takes a month or a year alone ("2024-03",
 * "March 2024", "2024"). */
#define OCT_DATE_PARTIAL 1u

/* A full date (a day) at the start of S (N bytes), after an optional
 * weekday; *USED gets its length (0 when none).  What follows is not
 * looked at ("2024-03-05T10:00", "5 March 2024 (updated)"). */
oct_date_kind oct_date_at(const char *s, size_t n, size_t *used, char iso[OCT_DATE_ISO_SIZE]);
/* The whole of S as a date, with an optional weekday before and time of
 * day after ("Monday, March 3rd, 2024 at 10:30"). */
oct_date_kind oct_date_parse(const char *s, size_t n, unsigned flags, char iso[OCT_DATE_ISO_SIZE]);
/* The first full, unambiguous date that starts a word of S ("Published
 * Tuesday, 5 March 2024, 10:00"). */
bool oct_date_find(const char *s, size_t n, char iso[OCT_DATE_ISO_SIZE]);
/* 1-12 when the word S (N letters) names a month ("Mar", "Sept",
 * "March"), else 0; and whether it names a weekday ("Tue", "Tuesday"). */
int oct_date_month(const char *s, size_t n);
bool oct_date_weekday(const char *s, size_t n);
/* The document's date when the tree holds it as ISO 8601; NULL when it is
 * kept verbatim or absent. */
const char *oct_doc_date_iso(const oct_node *doc);

/* Lifts headings that skip levels (h2 then h4, as in the source) so that
 * each is at most one below the heading it stands under: an outline with
 * holes fails Ace's heading-order rule and gives readers' contents empty
 * levels.  Relative order is kept: h2 h4 h5 h3 h4 becomes 2 3 4 3 4.  One
 * pass over the tree; oct_read calls it after every reader. */
void oct_doc_close_heading_gaps(oct_node *doc);

/* Collects the plain text of N's inline content (for titles, alt text, ids).
 * Line breaks become spaces. Appends to OUT. */
void oct_node_plain_text(const oct_node *n, oct_buf *out);

/* ---- iteration: a non-recursive walk.  Containers are seen twice (ENTER and
 * EXIT), leaves once (ENTER). */
typedef enum oct_event { OCT_EVENT_DONE = 0, OCT_EVENT_ENTER, OCT_EVENT_EXIT } oct_event;

typedef struct oct_iter {
  const oct_node *root;
  const oct_node *node;
  oct_event event;
  bool skip;
} oct_iter;

void oct_iter_init(oct_iter *it, const oct_node *root);
/* Advances; returns the event for it->node, or OCT_EVENT_DONE. */
oct_event oct_iter_next(oct_iter *it);
/* After an ENTER of a container, skip its children: the next event is its EXIT. */
void oct_iter_skip_children(oct_iter *it);

/* ---- building: the only way readers make trees.  push opens a container
 * under the current node, pop closes it, leaf/text add without entering.
 * Illegal containment and nesting deeper than the limit fail with a message
 * in the error record; the builder is then stuck in the failed state. */
#define OCT_BUILDER_MAX_DEPTH 64
/* Levels under the limit that oct_builder_open keeps for what a flattened
 * block still needs inside it: a paragraph, a table (table, row, cell)
 * and a few inline spans. */
#define OCT_BUILDER_RESERVE 8

typedef struct oct_builder {
  oct_node *doc;
  oct_node *cur;
  int depth;
  int max_depth;
  bool failed;
  bool flattened; /* oct_builder_open refused a level (and warned once) */
  oct_error *err;
  oct_buf pend; /* text given to oct_builder_text, not yet in the tree */
} oct_builder;

void oct_builder_init(oct_builder *b, oct_error *err);
oct_node *oct_builder_push(oct_builder *b, oct_node_type t);
/* Pushes T, unless fewer than RESERVE levels would be left under the
 * limit: then returns NULL, warns once ("nesting deeper than N levels
 * flattened", N = the limit less OCT_BUILDER_RESERVE) and stays usable,
 * so a reader flattens hostile nesting instead of failing on it. */
oct_node *oct_builder_open(oct_builder *b, oct_node_type t, int reserve);
int oct_builder_pop(oct_builder *b);
oct_node *oct_builder_leaf(oct_builder *b, oct_node_type t);
/* Appends text to the current inline container, merging with a preceding
 * text node.  The text is held until the next push, pop, leaf, drop, flush
 * or finish, so a reader may hand it over in as many pieces as it likes
 * (md4c gives one a line) at linear cost. */
int oct_builder_text(oct_builder *b, const char *s, size_t len);
/* Puts the held text into the tree, before a reader looks at the current
 * node's children. */
int oct_builder_flush(oct_builder *b);
/* Takes N out of the tree being built and frees it with what it holds: a
 * node the reader has closed again (a trailing line break, a paragraph
 * that stayed empty, a heading lifted into the title).  -1, and nothing
 * changes, for the document, an open node or one from another tree. */
int oct_builder_drop(oct_builder *b, oct_node *n);
/* Pops everything still open and returns the document (caller owns it), or
 * NULL (and frees the partial tree) when building failed. */
oct_node *oct_builder_finish(oct_builder *b);
void oct_builder_discard(oct_builder *b);

#endif
