/* The EPUB writer's PNG encoder (pngwrite.c): an indexed picture, given as
 * rows of palette indices, -> a complete PNG file.  Private to the
 * EPUB writer; the generated cover (cover.c) is its one user. */
#ifndef OCTAVO_EPUB_PNGWRITE_H
#define OCTAVO_EPUB_PNGWRITE_H

#include "util/util.h"

/* A row plus its filter byte must fit deflate's 32 KiB window, because the
 * encoder copies each row from the one above. */
#define EPUB_PNG_MAX_WIDTH 32767

/* Appends to OUT the PNG of the W x H picture (1 <= W <= EPUB_PNG_MAX_WIDTH,
 * H >= 1) of DEPTH bits a pixel (1, 2, 4 or 8) whose row y is ROWS[y]: the
 * W palette indices packed as PNG packs them, the leftmost pixel in the
 * high bits of a byte, (W * DEPTH + 7) / 8 bytes.  Rows may share storage:
 * a row that is the same pointer as the one above costs nothing to encode.
 * PALETTE holds N_COLOURS RGB triples (at most 2^DEPTH).  Deterministic: the
 * same picture gives the same bytes. */
void epub_png_write(int w, int h, int depth, const unsigned char *const *rows,
                    const unsigned char *palette, int n_colours, oct_buf *out);

#endif
