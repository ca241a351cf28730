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
 * element with nothing drawn (an empty paragraph) never appears.
 *
 * No array grows past PDF/A-1's limit of 8,191 entries (ISO 19005-1
 * §6.1.12; libharu stops at 32,767): an element whose /K fills up goes on
 * in a NonStruct child (a grouping element with no meaning of its own),
 * a page with that many pieces of marked content draws the rest as
 * artifacts, and a long parent tree is split into leaves. */
#include <hpdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "write/pdf/draw/draw.h"

/* PDF/A-1's implementation limit on a string (ISO 19005-1 §6.1.12 by way
 * of PDF 1.4's Appendix C), in bytes: alt texts and link texts are cut to
 * well under it, at a character. */
#define TEXT_MAX 4000

/* ISO 19005-1 §6.1.12: at most this many entries in an array. */
#define ARRAY_MAX 8191
/* Number-tree pairs per leaf of the parent tree (two array entries each). */
#define LEAF_PAIRS 2048

#define NOT_OPEN (-2)
#define ARTIFACT (-1)
#define SPAN (-3)

struct oct_tagger {
  HPDF_Doc pdf;
  const oct_layout *L;
  HPDF_Dict root;          /* StructTreeRoot */
  HPDF_Dict *elem;         /* per structure element, NULL until it has content */
  HPDF_Dict *holder;       /* the dictionary its next kids go in: itself or a NonStruct */
  HPDF_Array *kids;        /* that one's /K */
  HPDF_Page *pg;           /* and its /Pg: the page of its first marked content */
  HPDF_Array *page_owners; /* the parent tree: per page, its MCIDs' holders, */
  HPDF_Dict *annot_owner;  /* and one per link annotation (keys from npages on) */
  size_t nannot, capannot;
  size_t npages;
  HPDF_Page page;   /* the page being drawn, */
  oct_buf *content; /* its operators */
  size_t pageno;
  HPDF_Array owners; /* its MCIDs' holders, in MCID order */
  long open;         /* element whose marked content is open, ARTIFACT, or NOT_OPEN */
  bool failed;
  bool tree_built; /* the pages' arrays hang in the parent tree, which owns them */
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
  t->holder = oct_xcalloc(n, sizeof *t->holder);
  t->kids = oct_xcalloc(n, sizeof *t->kids);
  t->pg = oct_xcalloc(n, sizeof *t->pg);
  t->page_owners = oct_xcalloc(npages ? npages : 1, sizeof *t->page_owners);
  t->root = new_indirect_dict(t);
  if (!t->root) t->failed = true;
  return t;
}

void oct_tags_free(oct_tagger *t) {
  if (!t) return;
  /* drawing stopped before the parent tree was built: the pages' arrays
   * belong to nothing in the document, and libharu would not free them */
  for (size_t i = 0; i < t->npages && !t->tree_built; i++)
    if (t->page_owners[i]) HPDF_Array_Free(t->page_owners[i]);
  free(t->elem);
  free(t->holder);
  free(t->kids);
  free(t->pg);
  free(t->page_owners);
  free(t->annot_owner);
  free(t);
}

/* Makes room for one more kid of element SE: when its holder's /K is one
 * short of full, the last place goes to a NonStruct that holds what comes
 * next.  Returns the holder the kid goes in, or NULL. */
static HPDF_Dict room(oct_tagger *t, long se) {
  if (t->kids[se]->list->count < ARRAY_MAX - 1) return t->holder[se];
  HPDF_Dict n = new_indirect_dict(t);
  HPDF_Array k = HPDF_Array_New(t->pdf->mmgr);
  if (!n || !k) {
    t->failed = true;
    return NULL;
  }
  HPDF_STATUS st = HPDF_Dict_AddName(n, "S", "NonStruct");
  st |= HPDF_Dict_Add(n, "P", t->holder[se]);
  st |= HPDF_Dict_Add(n, "K", k);
  st |= HPDF_Array_Add(t->kids[se], n);
  if (st != HPDF_OK) t->failed = true;
  t->holder[se] = n;
  t->kids[se] = k;
  t->pg[se] = NULL;
  return n;
}

/* Element SE's dictionary, created (with its ancestors) on first use and
 * hung at the end of its parent's /K.  Depth is bounded by the tree
 * builder's nesting limit. */
static HPDF_Dict element(oct_tagger *t, long se) {
  if (se < 0 || (size_t)se >= t->L->nselems) se = 0;
  if (t->elem[se]) return t->elem[se];
  const oct_selem *e = &t->L->selems[se];
  HPDF_Dict parent = t->root;
  if (e->parent >= 0) {
    parent = element(t, e->parent) ? room(t, e->parent) : NULL;
  }
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
  t->elem[se] = t->holder[se] = d;
  t->kids[se] = k;
  return d;
}

void oct_tags_reserve(oct_tagger *t, long se) {
  if (!t) return; /* an untagged PDF (a digest) */
  if (se < 0 || (size_t)se >= t->L->nselems) return;
  while (t->L->selems[se].inline_el && t->L->selems[se].parent >= 0)
    se = t->L->selems[se].parent;
  element(t, se);
}

void oct_tags_page(oct_tagger *t, void *page, size_t pageno, oct_buf *content) {
  if (!t) return;
  t->page = page;
  t->content = content;
  t->pageno = pageno;
  t->open = NOT_OPEN;
  t->owners = HPDF_Array_New(t->pdf->mmgr);
  if (pageno < t->npages) t->page_owners[pageno] = t->owners;
  if (!t->owners || pageno >= t->npages ||
      HPDF_Dict_AddNumber((HPDF_Dict)page, "StructParents", (HPDF_INT32)pageno))
    t->failed = true;
}

