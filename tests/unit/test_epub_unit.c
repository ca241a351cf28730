/* Unit tests of the EPUB writer's pure helpers: heading slugs, the
 * content-derived UUID, language-tag validation, date reading
 * and the generated cover's determinism. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* cmocka needs the headers above first. */
#include <cmocka.h>

#include <png.h>

#include "write/epub/internal.h"

static void check_slug(const char *in, const char *want) {
  oct_buf b = OCT_BUF_INIT;
  epub_slug(in, &b);
  assert_string_equal(b.data, want);
  oct_buf_free(&b);
}

static void test_slug(void **state) {
  (void)state;
  check_slug("Japan's Role in NATO", "japans-role-in-nato");
  check_slug("  Tom & Jerry: <Escapes>!  ", "tom-jerry-escapes");
  check_slug("Café Crème Brûlée", "cafe-creme-brulee");
  check_slug("Straße und Øl", "strasse-und-ol");
  check_slug("2024 in review", "s-2024-in-review");
  check_slug("Ελληνικά", "section");
  check_slug("", "section");
  check_slug(NULL, "section");
  check_slug("don\xe2\x80\x99t stop", "dont-stop");
  /* long headings are cut, and never end in a dash */
  oct_buf b = OCT_BUF_INIT;
  epub_slug("a very long heading that goes on and on and on well past any sensible length", &b);
  assert_true(b.len <= 50);
  assert_true(b.data[b.len - 1] != '-');
  oct_buf_free(&b);
}

static bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

static void test_uuid(void **state) {
  (void)state;
  char a[46], b[46];
  epub_uuid_v5("hello", 5, a);
  epub_uuid_v5("hello", 5, b);
  assert_string_equal(a, b);
  assert_int_equal(strlen(a), 45);
  assert_memory_equal(a, "urn:uuid:", 9);
  const char *u = a + 9;
  for (int i = 0; i < 36; i++) {
    if (i == 8 || i == 13 || i == 18 || i == 23)
      assert_int_equal(u[i], '-');
    else
      assert_true(is_hex(u[i]));
  }
  assert_int_equal(u[14], '5');           /* version 5 */
  assert_non_null(strchr("89ab", u[19])); /* RFC 4122 variant */
  epub_uuid_v5("hellp", 5, b);
  assert_string_not_equal(a, b);

  /* Derived from the content: same tree, same id; one changed word, new id;
   * the identifier key itself does not take part. */
  oct_node *d1 = oct_node_new(OCT_NODE_DOCUMENT), *d2 = oct_node_new(OCT_NODE_DOCUMENT);
  oct_node *docs[2] = {d1, d2};
  for (int i = 0; i < 2; i++) {
    oct_doc_set_meta(docs[i], OCT_META_TITLE, "Title");
    oct_node *p = oct_node_new(OCT_NODE_PARAGRAPH);
    oct_node *t = oct_node_new(OCT_NODE_TEXT);
    oct_node_set_text(t, "Body text", 9);
    assert_int_equal(oct_node_append_child(p, t), 0);
    assert_int_equal(oct_node_append_child(docs[i], p), 0);
  }
  epub_content_uuid(d1, a);
  epub_content_uuid(d2, b);
  assert_string_equal(a, b);
  oct_doc_set_meta(d2, OCT_META_IDENTIFIER, "urn:isbn:123");
  epub_content_uuid(d2, b);
  assert_string_equal(a, b);
  oct_node_set_text(d2->first_child->first_child, "Body test", 9);
  epub_content_uuid(d2, b);
  assert_string_not_equal(a, b);
  oct_doc_set_meta(d1, OCT_META_AUTHOR, "Someone");
  char c[46];
  epub_content_uuid(d1, c);
  assert_string_not_equal(a, c);
  oct_node_free(d1);
  oct_node_free(d2);
}

