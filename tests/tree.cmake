# Tree API, iterator, builder and JSON dump: no reader or writer needed.
add_executable(test_tree tests/unit/test_tree.c)
target_link_libraries(test_tree PRIVATE oct_json oct_tree PkgConfig::CMOCKA)
add_test(NAME tree.api COMMAND test_tree)
set_tests_properties(tree.api PROPERTIES LABELS tree)
