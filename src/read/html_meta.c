/* HTML reader: what a page says about its article.
 *
 * Precedence, first found wins:
 *   title:  JSON-LD (NewsArticle, Article, BlogPosting... headline/name),
 *           then Dublin Core, Open Graph, <meta name=title>, Twitter, then
 *           <title> with the site name cut off, then the article's <h1>;
 *   author: JSON-LD author names, then Dublin Core creator, <meta
 *           name=author>, Parse.ly, article:author (when not a URL), then
 *           the page's byline element; always cut to the person's name;
 *   date:   JSON-LD datePublished, article:published_time, other meta,
 *           then <time datetime>, then a written-out date in a byline;
 *   language: JSON-LD inLanguage, <html lang>, og:locale.
 * JSON-LD is parsed with json-c (Debian's JSON library), depth-limited by
 * its tokener. */
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "read/html_internal.h"
#include "tree/tree.h"

/* ---- JSON-LD */

static bool article_type(const char *t) {
  static const char *const types[] = {"Article",
                                      "AdvertiserContentArticle",
                                      "NewsArticle",
                                      "AnalysisNewsArticle",
                                      "AskPublicNewsArticle",
                                      "BackgroundNewsArticle",
                                      "OpinionNewsArticle",
                                      "ReportageNewsArticle",
                                      "ReviewNewsArticle",
                                      "Report",
                                      "SatiricalArticle",
                                      "ScholarlyArticle",
                                      "MedicalScholarlyArticle",
                                      "SocialMediaPosting",
                                      "BlogPosting",
                                      "LiveBlogPosting",
                                      "DiscussionForumPosting",
                                      "TechArticle",
                                      "APIReference",
                                      NULL};
  for (const char *const *p = types; t && *p; p++)
    if (strcmp(t, *p) == 0) return true;
  return false;
}

static bool has_article_type(json_object *o) {
  json_object *t;
  if (!json_object_is_type(o, json_type_object) || !json_object_object_get_ex(o, "@type", &t))
    return false;
  if (json_object_is_type(t, json_type_string)) return article_type(json_object_get_string(t));
  if (json_object_is_type(t, json_type_array))
    for (size_t i = 0; i < json_object_array_length(t); i++) {
      json_object *e = json_object_array_get_idx(t, i);
      if (json_object_is_type(e, json_type_string) && article_type(json_object_get_string(e)))
        return true;
    }
  return false;
}

/* The article object: the top level, an item of a top-level list, or an
 * item of "@graph". */
static json_object *find_article(json_object *o) {
  if (has_article_type(o)) return o;
  json_object *g = NULL;
  if (json_object_is_type(o, json_type_object)) json_object_object_get_ex(o, "@graph", &g);
  if (json_object_is_type(o, json_type_array)) g = o;
  if (!json_object_is_type(g, json_type_array)) return NULL;
  for (size_t i = 0; i < json_object_array_length(g); i++) {
    json_object *e = json_object_array_get_idx(g, i);
    if (has_article_type(e)) return e;
  }
  return NULL;
}

static const char *jstr(json_object *o, const char *key) {
  json_object *v;
  if (!json_object_is_type(o, json_type_object) || !json_object_object_get_ex(o, key, &v) ||
      !json_object_is_type(v, json_type_string))
    return NULL;
  const char *s = json_object_get_string(v);
  return s && !blank(s) ? s : NULL;
}

static void append_name(oct_buf *b, json_object *a) {
  const char *name =
      json_object_is_type(a, json_type_string) ? json_object_get_string(a) : jstr(a, "name");
  if (!name || blank(name)) return;
  if (b->len) oct_buf_puts(b, ", ");
  collapse(name, b);
}

