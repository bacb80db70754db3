#!/usr/bin/env bash
# Starts (or stops) S3Proxy, a real S3 API server with a filesystem backend, on 127.0.0.1:9380 for the
# tests. Its jars come from Maven Central (org.gaul:s3proxy) through .ci/s3proxy/pom.xml.
# Usage: .ci/s3proxy.sh start DIR | .ci/s3proxy.sh stop DIR      Prints the endpoint on start.
set -euo pipefail
action=${1:?start or stop}; dir=${2:?work folder}
here=$(cd "$(dirname "$0")" && pwd)
case "$action" in
  start)
    mkdir -p "$dir/blobs"
    mvn -B -q -f "$here/s3proxy/pom.xml" dependency:copy-dependencies -DoutputDirectory="$dir/lib" >&2
    cat > "$dir/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:9380
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=sheetsmith
s3proxy.credential=sheetsmith-test-secret
jclouds.provider=filesystem
jclouds.filesystem.basedir=$dir/blobs
CONF
    java -cp "$dir/lib/*" org.gaul.s3proxy.Main --properties "$dir/s3proxy.conf" > "$dir/s3proxy.log" 2>&1 &
    echo $! > "$dir/pid"
    for _ in $(seq 1 60); do
      curl -s -o /dev/null http://127.0.0.1:9380/ && break
      kill -0 "$(cat "$dir/pid")" 2>/dev/null || { tail -n 20 "$dir/s3proxy.log" >&2; exit 1; }
      sleep 1
    done
    echo "http://127.0.0.1:9380"
    ;;
  stop)
    [ -f "$dir/pid" ] && kill "$(cat "$dir/pid")" 2>/dev/null || true
    ;;
esac
