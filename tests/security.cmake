# Untrusted input: the resource rules (which files an article may pull into a
# book, which bytes are an image) as unit tests, and the same rules end to
# end through the command line with the real validators.

add_executable(test_resource ${CMAKE_SOURCE_DIR}/tests/unit/test_resource.c)
target_link_libraries(test_resource PRIVATE oct_resource PkgConfig::CMOCKA PkgConfig::PNG
                                            PkgConfig::JPEG z)
add_test(NAME security.resource COMMAND test_resource)

add_test(NAME security.hostile_page
         COMMAND sh ${CMAKE_SOURCE_DIR}/tests/security/hostile_page.sh $<TARGET_FILE:octavo>)
set_tests_properties(security.resource security.hostile_page PROPERTIES LABELS security)
