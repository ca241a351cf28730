# Shared helpers for the command-line tests: each check prints ok/FAIL and
# the script ends with "N passed, N failed" and a matching exit status.
PASS=0
FAIL=0
ok() { PASS=$((PASS + 1)); printf 'ok   %s\n' "$1"; }
bad() { FAIL=$((FAIL + 1)); printf 'FAIL %s\n' "$1"; }
check() { # check NAME COMMAND...: passes when the command succeeds
  name=$1; shift
  if "$@"; then ok "$name"; else bad "$name"; fi
}
finish() {
  echo "$PASS passed, $FAIL failed"
  [ "$FAIL" -eq 0 ]
}
# run CMD...: captures exit status in $rc, stderr in $err, stdout in $out
run() {
  set +e
  out=$("$@" 2>"$WORK/stderr")
  rc=$?
  set -e
  err=$(cat "$WORK/stderr")
}
