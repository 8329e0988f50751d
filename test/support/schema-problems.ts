/**
 * Schema problems of generated objects, found exactly as `slipway check` finds them:
 * built-in kinds against Kubernetes' schemas of the target version, custom resources
 * against the upstream CRDs. One line per finding, so a failure shows every problem.
 */
import { validateObjects } from "../../src/check/check.js";
import type { KubeObject } from "../../src/manifest/kube-object.js";
import { upstreamCrdDirectories } from "./crds.js";

let crdDirectories: Promise<string[]> | undefined;

export async function schemaProblems(objects: readonly KubeObject[]): Promise<string[]> {
  crdDirectories ??= upstreamCrdDirectories();
  const findings = await validateObjects(objects, { crdDirectories: await crdDirectories });
  // Info findings are notes, not problems: CEL rules the checker cannot evaluate
  // (test/check/schema/cel-validations.test.ts pins them).
  return findings.filter((finding) => finding.severity !== "info").map((finding) => `${finding.ruleId} ${finding.object ?? ""}: ${finding.message}`);
}
