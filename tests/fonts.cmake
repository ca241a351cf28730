# The cut-down PDF faces (fonts/pdf/, made by fonts/make-pdf-fonts.py): only
# the tables libharu embeds, no glyph names, renamed as the licences demand,
# and a PDF embeds them small.  Standard-library Python, qpdf and poppler.
find_package(Python3 COMPONENTS Interpreter)
find_program(QPDF_EXE qpdf)
find_program(PDFFONTS_EXE pdffonts)
if(Python3_FOUND AND QPDF_EXE AND PDFFONTS_EXE)
  add_test(NAME pdf.fonts
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/tests/fonts/check_pdf_fonts.py
                   ${CMAKE_SOURCE_DIR} $<TARGET_FILE:octavo>
                   ${CMAKE_SOURCE_DIR}/samples/harbour-ferry.txt ${CMAKE_BINARY_DIR}/pdf-out/fonts)
  set_tests_properties(pdf.fonts PROPERTIES LABELS pdf
                       ENVIRONMENT "OCTAVO_DATA_DIR=${CMAKE_SOURCE_DIR};SOURCE_DATE_EPOCH=1700000000")
endif()