static void ld_read(json_object *a, html_meta *m, const char *doc_title) {
  const char *name = jstr(a, "name"), *headline = jstr(a, "headline");
  const char *title = name ? name : headline;
  /* some sites put their own name in "name": the headline is the one
   * that resembles the page's <title> */
  if (name && headline && strcmp(name, headline) != 0 && doc_title &&
      html_similarity(headline, doc_title) > 0.75 && html_similarity(name, doc_title) <= 0.75)
    title = headline;
  if (title && !m->title) m->title = oct_xstrdup(title);
  json_object *au;
  if (!m->author && json_object_object_get_ex(a, "author", &au)) {
    oct_buf b = OCT_BUF_INIT;
    if (json_object_is_type(au, json_type_array)) {
      for (size_t i = 0; i < json_object_array_length(au) && i < 20; i++)
        append_name(&b, json_object_array_get_idx(au, i));
    } else {
      append_name(&b, au);
    }
    if (b.len) m->author = oct_buf_detach(&b);
    oct_buf_free(&b);
  }
  const char *v;
  if (!m->date && (v = jstr(a, "datePublished"))) m->date = oct_xstrdup(v);
  if (!m->language && (v = jstr(a, "inLanguage"))) m->language = oct_xstrdup(v);
  if (!m->description && (v = jstr(a, "description"))) m->description = oct_xstrdup(v);
  json_object *pub;
  if (!m->site && json_object_object_get_ex(a, "publisher", &pub) && (v = jstr(pub, "name")))
    m->site = oct_xstrdup(v);
  if (!m->ld_body && (v = jstr(a, "articleBody"))) m->ld_body = oct_xstrdup(v);
}

static void read_json_ld(hdoc *h, html_meta *m, const char *doc_title) {
  for (xmlNode *n = h->html; n; n = next_node(n, h->html, false)) {
    const char *type = is_el(n, "script") ? attr(n, "type") : NULL;
    if (!type || strcasecmp(type, "application/ld+json") != 0) continue;
    oct_buf js = OCT_BUF_INIT;
    for (xmlNode *c = n->children; c; c = c->next)
      if (c->content) oct_buf_puts(&js, (const char *)c->content);
    const char *s = js.data ? js.data : "";
    while (rd_html_space((unsigned char)*s))
      s++;
    if (strncmp(s, "<![CDATA[", 9) == 0) s += 9;
    json_tokener *tok = json_tokener_new();
    json_object *root = tok ? json_tokener_parse_ex(tok, s, (int)strlen(s)) : NULL;
    if (tok) json_tokener_free(tok);
    json_object *a = root ? find_article(root) : NULL;
    if (a) ld_read(a, m, doc_title);
    json_object_put(root);
    oct_buf_free(&js);
    if (a) break;
  }
}

/* ---- <meta> */

typedef struct metas {
  const char *v[32];
  /* every <meta name="author">, joined with "; " (a page may name each
   * of its authors in a tag of its own) */
  oct_buf authors;
  int n_authors;
} metas;

enum {
  M_DC_TITLE,
  M_DCTERM_TITLE,
  M_OG_TITLE,
  M_TITLE,
  M_TWITTER_TITLE,
  M_PARSELY_TITLE,
  M_DC_CREATOR,
  M_DCTERM_CREATOR,
  M_AUTHOR,
  M_PARSELY_AUTHOR,
  M_ARTICLE_AUTHOR,
  M_DC_DESC,
  M_DCTERM_DESC,
  M_OG_DESC,
  M_DESC,
  M_TWITTER_DESC,
  M_SITE,
  M_PUBLISHED,
  M_PARSELY_DATE,
  M_ITEMPROP_DATE,
  M_DATE,
  M_LOCALE,
  M_KEYWORDS,
  M_COUNT
};

