/* Tree API, containment rules, iterator and builder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tree/tree.h"
#include "write/json/json.h"

static void containment_is_enforced(void **state) {
  (void)state;
  oct_node *doc = oct_node_new(OCT_NODE_DOCUMENT);
  oct_node *para = oct_node_new(OCT_NODE_PARAGRAPH);
  oct_node *list = oct_node_new(OCT_NODE_BULLET_LIST);
  oct_node *item = oct_node_new(OCT_NODE_LIST_ITEM);
  oct_node *text = oct_node_new(OCT_NODE_TEXT);
  assert_int_equal(oct_node_append_child(doc, para), 0);
  assert_int_equal(oct_node_append_child(para, list), -1); /* a paragraph cannot hold a list */
  assert_int_equal(oct_node_append_child(list, text), -1); /* a list holds only items */
  assert_int_equal(oct_node_append_child(doc, text), -1);  /* no inline at block level */
  assert_int_equal(oct_node_append_child(list, item), 0);
  assert_int_equal(oct_node_append_child(doc, list), 0);
  assert_int_equal(oct_node_append_child(para, text), 0);
  assert_int_equal(oct_node_append_child(para, text), -1); /* already linked */
  oct_node *t2 = oct_node_new(OCT_NODE_TEXT);
  assert_int_equal(oct_node_append_child(text, t2), -1); /* text is a leaf */
  oct_node_free(t2);
  oct_node_free(doc);
}

static void links_cannot_nest_and_cycles_are_refused(void **state) {
  (void)state;
  oct_node *p = oct_node_new(OCT_NODE_PARAGRAPH);
  oct_node *link = oct_node_new(OCT_NODE_LINK);
  oct_node *inner = oct_node_new(OCT_NODE_LINK);
  oct_node *em = oct_node_new(OCT_NODE_EMPHASIS);
  oct_node *strong = oct_node_new(OCT_NODE_STRONG);
  assert_int_equal(oct_node_append_child(p, link), 0);
  assert_int_equal(oct_node_append_child(link, inner), -1);
  assert_int_equal(oct_node_append_child(link, em), 0);
  assert_int_equal(oct_node_append_child(em, strong), 0);
  oct_node_unlink(em);
  assert_int_equal(oct_node_append_child(strong, em), -1); /* em is strong's ancestor */
  oct_node_free(em);
  oct_node_free(inner);
  oct_node_free(p);
}

static void siblings_insert_and_unlink(void **state) {
  (void)state;
  oct_node *doc = oct_node_new(OCT_NODE_DOCUMENT);
  oct_node *a = oct_node_new(OCT_NODE_PARAGRAPH), *b = oct_node_new(OCT_NODE_HEADING),
           *c = oct_node_new(OCT_NODE_THEMATIC_BREAK);
  assert_int_equal(oct_node_append_child(doc, b), 0);
  assert_int_equal(oct_node_insert_before(b, a), 0);
  assert_int_equal(oct_node_insert_after(b, c), 0);
  assert_ptr_equal(doc->first_child, a);
  assert_ptr_equal(a->next, b);
  assert_ptr_equal(b->next, c);
  assert_ptr_equal(doc->last_child, c);
  oct_node_unlink(b);
  assert_ptr_equal(a->next, c);
  assert_ptr_equal(c->prev, a);
  assert_null(b->parent);
  oct_node_free(b);
  oct_node_free(doc);
}