void oct_tags_end(oct_tagger *t) {
  if (!t) return;
  if (t->open == NOT_OPEN) return;
  OCT_BUF_LIT(t->content, "EMC\n");
  t->open = NOT_OPEN;
}

/* Writes ACTUAL (LEN bytes of UTF-8) as a hex text string into S. */
static void write_text_string(oct_buf *s, const char *actual, size_t len) {
  OCT_BUF_LIT(s, "<FEFF");
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
    oct_buf_puts(s, hex);
  }
  oct_buf_putc(s, '>');
}

/* Opens marked content for element SE with the next MCID; with ACTUAL, as
 * a Span whose /ActualText it is.  The span is an MCID sequence of its own
 * and never nested inside another: poppler (22.12) ends an MCID sequence at
 * the first EMC inside it, whatever that EMC closes. */
static void open_mc(oct_tagger *t, long se, const char *actual, size_t len) {
  oct_tags_end(t);
  oct_buf *s = t->content;
  if (!t->owners || t->owners->list->count >= ARRAY_MAX) se = -1; /* the page's MCIDs are full */
  if (se < 0) {
    oct_buf_puts(s, "/Artifact BMC\n");
    t->open = ARTIFACT;
    return;
  }
  if ((size_t)se >= t->L->nselems) se = 0;
  HPDF_Dict d = element(t, se) ? room(t, se) : NULL;
  if (!d) return;
  HPDF_UINT32 mcid = t->owners->list->count;
  char op[96];
  snprintf(op, sizeof op, "/%s <</MCID %u", actual ? "Span" : role_name(&t->L->selems[se]),
           (unsigned)mcid);
  oct_buf_puts(s, op);
  if (actual) {
    oct_buf_puts(s, " /ActualText ");
    write_text_string(s, actual, len);
  }
  oct_buf_puts(s, ">> BDC\n");
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
  if (!t) return;
  if (se != t->open) open_mc(t, se, NULL, 0);
}

void oct_tags_span(oct_tagger *t, long se, const char *actual, size_t len) {
  if (!t) return;
  open_mc(t, se < 0 ? 0 : se, actual ? actual : "", len);
}

void oct_tags_annot(oct_tagger *t, long se, void *annotv, const char *contents) {
  if (!t) return;
  HPDF_Dict annot = annotv;
  if (se < 0 || (size_t)se >= t->L->nselems || t->L->selems[se].role != OCT_SR_LINK) return;
  HPDF_Dict d = element(t, se) ? room(t, se) : NULL;
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

/* The parent tree (PDF 32000-1 §14.7.4.4), a number tree from each page's
 * /StructParents and each annotation's /StructParent to what owns its
 * content: one /Nums when it fits in an array, else leaves of LEAF_PAIRS
 * pairs under /Kids, each with its /Limits. */
static HPDF_Dict parent_tree(oct_tagger *t) {
  HPDF_MMgr mm = t->pdf->mmgr;
  size_t total = t->npages + t->nannot;
  HPDF_Dict tree = HPDF_Dict_New(mm);
  HPDF_Array kids = total > LEAF_PAIRS ? HPDF_Array_New(mm) : NULL;
  if (!tree || (total > LEAF_PAIRS && !kids)) return NULL;
  if (total > (size_t)LEAF_PAIRS * ARRAY_MAX) return NULL; /* 16 million pages and links */
  HPDF_STATUS st = kids ? HPDF_Dict_Add(tree, "Kids", kids) : HPDF_OK;
  for (size_t a = 0; a < total || (a == 0 && !kids); a += LEAF_PAIRS) {
    size_t b = a + LEAF_PAIRS < total ? a + LEAF_PAIRS : total;
    HPDF_Dict leaf = tree;
    if (kids) {
      HPDF_Array lim = HPDF_Array_New(mm);
      leaf = new_indirect_dict(t);
      if (!leaf || !lim) return NULL;
      st |= HPDF_Array_AddNumber(lim, (HPDF_INT32)a);
      st |= HPDF_Array_AddNumber(lim, (HPDF_INT32)(b - 1));
      st |= HPDF_Dict_Add(leaf, "Limits", lim);
      st |= HPDF_Array_Add(kids, leaf);
    }
    HPDF_Array nums = HPDF_Array_New(mm);
    if (!nums) return NULL;
    st |= HPDF_Dict_Add(leaf, "Nums", nums);
    for (size_t key = a; key < b; key++) {
      st |= HPDF_Array_AddNumber(nums, (HPDF_INT32)key);
      if (key < t->npages)
        st |= HPDF_Array_Add(nums, t->page_owners[key]);
      else
        st |= HPDF_Array_Add(nums, t->annot_owner[key - t->npages]);
    }
    if (!kids) break;
  }
  return st == HPDF_OK ? tree : NULL;
}

int oct_tags_finish(oct_tagger *t, oct_error *err) {
  if (!t) return 0;
  HPDF_Doc pdf = t->pdf;
  if (!t->failed && t->L->nselems > 0) element(t, 0); /* an empty document still has its root */
  for (size_t i = 0; i < t->npages; i++)
    if (!t->page_owners[i]) t->failed = true;
  HPDF_Dict ptree = NULL;
  if (!t->failed) {
    t->tree_built = true;
    ptree = parent_tree(t);
  }
  if (!ptree) return oct_error_set(err, "PDF: cannot build the structure tree");
  HPDF_Dict mark = HPDF_Dict_New(pdf->mmgr);
  HPDF_Dict prefs = HPDF_Dict_New(pdf->mmgr);
  if (!mark || !prefs) return oct_error_set(err, "PDF: out of memory in the PDF library");
  HPDF_STATUS st = HPDF_Dict_AddName(t->root, "Type", "StructTreeRoot");
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