static const struct {
  const char *key;
  int slot;
} meta_keys[] = {
    {"dc:title", M_DC_TITLE},
    {"dcterm:title", M_DCTERM_TITLE},
    {"dcterms:title", M_DCTERM_TITLE},
    {"og:title", M_OG_TITLE},
    {"title", M_TITLE},
    {"twitter:title", M_TWITTER_TITLE},
    {"parsely-title", M_PARSELY_TITLE},
    {"dc:creator", M_DC_CREATOR},
    {"dcterm:creator", M_DCTERM_CREATOR},
    {"dcterms:creator", M_DCTERM_CREATOR},
    {"author", M_AUTHOR},
    {"parsely-author", M_PARSELY_AUTHOR},
    {"article:author", M_ARTICLE_AUTHOR},
    {"og:article:author", M_ARTICLE_AUTHOR},
    {"dc:description", M_DC_DESC},
    {"dcterm:description", M_DCTERM_DESC},
    {"dcterms:description", M_DCTERM_DESC},
    {"og:description", M_OG_DESC},
    {"description", M_DESC},
    {"twitter:description", M_TWITTER_DESC},
    {"og:site_name", M_SITE},
    {"article:published_time", M_PUBLISHED},
    {"parsely-pub-date", M_PARSELY_DATE},
    {"datepublished", M_ITEMPROP_DATE},
    {"date", M_DATE},
    {"og:locale", M_LOCALE},
    {"keywords", M_KEYWORDS},
};

/* "og:title", "DC.title", "twitter : title": lower case, '.' as ':',
 * no spaces. */
static void norm_key(const char *s, size_t n, char *out, size_t cap) {
  size_t k = 0;
  for (size_t i = 0; i < n && k < cap - 1; i++) {
    char c = s[i];
    if (rd_html_space((unsigned char)c)) continue;
    out[k++] = c == '.' ? ':' : (char)oct_ascii_tolower((unsigned char)c);
  }
  out[k] = '\0';
}

static void meta_store(metas *ms, const char *key, size_t n, const char *content) {
  char k[48];
  if (n >= sizeof k) return;
  norm_key(key, n, k, sizeof k);
  for (size_t i = 0; i < sizeof meta_keys / sizeof *meta_keys; i++)
    if (strcmp(k, meta_keys[i].key) == 0) {
      if (meta_keys[i].slot == M_AUTHOR) {
        if (ms->n_authors++) OCT_BUF_LIT(&ms->authors, "; ");
        oct_buf_puts(&ms->authors, content);
      }
      /* the last one wins, as in the browsers' reader modes */
      ms->v[meta_keys[i].slot] = content;
      return;
    }
}

static void read_metas(hdoc *h, metas *ms) {
  memset(ms, 0, sizeof *ms);
  /* the whole document, not <head> alone: libxml2 follows HTML 4, where
   * an <iframe> or <img> that a saved page left in <head> starts the body,
   * and every <meta> after it lands there */
  xmlNode *top = h->html;
  for (xmlNode *n = top; n; n = next_node(n, top, false)) {
    if (!is_el(n, "meta")) continue;
    const char *c = attr(n, "content");
    if (!c || blank(c)) continue;
    /* property holds a space-separated list */
    const char *at = attr(n, "property"), *p;
    size_t len;
    while (at && (p = html_next_token(&at, &len)))
      meta_store(ms, p, len, c);
    const char *name = attr(n, "name");
    if (name) meta_store(ms, name, strlen(name), c);
    const char *ip = attr(n, "itemprop");
    if (ip) meta_store(ms, ip, strlen(ip), c);
  }
  if (ms->n_authors > 1) ms->v[M_AUTHOR] = ms->authors.data;
}

/* ---- <title> */

static size_t word_count(const char *s) {
  size_t n = 0;
  bool in = false;
  for (; *s; s++) {
    bool sp = rd_html_space((unsigned char)*s);
    if (!sp && !in) n++;
    in = !sp;
  }
  return n;
}

static bool title_sep(const char *p) {
  return p[0] == ' ' && (strchr("|-\\/>", p[1]) && p[1] && p[2] == ' ');
}

/* " » " is two bytes in UTF-8 */
static size_t sep_len(const char *p) {
  if (title_sep(p)) return 3;
  if (p[0] == ' ' && (unsigned char)p[1] == 0xC2 && (unsigned char)p[2] == 0xBB && p[3] == ' ')
    return 4;
  return 0;
}