static void test_lang(void **state) {
  (void)state;
  const char *good[] = {"en",     "EN",         "en-US", "fr-CA", "zh-Hant-TW", "sr-Latn",
                        "es-419", "de-CH-1996", "ja",    "ast",   "x-klingon",  "en-x-private"};
  const char *bad[] = {"",    "C",      "POSIX",   "en_US", "english1",         "e", "en-",
                       "-en", "en--US", "C.UTF-8", "123",   "en-toolongsubtag", "x"};
  for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
    if (!epub_lang_valid(good[i])) fail_msg("'%s' should be valid", good[i]);
  }
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    if (epub_lang_valid(bad[i])) fail_msg("'%s' should be invalid", bad[i]);
  }
  assert_false(epub_lang_valid(NULL));
}

/* What the one XML sanitiser keeps and drops (util/xmltext.c). */
static void test_xml_clean(void **state) {
  (void)state;
  char *owned;
  const char *clean = "caf\xc3\xa9 \t\n\r \xef\xbf\xbd \xf0\x9f\x98\x80 \xee\x80\x80";
  assert_ptr_equal(oct_xml_text(clean, &owned), clean); /* no copy when nothing goes */
  assert_null(owned);
  assert_string_equal(oct_xml_text("a\x01"
                                   "b\tc\nd\x1f\x7f",
                                   &owned),
                      "ab\tc\nd");
  free(owned);
  /* broken UTF-8, U+FFFF, a CESU-style surrogate (U+D800), U+FFFE */
  assert_string_equal(
      oct_xml_text("caf\xc3\xa9 \xff\xfe broken \xef\xbf\xbf \xed\xa0\x80 \xef\xbf\xbe end",
                   &owned),
      "caf\xc3\xa9  broken    end");
  free(owned);
  /* C1 (U+0085, U+009F), noncharacters U+FDD0, U+FDEF, U+1FFFE, U+10FFFF */
  assert_string_equal(oct_xml_text("<\xc2\x85\xc2\x9f\xef\xb7\x90\xef\xb7\xaf\xf0\x9f\xbf\xbe"
                                   "\xf4\x8f\xbf\xbf>",
                                   &owned),
                      "<>");
  free(owned);
  assert_true(oct_xml_char(0xA0) && oct_xml_char(0xFDCF) && oct_xml_char(0xFDF0) &&
              oct_xml_char(0xFFFD) && oct_xml_char(0x10FFFD));
  assert_false(oct_xml_char(0) || oct_xml_char(0x0B) || oct_xml_char(0xDFFF) ||
               oct_xml_char(0x110000));
  assert_null(oct_xml_text(NULL, &owned));
  assert_null(owned);
}

static void test_time(void **state) {
  (void)state;
  char out[24];
  epub_format_time(0, out);
  assert_string_equal(out, "1970-01-01T00:00:00Z");
  epub_format_time(1700000000, out);
  assert_string_equal(out, "2023-11-14T22:13:20Z");
}

/* A word wider than the cover (a URL used as title, a runaway author field)
 * is broken between characters; it once made wrap() leave lines unset. */
static void test_cover_unbreakable_words(void **state) {
  (void)state;
  char author[301];
  memset(author, 'x', 300);
  author[300] = '\0';
  oct_buf a = OCT_BUF_INIT;
  oct_error err;
  oct_error_init(&err, "test");
  assert_int_equal(epub_cover_render("https://example.com/some-long-article-slug-some-long-article-"
                                     "slug-some-long-article-slug-index.html",
                                     author, 400, 600, &a, &err),
                   0);
  assert_memory_equal(a.data, "\x89PNG\r\n\x1a\n", 8);
  oct_buf_free(&a);
}

