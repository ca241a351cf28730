#!/bin/sh
# One command from a fresh Debian 12 machine to a built octavo and the
# sample article converted to EPUB and PDF (in out/).  Safe to rerun.
set -eu
cd "$(dirname "$0")/.."

sh scripts/deps.sh build
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"
mkdir -p out
./build/octavo samples/japan-nato-ukraine.txt -t epub,pdf -o out/ -v
echo "octavo: done — open out/japan-nato-ukraine.epub and out/japan-nato-ukraine.pdf"