static bool heading_equals(hdoc *h, const char *t) {
  for (xmlNode *n = h->body; n; n = next_node(n, h->body, false))
    if (is_el(n, "h1") || is_el(n, "h2")) {
      oct_buf b = OCT_BUF_INIT;
      bool eq = html_text_bounded(n, &b, 64) && b.data && strcmp(b.data, t) == 0;
      oct_buf_free(&b);
      if (eq) return true;
    }
  return false;
}

static xmlNode *only_h1(hdoc *h) {
  xmlNode *one = NULL;
  for (xmlNode *n = h->body; n; n = next_node(n, h->body, false))
    if (is_el(n, "h1")) {
      if (one) return NULL;
      one = n;
    }
  return one;
}

/* <title> as Readability reads it: "Headline | Site" keeps the headline,
 * "Site: Headline" the headline when no heading says the whole is one. */
static char *doc_title(hdoc *h) {
  oct_buf orig = OCT_BUF_INIT;
  xmlNode *top = h->html; /* see read_metas() */
  for (xmlNode *n = top; n; n = next_node(n, top, false))
    if (is_el(n, "title")) {
      html_text_of(n, &orig);
      break;
    }
  if (!orig.len) {
    oct_buf_free(&orig);
    return NULL;
  }
  const char *o = orig.data;
  oct_buf cur = OCT_BUF_INIT;
  bool hierarchical = false, found_sep = false;
  const char *last = NULL, *first = NULL;
  size_t last_len = 0, first_len = 0;
  for (const char *p = o; *p; p++) {
    size_t k = sep_len(p);
    if (k) {
      if (!first) first = p, first_len = k;
      last = p, last_len = k;
      found_sep = true;
      if (p[1] != '|' && p[1] != '-') hierarchical = true;
    }
  }
  if (found_sep) {
    oct_buf_put(&cur, o, (size_t)(last - o));
    if (word_count(cur.data ? cur.data : "") < 3) {
      oct_buf_clear(&cur);
      oct_buf_puts(&cur, first + first_len);
    }
    (void)last_len;
  } else if (strstr(o, ": ")) {
    if (!heading_equals(h, o)) {
      const char *lc = strrchr(o, ':');
      oct_buf_puts(&cur, lc + 1);
      if (word_count(cur.data) < 3) {
        oct_buf_clear(&cur);
        oct_buf_puts(&cur, strchr(o, ':') + 1);
      } else {
        size_t before = 0;
        oct_buf pre = OCT_BUF_INIT;
        oct_buf_put(&pre, o, (size_t)(strchr(o, ':') - o));
        before = word_count(pre.data ? pre.data : "");
        oct_buf_free(&pre);
        if (before > 5) {
          oct_buf_clear(&cur);
          oct_buf_puts(&cur, o);
        }
      }
    } else {
      oct_buf_puts(&cur, o);
    }
  } else if (orig.len > 150 || orig.len < 15) {
    xmlNode *h1 = only_h1(h);
    if (h1) html_text_of(h1, &cur);
    if (!cur.len) oct_buf_puts(&cur, o);
  } else {
    oct_buf_puts(&cur, o);
  }
  oct_buf t = OCT_BUF_INIT;
  collapse(cur.data ? cur.data : "", &t);
  oct_buf_free(&cur);
  /* four words or fewer: the cut went wrong, unless a hierarchy ("A » B")
   * lost exactly its last part */
  size_t wc = word_count(t.data ? t.data : "");
  if (wc <= 4) {
    oct_buf stripped = OCT_BUF_INIT;
    for (const char *p = o; *p; p++)
      if (!strchr("|-\\/>", *p)) oct_buf_putc(&stripped, *p);
    size_t owc = word_count(stripped.data ? stripped.data : "");
    oct_buf_free(&stripped);
    if (!hierarchical || wc != owc - 1) {
      oct_buf_clear(&t);
      oct_buf_puts(&t, o);
    }
  }
  oct_buf_free(&orig);
  return oct_buf_detach(&t);
}

