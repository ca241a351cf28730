/* The structure tree of a tagged PDF (PDF 32000-1 §14.7-14.8), which
 * libharu 2.3.0 has no API for: the elements are built with its object API
 * (dictionaries and arrays added to the document's cross-reference table)
 * and the marked-content operators are written straight into the page's
 * content stream, between libharu's own operators, which it writes as each
 * call is made.
 *
 * An element is created when its first content is drawn, and only then
 * hung on its parent: so each element's /K lists its marked content and its
 * children in the order they were drawn, which is the reading order, and an
 * element with nothing drawn (an empty paragraph) never appears. */
#include <hpdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "write/pdf/draw/draw.h"

/* PDF/A-1's implementation limit on a string (ISO 19005-1 §6.1.12 by way
 * of PDF 1.4's Appendix C), in bytes: alt texts and link texts are cut to
 * well under it, at a character. */
#define TEXT_MAX 4000

#define NOT_OPEN (-2)
#define ARTIFACT (-1)
#define SPAN (-3)

struct oct_tagger {
  HPDF_Doc pdf;
  const oct_layout *L;
  HPDF_Dict root;         /* StructTreeRoot */
  HPDF_Dict *elem;        /* per structure element, NULL until it has content */
  HPDF_Array *kids;       /* its /K */
  HPDF_Page *pg;          /* its /Pg: the page its first content is on */
  HPDF_Array nums;        /* the parent tree's /Nums: one entry per page, */
  HPDF_Dict *annot_owner; /* and one per link annotation (keys from npages on) */
  size_t nannot, capannot;
  size_t npages;
  HPDF_Page page; /* the page being drawn, */
  size_t pageno;
  HPDF_Array owners; /* its MCIDs' elements, in MCID order */
  long open;         /* element whose marked content is open, ARTIFACT, or NOT_OPEN */
  bool failed;
};

static const char *role_name(const oct_selem *e) {
  static const char *const heading[] = {"H1", "H2", "H3", "H4", "H5", "H6"};
  switch (e->role) {
  case OCT_SR_DOCUMENT:
    return "Document";
  case OCT_SR_H:
    return heading[e->level < 1 ? 0 : e->level > 6 ? 5 : e->level - 1];
  case OCT_SR_P:
    return "P";
  case OCT_SR_L:
    return "L";
  case OCT_SR_LI:
    return "LI";
  case OCT_SR_LBL:
    return "Lbl";
  case OCT_SR_LBODY:
    return "LBody";
  case OCT_SR_BLOCKQUOTE:
    return "BlockQuote";
  case OCT_SR_TABLE:
    return "Table";
  case OCT_SR_TR:
    return "TR";
  case OCT_SR_TH:
    return "TH";
  case OCT_SR_TD:
    return "TD";
  case OCT_SR_FIGURE:
    return "Figure";
  case OCT_SR_LINK:
    return "Link";
  case OCT_SR_CODE:
    return "Code";
  }
  return "Span";
}

void *oct_pdf_text_string(void *pdfv, const char *utf8, size_t max) {
  HPDF_Doc pdf = pdfv;
  /* A text string (PDF 32000-1 §7.9.2.2): printable ASCII, where
   * PDFDocEncoding agrees, as a literal string (libharu escapes it), a
   * byte a character; anything else as UTF-16BE with its byte order mark,
   * written as a hex string, four bytes a character. */
  size_t len = strlen(utf8);
  bool ascii = len <= max;
  for (size_t i = 0; i < len && ascii; i++)
    ascii = utf8[i] >= 0x20 && utf8[i] < 0x7F;
  if (ascii) return HPDF_String_New(pdf->mmgr, utf8, NULL);
  HPDF_BYTE *b = oct_xmalloc(2 + 4 * (len < max ? len : max) + 4);
  size_t n = 0, i = 0;
  uint32_t cp;
  b[n++] = 0xFE;
  b[n++] = 0xFF;
  while (i < len && i < max && oct_utf8_next(utf8, len, &i, &cp)) {
    if (cp >= 0x10000) {
      uint32_t v = cp - 0x10000, hi = 0xD800 + (v >> 10), lo = 0xDC00 + (v & 0x3FF);
      b[n++] = (HPDF_BYTE)(hi >> 8);
      b[n++] = (HPDF_BYTE)hi;
      b[n++] = (HPDF_BYTE)(lo >> 8);
      b[n++] = (HPDF_BYTE)lo;
    } else {
      b[n++] = (HPDF_BYTE)(cp >> 8);
      b[n++] = (HPDF_BYTE)cp;
    }
  }
  HPDF_Binary s = HPDF_Binary_New(pdf->mmgr, b, (HPDF_UINT)n);
  free(b);
  return s;
}

static HPDF_Stream page_stream(HPDF_Page page) { return ((HPDF_PageAttr)page->attr)->stream; }

static HPDF_Dict new_indirect_dict(oct_tagger *t) {
  HPDF_Dict d = HPDF_Dict_New(t->pdf->mmgr);
  if (!d || HPDF_Xref_Add(t->pdf->xref, d) != HPDF_OK) {
    t->failed = true;
    return NULL;
  }
  return d;
}

