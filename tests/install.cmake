# `cmake --install` puts the binary, assets, fonts and man page under a
# prefix, and the installed binary finds its data there (not in the source tree).
add_test(NAME install.prefix
         COMMAND sh ${CMAKE_SOURCE_DIR}/tests/cli/test_install.sh ${CMAKE_BINARY_DIR}
                 ${CMAKE_SOURCE_DIR})
set_tests_properties(install.prefix PROPERTIES LABELS cli)
