#!/usr/bin/env bash
# Issue #17's figures in one run, side by side with their anchors:
#   - anchors in-process: the deflate floor (sheet XML + java.util.zip) and raw POI SXSSF for ROWS x COLS,
#     openpyxl (Debian's python3-openpyxl) when it is installed;
#   - for each server jar given (a fresh server per jar): create_excel_file ROWS x COLS (after a warm-up create of a
#     tenth of the size, as the SXSSF anchor is warmed up; NO_WARMUP=1 times the first create), then describe_workbook
#     (the first one DESCRIBE_AFTER=5 s after the create, as an assistant's next call; 0 times it at once),
#     describe_sheet, read_range (2,000 cells, the middle then random places) and find_cells (every row searched),
#     cold and warm (bench/Reads.java); then on that workbook write_range of 100 cells, append_rows of 100 rows and
#     one design edit, format_range (bench/Edits.java); then the Open-WebUI message (initialize, initialized,
#     tools/list, DELETE) serial and with 50 clients, its server CPU, and a 10-row create (bench/McpMessages.java,
#     with Accept-Encoding: gzip, deflate as httpx sends it). Each figure with the load average and the server's
#     heap and RSS after it; a figure an older jar cannot give prints "failed" and the run goes on;
#   - the ratios of each figure between the jars (the first jar is the reference); create_excel_file also / the
#     deflate floor and / raw SXSSF.
# Usage: bench/run.sh [ROWS] [COLS]                  (default 1,000,000 x 10)
#   JARS="before=/tmp/base/server/target/sheetsmith.jar after=server/target/sheetsmith.jar" bench/run.sh 1000000 10
#   builds: mvn -B -q -pl server -am package -DskipTests (never install); JAVA_OPTS for the servers (e.g. -Xmx4g).
#   each jar runs with the config.yml of its tree (JAR/../../config.yml), else CONFIG_<label>=file, else ./config.yml.
# Knobs: SKIP_OPENPYXL=1, SKIP_READS=1 (the create stays: the edits need it), SKIP_EDITS=1, SKIP_MESSAGES=1;
#   MSG_CLIENTS (50), MSG_SECONDS (20, the concurrent phase), MSG_WARMUP (20: at least that many seconds, then until the server's JIT
#   threads settle, as McpMessages does: on 2 cores C2 compiles for about a minute of this traffic),
#   MSG_ACCEPT_ENCODING ("gzip, deflate"; empty sends none), SHEETSMITH_API_KEY (sent by the message bench).
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}; cols=${2:-10}
# Debian's python3-openpyxl lives under the system python, which a pyenv or venv python3 on PATH does not see
pyxl=python3; [ -x /usr/bin/python3 ] && pyxl=/usr/bin/python3
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
if [ -n "${SKIP_OPENPYXL:-}" ]; then
  :
elif "$pyxl" -c 'import openpyxl' 2>/dev/null; then
  "$pyxl" - "$rows" "$cols" <<'EOF' | tee -a "$out"
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
  cvar="CONFIG_$label"; [ -n "${!cvar:-}" ] && config=${!cvar}
  sed -e 's/maxCellsPerCall: .*/maxCellsPerCall: 100000000/' -e 's/maxRequestBytes: .*/maxRequestBytes: 2000000000/' \
      -e 's/requestTimeout: .*/requestTimeout: 30 minutes/' -e "s/port: \${SHEETSMITH_PORT:-9080}/port: $port/" \
      -e "s/port: \${SHEETSMITH_ADMIN_PORT:-9081}/port: $admin/" "$config" > "$dir/config.yml"
  SHEETSMITH_DB_URL="jdbc:h2:file:$dir/db" SHEETSMITH_FILES_DIR="$dir/files" \
    java ${JAVA_OPTS:-} -jar "$jar" server "$dir/config.yml" > "$dir/server.log" 2>&1 &
  pid=$!; servers+=("$pid")
  up=""
  for _ in $(seq 1 120); do
    curl -fsS -o /dev/null "http://127.0.0.1:$admin/healthcheck" 2>/dev/null && { up=1; break; }
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  if [ -z "$up" ]; then
    printf '%-8s | %-42s | failed: the server did not start\n' "$label" "server" | tee -a "$out"
    tail -n 20 "$dir/server.log"; kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; continue
  fi
  mcp="http://127.0.0.1:$port/mcp"; adm="http://127.0.0.1:$admin"
  java bench/Reads.java "$mcp" "$adm" "$pid" "$label" "$rows" "$cols" \
    | tee -a "$out" || { echo "$label: the read bench failed; server log:"; tail -n 30 "$dir/server.log"; }
  if [ -z "${SKIP_EDITS:-}" ]; then
    java bench/Edits.java "$mcp" "$adm" "$pid" "$label" "$rows" "$cols" \
      | tee -a "$out" || echo "$label: the edit bench failed"
  fi
  if [ -z "${SKIP_MESSAGES:-}" ]; then
    enc=${MSG_ACCEPT_ENCODING-"gzip, deflate"}
    if ( [ -n "$enc" ] && export ACCEPT_ENCODING="$enc"; WARMUP_SECONDS=${MSG_WARMUP:-20} \
        java bench/McpMessages.java "$mcp" "${MSG_CLIENTS:-50}" "${MSG_SECONDS:-20}" "$pid" ) > "$dir/messages.txt" 2>&1; then
      sed 's/^/  /' "$dir/messages.txt"
    else
      sed 's/^/  /' "$dir/messages.txt" | tail -n 5
    fi
    heap=$(curl -fsS "$adm/metrics" 2>/dev/null | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["gauges"]["jvm.memory.heap.used"]["value"])//1048576)' 2>/dev/null || echo -1)
    rss=$(awk '/^VmRSS:/{print int($2/1024)}' "/proc/$pid/status" 2>/dev/null || echo -1)
    python3 - "$dir/messages.txt" "$label" "$heap" "$rss" <<'EOF' | tee -a "$out"
