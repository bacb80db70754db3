#!/usr/bin/env bash
# The container image, built and run with podman as an operator would (.ci/run calls this after the
# outside checks; runnable alone after `mvn -B package`).
#
# No registry is reachable here, so the base images are made locally (mmdebstrap from the Debian
# mirror apt already uses, then `podman import`) and kept between runs under fixed local tags. The
# image is built from the jar CI already packaged (Dockerfile target `prebuilt`); the default
# multi-stage path builds the same runtime stage from source.
#
# Then: a volume and ports 19080/19081 on 127.0.0.1; the first admin key is created in the volume
# with a one-off container (the documented first run); mcp-smoke runs with that key; a file is made,
# the container restarted, and the file must still be there. Containers and volumes are removed.
set -euo pipefail
cd "$(dirname "$0")/.."

image=${SHEETSMITH_IMAGE:-localhost/sheetsmith:ci}
jre_base=localhost/sheetsmith-base-jre:bookworm
app_port=19080 admin_port=19081
name=sheetsmith-ci-$$ volume=sheetsmith-ci-data-$$

need() { command -v "$1" >/dev/null 2>&1; }
if ! need podman || ! need runc || ! need mmdebstrap || ! need curl; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman runc mmdebstrap curl >/dev/null
fi
# crun refuses this machine's cgroup layout, and podman's default ulimits exceed the hard ones.
conf=/etc/containers/containers.conf
if ! grep -qs '^runtime = "runc"' "$conf"; then
  mkdir -p /etc/containers
  if [ -s "$conf" ]; then cp "$conf" "$conf.before-sheetsmith"; fi
  cat >"$conf" <<'CONF'
# Written by Sheetsmith's .ci/container.sh
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
runtime = "runc"
CONF
fi

# The base image: Debian bookworm with a headless JRE 17, from the mirror apt uses.
mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null | grep -v '^ *#' \
  | grep -o -E 'https?://[^ ]+/debian/?( |$)' | grep -v security | head -n 1 | tr -d ' ' || true)
mirror=${mirror:-http://deb.debian.org/debian}
make_base() { # tag, packages
  local tag=$1 pkgs=$2 dir
  podman image exists "$tag" && return 0
  dir=$(mktemp -d)
  echo "making base image $tag from $mirror ($pkgs)"
  mmdebstrap --quiet --variant=apt --include="$pkgs" --aptopt='APT::Install-Recommends "false"' \
    --customize-hook='chroot "$1" apt-get clean' --customize-hook='rm -rf "$1"/var/lib/apt/lists/*' \
    bookworm "$dir/rootfs.tar" "$mirror"
  podman import --change 'CMD ["/bin/bash"]' "$dir/rootfs.tar" "$tag" >/dev/null
  rm -rf "$dir"
}
make_base "$jre_base" openjdk-17-jre-headless,ca-certificates,curl
if [ "${1:-}" = "base" ]; then exit 0; fi

version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)
# `.ci/container.sh from-source`: the Dockerfile's default path (Maven stage, then the JRE), on a
# local build base; ~/.m2 is lent to the build stage as an overlay (its writes are thrown away).
if [ "${1:-}" = "from-source" ]; then
  build_base=localhost/sheetsmith-base-build:bookworm
  make_base "$build_base" openjdk-17-jdk-headless,maven,ca-certificates
  start=$(date +%s)
  podman build --quiet --pull=never --format docker -v "$HOME/.m2:/root/.m2:O" \
    --build-arg BUILD_BASE="$build_base" --build-arg BASE="$jre_base" --build-arg VERSION="$version" \
    -t "$image" . >/dev/null
  echo "image $image built from source in $(( $(date +%s) - start )) s"
  exit 0
fi

if [ ! -f server/target/sheetsmith.jar ]; then echo "server/target/sheetsmith.jar missing: run mvn -B package first"; exit 1; fi
start=$(date +%s)
podman build --quiet --pull=never --format docker --target prebuilt \
  --build-arg BASE="$jre_base" --build-arg VERSION="$version" -t "$image" . >/dev/null
