/**
 * The checker and a kustomize that cannot run: the check fails with TOOL_UNAVAILABLE and
 * reports no "kustomize" finding, since nothing is wrong with the user's files. A file of
 * its own because kustomize is resolved once per process (vitest runs each file in its own
 * process) and this one names a broken kustomize through SLIPWAY_KUSTOMIZE before the first
 * resolution.
 */
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadInputs } from "../../../src/check/load/load-inputs.js";

const work = mkdtempSync(join(tmpdir(), "slipway-kustomize-failure-"));
const kustomize = join(work, "kustomize");
// Answers the version probe like kustomize v5, then crashes like a binary built for another CPU would.
writeFileSync(kustomize, '#!/bin/sh\nif [ "$1" = version ]; then echo v5.7.1; exit 0; fi\nkill -SEGV $$\n');
chmodSync(kustomize, 0o755);
process.env.SLIPWAY_KUSTOMIZE = kustomize;

describe("loadInputs with a kustomize that cannot run", () => {
  it("GIVEN a valid kustomization and a crashing kustomize WHEN loaded THEN TOOL_UNAVAILABLE, not a kustomize finding", async () => {
    const root = mkdtempSync(join(work, "tree-"));
    writeFileSync(join(root, "kustomization.yaml"), "resources:\n  - cm.yaml\n");
    writeFileSync(join(root, "cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n");
    await expect(loadInputs([root], { cwd: root })).rejects.toMatchObject({ code: "TOOL_UNAVAILABLE", where: kustomize });
  });
});
