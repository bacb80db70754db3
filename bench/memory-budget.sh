#!/usr/bin/env bash
# Benchmark: FILES large edits at once (default 8 workbooks of 50,000 x 5 cells, each loaded whole by
# its edit) against the packaged server with a small heap (HEAP, default 1g). BUDGET is
# limits.memoryBudget (default 50%; "off" sets it far above the heap, as before the budget existed).
# Prints each edit's answer, the server's highest heap sample, and whether it ran out of memory.
# Usage: [HEAP=1g] [BUDGET=50%|off] bench/memory-budget.sh [FILES] [ROWS] [JAR]
#        (build first: mvn -B -q package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:-8}; rows=${2:-50000}; jar=${3:-server/target/sheetsmith.jar}
heap=${HEAP:-1g}; budget=${BUDGET:-50%}
[ "$budget" = off ] && budget=1000GB
work=$(mktemp -d)
sed -e 's/maxCellsPerCall: .*/maxCellsPerCall: 10000000/' -e 's/maxRequestBytes: .*/maxRequestBytes: 200000000/' \
    -e 's/requestTimeout: .*/requestTimeout: 30 minutes/' -e 's/port: ${SHEETSMITH_PORT:-9080}/port: 9280/' \
    -e 's/port: ${SHEETSMITH_ADMIN_PORT:-9081}/port: 9281/' config.yml > "$work/config.yml"
grep -q memoryBudget "$work/config.yml" || budget=""
SHEETSMITH_DB_URL="jdbc:h2:file:$work/db" SHEETSMITH_FILES_DIR="$work/files" SHEETSMITH_MEMORY_BUDGET="$budget" \
  java -Xmx"$heap" -XX:+ExitOnOutOfMemoryError -jar "$jar" server "$work/config.yml" > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 60); do curl -fsS -o /dev/null http://127.0.0.1:9281/healthcheck 2>/dev/null && break; sleep 1; done
echo "heap -Xmx$heap, limits.memoryBudget ${budget:-(none: before the budget existed)}"
max=0
java bench/ConcurrentEdits.java http://127.0.0.1:9280/mcp "$files" "$rows" &
client=$!
while kill -0 $client 2>/dev/null; do
  used=$(curl -fsS http://127.0.0.1:9281/metrics 2>/dev/null | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["gauges"]["jvm.memory.heap.used"]["value"]))' 2>/dev/null || echo 0)
  [ "$used" -gt "$max" ] && max=$used
  sleep 0.5
done
wait $client || true
echo "server heap, highest sample: $((max / 1048576)) MiB"
if kill -0 $server 2>/dev/null; then echo "server: alive"; else echo "server: GONE"; fi
grep -c "OutOfMemoryError" "$work/server.log" | sed 's/^/OutOfMemoryError lines in the log: /' || true