static void attributes_belong_to_their_types(void **state) {
  (void)state;
  oct_node *h = oct_node_new(OCT_NODE_HEADING);
  assert_int_equal(oct_node_set_heading_level(h, 3), 0);
  assert_int_equal(h->as.heading.level, 3);
  assert_int_equal(oct_node_set_heading_level(h, 7), -1);
  assert_int_equal(oct_node_set_url(h, "x"), -1);
  assert_int_equal(oct_node_set_text(h, "x", 1), -1);
  oct_node *t = oct_node_new(OCT_NODE_TEXT);
  assert_int_equal(oct_node_set_text(t, "hello world", 5), 0);
  assert_int_equal(oct_node_append_text(t, " you", 4), 0);
  assert_string_equal(oct_node_text(t), "hello you");
  oct_node *doc = oct_node_new(OCT_NODE_DOCUMENT);
  assert_int_equal(oct_meta_key_from_name("lang"), OCT_META_LANGUAGE);
  assert_int_equal(oct_meta_key_from_name("nonsense"), -1);
  assert_int_equal(oct_doc_set_meta(doc, OCT_META_TITLE, "T"), 0);
  assert_string_equal(oct_doc_meta(doc, OCT_META_TITLE), "T");
  assert_int_equal(oct_doc_set_meta(h, OCT_META_TITLE, "T"), -1);
  oct_node_free(h);
  oct_node_free(t);
  oct_node_free(doc);
}

/* Builds: doc > [heading > text, bullet_list > item > para > (text, strong > text)] */
static oct_node *sample_tree(void) {
  oct_error err;
  oct_error_init(&err, "test");
  oct_builder b;
  oct_builder_init(&b, &err);
  oct_builder_push(&b, OCT_NODE_HEADING);
  oct_builder_text(&b, "Head", 4);
  oct_builder_pop(&b);
  oct_builder_push(&b, OCT_NODE_BULLET_LIST);
  oct_builder_push(&b, OCT_NODE_LIST_ITEM);
  oct_builder_push(&b, OCT_NODE_PARAGRAPH);
  oct_builder_text(&b, "a", 1);
  oct_builder_text(&b, "b", 1); /* merges with "a" */
  oct_builder_push(&b, OCT_NODE_STRONG);
  oct_builder_text(&b, "c", 1);
  return oct_builder_finish(&b); /* closes what is open */
}

static void iterator_enters_and_exits_in_order(void **state) {
  (void)state;
  oct_node *doc = sample_tree();
  assert_non_null(doc);
  const char *expected[] = {"+document",    "+heading",     "+text",      "-heading",
                            "+bullet_list", "+list_item",   "+paragraph", "+text",
                            "+strong",      "+text",        "-strong",    "-paragraph",
                            "-list_item",   "-bullet_list", "-document"};
  size_t i = 0;
  oct_iter it;
  oct_iter_init(&it, doc);
  oct_event ev;
  while ((ev = oct_iter_next(&it)) != OCT_EVENT_DONE) {
    assert_true(i < sizeof expected / sizeof expected[0]);
    assert_int_equal(expected[i][0], ev == OCT_EVENT_ENTER ? '+' : '-');
    assert_string_equal(expected[i] + 1, oct_node_type_name(it.node->type));
    i++;
  }
  assert_int_equal(i, sizeof expected / sizeof expected[0]);
  assert_int_equal(oct_iter_next(&it), OCT_EVENT_DONE);

  /* skip_children: the next event is the container's own EXIT */
  oct_iter_init(&it, doc);
  oct_iter_next(&it);                                    /* +document */
  oct_iter_next(&it);                                    /* +heading */
  oct_iter_next(&it);                                    /* +text */
  oct_iter_next(&it);                                    /* -heading */
  assert_int_equal(oct_iter_next(&it), OCT_EVENT_ENTER); /* +bullet_list */
  oct_iter_skip_children(&it);
  assert_int_equal(oct_iter_next(&it), OCT_EVENT_EXIT);
  assert_int_equal(it.node->type, OCT_NODE_BULLET_LIST);
  assert_int_equal(oct_iter_next(&it), OCT_EVENT_EXIT);
  assert_int_equal(it.node->type, OCT_NODE_DOCUMENT);
  oct_buf text = OCT_BUF_INIT;
  oct_node_plain_text(doc, &text);
  assert_string_equal(text.data, "Headabc");
  oct_buf_free(&text);
  oct_node_free(doc);
}

