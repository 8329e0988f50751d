#!/usr/bin/env bash
# The main job on the built-in reference platform: synthesize it (GitOps tree, CDK cloud
# assembly, CI workflows) into out/, then check the GitOps tree with Slipway's checker
# against the reference cluster's Kubernetes 1.35 and the CRDs of the pinned add-on versions.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent build
# Charts: pulled from the pinned repositories into ~/.cache/slipway/charts when online.
# Offline, a Helm repository folder serves them: ../shared/charts beside the repository
# when it is there (what this project's CI machine has), unless SLIPWAY_CHARTS says otherwise.
if [ -z "${SLIPWAY_CHARTS:-}" ] && [ -f ../shared/charts/index.yaml ]; then export SLIPWAY_CHARTS="$PWD/../shared/charts"; fi
node dist/cli/main.js synth --out out
# The pinned add-ons' CRDs are bundled (src/generated/platform-crds.json): no flag needed.
# The charts the Applications install are rendered and checked with the rest.
node dist/cli/main.js check out/gitops --k8s-version 1.35

# Run it on a real local control plane (built on first use); `slipway down` stops it.
up_crds=()
if [ -d ../shared/crds/external-secrets ]; then up_crds+=(--crds ../shared/crds/external-secrets); fi
node dist/cli/main.js up --local "${up_crds[@]}"
