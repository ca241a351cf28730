# Sourced by the benchmarks (`. "$(dirname "$0")/common.sh"`): the
# repository's root, the octavo to measure, the tools a benchmark needs, a
# scratch folder removed on exit, and the conditions every run shares.
root=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${OCTAVO:-}" ]; then # OCTAVO=path/to/octavo picks a build
  for c in "$root/build/octavo" "$root"/build-*/octavo; do
    if [ -x "$c" ]; then OCTAVO=$c; break; fi
  done
fi

# TOOL...: exits 2 naming the first one missing (a name or a path)
bench_need() {
  for tool; do
    command -v "$tool" >/dev/null || { echo "$(basename "$0"): needs $tool" >&2; exit 2; }
  done
}

# Checks octavo is built, makes $tmp, and fixes what would make runs differ:
# the date (octavo would otherwise read the input's mtime, as cheap but not
# the same from run to run) and the data files (this tree's).
bench_start() {
  [ -x "${OCTAVO:-}" ] || { echo "$(basename "$0"): octavo not built; set OCTAVO=" >&2; exit 2; }
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  export SOURCE_DATE_EPOCH=1700000000
  export OCTAVO_DATA_DIR=${OCTAVO_DATA_DIR:-$root}
}