static void builder_refuses_illegal_and_deep_nesting(void **state) {
  (void)state;
  oct_error err;
  oct_error_init(&err, "test");
  oct_builder b;
  oct_builder_init(&b, &err);
  oct_builder_push(&b, OCT_NODE_PARAGRAPH);
  assert_null(oct_builder_push(&b, OCT_NODE_BULLET_LIST));
  assert_non_null(strstr(err.msg, "paragraph cannot hold a bullet_list"));
  assert_null(oct_builder_finish(&b));

  oct_error_init(&err, "test");
  oct_builder_init(&b, &err);
  int ok = 0;
  for (int i = 0; i < 1000; i++)
    if (oct_builder_push(&b, OCT_NODE_BLOCK_QUOTE)) ok++;
  assert_int_equal(ok, OCT_BUILDER_MAX_DEPTH);
  assert_non_null(strstr(err.msg, "nesting deeper"));
  assert_null(oct_builder_finish(&b));
}

static void count_warning(void *user, const char *file, const char *msg) {
  (void)file;
  (void)msg;
  ++*(int *)user;
}

static void builder_flattens_with_one_warning(void **state) {
  (void)state;
  oct_error err;
  oct_error_init(&err, "test");
  int warnings = 0;
  err.warn = count_warning;
  err.warn_user = &warnings;
  oct_builder b;
  oct_builder_init(&b, &err);
  int opened = 0;
  for (int i = 0; i < 1000; i++)
    if (oct_builder_open(&b, OCT_NODE_BLOCK_QUOTE, OCT_BUILDER_RESERVE)) opened++;
  /* refused, not failed: room is left for a paragraph under the quotes */
  assert_int_equal(opened, OCT_BUILDER_MAX_DEPTH - OCT_BUILDER_RESERVE);
  assert_false(b.failed);
  assert_int_equal(warnings, 1);
  assert_non_null(oct_builder_open(&b, OCT_NODE_PARAGRAPH, 0));
  oct_builder_text(&b, "deep", 4);
  oct_node *doc = oct_builder_finish(&b);
  assert_non_null(doc);
  oct_buf text = OCT_BUF_INIT;
  oct_node_plain_text(doc, &text);
  assert_string_equal(text.data, "deep");
  oct_buf_free(&text);
  oct_node_free(doc);
}

static void builder_holds_text_and_drops_closed_nodes(void **state) {
  (void)state;
  oct_error err;
  oct_error_init(&err, "test");
  oct_builder b;
  oct_builder_init(&b, &err);
  oct_node *p = oct_builder_push(&b, OCT_NODE_PARAGRAPH);
  for (int i = 0; i < 1000; i++)
    oct_builder_text(&b, "ab", 2);
  /* held until flushed: the paragraph has no child yet */
  assert_null(p->first_child);
  assert_int_equal(oct_builder_flush(&b), 0);
  assert_non_null(p->first_child);
  assert_int_equal(strlen(oct_node_text(p->first_child)), 2000);
  oct_node *br = oct_builder_leaf(&b, OCT_NODE_LINE_BREAK);
  oct_builder_text(&b, "c", 1);
  /* the text after the break stays after it */
  assert_int_equal(oct_builder_drop(&b, p->last_child == br ? br : NULL), 0);
  assert_int_equal(oct_node_text(p->last_child)[0], 'c');
  assert_ptr_equal(p->first_child->next, p->last_child);
  /* the document, an open node and a node of another tree are refused */
  assert_int_equal(oct_builder_drop(&b, b.doc), -1);
  assert_int_equal(oct_builder_drop(&b, p), -1);
  oct_node *stray = oct_node_new(OCT_NODE_TEXT);
  assert_int_equal(oct_builder_drop(&b, stray), -1);
  oct_node_free(stray);
  oct_builder_pop(&b);
  /* closed again, it may go */
  assert_int_equal(oct_builder_drop(&b, p), 0);
  oct_node *doc = oct_builder_finish(&b);
  assert_null(doc->first_child);
  oct_node_free(doc);
}

