# Command-line behaviour: options, exit codes, messages, bad input, naming.
add_test(NAME cli.options COMMAND sh ${CMAKE_SOURCE_DIR}/tests/cli/test_cli.sh $<TARGET_FILE:octavo>
                                  ${CMAKE_SOURCE_DIR})
set_tests_properties(cli.options PROPERTIES LABELS cli)
add_test(NAME cli.batch COMMAND sh ${CMAKE_SOURCE_DIR}/tests/cli/test_batch.sh $<TARGET_FILE:octavo>
                                ${CMAKE_SOURCE_DIR})
set_tests_properties(cli.batch PROPERTIES LABELS cli TIMEOUT 900)