/* "Headline | Site", "Headline - Site", "Headline — Site": keep the
 * headline.  A dash only splits off the site name when it is known, so a
 * headline that itself holds a dash survives. */
static void strip_site(char *t, const char *site) {
  static const char *const seps[] = {
      " | ", " \xE2\x80\x94 ", " \xE2\x80\x93 ", " - ", " \xC2\xB7 ", " :: ", NULL};
  if (!site || !*site) return;
  for (const char *const *sep = seps; *sep; sep++) {
    size_t k = strlen(*sep);
    char *last = NULL;
    for (char *p = strstr(t, *sep); p; p = strstr(p + 1, *sep))
      last = p;
    if (last && last != t && strcasecmp(last + k, site) == 0) {
      *last = '\0';
      return;
    }
  }
}

/* "Heading - Book Name", "Heading | Site": when the page's first <h1>
 * (or <h2>) says where the headline ends, T becomes the heading's text.
 * The result is never longer than what a reader mode shows. */
static void headline_prefix(hdoc *h, char *t) {
  size_t tl = strlen(t);
  static const char *const tags[] = {"h1", "h2", NULL};
  for (const char *const *tag = tags; *tag; tag++)
    for (xmlNode *n = h->body; n; n = next_node(n, h->body, false)) {
      if (!is_el(n, *tag)) continue;
      oct_buf ht = OCT_BUF_INIT;
      html_text_of(n, &ht);
      bool yes = ht.len && ht.len + 2 < tl && strncasecmp(t, ht.data, ht.len) == 0 &&
                 t[ht.len] == ' ' && strchr("|-:\xC2\xE2", t[ht.len + 1]);
      if (yes) t[ht.len] = '\0';
      oct_buf_free(&ht);
      if (yes) return;
      break; /* only the first of each */
    }
}

/* "Plain Title | Section | Site": a pipe always ends the headline. */
static void cut_at_pipe(char *t) {
  char *p = strstr(t, " | ");
  if (p && p > t) *p = '\0';
}

/* ---- bylines */

/* A weekday or month name opening what should be a name: a dateline. */
static bool calendar_word(const char *s) {
  size_t n = 0;
  while (oct_ascii_alpha((unsigned char)s[n]))
    n++;
  return oct_date_weekday(s, n) || oct_date_month(s, n) != 0;
}

/* "By Jane Doe | 3 March" -> "Jane Doe"; NULL when what is left does not
 * look like a name (a date, a URL, nothing). */