static void setters_check_what_they_set(void **state) {
  (void)state;
  oct_node *ol = oct_node_new(OCT_NODE_ORDERED_LIST), *ul = oct_node_new(OCT_NODE_BULLET_LIST);
  oct_node *p = oct_node_new(OCT_NODE_PARAGRAPH);
  assert_int_equal(oct_node_set_list_delim(ol, ')'), 0);
  assert_int_equal(ol->as.list.delim, ')');
  assert_int_equal(oct_node_set_list_delim(ol, '-'), -1);
  assert_int_equal(oct_node_set_list_delim(ul, '-'), 0);
  assert_int_equal(ul->as.list.delim, '-');
  assert_int_equal(oct_node_set_list_delim(ul, '.'), -1);
  assert_int_equal(oct_node_set_list_delim(p, '*'), -1);
  assert_int_equal(oct_node_set_line(p, 12), 0);
  assert_int_equal(p->line, 12);
  assert_int_equal(oct_node_set_line(p, -1), -1);
  assert_int_equal(p->line, 12);
  oct_node_free(ol);
  oct_node_free(ul);
  oct_node_free(p);
}

static void free_is_not_recursive(void **state) {
  (void)state;
  /* A chain far deeper than any C stack would survive recursively. */
  oct_node *root = oct_node_new(OCT_NODE_BLOCK_QUOTE), *cur = root;
  for (int i = 0; i < 1000000; i++) {
    oct_node *q = oct_node_new(OCT_NODE_BLOCK_QUOTE);
    assert_int_equal(oct_node_append_child(cur, q), 0);
    cur = q;
  }
  size_t n = 0;
  oct_iter it;
  oct_iter_init(&it, root);
  while (oct_iter_next(&it) != OCT_EVENT_DONE)
    n++;
  assert_int_equal(n, 2 * 1000001);
  oct_node_free(root);
}

static void json_dump_shape(void **state) {
  (void)state;
  oct_node *doc = sample_tree();
  oct_doc_set_meta(doc, OCT_META_TITLE, "A \"quoted\" title");
  oct_buf out = OCT_BUF_INIT;
  oct_json_dump(doc, &out);
  assert_non_null(strstr(out.data, "\"title\": \"A \\\"quoted\\\" title\""));
  assert_non_null(strstr(out.data, "\"author\": null"));
  assert_non_null(strstr(out.data, "{\"type\": \"heading\", \"level\": 1, \"children\": ["));
  assert_non_null(strstr(out.data, "{\"type\": \"text\", \"text\": \"ab\"}"));
  assert_null(strstr(out.data, "\"identifier\"")); /* unset optional keys are left out */
  oct_buf_free(&out);
  oct_node_free(doc);
}

/* ---- dates (date.c): every form the three parsers of old read */

static void check_parse(const char *in, unsigned flags, oct_date_kind want_kind, const char *want) {
  char iso[OCT_DATE_ISO_SIZE];
  oct_date_kind k = oct_date_parse(in, strlen(in), flags, iso);
  if (k != want_kind) fail_msg("'%s': kind %d, want %d", in, (int)k, (int)want_kind);
  assert_string_equal(iso, want);
}

