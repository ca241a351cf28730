# Digest (issue 13): every article of a folder in one EPUB and one PDF,
# checked with epubcheck, qpdf, pdftotext and the outline (tests/cli/test_digest.sh).
add_test(NAME cli.digest COMMAND sh ${CMAKE_SOURCE_DIR}/tests/cli/test_digest.sh $<TARGET_FILE:octavo>
                                 ${CMAKE_SOURCE_DIR})
set_tests_properties(cli.digest PROPERTIES LABELS cli TIMEOUT 600)
# The layout part: appending articles' vertical lists, contents lines.
add_executable(test_layout_digest ${CMAKE_SOURCE_DIR}/tests/unit/test_layout_digest.c)
target_link_libraries(test_layout_digest PRIVATE oct_pdf_layout PkgConfig::CMOCKA m)
add_test(NAME pdf.layout_digest COMMAND test_layout_digest)
set_tests_properties(pdf.layout_digest PROPERTIES LABELS pdf ENVIRONMENT OCTAVO_DATA_DIR=${CMAKE_SOURCE_DIR})
