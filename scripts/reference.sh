#!/usr/bin/env bash
# The main job on the built-in reference platform: synthesize it (GitOps tree, CDK cloud
# assembly, CI workflows) into out/, then check the GitOps tree with Slipway's checker
# against the reference cluster's Kubernetes 1.35 and the CRDs of the pinned add-on versions.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent build
node dist/cli/main.js synth --out out
# The pinned add-ons' CRDs are bundled (src/generated/platform-crds.json): no flag needed.
node dist/cli/main.js check out/gitops --k8s-version 1.35

# Run it on a real local control plane (built on first use); `slipway down` stops it.
up_crds=()
if [ -d ../shared/crds/external-secrets ]; then up_crds+=(--crds ../shared/crds/external-secrets); fi
node dist/cli/main.js up --local "${up_crds[@]}"