static void dates_read_every_form(void **state) {
  (void)state;
  static const struct {
    const char *in, *want;
  } days[] = {
      {"2024-03-05", "2024-03-05"},
      {"2024/3/5", "2024-03-05"},
      {"2024.03.05", "2024-03-05"},
      {"2024-03-05T10:00:00Z", "2024-03-05"},
      {"2024-03-05 10:00:00 +0100", "2024-03-05"},
      {"March 5, 2024", "2024-03-05"},
      {"march 5 2024", "2024-03-05"},
      {"Mar. 5th, 2024", "2024-03-05"},
      {"5 March 2024", "2024-03-05"},
      {"5th Mar. 2024", "2024-03-05"},
      {"5th of March, 2024", "2024-03-05"},
      {"Tuesday, 5 Mar. 2024", "2024-03-05"},
      {"Monday, June 10th, 2024", "2024-06-10"},
      {"Tues. March 5, 2024", "2024-03-05"},
      {"Sept 30, 2023", "2023-09-30"},
      {"Sept. 9, 2023", "2023-09-09"},
      {"Octo 1, 2023", "2023-10-01"},
      {"2024 March 5", "2024-03-05"},
      {"March 3rd, 2024 at 10:30", "2024-03-03"},
      {"Mar 3, 2024 10:30 am", "2024-03-03"},
      {"3 Mar 2024 9:05", "2024-03-03"},
      {"Tue 7 May 2024 09.15 BST", "2024-05-07"},
      {"25/12/2023", "2023-12-25"},
      {"12/31/2024", "2024-12-31"},
      {"29/02/2024", "2024-02-29"},
      {"2024-02-29", "2024-02-29"},
      {"2000-02-29", "2000-02-29"},
      {"4. Juli 2024", "2024-07-04"},
      {"12 de julio de 2024", "2024-07-12"},
      {"1er mars 2024", "2024-03-01"},
      {"3 d\xC3\xA9\x63\x65mbre 2023", "2023-12-03"},
      {"15 ao\xC3\xBBt 2022", "2022-08-15"},
      {"7 de mar\xC3\xA7o de 2021", "2021-03-07"},
      {"2 M\xC3\xA4rz 2020", "2020-03-02"},
      {"9 settembre 2019", "2019-09-09"},
      {"21 maart 2018", "2018-03-21"},
      {"3 \xD0\xB1\xD0\xB5\xD1\x80\xD0\xB5\xD0\xB7\xD0\xBD\xD1\x8F 2024 \xD1\x80.", "2024-03-03"},
      {"3 \xD0\xBC\xD0\xB0\xD1\x80\xD1\x82\xD0\xB0 2024 \xD0\xB3\xD0\xBE\xD0\xB4\xD0\xB0",
       "2024-03-03"},
  };
  for (size_t i = 0; i < sizeof days / sizeof *days; i++) {
    check_parse(days[i].in, 0, OCT_DATE_ISO, days[i].want);
    check_parse(days[i].in, OCT_DATE_PARTIAL, OCT_DATE_ISO, days[i].want);
  }
  /* day and month either way round: a date, but kept as written */
  static const char *const ambiguous[] = {"03/05/2024", "03/03/2024", "5.3.2024", "1/2/2024"};
  for (size_t i = 0; i < sizeof ambiguous / sizeof *ambiguous; i++)
    check_parse(ambiguous[i], 0, OCT_DATE_AMBIGUOUS, "");
  /* not days: impossible ones, half-dates without the flag, words */
  static const char *const none[] = {"2023-02-29",
                                     "1900-02-29",
                                     "February 30, 2024",
                                     "30 February 2024",
                                     "2024-13-01",
                                     "2024-04-31",
                                     "31/04/2024",
                                     "0999-01-01",
                                     "March 5, 20245",
                                     "March 5, 2024 was a Tuesday",
                                     "5 Ma 2024",
                                     "Marches 5, 2024",
                                     "yesterday",
                                     "45 views",
                                     "",
                                     "2024",
                                     "2024-03",
                                     "March 2024"};
  for (size_t i = 0; i < sizeof none / sizeof *none; i++)
    check_parse(none[i], 0, OCT_DATE_NONE, "");
  /* a month or a year alone, when that is all there is */
  check_parse("2024", OCT_DATE_PARTIAL, OCT_DATE_ISO, "2024");
  check_parse("2024-3", OCT_DATE_PARTIAL, OCT_DATE_ISO, "2024-03");
  check_parse("2024/03", OCT_DATE_PARTIAL, OCT_DATE_ISO, "2024-03");
  check_parse("March 2024", OCT_DATE_PARTIAL, OCT_DATE_ISO, "2024-03");
  check_parse("Sept. 2023", OCT_DATE_PARTIAL, OCT_DATE_ISO, "2023-09");
  check_parse("2024-13", OCT_DATE_PARTIAL, OCT_DATE_NONE, "");
  check_parse("Spring 2024", OCT_DATE_PARTIAL, OCT_DATE_NONE, "");
  check_parse("2024-03-05 and later", OCT_DATE_PARTIAL, OCT_DATE_NONE, "");
}

