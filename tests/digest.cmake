# Digest (issue 13): every article of a folder in one EPUB and one PDF,
# checked with epubcheck, qpdf, pdftotext and the outline (tests/cli/test_digest.sh).
add_test(NAME cli.digest COMMAND sh ${CMAKE_SOURCE_DIR}/tests/cli/test_digest.sh $<TARGET_FILE:octavo>
                                 ${CMAKE_SOURCE_DIR})
set_tests_properties(cli.digest PROPERTIES LABELS cli TIMEOUT 600)
