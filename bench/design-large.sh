#!/usr/bin/env bash
# Benchmark: Tool set II on a large sheet. Creates ROWS x 8 cells (default 100,000 rows), then
# times format_range (header, a whole column), a colour scale, a list validation, a table with a
# totals row, a line chart over every row, a pivot table and describe_sheet, each a full load and
# save of the workbook. Prints each call's time and the server's highest heap sample.
# Usage: [HEAP=2g] bench/design-large.sh [ROWS]     (build first: mvn -B -q package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-100000}; last=$((rows + 1))
work=$(mktemp -d)
sed -e 's/maxCellsPerCall: .*/maxCellsPerCall: 100000000/' -e 's/maxRequestBytes: .*/maxRequestBytes: 2000000000/' \
    -e 's/requestTimeout: .*/requestTimeout: 30 minutes/' -e 's/port: ${SHEETSMITH_PORT:-9080}/port: 9180/' \
    -e 's/port: ${SHEETSMITH_ADMIN_PORT:-9081}/port: 9181/' config.yml > "$work/config.yml"
SHEETSMITH_DB_URL="jdbc:h2:file:$work/db" SHEETSMITH_FILES_DIR="$work/files" \
  java ${HEAP:+-Xmx$HEAP} -jar server/target/sheetsmith.jar server "$work/config.yml" > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 60); do curl -fsS -o /dev/null http://127.0.0.1:9181/healthcheck 2>/dev/null && break; sleep 1; done
echo "default max heap: $(java -XX:+PrintFlagsFinal -version 2>/dev/null | awk '/ MaxHeapSize /{printf "%.1f GiB", $4/1073741824}')"
java bench/LargeCreate.java http://127.0.0.1:9180/mcp "$rows" 8
max=0
java bench/DesignCalls.java http://127.0.0.1:9180/mcp \
  'format_range {"file":"bench.xlsx","range":"A1:H1","font":{"bold":true,"color":"white"},"fill_color":"4472C4"}' \
  'format_range {"file":"bench.xlsx","range":"C:C","number_format":"thousands_decimal"}' \
  "add_conditional_format {\"file\":\"bench.xlsx\",\"range\":\"C2:C$last\",\"type\":\"color_scale\",\"colors\":[\"F8696B\",\"63BE7B\"]}" \
  "add_data_validation {\"file\":\"bench.xlsx\",\"range\":\"D2:D$last\",\"type\":\"list\",\"values\":[\"TRUE\",\"FALSE\"]}" \
  "create_table {\"file\":\"bench.xlsx\",\"range\":\"A1:H$last\",\"name\":\"Bench\",\"totals\":{\"col2\":\"sum\"}}" \
  "create_chart {\"file\":\"bench.xlsx\",\"type\":\"line\",\"categories\":\"A2:A$last\",\"series\":[{\"values\":\"C2:C$last\",\"name_cell\":\"C1\"}]}" \
  "create_pivot_table {\"file\":\"bench.xlsx\",\"source_range\":\"A1:H$last\",\"rows\":[\"col3\"],\"values\":[{\"column\":\"col2\",\"function\":\"sum\"}]}" \
  'describe_sheet {"file":"bench.xlsx"}' &
client=$!
while kill -0 $client 2>/dev/null; do
  used=$(curl -fsS http://127.0.0.1:9181/metrics 2>/dev/null | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["gauges"]["jvm.memory.heap.used"]["value"]))' 2>/dev/null || echo 0)
  [ "$used" -gt "$max" ] && max=$used
  sleep 0.5
done
wait $client || { grep -A30 -m1 "ERROR" "$work/server.log" | head -40; exit 1; }
echo "server heap during the Tool set II calls, highest sample: $((max / 1048576)) MiB"
ls -la "$work"/files/*/ | tail -n 2
