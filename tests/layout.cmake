# PDF layout core (hyphenation, Knuth-Plass lines, page breaking): pure layout,
# no PDF -- the tests link the layout library only (oct_pdf_layout, which
# never sees libharu).
foreach(t hyphen linebreak paginate)
  add_executable(test_${t} ${CMAKE_SOURCE_DIR}/tests/unit/test_${t}.c)
  target_include_directories(test_${t} PRIVATE ${HYPHEN_INCLUDE})
  target_link_libraries(test_${t} PRIVATE oct_pdf_layout PkgConfig::CMOCKA m)
endforeach()

add_test(NAME layout.hyphen COMMAND test_hyphen)
add_test(NAME layout.linebreak COMMAND test_linebreak
         ${CMAKE_SOURCE_DIR}/samples/japan-nato-ukraine.txt)
add_test(NAME layout.paginate COMMAND test_paginate)
set_tests_properties(layout.hyphen layout.linebreak layout.paginate PROPERTIES LABELS layout)