static void test_cover(void **state) {
  (void)state;
  oct_buf a = OCT_BUF_INIT, b = OCT_BUF_INIT, c = OCT_BUF_INIT;
  oct_error err;
  oct_error_init(&err, "test");
  const char *title = "A Rather Long Title That Must Wrap Over Several Lines of the Cover";
  assert_int_equal(epub_cover_render(title, "Ada Lovelace", 400, 600, &a, &err), 0);
  assert_int_equal(epub_cover_render(title, "Ada Lovelace", 400, 600, &b, &err), 0);
  assert_int_equal(epub_cover_render(title, "Grace Hopper", 400, 600, &c, &err), 0);
  assert_true(a.len > 100);
  assert_memory_equal(a.data, "\x89PNG\r\n\x1a\n", 8);
  /* IHDR: width, height, 4 bits a pixel, palette */
  const unsigned char *p = (const unsigned char *)a.data;
  assert_int_equal((p[16] << 24 | p[17] << 16 | p[18] << 8 | p[19]), 400);
  assert_int_equal((p[20] << 24 | p[21] << 16 | p[22] << 8 | p[23]), 600);
  assert_int_equal(p[24], 4);
  assert_int_equal(p[25], 3);
  assert_memory_equal(p + 37, "PLTE", 4);
  /* Our hand-written PNG must decode (libpng checks CRCs, zlib checks
   * Adler-32) to the drawing: field, gold frame, light text. */
  png_image img;
  memset(&img, 0, sizeof img);
  img.version = PNG_IMAGE_VERSION;
  assert_true(png_image_begin_read_from_memory(&img, a.data, a.len));
  assert_int_equal(img.width, 400);
  assert_int_equal(img.height, 600);
  img.format = PNG_FORMAT_RGB;
  unsigned char *px = malloc(PNG_IMAGE_SIZE(img));
  assert_true(png_image_finish_read(&img, NULL, px, 0, NULL));
  int stride = 400 * 3;
#define RGB_AT(x, y)                                                                               \
  ((uint32_t)px[(y)*stride + (x)*3] << 16 | (uint32_t)px[(y)*stride + (x)*3 + 1] << 8 |            \
   px[(y)*stride + (x)*3 + 2])
  assert_int_equal(RGB_AT(5, 5), 0x1F334F);
  assert_int_equal(RGB_AT(20, 300), 0xC9A45C);
  /* some text pixels are fully inked in the title band */
  int inked = 0;
  for (int y = 150; y < 300; y++)
    for (int x = 40; x < 360; x++)
      if (RGB_AT(x, y) == 0xF4EEE0) inked++;
#undef RGB_AT
  assert_true(inked > 500);
  free(px);
  assert_int_equal(a.len, b.len);
  assert_memory_equal(a.data, b.data, a.len); /* byte-deterministic */
  assert_true(a.len != c.len || memcmp(a.data, c.data, a.len) != 0);
  oct_buf_free(&a);
  oct_buf_free(&b);
  oct_buf_free(&c);
}

/* Direction from the language tag: the primary subtag, overridden by a
 * script subtag either way. */
static void test_rtl(void **state) {
  (void)state;
  const char *rtl[] = {"ar", "ar-EG",   "he",         "HE-il",   "fa",      "ur",
                       "yi", "ps",      "sd",         "ug",      "dv",      "ckb",
                       "iw", "az-Arab", "pa-Arab-PK", "uz-Arab", "ku-Arab", NULL};
  const char *ltr[] = {"en", "de",  "uk", "zh-Hant", "ja", "sd-Deva", "az", "az-Latn",
                       "ku", "ara", "a",  "ar-Latn", "",   "arab",    NULL};
  for (int i = 0; rtl[i]; i++)
    if (!epub_lang_rtl(rtl[i])) fail_msg("%s should be right to left", rtl[i]);
  for (int i = 0; ltr[i]; i++)
    if (epub_lang_rtl(ltr[i])) fail_msg("%s should be left to right", ltr[i]);
  assert_false(epub_lang_rtl(NULL));
}

/* The shipped table: every language the book promises, by whole tag or
 * shortened, with English where a language or a cell is missing. */
