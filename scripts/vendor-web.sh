#!/usr/bin/env bash
# Vendor the dashboard's front-end libraries into marsad/web/static/vendor (committed; the dashboard never loads a CDN).
# Versions are pinned in web-src/package.json and web-src/package-lock.json:
#   d3-array 3.2.4, d3-geo 3.1.1, topojson-client 3.1.0, world-atlas 2.0.2 (all ISC).
# Run from anywhere: scripts/vendor-web.sh   (needs node + npm and the npm registry once; the output is committed)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
src="$root/web-src"
dst="$root/marsad/web/static/vendor"
cd "$src"
npm ci --no-audit --no-fund
mkdir -p "$dst/licenses"
# UMD bundles: d3-array first (d3-geo's UMD reads it from the global d3), then d3-geo, then topojson-client.
cp node_modules/d3-array/dist/d3-array.min.js "$dst/"
cp node_modules/d3-geo/dist/d3-geo.min.js "$dst/"
cp node_modules/topojson-client/dist/topojson-client.min.js "$dst/"
# 50m map: the 110m one has no Bahrain.
cp node_modules/world-atlas/countries-50m.json "$dst/"
for p in d3-array d3-geo topojson-client world-atlas; do
  cp "node_modules/$p/LICENSE" "$dst/licenses/$p.LICENSE"
done
{
  echo "# Vendored front-end files (written by scripts/vendor-web.sh; do not edit)"
  for p in d3-array d3-geo topojson-client world-atlas; do
    echo "$p $(node -p "require('./node_modules/$p/package.json').version") $(node -p "require('./node_modules/$p/package.json').license")"
  done
} > "$dst/VERSIONS.txt"
echo "vendored into $dst"
