/* A digest's vertical list: articles laid out apart, appended in order
 * (see digest.h).  Appending is a copy with every index shifted, linear in
 * what is appended, so 2,000 articles cost one pass over their items. */
/* memrchr() is GNU */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "write/pdf/layout/digest.h"

/* The number a contents line may hold: up to 99,999,999 pages. */
#define NUMBER_BYTES 8

/* Room for N more elements of ARRAY (count *NP, capacity *CAP): grows to
 * exactly what is needed when doubling would be short, else doubles. */
static void reserve(void **array, size_t size, size_t np, size_t *cap, size_t n) {
  if (np + n <= *cap) return;
  size_t want = *cap ? *cap * 2 : 16;
  if (want < np + n) want = np + n;
  *array = oct_xrealloc(*array, want * size);
  *cap = want;
}

size_t oct_layout_append(oct_layout *dst, const oct_layout *src, int shift, unsigned *groups) {
  size_t pool0 = dst->pool.len, item0 = dst->nitems, line0 = dst->nlines;
  size_t link0 = dst->nlinks, image0 = dst->nimages;
  oct_buf_put(&dst->pool, src->pool.data ? src->pool.data : "", src->pool.len);
  reserve((void **)&dst->items, sizeof *dst->items, dst->nitems, &dst->capitems, src->nitems);
  for (size_t i = 0; i < src->nitems; i++) {
    oct_pitem p = src->items[i];
    p.off += pool0;
    if (p.link >= 0) p.link += (int)link0;
    if (p.image >= 0) p.image += (int)image0;
    dst->items[dst->nitems++] = p;
  }
  unsigned gmax = 0;
  reserve((void **)&dst->lines, sizeof *dst->lines, dst->nlines, &dst->caplines, src->nlines);
  for (size_t i = 0; i < src->nlines; i++) {
    oct_vline v = src->lines[i];
    v.first += item0;
    if (v.label >= 0) v.label += (long)item0;
    if (v.title_len || v.outline_level) v.title_off += pool0;
    if (v.outline_level > 0)
      v.outline_level = v.outline_level + shift > 6 ? 6 : v.outline_level + shift;
    if (v.v.group > gmax) gmax = v.v.group;
    v.v.group += *groups;
    dst->lines[dst->nlines++] = v;
  }
  *groups += gmax + 1;
  reserve((void **)&dst->links, sizeof *dst->links, dst->nlinks, &dst->caplinks, src->nlinks);
  for (size_t i = 0; i < src->nlinks; i++)
    dst->links[dst->nlinks++] = src->links[i] + pool0;
  reserve((void **)&dst->images, sizeof *dst->images, dst->nimages, &dst->capimages, src->nimages);
  for (size_t i = 0; i < src->nimages; i++)
    dst->images[dst->nimages++] = src->images[i];
  dst->nparagraphs += src->nparagraphs;
  dst->hyphenated_lines += src->hyphenated_lines;
  if (src->max_line_width > dst->max_line_width) dst->max_line_width = src->max_line_width;
  return line0;
}

static oct_pitem *new_item(oct_layout *L, oct_pitem_kind kind) {
  OCT_GROW(L->items, L->nitems, L->capitems);
  oct_pitem *p = &L->items[L->nitems++];
  memset(p, 0, sizeof *p);
  p->kind = kind;
  p->link = -1;
  p->image = -1;
  return p;
}

static size_t new_line(oct_layout *L, oct_vkind kind, double h, size_t first, unsigned group) {
  OCT_GROW(L->lines, L->nlines, L->caplines);
  oct_vline *v = &L->lines[L->nlines];
  memset(v, 0, sizeof *v);
  v->v.kind = kind;
  v->v.height = h;
  v->v.group = group;
  v->first = first;
  v->count = L->nitems - first;
  v->label = -1;
  return L->nlines++;
}

/* The baseline of SIZE in a line box LEAD tall, as typeset.c centres it. */
static double baseline(double lead, double size) {
  return (lead - size * (OCT_FONT_ASCENT + OCT_FONT_DESCENT)) / 2 + size * OCT_FONT_ASCENT;
}