static void test_labels_asset(void **state) {
  (void)state;
  oct_error err;
  oct_error_init(&err, NULL);
  struct {
    const char *lang, *contents;
  } want[] = {{"en", "Contents"},      {"de-AT", "Inhalt"},  {"fr-CA", "Table des matières"},
              {"es", "Índice"},        {"it", "Indice"},     {"pt-BR", "Índice"},
              {"nl", "Inhoud"},        {"sv", "Innehåll"},   {"pl", "Spis treści"},
              {"uk", "Зміст"},         {"ru", "Содержание"}, {"ar-EG", "المحتويات"},
              {"he", "תוכן העניינים"}, {"zh", "目录"},       {"zh-Hans-CN", "目录"},
              {"zh-Hant-TW", "目錄"},  {"zh-TW", "目錄"},    {"ja", "目次"},
              {"ko", "목차"},          {"xx", "Contents"},   {"EN-gb", "Contents"},
              {"zhx", "Contents"}};
  for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
    epub_labels l;
    assert_int_equal(epub_labels_load(want[i].lang, &l, &err), 0);
    assert_string_equal(l.text[EPUB_L_CONTENTS], want[i].contents);
    for (int k = 0; k < EPUB_N_LABELS; k++)
      assert_true(l.text[k] && *l.text[k]);
    epub_labels_free(&l);
  }
}

/* The parser on its own: column order from the header, an empty cell
 * falls back to English, a missing English label or column is an error. */
static void test_labels_parse(void **state) {
  (void)state;
  oct_error err;
  oct_error_init(&err, NULL);
  epub_labels l;
  char ok[] = "# comment\r\n"
              "lang\tlandmarks\tcontents\tcover\ttitlepage\tstart\tcover_alt\tcover_alt_by"
              "\tuntitled\tuntitled_section\r\n"
              "en\tL\tC\tCv\tT\tS\tA {title}\tA {title} {author}\tU\tUS\r\n"
              "de\t\tInhalt\tUmschlag\n"
              "de-CH\t\tInhaltCH\n";
  char ok2[sizeof ok]; /* the parser cuts its input up */
  memcpy(ok2, ok, sizeof ok);
  assert_int_equal(epub_labels_parse(ok, "de-CH-1996", &l, &err), 0);
  assert_string_equal(l.text[EPUB_L_CONTENTS], "InhaltCH");
  assert_string_equal(l.text[EPUB_L_LANDMARKS], "L"); /* empty cell */
  assert_string_equal(l.text[EPUB_L_COVER], "Cv");    /* de-CH has no cover */
  assert_int_equal(epub_labels_parse(ok2, "de", &l, &err), 0);
  assert_string_equal(l.text[EPUB_L_COVER], "Umschlag");
  assert_string_equal(l.text[EPUB_L_START], "S");
  char no_en[] = "lang\tcontents\tlandmarks\tcover\ttitlepage\tstart\tcover_alt\tcover_alt_by"
                 "\tuntitled\tuntitled_section\nde\tInhalt\n";
  assert_int_equal(epub_labels_parse(no_en, "de", &l, &err), -1);
  assert_non_null(strstr(err.msg, "English"));
  char no_col[] = "lang\tcontents\nen\tContents\n";
  assert_int_equal(epub_labels_parse(no_col, "en", &l, &err), -1);
  assert_non_null(strstr(err.msg, "landmarks"));
  char no_head[] = "en\tContents\n";
  assert_int_equal(epub_labels_parse(no_head, "en", &l, &err), -1);
  char *s = epub_label_fill("{title} / {author} {x}", "T", NULL);
  assert_string_equal(s, "T /  {x}");
  free(s);
}

static size_t count(const char *s, const char *what) {
  size_t n = 0;
  for (const char *p = strstr(s, what); p; p = strstr(p + 1, what))
    n++;
  return n;
}

/* The SVG cover the cover page shows: one <use> per glyph drawn, one path
 * per distinct glyph of a face, each use naming a path defined before it;
 * and drawing it beside the PNG leaves the PNG as it was. */
