#!/bin/sh
# Process start (issue 15): what each shared object octavo loads costs the
# dynamic loader before main.  An empty program is linked against one
# library at a time (with what that library itself needs, as it comes) and
# run under callgrind; the cost beyond the empty program is the library's.
# Then octavo itself: `octavo --version` (instructions, page faults) and
# the objects it loads, each with the symbol lookups it makes before main
# (GLOB_DAT and the like, plus every PLT slot when linked -z now).
#
#   bench/start.sh        (OCTAVO=path/to/octavo to pick a build; CC=)
#
# Instructions repeat to a few hundred; page faults to a few.
set -eu
. "$(dirname "$0")/common.sh"
CC=${CC:-cc}
bench_need valgrind readelf "$CC" /usr/bin/time
bench_start

ir() { # PROGRAM ARGS...: instructions under callgrind
  valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" "$@" >/dev/null 2>&1
  sed -n 's/^summary: //p; s/^totals: //p' "$tmp/cg" | head -1
}
faults() { # PROGRAM ARGS...: minor page faults
  /usr/bin/time -f %R "$@" 2>&1 >/dev/null | tail -1
}

echo 'int main(void) { return 0; }' >"$tmp/e.c"
"$CC" -O2 "$tmp/e.c" -o "$tmp/none"
base=$(ir "$tmp/none")
printf '%-34s %12s %8s\n' "linked against (and what it needs)" "instructions" "faults"
printf '%-34s %12d %8s\n' "nothing (empty program)" "$base" "$(faults "$tmp/none")"
# The libraries octavo links shared today, and ICU (libxml2's converters,
# loaded only on demand since src/link/icu_lazy.c).
for lib in stdc++ cld2 icuuc harfbuzz freetype glib-2.0 hpdf png16 md4c z; do
  if "$CC" -O2 "$tmp/e.c" -o "$tmp/t" -Wl,--no-as-needed -l$lib 2>/dev/null; then
    n=$(ir "$tmp/t")
    printf '%-34s %+12d %8s\n' "lib$lib" $((n - base)) "$(faults "$tmp/t")"
  else
    printf '%-34s %12s\n' "lib$lib" "(no -dev)"
  fi
done

echo
echo "octavo --version: $(ir "$OCTAVO" --version) instructions, $(faults "$OCTAVO" --version) page faults"
printf '%-28s %8s %8s\n' "object (load order)" "lookups" "now"
# ldd lists objects in the loader's breadth-first order
{ echo "$OCTAVO"; ldd "$OCTAVO" | awk '/=> \//{print $3} /^\t\/lib/{print $1}'; } | while read -r f; do
  f=$(readlink -f "$f")
  rel=$(readelf -rW "$f" 2>/dev/null)
  eager=$(printf '%s\n' "$rel" | grep -c -E 'GLOB_DAT|R_X86_64_64|TPOFF64|DTPMOD64|DTPOFF64' || true)
  now=no
  if readelf -d "$f" | grep -q -E 'BIND_NOW|FLAGS_1.*NOW'; then
    now=yes
    eager=$((eager + $(printf '%s\n' "$rel" | grep -c JUMP_SLOT || true)))
  fi
  printf '%-28s %8d %8s\n' "$(basename "$f")" "$eager" "$now"
done
