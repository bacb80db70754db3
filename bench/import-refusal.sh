#!/usr/bin/env bash
# Benchmark: import_file of an xlsx of 2,000,000 cells (100,000 x 20, half numbers, half inline text),
# CALLS at once (default 1, then 4), against the packaged server with the shipped limits
# (limits.maxCellsPerCall 100,000, so every call is refused). Prints each answer and its time, the
# server's highest heap sample and its resident memory (RSS) before and after.
# Usage: bench/import-refusal.sh [CALLS] [JAR] [CONFIG]   (build first: mvn -B -q package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
calls=${1:-1}; jar=${2:-server/target/sheetsmith.jar}; config=${3:-config.yml}
work=$(mktemp -d)
sed -e 's/port: ${SHEETSMITH_PORT:-9080}/port: 9280/' -e 's/port: ${SHEETSMITH_ADMIN_PORT:-9081}/port: 9281/' \
    "$config" > "$work/config.yml"
SHEETSMITH_DB_URL="jdbc:h2:file:$work/db" SHEETSMITH_FILES_DIR="$work/files" \
  java ${JAVA_OPTS:-} -jar "$jar" server "$work/config.yml" > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 60); do curl -fsS -o /dev/null http://127.0.0.1:9281/healthcheck 2>/dev/null && break; sleep 1; done
rss() { awk '/VmRSS/{printf "%d MiB", $2/1024}' /proc/$server/status; }
echo "server RSS before: $(rss)"
max=0
java bench/ImportRefusal.java http://127.0.0.1:9280/mcp "$calls" 100000 20 ${NOREF:-} &
client=$!
while kill -0 $client 2>/dev/null; do
  used=$(curl -fsS http://127.0.0.1:9281/metrics 2>/dev/null | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["gauges"]["jvm.memory.heap.used"]["value"]))' 2>/dev/null || echo 0)
  [ "$used" -gt "$max" ] && max=$used
  sleep 0.2
done
wait $client
echo "server heap, highest sample: $((max / 1048576)) MiB; server RSS after: $(rss)"
