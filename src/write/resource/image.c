/* What an image file is: type and size from a decoded header, and SVG made
 * safe to embed.  Headers are decoded with the libraries that will decode
 * the pixels later (libpng, libjpeg, libxml2), so "accepted here" means
 * "readable there"; magic bytes alone let a 20-byte stub or a corrupt JPEG
 * into the book, which then fails epubcheck. */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
/* jpeglib.h needs FILE and size_t declared first. */
#include <jpeglib.h>

#include "write/resource/resource.h"

#define X(s) ((const xmlChar *)(s))

static int set_kind(oct_image_info *info, oct_image_kind kind, unsigned w, unsigned h,
                    oct_error *err) {
  static const char *const types[][2] = {
      [OCT_IMAGE_PNG] = {"image/png", "png"},
      [OCT_IMAGE_JPEG] = {"image/jpeg", "jpg"},
      [OCT_IMAGE_GIF] = {"image/gif", "gif"},
      [OCT_IMAGE_SVG] = {"image/svg+xml", "svg"},
  };
  info->kind = kind;
  info->media_type = types[kind][0];
  info->ext = types[kind][1];
  info->width = w;
  info->height = h;
  if (kind == OCT_IMAGE_SVG) return 0;
  if (w == 0 || h == 0) return oct_error_set(err, "is an image with no pixels");
  if (w > OCT_IMAGE_MAX_SIDE || h > OCT_IMAGE_MAX_SIDE ||
      (unsigned long long)w * h > OCT_IMAGE_MAX_PIXELS)
    return oct_error_set(err,
                         "is %ux%u pixels, more than octavo embeds (%u pixels a side, %u "
                         "megapixels)",
                         w, h, OCT_IMAGE_MAX_SIDE, OCT_IMAGE_MAX_PIXELS / 1000000);
  return 0;
}

/* ---- PNG: libpng reads every chunk before the pixels and checks their
 * CRCs, so a truncated or damaged header is caught here. */
static int probe_png(const void *data, size_t len, oct_image_info *info, oct_error *err) {
  png_image img;
  memset(&img, 0, sizeof img);
  img.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&img, data, len))
    return oct_error_set(err, "is a broken PNG (%s)", img.message);
  unsigned w = img.width, h = img.height;
  png_image_free(&img);
  return set_kind(info, OCT_IMAGE_PNG, w, h, err);
}

/* ---- JPEG: libjpeg reports errors through a callback that must not
 * return; it jumps back here instead. */
typedef struct jpeg_guard {
  struct jpeg_error_mgr mgr;
  jmp_buf back;
  char msg[JMSG_LENGTH_MAX];
} jpeg_guard;

static void jpeg_fail(j_common_ptr c) {
  jpeg_guard *g = (jpeg_guard *)c->err;
  g->mgr.format_message(c, g->msg);
  longjmp(g->back, 1);
}

static void jpeg_quiet(j_common_ptr c) { (void)c; }

static int probe_jpeg(const void *data, size_t len, oct_image_info *info, oct_error *err) {
  struct jpeg_decompress_struct d;
  jpeg_guard g;
  memset(&d, 0, sizeof d);
  d.err = jpeg_std_error(&g.mgr);
  g.mgr.error_exit = jpeg_fail;
  g.mgr.output_message = jpeg_quiet;
  g.msg[0] = '\0';
  /* volatile: read after longjmp */
  volatile unsigned w = 0, h = 0;
  if (setjmp(g.back)) {
    jpeg_destroy_decompress(&d);
    return oct_error_set(err, "is a broken JPEG (%s)", g.msg);
  }
  jpeg_create_decompress(&d);
  jpeg_mem_src(&d, data, (unsigned long)len);
  /* reads every marker up to the first scan: frame size, tables, and
   * whether the data is a JPEG at all */
  jpeg_read_header(&d, TRUE);
  w = d.image_width;
  h = d.image_height;
  jpeg_destroy_decompress(&d);
  return set_kind(info, OCT_IMAGE_JPEG, w, h, err);
}

/* ---- GIF: no Debian library is needed for the 13-byte header (signature,
 * logical screen size, colour table flag); a file too short to hold its
 * global colour table and one image descriptor is refused. */
static int probe_gif(const unsigned char *p, size_t len, oct_image_info *info, oct_error *err) {
  if (len < 13) return oct_error_set(err, "is a broken GIF (too short)");
  unsigned w = p[6] | (unsigned)p[7] << 8, h = p[8] | (unsigned)p[9] << 8;
  size_t table = (p[10] & 0x80) ? 3u << ((p[10] & 7) + 1) : 0;
  if (len < 13 + table + 10 + 1) return oct_error_set(err, "is a broken GIF (too short)");
  return set_kind(info, OCT_IMAGE_GIF, w, h, err);
}

