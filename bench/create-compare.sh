#!/usr/bin/env bash
# Issue #17 item 3 side by side: create_excel_file ROWS x COLS in one /mcp call (and one append_rows of
# the same size to a 10-row file), for each server jar given, next to raw POI SXSSF in-process in the same run.
# Each server runs with JAVA_OPTS (e.g. -Xmx512m to check the heap target) and limits raised for the run;
# prints the time of each call, the server's heap peak (sampled every 0.2 s from /metrics), its RSS after,
# and the load average.
# Usage: JARS="before=/tmp/base/server/target/sheetsmith.jar after=server/target/sheetsmith.jar" \
#          JAVA_OPTS=-Xmx512m bench/create-compare.sh [ROWS] [COLS] [REPEAT]
#   builds: mvn -B -q -pl server -am package -DskipTests (never install)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-100000}; cols=${2:-10}; repeat=${3:-2}
jars=${JARS:-after=server/target/sheetsmith.jar}
work=$(mktemp -d)
servers=()
cleanup() { for p in "${servers[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
echo "create $rows x $cols, $(date -u +%FT%TZ), $(nproc) cores, JAVA_OPTS='${JAVA_OPTS:-}', load $(cut -d' ' -f1-3 /proc/loadavg)"
if mvn -B -o -q -pl engine-xlsx dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null 2>&1; then
  java -cp "$(cat "$work/cp.txt")" bench/AnchorSxssf.java "$rows" "$cols" 2>/dev/null
fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
# the highest heap use seen while process $1 runs
watch_heap() {
  local max=0 used
  while kill -0 "$1" 2>/dev/null; do
    used=$(curl -fsS "http://127.0.0.1:$2/metrics" 2>/dev/null | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["gauges"]["jvm.memory.heap.used"]["value"]))' 2>/dev/null || echo 0)
    [ "$used" -gt "$max" ] && max=$used
    sleep 0.2
  done
  echo "$((max / 1048576))"
}
for entry in $jars; do
  label=${entry%%=*}; jar=${entry#*=}
  dir="$work/$label"; mkdir -p "$dir"
  port=$(free_port); admin=$(free_port)
  config="$(dirname "$jar")/../../config.yml"; [ -f "$config" ] || config=config.yml
  sed -e 's/maxCellsPerCall: .*/maxCellsPerCall: 100000000/' -e 's/maxRequestBytes: .*/maxRequestBytes: 2000000000/' \
      -e 's/requestTimeout: .*/requestTimeout: 30 minutes/' -e "s/port: \${SHEETSMITH_PORT:-9080}/port: $port/" \
      -e "s/port: \${SHEETSMITH_ADMIN_PORT:-9081}/port: $admin/" "$config" > "$dir/config.yml"
  SHEETSMITH_DB_URL="jdbc:h2:file:$dir/db" SHEETSMITH_FILES_DIR="$dir/files" \
    java ${JAVA_OPTS:-} -jar "$jar" server "$dir/config.yml" > "$dir/server.log" 2>&1 &
  pid=$!; servers+=("$pid")
  for _ in $(seq 1 120); do curl -fsS -o /dev/null "http://127.0.0.1:$admin/healthcheck" 2>/dev/null && break; sleep 1; done
  java bench/LargeCreate.java "http://127.0.0.1:$port/mcp" 10 "$cols" > /dev/null   # warm-up, and the file to append to
  for i in $(seq 1 "$repeat"); do
    java bench/LargeCreate.java "http://127.0.0.1:$port/mcp" "$rows" "$cols" > "$dir/out" 2>&1 &
    c=$!; peak=$(watch_heap $c "$admin"); wait $c || { cat "$dir/out"; tail -n 20 "$dir/server.log"; }
    rss=$(awk '/VmRSS/{print int($2/1024)}' "/proc/$pid/status")
    printf '%-8s | %s | heap peak %5s MiB | RSS %5s MiB | load %s\n' "$label" "$(cat "$dir/out")" "$peak" "$rss" "$(cut -d' ' -f1 /proc/loadavg)"
  done
  java bench/LargeCreate.java "http://127.0.0.1:$port/mcp" "$rows" "$cols" append "bench.xlsx" > "$dir/out" 2>&1 &
  c=$!; peak=$(watch_heap $c "$admin"); wait $c || { cat "$dir/out"; tail -n 20 "$dir/server.log"; }
  rss=$(awk '/VmRSS/{print int($2/1024)}' "/proc/$pid/status")
  printf '%-8s | %s | heap peak %5s MiB | RSS %5s MiB | load %s\n' "$label" "$(cat "$dir/out")" "$peak" "$rss" "$(cut -d' ' -f1 /proc/loadavg)"
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
done