static void dates_at_start_and_inside(void **state) {
  (void)state;
  char iso[OCT_DATE_ISO_SIZE];
  size_t used;
  /* "N." before a month only in the languages that write it so */
  assert_false(oct_date_find("Issue 12. May 2023", strlen("Issue 12. May 2023"), iso));
  assert_int_equal(oct_date_parse("5 March 2024 10.5 million", 25, 0, iso), OCT_DATE_NONE);
  assert_true(oct_date_find("am 4. Juli 2024", strlen("am 4. Juli 2024"), iso));
  assert_string_equal(iso, "2024-07-04");
  const char *s = "2024-03-05 (updated)";
  assert_int_equal(oct_date_at(s, strlen(s), &used, iso), OCT_DATE_ISO);
  assert_string_equal(iso, "2024-03-05");
  assert_int_equal(used, 10);
  s = "Tuesday, 5 March 2024, 10:00";
  assert_int_equal(oct_date_at(s, strlen(s), &used, iso), OCT_DATE_ISO);
  assert_int_equal(used, strlen("Tuesday, 5 March 2024"));
  s = "the 5 March 2024";
  assert_int_equal(oct_date_at(s, strlen(s), &used, iso), OCT_DATE_NONE);
  assert_int_equal(used, 0);
  /* only the bytes given are read: "2024-03-0" is not the 5th */
  assert_int_equal(oct_date_at("2024-03-05", 9, &used, iso), OCT_DATE_NONE);

  s = "Published Tuesday, 5 March 2024, 10:00";
  assert_true(oct_date_find(s, strlen(s), iso));
  assert_string_equal(iso, "2024-03-05");
  s = "By Jane Doe | Updated 2023-11-02T09:30";
  assert_true(oct_date_find(s, strlen(s), iso));
  assert_string_equal(iso, "2023-11-02");
  static const char *const none[] = {"45 views, 3 comments", "on 03/05/2024", "a2024-03-05",
                                     "February 30, 2024", ""};
  for (size_t i = 0; i < sizeof none / sizeof *none; i++)
    if (oct_date_find(none[i], strlen(none[i]), iso)) fail_msg("'%s' read as %s", none[i], iso);

  assert_int_equal(oct_date_month("Sept", 4), 9);
  assert_int_equal(oct_date_month("MAY", 3), 5);
  assert_int_equal(oct_date_month("Octo", 4), 10);
  assert_int_equal(oct_date_month("Ma", 2), 0);
  assert_int_equal(oct_date_month("Marches", 7), 0);
  assert_true(oct_date_weekday("Thurs", 5));
  assert_false(oct_date_weekday("Thursdays", 9));
}