oct_tagger *oct_tags_new(void *pdfv, const oct_layout *L, size_t npages) {
  oct_tagger *t = oct_xcalloc(1, sizeof *t);
  t->pdf = pdfv;
  t->L = L;
  t->npages = npages;
  t->open = NOT_OPEN;
  size_t n = L->nselems ? L->nselems : 1;
  t->elem = oct_xcalloc(n, sizeof *t->elem);
  t->kids = oct_xcalloc(n, sizeof *t->kids);
  t->pg = oct_xcalloc(n, sizeof *t->pg);
  t->root = new_indirect_dict(t);
  t->nums = HPDF_Array_New(t->pdf->mmgr);
  if (!t->root || !t->nums) t->failed = true;
  return t;
}

void oct_tags_free(oct_tagger *t) {
  if (!t) return;
  free(t->elem);
  free(t->kids);
  free(t->pg);
  free(t->annot_owner);
  free(t);
}

/* Element SE's dictionary, created (with its ancestors) on first use and
 * hung at the end of its parent's /K.  Depth is bounded by the tree
 * builder's nesting limit. */
static HPDF_Dict element(oct_tagger *t, long se) {
  if (se < 0 || (size_t)se >= t->L->nselems) se = 0;
  if (t->elem[se]) return t->elem[se];
  const oct_selem *e = &t->L->selems[se];
  HPDF_Dict parent = e->parent >= 0 ? element(t, e->parent) : t->root;
  HPDF_Dict d = new_indirect_dict(t);
  HPDF_Array k = HPDF_Array_New(t->pdf->mmgr);
  if (!d || !k || !parent) {
    t->failed = true;
    return NULL;
  }
  /* no /Type (optional, PDF 32000-1 Table 323) and /Pg only on elements
   * with marked content: a few hundred bytes of a 40 KB article */
  HPDF_STATUS st = HPDF_Dict_AddName(d, "S", role_name(e));
  st |= HPDF_Dict_Add(d, "P", parent);
  st |= HPDF_Dict_Add(d, "K", k);
  if (e->alt_off != OCT_SE_NONE && e->role == OCT_SR_FIGURE)
    st |= HPDF_Dict_Add(d, "Alt",
                        oct_pdf_text_string(t->pdf, t->L->pool.data + e->alt_off, TEXT_MAX));
  if (e->parent >= 0)
    st |= HPDF_Array_Add(t->kids[e->parent], d);
  else
    st |= HPDF_Dict_Add(t->root, "K", d);
  if (st != HPDF_OK) t->failed = true;
  t->elem[se] = d;
  t->kids[se] = k;
  return d;
}

void oct_tags_reserve(oct_tagger *t, long se) {
  if (se < 0 || (size_t)se >= t->L->nselems) return;
  while (t->L->selems[se].inline_el && t->L->selems[se].parent >= 0)
    se = t->L->selems[se].parent;
  element(t, se);
}

void oct_tags_page(oct_tagger *t, void *page, size_t pageno) {
  t->page = page;
  t->pageno = pageno;
  t->open = NOT_OPEN;
  t->owners = HPDF_Array_New(t->pdf->mmgr);
  if (!t->owners || HPDF_Dict_AddNumber((HPDF_Dict)page, "StructParents", (HPDF_INT32)pageno) ||
      HPDF_Array_AddNumber(t->nums, (HPDF_INT32)pageno) || HPDF_Array_Add(t->nums, t->owners))
    t->failed = true;
}

void oct_tags_end(oct_tagger *t) {
  if (t->open == NOT_OPEN) return;
  HPDF_Stream_WriteStr(page_stream(t->page), "EMC\n");
  t->open = NOT_OPEN;
}

/* Writes ACTUAL (LEN bytes of UTF-8) as a hex text string into S. */
static void write_text_string(HPDF_Stream s, const char *actual, size_t len) {
  HPDF_Stream_WriteStr(s, "<FEFF");
  size_t i = 0;
  uint32_t cp;
  char hex[16];
  while (i < len && oct_utf8_next(actual, len, &i, &cp)) {
    if (cp >= 0x10000) {
      uint32_t v = cp - 0x10000;
      snprintf(hex, sizeof hex, "%04X%04X", (unsigned)(0xD800 + (v >> 10)),
               (unsigned)(0xDC00 + (v & 0x3FF)));
    } else {
      snprintf(hex, sizeof hex, "%04X", (unsigned)cp);
    }
    HPDF_Stream_WriteStr(s, hex);
  }
  HPDF_Stream_WriteStr(s, ">");
}

/* Opens marked content for element SE with the next MCID; with ACTUAL, as
 * a Span whose /ActualText it is.  The span is an MCID sequence of its own
 * and never nested inside another: poppler (22.12) ends an MCID sequence at
 * the first EMC inside it, whatever that EMC closes. */
