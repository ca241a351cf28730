# Plain-text reader: decoding, smart punctuation, the text reader's unit
# tests, and golden JSON trees for every .txt sample.

add_executable(golden_json ${CMAKE_SOURCE_DIR}/tests/tools/golden_json.c)
target_link_libraries(golden_json PRIVATE oct_read oct_json)

foreach(t encoding smart text)
  add_executable(test_${t} ${CMAKE_SOURCE_DIR}/tests/unit/test_${t}.c)
  target_link_libraries(test_${t} PRIVATE oct_read oct_json PkgConfig::CMOCKA)
  target_compile_definitions(test_${t} PRIVATE OCTAVO_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
  add_test(NAME text_unit_${t} COMMAND test_${t})
  set_tests_properties(text_unit_${t} PROPERTIES LABELS text)
endforeach()

# The heading evidence's tuning trace (cmake -DCMAKE_C_FLAGS=-DOCT_TEXT_TRACE)
# is compiled with every build, so that its list of feature names cannot
# fall out of step with the features unseen (a static assertion checks it).
add_library(text_trace_build OBJECT ${CMAKE_SOURCE_DIR}/src/read/text_heading.c
                                    ${CMAKE_SOURCE_DIR}/src/read/text.c)
target_compile_definitions(text_trace_build PRIVATE OCT_TEXT_TRACE)
target_link_libraries(text_trace_build PRIVATE oct_read)

file(GLOB text_samples CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/samples/*.txt)
foreach(sample ${text_samples})
  get_filename_component(base ${sample} NAME_WE)
  add_test(NAME text_golden_${base}
           COMMAND golden_json ${sample} ${CMAKE_SOURCE_DIR}/tests/golden/${base}.json)
  set_tests_properties(text_golden_${base} PROPERTIES LABELS text)
endforeach()

# The bad-input corpus (also used by the CLI tests): each must fail with its
# own one-line cause, never produce a tree.
foreach(bad "empty.txt|empty file" "blank.txt|file holds only whitespace"
        "binary.txt|binary data \\(NUL byte at offset 20\\)"
        "undecodable.txt|byte 0x81 at offset 10 is neither UTF-8 nor windows-1252")
  string(REPLACE "|" ";" parts "${bad}")
  list(GET parts 0 file)
  list(GET parts 1 message)
  get_filename_component(base ${file} NAME_WE)
  add_test(NAME text_bad_${base}
           COMMAND golden_json ${CMAKE_SOURCE_DIR}/tests/data/bad/${file} /dev/null)
  set_tests_properties(text_bad_${base} PROPERTIES LABELS text PASS_REGULAR_EXPRESSION
                                                   "golden_json: .*${file}: ${message}")
endforeach()

# The text reader's fuzz harness is built and run by tests/fuzz.cmake.

# The development set: real articles from ../shared/corpus/web-pages turned
# into text six ways (blank lines or none, bullet and byline styles, w3m and
# lynx dumps, scraped with page furniture), generated into the build tree at test time and scored against
# the articles' HTML; fails below the targets of issue 10, SKIPs (77) when
# ../shared is absent.  Rerun by hand with --details to see every miss.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_FOUND)
  add_test(NAME text_devset
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/tests/textcorpus/score.py
                   --octavo $<TARGET_FILE:octavo>
                   --corpus ${CMAKE_SOURCE_DIR}/../shared/corpus/web-pages
                   --out ${CMAKE_BINARY_DIR}/textcorpus)
  set_tests_properties(text_devset PROPERTIES LABELS text SKIP_RETURN_CODE 77 TIMEOUT 900)
  # The written set: articles in the repository, written in real sites'
  # styles, scored the same six ways against the written set's floors.
  add_test(NAME text_written
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/tests/textcorpus/score.py
                   --octavo $<TARGET_FILE:octavo>
                   --corpus ${CMAKE_SOURCE_DIR}/tests/textcorpus/written --floors written
                   --out ${CMAKE_BINARY_DIR}/textcorpus-written)
  set_tests_properties(text_written PROPERTIES LABELS text TIMEOUT 900)
  # The manuals: real pages of the documentation Debian packages carry
  # (Python, git, the Debian handbook and reference, SQLite), cut out of
  # their HTML at test time by manuals.py, then scored the same six ways
  # against their own floors; SKIPs (77) when the packages are absent.
  add_test(NAME text_manuals
           COMMAND sh -c "\"$1\" \"$2\" \"$3/pages\" && \"$1\" \"$4\" --octavo \"$5\" --corpus \"$3/pages\" --floors manuals --out \"$3/text\""
                   text_manuals ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/tests/textcorpus/manuals.py
                   ${CMAKE_BINARY_DIR}/textcorpus-manuals ${CMAKE_SOURCE_DIR}/tests/textcorpus/score.py
                   $<TARGET_FILE:octavo>)
  set_tests_properties(text_manuals PROPERTIES LABELS text SKIP_RETURN_CODE 77 TIMEOUT 900)
endif()

# Pathological plain text (test_pathological is built by tests/mdhtml.cmake;
# see there for the time limit).
add_test(NAME text_pathological COMMAND test_pathological text)
set_tests_properties(text_pathological PROPERTIES LABELS text TIMEOUT 120)