/* The tree holds ISO 8601 or the words as written, whoever sets the date. */
static void document_date_is_iso_or_verbatim(void **state) {
  (void)state;
  oct_node *doc = oct_node_new(OCT_NODE_DOCUMENT);
  static const struct {
    const char *in, *stored, *iso;
  } cases[] = {
      {"March 3, 2024", "2024-03-03", "2024-03-03"},
      {"Tuesday, 5 Mar. 2024 at 10:00", "2024-03-05", "2024-03-05"},
      {"2024-03-05T10:00:00Z", "2024-03-05", "2024-03-05"},
      {"March 2024", "2024-03", "2024-03"},
      {"2024", "2024", "2024"},
      {"03/05/2024", "03/05/2024", NULL},
      {"2023-02-29", "2023-02-29", NULL},
      {"Spring 2024", "Spring 2024", NULL},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    assert_int_equal(oct_doc_set_meta(doc, OCT_META_DATE, cases[i].in), 0);
    assert_string_equal(oct_doc_meta(doc, OCT_META_DATE), cases[i].stored);
    const char *iso = oct_doc_date_iso(doc);
    if (cases[i].iso)
      assert_string_equal(iso, cases[i].iso);
    else
      assert_null(iso);
  }
  /* characters no output can hold are read past, not taken for words */
  oct_doc_set_meta(doc, OCT_META_DATE, "2024-03-03\x01\x7f\xef\xbf\xbe");
  assert_string_equal(oct_doc_meta(doc, OCT_META_DATE), "2024-03-03");
  /* other keys are stored as given */
  oct_doc_set_meta(doc, OCT_META_TITLE, "March 3, 2024");
  assert_string_equal(oct_doc_meta(doc, OCT_META_TITLE), "March 3, 2024");
  oct_doc_set_meta(doc, OCT_META_DATE, NULL);
  assert_null(oct_doc_date_iso(doc));
  oct_node_free(doc);
}

/* Source levels in, levels after oct_doc_close_heading_gaps out. */
static void check_gaps(const int *in, const int *want, int n) {
  oct_node *doc = oct_node_new(OCT_NODE_DOCUMENT);
  for (int i = 0; i < n; i++) {
    oct_node *h = oct_node_new(OCT_NODE_HEADING);
    assert_int_equal(oct_node_set_heading_level(h, in[i]), 0);
    /* one inside a quote: the pass sees every heading in reading order */
    if (i == n - 1) {
      oct_node *q = oct_node_new(OCT_NODE_BLOCK_QUOTE);
      assert_int_equal(oct_node_append_child(doc, q), 0);
      assert_int_equal(oct_node_append_child(q, h), 0);
    } else {
      assert_int_equal(oct_node_append_child(doc, h), 0);
    }
  }
  oct_doc_close_heading_gaps(doc);
  int i = 0;
  oct_iter it;
  oct_iter_init(&it, doc);
  while (oct_iter_next(&it) != OCT_EVENT_DONE)
    if (it.event == OCT_EVENT_ENTER && it.node->type == OCT_NODE_HEADING) {
      assert_true(i < n);
      assert_int_equal(it.node->as.heading.level, want[i]);
      i++;
    }
  assert_int_equal(i, n);
  oct_node_free(doc);
}

static void heading_gaps_are_closed(void **state) {
  (void)state;
  check_gaps((int[]){2, 4, 4, 2, 4}, (int[]){2, 3, 3, 2, 3}, 5);
  check_gaps((int[]){2, 4, 5, 3, 4}, (int[]){2, 3, 4, 3, 4}, 5);
  /* the first heading keeps its level; going up never needs a change */
  check_gaps((int[]){3, 1, 3, 6}, (int[]){3, 1, 2, 3}, 4);
  check_gaps((int[]){1, 2, 3, 2, 1}, (int[]){1, 2, 3, 2, 1}, 5);
  check_gaps((int[]){1, 6, 6, 6}, (int[]){1, 2, 2, 2}, 4);
}

/* BYLINE through oct_doc_set_meta gives the authors WANT (NULL-ended). */
static void check_authors(const char *byline, const char *const *want) {
  oct_node *doc = oct_node_new(OCT_NODE_DOCUMENT);
  assert_int_equal(oct_doc_set_meta(doc, OCT_META_AUTHOR, byline), 0);
  size_t n = 0;
  while (want[n])
    n++;
  assert_int_equal(oct_doc_meta_count(doc, OCT_META_AUTHOR), n);
  for (size_t i = 0; i < n; i++)
    assert_string_equal(oct_doc_meta_item(doc, OCT_META_AUTHOR, i), want[i]);
  assert_null(oct_doc_meta_item(doc, OCT_META_AUTHOR, n));
  oct_node_free(doc);
}

