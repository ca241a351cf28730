/* The data files the PDF writer reads (under the data folder, see
 * oct_data_path), NULL-terminated: a batch rebuilds PDFs older than any of
 * them.  They are the faces of fonts.c's face_files, under fonts/;
 * tests/unit/test_data_files.c checks that the two lists agree.
 *
 * A file of its own, and no declaration in pdf.h yet, so that this list
 * and the PDF writer's restructuring (issue 11) do not collide: until
 * pdf.h declares it, src/cli/convert.h does. */
#include <stddef.h>

const char *const *oct_pdf_data_files(void);

const char *const *oct_pdf_data_files(void) {
  static const char *const files[] = {
      "fonts/pdf/OctavoSerif-Regular.ttf", "fonts/pdf/OctavoSerif-Italic.ttf",
      "fonts/pdf/OctavoSerif-Bold.ttf",    "fonts/pdf/OctavoSerif-BoldItalic.ttf",
      "fonts/pdf/OctavoSans-Regular.ttf",  "fonts/pdf/OctavoSans-Bold.ttf",
      "fonts/pdf/OctavoMono-Regular.ttf",  "fonts/pdf/OctavoMono-Bold.ttf",
      "fonts/pdf/OctavoFallback.ttf",      NULL,
  };
  return files;
}
