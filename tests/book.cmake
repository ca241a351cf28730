# What a reader of the book sees that epubcheck does not (issue 12: the
# language from the text, one dc:creator per author, inline images,
# heading levels without holes, protocol-relative images as remote):
# tests/book/check_book.py on the samples and on small inputs it writes,
# and on the corpus books whose headings failed Ace (skipped without
# ../shared/corpus).  epubcheck runs on every sample in epub.cmake.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_FOUND)
add_test(NAME book.reads_right
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/tests/book/check_book.py
                 $<TARGET_FILE:octavo> ${CMAKE_SOURCE_DIR}/samples ${CMAKE_BINARY_DIR}/book-tests)
add_test(NAME book.corpus_heading_order
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/tests/book/check_book.py
                 $<TARGET_FILE:octavo> ${CMAKE_SOURCE_DIR}/samples
                 ${CMAKE_BINARY_DIR}/book-tests/corpus --corpus ${CMAKE_SOURCE_DIR}/../shared/corpus)
set_tests_properties(book.reads_right book.corpus_heading_order PROPERTIES LABELS book TIMEOUT 300
                     ENVIRONMENT OCTAVO_DATA_DIR=${CMAKE_SOURCE_DIR})
set_tests_properties(book.corpus_heading_order PROPERTIES SKIP_RETURN_CODE 77)
endif()
