#!/usr/bin/env bash
# Issue #17's figures in one run, side by side with their anchors:
#   - anchors in-process: the deflate floor (sheet XML + java.util.zip) and raw POI SXSSF for ROWS x COLS,
#     openpyxl (Debian's python3-openpyxl) when it is installed;
#   - for each server jar given: create_excel_file ROWS x COLS, then describe_workbook, describe_sheet,
#     read_range (2,000 cells, the middle then random places) and find_cells (every row searched), cold and warm,
#     each with the load average and the server's heap and RSS after it (bench/Reads.java);
#   - the ratios of each figure between the jars (the first jar is the reference) and to the floor.
# Usage: bench/run.sh [ROWS] [COLS]                  (default 1,000,000 x 10)
#   JARS="before=/tmp/base/server/target/sheetsmith.jar after=server/target/sheetsmith.jar" bench/run.sh 1000000 10
#   builds: mvn -B -q -pl server -am package -DskipTests (never install); JAVA_OPTS for the servers (e.g. -Xmx4g).
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}; cols=${2:-10}
jars=${JARS:-after=server/target/sheetsmith.jar}
work=$(mktemp -d)
servers=()
cleanup() { for p in "${servers[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
out="$work/figures.txt"
echo "issue #17 figures, $rows x $cols, $(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

# anchors (POI from engine-xlsx's class path, resolved offline from ~/.m2)
cp=""
if mvn -B -o -q -pl engine-xlsx dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null 2>&1; then
  cp=$(cat "$work/cp.txt")
fi
java bench/Anchors.java "$rows" "$cols" | tee -a "$out"
if [ -n "$cp" ]; then
  java -cp "$cp" bench/AnchorSxssf.java "$rows" "$cols" 2>/dev/null | tee -a "$out"
else
  echo "anchor   | raw POI SXSSF: could not resolve POI's class path offline" | tee -a "$out"
fi
if python3 -c 'import openpyxl' 2>/dev/null; then
  python3 - "$rows" "$cols" <<'EOF' | tee -a "$out"
import sys, time, os, tempfile
from openpyxl import Workbook
rows, cols = int(sys.argv[1]), int(sys.argv[2])
t0 = time.time()
wb = Workbook(write_only=True); ws = wb.create_sheet("Sheet1")
ws.append(["col%d" % c for c in range(cols)])
for r in range(rows):
    ws.append([(r, "name %d" % r, r * 0.25, r % 2 == 0)[c % 4] for c in range(cols)])
f = tempfile.mktemp(suffix=".xlsx"); wb.save(f); os.remove(f)
print("anchor   | %-42s | %9.3f s | load %5s |" % ("openpyxl write_only", time.time() - t0, open("/proc/loadavg").read().split()[0]))
EOF
else
  echo "anchor   | openpyxl: not installed (apt-get install python3-openpyxl)" | tee -a "$out"
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
for entry in $jars; do
  label=${entry%%=*}; jar=${entry#*=}
  dir="$work/$label"; mkdir -p "$dir"
  port=$(free_port); admin=$(free_port)
  # each jar with the config.yml of its own tree (an older jar refuses keys it does not know)
  config="$(dirname "$jar")/../../config.yml"; [ -f "$config" ] || config=config.yml
  sed -e 's/maxCellsPerCall: .*/maxCellsPerCall: 100000000/' -e 's/maxRequestBytes: .*/maxRequestBytes: 2000000000/' \
      -e 's/requestTimeout: .*/requestTimeout: 30 minutes/' -e "s/port: \${SHEETSMITH_PORT:-9080}/port: $port/" \
      -e "s/port: \${SHEETSMITH_ADMIN_PORT:-9081}/port: $admin/" "$config" > "$dir/config.yml"
  SHEETSMITH_DB_URL="jdbc:h2:file:$dir/db" SHEETSMITH_FILES_DIR="$dir/files" \
    java ${JAVA_OPTS:-} -jar "$jar" server "$dir/config.yml" > "$dir/server.log" 2>&1 &
  pid=$!; servers+=("$pid")
  for _ in $(seq 1 120); do curl -fsS -o /dev/null "http://127.0.0.1:$admin/healthcheck" 2>/dev/null && break; sleep 1; done
  java bench/Reads.java "http://127.0.0.1:$port/mcp" "http://127.0.0.1:$admin" "$pid" "$label" "$rows" "$cols" \
    | tee -a "$out" || { echo "$label: the bench failed; server log:"; tail -n 30 "$dir/server.log"; }
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
done

echo
echo "ratios (the first jar's figure / each jar's; create_excel_file also / the deflate floor):"
python3 - "$out" <<'EOF'
import sys, re
rows = {}
order = []
floor = None
for line in open(sys.argv[1]):
    parts = [p.strip() for p in line.split("|")]
    if len(parts) < 3:
        continue
    label, what = parts[0], parts[1]
    m = re.match(r"([0-9.]+) s", parts[2])
    if not m:
        continue
    t = float(m.group(1))
    if label == "anchor":
        if what.startswith("deflate floor"):
            floor = t
        continue
    if label not in order:
        order.append(label)
    rows.setdefault(what, {})[label] = t
for what, by in rows.items():
    cells = []
    ref = by.get(order[0])
    for label in order:
        if label in by:
            s = "%s %.3f s" % (label, by[label])
            if ref and label != order[0] and by[label] > 0:
                s += " (%.1fx faster)" % (ref / by[label])
            cells.append(s)
    if what.startswith("create_excel_file") and floor:
        cells.append("floor %.3f s (%s)" % (floor, ", ".join("%s %.1fx" % (l, by[l] / floor) for l in order if l in by)))
    print("  %-42s %s" % (what, " | ".join(cells)))
EOF
