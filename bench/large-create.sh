#!/usr/bin/env bash
# Benchmark: one create_excel_file call with ROWS x COLS cells (default 1,000,000 x 10), then one
# append_rows of the same size to a small workbook, against the packaged server with the JVM's default heap and limits
# raised for the run. Prints the time of each call and the server's peak heap use.
# Usage: bench/large-create.sh [ROWS] [COLS]     (build first: mvn -B -q package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}; cols=${2:-10}
work=$(mktemp -d)
sed -e 's/maxCellsPerCall: .*/maxCellsPerCall: 100000000/' -e 's/maxRequestBytes: .*/maxRequestBytes: 2000000000/' \
    -e 's/requestTimeout: .*/requestTimeout: 30 minutes/' -e 's/port: ${SHEETSMITH_PORT:-9080}/port: 9180/' \
    -e 's/port: ${SHEETSMITH_ADMIN_PORT:-9081}/port: 9181/' config.yml > "$work/config.yml"
SHEETSMITH_DB_URL="jdbc:h2:file:$work/db" SHEETSMITH_FILES_DIR="$work/files" \
  java -jar server/target/sheetsmith.jar server "$work/config.yml" > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 60); do curl -fsS -o /dev/null http://127.0.0.1:9181/healthcheck 2>/dev/null && break; sleep 1; done
echo "default max heap: $(java -XX:+PrintFlagsFinal -version 2>/dev/null | awk '/ MaxHeapSize /{printf "%.1f GiB", $4/1073741824}')"
# Samples the server's heap every half second; prints the highest value seen during a call.
watch_heap() {
  local max=0 used
  while kill -0 "$1" 2>/dev/null; do
    used=$(curl -fsS http://127.0.0.1:9181/metrics 2>/dev/null | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["gauges"]["jvm.memory.heap.used"]["value"]))' 2>/dev/null || echo 0)
    [ "$used" -gt "$max" ] && max=$used
    sleep 0.5
  done
  echo "server heap, highest sample: $((max / 1048576)) MiB"
}
run() {
  java bench/LargeCreate.java http://127.0.0.1:9180/mcp "$@" &
  local client=$!
  watch_heap $client
  wait $client
}
run "$rows" "$cols"
# append_rows streams the new rows, but loads the sheet it appends to: append to a small file here
# (appending to a sheet that already holds millions of cells needs memory in proportion to it).
java bench/LargeCreate.java http://127.0.0.1:9180/mcp 10 "$cols" > /dev/null
run "$rows" "$cols" append "bench (2).xlsx"
ls -la "$work"/files/*/ | tail -n 3
