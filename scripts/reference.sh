#!/usr/bin/env bash
# The main job on the built-in reference platform: synthesize it (GitOps tree, CDK cloud
# assembly, CI workflows) into out/, then check the GitOps tree with Slipway's checker
# against Kubernetes 1.35 and the CRDs of the pinned add-on versions.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent build
node dist/cli/main.js synth --out out
crds=(--platform-crds)
# External Secrets' CRDs are not served by any package registry (see docs/check.md);
# use the upstream copy beside the repository when it is there.
if [ -d ../shared/crds/external-secrets ]; then crds+=(--crds ../shared/crds/external-secrets); fi
node dist/cli/main.js check out/gitops "${crds[@]}"

# Run it on a real local control plane (built on first use); `slipway down` stops it.
up_crds=()
if [ -d ../shared/crds/external-secrets ]; then up_crds+=(--crds ../shared/crds/external-secrets); fi
node dist/cli/main.js up --local "${up_crds[@]}"
