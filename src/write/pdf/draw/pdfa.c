/* PDF/A-1b (ISO 19005-1, level B) by hand: libharu 2.3.0's
 * HPDF_PDFA_SetPDFAConformance writes XMP that fails validation (a UTC
 * date becomes an invalid offset, text goes in unescaped, keys are
 * misnamed).  Here: the document information and an XMP packet that says
 * the same, an sRGB output intent, the trailer's /ID from the content, and
 * each embedded font's /CIDSet and /CapHeight. */
#include <hpdf.h>
#include <md5.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "write/pdf/draw/draw.h"

/* The sRGB profile of Debian's icc-profiles-free: ICC version 2.3, as
 * PDF/A-1 needs (PDF 1.4 reads no version 4 profile), 6,922 bytes. */
#define ICC_PATH "/usr/share/color/icc/sRGB.icc"
/* A profile larger than this is not the sRGB profile we look for. */
#define ICC_MAX (1 << 20)
/* The shortest ICC header: the version byte is at offset 8. */
#define ICC_HEADER 128

void oct_pdfa_meta_free(oct_pdfa_meta *m) {
  for (int i = 0; i < OCT_PDFA_NKEYS; i++)
    free(m->value[i]);
  memset(m, 0, sizeof *m);
}

/* Info keys in oct_pdfa_key order. */
static const char *const info_key[OCT_PDFA_NKEYS] = {"Title",    "Author",  "Subject",
                                                     "Keywords", "Creator", "Producer"};

static void xml_escaped(oct_buf *out, const char *s) {
  for (; *s; s++) {
    switch (*s) {
    case '&':
      OCT_BUF_LIT(out, "&amp;");
      break;
    case '<':
      OCT_BUF_LIT(out, "&lt;");
      break;
    case '>':
      OCT_BUF_LIT(out, "&gt;");
      break;
    case '"':
      OCT_BUF_LIT(out, "&quot;");
      break;
    default:
      oct_buf_putc(out, *s);
    }
  }
}

/* The XMP packet (ISO 19005-1 §6.7): every entry of the information
 * dictionary again, in the schemas and properties §6.7.3 pairs them with,
 * and the PDF/A identification. */
