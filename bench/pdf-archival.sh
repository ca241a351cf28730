#!/bin/sh
# What tagging and PDF/A cost (issue 14: under 15 % in time and in size):
# every sample through two octavo builds, one without them (BEFORE, e.g.
# built from the commit before they came in) and one with them (AFTER).
#
#   bench/pdf-archival.sh BEFORE [AFTER]
#
# AFTER defaults to build/octavo.  Time is CPU time (user + system) of the
# whole process, the best of RUNS runs (default 15) per sample and build,
# the two builds taking turns, so that a loaded machine's queueing, which
# wall time would measure, stays out; size is the PDF's bytes.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
before=${1:?usage: bench/pdf-archival.sh BEFORE [AFTER]}
after=${2:-$here/build/octavo}
runs=${RUNS:-15}
for b in "$before" "$after"; do
  [ -x "$b" ] || { echo "bench/pdf-archival.sh: no octavo at $b" >&2; exit 2; }
done
command -v python3 >/dev/null 2>&1 || { echo "bench/pdf-archival.sh: python3 is not installed" >&2; exit 2; }
export OCTAVO_DATA_DIR="${OCTAVO_DATA_DIR:-$here}"
export SOURCE_DATE_EPOCH=1700000000

python3 - "$before" "$after" "$runs" "$here"/samples/*.txt "$here"/samples/*.md "$here"/samples/*.html <<'PY'
import os, sys, tempfile
before, after, runs, samples = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
work = tempfile.mkdtemp()

def cpu(binary, sample, out):
    pid = os.fork()
    if pid == 0:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        os.execv(binary, [binary, "-q", sample, "-o", out])
    _, status, ru = os.wait4(pid, 0)
    if status != 0:
        sys.exit("%s failed on %s" % (binary, sample))
    return ru.ru_utime + ru.ru_stime

print("%-28s %9s %9s %7s %9s %9s %7s" % ("sample", "ms before", "ms after", "time", "KB before", "KB after", "size"))
tb = ta = sb = sa = 0
for s in sorted(samples):
    name = os.path.basename(s)
    ob, oa = os.path.join(work, "b.pdf"), os.path.join(work, "a.pdf")
    best_b = best_a = float("inf")
    for _ in range(runs):
        best_b = min(best_b, cpu(before, s, ob))
        best_a = min(best_a, cpu(after, s, oa))
    zb, za = os.path.getsize(ob), os.path.getsize(oa)
    tb += best_b; ta += best_a; sb += zb; sa += za
    print("%-28s %9.1f %9.1f %+6.1f%% %9.1f %9.1f %+6.1f%%" % (name[:28], best_b * 1e3, best_a * 1e3,
          100 * (best_a / best_b - 1), zb / 1024, za / 1024, 100 * (za / zb - 1)))
print("%-28s %9.1f %9.1f %+6.1f%% %9.1f %9.1f %+6.1f%%" % ("all samples", tb * 1e3, ta * 1e3,
      100 * (ta / tb - 1), sb / 1024, sa / 1024, 100 * (sa / sb - 1)))

# where AFTER's extra bytes go, on the last sample: the PDF/A objects (the
# output profile, the XMP) and the structure (elements, root, parent tree)
import re
d = open(oa, "rb").read()
parts = {"ICC profile": 0, "XMP": 0, "structure elements and root": 0}
for m in re.finditer(rb"\d+ 0 obj(.*?)endobj", d, re.S):
    body, n = m.group(1), len(m.group(0)) + 20  # 20: its cross-reference entry
    if b"/N 3" in body:
        parts["ICC profile"] += n
    elif b"/Subtype /XML" in body:
        parts["XMP"] += n
    elif b"/StructTreeRoot" in body or re.match(rb"\s*<<\s*/S /\w+\s*/P \d+ 0 R", body):
        parts["structure elements and root"] += n
print("in %s: %s" % (os.path.basename(s), ", ".join("%s %.1f KB" % (k, v / 1024) for k, v in parts.items())))
PY
