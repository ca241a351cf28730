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

# The tree contract at compile time: every source outside src/tree (and
# src/util, which knows no tree) compiled once more with the node's fields
# const (OCT_TREE_READONLY, src/tree/tree.h), so a direct write to a node
# breaks the build instead of waiting for review.  Part of the default
# build; -O0 keeps it to a few seconds.  The objects are never linked.
file(GLOB oct_contract_srcs CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/read/*.c
     ${CMAKE_SOURCE_DIR}/src/write/*/*.c ${CMAKE_SOURCE_DIR}/src/cli/*.c)
add_library(oct_tree_contract OBJECT ${oct_contract_srcs})
target_link_libraries(oct_tree_contract PRIVATE oct_read oct_json oct_epub oct_pdf)
target_compile_definitions(oct_tree_contract PRIVATE OCT_TREE_READONLY)
target_compile_options(oct_tree_contract PRIVATE -O0 -g0)

# Readers change trees only through the builder (ARCHITECTURE.md §3): no
# linking or unlinking of nodes of their own.
add_test(NAME tree.readers_use_the_builder
         COMMAND sh -c "if grep -rn --include='*.[ch]' 'oct_node_unlink\\|oct_node_insert_\\|oct_node_append_child\\|oct_node_new' \"$0\"; then echo 'src/read edits nodes behind the builder (use oct_builder_*)'; exit 1; fi"
                 ${CMAKE_SOURCE_DIR}/src/read)
set_tests_properties(tree.readers_use_the_builder PROPERTIES LABELS tree)