podman image prune -f >/dev/null   # the image this tag named before
echo "image $image built in $(( $(date +%s) - start )) s: $(podman image inspect "$image" --format '{{.Size}}' \
  | awk '{printf "%.0f MB", $1/1e6}'), version label $(podman image inspect "$image" \
  --format '{{index .Config.Labels "org.opencontainers.image.version"}}')"

cleanup() {
  podman rm -f "$name" >/dev/null 2>&1 || true
  podman volume rm -f "$volume" "$volume-nokey" >/dev/null 2>&1 || true
}
trap cleanup EXIT
cleanup
podman volume create "$volume" >/dev/null

# The first run: an admin key in the fresh volume, from a one-off container; a second try creates none.
key=$(podman run --rm --no-healthcheck -v "$volume:/data" "$image" first-admin ops | grep '^ssk_')
again=$(podman run --rm --no-healthcheck -v "$volume:/data" "$image" first-admin ops)
grep -q 'keys exist already' <<<"$again" || { echo "$again"; echo "first-admin made a second key"; exit 1; }
echo "first-admin: made one admin key on a fresh volume, none on a second run"

# Without a key the server must refuse to listen beyond loopback, never open silently.
if podman run --rm --no-healthcheck -v "$volume-nokey:/data" "$image" server >"/tmp/$name-refused.log" 2>&1; then
  echo "the container served with no API key"; exit 1
fi
grep -q 'allowUnauthenticated' "/tmp/$name-refused.log" || { cat "/tmp/$name-refused.log"; echo "no refusal message"; exit 1; }
rm -f "/tmp/$name-refused.log"
echo "no key: the container refuses to serve, naming allowUnauthenticated"


wait_healthy() {
  for _ in $(seq 1 90); do
    curl -fsS -o /dev/null "http://127.0.0.1:$admin_port/healthcheck" 2>/dev/null && return 0
    [ "$(podman inspect -f '{{.State.Running}}' "$name")" = true ] || { podman logs "$name" | tail -n 40; return 1; }
    sleep 1
  done
  podman logs "$name" | tail -n 40; return 1
}
# No systemd here to time the image's HEALTHCHECK: it is run once by hand below instead.
podman run -d --name "$name" --health-interval disable -v "$volume:/data" -p "127.0.0.1:$app_port:9080" -p "127.0.0.1:$admin_port:9081" \
  "$image" >/dev/null
wait_healthy
podman healthcheck run "$name" && echo "image health check: healthy"
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$admin_port/tasks/gc")
echo "admin task through the published admin port: $code"; [ "$code" = 403 ]
metrics=$(curl -fsS "http://127.0.0.1:$admin_port/prometheus")
grep -q '^memory_budget_capacity_bytes ' <<<"$metrics"
echo "Prometheus metrics on the admin port: ok"
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$app_port/mcp" -H 'Content-Type: application/json' -d '{}')
echo "unauthenticated POST /mcp: $code"; [ "$code" = 401 ]

tools=${SHEETSMITH_TOOLS:-../shared/tools}
if [ -x "$tools/mcp-smoke" ]; then
  SHEETSMITH_API_KEY="$key" "$tools/mcp-smoke" "http://127.0.0.1:$app_port/mcp"
else
  echo "$tools/mcp-smoke not found: the MCP smoke test against the container skipped"
fi

# A file made before a restart is there after it (the volume holds the database and the files).
auth=(-H "Authorization: Bearer $key")
curl -fsS "${auth[@]}" -H 'Content-Type: application/json' -d '{"filename": "kept.xlsx", "data": [{"a": 1}]}' \
  "http://127.0.0.1:$app_port/api/tools/create_excel_file" >/dev/null
podman restart "$name" >/dev/null
wait_healthy
files=$(curl -fsS "${auth[@]}" -H 'Content-Type: application/json' -d '{}' "http://127.0.0.1:$app_port/api/tools/list_files")
grep -q '"kept.xlsx"' <<<"$files" || { echo "after the restart: $files"; exit 1; }
echo "after a restart the file made before is still there: kept.xlsx"
echo "container: 1 passed, 0 failed"
