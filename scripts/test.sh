#!/bin/sh
# The whole test suite: installs what it needs, builds with warnings as
# errors, runs every test (real validators: epubcheck, qpdf, poppler), then
# the same suite under AddressSanitizer + UndefinedBehaviorSanitizer, then
# valgrind on the command line.  Safe to rerun.
set -eu
cd "$(dirname "$0")/.."
jobs=$(nproc)

sh scripts/deps.sh test

echo "== build (warnings are errors)"
cmake -S . -B build -DOCTAVO_WERROR=ON >/dev/null
cmake --build build -j"$jobs"
echo "== tests"
ctest --test-dir build -j"$jobs" --output-on-failure

echo "== tests under ASan + UBSan (clang), and 30 s of each fuzzer"
# clang, not gcc: its UBSan also checks pointer arithmetic that overflows
# (-fsanitize=pointer-overflow), which gcc's lets through, and it has
# libFuzzer: OCTAVO_FUZZ adds one fuzzer per stage to this suite (label
# fuzz, see tests/fuzz.cmake).
# (CMake cannot switch an earlier gcc configuration to clang in place.)
if [ -f build-asan/CMakeCache.txt ] && ! grep -q '^CMAKE_CXX_COMPILER:.*clang' build-asan/CMakeCache.txt
then rm -rf build-asan; fi
# clang++ too, for the one C++ file (src/read/langid_cld2.cc): the link
# must pull in clang's sanitizer runtimes, not gcc's.
cmake -S . -B build-asan -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DOCTAVO_WERROR=ON -DOCTAVO_SANITIZE=ON \
  -DOCTAVO_FUZZ=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build build-asan -j"$jobs"
# tests/lsan.supp: leaks inside Debian's libhyphen, not ours (see there)
LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp \
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan -j"$jobs" --output-on-failure

echo "== valgrind on the command line"
sh tests/valgrind.sh build/octavo
