/* Tree -> vertical list of lines of positioned items.  Paragraph text becomes
 * Knuth–Plass boxes, glue and penalties measured from the fonts, broken by
 * oct_linebreak; each line is then placed word by word (libharu's Tw does
 * not work with two-byte fonts, so justification is our own placement). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "write/pdf/layout/hyphen.h"
#include "write/pdf/layout/layout.h"
#include "write/pdf/layout/linebreak.h"

#define NO_FRAG ((size_t)-1)
/* An image's size in points from its pixels, taken as CSS pixels (96 per
 * inch), as a browser shows it. */
#define PT_PER_CSS_PX 0.75
/* The ref of the zero-width glue around a URL break: not a word space. */
#define SOFT_GLUE ((size_t)-2)

typedef struct textstyle {
  bool italic, bold, mono, sans, strike;
  int link;
  double size;
  float gray;
  long se; /* structure element */
} textstyle;

typedef struct frag {
  int face;
  double size;
  size_t off, len;
  double width;
  int link;
  float gray;
  bool strike;
  int image1; /* an inline image: 1 + its index in L->images, WIDTH x HEIGHT; 0: text */
  double height;
  long se;
} frag;

typedef struct par {
  oct_lb_item *it;
  size_t n, cap;
  frag *fr;
  size_t nfr, capfr;
  bool hyphenate;
  double width; /* line width when known: words wider than it get emergency breaks */
} par;

typedef struct pline {
  size_t first, count;
  double width;    /* set width of the text */
  bool hyphenated; /* it ends in a hyphen */
} pline;

typedef struct plines {
  pline *l;
  size_t n, cap;
} plines;

/* Block context: indents from the text block's edges. */
typedef struct ctx {
  double left, right;
  int list_depth;
} ctx;

/* The typesetter: the caller's parameters, the results being built, and
 * what layout keeps track of on the way. */
typedef struct ts {
  const oct_layout_params *p;
  const oct_style *S; /* the caller's style, or OWN */
  oct_style own;
  oct_layout *L;
  oct_error *err;
  unsigned group;     /* lines of one paragraph share a group id (widows, orphans) */
  long pending_label; /* item index of a list label waiting for its first line, or -1 */
  bool warned_indent; /* the nesting-too-deep warning was given */
  long cur_se;        /* the structure element blocks are being set in */
  /* one paragraph's items and lines at a time, their arrays kept from one
   * paragraph to the next instead of grown afresh for each */
  par par;
  plines pl;
  oct_hyph_memo *hyph; /* the caller's patterns, each word's points remembered */
  /* add_chars' answers for ASCII, per wanted face: the face that sets the
   * character (ASCII_FACE_UNKNOWN until asked, -1 for none) and its advance
   * in ems -- the fontset's own answers, asked once a document instead of
   * for every character (the reference article to PDF: add_chars 3.21 ->
   * 1.43 M instructions, ~250 -> ~110 a character, with the spans below) */
  int8_t ascii_face[OCT_FACE_COUNT][128];
  double ascii_adv[OCT_FACE_COUNT][128];
} ts;
#define ASCII_FACE_UNKNOWN (-3)

void oct_layout_init(oct_layout *L) { memset(L, 0, sizeof *L); }

void oct_layout_free(oct_layout *L) {
  oct_buf_free(&L->pool);
  free(L->items);
  free(L->lines);
  free(L->links);
  free(L->images);
  free(L->title);
  free(L->selems);
  memset(L, 0, sizeof *L);
}

static int face_of(const textstyle *s) {
  if (s->mono) return s->bold ? OCT_FACE_MONO_BOLD : OCT_FACE_MONO;
  if (s->sans) return s->bold ? OCT_FACE_SANS_BOLD : OCT_FACE_SANS;
  if (s->bold) return s->italic ? OCT_FACE_SERIF_BOLD_ITALIC : OCT_FACE_SERIF_BOLD;
  return s->italic ? OCT_FACE_SERIF_ITALIC : OCT_FACE_SERIF;
}

static textstyle body_style(const ts *T) {
  textstyle s = {0};
  s.link = -1;
  s.size = T->p->size;
  s.se = T->cur_se;
  return s;
}

/* A new structure element of ROLE (LEVEL for headings) under PARENT, with
 * ALT (may be NULL) kept in the pool; returns its index. */
static long new_se(ts *T, oct_srole role, int level, long parent, const char *alt) {
  OCT_GROW(T->L->selems, T->L->nselems, T->L->capselems);
  oct_selem *e = &T->L->selems[T->L->nselems];
  e->role = role;
  e->level = level;
  e->parent = parent;
  e->alt_off = OCT_SE_NONE;
  e->inline_el = false;
  if (alt) {
    e->alt_off = T->L->pool.len;
    oct_buf_puts(&T->L->pool, alt);
    oct_buf_putc(&T->L->pool, '\0');
  }
  return (long)T->L->nselems++;
}

/* Blocks set from here on belong to a new element of ROLE under the
 * current one; returns the element to go back to (leave_se). */
static long enter_se(ts *T, oct_srole role, int level, const char *alt) {
  long saved = T->cur_se;
  T->cur_se = new_se(T, role, level, saved, alt);
  return saved;
}

static void leave_se(ts *T, long saved) { T->cur_se = saved; }

static oct_pitem *new_item(ts *T, oct_pitem_kind kind) {
  OCT_GROW(T->L->items, T->L->nitems, T->L->capitems);
  oct_pitem *p = &T->L->items[T->L->nitems++];
  memset(p, 0, sizeof *p);
  p->kind = kind;
  p->link = -1;
  p->image = -1;
  p->se = T->cur_se;
  return p;
}

/* A positioned text item for one measured fragment. */
static oct_pitem *frag_item(ts *T, const frag *f, double x, double y) {
  oct_pitem *p = new_item(T, OCT_PI_TEXT);
  p->face = f->face;
  p->size = f->size;
  p->off = f->off;
  p->len = f->len;
  p->x = x;
  p->y = y;
  p->w = f->width;
  p->link = f->link;
  p->gray = f->gray;
  p->strike = f->strike;
  p->se = f->se;
  return p;
}

static oct_vline *new_vline(ts *T, oct_vkind kind, double height, size_t first) {
  OCT_GROW(T->L->lines, T->L->nlines, T->L->caplines);
  oct_vline *v = &T->L->lines[T->L->nlines++];
  memset(v, 0, sizeof *v);
  v->v.kind = kind;
  v->v.height = height;
  v->v.group = T->group;
  v->first = first;
  v->count = T->L->nitems - first;
  v->label = -1;
  return v;
}

/* Vertical space between blocks; consecutive spaces collapse to the larger. */
static void add_space(ts *T, double h) {
  if (T->L->nlines == 0 || h <= 0) return;
  oct_vline *last = &T->L->lines[T->L->nlines - 1];
  if (last->v.kind == OCT_V_SPACE) {
    if (h > last->v.height) last->v.height = h;
    return;
  }
  bool after_heading = last->v.kind == OCT_V_HEADING; /* new_vline may move LAST */
  oct_vline *v = new_vline(T, OCT_V_SPACE, h, T->L->nitems);
  /* Space after a heading belongs to it: never break between them. */
  v->v.keep_with_next = after_heading;
}

static void lb_push(par *P, oct_lb_item item) {
  OCT_GROW(P->it, P->n, P->cap);
  P->it[P->n++] = item;
}

static void par_free(par *P) {
  free(P->it);
  free(P->fr);
}

/* The typesetter's paragraph, emptied, for text WIDTH wide. */
static par *new_par(ts *T, double width) {
  par *P = &T->par;
  P->n = P->nfr = 0;
  P->hyphenate = false;
  P->width = width;
  T->pl.n = 0;
  return P;
}

/* Gives back P's unused room: a table keeps every cell's paragraph until
 * its column widths are known, and a few items in arrays of 16 made a
 * 200,000-row table take 1.4 GB. */
static void par_shrink(par *P) {
  if (P->n < P->cap) P->it = oct_xrealloc(P->it, (P->cap = P->n ? P->n : 1) * sizeof *P->it);
  if (P->nfr < P->capfr)
    P->fr = oct_xrealloc(P->fr, (P->capfr = P->nfr ? P->nfr : 1) * sizeof *P->fr);
}

/* Interword glue: the face's own space, with the style's stretch in ems and
 * shrink in proportion to the space (style.c says why). */
static void add_glue(ts *T, par *P, const textstyle *st) {
  if (P->n == 0 || P->it[P->n - 1].kind == OCT_LB_GLUE) return;
  if (P->it[P->n - 1].kind == OCT_LB_PENALTY && P->it[P->n - 1].penalty <= -OCT_LB_INFINITY) return;
  double w = oct_fontset_advance(T->p->fonts, face_of(st), ' ') * st->size;
  if (w <= 0) w = T->S->spacefallback * st->size;
  oct_lb_item g = {.kind = OCT_LB_GLUE,
                   .width = w,
                   .stretch = st->size * T->S->spacestretch,
                   .shrink = w * T->S->spaceshrink,
                   .ref = NO_FRAG};
  lb_push(P, g);
}

/* Characters that take no room and draw nothing (soft hyphen, joiners...)
 * and those that are not text at all -- controls and noncharacters, which
 * the EPUB writer drops by the same rule (util's oct_xml_char) -- are left
 * out without a word, instead of a warning that no font has U+FFFE. */
static bool drawable(uint32_t cp) { return !oct_char_invisible(cp) && oct_xml_char(cp); }

/* The share of CP's width that may hang into the margin (the protrusion
 * table of style.c): into the right one when RIGHT, else the left. */
