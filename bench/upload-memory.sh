#!/usr/bin/env bash
# Benchmark: the upload path's memory. Starts the packaged server with a small heap (HEAP, default
# 512m), then POSTs to /api/files (1) a CSV of about 100 MB as a multipart form and (2) as a raw
# body, both with the shipped cell limit (so each streams to disk and is refused at
# limits.maxCellsPerCall: a csv is converted, which holds its cells), and (3) an xlsx of about 50 MB
# (4 sheets of random numbers, so it stays near 50 MB zipped) as a raw body with the cell limit
# raised, so it is checked part by part and stored as it is. For each: the server's heap used
# just before (after a GC), the highest sample while it ran, and just after (after a GC), from the
# admin port's /metrics; and the answer.
# Usage: [HEAP=512m] bench/upload-memory.sh [JAR]   (build first: mvn -B -q package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=${1:-server/target/sheetsmith.jar}; heap=${HEAP:-512m}
work=$(mktemp -d)
sed -e 's/maxCellsPerCall: .*/maxCellsPerCall: ${CELLS:-100000}/' -e 's/maxUploadBytes: .*/maxUploadBytes: 209715200/' \
    -e 's/requestTimeout: .*/requestTimeout: 30 minutes/' -e 's/port: ${SHEETSMITH_PORT:-9080}/port: 9480/' \
    -e 's/port: ${SHEETSMITH_ADMIN_PORT:-9081}/port: 9481/' config.yml > "$work/config.yml"
python3 - "$work" <<'PY'
import random, sys, zipfile, os
work = sys.argv[1]
random.seed(7)
with open(os.path.join(work, "big.csv"), "w") as f:
    f.write("id,name,amount,date,note\n")
    i = 0
    while f.tell() < 100 * 1024 * 1024:
        i += 1
        f.write("%d,Customer %d,%.2f,2024-%02d-%02d,some note about order %d\n" % (i, i % 977, random.random() * 1e4,
                i % 12 + 1, i % 28 + 1, i))
ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
sheets = 4
with zipfile.ZipFile(os.path.join(work, "big.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' + "".join('<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % (s + 1) for s in range(sheets)) + '</Types>')
    z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8"?><workbook %s><sheets>%s</sheets></workbook>' % (ns, "".join('<sheet name="Data%d" sheetId="%d" r:id="rId%d"/>' % (s + 1, s + 1, s + 1) for s in range(sheets))))
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + "".join('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>' % (s + 1, s + 1) for s in range(sheets)) + '</Relationships>')
    for s in range(sheets):
        with z.open("xl/worksheets/sheet%d.xml" % (s + 1), "w") as w:
            w.write(('<?xml version="1.0" encoding="UTF-8"?><worksheet %s><sheetData>' % ns).encode())
            for r in range(1, 180001):
                w.write(('<row r="%d">' % r + "".join('<c r="%s%d"><v>%.6f</v></c>' % (c, r, random.random() * 1e6) for c in "ABCDEF") + '</row>').encode())
            w.write(b'</sheetData></worksheet>')
print("csv %.1f MB, xlsx %.1f MB" % (os.path.getsize(os.path.join(work, "big.csv")) / 1e6, os.path.getsize(os.path.join(work, "big.xlsx")) / 1e6))
PY
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
start() {
  SHEETSMITH_DB_URL="jdbc:h2:file:$work/db$1" SHEETSMITH_FILES_DIR="$work/files$1" CELLS=$2 \
    java -Xmx"$heap" -XX:+ExitOnOutOfMemoryError -jar "$jar" server "$work/config.yml" > "$work/server$1.log" 2>&1 &
  server=$!
  for _ in $(seq 1 90); do curl -fsS -o /dev/null http://127.0.0.1:9481/healthcheck 2>/dev/null && break; sleep 1; done
}
heap_used() {
  curl -fsS http://127.0.0.1:9481/metrics 2>/dev/null | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["gauges"]["jvm.memory.heap.used"]["value"]))' 2>/dev/null || echo 0
}
settled() { curl -fsS -X POST http://127.0.0.1:9481/tasks/gc >/dev/null 2>&1 || true; sleep 1; echo $(( $(heap_used) / 1048576 )); }
measure() { # label, curl arguments...
  local label=$1; shift
  local before; before=$(settled)
  curl -sS -o "$work/answer" -w '%{http_code}' http://127.0.0.1:9480/api/files "$@" > "$work/status" &
  local client=$! max=0 used
  while kill -0 $client 2>/dev/null; do
    used=$(heap_used); [ "$used" -gt "$max" ] && max=$used; sleep 0.1
  done
  wait $client || true
  echo "$label: HTTP $(cat "$work/status"); heap before $before MiB, highest sample $((max / 1048576)) MiB, after $(settled) MiB (-Xmx$heap)"
  echo "  answer: $(head -c 300 "$work/answer")"
}
echo "heap -Xmx$heap"
start 1 100000
measure "csv ~100 MB, multipart" -F "file=@$work/big.csv;type=text/csv"
measure "csv ~100 MB, raw body" -H 'Content-Type: text/csv' -H 'X-Filename: big.csv' --data-binary "@$work/big.csv"
kill $server; wait $server 2>/dev/null || true
start 2 10000000
measure "xlsx ~50 MB (4,320,000 cells), raw body" -H 'Content-Type: application/octet-stream' -H 'X-Filename: big.xlsx' --data-binary "@$work/big.xlsx"
measure "xlsx ~50 MB (4,320,000 cells), multipart" -F "file=@$work/big.xlsx"
if kill -0 $server 2>/dev/null; then echo "server: alive"; else echo "server: GONE"; fi
grep -c "OutOfMemoryError" "$work/server2.log" "$work/server1.log" | sed 's/^/OutOfMemoryError lines: /' || true
