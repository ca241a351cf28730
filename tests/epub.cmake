# EPUB writer tests (label: epub).
add_executable(test_epub_make ${CMAKE_SOURCE_DIR}/tests/unit/test_epub_make.c)
target_link_libraries(test_epub_make PRIVATE oct_read oct_epub)