static void xmp_packet(const oct_pdfa_meta *m, const char *date, bool pdfa, oct_buf *x) {
  const char *const *v = (const char *const *)m->value;
  OCT_BUF_LIT(x, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                 "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                 "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                 "<rdf:Description rdf:about=\"\"\n"
                 " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                 " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                 " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
                 " xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
                 "<dc:format>application/pdf</dc:format>\n");
  static const char *const alt[] = {"title", NULL, "description"};
  for (int k = OCT_PDFA_TITLE; k <= OCT_PDFA_SUBJECT; k++) {
    if (!v[k]) continue;
    bool seq = k == OCT_PDFA_AUTHOR;
    oct_buf_printf(x, "<dc:%s><rdf:%s><rdf:li%s>", seq ? "creator" : alt[k], seq ? "Seq" : "Alt",
                   seq ? "" : " xml:lang=\"x-default\"");
    xml_escaped(x, v[k]);
    oct_buf_printf(x, "</rdf:li></rdf:%s></dc:%s>\n", seq ? "Seq" : "Alt",
                   seq ? "creator" : alt[k]);
  }
  if (v[OCT_PDFA_KEYWORDS]) {
    OCT_BUF_LIT(x, "<pdf:Keywords>");
    xml_escaped(x, v[OCT_PDFA_KEYWORDS]);
    OCT_BUF_LIT(x, "</pdf:Keywords>\n");
  }
  if (v[OCT_PDFA_PRODUCER]) {
    OCT_BUF_LIT(x, "<pdf:Producer>");
    xml_escaped(x, v[OCT_PDFA_PRODUCER]);
    OCT_BUF_LIT(x, "</pdf:Producer>\n");
  }
  if (v[OCT_PDFA_CREATOR]) {
    OCT_BUF_LIT(x, "<xmp:CreatorTool>");
    xml_escaped(x, v[OCT_PDFA_CREATOR]);
    OCT_BUF_LIT(x, "</xmp:CreatorTool>\n");
  }
  if (date)
    oct_buf_printf(x, "<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n",
                   date, date);
  if (pdfa)
    OCT_BUF_LIT(x, "<pdfaid:part>1</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n");
  /* no padding for editing in place (XMP part 1 §7.3.2 makes it optional):
   * an archived file is not edited */
  OCT_BUF_LIT(x, "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
}

/* The output intent: colour on this file means sRGB (ISO 19005-1 §6.2.2);
 * DeviceRGB and DeviceGray are used, and a DeviceRGB colour needs it. */
static int output_intent(HPDF_Doc pdf, const oct_buf *icc, const oct_buf *icc_z, oct_error *err) {
  HPDF_Dict profile = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
  HPDF_Dict intent = HPDF_Dict_New(pdf->mmgr);
  HPDF_Array intents = HPDF_Array_New(pdf->mmgr);
  if (!profile || !intent || !intents)
    return oct_error_set(err, "PDF: out of memory in the PDF library");
  HPDF_STATUS st = HPDF_Dict_AddNumber(profile, "N", 3);
  if (icc_z) { /* deflated once for the batch: 0.45 M instructions a PDF */
    st |= oct_pdf_compressed_into(profile, icc_z) == 0 ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM;
  } else {
    profile->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    st |= HPDF_Stream_Write(profile->stream, (const HPDF_BYTE *)icc->data, (HPDF_UINT)icc->len);
  }
  st |= HPDF_Dict_AddName(intent, "Type", "OutputIntent");
  st |= HPDF_Dict_AddName(intent, "S", "GTS_PDFA1");
  st |= HPDF_Dict_Add(intent, "OutputConditionIdentifier",
                      HPDF_String_New(pdf->mmgr, "sRGB IEC61966-2.1", NULL));
  st |= HPDF_Dict_Add(intent, "Info", HPDF_String_New(pdf->mmgr, "sRGB IEC61966-2.1", NULL));
  st |= HPDF_Dict_Add(intent, "DestOutputProfile", profile);
  st |= HPDF_Array_Add(intents, intent);
  st |= HPDF_Dict_Add(pdf->catalog, "OutputIntents", intents);
  return st == HPDF_OK ? 0 : oct_error_set(err, "PDF: cannot add the output intent");
}

int oct_pdfa_load_icc(oct_buf *icc, oct_error *err) {
  oct_error ferr;
  oct_error_init(&ferr, NULL);
  oct_buf_clear(icc);
  if (oct_file_read(ICC_PATH, icc, &ferr) != 0)
    return oct_error_set(err, "%s (Debian package icc-profiles-free): %s", ICC_PATH, ferr.msg);
  if (icc->len < ICC_HEADER || icc->len > ICC_MAX || memcmp(icc->data + 36, "acsp", 4) != 0 ||
      (unsigned char)icc->data[8] != 2) {
    oct_buf_clear(icc);
    return oct_error_set(err, "%s is not a version 2 ICC profile", ICC_PATH);
  }
  return 0;
}

/* The document's /ID (PDF 32000-1 §14.4), which PDF/A requires: an MD5 of
 * what the file says (its text, its items' places and its metadata), so
 * that the same input gives the same bytes and a changed one another ID.
 * The places go in as one 64-bit FNV-1a of their bits: through MD5 they
 * were 32 bytes an item, 0.9 M of the reference article's 1.3 M
 * instructions for the ID; a place changed without the text (other paper,
 * another size) still changes the mix, and the ID is no security token. */
static int trailer_id(HPDF_Doc pdf, const oct_layout *L, const oct_buf *xmp, oct_error *err) {
  MD5_CTX c;
  uint8_t id[MD5_DIGEST_LENGTH];
  MD5Init(&c);
  if (L->pool.len) MD5Update(&c, (const uint8_t *)L->pool.data, L->pool.len);
  uint64_t h = 14695981039346656037u;
  for (size_t i = 0; i < L->nitems; i++) {
    const oct_pitem *p = &L->items[i];
    double v[4] = {p->x, p->y, p->w, p->h};
    for (int k = 0; k < 4; k++) {
      uint64_t bits;
      memcpy(&bits, &v[k], sizeof bits);
      h = (h ^ bits) * 1099511628211u;
    }
  }
  uint8_t places[8];
  for (int k = 0; k < 8; k++)
    places[k] = (uint8_t)(h >> (8 * k));
  MD5Update(&c, places, sizeof places);
  MD5Update(&c, (const uint8_t *)xmp->data, xmp->len);
  MD5Final(id, &c);
  HPDF_Array a = HPDF_Array_New(pdf->mmgr);
  if (!a) return oct_error_set(err, "PDF: out of memory in the PDF library");
  HPDF_STATUS st = HPDF_Array_Add(a, HPDF_Binary_New(pdf->mmgr, id, sizeof id));
  st |= HPDF_Array_Add(a, HPDF_Binary_New(pdf->mmgr, id, sizeof id));
  st |= HPDF_Dict_Add(pdf->trailer, "ID", a);
  return st == HPDF_OK ? 0 : oct_error_set(err, "PDF: cannot set the document ID");
}

int oct_pdfa_write(void *pdfv, const oct_pdfa_meta *m, int64_t ts, const oct_layout *L,
                   const oct_buf *icc, const oct_buf *icc_z, oct_error *err) {
  HPDF_Doc pdf = pdfv;
  /* the information dictionary: our text strings, the same the XMP says */
  HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "octavo"); /* makes libharu create it */
  HPDF_Dict info = pdf->info;
  if (!info) return oct_error_set(err, "PDF: cannot create the document information");
  for (int k = 0; k < OCT_PDFA_NKEYS; k++) {
    HPDF_Dict_RemoveElement(info, info_key[k]);
    if (m->value[k] && HPDF_Dict_Add(info, info_key[k],
                                     oct_pdf_text_string(pdf, m->value[k], SIZE_MAX)) != HPDF_OK)
      return oct_error_set(err, "PDF: cannot set the document information");
  }
  char date[32] = "", pdfdate[32] = "";
  time_t t = (time_t)ts;
  struct tm tm;
  bool have_date = gmtime_r(&t, &tm) != NULL;
  if (have_date) {
    /* the same instant in both: D:...+00'00' in the dictionary (with the
     * zone, as PDF/A wants it), ISO 8601 with Z in the XMP */
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
    strftime(pdfdate, sizeof pdfdate, "D:%Y%m%d%H%M%S+00'00'", &tm);
    HPDF_Dict_RemoveElement(info, "CreationDate");
    HPDF_Dict_RemoveElement(info, "ModDate");
    if (HPDF_Dict_Add(info, "CreationDate", HPDF_String_New(pdf->mmgr, pdfdate, NULL)) ||
        HPDF_Dict_Add(info, "ModDate", HPDF_String_New(pdf->mmgr, pdfdate, NULL)))
      return oct_error_set(err, "PDF: cannot set the document dates");
  }
  oct_buf x = OCT_BUF_INIT;
  int rc = -1;
  if (!icc || !icc->len) {
    /* not archival (--no-pdfa, or no profile): the dictionary alone */
    if (trailer_id(pdf, L, &x, err) == 0) rc = 0;
    goto out;
  }
  xmp_packet(m, have_date ? date : NULL, true, &x);
  HPDF_Dict meta = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
  if (!meta) {
    oct_error_set(err, "PDF: out of memory in the PDF library");
    goto out;
  }
  /* ISO 19005-1 §6.7.2: a metadata stream has no filter, so that a reader
   * without PDF can find it */
  meta->filter = HPDF_STREAM_FILTER_NONE;
  if (HPDF_Dict_AddName(meta, "Type", "Metadata") || HPDF_Dict_AddName(meta, "Subtype", "XML") ||
      HPDF_Stream_Write(meta->stream, (const HPDF_BYTE *)x.data, (HPDF_UINT)x.len) ||
      HPDF_Dict_Add(pdf->catalog, "Metadata", meta)) {
    oct_error_set(err, "PDF: cannot attach the XMP metadata");
    goto out;
  }
  if (output_intent(pdf, icc, icc_z, err) != 0) goto out;
  if (trailer_id(pdf, L, &x, err) != 0) goto out;
  /* PDF/A-1 is PDF 1.4; libharu says 1.3 */
  pdf->pdf_version = HPDF_VER_14;
  rc = 0;
out:
  oct_buf_free(&x);
  return rc;
}
