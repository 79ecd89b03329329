#!/usr/bin/env bash
# benchpeers.sh runs the SPEC's trade-panel job (shared/bench/SPEC.md) with
# examples/panel and with each peer of shared/bench/peers on the same files,
# one after the other in the same run, and prints the table of BENCHMARKS.md:
# wall time and peak memory of each whole process (/usr/bin/time -v), and
# whether its output is identical to the exact reference (exact.py).
#
#	examples/panel/benchpeers.sh [size ...]    sizes: 100k 1m 10m (default: all three)
#
# Set-up (see BENCHMARKS.md): Debian's python3-pandas for pandas_peer.py,
# and in $PEERS: npm install nodejs-polars nodejs-polars-linux-x64-gnu @duckdb/node-api
#
# Environment:
#	BENCH      the SPEC's folder (default: ../shared/bench beside the repository)
#	DATA       where the input files and outputs go (default: $TMPDIR/tradeflow-bench/data)
#	PEERS      the folder holding node_modules (default: $TMPDIR/tradeflow-bench/peers)
#	RUNS       runs of each tool on each file; the median wall time is shown (default: 3)
#	PYTHON     the interpreter for exact.py (default: python3)
#	PANDAS_PY  the interpreter with pandas (default: /usr/bin/python3, Debian's)
#	TOOLS      which tools to run (default: "tradeflow tradeflow-1core exact pandas polars duckdb")
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
BENCH=${BENCH:-$repo/../shared/bench}
DATA=${DATA:-${TMPDIR:-/tmp}/tradeflow-bench/data}
PEERS=${PEERS:-${TMPDIR:-/tmp}/tradeflow-bench/peers}
RUNS=${RUNS:-3}
PYTHON=${PYTHON:-python3}
PANDAS_PY=${PANDAS_PY:-/usr/bin/python3}
TOOLS=${TOOLS:-tradeflow tradeflow-1core exact pandas polars duckdb}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100k 1m 10m)

mkdir -p "$DATA/out"
BENCH=$(cd "$BENCH" && pwd)

# The inputs: the SPEC's generator, seed 1.
(cd "$BENCH/gen" && go build -o "$DATA/gen" .)
rows() { case $1 in 100k) echo 100000 ;; 1m) echo 1000000 ;; 10m) echo 10000000 ;; *) echo "unknown size $1" >&2; exit 2 ;; esac; }
for s in "${sizes[@]}"; do
	f=$DATA/panel$s.csv
	[ -s "$f" ] || "$DATA/gen" -rows "$(rows "$s")" -seed 1 >"$f"
done

# This library's program, built once.
(cd "$repo" && go build -o "$DATA/panel" ./examples/panel)

# The peers read their file from their own folder (node resolves
# node_modules from the script's location).
cp "$BENCH"/peers/*.mjs "$PEERS"/

cmd() { # cmd TOOL FILE: the command line of TOOL on FILE
	case $1 in
	tradeflow) echo "$DATA/panel $2" ;;
	tradeflow-1core) echo "env GOMAXPROCS=1 $DATA/panel $2" ;;
	exact) echo "$PYTHON $BENCH/peers/exact.py $2" ;;
	pandas) echo "$PANDAS_PY $BENCH/peers/pandas_peer.py $2" ;;
	polars) echo "node $PEERS/polars_peer.mjs $2" ;;
	duckdb) echo "node $PEERS/duckdb_peer.mjs $2" ;;
	esac
}

# run TOOL SIZE I: one timed run; prints "wall_seconds max_rss_kb"
run() {
	local out=$DATA/out/$1-$2.txt log=$DATA/out/$1-$2.time$3
	# shellcheck disable=SC2046
	/usr/bin/time -v $(cmd "$1" "$DATA/panel$2.csv") >"$out" 2>"$log"
	local wall rss
	wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$log")
	rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
	echo "$wall $rss"
}

# exact.py runs first on each file: its output is the reference.
tools=(exact)
for t in $TOOLS; do [ "$t" = exact ] || tools+=("$t"); done

echo "| file | rows | tool | wall time (median of $RUNS) | peak RSS | output |"
echo "|---|---:|---|---:|---:|---|"
for s in "${sizes[@]}"; do
	nrows=$(($(wc -l <"$DATA/panel$s.csv") - 1))
	for t in "${tools[@]}"; do
		results=()
		for i in $(seq "$RUNS"); do
			results+=("$(run "$t" "$s" "$i")")
		done
		# The median run by wall time, with its peak memory.
		read -r wall rss < <(printf '%s\n' "${results[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p")
		if [ "$t" = exact ]; then
			same="the reference"
		elif cmp -s "$DATA/out/$t-$s.txt" "$DATA/out/exact-$s.txt"; then
			same="identical"
		else
			same="differs: $(diff "$DATA/out/exact-$s.txt" "$DATA/out/$t-$s.txt" | sed -n 's/^> //p' | paste -sd ' ' - || true)"
		fi
		awk -v f="panel$s.csv" -v n="$nrows" -v t="$t" -v w="$wall" -v r="$rss" -v o="$same" \
			'BEGIN { printf "| %s | %d | %s | %.2f s | %.0f MiB | %s |\n", f, n, t, w, r / 1024, o }'
	done
done
