# Fuzzing (label: fuzz): one libFuzzer harness per stage, as cmark's harness
# runs every renderer after parsing --
#   fuzz_text, fuzz_markdown, fuzz_html   bytes -> reader -> tree -> JSON
#   fuzz_epub                             tree -> EPUB, every XML file well-formed
#   fuzz_pdf                              tree -> layout (every word inside the
#                                         measure) -> PDF
# The writers' harnesses build their trees from the bytes (tests/fuzz/fuzz_tree.c),
# so they reach trees no reader makes.  Seeds: tests/fuzz/corpus/<stage>/ (small
# hostile cases, reproducers of fixed findings, samples' trees) and samples/.
#
# -DOCTAVO_FUZZ=ON (clang; with -DOCTAVO_SANITIZE=ON for ASan+UBSan, as
# scripts/test.sh does) builds the harnesses with libFuzzer and registers a
# short run of each (OCTAVO_FUZZ_SECONDS, default 30) with a memory and time
# limit per input; findings land in BUILD/fuzz/<stage>-crash-*.  Without it,
# the same harnesses are linked with tests/fuzz/replay.c and run every seed
# once (fuzz.replay.*), so the corpus is a regression test in every build.
option(OCTAVO_FUZZ "Build the libFuzzer harnesses (clang) and run each briefly in the tests" OFF)
set(OCTAVO_FUZZ_SECONDS 30 CACHE STRING "Seconds each fuzzer runs in the test suite")

set(fuzz_dir ${CMAKE_SOURCE_DIR}/tests/fuzz)
set(fuzz_libs_text oct_read oct_json)
set(fuzz_libs_markdown oct_read oct_json)
set(fuzz_libs_html oct_read oct_json)
set(fuzz_libs_epub oct_epub PkgConfig::LIBXML2 PkgConfig::LIBZIP)
set(fuzz_libs_pdf oct_pdf m)
set(fuzz_seeds_text ${fuzz_dir}/corpus/text ${CMAKE_SOURCE_DIR}/samples)
set(fuzz_seeds_markdown ${fuzz_dir}/corpus/markdown ${CMAKE_SOURCE_DIR}/samples)
set(fuzz_seeds_html ${fuzz_dir}/corpus/html ${CMAKE_SOURCE_DIR}/samples)
set(fuzz_seeds_epub ${fuzz_dir}/corpus/tree)
set(fuzz_seeds_pdf ${fuzz_dir}/corpus/tree)
# The writers' inputs are programs whose repeats multiply them (fuzz_tree.c
# bounds that): 16 KB of them is plenty, and keeps one input under the
# 10 s limit in a sanitized, coverage-traced build.
set(fuzz_opts_text -max_len=65536)
set(fuzz_opts_markdown -max_len=65536)
set(fuzz_opts_html -max_len=65536)
set(fuzz_opts_epub -max_len=16384 -dict=${fuzz_dir}/tree.dict)
set(fuzz_opts_pdf -max_len=16384 -dict=${fuzz_dir}/tree.dict)

if(OCTAVO_FUZZ)
  if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "OCTAVO_FUZZ needs clang (cmake -DCMAKE_C_COMPILER=clang)")
  endif()
  # Coverage feedback from every module, not just the harness; -O1 as
  # libFuzzer recommends (a Debug build's -O0 ran the PDF writer at two
  # inputs a second).
  foreach(lib oct_util oct_tree oct_read oct_json oct_epub oct_pdf_layout oct_pdf)
    target_compile_options(${lib} PRIVATE -fsanitize=fuzzer-no-link -O1)
  endforeach()
endif()

foreach(stage text markdown html epub pdf)
  set(srcs ${fuzz_dir}/fuzz_${stage}.c ${fuzz_dir}/fuzz_tree.c ${fuzz_dir}/fuzz_util.c)
  if(NOT OCTAVO_FUZZ)
    list(APPEND srcs ${fuzz_dir}/replay.c)
  endif()
  add_executable(fuzz_${stage} ${srcs})
  target_link_libraries(fuzz_${stage} PRIVATE oct_tree ${fuzz_libs_${stage}})
  target_compile_definitions(fuzz_${stage}
                             PRIVATE OCTAVO_FUZZ_IMAGES="${CMAKE_SOURCE_DIR}/tests/golden/epub/data")
  set(env "OCTAVO_DATA_DIR=${CMAKE_SOURCE_DIR};TMPDIR=${CMAKE_BINARY_DIR}/fuzz")
  file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/fuzz/${stage}-corpus)
  if(OCTAVO_FUZZ)
    target_compile_options(fuzz_${stage} PRIVATE -fsanitize=fuzzer -O1)
    target_link_options(fuzz_${stage} PRIVATE -fsanitize=fuzzer)
    # New inputs go to the build tree's corpus (the first folder), never
    # into the sources.  -timeout and -rss_limit_mb bound each input: a
    # slow or greedy one is a finding too.
    add_test(NAME fuzz.${stage}
             COMMAND fuzz_${stage} -max_total_time=${OCTAVO_FUZZ_SECONDS} -timeout=10
                     -rss_limit_mb=1024 -print_final_stats=1 ${fuzz_opts_${stage}}
                     -artifact_prefix=${CMAKE_BINARY_DIR}/fuzz/${stage}-
                     ${CMAKE_BINARY_DIR}/fuzz/${stage}-corpus ${fuzz_seeds_${stage}})
    math(EXPR limit "${OCTAVO_FUZZ_SECONDS} * 3 + 60")
    set_tests_properties(fuzz.${stage} PROPERTIES LABELS fuzz TIMEOUT ${limit} ENVIRONMENT "${env}")
  else()
    add_test(NAME fuzz.replay.${stage} COMMAND fuzz_${stage} ${fuzz_seeds_${stage}})
    set_tests_properties(fuzz.replay.${stage} PROPERTIES LABELS fuzz ENVIRONMENT "${env}")
  endif()
endforeach()
