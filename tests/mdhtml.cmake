# Markdown and HTML readers: cmocka unit tests on small strings, and golden
# JSON trees for every .md and .html sample (golden_json is defined in
# tests/text.cmake).

foreach(t markdown html)
  add_executable(test_${t} ${CMAKE_SOURCE_DIR}/tests/unit/test_${t}.c)
  target_link_libraries(test_${t} PRIVATE oct_read oct_json PkgConfig::CMOCKA)
  add_test(NAME mdhtml_unit_${t} COMMAND test_${t})
  set_tests_properties(mdhtml_unit_${t} PROPERTIES LABELS mdhtml)
endforeach()

file(GLOB mdhtml_samples CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/samples/*.md
     ${CMAKE_SOURCE_DIR}/samples/*.html)
foreach(sample ${mdhtml_samples})
  get_filename_component(base ${sample} NAME_WE)
  add_test(NAME mdhtml_golden_${base}
           COMMAND golden_json ${sample} ${CMAKE_SOURCE_DIR}/tests/golden/${base}.json)
  set_tests_properties(mdhtml_golden_${base} PROPERTIES LABELS mdhtml)
endforeach()
