# src/util on its own: buffer, UTF-8, errors, file reading and atomic writing,
# data-file lookup.
add_executable(test_util ${CMAKE_SOURCE_DIR}/tests/unit/test_util.c)
target_link_libraries(test_util PRIVATE oct_util PkgConfig::CMOCKA)
target_compile_definitions(test_util PRIVATE OCTAVO_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
add_test(NAME util.unit COMMAND test_util)
set_tests_properties(util.unit PROPERTIES LABELS util)

# The EPUB's ZIP writer, read back by libzip (an independent reader).
add_executable(test_zip ${CMAKE_SOURCE_DIR}/tests/unit/test_zip.c)
target_link_libraries(test_zip PRIVATE oct_util PkgConfig::LIBZIP PkgConfig::CMOCKA)
add_test(NAME util.zip COMMAND test_zip)
set_tests_properties(util.zip PROPERTIES LABELS util)