static void open_mc(oct_tagger *t, long se, const char *actual, size_t len) {
  oct_tags_end(t);
  HPDF_Stream s = page_stream(t->page);
  if (se < 0) {
    HPDF_Stream_WriteStr(s, "/Artifact BMC\n");
    t->open = ARTIFACT;
    return;
  }
  if ((size_t)se >= t->L->nselems) se = 0;
  HPDF_Dict d = element(t, se);
  if (!d) return;
  HPDF_UINT32 mcid = t->owners->list->count;
  char op[96];
  snprintf(op, sizeof op, "/%s <</MCID %u", actual ? "Span" : role_name(&t->L->selems[se]),
           (unsigned)mcid);
  HPDF_Stream_WriteStr(s, op);
  if (actual) {
    HPDF_Stream_WriteStr(s, " /ActualText ");
    write_text_string(s, actual, len);
  }
  HPDF_Stream_WriteStr(s, ">> BDC\n");
  HPDF_STATUS st = HPDF_Array_Add(t->owners, d);
  if (!t->pg[se]) {
    t->pg[se] = t->page;
    st |= HPDF_Dict_Add(d, "Pg", t->page);
  }
  if (t->pg[se] == t->page) {
    st |= HPDF_Array_AddNumber(t->kids[se], (HPDF_INT32)mcid);
  } else {
    /* content on another page than the element's /Pg names its page */
    HPDF_Dict mcr = HPDF_Dict_New(t->pdf->mmgr);
    if (!mcr) {
      t->failed = true;
      return;
    }
    st |= HPDF_Dict_AddName(mcr, "Type", "MCR");
    st |= HPDF_Dict_Add(mcr, "Pg", t->page);
    st |= HPDF_Dict_AddNumber(mcr, "MCID", (HPDF_INT32)mcid);
    st |= HPDF_Array_Add(t->kids[se], mcr);
  }
  if (st != HPDF_OK) t->failed = true;
  t->open = actual ? SPAN : se;
}

void oct_tags_begin(oct_tagger *t, long se) {
  if (se != t->open) open_mc(t, se, NULL, 0);
}

void oct_tags_span(oct_tagger *t, long se, const char *actual, size_t len) {
  open_mc(t, se < 0 ? 0 : se, actual ? actual : "", len);
}

void oct_tags_annot(oct_tagger *t, long se, void *annotv, const char *contents) {
  HPDF_Dict annot = annotv;
  if (se < 0 || (size_t)se >= t->L->nselems || t->L->selems[se].role != OCT_SR_LINK) return;
  HPDF_Dict d = element(t, se);
  HPDF_Dict objr = HPDF_Dict_New(t->pdf->mmgr);
  if (!d || !objr) {
    t->failed = true;
    return;
  }
  OCT_GROW(t->annot_owner, t->nannot, t->capannot);
  size_t key = t->npages + t->nannot;
  t->annot_owner[t->nannot++] = d;
  HPDF_STATUS st = HPDF_Dict_AddNumber(annot, "StructParent", (HPDF_INT32)key);
  if (contents && *contents)
    st |= HPDF_Dict_Add(annot, "Contents", oct_pdf_text_string(t->pdf, contents, TEXT_MAX));
  st |= HPDF_Dict_AddName(objr, "Type", "OBJR");
  st |= HPDF_Dict_Add(objr, "Obj", annot);
  st |= HPDF_Dict_Add(objr, "Pg", t->page);
  st |= HPDF_Array_Add(t->kids[se], objr);
  if (st != HPDF_OK) t->failed = true;
}

int oct_tags_finish(oct_tagger *t, oct_error *err) {
  HPDF_Doc pdf = t->pdf;
  if (!t->failed && t->L->nselems > 0) element(t, 0); /* an empty document still has its root */
  for (size_t i = 0; i < t->nannot && !t->failed; i++)
    if (HPDF_Array_AddNumber(t->nums, (HPDF_INT32)(t->npages + i)) ||
        HPDF_Array_Add(t->nums, t->annot_owner[i]))
      t->failed = true;
  if (t->failed) return oct_error_set(err, "PDF: cannot build the structure tree");
  HPDF_Dict ptree = HPDF_Dict_New(pdf->mmgr);
  HPDF_Dict mark = HPDF_Dict_New(pdf->mmgr);
  HPDF_Dict prefs = HPDF_Dict_New(pdf->mmgr);
  if (!ptree || !mark || !prefs) return oct_error_set(err, "PDF: out of memory in the PDF library");
  HPDF_STATUS st = HPDF_Dict_Add(ptree, "Nums", t->nums);
  st |= HPDF_Dict_AddName(t->root, "Type", "StructTreeRoot");
  st |= HPDF_Dict_Add(t->root, "ParentTree", ptree);
  st |= HPDF_Dict_AddNumber(t->root, "ParentTreeNextKey", (HPDF_INT32)(t->npages + t->nannot));
  st |= HPDF_Dict_Add(pdf->catalog, "StructTreeRoot", t->root);
  st |= HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE);
  st |= HPDF_Dict_Add(pdf->catalog, "MarkInfo", mark);
  /* viewers show the title, not the file name, in their window */
  st |= HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE);
  st |= HPDF_Dict_Add(pdf->catalog, "ViewerPreferences", prefs);
  if (st != HPDF_OK) return oct_error_set(err, "PDF: cannot attach the structure tree");
  return 0;
}
