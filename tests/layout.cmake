# PDF layout core (hyphenation, Knuth-Plass lines, page breaking): pure layout,
# no PDF.  The tests compile the three layout sources directly instead of
# linking oct_pdf, so they build even while the drawing half of the PDF writer
# is being written.
set(OCT_LAYOUT_SRCS ${CMAKE_SOURCE_DIR}/src/write/pdf/hyphen.c
    ${CMAKE_SOURCE_DIR}/src/write/pdf/linebreak.c ${CMAKE_SOURCE_DIR}/src/write/pdf/paginate.c)

# The reference article: samples/ when the repository has it, else the copy
# beside the design notes; the test skips when neither exists.
set(OCT_LAYOUT_SAMPLE ${CMAKE_SOURCE_DIR}/samples/japan-nato-ukraine.txt)
if(NOT EXISTS ${OCT_LAYOUT_SAMPLE})
  set(OCT_LAYOUT_SAMPLE ${CMAKE_SOURCE_DIR}/../shared/articles/japan-nato-ukraine.txt)
endif()

foreach(t hyphen linebreak paginate)
  add_executable(test_${t} ${CMAKE_SOURCE_DIR}/tests/unit/test_${t}.c ${OCT_LAYOUT_SRCS})
  target_include_directories(test_${t} PRIVATE ${CMAKE_SOURCE_DIR}/src ${HYPHEN_INCLUDE})
  target_link_libraries(test_${t} PRIVATE oct_util ${HYPHEN_LIB} PkgConfig::CMOCKA m)
endforeach()

add_test(NAME layout.hyphen COMMAND test_hyphen)
add_test(NAME layout.linebreak COMMAND test_linebreak ${OCT_LAYOUT_SAMPLE})
add_test(NAME layout.paginate COMMAND test_paginate)
set_tests_properties(layout.hyphen layout.linebreak layout.paginate PROPERTIES LABELS layout)