static double hang_share(const oct_style *S, uint32_t cp, bool right) {
  if (!right)
    return cp == 0x2018 || cp == 0x201C || cp == 0x201E || cp == 0xAB || cp == '"' || cp == '\''
               ? S->protrudeopenquote
               : 0;
  switch (cp) {
  case '.':
    return S->protrudestop;
  case ',':
    return S->protrudecomma;
  case ':':
  case ';':
    return S->protrudecolon;
  case '-':
  case 0x2010:
    return S->protrudehyphen;
  case 0x2013:
    return S->protrudeendash;
  case 0x2014:
    return S->protrudeemdash;
  case '!':
  case '?':
    return S->protrudeexclaim;
  case '"':
  case '\'':
  case 0x2019:
  case 0x201D:
  case 0xBB:
    return S->protrudequote;
  default:
    return 0;
  }
}

/* The face that sets CP wanted in WANT (-1: none, or not drawn) and its
 * advance in ems, through T's memo for ASCII. */
static int pick_char(ts *T, int want, uint32_t cp, double *adv) {
  oct_fontset *fonts = T->p->fonts;
  if (cp < 128) {
    int8_t *memo = &T->ascii_face[want][cp];
    if (*memo == ASCII_FACE_UNKNOWN) {
      int face = !drawable(cp) ? -1 : oct_fontset_pick(fonts, want, cp, T->err);
      *memo = (int8_t)face;
      if (face >= 0) T->ascii_adv[want][cp] = oct_fontset_advance(fonts, (oct_face)face, cp);
    }
    *adv = *memo >= 0 ? T->ascii_adv[want][cp] : 0;
    return *memo;
  }
  int face = !drawable(cp) ? -1 : oct_fontset_pick(fonts, want, cp, T->err);
  *adv = face >= 0 ? oct_fontset_advance(fonts, (oct_face)face, cp) : 0;
  return face;
}

/* Sets CHARS (one piece of a word) as boxes, one per face run: characters
 * the wanted face lacks come from the fallback face.  Each box notes how
 * far its first and last characters may hang into the margins.  A run's
 * bytes go to the pool in spans (a character left out ends one), not one
 * character at a time. */
static void add_chars(ts *T, par *P, const textstyle *st, const char *s, size_t len) {
  oct_buf *pool = &T->L->pool;
  int want = face_of(st);
  int cur = -2;
  size_t start = 0;
  size_t span = 0; /* s[span, i) is in the current run but not yet in the pool */
  double width = 0, lhang = 0;
  double last_adv = 0; /* the run's last character and its advance (rhang) */
  uint32_t last_cp = 0;
  size_t i = 0;
  for (;;) {
    uint32_t cp = 0;
    size_t n = 0;
    int face = -2;
    double em = 0;
    if (i < len) {
      if ((unsigned char)s[i] < 0x80) {
        cp = (unsigned char)s[i];
        n = 1;
      } else {
        n = oct_utf8_decode(s + i, len - i, &cp);
        if (n == 0) { /* readers hand us valid UTF-8; skip a stray byte rather than fail */
          if (cur >= 0) oct_buf_put(pool, s + span, i - span);
          i++;
          span = i;
          continue;
        }
      }
      if (cp == '\t') cp = ' ';
      face = pick_char(T, want, cp, &em);
    }
    if (cur >= 0 && face != cur) {
      /* the run's bytes so far: it ends here, or this character is left out */
      oct_buf_put(pool, s + span, i - span);
      span = i;
    }
    if (face != cur && face != -1 && cur >= 0) {
      OCT_GROW(P->fr, P->nfr, P->capfr);
      P->fr[P->nfr] = (frag){.face = cur,
                             .size = st->size,
                             .off = start,
                             .len = pool->len - start,
                             .width = width,
                             .link = st->link,
                             .gray = st->gray,
                             .strike = st->strike,
                             .se = st->se};
      double rhang = last_adv * hang_share(T->S, last_cp, true);
      oct_lb_item b = {
          .kind = OCT_LB_BOX, .width = width, .ref = P->nfr, .lhang = lhang, .rhang = rhang};
      P->nfr++;
      lb_push(P, b);
      cur = -2;
    }
    if (i >= len) break;
    if (face >= 0) {
      double adv = em * st->size;
      if (cur < 0) {
        cur = face;
        start = pool->len;
        span = i;
        width = 0;
        lhang = adv * hang_share(T->S, cp, false);
      }
      width += adv;
      last_adv = adv;
      last_cp = cp;
    }
    i += n;
    if (face < 0) span = i;
  }
}

static uint32_t last_char(const char *s, size_t len) {
  size_t i = len;
  while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
    i--;
  if (i == 0) return 0;
  uint32_t cp = 0;
  oct_utf8_decode(s + i - 1, len - (i - 1), &cp);
  return cp;
}

/* Breaks inside a word, from the most to the least wanted; where two kinds
 * fall on one offset the first wins. */
typedef enum brk_kind { BRK_HYPHEN, BRK_DASH, BRK_URL } brk_kind;

typedef struct brk {
  size_t at; /* the break goes before W[at] */
  brk_kind kind;
} brk;

/* A word wider than this share of the line gets URL-style and emergency
 * breaks (the first line may be indented, so 1.0 would be too late). */
#define WIDE_WORD 0.8

/* A word that is no word gets a URL's breaks after / . - ? & = _ : an
 * address (scheme or www.), a path ("/usr/share/hyphen",
 * "example.org/kyiv/libraries": two slashes with something between), or a
 * long identifier (snake_case, dotted.names) of at least URL_LIKE_MIN
 * bytes -- shorter ones ("e.g.", "and/or") are left whole. */
#define URL_LIKE_MIN 12
static bool url_like(const char *w, size_t wl) {
  if (wl > 4 && (w[0] == 'w' || w[0] == 'W') && (w[1] == 'w' || w[1] == 'W') &&
      (w[2] == 'w' || w[2] == 'W') && w[3] == '.')
    return true;
  size_t slashes = 0, marks = 0;
  for (size_t i = 0; i < wl; i++) {
    if (i + 2 < wl && w[i] == ':' && w[i + 1] == '/' && w[i + 2] == '/') return true;
    if (w[i] == '/' && i > 0 && i + 1 < wl && w[i - 1] != '/' && w[i + 1] != '/') slashes++;
    /* a dot or an underscore between two letters or digits */
    if ((w[i] == '.' || w[i] == '_') && i > 0 && i + 1 < wl &&
        ((unsigned char)w[i - 1] & 0x80) == 0 && ((unsigned char)w[i + 1] & 0x80) == 0 &&
        oct_ascii_alnum(w[i - 1]) && oct_ascii_alnum(w[i + 1]))
      marks++;
  }
  return wl >= URL_LIKE_MIN && (slashes >= 2 || marks >= 1);
}

static int brk_cmp(const void *pa, const void *pb) {
  const brk *a = pa, *b = pb;
  if (a->at != b->at) return a->at < b->at ? -1 : 1;
  return (int)a->kind - (int)b->kind;
}

/* The break offsets of word W (WL bytes), sorted and one per offset, into
 * *OUT (which may be replaced by a larger heap array; the caller frees it
 * when it is not STACK). */
static size_t word_breaks(const ts *T, const par *P, const textstyle *st, const char *w, size_t wl,
                          brk *stack, size_t nstack, brk **out) {
  size_t offs[64];
  size_t cnt = 0;
  if (P->hyphenate && T->hyph && !st->mono) oct_hyph_memo_word(T->hyph, w, wl, offs, 64, &cnt);
  bool wide =
      P->width > 0 && oct_fontset_width(T->p->fonts, (oct_face)face_of(st), w, wl) * st->size >
                          P->width * WIDE_WORD;
  bool url = wide || url_like(w, wl);
  brk *b = stack;
  /* hyphenation points, dashes (3 bytes each) and, for long words and URLs,
   * up to one URL break per byte; a word too wide for the line gets its
   * emergency breaks from break_wide_runs */
  size_t cap = cnt + wl / 3 + (url ? wl : 0);
  if (cap > nstack) b = oct_xmalloc(cap * sizeof *b);
  size_t n = 0;
  for (size_t k = 0; k < cnt; k++)
    b[n++] = (brk){offs[k], BRK_HYPHEN};
  /* Dashes inside a word ("cause—and") are break points too; libhyphen has
   * no opinion about them. */
  for (size_t i = 1; i + 3 < wl; i++) {
    const unsigned char *u = (const unsigned char *)w + i;
    if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x93 || u[2] == 0x94))
      b[n++] = (brk){i + 3, BRK_DASH};
  }
  if (url)
    for (size_t i = 1; i + 1 < wl; i++)
      if (strchr("/.-?&=_", w[i]) && !(w[i] == '/' && w[i + 1] == '/'))
        b[n++] = (brk){i + 1, BRK_URL};
  qsort(b, n, sizeof *b, brk_cmp);
  size_t m = 0;
  for (size_t k = 0; k < n; k++)
    if (b[k].at > 0 && b[k].at < wl && (m == 0 || b[m - 1].at != b[k].at)) b[m++] = b[k];
  *out = b;
  return m;
}