static void test_cover_svg(void **state) {
  (void)state;
  oct_buf png = OCT_BUF_INIT, svg = OCT_BUF_INIT, alone = OCT_BUF_INIT;
  oct_error err;
  oct_error_init(&err, "test");
  assert_int_equal(epub_cover_draw("Banana Bread", "Ada", 400, 600, &png, 1600, 2400, &svg, &err),
                   0);
  assert_int_equal(epub_cover_render("Banana Bread", "Ada", 400, 600, &alone, &err), 0);
  assert_int_equal(png.len, alone.len);
  assert_memory_equal(png.data, alone.data, png.len);
  const char *s = svg.data; /* NUL-terminated, as every oct_buf */
  assert_memory_equal(s, "<svg xmlns=\"http://www.w3.org/2000/svg\"", 39);
  assert_non_null(strstr(s, "viewBox=\"0 0 1600 2400\""));
  assert_string_equal(s + svg.len - 7, "</svg>\n");
  /* 11 letters of the title (bold), 3 of the author (italic): B a n r e d
   * in one face, A d a in the other */
  assert_int_equal(count(s, "<use "), 14);
  assert_int_equal(count(s, "<path id="), 9);
  for (const char *u = strstr(s, "xlink:href=\"#"); u; u = strstr(u + 1, "xlink:href=\"#")) {
    char id[32];
    size_t n = strcspn(u + 13, "\"");
    assert_true(n > 0 && n < 20);
    snprintf(id, sizeof id, "id=\"%.*s\"", (int)n, u + 13);
    const char *def = strstr(s, id);
    assert_non_null(def);
    assert_true(def < u);
  }
  oct_buf_free(&png);
  oct_buf_free(&svg);
  oct_buf_free(&alone);
}

/* Arabic on the cover is joined and right to left: "سطح" (seen, tah, hah)
 * drawn from its letters must give the very picture the presentation
 * forms give, initial seen, medial tah, final hah -- which they only do
 * when the letters are shaped into those forms and laid out in visual
 * order.  Drawn a letter at a time in logical order, as before, the
 * pictures differ. */
static void test_cover_arabic_shaped(void **state) {
  (void)state;
  oct_buf letters = OCT_BUF_INIT, forms = OCT_BUF_INIT, reversed = OCT_BUF_INIT;
  oct_error err;
  oct_error_init(&err, "test");
  assert_int_equal(epub_cover_render("\u0633\u0637\u062D", NULL, 400, 600, &letters, &err), 0);
  assert_int_equal(epub_cover_render("\uFEB3\uFEC4\uFEA2", NULL, 400, 600, &forms, &err), 0);
  /* the letters isolated, in the wrong (left-to-right) order */
  assert_int_equal(epub_cover_render("\uFEB1\uFEC1\uFEA1", NULL, 400, 600, &reversed, &err), 0);
  assert_int_equal(letters.len, forms.len);
  assert_memory_equal(letters.data, forms.data, letters.len);
  assert_true(letters.len != reversed.len || memcmp(letters.data, reversed.data, letters.len) != 0);
  /* and so does the SVG the cover page shows */
  oct_buf png = OCT_BUF_INIT, svg_letters = OCT_BUF_INIT, svg_forms = OCT_BUF_INIT,
          svg_reversed = OCT_BUF_INIT;
  assert_int_equal(
      epub_cover_draw("\u0633\u0637\u062D", NULL, 40, 60, &png, 400, 600, &svg_letters, &err), 0);
  assert_int_equal(
      epub_cover_draw("\uFEB3\uFEC4\uFEA2", NULL, 40, 60, &png, 400, 600, &svg_forms, &err), 0);
  assert_int_equal(
      epub_cover_draw("\uFEB1\uFEC1\uFEA1", NULL, 40, 60, &png, 400, 600, &svg_reversed, &err), 0);
  assert_int_equal(svg_letters.len, svg_forms.len);
  assert_memory_equal(svg_letters.data, svg_forms.data, svg_letters.len);
  assert_true(svg_letters.len != svg_reversed.len ||
              memcmp(svg_letters.data, svg_reversed.data, svg_letters.len) != 0);
  oct_buf_free(&png);
  oct_buf_free(&svg_letters);
  oct_buf_free(&svg_forms);
  oct_buf_free(&svg_reversed);
  oct_buf_free(&letters);
  oct_buf_free(&forms);
  oct_buf_free(&reversed);
}

