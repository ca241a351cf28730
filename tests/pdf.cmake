# PDF writer: layout-level unit tests (no PDF), then every sample through the
# CLI and real validators (qpdf, poppler) with tests/pdf/check_pdf.py.
add_executable(test_pdf_layout ${CMAKE_SOURCE_DIR}/tests/unit/test_pdf_layout.c)
target_link_libraries(test_pdf_layout PRIVATE oct_pdf PkgConfig::CMOCKA m)
add_test(NAME pdf.layout COMMAND test_pdf_layout)
set_tests_properties(pdf.layout PROPERTIES LABELS pdf ENVIRONMENT OCTAVO_DATA_DIR=${CMAKE_SOURCE_DIR})

# The layout library must not see libharu: with its own include path, a
# file that includes hpdf.h stops at the #error (CMakeLists.txt).
add_test(NAME pdf.layout_sees_no_libharu
         COMMAND sh -c "echo '#include <hpdf.h>' | \"$0\" -fsyntax-only \"$@\" -x c - 2>&1 | grep -q 'PDF layout must not include hpdf.h'"
                 ${CMAKE_C_COMPILER} "-I$<JOIN:$<TARGET_PROPERTY:oct_pdf_layout,INCLUDE_DIRECTORIES>,;-I>"
         COMMAND_EXPAND_LISTS)
set_tests_properties(pdf.layout_sees_no_libharu PROPERTIES LABELS pdf)

