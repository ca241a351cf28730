#!/bin/sh
# octavo's PDF writer against pandoc + WeasyPrint on the same article, in one
# hyperfine run, with the speed ratio and octavo's peak memory.
#
#   bench/pdf.sh [OCTAVO] [ARTICLE]
#
# OCTAVO defaults to build/octavo, ARTICLE to samples/japan-nato-ukraine.txt.
# Targets (issue 4): at least 50x faster, at most 32 MiB peak memory.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
octavo=${1:-$here/build/octavo}
article=${2:-$here/samples/japan-nato-ukraine.txt}
runs=${RUNS:-10}

for tool in hyperfine pandoc weasyprint /usr/bin/time python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench/pdf.sh: $tool is not installed" >&2; exit 2; }
done
[ -x "$octavo" ] || { echo "bench/pdf.sh: no octavo at $octavo (build it first)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
export OCTAVO_DATA_DIR="${OCTAVO_DATA_DIR:-$here}"

hyperfine --warmup 2 --runs "$runs" --export-json "$work/h.json" \
  -n octavo "'$octavo' -q '$article' -o '$work/octavo.pdf'" \
  -n pandoc+weasyprint "pandoc '$article' -f markdown -o '$work/pandoc.pdf' --pdf-engine=weasyprint 2>/dev/null"

/usr/bin/time -v "$octavo" -q "$article" -o "$work/octavo.pdf" 2>"$work/time.txt"

python3 - "$work/h.json" "$work/time.txt" <<'EOF'
import json, re, sys
res = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
o, p = res["octavo"], res["pandoc+weasyprint"]
rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(sys.argv[2]).read()).group(1))
ratio = p["mean"] / o["mean"]
print()
print("octavo            %8.1f ms  (median %.1f ms)" % (o["mean"] * 1e3, o["median"] * 1e3))
print("pandoc+weasyprint %8.1f ms  (median %.1f ms)" % (p["mean"] * 1e3, p["median"] * 1e3))
print("ratio             %8.1fx   (target >= 50x: %s)" % (ratio, "met" if ratio >= 50 else "NOT met"))
# CPU time as well: on a loaded machine wall time mostly measures the queue
cpu = lambda r: r["user"] + r["system"]
print("CPU time          %8.1f ms vs %.1f ms: %.1fx" % (cpu(o) * 1e3, cpu(p) * 1e3, cpu(p) / cpu(o)))
print("octavo peak RSS   %8.1f MiB (target <= 32 MiB: %s)" % (rss_kb / 1024, "met" if rss_kb <= 32 * 1024 else "NOT met"))
EOF
