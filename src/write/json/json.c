#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "write/json/json.h"

void oct_json_put_string(oct_buf *out, const char *s) {
  /* RFC 8259 §7: the short escapes; other controls as \u00XX. */
  static const char *const escape[0x60] = {
      ['"'] = "\\\"", ['\\'] = "\\\\", ['\n'] = "\\n", ['\t'] = "\\t", ['\r'] = "\\r"};
  oct_buf_putc(out, '"');
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p < 0x60 && escape[*p])
      oct_buf_puts(out, escape[*p]);
    else if (*p < 0x20)
      oct_buf_printf(out, "\\u%04x", *p);
    else
      oct_buf_putc(out, (char)*p);
  }
  oct_buf_putc(out, '"');
}

static void put_attr(oct_buf *out, const char *name, const char *value) {
  if (!value) return;
  oct_buf_printf(out, ", \"%s\": ", name);
  oct_json_put_string(out, value);
}

static void put_int(oct_buf *out, const char *name, int value) {
  oct_buf_printf(out, ", \"%s\": %d", name, value);
}

static void indent(oct_buf *out, int depth) {
  for (int i = 0; i < depth; i++)
    OCT_BUF_LIT(out, "  ");
}

static const char *align_name(oct_align a) {
  switch (a) {
  case OCT_ALIGN_LEFT:
    return "left";
  case OCT_ALIGN_CENTER:
    return "center";
  case OCT_ALIGN_RIGHT:
    return "right";
  default:
    return NULL;
  }
}

static void put_meta(oct_buf *out, const oct_node *doc, int depth) {
  OCT_BUF_LIT(out, ", \"meta\": {");
  bool first = true;
  for (int k = 0; k < OCT_META_COUNT; k++) {
    const char *v = oct_doc_meta(doc, (oct_meta_key)k);
    /* The five core keys always appear (null when unknown) so golden files
     * show what the reader failed to find; the rest only when set. */
    if (!v && k > OCT_META_LANGUAGE) continue;
    oct_buf_puts(out, first ? "\n" : ",\n");
    first = false;
    indent(out, depth + 2);
    oct_buf_printf(out, "\"%s\": ", oct_meta_key_name((oct_meta_key)k));
    if (v)
      oct_json_put_string(out, v);
    else
      OCT_BUF_LIT(out, "null");
    /* the list beside the whole: the byline as the source wrote it (what
     * scorers compare), the people one by one (what the writers use) */
    if (v && oct_meta_key_is_list((oct_meta_key)k)) {
      OCT_BUF_LIT(out, ",\n");
      indent(out, depth + 2);
      oct_buf_printf(out, "\"%ss\": [", oct_meta_key_name((oct_meta_key)k));
      for (size_t i = 0; i < oct_doc_meta_count(doc, (oct_meta_key)k); i++) {
        if (i) OCT_BUF_LIT(out, ", ");
        oct_json_put_string(out, oct_doc_meta_item(doc, (oct_meta_key)k, i));
      }
      oct_buf_putc(out, ']');
    }
  }
  oct_buf_putc(out, '\n');
  indent(out, depth + 1);
  oct_buf_putc(out, '}');
}

static void put_attributes(oct_buf *out, const oct_node *n, int depth) {
  switch (n->type) {
  case OCT_NODE_DOCUMENT:
    put_meta(out, n, depth);
    break;
  case OCT_NODE_HEADING:
    put_int(out, "level", n->as.heading.level);
    break;
  case OCT_NODE_ORDERED_LIST:
    put_int(out, "start", n->as.list.start);
    break;
  case OCT_NODE_CODE_BLOCK:
    put_attr(out, "info", n->as.code_block.info);
    put_attr(out, "text", oct_node_text(n));
    break;
  case OCT_NODE_IMAGE:
  case OCT_NODE_INLINE_IMAGE:
    put_attr(out, "src", n->as.image.src);
    put_attr(out, "alt", n->as.image.alt);
    put_attr(out, "title", n->as.image.title);
    break;
  case OCT_NODE_TABLE_CELL:
    if (n->as.cell.header) OCT_BUF_LIT(out, ", \"header\": true");
    put_attr(out, "align", align_name(n->as.cell.align));
    break;
  case OCT_NODE_LINK:
    put_attr(out, "url", n->as.link.url);
    put_attr(out, "title", n->as.link.title);
    break;
  case OCT_NODE_TEXT:
  case OCT_NODE_CODE:
    put_attr(out, "text", oct_node_text(n));
    break;
  default:
    break;
  }
}

void oct_json_dump(const oct_node *doc, oct_buf *out) {
  oct_iter it;
  oct_iter_init(&it, doc);
  oct_event ev;
  int depth = 0;
  while ((ev = oct_iter_next(&it)) != OCT_EVENT_DONE) {
    const oct_node *n = it.node;
    if (ev == OCT_EVENT_ENTER) {
      if (n != doc) oct_buf_puts(out, n->prev ? ",\n" : "\n");
      indent(out, depth);
      OCT_BUF_LIT(out, "{\"type\": ");
      oct_json_put_string(out, oct_node_type_name(n->type));
      put_attributes(out, n, depth);
      if (oct_node_type_is_leaf(n->type)) {
        oct_buf_putc(out, '}');
      } else if (!n->first_child) {
        OCT_BUF_LIT(out, ", \"children\": []}");
      } else {
        OCT_BUF_LIT(out, ", \"children\": [");
        depth++;
      }
    } else if (n->first_child) {
      depth--;
      oct_buf_putc(out, '\n');
      indent(out, depth);
      OCT_BUF_LIT(out, "]}");
    }
  }
  oct_buf_putc(out, '\n');
}

struct oct_json {
  int unused;
};

oct_json *oct_json_new(void) { return oct_xcalloc(1, sizeof(oct_json)); }

int oct_json_write(oct_json *ctx, const oct_node *doc, const char *path, oct_error *err) {
  (void)ctx;
  oct_buf out = OCT_BUF_INIT;
  oct_json_dump(doc, &out);
  int rc = 0;
  if (path[0] == '-' && path[1] == '\0') {
    if (fwrite(out.data, 1, out.len, stdout) != out.len || fflush(stdout) != 0)
      rc = oct_error_set(err, "cannot write to standard output");
  } else {
    rc = oct_file_write_atomic(path, out.data, out.len, err);
  }
  oct_buf_free(&out);
  return rc;
}

void oct_json_free(oct_json *ctx) { free(ctx); }
