#!/usr/bin/env bash
# Issue #17 item 2: "100 cells written into / 100 rows appended to a ROWS x 10 workbook" (and 100 rows
# inserted / deleted at row 10, 2 columns inserted / deleted at B, "name" replaced over column B: every row's text), next to the
# deflate floor for that sheet, in one run, each step in its own JVM (bench/StreamEdits.java) with its
# peak heap. For each engine given (label=path of a source tree with engine-xlsx compiled), the edits run
# with HEAP (default 256m: the target); the floor and the workbook are made once.
# Usage: bench/stream-edits.sh [ROWS] [COLS]               (default 1,000,000 x 10)
#   TREES="before=/tmp/base after=." HEAP_before=4g bench/stream-edits.sh 200000 10
#   a tree is compiled with: mvn -B -o -q -pl engine-xlsx -am compile (never install)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}; cols=${2:-10}
trees=${TREES:-after=.}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "stream edits, $rows x $cols, $(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
classpath() { # the engine's class path in a source tree: its modules' classes and the jars from ~/.m2
  (cd "$1" && mvn -B -o -q -pl engine-xlsx -am compile dependency:build-classpath -Dmdep.outputFile="$work/cp-$2.txt" >/dev/null)
  echo "$1/engine-xlsx/target/classes:$1/domain/target/classes:$1/ports/target/classes:$1/spi/target/classes:$(cat "$work/cp-$2.txt")"
}
first=${trees%% *}; first_cp=$(classpath "${first#*=}" gen)
java -Xmx1g -cp "$first_cp" bench/StreamEdits.java gen "$rows" "$cols" "$work/book.xlsx"
echo "workbook: $(stat -c %s "$work/book.xlsx") bytes stored"
java -Xmx2g -cp "$first_cp" bench/StreamEdits.java floor "$work/book.xlsx" | sed 's/^/anchor | /'
for entry in $trees; do
  label=${entry%%=*}; tree=${entry#*=}
  cp=$(classpath "$tree" "$label")
  heapvar="HEAP_$label"; heap=${!heapvar:-${HEAP:-256m}}
  for what in ${EDITS:-write append insert delete insertcols deletecols replace}; do
    if ! java -Xmx"$heap" -cp "$cp" bench/StreamEdits.java "$what" "$work/book.xlsx" 2>"$work/err" | sed "s/^/$label -Xmx$heap | /"; then
      echo "$label -Xmx$heap | $what failed: $(grep -m1 -o 'OutOfMemoryError[^$]*' "$work/err" || tail -1 "$work/err")"
    fi
  done
done
