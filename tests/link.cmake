# How octavo is linked (label: link): ICU, which the static libxml2 names,
# is loaded on its first use rather than at every start (src/link/icu_lazy.c).
if(OCTAVO_STATIC_DEPS)
  set(icu_lazy 1)
else()
  set(icu_lazy 0)
endif()
add_test(NAME link.icu_lazy
         COMMAND sh ${CMAKE_SOURCE_DIR}/tests/link/test_icu_lazy.sh $<TARGET_FILE:octavo>
                 ${CMAKE_BINARY_DIR}/test-work/link.icu_lazy ${icu_lazy})
set_tests_properties(link.icu_lazy PROPERTIES LABELS link)