static void add_word(ts *T, par *P, const textstyle *st, const char *w, size_t wl) {
  brk stack[72], *bk;
  size_t nb = word_breaks(T, P, st, w, wl, stack, sizeof stack / sizeof *stack, &bk);
  size_t a = 0;
  for (size_t k = 0;; k++) {
    size_t b = k < nb ? bk[k].at : wl;
    size_t before = P->nfr;
    add_chars(T, P, st, w + a, b - a);
    if (b >= wl) break;
    if (P->nfr > before) {
      uint32_t prev = last_char(w, b);
      const frag *f = &P->fr[P->nfr - 1];
      oct_lb_item pen = {.kind = OCT_LB_PENALTY, .ref = P->nfr - 1};
      if (bk[k].kind == BRK_URL) {
        /* TeX's ragged break: \penalty10000 \hskip 0pt plus X \penalty P
         * \hskip 0pt plus -X, whose stretch counts only on a line ending here */
        double x = P->width > 0 ? P->width * T->S->urlstretch : 0;
        lb_push(P,
                (oct_lb_item){.kind = OCT_LB_PENALTY, .penalty = OCT_LB_INFINITY, .ref = NO_FRAG});
        lb_push(P, (oct_lb_item){.kind = OCT_LB_GLUE, .stretch = x, .ref = SOFT_GLUE});
        pen.penalty = T->S->urlpenalty;
        lb_push(P, pen);
        pen = (oct_lb_item){.kind = OCT_LB_GLUE, .stretch = -x, .ref = SOFT_GLUE};
      } else if (prev == '-' || prev == 0x2010) {
        pen.penalty = T->S->exhyphenpenalty;
        pen.flagged = true; /* the word's own hyphen ends the line */
      } else if (prev == 0x2013 || prev == 0x2014) {
        pen.penalty = T->S->dashpenalty;
      } else {
        pen.penalty = T->S->hyphenpenalty;
        pen.flagged = true;
        pen.width = oct_fontset_advance(T->p->fonts, (oct_face)f->face, '-') * f->size;
        pen.rhang = pen.width * T->S->protrudehyphen;
      }
      lb_push(P, pen);
    }
    a = b;
  }
  if (bk != stack) free(bk);
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static void add_text(ts *T, par *P, const textstyle *st, const char *s, size_t len) {
  size_t i = 0;
  while (i < len) {
    if (is_space(s[i])) {
      while (i < len && is_space(s[i]))
        i++;
      add_glue(T, P, st);
      continue;
    }
    size_t j = i;
    while (j < len && !is_space(s[j]))
      j++;
    add_word(T, P, st, s + i, j - i);
    i = j;
  }
}

static void forced_break(par *P) {
  while (P->n > 0 && P->it[P->n - 1].kind == OCT_LB_GLUE)
    P->n--;
  lb_push(P, (oct_lb_item){.kind = OCT_LB_GLUE, .stretch = OCT_LB_FIL, .ref = NO_FRAG});
  lb_push(P, (oct_lb_item){.kind = OCT_LB_PENALTY, .penalty = -OCT_LB_INFINITY, .ref = NO_FRAG});
}

static int add_link(ts *T, const char *url) {
  OCT_GROW(T->L->links, T->L->nlinks, T->L->caplinks);
  T->L->links[T->L->nlinks] = T->L->pool.len;
  oct_buf_puts(&T->L->pool, url ? url : "");
  oct_buf_putc(&T->L->pool, '\0');
  return (int)T->L->nlinks++;
}

static int load_image(ts *T, const char *src, double max_h, double *pw, double *ph);

/* An image in the line: an icon or a formula is drawn at its size up to
 * the text's (a 16 px icon is 12 pt, beside 11 pt text: scaled to 11),
 * sitting on the baseline.  A picture taller than INLINE_MAX_LINES lines
 * would need a line of its own, which a paragraph's fixed leading cannot
 * give: its alt text stands in, with a warning; so does an image that
 * cannot be loaded, and a decorative one (alt="") is then left out. */
#define INLINE_MAX_LINES 2.0
static void add_inline_image(ts *T, par *P, const oct_node *n, const textstyle *st) {
  const char *src = n->as.image.src ? n->as.image.src : "";
  const char *alt = n->as.image.alt ? n->as.image.alt : "";
  double pw = 0, ph = 0;
  double max_h = T->p->leading * INLINE_MAX_LINES;
  int idx = load_image(T, src, max_h, &pw, &ph);
  double h = ph * PT_PER_CSS_PX, w = pw * PT_PER_CSS_PX;
  if (idx < 0 && h > max_h)
    oct_warn(T->err, "PDF: image '%s' is too tall for a line of text: its alt text is set instead",
             src);
  if (idx < 0 || h <= 0 || w <= 0) {
    if (*alt) add_text(T, P, st, alt, strlen(alt));
    return;
  }
  if (h > st->size) {
    w *= st->size / h;
    h = st->size;
  }
  /* tagged as a Figure inside the paragraph, with its alt text; a
   * decorative one (alt="") is an artifact, which assistive technology
   * skips, as the EPUB's alt="" tells it to */
  long se = -1;
  if (*alt) {
    se = new_se(T, OCT_SR_FIGURE, 0, st->se, alt);
    T->L->selems[se].inline_el = true;
  }
  OCT_GROW(P->fr, P->nfr, P->capfr);
  P->fr[P->nfr] = (frag){.image1 = idx + 1, .width = w, .height = h, .link = st->link, .se = se};
  lb_push(P, (oct_lb_item){.kind = OCT_LB_BOX, .width = w, .ref = P->nfr++});
}

/* Inline content; nesting depth is bounded by the builder's limit. */
static void add_inlines(ts *T, par *P, const oct_node *parent, textstyle st) {
  for (const oct_node *n = parent->first_child; n; n = n->next) {
    textstyle s = st;
    switch (n->type) {
    case OCT_NODE_TEXT:
      if (n->as.text) add_text(T, P, &st, n->as.text, strlen(n->as.text));
      break;
    case OCT_NODE_CODE:
      s.mono = true;
      s.size = st.size * T->S->codesize_inline;
      s.se = new_se(T, OCT_SR_CODE, 0, st.se, NULL);
      T->L->selems[s.se].inline_el = true;
      if (n->as.text) add_text(T, P, &s, n->as.text, strlen(n->as.text));
      break;
    case OCT_NODE_EMPHASIS:
      s.italic = !st.italic; /* emphasis inside italics turns roman */
      add_inlines(T, P, n, s);
      break;
    case OCT_NODE_STRONG:
      s.bold = true;
      add_inlines(T, P, n, s);
      break;
    case OCT_NODE_STRIKETHROUGH:
      s.strike = true;
      add_inlines(T, P, n, s);
      break;
    case OCT_NODE_LINK:
      if (n->as.link.url && *n->as.link.url) {
        s.link = add_link(T, n->as.link.url);
        s.gray = -1; /* drawn in the link colour */
        oct_buf t = OCT_BUF_INIT;
        oct_node_plain_text(n, &t);
        s.se = new_se(T, OCT_SR_LINK, 0, st.se, t.data ? t.data : n->as.link.url);
        T->L->selems[s.se].inline_el = true;
        oct_buf_free(&t);
      }
      add_inlines(T, P, n, s);
      break;
    case OCT_NODE_LINE_BREAK:
      forced_break(P);
      break;
    case OCT_NODE_INLINE_IMAGE:
      add_inline_image(T, P, n, &st);
      break;
    default:
      break;
    }
  }
}

static bool is_space_glue(const oct_lb_item *it) {
  return it->kind == OCT_LB_GLUE && it->ref != SOFT_GLUE;
}

/* Appends frag F as one box per character, with an emergency break between
 * each two (word_breaks' last resort, here for text already measured). */
static void split_frag(ts *T, par *P, frag f) {
  size_t i = 0;
  while (i < f.len) {
    size_t k = f.off + i;
    uint32_t cp = ' ';
    size_t n = oct_utf8_decode(T->L->pool.data + k, f.len - i, &cp);
    if (n == 0) n = 1; /* add_chars keeps valid UTF-8 only; be safe */
    if (cp == '\t') cp = ' ';
    if (i > 0)
      lb_push(P, (oct_lb_item){
                     .kind = OCT_LB_PENALTY, .penalty = T->S->emergencypenalty, .ref = P->nfr - 1});
    OCT_GROW(P->fr, P->nfr, P->capfr);
    frag c = f;
    c.off = k;
    c.len = n;
    c.width = oct_fontset_advance(T->p->fonts, (oct_face)f.face, cp) * f.size;
    P->fr[P->nfr] = c;
    lb_push(P, (oct_lb_item){.kind = OCT_LB_BOX, .width = c.width, .ref = P->nfr++});
    i += n;
  }
}

/* Text set without a space between inline nodes ("a**b**c", a link then
 * its closing bracket, or a fuzzer's thousand emphases in a row) is one
 * word to the line breaker, though each node was measured alone.  A run
 * wider than WIDE_WORD of the line gets an emergency break at every
 * character boundary, so that it too can never run off the page. */
/* The end of the run of items from A up to the next word space (one word
 * to the line breaker, however many inline nodes it spans) in IT[0..N);
 * *WIDE tells whether it is wider than the line allows and not yet broken
 * at every character. */
static size_t run_end(const par *P, const oct_lb_item *it, size_t n, size_t a, bool *wide) {
  size_t b = a;
  double w = 0;
  bool split = false; /* not yet broken at every character */
  while (b < n && !is_space_glue(&it[b])) {
    if (it[b].kind == OCT_LB_BOX) {
      w += it[b].width;
      if (it[b].ref != NO_FRAG && P->fr[it[b].ref].len > 1) split = true;
      if (b > a && it[b - 1].kind == OCT_LB_BOX) split = true;
    }
    b++;
  }
  *wide = split && w > P->width * WIDE_WORD;
  return b;
}

static void break_wide_runs(ts *T, par *P) {
  if (P->width <= 0) return;
  size_t n = P->n, a = 0;
  bool wide = false;
  while (a < n && !wide)
    a = run_end(P, P->it, n, a, &wide) + 1;
  if (!wide) return; /* nearly every paragraph: nothing to do */
  /* One pass into a new list (split_frag pushes onto P->it), so that a
   * paragraph of many wide words stays linear. */
  oct_lb_item *old = P->it;
  P->n = P->cap = 0;
  P->it = oct_grow(NULL, &P->cap, n, sizeof *P->it); /* at least as many as before */
  for (a = 0; a < n;) {
    size_t b = run_end(P, old, n, a, &wide);
    size_t start = P->n;
    for (size_t k = a; k < b; k++) {
      const oct_lb_item *it = &old[k];
      if (!wide || it->kind != OCT_LB_BOX || it->ref == NO_FRAG || P->fr[it->ref].image1) {
        lb_push(P, *it);
        continue;
      }
      const oct_lb_item *last = P->n > start ? &P->it[P->n - 1] : NULL;
      if (last && last->kind == OCT_LB_BOX && last->ref != NO_FRAG)
        lb_push(P, (oct_lb_item){.kind = OCT_LB_PENALTY,
                                 .penalty = T->S->emergencypenalty,
                                 .ref = last->ref});
      split_frag(T, P, P->fr[it->ref]);
    }
    if (b < n) lb_push(P, old[b]); /* the space */
    a = b + 1;
  }
  free(old);
}

static void finish_par(ts *T, par *P) {
  while (P->n > 0 && P->it[P->n - 1].kind == OCT_LB_GLUE)
    P->n--;
  while (P->n > 0 && P->it[P->n - 1].kind == OCT_LB_PENALTY) {
    P->n--;
    while (P->n > 0 && P->it[P->n - 1].kind == OCT_LB_GLUE)
      P->n--;
  }
  if (P->n == 0) return;
  break_wide_runs(T, P);
  /* The last word is hyphenated only when nothing else will do (as
   * InDesign's default, but not at any price): "secu-" with "rity." alone
   * on the paragraph's last line reads badly, yet a two-line list item
   * ending in "resurfacing" had its first line stretched to 0.56 em gaps.
   * A last word too wide for the line keeps its breaks as they are:
   * without them it runs off the page.  The glue around a URL break is
   * not a space. */
  size_t w0 = P->n;
  double w = 0;
  while (w0 > 0 && !is_space_glue(&P->it[w0 - 1])) {
    w0--;
    if (P->it[w0].kind == OCT_LB_BOX) w += P->it[w0].width;
  }
  if (P->width <= 0 || w <= P->width * WIDE_WORD)
    for (size_t i = w0; i < P->n; i++)
      if (P->it[i].kind == OCT_LB_PENALTY && P->it[i].penalty < OCT_LB_INFINITY)
        P->it[i].penalty = T->S->lastwordpenalty;
  forced_break(P);
}

static bool has_boxes(const par *P) {
  for (size_t i = 0; i < P->n; i++)
    if (P->it[i].kind == OCT_LB_BOX && P->it[i].ref != NO_FRAG) return true;
  return false;
}

/* The baseline of text of SIZE in a line box LEAD tall whose top is TOP:
 * the body face's ascender-to-descender box centred in the line. */
static double baseline(double top, double lead, double size) {
  return top + (lead - size * (OCT_FONT_ASCENT + OCT_FONT_DESCENT)) / 2 + size * OCT_FONT_ASCENT;
}

/* The glue ratio R of line LN, lowered so that no word space on it is
 * wider than the style's maxspace: a line that cannot be filled without
 * holes (a two-line list item ending in a word with no hyphenation point,
 * after the emergency pass) is set short of the margin instead. */
static double space_cap(ts *T, const par *P, const oct_lb_line *ln, double r) {
  double cap = r;
  for (size_t k = ln->start; k < ln->end && k < P->n; k++) {
    const oct_lb_item *it = &P->it[k];
    if (!is_space_glue(it) || it->stretch <= 0 || it->stretch >= OCT_LB_FIL) continue;
    if (T->S->spacestretch <= 0) break;
    double size = it->stretch / T->S->spacestretch; /* add_glue's stretch is in ems */
    double c = (T->S->maxspace * size - it->width) / it->stretch;
    if (c < cap) cap = c > 0 ? c : 0;
  }
  if (cap < r) T->L->short_lines++;
  return cap;
}

/* Breaks P into lines WIDTH wide and appends their items (x from the
 * paragraph's left edge, y from the line top to the baseline). */
static int set_lines(ts *T, const par *P, double width, bool ragged, double lead, plines *out) {
  out->n = 0;
  if (!has_boxes(P)) return 0;
  oct_lb_params prm;
  oct_style_linebreak(T->S, &width, 1, ragged, &prm);
  oct_lb_result res = {0};
  if (oct_linebreak(P->it, P->n, &prm, &res) != 0)
    return oct_error_set(T->err, "PDF: line breaking failed on malformed input");
  for (size_t li = 0; li < res.nlines; li++) {
    const oct_lb_line *ln = &res.lines[li];
    double r = ln->ratio;
    bool last = ln->end < P->n && P->it[ln->end].kind == OCT_LB_PENALTY &&
                P->it[ln->end].penalty <= -OCT_LB_INFINITY;
    if (ragged || (last && r > 0)) r = 0;
    if (r > 0) r = space_cap(T, P, ln, r);
    /* font expansion: every box of the line is drawn SC times its width */
    double sc = 1 + ln->expand;
    size_t first = T->L->nitems;
    /* a mark that starts the line hangs into the left margin */
    double x = ln->start < ln->end && P->it[ln->start].kind == OCT_LB_BOX
                   ? -P->it[ln->start].lhang * sc
                   : 0;
    double maxsize = 0;
    for (size_t k = ln->start; k < ln->end && k < P->n; k++) {
      const oct_lb_item *it = &P->it[k];
      if (it->kind == OCT_LB_BOX) {
        if (it->ref != NO_FRAG && P->fr[it->ref].image1) {
          const frag *f = &P->fr[it->ref];
          oct_pitem *p = new_item(T, OCT_PI_IMAGE);
          p->image = f->image1 - 1;
          p->x = x;
          p->w = f->width;
          p->h = f->height; /* the baseline is known below: y then */
          p->link = f->link;
          p->se = f->se;
        } else if (it->ref != NO_FRAG) {
          const frag *f = &P->fr[it->ref];
          oct_pitem *p = frag_item(T, f, x, 0);
          p->w *= sc;
          p->hscale = (float)sc;
          if (f->size > maxsize) maxsize = f->size;
        }
        x += it->width * sc;
      } else if (it->kind == OCT_LB_GLUE) {
        /* a URL break's glue has no width and its stretch cancels */
        if (it->stretch >= OCT_LB_FIL || it->ref == SOFT_GLUE) continue;
        if (T->L->nitems > first && T->L->items[T->L->nitems - 1].kind == OCT_PI_TEXT)
          T->L->items[T->L->nitems - 1].space_after = true;
        x += it->width + (r > 0 ? r * it->stretch : r * it->shrink);
      }
    }
    if (ln->end < P->n && P->it[ln->end].kind == OCT_LB_PENALTY && P->it[ln->end].width > 0 &&
        P->it[ln->end].ref != NO_FRAG) {
      const frag *f = &P->fr[P->it[ln->end].ref];
      size_t off = T->L->pool.len;
      oct_buf_putc(&T->L->pool, '-');
      oct_pitem *p = new_item(T, OCT_PI_TEXT);
      p->face = f->face;
      p->size = f->size;
      p->off = off;
      p->len = 1;
      p->x = x;
      p->w = P->it[ln->end].width * sc;
      p->hscale = (float)sc;
      p->gray = f->gray;
      p->se = f->se;
      p->hyphen = true;
      x += p->w;
      T->L->hyphenated_lines++;
    }
    if (maxsize <= 0) maxsize = T->p->size;
    double base = baseline(0, lead, maxsize);
    for (size_t k = first; k < T->L->nitems; k++)
      T->L->items[k].y = T->L->items[k].kind == OCT_PI_IMAGE ? base - T->L->items[k].h : base;
    OCT_GROW(out->l, out->n, out->cap);
    out->l[out->n++] = (pline){first, T->L->nitems - first, x, ln->hyphenated};
  }
  free(res.lines);
  return 0;
}

/* Emits PL as vertical lines of kind KIND shifted right by LEFT. */
static void emit_lines(ts *T, const plines *pl, oct_vkind kind, double left, double lead,
                       bool track_width) {
  for (size_t i = 0; i < pl->n; i++) {
    for (size_t k = pl->l[i].first; k < pl->l[i].first + pl->l[i].count; k++)
      T->L->items[k].x += left;
    oct_vline *v = new_vline(T, kind, lead, pl->l[i].first);
    v->count = pl->l[i].count;
    v->v.hyphenated = pl->l[i].hyphenated;
    if (kind == OCT_V_HEADING) v->v.keep_with_next = true;
    if (i == 0 && T->pending_label >= 0) {
      /* The label shares the first line's baseline. */
      oct_pitem *lab = &T->L->items[T->pending_label];
      lab->y = pl->l[i].count ? T->L->items[pl->l[i].first].y : baseline(0, lead, lab->size);
      v->label = T->pending_label;
      T->pending_label = -1;
    }
    if (track_width && i + 1 < pl->n && pl->l[i].width > T->L->max_line_width)
      T->L->max_line_width = pl->l[i].width;
  }
}

static double block_width(const ts *T, const ctx *c) {
  double w = T->p->measure - c->left - c->right;
  return w < T->p->size * T->S->minhsize ? T->p->size * T->S->minhsize : w;
}

/* Indents IN by LEFT and RIGHT unless that leaves too narrow a block: deep
 * nesting stops indenting, with one warning per document. */
static void indent(ts *T, ctx *in, double left, double right) {
  if (T->p->measure - in->left - in->right - left - right >=
      T->p->measure * T->S->minnestedmeasure) {
    in->left += left;
    in->right += right;
    return;
  }
  if (!T->warned_indent)
    oct_warn(T->err, "PDF: quotes or lists nested too deep for the page: deeper levels are "
                     "not indented further");
  T->warned_indent = true;
}

static int layout_paragraph(ts *T, const oct_node *n, const ctx *c, bool indent) {
  long se = enter_se(T, OCT_SR_P, 0, NULL);
  par *P = new_par(T, block_width(T, c));
  P->hyphenate = true;
  textstyle st = body_style(T);
  if (indent)
    lb_push(P, (oct_lb_item){
                   .kind = OCT_LB_BOX, .width = T->p->size * T->S->parindent, .ref = NO_FRAG});
  add_inlines(T, P, n, st);
  finish_par(T, P);
  T->group++;
  int rc = set_lines(T, P, block_width(T, c), T->p->ragged, T->p->leading, &T->pl);
  if (rc == 0) {
    emit_lines(T, &T->pl, OCT_V_LINE, c->left, T->p->leading, true);
    T->L->nparagraphs++;
  }
  leave_se(T, se);
  return rc;
}

/* How many ragged lines P makes at WIDTH, and in which pass (the fourth
 * has an overfull line); 0 lines when it cannot be broken. */
static size_t ragged_lines(ts *T, const par *P, double width, int *pass) {
  oct_lb_params prm;
  oct_style_linebreak(T->S, &width, 1, true, &prm);
  oct_lb_result res = {0};
  if (oct_linebreak(P->it, P->n, &prm, &res) != 0) return 0;
  free(res.lines);
  *pass = res.pass;
  return res.nlines;
}

#define BALANCE_MAX_ITEMS 1000
/* The narrowest measure, down to half of WIDTH, at which P takes as many
 * lines as at WIDTH with none overfull (pass 4; ragged lines that fall
 * short are what balancing trades, so the other passes all do): titles
 * and headings set at it
 * have lines of about one length instead of a last line holding one short
 * word ("...Training and / Assistance").  A bisection of 12 steps gets
 * within 0.03 % of the measure; titles are a few words, so the 13 breaks
 * cost nothing. */
static double balanced_width(ts *T, const par *P, double width) {
  /* a title of a thousand items is no title: not worth 13 breaks */
  if (P->n > BALANCE_MAX_ITEMS || !has_boxes(P)) return width;
  int pass0 = 0, pass = 0;
  size_t n = ragged_lines(T, P, width, &pass0);
  if (n < 2) return width;
  double lo = width / 2, hi = width;
  for (int k = 0; k < 12; k++) {
    double mid = (lo + hi) / 2;
    if (ragged_lines(T, P, mid, &pass) == n && (pass < 4 || pass <= pass0))
      hi = mid;
    else
      lo = mid;
  }
  return hi;
}

/* Sets one line of plain text (title block, captions) ragged in style ST. */
static int layout_string(ts *T, const char *s, textstyle st, const ctx *c, double lead,
                         oct_vkind kind) {
  par *P = new_par(T, block_width(T, c));
  add_text(T, P, &st, s, strlen(s));
  finish_par(T, P);
  T->group++;
  int rc = set_lines(T, P, balanced_width(T, P, block_width(T, c)), true, lead, &T->pl);
  if (rc == 0) emit_lines(T, &T->pl, kind, c->left, lead, false);
  return rc;
}

static int layout_heading(ts *T, const oct_node *n, const ctx *c) {
  int level = n->as.heading.level < 1 ? 1 : n->as.heading.level > 6 ? 6 : n->as.heading.level;
  textstyle st = body_style(T);
  st.sans = true;
  st.italic = level >= T->S->headingitalic;
  st.bold = !st.italic;
  st.size = T->p->size * T->S->headingsize[level];
  double lead = st.size * T->S->headingleading;
  add_space(T,
            T->p->leading * (level <= 2 ? T->S->headingbeforeskip_major : T->S->headingbeforeskip));
  long se = enter_se(T, OCT_SR_H, level, NULL);
  st.se = T->cur_se;
  par *P = new_par(T, block_width(T, c));
  add_inlines(T, P, n, st);
  finish_par(T, P);
  T->group++;
  leave_se(T, se);
  size_t first_line = T->L->nlines;
  int rc = set_lines(T, P, balanced_width(T, P, block_width(T, c)), true, lead, &T->pl);
  if (rc == 0 && T->pl.n > 0) {
    emit_lines(T, &T->pl, OCT_V_HEADING, c->left, lead, false);
    oct_vline *v = &T->L->lines[first_line];
    v->outline_level = level;
    oct_buf t = OCT_BUF_INIT;
    oct_node_plain_text(n, &t);
    v->title_off = T->L->pool.len;
    v->title_len = t.len;
    oct_buf_put(&T->L->pool, t.data ? t.data : "", t.len);
    oct_buf_putc(&T->L->pool, '\0');
    if (!T->L->title && t.len) T->L->title = oct_xstrdup(t.data);
    oct_buf_free(&t);
  }
  add_space(T, T->p->leading * T->S->headingafterskip);
  return rc;
}

static void roman(int n, char *out, size_t outsz) {
  static const int val[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
  static const char *const sym[] = {"m",  "cm", "d",  "cd", "c",  "xc", "l",
                                    "xl", "x",  "ix", "v",  "iv", "i"};
  size_t o = 0;
  out[0] = '\0';
  for (int i = 0; i < 13 && n > 0; i++)
    while (n >= val[i] && o + 3 < outsz) {
      size_t l = strlen(sym[i]);
      memcpy(out + o, sym[i], l);
      o += l;
      out[o] = '\0';
      n -= val[i];
    }
}

/* A list label, right-aligned in the hanging indent, waiting for the item's
 * first line. */
static void make_label(ts *T, const char *text, double right_edge) {
  textstyle st = body_style(T);
  size_t off = T->L->pool.len;
  double w = 0;
  size_t len = strlen(text);
  int face = OCT_FACE_SERIF;
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    size_t n = oct_utf8_decode(text + i, len - i, &cp);
    if (!n) break;
    int f = oct_fontset_pick(T->p->fonts, OCT_FACE_SERIF, cp, T->err);
    if (f >= 0) {
      face = f;
      w += oct_fontset_advance(T->p->fonts, (oct_face)f, cp) * st.size;
      oct_buf_put(&T->L->pool, text + i, n);
    }
    i += n;
  }
  oct_pitem *p = new_item(T, OCT_PI_TEXT);
  p->face = face;
  p->size = st.size;
  p->off = off;
  p->len = T->L->pool.len - off;
  /* never left of the text block (layout_list widens the indent to fit the
   * labels; only when nesting has used up the indent can one be clamped) */
  p->x = right_edge - w > 0 ? right_edge - w : 0;
  p->w = w;
  T->pending_label = (long)(p - T->L->items);
}

static int layout_blocks(ts *T, const oct_node *parent, const ctx *c);

/* The label of item number NUM of list N at nesting DEPTH: bullets by
 * depth, numbers alternating with roman numerals (up to 3999, past which
 * they stop being numerals anyone reads). */
static void list_label(const oct_node *n, int depth, long long num, char *out, size_t outsz) {
  static const char *const bullets[] = {"\xE2\x80\xA2", "\xE2\x80\x93", "\xE2\x80\xA3"};
  char delim = n->as.list.delim == ')' ? ')' : '.';
  if (n->type != OCT_NODE_ORDERED_LIST) {
    snprintf(out, outsz, "%s", bullets[depth % 3]);
  } else if (depth % 2 == 1 && num >= 1 && num <= 3999) {
    char r[24];
    roman((int)num, r, sizeof r);
    snprintf(out, outsz, "%s%c", r, delim);
  } else {
    snprintf(out, outsz, "%lld%c", num, delim);
  }
}

static int layout_list(ts *T, const oct_node *n, const ctx *c) {
  const oct_style *S = T->S;
  add_space(T, T->p->leading * S->blockskip);
  ctx in = *c;
  /* The labels hang in the indent, right-aligned \labelsep before the
   * text: a list whose widest label needs more (item 1,000,000 or a long
   * roman numeral) gets a wider indent instead of a label in the margin. */
  long long start = n->type == OCT_NODE_ORDERED_LIST ? n->as.list.start : 1, num = start;
  double indent_w =
      T->p->size * (n->type == OCT_NODE_ORDERED_LIST ? S->enumindent : S->bulletindent);
  char label[48];
  for (const oct_node *it = n->first_child; it; it = it->next, num++) {
    list_label(n, c->list_depth, num, label, sizeof label);
    double w = oct_fontset_width(T->p->fonts, OCT_FACE_SERIF, label, strlen(label)) * T->p->size;
    if (w + T->p->size * S->labelsep > indent_w) indent_w = w + T->p->size * S->labelsep;
  }
  indent(T, &in, indent_w, 0);
  in.list_depth++;
  num = start;
  long list_se = enter_se(T, OCT_SR_L, 0, NULL);
  int rc = 0;
  for (const oct_node *it = n->first_child; it && rc == 0; it = it->next, num++) {
    list_label(n, c->list_depth, num, label, sizeof label);
    if (it != n->first_child) add_space(T, T->p->leading * S->itemsep);
    long item_se = enter_se(T, OCT_SR_LI, 0, NULL);
    long lbl_se = enter_se(T, OCT_SR_LBL, 0, NULL);
    make_label(T, label, in.left - T->p->size * S->labelsep);
    leave_se(T, lbl_se);
    long body_se = enter_se(T, OCT_SR_LBODY, 0, NULL);
    rc = layout_blocks(T, it, &in);
    leave_se(T, body_se);
    leave_se(T, item_se);
    T->pending_label = -1; /* an empty item drops its label */
  }
  leave_se(T, list_se);
  if (rc != 0) return -1;
  add_space(T, T->p->leading * S->blockskip);
  return 0;
}

/* A code line too long for the block wraps at its last space only when
 * that leaves more than the first 1/WRAP_AT_SPACE of the line filled; a
 * line that is one long token wraps at the width instead. */
#define WRAP_AT_SPACE 3

/* A code block's geometry, from the style and the block's width. */
typedef struct code {
  const ctx *c;
  double size, lead, pad, width, hook;
  bool first_line; /* the next piece opens the block (it gets the top padding) */
} code;

/* LEN bytes of TEXT with tabs expanded to TAB columns, into OUT. */
static void expand_tabs(const char *text, size_t len, int tab, oct_buf *out) {
  oct_buf_clear(out);
  size_t col = 0;
  for (size_t i = 0; i < len; i++) {
    if (text[i] == '\t') {
      do {
        oct_buf_putc(out, ' ');
        col++;
      } while (col % (size_t)tab);
    } else {
      oct_buf_putc(out, text[i]);
      if (((unsigned char)text[i] & 0xC0) != 0x80) col++;
    }
  }
}

/* Where the piece of S (SL bytes) from A that fits in AVAIL ends: greedily
 * by width, preferring the last space. */
static size_t code_wrap(ts *T, const code *k, const char *s, size_t sl, size_t a, double avail) {
  double w = 0;
  size_t b = a, last_space = 0;
  while (b < sl) {
    uint32_t cp;
    size_t n = oct_utf8_decode(s + b, sl - b, &cp);
    if (!n) {
      b++;
      continue;
    }
    int f = !drawable(cp) ? -1 : oct_fontset_pick(T->p->fonts, OCT_FACE_MONO, cp, T->err);
    double cw = f >= 0 ? oct_fontset_advance(T->p->fonts, (oct_face)f, cp) * k->size : 0;
    if (w + cw > avail && b > a) break;
    w += cw;
    b += n;
    if (cp == ' ' && b < sl) last_space = b;
  }
  if (b < sl && last_space > a + (b - a) / WRAP_AT_SPACE) b = last_space;
  return b;
}

/* One line of the block: its background, the continuation mark when CONT
 * (the line goes on from the one before), and LEN bytes of S. */
static void code_piece(ts *T, code *k, const char *s, size_t len, bool cont) {
  const oct_style *S = T->S;
  size_t first = T->L->nitems;
  oct_pitem *bg = new_item(T, OCT_PI_RECT);
  bg->x = k->c->left;
  bg->y = 0;
  bg->w = block_width(T, k->c);
  bg->h = k->lead + (k->first_line ? k->pad / 2 : 0);
  bg->gray = S->codegray;
  double top = k->first_line ? k->pad / 2 : 0;
  if (cont) {
    oct_pitem *hk = new_item(T, OCT_PI_HOOK);
    hk->x = k->c->left + k->pad;
    hk->y = top + k->lead * S->hooktop;
    hk->w = k->hook * S->hookwidth;
    hk->h = k->lead * S->hookdepth;
    hk->gray = S->hookgray;
  }
  par *P = new_par(T, 0);
  textstyle st = body_style(T);
  st.mono = true;
  st.size = k->size;
  /* spaces in code are significant: one box per character run, no glue */
  add_chars(T, P, &st, s, len);
  double x = k->c->left + k->pad + (cont ? k->hook : 0);
  double base = baseline(top, k->lead, k->size);
  for (size_t i = 0; i < P->n; i++) {
    const frag *f = &P->fr[P->it[i].ref];
    frag_item(T, f, x, base);
    x += f->width;
  }
  new_vline(T, OCT_V_LINE, k->lead + top, first);
  k->first_line = false;
}

/* A code block: lines as written, on a grey ground, each wrapped where it
 * is too long with a mark on the continuation. */
static int layout_code(ts *T, const oct_node *n, const ctx *c) {
  const char *text = n->as.code_block.text ? n->as.code_block.text : "";
  size_t len = strlen(text);
  while (len > 0 && text[len - 1] == '\n')
    len--;
  const oct_style *S = T->S;
  code k = {.c = c, .first_line = true};
  k.size = T->p->size * S->codesize;
  k.lead = k.size * S->codeleading;
  k.pad = T->p->size * S->codepad;
  k.width = block_width(T, c) - 2 * k.pad;
  k.hook = k.size * S->codehook;
  add_space(T, T->p->leading * S->blockskip);
  T->group++;
  long se = enter_se(T, OCT_SR_CODE, 0, NULL);
  oct_buf line = OCT_BUF_INIT;
  for (size_t pos = 0; pos <= len;) {
    size_t e = pos;
    while (e < len && text[e] != '\n')
      e++;
    expand_tabs(text + pos, e - pos, S->codetab, &line);
    const char *s = line.data ? line.data : "";
    size_t sl = line.len, a = 0;
    bool cont = false;
    do {
      size_t b = code_wrap(T, &k, s, sl, a, k.width - (cont ? k.hook : 0));
      code_piece(T, &k, s + a, b - a, cont);
      cont = true;
      a = b;
      while (a < sl && s[a] == ' ' && a > 0)
        a++; /* the broken-at space */
    } while (a < sl);
    pos = e + 1;
  }
  /* bottom padding continues the background */
  size_t first = T->L->nitems;
  oct_pitem *bg = new_item(T, OCT_PI_RECT);
  bg->x = c->left;
  bg->w = block_width(T, c);
  bg->h = k.pad / 2;
  bg->gray = S->codegray;
  new_vline(T, OCT_V_LINE, k.pad / 2, first);
  leave_se(T, se);
  oct_buf_free(&line);
  add_space(T, T->p->leading * S->blockskip);
  return 0;
}

/* A thematic break: a short rule centred in a line of its own. */
static void layout_rule(ts *T, const ctx *c) {
  const oct_style *S = T->S;
  add_space(T, T->p->leading * S->blockskip);
  size_t first = T->L->nitems;
  double w = block_width(T, c);
  oct_pitem *r = new_item(T, OCT_PI_RULE);
  r->w = w * S->rulewidth;
  r->x = c->left + (w - r->w) / 2;
  r->y = T->p->leading / 2;
  r->h = S->rulethickness;
  r->gray = S->rulegray;
  T->group++;
  new_vline(T, OCT_V_BLOCK, T->p->leading, first);
  add_space(T, T->p->leading * S->blockskip);
}

/* Loads SRC for drawing: its index in L->images and its size in pixels,
 * or -1 after a warning.  MAX_H > 0: an image taller than that many
 * points is not loaded (-1, no warning, *PH says how tall it is), so that
 * the PDF holds no image it does not draw. */
static int load_image(ts *T, const char *src, double max_h, double *pw, double *ph) {
  void *handle = NULL;
  oct_buf data = OCT_BUF_INIT;
  oct_image_info info = {0};
  oct_error ierr;
  oct_error_init(&ierr, NULL);
  bool ok = oct_image_load(&T->p->res, src, &data, &info, &ierr) == 0;
  if (ok && info.kind != OCT_IMAGE_PNG && info.kind != OCT_IMAGE_JPEG) {
    ok = false;
    oct_error_set(&ierr, "is %s, and only PNG and JPEG images are placed in the PDF",
                  info.kind == OCT_IMAGE_SVG ? "SVG" : "GIF");
  }
  if (ok && max_h > 0 && info.height * PT_PER_CSS_PX > max_h) {
    oct_buf_free(&data);
    *pw = info.width;
    *ph = info.height;
    return -1;
  }
  if (ok && !T->p->image_fn) {
    ok = false;
    oct_error_set(&ierr, "cannot be placed (no image loader)");
  }
  if (ok) ok = T->p->image_fn(T->p->image_user, data.data, data.len, &info, &handle, &ierr) == 0;
  oct_buf_free(&data);
  if (!ok) {
    oct_warn(T->err, "PDF: image '%s' %s: its alt text is set instead", src, ierr.msg);
    return -1;
  }
  OCT_GROW(T->L->images, T->L->nimages, T->L->capimages);
  T->L->images[T->L->nimages] = (oct_image){handle, info.width, info.height};
  *pw = info.width;
  *ph = info.height;
  return (int)T->L->nimages++;
}

static int layout_image(ts *T, const oct_node *n, const ctx *c) {
  const char *src = n->as.image.src ? n->as.image.src : "";
  const char *alt = n->as.image.alt && *n->as.image.alt ? n->as.image.alt : src;
  double pw = 0, ph = 0;
  int idx = load_image(T, src, 0, &pw, &ph);
  long se = enter_se(T, OCT_SR_FIGURE, 0, alt);
  if (idx < 0) {
    textstyle st = body_style(T);
    st.italic = true;
    add_space(T, T->p->leading * T->S->blockskip);
    oct_buf t = OCT_BUF_INIT;
    oct_buf_printf(&t, "[%s]", alt);
    int rc = layout_string(T, t.data, st, c, T->p->leading, OCT_V_LINE);
    oct_buf_free(&t);
    leave_se(T, se);
    add_space(T, T->p->leading * T->S->blockskip);
    return rc;
  }
  double avail = block_width(T, c);
  double w = pw * PT_PER_CSS_PX, h = ph * PT_PER_CSS_PX;
  double maxh = T->p->page_height * T->S->imagemaxheight;
  if (w > avail) {
    h *= avail / w;
    w = avail;
  }
  if (h > maxh) {
    w *= maxh / h;
    h = maxh;
  }
  add_space(T, T->p->leading * T->S->blockskip);
  size_t first = T->L->nitems;
  oct_pitem *p = new_item(T, OCT_PI_IMAGE);
  p->image = idx;
  p->x = c->left + (avail - w) / 2;
  p->y = 0;
  p->w = w;
  p->h = h;
  T->group++;
  new_vline(T, OCT_V_BLOCK, h, first);
  leave_se(T, se);
  add_space(T, T->p->leading * T->S->blockskip);
  return 0;
}

/* ---- tables: column widths from content, cells wrapped ragged. */
typedef struct cellpar {
  par P;
  double natural, minimum;
  bool header;
  oct_align align;
} cellpar;

/* One table's measured cells and the geometry shared by its parts. */
typedef struct table {
  cellpar *cp; /* nrows x ncols */
  size_t nrows, ncols;
  double *nat, *mn; /* per column: natural and minimum width, padding included */
  double size, lead, pad, avail;
} table;

/* Widths CW of columns [C0, C1) in AVAIL: all natural when they fit;
 * else narrow columns (numbers, short labels) keep their natural width and
 * only the wide ones wrap, since squeezing every column in proportion
 * breaks "1 : 5 : 5" for the sake of a few points; else every column gets
 * its minimum and the rest is shared in proportion to what each would
 * still take.  The caller has made sure the minimums fit. */
static void column_widths(const table *t, size_t c0, size_t c1, double *cw) {
  size_t n = c1 - c0;
  double sn = 0, smin = 0;
  for (size_t k = c0; k < c1; k++) {
    sn += t->nat[k];
    smin += t->mn[k];
  }
  if (sn <= t->avail) {
    for (size_t k = c0; k < c1; k++)
      cw[k] = t->nat[k];
    return;
  }
  double fair = t->avail / (double)n, rest = t->avail, rn = 0, rm = 0;
  for (size_t k = c0; k < c1; k++) {
    if (t->nat[k] > fair) {
      rn += t->nat[k];
      rm += t->mn[k];
    } else {
      rest -= t->nat[k];
    }
  }
  if (rm < rest && rn > rm) {
    for (size_t k = c0; k < c1; k++)
      cw[k] = t->nat[k] > fair ? t->mn[k] + (rest - rm) * (t->nat[k] - t->mn[k]) / (rn - rm)
                               : t->nat[k];
    return;
  }
  for (size_t k = c0; k < c1; k++)
    cw[k] =
        sn > smin ? t->mn[k] + (t->avail - smin) * (t->nat[k] - t->mn[k]) / (sn - smin) : t->mn[k];
}

/* Moves the items of a row [FIRST, end) so that those of each slice are
 * contiguous, in slice order (a stable counting sort), and shifts each
 * slice's items up to its own top (slices after the first have no top
 * padding PAD).  SLICE_OF gives each item's slice, SLICE_H the height of a
 * full slice's lines.  Returns the number of items in each slice in COUNT. */
static void sort_slices(ts *T, size_t first, const size_t *slice_of, size_t nslices, double slice_h,
                        double pad, size_t *count) {
  size_t n = T->L->nitems - first;
  oct_pitem *tmp = oct_xmalloc(n * sizeof *tmp);
  size_t *at = oct_xcalloc(nslices + 1, sizeof *at);
  for (size_t k = 0; k < n; k++)
    at[slice_of[k] + 1]++;
  for (size_t s = 0; s < nslices; s++) {
    count[s] = at[s + 1];
    at[s + 1] += at[s];
  }
  for (size_t k = 0; k < n; k++) {
    oct_pitem p = T->L->items[first + k];
    size_t s = slice_of[k];
    if (s > 0 && p.kind == OCT_PI_TEXT) p.y -= (double)s * slice_h + pad; /* no top padding */
    tmp[at[s]++] = p;
  }
  memcpy(T->L->items + first, tmp, n * sizeof *tmp);
  free(tmp);
  free(at);
}

/* Marks line V, a body row of a table whose repeated header is line
 * HEADER (-1: none), for the page builder. */
static void repeat_header(ts *T, oct_vline *v, long header) {
  if (header >= 0) v->v.header_back = (size_t)(v - T->L->lines) - (size_t)header;
}

/* A cell's text is never set narrower than this, in points, however
 * narrow its column came out (its words then get emergency breaks). */
#define MIN_CELL_TEXT 1.0

/* One part of a table: columns [c0, c1) set one under the other. */
typedef struct part {
  size_t c0, c1;
  const ctx *c;
  double *cw;       /* column widths, indexed like the table's columns */
  double width;     /* the part's width */
  long header_line; /* line index of the header row that repeats, or -1 */
  double header_h;  /* its height */
  size_t *line_of;  /* per item of the row being set: its line in its cell */
  size_t cap_line_of;
  plines pl;
} part;

/* A table rule across the part, Y down from its line's top. */
static void table_rule(ts *T, const part *pt, double y, double thickness) {
  oct_pitem *r = new_item(T, OCT_PI_RULE);
  r->x = pt->c->left;
  r->w = pt->width;
  r->y = y;
  r->h = thickness;
  r->gray = T->S->tablerulegray;
}

/* Sets the cells of row RI (items from FIRST on, the row's top rule
 * first) side by side, aligned as the source says (Markdown's :--: and
 * --:), and notes each item's line in its cell.  *NLINES gets the row's
 * height in lines, *HEADER whether it is a header row. */
static int set_cells(ts *T, const table *t, part *pt, size_t ri, size_t first, size_t *nlines,
                     bool *header) {
  double x = pt->c->left;
  *nlines = 0;
  *header = false;
  for (size_t ci = pt->c0; ci < pt->c1; ci++) {
    cellpar *q = &t->cp[ri * t->ncols + ci];
    *header |= q->header;
    double inner =
        pt->cw[ci] - 2 * t->pad > MIN_CELL_TEXT ? pt->cw[ci] - 2 * t->pad : MIN_CELL_TEXT;
    if (set_lines(T, &q->P, inner, true, t->lead, &pt->pl) != 0) return -1;
    for (size_t li = 0; li < pt->pl.n; li++) {
      const pline *l = &pt->pl.l[li];
      double slack = inner - l->width, dx = 0;
      if (slack > 0 && q->align == OCT_ALIGN_RIGHT) dx = slack;
      if (slack > 0 && q->align == OCT_ALIGN_CENTER) dx = slack / 2;
      for (size_t k = l->first; k < l->first + l->count; k++) {
        T->L->items[k].x += x + t->pad + dx;
        T->L->items[k].y += t->pad + (double)li * t->lead;
        pt->line_of = oct_grow(pt->line_of, &pt->cap_line_of, k - first + 1, sizeof *pt->line_of);
        pt->line_of[k - first] = li;
      }
    }
    if (pt->pl.n > *nlines) *nlines = pt->pl.n;
    x += pt->cw[ci];
  }
  return 0;
}

/* A row of NLINES lines (items from FIRST on) taller than a page: cut
 * into NSLICES slices of PER whole lines, one vertical block each, so that
 * no block is taller than a page (it would be drawn off it). */
static void slice_row(ts *T, const table *t, part *pt, size_t first, size_t nlines, size_t per,
                      size_t nslices, bool header) {
  size_t n = T->L->nitems - first;
  pt->line_of = oct_grow(pt->line_of, &pt->cap_line_of, n, sizeof *pt->line_of);
  pt->line_of[0] = 0; /* the top rule */
  for (size_t k = 1; k < n; k++)
    pt->line_of[k] /= per;
  size_t *count = oct_xcalloc(nslices, sizeof *count);
  sort_slices(T, first, pt->line_of, nslices, (double)per * t->lead, t->pad, count);
  size_t at = first;
  for (size_t s = 0; s < nslices; s++) {
    size_t lines = s + 1 < nslices ? per : nlines - s * per;
    double h = (double)lines * t->lead + (s == 0 ? t->pad : 0) + (s + 1 == nslices ? t->pad : 0);
    oct_vline *v = new_vline(T, OCT_V_BLOCK, h, at);
    v->count = count[s];
    v->v.table_row = true;
    if (!header) repeat_header(T, v, pt->header_line);
    at += count[s];
  }
  free(count);
}

/* Lays out rows [0, nrows) of the part's columns as one table. */
static int table_part(ts *T, const table *t, size_t c0, size_t c1, const ctx *c) {
  part pt = {.c0 = c0, .c1 = c1, .c = c, .header_line = -1};
  pt.cw = oct_xcalloc(t->ncols, sizeof *pt.cw);
  column_widths(t, c0, c1, pt.cw);
  for (size_t k = c0; k < c1; k++)
    pt.width += pt.cw[k];
  T->group++;
  int rc = 0;
  for (size_t ri = 0; ri < t->nrows && rc == 0; ri++) {
    size_t first = T->L->nitems, nlines;
    bool header, last = ri + 1 == t->nrows;
    /* heavy above the table and under its first row, light between rows */
    table_rule(T, &pt, 0, ri == 0 || ri == 1 ? T->S->heavyrulewidth : T->S->lightrulewidth);
    rc = set_cells(T, t, &pt, ri, first, &nlines, &header);
    if (rc != 0) break;
    /* the header repeats on every page only when it leaves room for rows */
    bool repeat = header && (double)nlines * t->lead + 2 * t->pad <=
                                T->p->page_height * T->S->headerrepeatheight;
    double room = T->p->page_height - (pt.header_line >= 0 ? pt.header_h : 0) - 2 * t->pad;
    size_t per = room > t->lead ? (size_t)(room / t->lead) : 1; /* lines a page holds */
    size_t nslices = nlines > per ? (nlines + per - 1) / per : 1;
    if (nslices > 1) {
      slice_row(T, t, &pt, first, nlines, per, nslices, header);
      if (last) {
        size_t b0 = T->L->nitems;
        table_rule(T, &pt, 0, T->S->heavyrulewidth);
        new_vline(T, OCT_V_BLOCK, 0, b0)->v.table_row = true;
      }
      continue;
    }
    double rowh = (double)nlines * t->lead + 2 * t->pad;
    if (last) table_rule(T, &pt, rowh, T->S->heavyrulewidth);
    oct_vline *v = new_vline(T, OCT_V_BLOCK, rowh, first);
    v->v.table_row = true;
    v->v.keep_with_next = header;
    v->v.is_header = header && repeat;
    if (header && repeat && pt.header_line < 0) {
      pt.header_line = (long)(T->L->nlines - 1);
      pt.header_h = rowh;
    }
    if (!header) repeat_header(T, v, pt.header_line);
  }
  free(pt.line_of);
  free(pt.pl.l);
  free(pt.cw);
  return rc;
}

/* Counts N's rows and its widest row's cells into T. */
static void table_shape(const oct_node *n, table *t) {
  for (const oct_node *r = n->first_child; r; r = r->next) {
    size_t k = 0;
    for (const oct_node *cell = r->first_child; cell; cell = cell->next)
      k++;
    if (k > t->ncols) t->ncols = k;
    t->nrows++;
  }
}

/* Builds cell CELL's paragraph into Q and measures it: its natural width
 * (on one line) and its minimum (its widest unbreakable run). */
static void measure_cell(ts *T, const table *t, const oct_node *cell, double word_max, cellpar *q) {
  textstyle st = body_style(T);
  st.size = t->size;
  q->header = cell->as.cell.header;
  q->align = cell->as.cell.align;
  st.bold = q->header;
  q->P.width = word_max / WIDE_WORD; /* words wider than WORD_MAX get breaks */
  add_inlines(T, &q->P, cell, st);
  finish_par(T, &q->P);
  par_shrink(&q->P);
  double word = 0;
  for (size_t k = 0; k < q->P.n; k++) {
    const oct_lb_item *it = &q->P.it[k];
    if (it->kind == OCT_LB_BOX) {
      q->natural += it->width;
      word += it->width;
    } else if (it->kind == OCT_LB_GLUE && it->stretch < OCT_LB_FIL) {
      q->natural += it->width;
      word = 0;
    } else {
      word = 0;
    }
    if (word > q->minimum) q->minimum = word;
  }
}

/* Measures every cell of N into T, and each column's natural and minimum
 * widths, padding included. */
static void measure_cells(ts *T, const oct_node *n, table *t) {
  double word_max = t->size * T->S->cellword < t->avail - 2 * t->pad ? t->size * T->S->cellword
                                                                     : t->avail - 2 * t->pad;
  size_t ri = 0;
  for (const oct_node *r = n->first_child; r; r = r->next, ri++) {
    size_t ci = 0;
    long row_se = enter_se(T, OCT_SR_TR, 0, NULL);
    for (const oct_node *cell = r->first_child; cell; cell = cell->next, ci++) {
      cellpar *q = &t->cp[ri * t->ncols + ci];
      long cell_se = enter_se(T, cell->as.cell.header ? OCT_SR_TH : OCT_SR_TD, 0, NULL);
      measure_cell(T, t, cell, word_max, q);
      leave_se(T, cell_se);
      if (q->natural + 2 * t->pad > t->nat[ci]) t->nat[ci] = q->natural + 2 * t->pad;
      if (q->minimum + 2 * t->pad > t->mn[ci]) t->mn[ci] = q->minimum + 2 * t->pad;
    }
    leave_se(T, row_se);
  }
  for (size_t k = 0; k < t->ncols; k++)
    if (t->mn[k] > t->avail) t->mn[k] = t->avail; /* a single character wider than the page */
}

/* Columns whose minimum widths do not fit side by side are set in parts,
 * each a table of the next columns that fit, as printed spreadsheets are:
 * narrower columns would set their words over each other. */
static int table_parts(ts *T, const table *t, const ctx *c) {
  int rc = 0;
  size_t parts = 0;
  for (size_t c0 = 0; c0 < t->ncols && rc == 0; parts++) {
    size_t c1 = c0;
    double sum = 0;
    while (c1 < t->ncols && (c1 == c0 || sum + t->mn[c1] <= t->avail))
      sum += t->mn[c1++];
    if (c0 > 0) add_space(T, T->p->leading * T->S->blockskip);
    rc = table_part(T, t, c0, c1, c);
    c0 = c1;
  }
  if (parts > 1)
    oct_warn(T->err, "PDF: a table of %zu columns is too wide for the page: set in %zu parts",
             t->ncols, parts);
  return rc;
}

static int layout_table(ts *T, const oct_node *n, const ctx *c) {
  table t = {0};
  table_shape(n, &t);
  if (t.nrows == 0 || t.ncols == 0) return 0;
  t.size = T->p->size * T->S->tablesize;
  t.lead = t.size * T->S->tableleading;
  t.pad = t.size * T->S->tabcolsep;
  t.avail = block_width(T, c);
  t.cp = oct_xcalloc(t.nrows * t.ncols, sizeof *t.cp);
  t.nat = oct_xcalloc(t.ncols, sizeof *t.nat);
  t.mn = oct_xcalloc(t.ncols, sizeof *t.mn);
  long se = enter_se(T, OCT_SR_TABLE, 0, NULL);
  measure_cells(T, n, &t);
  add_space(T, T->p->leading * T->S->blockskip);
  int rc = table_parts(T, &t, c);
  leave_se(T, se);
  for (size_t k = 0; k < t.nrows * t.ncols; k++)
    par_free(&t.cp[k].P);
  free(t.cp);
  free(t.nat);
  free(t.mn);
  add_space(T, T->p->leading * T->S->blockskip);
  return rc;
}

static int layout_blocks(ts *T, const oct_node *parent, const ctx *c) {
  for (const oct_node *n = parent->first_child; n; n = n->next) {
    int rc = 0;
    switch (n->type) {
    case OCT_NODE_PARAGRAPH:
      rc = layout_paragraph(T, n, c,
                            n->prev && n->prev->type == OCT_NODE_PARAGRAPH && T->L->nlines > 0 &&
                                T->L->lines[T->L->nlines - 1].v.kind == OCT_V_LINE);
      break;
    case OCT_NODE_HEADING:
      rc = layout_heading(T, n, c);
      break;
    case OCT_NODE_BULLET_LIST:
    case OCT_NODE_ORDERED_LIST:
      rc = layout_list(T, n, c);
      break;
    case OCT_NODE_BLOCK_QUOTE: {
      ctx in = *c;
      indent(T, &in, T->p->size * T->S->quote_leftskip, T->p->size * T->S->quote_rightskip);
      add_space(T, T->p->leading * T->S->blockskip);
      long se = enter_se(T, OCT_SR_BLOCKQUOTE, 0, NULL);
      rc = layout_blocks(T, n, &in);
      leave_se(T, se);
      add_space(T, T->p->leading * T->S->blockskip);
      break;
    }
    case OCT_NODE_CODE_BLOCK:
      rc = layout_code(T, n, c);
      break;
    case OCT_NODE_THEMATIC_BREAK:
      layout_rule(T, c);
      break;
    case OCT_NODE_IMAGE:
      rc = layout_image(T, n, c);
      break;
    case OCT_NODE_TABLE:
      rc = layout_table(T, n, c);
      break;
    case OCT_NODE_LIST_ITEM:
    case OCT_NODE_TABLE_ROW:
    case OCT_NODE_TABLE_CELL:
      rc = layout_blocks(T, n, c);
      break;
    default:
      break;
    }
    if (rc != 0) return rc;
  }
  return 0;
}

static int title_block(ts *T, const oct_node *doc) {
  const oct_style *S = T->S;
  const char *title = oct_doc_meta(doc, OCT_META_TITLE);
  const char *subtitle = oct_doc_meta(doc, OCT_META_SUBTITLE);
  const char *author = oct_doc_meta(doc, OCT_META_AUTHOR);
  const char *date = oct_doc_meta(doc, OCT_META_DATE);
  ctx c = {0};
  int rc = 0;
  if (title && *title) {
    textstyle st = body_style(T);
    st.sans = st.bold = true;
    st.size = T->p->size * S->titlesize;
    st.se = new_se(T, OCT_SR_H, 1, T->cur_se, NULL);
    rc |= layout_string(T, title, st, &c, st.size * S->titleleading, OCT_V_HEADING);
    T->L->title = oct_xstrdup(title);
  }
  if (subtitle && *subtitle) {
    textstyle st = body_style(T);
    st.italic = true;
    st.size = T->p->size * S->subtitlesize;
    st.se = new_se(T, OCT_SR_P, 0, T->cur_se, NULL);
    add_space(T, T->p->leading * S->subtitleskip);
    rc |= layout_string(T, subtitle, st, &c, st.size * S->subtitleleading, OCT_V_HEADING);
  }
  if ((author && *author) || (date && *date)) {
    textstyle st = body_style(T);
    st.size = T->p->size * S->bylinesize;
    st.gray = S->bylinegray;
    st.se = new_se(T, OCT_SR_P, 0, T->cur_se, NULL);
    oct_buf t = OCT_BUF_INIT;
    /* the byline as the tree gives it ("A and B"; "A, B" from a list) */
    if (author && *author) oct_buf_puts(&t, author);
    if (author && *author && date && *date) OCT_BUF_LIT(&t, " \xC2\xB7 ");
    if (date && *date) oct_buf_puts(&t, date);
    add_space(T, T->p->leading * S->bylineskip);
    rc |= layout_string(T, t.data, st, &c, T->p->leading, OCT_V_HEADING);
    oct_buf_free(&t);
  }
  if (T->L->nlines > 0) {
    /* a rule under the title block */
    add_space(T, T->p->leading * S->titleruleskip);
    size_t first = T->L->nitems;
    oct_pitem *r = new_item(T, OCT_PI_RULE);
    r->w = T->p->measure;
    r->y = 0;
    r->h = S->titlerulewidth;
    r->gray = S->titlerulegray;
    T->group++;
    oct_vline *v = new_vline(T, OCT_V_BLOCK, 1, first);
    v->v.keep_with_next = true;
    add_space(T, T->p->leading * S->titleafterskip);
    T->L->lines[T->L->nlines - 1].v.keep_with_next = true;
  }
  return rc ? -1 : 0;
}

int oct_layout_document(oct_layout *L, const oct_layout_params *p, const oct_node *doc,
                        oct_error *err) {
  if (!doc || doc->type != OCT_NODE_DOCUMENT) return oct_error_set(err, "PDF: not a document tree");
  if (p->size <= 0 || p->measure <= 0 || p->leading <= 0)
    return oct_error_set(err, "PDF: bad page geometry");
  ts T = {.p = p, .S = p->style, .L = L, .err = err, .pending_label = -1};
  memset(T.ascii_face, ASCII_FACE_UNKNOWN, sizeof T.ascii_face);
  if (!T.S) {
    oct_style_default(&T.own);
    T.S = &T.own;
  }
  if (p->hyph) T.hyph = oct_hyph_memo_new(p->hyph);
  T.cur_se = new_se(&T, OCT_SR_DOCUMENT, 0, -1, NULL);
  ctx c = {0};
  int rc = title_block(&T, doc) != 0 ? -1 : layout_blocks(&T, doc, &c);
  par_free(&T.par);
  free(T.pl.l);
  oct_hyph_memo_free(T.hyph);
  return rc;
}

int oct_layout_paginate(const oct_layout *L, double page_height, oct_pages *pages) {
  oct_vitem *vi = oct_xmalloc((L->nlines ? L->nlines : 1) * sizeof *vi);
  for (size_t i = 0; i < L->nlines; i++)
    vi[i] = L->lines[i].v;
  int rc = oct_paginate(vi, L->nlines, page_height, page_height, pages);
  free(vi);
  if (rc == 0 && pages->npages == 0) {
    /* an empty document still gets one (empty) page, so the file is valid */
    pages->starts = oct_xcalloc(1, sizeof *pages->starts);
    pages->repeat = oct_xmalloc(sizeof *pages->repeat);
    pages->repeat[0] = OCT_V_NONE;
    pages->npages = 1;
  }
  return rc;
}