char *html_clean_byline(const char *raw) {
  oct_buf a = OCT_BUF_INIT;
  collapse(raw, &a);
  char *s = a.data ? a.data : "";
  /* "作者：" / "作者:" ("author:") opens Chinese and Japanese bylines */
  static const char *const lead[] = {"written by ",
                                     "posted by ",
                                     "words by ",
                                     "by ",
                                     "von ",
                                     "par ",
                                     "por ",
                                     "door ",
                                     "di ",
                                     "\xE4\xBD\x9C\xE8\x80\x85\xEF\xBC\x9A",
                                     "\xE4\xBD\x9C\xE8\x80\x85:",
                                     NULL};
  for (const char *const *l = lead; *l; l++)
    if (strncasecmp(s, *l, strlen(*l)) == 0) {
      s += strlen(*l);
      break;
    }
  size_t n = strlen(s);
  /* what follows the name: a separator, a date, "Updated ...", a
   * parenthesised address "(http://...)" */
  static const char *const cuts[] = {"|",
                                     "\xC2\xB7",
                                     "\xE2\x80\xA2",
                                     " on ",
                                     " - ",
                                     " \xE2\x80\x94 ",
                                     " \xE2\x80\x93 ",
                                     "Updated",
                                     "Published",
                                     "\n",
                                     " (http",
                                     " (www",
                                     " <",
                                     NULL};
  for (const char *const *c = cuts; *c; c++) {
    char *p = strstr(s, *c);
    if (p && p > s && (size_t)(p - s) < n) n = (size_t)(p - s);
  }
  /* a date written after the name: "Jane Doe March 11, 2015" */
  for (size_t i = 1; i < n; i++) {
    char d[OCT_DATE_ISO_SIZE];
    size_t used;
    if (s[i - 1] == ' ' &&
        (oct_ascii_digit(s[i]) || oct_date_at(s + i, strlen(s + i), &used, d) == OCT_DATE_ISO)) {
      n = i - 1;
      break;
    }
  }
  while (n && (rd_html_space((unsigned char)s[n - 1]) || s[n - 1] == ',' || s[n - 1] == ';'))
    n--;
  char *out = NULL;
  const char *u = strstr(s, "://");
  bool url = u && (size_t)(u - s) < n;
  bool letters = false;
  for (size_t i = 0; i < n && !letters; i++)
    letters = oct_ascii_alpha((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80;
  /* a name, or a few: not a sentence */
  size_t words = 0;
  for (size_t i = 0; i < n; i++)
    words +=
        !rd_html_space((unsigned char)s[i]) && (i == 0 || rd_html_space((unsigned char)s[i - 1]));
  if (n && n < 100 && words <= 10 && !url && letters && !calendar_word(s)) out = oct_xstrndup(s, n);
  oct_buf_free(&a);
  return out;
}

/* ---- dates */

static void set_date(html_meta *m, const char *v) {
  char d[OCT_DATE_ISO_SIZE];
  if (v && !m->date && oct_date_find(v, strlen(v), d)) m->date = oct_xstrdup(d);
}

static bool subtitle_class(const xmlNode *n) {
  static const char *const words[] = {"subtitle",   "dek",       "deck",    "standfirst", "subhead",
                                      "subheading", "strapline", "summary", "lede",       "lead",
                                      "sapo",       "chapo",     NULL};
  return html_words_match(attr(n, "class"), words);
}

/* The standfirst under the headline: the element right after the page's
 * <h1> that says it is a subtitle by its class, or an <h2> sharing an
 * <hgroup> or <header> with it.  Conservative on purpose. */
static char *find_subtitle(hdoc *h, const char *title) {
  xmlNode *h1 = NULL;
  for (xmlNode *n = h->body; n && !h1; n = next_node(n, h->body, false))
    if (is_el(n, "h1")) h1 = n;
  if (!h1 || !title) return NULL;
  oct_buf t = OCT_BUF_INIT;
  html_text_of(h1, &t);
  bool headline = t.len && html_similarity(title, t.data) > 0.75;
  oct_buf_free(&t);
  if (!headline) return NULL;
  xmlNode *n = first_el(h1->next);
  if (!n) return NULL;
  bool yes = ((is_el(n, "p") || is_el(n, "h2") || is_el(n, "div")) && subtitle_class(n)) ||
             (is_el(n, "h2") && (is_el(h1->parent, "hgroup") || is_el(h1->parent, "header")));
  if (!yes) return NULL;
  html_text_of(n, &t);
  if (t.len && t.len <= 400) return oct_buf_detach(&t);
  oct_buf_free(&t);
  return NULL;
}

/* ---- public */

static char *dup_clean(const char *s) {
  if (!s) return NULL;
  oct_buf b = OCT_BUF_INIT;
  collapse(s, &b);
  return oct_buf_detach(&b);
}

void oct_html_meta_read(hdoc *h, html_meta *m) {
  memset(m, 0, sizeof *m);
  metas ms;
  read_metas(h, &ms);
  char *dt = doc_title(h);
  read_json_ld(h, m, dt);
  const char *const *v = ms.v;
  if (!m->title) {
    const char *t = v[M_DC_TITLE]        ? v[M_DC_TITLE]
                    : v[M_DCTERM_TITLE]  ? v[M_DCTERM_TITLE]
                    : v[M_OG_TITLE]      ? v[M_OG_TITLE]
                    : v[M_TITLE]         ? v[M_TITLE]
                    : v[M_TWITTER_TITLE] ? v[M_TWITTER_TITLE]
                                         : v[M_PARSELY_TITLE];
    m->title = t ? oct_xstrdup(t) : dt;
    if (m->title == dt) {
      dt = NULL;
      if (m->title) cut_at_pipe(m->title);
    }
  }
  free(dt);
  if (!m->site && v[M_SITE]) m->site = dup_clean(v[M_SITE]);
  if (m->title) {
    char *t = dup_clean(m->title);
    free(m->title);
    m->title = t;
    strip_site(m->title, m->site);
    headline_prefix(h, m->title);
  }
  const char *by = v[M_DC_CREATOR]       ? v[M_DC_CREATOR]
                   : v[M_DCTERM_CREATOR] ? v[M_DCTERM_CREATOR]
                   : v[M_AUTHOR]         ? v[M_AUTHOR]
                                         : v[M_PARSELY_AUTHOR];
  /* article:author is often a profile URL, and where it is a name the
   * page's own byline is more often right: it comes after that */
  if (v[M_ARTICLE_AUTHOR] && !strstr(v[M_ARTICLE_AUTHOR], "://"))
    m->author_fallback = html_clean_byline(v[M_ARTICLE_AUTHOR]);
  if (!m->author && by) m->author = oct_xstrdup(by);
  if (m->author) {
    char *a = html_clean_byline(m->author);
    free(m->author);
    m->author = a;
  }
  /* the page's own description is written for readers, og: for sharing */
  const char *desc = v[M_DESC]          ? v[M_DESC]
                     : v[M_DC_DESC]     ? v[M_DC_DESC]
                     : v[M_DCTERM_DESC] ? v[M_DCTERM_DESC]
                     : v[M_OG_DESC]     ? v[M_OG_DESC]
                                        : v[M_TWITTER_DESC];
  if (!m->description && desc) m->description = dup_clean(desc);
  /* a date from JSON-LD is a timestamp: keep its calendar date */
  if (m->date) {
    char *d = m->date;
    m->date = NULL;
    set_date(m, d);
    free(d);
  }
  set_date(m, v[M_PUBLISHED]);
  set_date(m, v[M_PARSELY_DATE]);
  set_date(m, v[M_ITEMPROP_DATE]);
  set_date(m, v[M_DATE]);
  const char *lang = h->html ? attr(h->html, "lang") : NULL;
  if (!lang || blank(lang)) lang = h->html ? attr(h->html, "xml:lang") : NULL;
  if (!lang || blank(lang)) lang = v[M_LOCALE];
  if (!m->language && lang && !blank(lang)) m->language = dup_clean(lang);
  if (m->language)
    for (char *p = m->language; *p; p++)
      if (*p == '_') *p = '-'; /* BCP 47 uses '-', og:locale '_' */
  if (v[M_KEYWORDS]) m->keywords = dup_clean(v[M_KEYWORDS]);
  m->subtitle = find_subtitle(h, m->title);
  oct_buf_free(&ms.authors);
}

/* The first leaf block of the article at or after N in document order. */
static xmlNode *next_block(xmlNode *n, xmlNode *root) {
  static const char *const blocks[] = {
      "p",   "h1",      "h2",         "h3",         "h4",   "h5",      "h6", "div", "li",
      "dd",  "dt",      "figcaption", "blockquote", "pre",  "table",   "ul", "ol",  "figure",
      "img", "section", "header",     "address",    "time", "caption", NULL};
  static const char *const containers[] = {"article", "main", "aside", "footer", "form", NULL};
  for (; n; n = next_node(n, root, false)) {
    if (!name_in(n, blocks)) continue;
    /* a container holding blocks is not a leaf */
    bool leaf = true;
    for (xmlNode *c = n->children; c && leaf; c = next_node(c, n, false))
      if ((name_in(c, blocks) || name_in(c, containers)) && !is_el(c, "time")) leaf = false;
    if (leaf) return n;
  }
  return NULL;
}

void oct_html_meta_finish(hdoc *h, html_meta *m, xmlNode *article, const char *byline) {
  if (!m->author && byline) m->author = html_clean_byline(byline);
  if (!m->author) {
    m->author = m->author_fallback;
    m->author_fallback = NULL;
  }
  /* the headline: when the page said nothing else, its first h1 */
  if (!m->title) {
    xmlNode *h1 = NULL;
    for (xmlNode *n = article; n && !h1; n = next_node(n, article, false))
      if (is_el(n, "h1")) h1 = n;
    for (xmlNode *n = h->body; n && !h1; n = next_node(n, h->body, false))
      if (is_el(n, "h1")) h1 = n;
    if (h1) m->title = html_text_dup(h1);
    if (m->title && !*m->title) {
      free(m->title);
      m->title = NULL;
    }
  }
  /* dates the page only gives in its text */
  for (xmlNode *n = article; n && !m->date; n = next_node(n, article, false))
    if (is_el(n, "time")) set_date(m, attr(n, "datetime"));
  for (xmlNode *n = h->body; n && !m->date; n = next_node(n, h->body, false))
    if (is_el(n, "time")) set_date(m, attr(n, "datetime"));
  if (!m->date && byline) set_date(m, byline);
  for (xmlNode *n = article; n && !m->date; n = next_node(n, article, false)) {
    static const char *const dated[] = {"date",     "byline",    "published", "meta",
                                        "dateline", "timestamp", NULL};
    if (!is_el(n, "time") && !(n->type == XML_ELEMENT_NODE && html_el_words_match(n, dated)))
      continue;
    oct_buf t = OCT_BUF_INIT;
    if (!html_text_bounded(n, &t, 64)) oct_buf_clear(&t);
    if (t.len && t.len < 200) set_date(m, t.data);
    oct_buf_free(&t);
  }
  /* the first lines of the body must not repeat the title, the byline or
   * the date: a reader sees them on the title page */
  for (int i = 0; i < 6; i++) {
    xmlNode *b = next_block(article, article);
    if (!b) break;
    if (has_private(b) && html_hn(h, b)->text >= 400) break; /* a real paragraph */
    oct_buf t = OCT_BUF_INIT;
    html_text_of(b, &t);
    bool drop = false;
    if (!t.len) {
      drop = !is_el(b, "img") && !is_el(b, "figure") && !is_el(b, "table");
      if (!drop) {
        oct_buf_free(&t);
        break;
      }
    } else {
      char d[OCT_DATE_ISO_SIZE];
      bool is_title = m->title && html_similarity(m->title, t.data) > 0.75 &&
                      html_similarity(t.data, m->title) > 0.75;
      bool is_author = m->author && t.len <= strlen(m->author) + 60 && strstr(t.data, m->author);
      bool is_date = t.len < 40 && oct_date_find(t.data, t.len, d) && word_count(t.data) <= 6;
      bool is_sub = m->subtitle ? strcmp(t.data, m->subtitle) == 0 : subtitle_class(b);
      if (is_sub && !m->subtitle) m->subtitle = oct_xstrdup(t.data);
      /* a kicker: the section's name above the headline */
      static const char *const kicker[] = {"kicker", "eyebrow", "overline", NULL};
      bool is_kicker = t.len < 60 && html_el_words_match(b, kicker);
      drop = is_title || is_author || is_date || is_sub || is_kicker;
    }
    oct_buf_free(&t);
    if (!drop) break;
    html_remove(h, b);
  }
}

void oct_html_meta_free(html_meta *m) {
  free(m->title);
  free(m->subtitle);
  free(m->author);
  free(m->date);
  free(m->language);
  free(m->description);
  free(m->keywords);
  free(m->site);
  free(m->ld_body);
  free(m->author_fallback);
  memset(m, 0, sizeof *m);
}