/* The fallback face (DejaVu Sans) is opened only when a character needs
 * it: with a fallback file FreeType cannot read, a Latin cover still draws
 * and an Arabic one (the Liberation faces have no Arabic) fails with an
 * error naming the file.  (A missing fallback file still fails every
 * cover, but cannot be tried here: the source tree's fonts are found after
 * OCTAVO_DATA_DIR's.) */
static void test_cover_fallback_lazy(void **state) {
  (void)state;
  const char *src = getenv("OCTAVO_DATA_DIR");
  assert_non_null(src); /* tests/epub.cmake sets it to the source tree */
  char dir[] = "/tmp/octavo-cover-XXXXXX", path[4096], target[4096];
  assert_non_null(mkdtemp(dir));
  snprintf(path, sizeof path, "%s/fonts", dir);
  assert_int_equal(mkdir(path, 0700), 0);
  static const char *faces[] = {EPUB_COVER_TITLE_FACE, EPUB_COVER_AUTHOR_FACE};
  for (int i = 0; i < 2; i++) {
    snprintf(target, sizeof target, "%s/%s", src, faces[i]);
    snprintf(path, sizeof path, "%s/%s", dir, faces[i]);
    assert_int_equal(symlink(target, path), 0);
  }
  char broken[4096];
  snprintf(broken, sizeof broken, "%s/%s", dir, EPUB_COVER_FALLBACK_FACE);
  FILE *f = fopen(broken, "w");
  assert_non_null(f);
  fputs("not a font\n", f);
  fclose(f);
  char *saved = strdup(src);
  assert_int_equal(setenv("OCTAVO_DATA_DIR", dir, 1), 0);
  oct_buf png = OCT_BUF_INIT;
  oct_error err;
  oct_error_init(&err, "test");
  assert_int_equal(epub_cover_render("Banana Bread", "Ada", 200, 300, &png, &err), 0);
  assert_memory_equal(png.data, "\x89PNG", 4);
  oct_buf_free(&png);
  assert_int_equal(epub_cover_render("\u0633\u0637\u062D", "Ada", 200, 300, &png, &err), -1);
  assert_non_null(strstr(err.msg, "cannot load font"));
  assert_non_null(strstr(err.msg, "DejaVuSans.ttf"));
  oct_buf_free(&png);
  assert_int_equal(unlink(broken), 0);
  assert_int_equal(setenv("OCTAVO_DATA_DIR", saved, 1), 0);
  free(saved);
  for (int i = 0; i < 2; i++) {
    snprintf(path, sizeof path, "%s/%s", dir, faces[i]);
    unlink(path);
  }
  snprintf(path, sizeof path, "%s/fonts", dir);
  rmdir(path);
  rmdir(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_slug),
      cmocka_unit_test(test_rtl),
      cmocka_unit_test(test_labels_asset),
      cmocka_unit_test(test_labels_parse),
      cmocka_unit_test(test_uuid),
      cmocka_unit_test(test_lang),
      cmocka_unit_test(test_time),
      cmocka_unit_test(test_xml_clean),
      cmocka_unit_test(test_cover),
      cmocka_unit_test(test_cover_arabic_shaped),
      cmocka_unit_test(test_cover_svg),
      cmocka_unit_test(test_cover_unbreakable_words),
      cmocka_unit_test(test_cover_fallback_lazy),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
