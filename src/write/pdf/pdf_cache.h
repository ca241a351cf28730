#ifndef OCTAVO_PDF_CACHE_H
#define OCTAVO_PDF_CACHE_H

#include "write/pdf/hyphen.h"
#include "write/pdf/pdf.h"

/* The patterns for LANG, loaded on first use and owned by the cache.  NULL
 * when there are none: ERR's message then says why, or is empty when no
 * pattern file is installed for LANG. */
const oct_hyph *oct_pdf_cache_hyph(oct_pdf_cache *cache, const char *lang, oct_error *err);

#endif
