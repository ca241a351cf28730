/* The EPUB writer's PNG encoder (pngwrite.c): an 8-bit indexed picture,
 * given as rows of palette indices, -> a complete PNG file.  Private to the
 * EPUB writer; the generated cover (cover.c) is its one user. */
#ifndef OCTAVO_EPUB_PNGWRITE_H
#define OCTAVO_EPUB_PNGWRITE_H

#include "util/util.h"

/* A row plus its filter byte must fit deflate's 32 KiB window, because the
 * encoder copies each row from the one above. */
#define EPUB_PNG_MAX_WIDTH 32767

/* Appends to OUT the PNG of the W x H picture (1 <= W <= EPUB_PNG_MAX_WIDTH,
 * H >= 1) whose row y is ROWS[y], W palette indices.  Rows may share
 * storage: a row that is the same pointer as the one above costs nothing to
 * encode.  PALETTE holds 256 RGB triples.  Deterministic: the same picture
 * gives the same bytes. */
void epub_png_write(int w, int h, const unsigned char *const *rows,
                    const unsigned char palette[256 * 3], oct_buf *out);

#endif