find_package(Python3 COMPONENTS Interpreter)
find_program(QPDF_EXE qpdf)
find_program(PDFTOTEXT_EXE pdftotext)
if(Python3_FOUND AND QPDF_EXE AND PDFTOTEXT_EXE)
  file(GLOB pdf_samples CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/samples/*.txt
       ${CMAKE_SOURCE_DIR}/samples/*.md ${CMAKE_SOURCE_DIR}/samples/*.html)
  # No shipped font has CJK glyphs (fonts/README.md): the Chinese sample's
  # PDF leaves its text out, with warnings; its EPUB is checked.
  list(FILTER pdf_samples EXCLUDE REGEX "-zh\\.html$")
  # Latin-1, Extended-A, Greek, Cyrillic in every style, fallback glyphs and
  # characters no font has: the text must still come back out of the PDF.
  list(APPEND pdf_samples ${CMAKE_SOURCE_DIR}/tests/pdf/glyphs.md)
  foreach(sample ${pdf_samples})
    get_filename_component(name ${sample} NAME_WE)
    add_test(NAME pdf.sample.${name}
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/tests/pdf/check_pdf.py
                     $<TARGET_FILE:octavo> ${sample} ${CMAKE_BINARY_DIR}/pdf-out)
    set_tests_properties(pdf.sample.${name} PROPERTIES LABELS pdf
                         ENVIRONMENT "OCTAVO_DATA_DIR=${CMAKE_SOURCE_DIR};SOURCE_DATE_EPOCH=1700000000")
  endforeach()
  # tagged PDF (issue 14): the structure's text and roles against the tree
  foreach(sample ${pdf_samples})
    get_filename_component(name ${sample} NAME_WE)
    add_test(NAME pdf.tags.${name}
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/tests/pdf/check_tags.py
                     $<TARGET_FILE:octavo> ${sample} ${CMAKE_BINARY_DIR}/pdf-out/tags)
    set_tests_properties(pdf.tags.${name} PROPERTIES LABELS pdf
                         ENVIRONMENT "OCTAVO_DATA_DIR=${CMAKE_SOURCE_DIR};SOURCE_DATE_EPOCH=1700000000")
  endforeach()
  # PDF/A-1b (issue 14): Apache PDFBox Preflight from Debian's
  # libpdfbox2-java, which also needs JavaBeans Activation and the JAXB API
  # (libactivation-java, libjaxb-api-java) on its class path.  Not in the
  # sanitizer build: it writes the same bytes, and the JVM's ~5 s per file
  # would only double the suite's time (check_tags runs octavo there).
  find_program(JAVA_EXE java)
  set(preflight_cp "")
  set(preflight_ok ${JAVA_EXE})
  foreach(jar preflight pdfbox2 fontbox2 xmpbox commons-logging javax.activation jaxb-api)
    find_file(JAR_${jar} ${jar}.jar PATHS /usr/share/java NO_DEFAULT_PATH)
    if(NOT JAR_${jar})
      set(preflight_ok FALSE)
    endif()
    list(APPEND preflight_cp ${JAR_${jar}})
  endforeach()
  string(REPLACE ";" ":" preflight_cp "${preflight_cp}")
  if(preflight_ok AND NOT OCTAVO_SANITIZE)
    foreach(sample ${pdf_samples})
      get_filename_component(name ${sample} NAME_WE)
      add_test(NAME pdf.pdfa.${name}
               COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/tests/pdf/check_pdfa.py
                       $<TARGET_FILE:octavo> ${sample} ${CMAKE_BINARY_DIR}/pdf-out/pdfa
                       ${JAVA_EXE} ${preflight_cp})
      set_tests_properties(pdf.pdfa.${name} PROPERTIES LABELS pdf ENVIRONMENT
                           "OCTAVO_DATA_DIR=${CMAKE_SOURCE_DIR};SOURCE_DATE_EPOCH=1700000000")
    endforeach()
  else()
    message(WARNING "java or PDFBox Preflight (libpdfbox2-java) missing: PDF/A tests skipped")
  endif()
  # the page options: the same checks on other paper, ragged, another size
  add_test(NAME pdf.options.letter_ragged
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/tests/pdf/check_pdf.py
                   $<TARGET_FILE:octavo> ${CMAKE_SOURCE_DIR}/samples/japan-nato-ukraine.txt
                   ${CMAKE_BINARY_DIR}/pdf-out --paper letter --ragged)
  add_test(NAME pdf.options.a5_small
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/tests/pdf/check_pdf.py
                   $<TARGET_FILE:octavo> ${CMAKE_SOURCE_DIR}/samples/winter-sourdough.md
                   ${CMAKE_BINARY_DIR}/pdf-out --paper a5 --font-size 9 --margin 15mm)
  set_tests_properties(pdf.options.letter_ragged pdf.options.a5_small PROPERTIES LABELS pdf
                       ENVIRONMENT "OCTAVO_DATA_DIR=${CMAKE_SOURCE_DIR};SOURCE_DATE_EPOCH=1700000000")
  add_test(NAME pdf.options.no_tags_no_pdfa
           COMMAND sh ${CMAKE_SOURCE_DIR}/tests/pdf/check_switches.sh $<TARGET_FILE:octavo>
                   ${CMAKE_SOURCE_DIR}/samples/winter-sourdough.md ${CMAKE_BINARY_DIR}/pdf-out/switches)
  set_tests_properties(pdf.options.no_tags_no_pdfa PROPERTIES LABELS pdf
                       ENVIRONMENT "OCTAVO_DATA_DIR=${CMAKE_SOURCE_DIR};SOURCE_DATE_EPOCH=1700000000")
  # a page in a script no shipped face covers: a few characters named, then
  # one line for the rest (the Chinese sample named 244, one line each)
  add_test(NAME pdf.missing_glyphs_summarised
           COMMAND sh -c "\"$0\" \"$1\" -o \"$2\" 2>\"$2.log\"; \
                          n=$(grep -c 'no shipped font has character' \"$2.log\"); \
                          m=$(grep -c 'more characters that no shipped font has' \"$2.log\"); \
                          echo \"named $n, summary lines $m\"; [ \"$n\" -eq 8 ] && [ \"$m\" -eq 1 ]"
                   $<TARGET_FILE:octavo> ${CMAKE_SOURCE_DIR}/samples/teahouse-zh.html
                   ${CMAKE_BINARY_DIR}/pdf-out/missing-glyphs.pdf)
  set_tests_properties(pdf.missing_glyphs_summarised PROPERTIES LABELS pdf
                       ENVIRONMENT "OCTAVO_DATA_DIR=${CMAKE_SOURCE_DIR};SOURCE_DATE_EPOCH=1700000000")
  add_test(NAME pdf.images
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/tests/pdf/check_images.py
                   $<TARGET_FILE:octavo> ${CMAKE_BINARY_DIR}/pdf-out/images)
  set_tests_properties(pdf.images PROPERTIES LABELS pdf
                       ENVIRONMENT "OCTAVO_DATA_DIR=${CMAKE_SOURCE_DIR};SOURCE_DATE_EPOCH=1700000000")
  # hostile layouts: long URLs and words, deep quotes and lists -- every
  # word inside the text block (pdftotext -bbox), whole and in order
  add_test(NAME pdf.hostile_layout
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/tests/pdf/check_layout.py
                   $<TARGET_FILE:octavo> ${CMAKE_BINARY_DIR}/pdf-out/layout)
  set_tests_properties(pdf.hostile_layout PROPERTIES LABELS pdf
                       ENVIRONMENT "OCTAVO_DATA_DIR=${CMAKE_SOURCE_DIR};SOURCE_DATE_EPOCH=1700000000")
  # a 38-character line whose font subset came to an exact multiple of
  # libharu's 4096-byte stream buffer: with an empty prep table that failed
  # the whole PDF (fonts/make-pdf-fonts.py keeps a one-byte prep)
  add_test(NAME pdf.font_subset_4096
           COMMAND sh -c "mkdir -p \"$(dirname \"$3\")\" && \"$1\" -q \"$2\" -o \"$3\" && qpdf --check \"$3\" >/dev/null" sh
                   $<TARGET_FILE:octavo> ${CMAKE_SOURCE_DIR}/tests/data/pdf/font-subset-4096.md
                   ${CMAKE_BINARY_DIR}/pdf-out/font-subset-4096.pdf)
  set_tests_properties(pdf.font_subset_4096 PROPERTIES LABELS pdf
                       ENVIRONMENT "OCTAVO_DATA_DIR=${CMAKE_SOURCE_DIR}")
  # a document's PDF is the same bytes in any batch, on any number of
  # threads, as converted alone (fonts are cut per document; faces shared)
  add_test(NAME pdf.batch_same_as_alone
           COMMAND sh ${CMAKE_SOURCE_DIR}/tests/pdf/check_batch_alone.sh $<TARGET_FILE:octavo>
                   ${CMAKE_SOURCE_DIR} ${CMAKE_BINARY_DIR}/pdf-out/batch-alone)
  set_tests_properties(pdf.batch_same_as_alone PROPERTIES LABELS pdf
                       ENVIRONMENT "OCTAVO_DATA_DIR=${CMAKE_SOURCE_DIR};SOURCE_DATE_EPOCH=1700000000")
  # memory errors in layout and drawing: the richest sample (image, table,
  # code, nested lists, quote) through the whole writer under valgrind
  # (not in the sanitizer build: ASan and valgrind cannot share a process)
  find_program(VALGRIND_EXE valgrind)
  if(VALGRIND_EXE AND NOT OCTAVO_SANITIZE)
    add_test(NAME pdf.valgrind
             COMMAND ${VALGRIND_EXE} -q --error-exitcode=9 --leak-check=full
                     --errors-for-leak-kinds=definite
                     --suppressions=${CMAKE_SOURCE_DIR}/tests/leaks.supp $<TARGET_FILE:octavo> -q
                     ${CMAKE_SOURCE_DIR}/samples/winter-sourdough.md -o
                     ${CMAKE_BINARY_DIR}/pdf-out/valgrind.pdf)
    set_tests_properties(pdf.valgrind PROPERTIES LABELS pdf ENVIRONMENT
                         "OCTAVO_DATA_DIR=${CMAKE_SOURCE_DIR};SOURCE_DATE_EPOCH=1700000000")
    # the hostile layouts' new code paths (URL and emergency breaks, capped
    # indentation, table parts) under valgrind: one case of each, ~6 s
    add_test(NAME pdf.hostile_layout.valgrind
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/tests/pdf/check_layout.py
                     $<TARGET_FILE:octavo> ${CMAKE_BINARY_DIR}/pdf-out/layout-vg
                     long_word_link quotes_30 wide_table --valgrind)
    set_tests_properties(pdf.hostile_layout.valgrind PROPERTIES LABELS pdf ENVIRONMENT
                         "OCTAVO_DATA_DIR=${CMAKE_SOURCE_DIR};SOURCE_DATE_EPOCH=1700000000")
  endif()
else()
  message(WARNING "qpdf, poppler-utils or python3 missing: PDF sample tests skipped")
endif()

# Pathological inputs get a time bound, as cmark's pathological tests do
# (label pathological): each case is as large as memory comfortably allows,
# so that linear work takes a second or two (ten times that under ASan) and
# a quadratic blow-up runs for many minutes: the TIMEOUT catches it, with no
# timed assertion.  layout_stress builds the documents in memory and runs the
# layout library on them; pathological.py takes the sizes of issue 11 (a
# 2 MB paragraph, 10,000 paragraphs, a 5,000-row table) through the whole
# writer, drawing included; test_paginate breaks a million-row table.
add_executable(layout_stress ${CMAKE_SOURCE_DIR}/tests/tools/layout_stress.c)
target_link_libraries(layout_stress PRIVATE oct_pdf_layout)
foreach(case "paragraph 330000" "paragraphs 100000" "table 30000" "word 1000000" "code 100000"
             "list 50000")
  string(REPLACE " " ";" args ${case})
  list(GET args 0 name)
  list(GET args 1 n)
  # Under the sanitizers (a Debug build, 15 to 70 times slower) the same
  # code runs on a tenth of the size: that run looks for memory errors, the
  # plain build's for blow-ups.
  if(OCTAVO_SANITIZE)
    math(EXPR n "${n} / 10")
  endif()
  add_test(NAME layout.pathological.${name} COMMAND layout_stress ${name} ${n})
  set_tests_properties(layout.pathological.${name} PROPERTIES LABELS "layout;pathological"
                       TIMEOUT 120 ENVIRONMENT OCTAVO_DATA_DIR=${CMAKE_SOURCE_DIR})
endforeach()
if(Python3_FOUND AND QPDF_EXE)
  foreach(name paragraph paragraphs table)
    add_test(NAME pdf.pathological.${name}
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/tests/pdf/pathological.py
                     $<TARGET_FILE:octavo> ${name} ${CMAKE_BINARY_DIR}/pdf-out/pathological)
    set_tests_properties(pdf.pathological.${name} PROPERTIES LABELS "pdf;pathological" TIMEOUT 120
                         ENVIRONMENT "OCTAVO_DATA_DIR=${CMAKE_SOURCE_DIR};SOURCE_DATE_EPOCH=1700000000")
  endforeach()
endif()