size_t oct_layout_add_line(oct_layout *L, oct_fontset *fs, oct_face face, double size, float gray,
                           const char *s, double x, double width, double lead, oct_vkind kind,
                           unsigned group, double number_room, double measure) {
  oct_buf t = OCT_BUF_INIT;
  for (size_t i = 0, n = strlen(s); i < n;) {
    uint32_t cp;
    size_t k = oct_utf8_decode(s + i, n - i, &cp);
    if (!k) { /* a byte that starts no character: left out */
      i++;
      continue;
    }
    if (cp == '\n' || cp == '\t' || cp == '\r')
      oct_buf_putc(&t, ' ');
    else if (!oct_char_invisible(cp) && oct_fontset_has(fs, face, cp))
      oct_buf_put(&t, s + i, k);
    i += k;
  }
  double room = width - number_room;
  if (t.len && oct_fontset_width(fs, face, t.data, t.len) * size > room) {
    /* cut at a word (a character when there is none) until the ellipsis fits */
    static const char ellipsis[] = "\xE2\x80\xA6";
    double ew = oct_fontset_width(fs, face, ellipsis, 3) * size;
    while (t.len && oct_fontset_width(fs, face, t.data, t.len) * size + ew > room) {
      char *sp = memrchr(t.data, ' ', t.len);
      size_t cut = sp && sp != t.data ? (size_t)(sp - t.data) : t.len - 1;
      while (cut > 0 && ((unsigned char)t.data[cut] & 0xC0) == 0x80)
        cut--;
      t.len = cut;
      t.data[cut] = '\0';
    }
    OCT_BUF_LIT(&t, "\xE2\x80\xA6");
  }
  size_t first = L->nitems;
  if (t.len) {
    oct_pitem *p = new_item(L, OCT_PI_TEXT);
    p->face = face;
    p->size = size;
    p->off = L->pool.len;
    p->len = t.len;
    p->x = x;
    p->y = baseline(lead, size);
    p->w = oct_fontset_width(fs, face, t.data, t.len) * size;
    p->gray = gray;
    oct_buf_put(&L->pool, t.data, t.len);
  }
  if (number_room > 0) {
    oct_pitem *p = new_item(L, OCT_PI_TEXT);
    p->face = face;
    p->size = size;
    p->off = L->pool.len;
    p->len = 0;
    p->x = measure;
    p->y = baseline(lead, size);
    p->gray = gray;
    oct_buf_put(&L->pool, "00000000", NUMBER_BYTES);
  }
  oct_buf_free(&t);
  return new_line(L, kind, lead, first, group);
}

void oct_layout_set_number(oct_layout *L, oct_fontset *fs, size_t i, unsigned long n,
                           double measure) {
  const oct_vline *v = &L->lines[i];
  if (!v->count) return;
  oct_pitem *p = &L->items[v->first + v->count - 1];
  char num[NUMBER_BYTES + 1];
  int len = snprintf(num, sizeof num, "%lu", n);
  if (len <= 0 || len > NUMBER_BYTES) return;
  memcpy(L->pool.data + p->off, num, (size_t)len);
  p->len = (size_t)len;
  p->w = oct_fontset_width(fs, (oct_face)p->face, num, (size_t)len) * p->size;
  p->x = measure - p->w;
}

void oct_layout_add_space(oct_layout *L, double h, unsigned group) {
  new_line(L, OCT_V_SPACE, h, L->nitems, group);
}

size_t oct_layout_add_rule(oct_layout *L, double x, double w, double thickness, float gray,
                           double h, unsigned group) {
  size_t first = L->nitems;
  oct_pitem *r = new_item(L, OCT_PI_RULE);
  r->x = x;
  r->w = w;
  r->y = h / 2;
  r->h = thickness;
  r->gray = gray;
  return new_line(L, OCT_V_BLOCK, h, first, group);
}
