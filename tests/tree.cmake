# Tree API, iterator, builder and JSON dump: no reader or writer needed.
add_executable(test_tree tests/unit/test_tree.c)
target_link_libraries(test_tree PRIVATE oct_json oct_tree PkgConfig::CMOCKA)
add_test(NAME tree.api COMMAND test_tree)
set_tests_properties(tree.api PROPERTIES LABELS tree)

# -M date= goes through the tree's one date parser: the JSON dump holds
# ISO 8601, or the words as given when they are no date it reads.
add_test(NAME tree.cli_date
         COMMAND $<TARGET_FILE:octavo> ${CMAKE_SOURCE_DIR}/samples/small-libraries.md -t json -o -
                 -M "date=Tuesday, 5 March 2024")
set_tests_properties(tree.cli_date PROPERTIES LABELS tree PASS_REGULAR_EXPRESSION
                                                    "\"date\": \"2024-03-05\"")
add_test(NAME tree.cli_date_verbatim
         COMMAND $<TARGET_FILE:octavo> ${CMAKE_SOURCE_DIR}/samples/small-libraries.md -t json -o -
                 -M "date=03/05/2024")
set_tests_properties(tree.cli_date_verbatim PROPERTIES LABELS tree PASS_REGULAR_EXPRESSION
                                                             "\"date\": \"03/05/2024\"")
