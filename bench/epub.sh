#!/bin/sh
# Times octavo's EPUB writer against pandoc on the same article, side by side
# in one hyperfine run, and prints the speed ratio and both peak memories.
#
#   bench/epub.sh [ARTICLE]      (OCTAVO=path/to/octavo to pick a build)
#
# Default article: ../shared/articles/japan-nato-ukraine.txt beside the repo,
# else samples/japan-nato-ukraine.txt.  Targets (issue 3): >= 25x pandoc's
# wall time, <= 16 MiB peak RSS.
set -eu
. "$(dirname "$0")/common.sh"
article=${1:-$root/../shared/articles/japan-nato-ukraine.txt}
[ -f "$article" ] || article=$root/samples/japan-nato-ukraine.txt
bench_need hyperfine pandoc python3 /usr/bin/time
# same conditions for both: a fixed date, output to a scratch folder
bench_start

echo "article: $article"
echo "octavo:  $OCTAVO"
hyperfine -N --warmup 3 --min-runs 20 --export-json "$tmp/h.json" \
  -n octavo "$OCTAVO $article -o $tmp/o.epub" \
  -n octavo-no-cover "$OCTAVO $article --no-cover -o $tmp/n.epub" \
  -n pandoc "pandoc -f markdown $article -o $tmp/p.epub"

peak() { /usr/bin/time -v "$@" 2>&1 >/dev/null | sed -n 's/.*Maximum resident set size (kbytes): //p'; }
o_kb=$(peak "$OCTAVO" "$article" -o "$tmp/o.epub")
n_kb=$(peak "$OCTAVO" "$article" --no-cover -o "$tmp/n.epub")
p_kb=$(peak pandoc -f markdown "$article" -o "$tmp/p.epub")

python3 - "$tmp/h.json" "$o_kb" "$n_kb" "$p_kb" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
o, n, p = r["octavo"]["mean"], r["octavo-no-cover"]["mean"], r["pandoc"]["mean"]
ok, nk, pk = (int(v) for v in sys.argv[2:5])
print()
print(f"octavo           {o*1e3:8.1f} ms   peak {ok/1024:6.1f} MiB")
print(f"octavo no-cover  {n*1e3:8.1f} ms   peak {nk/1024:6.1f} MiB")
print(f"pandoc           {p*1e3:8.1f} ms   peak {pk/1024:6.1f} MiB")
print(f"ratio: octavo is {p/o:.1f}x pandoc's speed ({p/n:.1f}x without the generated cover); "
      f"target >= 25x")
# CPU time (user + system) is steadier than wall time on a shared machine.
cpu = {k: v["user"] + v["system"] for k, v in r.items()}
print(f"cpu:   octavo {cpu['octavo']*1e3:.1f} ms, no-cover {cpu['octavo-no-cover']*1e3:.1f} ms, "
      f"pandoc {cpu['pandoc']*1e3:.1f} ms -> {cpu['pandoc']/cpu['octavo']:.1f}x "
      f"({cpu['pandoc']/cpu['octavo-no-cover']:.1f}x without the cover)")
print(f"memory: {ok/1024:.1f} MiB peak; target <= 16 MiB -> {'ok' if ok <= 16*1024 else 'OVER'}")
PY