static void authors_and_subjects_are_lists(void **state) {
  (void)state;
  check_authors("By Marta Lindqvist and Tom O'Hara",
                (const char *[]){"Marta Lindqvist", "Tom O'Hara", NULL});
  check_authors("Ann Lee, Bo Li and Cy Young",
                (const char *[]){"Ann Lee", "Bo Li", "Cy Young", NULL});
  check_authors("Dr. Ann Lee & Prof. Bo Li", (const char *[]){"Dr. Ann Lee", "Prof. Bo Li", NULL});
  check_authors("John Smith, Jr. and Ann Lee",
                (const char *[]){"John Smith, Jr.", "Ann Lee", NULL});
  /* not two people: a role, an inverted name, a magazine, a degree */
  check_authors("Jane Doe, Staff Writer", (const char *[]){"Jane Doe, Staff Writer", NULL});
  check_authors("Jong, Michiel de", (const char *[]){"Jong, Michiel de", NULL});
  check_authors("Mac & i", (const char *[]){"Mac & i", NULL});
  check_authors("Brenda Goodman, MA", (const char *[]){"Brenda Goodman, MA", NULL});
  check_authors("Staff and Wire Reports", (const char *[]){"Staff and Wire Reports", NULL});
  /* ';' always separates (-M author="A; B", front matter lists); doubles go */
  check_authors("Ann; Bob; ann", (const char *[]){"Ann", "Bob", NULL});

  oct_node *doc = oct_node_new(OCT_NODE_DOCUMENT);
  oct_doc_set_meta(doc, OCT_META_AUTHOR, "Ann; Bob");
  assert_string_equal(oct_doc_meta(doc, OCT_META_AUTHOR), "Ann, Bob");
  oct_doc_set_meta(doc, OCT_META_AUTHOR, "By Ann Lee and Bo Li");
  assert_string_equal(oct_doc_meta(doc, OCT_META_AUTHOR), "By Ann Lee and Bo Li");
  oct_doc_set_meta(doc, OCT_META_SUBJECT, "rain, gauges; weather,");
  assert_int_equal(oct_doc_meta_count(doc, OCT_META_SUBJECT), 3);
  assert_string_equal(oct_doc_meta_item(doc, OCT_META_SUBJECT, 2), "weather");
  oct_doc_set_meta(doc, OCT_META_SUBJECT, NULL);
  assert_int_equal(oct_doc_meta_count(doc, OCT_META_SUBJECT), 0);
  assert_null(oct_doc_meta(doc, OCT_META_SUBJECT));
  oct_doc_set_meta(doc, OCT_META_TITLE, "T");
  assert_int_equal(oct_doc_meta_count(doc, OCT_META_TITLE), 1);
  assert_string_equal(oct_doc_meta_item(doc, OCT_META_TITLE, 0), "T");
  oct_node_free(doc);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(builder_flattens_with_one_warning),
      cmocka_unit_test(builder_holds_text_and_drops_closed_nodes),
      cmocka_unit_test(setters_check_what_they_set),
      cmocka_unit_test(dates_read_every_form),
      cmocka_unit_test(dates_at_start_and_inside),
      cmocka_unit_test(document_date_is_iso_or_verbatim),
      cmocka_unit_test(containment_is_enforced),
      cmocka_unit_test(links_cannot_nest_and_cycles_are_refused),
      cmocka_unit_test(siblings_insert_and_unlink),
      cmocka_unit_test(attributes_belong_to_their_types),
      cmocka_unit_test(iterator_enters_and_exits_in_order),
      cmocka_unit_test(builder_refuses_illegal_and_deep_nesting),
      cmocka_unit_test(free_is_not_recursive),
      cmocka_unit_test(json_dump_shape),
      cmocka_unit_test(heading_gaps_are_closed),
      cmocka_unit_test(authors_and_subjects_are_lists),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