import sys, re
text = open(sys.argv[1]).read()
label, heap, rss = sys.argv[2], sys.argv[3], sys.argv[4]
load = open("/proc/loadavg").read().split()[0]
tail = "load %5s | heap %5s MiB | RSS %5s MiB (after the messages)" % (load, heap, rss)
def row(what, value, unit):
    if value is None:
        print("%-8s | %-42s | failed" % (label, what))
    else:
        print("%-8s | %-42s | %9s %-5s%-12s | %s" % (label, what, value, unit, "", tail))
def find(pattern, group=1):
    m = re.search(pattern, text)
    return m.group(group) if m else None
clients = find(r"(\d+) clients, [\d.]+ s:") or "N"
row("tools/list size", find(r"tools/list: (\d+) bytes"), "bytes")
row("tools/list on the wire", find(r"came back \S+, (\d+) bytes on the wire") or find(r"tools/list: (\d+) bytes"), "bytes")
row("message serial init+list p50", find(r"init\+list p50 ([\d.]+) ms"), "ms")
row("message serial init+list p99", find(r"init\+list p50 [\d.]+ ms p99 ([\d.]+) ms"), "ms")
row("message serial whole p50", find(r"whole message p50 ([\d.]+) ms"), "ms")
row("message serial server CPU / message", find(r"server CPU, serial: ([\d.]+) ms"), "ms")
row("message %s clients throughput" % clients, find(r"clients, [\d.]+ s: (\d+) messages/s"), "msg/s")
row("message %s clients p50" % clients, find(r"messages/s, p50 ([\d.]+) ms"), "ms")
row("message %s clients p99" % clients, find(r"messages/s, p50 [\d.]+ ms p99 ([\d.]+) ms"), "ms")
row("message %s clients server CPU / message" % clients, find(r"server CPU, \d+ clients: ([\d.]+) ms"), "ms")
row("message %s clients bench client CPU / message" % clients, find(r"client CPU, \d+ clients: ([\d.]+) ms"), "ms")
row("create_excel_file 10 rows p50", find(r"create_excel_file, 10 rows, \d+ calls: p50 ([\d.]+) ms"), "ms")
row("create_excel_file 10 rows server CPU / call", find(r"server CPU, create_excel_file: ([\d.]+) ms"), "ms")
EOF
  fi
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
done

echo
echo "ratios: each jar against the first, above 1x is better (times and sizes: first / this; msg/s: this / first);"
echo "        create_excel_file ROWS x COLS also as this / the deflate floor and this / raw SXSSF:"
python3 - "$out" <<'EOF'
import sys, re
rows, order, anchors = {}, [], {}
for line in open(sys.argv[1]):
    parts = [p.strip() for p in line.split("|")]
    if len(parts) < 3:
        continue
    label, what = parts[0], parts[1]
    if parts[2].startswith("failed"):
        if label not in order:
            order.append(label)
        rows.setdefault(what, {})[label] = None
        continue
    m = re.match(r"([0-9.]+) (s|ms|msg/s|bytes)\b", parts[2])
    if not m:
        continue
    value, unit = float(m.group(1)), m.group(2)
    if label == "anchor":
        anchors[what] = value
        continue
    if label not in order:
        order.append(label)
    rows.setdefault(what, {})[label] = (value, unit)
floor = next((v for k, v in anchors.items() if k.startswith("deflate floor")), None)
sxssf = anchors.get("raw POI SXSSF")
for what, by in rows.items():
    cells = []
    ref = by.get(order[0])
    for label in order:
        if label not in by:
            cells.append("%s -" % label)
            continue
        if by[label] is None:
            cells.append("%s failed" % label)
            continue
        value, unit = by[label]
        s = "%s %g %s" % (label, value, unit)
        if ref and label != order[0] and value > 0 and ref[0] > 0:
            ratio = value / ref[0] if unit == "msg/s" else ref[0] / value
            s += " (%.2fx)" % ratio
        cells.append(s)
    if what.startswith("create_excel_file") and " x " in what:
        for name, anchor in (("floor", floor), ("SXSSF", sxssf)):
            if anchor:
                cells.append("/ %s %.3f s: %s" % (name, anchor, ", ".join("%s %.2fx" % (l, by[l][0] / anchor)
                                                                          for l in order if by.get(l))))
    print("  %-44s %s" % (what, " | ".join(cells)))
EOF
