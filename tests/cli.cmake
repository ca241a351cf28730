# Command-line behaviour: options, exit codes, messages, bad input, naming.
add_test(NAME cli.options COMMAND sh ${CMAKE_SOURCE_DIR}/tests/cli/test_cli.sh $<TARGET_FILE:octavo>
                                  ${CMAKE_SOURCE_DIR})
set_tests_properties(cli.options PROPERTIES LABELS cli)
add_test(NAME cli.batch COMMAND sh ${CMAKE_SOURCE_DIR}/tests/cli/test_batch.sh $<TARGET_FILE:octavo>
                                ${CMAKE_SOURCE_DIR})
set_tests_properties(cli.batch PROPERTIES LABELS cli TIMEOUT 900)
# Hostile inputs through the command line and the batch (issue 8).
add_test(NAME cli.robust COMMAND sh ${CMAKE_SOURCE_DIR}/tests/cli/test_robust.sh $<TARGET_FILE:octavo>
                                 ${CMAKE_SOURCE_DIR})
set_tests_properties(cli.robust PROPERTIES LABELS cli TIMEOUT 300)
# Atomic writes: temporary names within NAME_MAX, cleanup of a killed run's.
add_executable(test_file tests/unit/test_file.c)
target_link_libraries(test_file PRIVATE oct_util PkgConfig::CMOCKA)
add_test(NAME util.file COMMAND test_file)
set_tests_properties(util.file PROPERTIES LABELS cli)
# The writers' lists of data files, which the batch watches for staleness.
add_executable(test_data_files tests/unit/test_data_files.c)
target_link_libraries(test_data_files PRIVATE oct_epub oct_pdf PkgConfig::CMOCKA)
add_test(NAME cli.data_files COMMAND test_data_files)
set_tests_properties(cli.data_files PROPERTIES LABELS cli ENVIRONMENT OCTAVO_DATA_DIR=${CMAKE_SOURCE_DIR})