static bool looks_like_svg(const unsigned char *p, size_t len) {
  /* SVG is text: an XML declaration, comments or a doctype may come first,
   * so look for the root element in the first kilobyte. */
  size_t i = 0;
  if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) i = 3;
  while (i < len && (p[i] == ' ' || p[i] == '\t' || p[i] == '\n' || p[i] == '\r'))
    i++;
  if (i >= len || p[i] != '<') return false;
  size_t lim = len < 1024 ? len : 1024;
  for (size_t j = i; j + 4 <= lim; j++)
    if (memcmp(p + j, "<svg", 4) == 0) return true;
  return false;
}

int oct_image_probe(const void *data, size_t len, oct_image_info *info, oct_error *err) {
  const unsigned char *p = data;
  memset(info, 0, sizeof *info);
  if (len >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0) return probe_png(data, len, info, err);
  if (len >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF)
    return probe_jpeg(data, len, info, err);
  if (len >= 6 && (memcmp(p, "GIF87a", 6) == 0 || memcmp(p, "GIF89a", 6) == 0))
    return probe_gif(p, len, info, err);
  if (looks_like_svg(p, len)) return set_kind(info, OCT_IMAGE_SVG, 0, 0, err);
  return oct_error_set(err, "is not PNG, JPEG, GIF or SVG");
}

/* ---- SVG */

static bool is_local_ref(const xmlChar *v) { return v && v[0] == '#'; }

/* Removes what must not travel with an image: scripts, event handlers,
 * processing instructions (xml-stylesheet fetches), and references to any
 * other file or address.  Returns false when an entity reference survives
 * (the DTD that defines it is about to go). */
static bool clean_node(xmlNodePtr n) {
  while (n) {
    xmlNodePtr next = n->next;
    switch (n->type) {
    case XML_ENTITY_REF_NODE:
      return false;
    case XML_PI_NODE:
      xmlUnlinkNode(n);
      xmlFreeNode(n);
      break;
    case XML_ELEMENT_NODE: {
      bool drop_element = xmlStrcasecmp(n->name, X("script")) == 0;
      for (xmlAttrPtr a = n->properties, an; a && !drop_element; a = an) {
        an = a->next;
        for (xmlNodePtr c = a->children; c; c = c->next)
          if (c->type == XML_ENTITY_REF_NODE) return false;
        bool drop = xmlStrncasecmp(a->name, X("on"), 2) == 0;
        if (!drop && xmlStrcmp(a->name, X("href")) == 0) {
          xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
          drop = !is_local_ref(v);
          xmlFree(v);
          /* An element that only draws what it points at is useless (and
           * invalid without it); a link keeps its content. */
          if (drop && xmlStrcmp(n->name, X("a")) != 0) drop_element = true;
        }
        if (drop) xmlRemoveProp(a);
      }
      if (drop_element) {
        xmlUnlinkNode(n);
        xmlFreeNode(n);
        break;
      }
      if (!clean_node(n->children)) return false;
      break;
    }
    default:
      break;
    }
    n = next;
  }
  return true;
}

int oct_svg_clean(oct_buf *buf, oct_error *err) {
  if (buf->len > (size_t)INT32_MAX) return oct_error_set(err, "is too large an SVG");
  /* No XML_PARSE_NOENT (entities stay references), no DTDLOAD/DTDATTR (no
   * file is read for the DTD), NONET (nothing is fetched).  libxml2's own
   * limits (depth 256, entity amplification) stay on: no XML_PARSE_HUGE. */
  xmlDocPtr d = xmlReadMemory(buf->data, (int)buf->len, NULL, NULL,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (!d) return oct_error_set(err, "is not well-formed SVG");
  int rc = -1;
  xmlNodePtr root = xmlDocGetRootElement(d);
  if (!root || xmlStrcmp(root->name, X("svg")) != 0 || !root->ns ||
      xmlStrcmp(root->ns->href, X("http://www.w3.org/2000/svg")) != 0) {
    oct_error_set(err, "is not SVG (its root is not an <svg> element in the SVG namespace)");
    goto out;
  }
  if (!clean_node(d->children)) {
    oct_error_set(err, "is an SVG that uses XML entities, which octavo does not expand");
    goto out;
  }
  xmlDtdPtr dtd = xmlGetIntSubset(d);
  if (dtd) {
    xmlUnlinkNode((xmlNodePtr)dtd);
    xmlFreeDtd(dtd);
  }
  xmlChar *mem = NULL;
  int size = 0;
  xmlDocDumpMemoryEnc(d, &mem, &size, "UTF-8");
  if (!mem || size <= 0) {
    xmlFree(mem);
    oct_error_set(err, "cannot be written back as SVG");
    goto out;
  }
  oct_buf_clear(buf);
  oct_buf_put(buf, mem, (size_t)size);
  xmlFree(mem);
  rc = 0;
out:
  xmlFreeDoc(d);
  return rc;
}
