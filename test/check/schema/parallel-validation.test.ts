import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkManifests } from "../../../src/check/check.js";
import { parseSource } from "../../../src/check/load/parse-source.js";
import { customResourceVersions } from "../../../src/check/schema/custom-resource-schemas.js";
import { slices } from "../../../src/check/load/parallel-parse.js";
import { validateSchemasInWorkers, validationWorkers, WORKER_THRESHOLD } from "../../../src/check/schema/parallel-validation.js";
import { platformCrds } from "../../../src/check/schema/platform-crds.js";
import { validateSchemas } from "../../../src/check/schema/validate-schemas.js";
import { apiValidationFindings, refusedObjects } from "../../../src/check/schema/api-validation.js";
import { isDeprecatedOrRemoved } from "../../../src/check/deprecations/deprecation-rules.js";

/** A stream of valid and broken objects of built-in and custom kinds, each broken one with a field line to find. */
function corpus(copies: number): string {
  const documents: string[] = [];
  for (let index = 0; index < copies; index++) {
    documents.push(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${index}\n  namespace: prod\ndata:\n  a: "1"\n`);
    documents.push(`apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d${index}\n  namespace: prod\nspec:\n  replicas: ${index % 7 === 0 ? '"two"' : 2}\n  selector:\n    matchLabels: {app: d}\n  template:\n    metadata:\n      labels: {app: d}\n    spec:\n      containers:\n        - name: c\n          image: c:1\n${index % 5 === 0 ? "          imagePullPolicyy: Always\n" : ""}`);
    documents.push(`apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata:\n  name: p${index}\nspec:\n  template:\n    spec:\n      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}\n      requirements: []\n${index % 3 === 0 ? "  weight: 1000\n" : ""}`);
    documents.push(`apiVersion: example.com/v1\nkind: Unknown\nmetadata:\n  name: u${index}\n`);
    // What the API server refuses beyond the schema: a built-in kind's and a custom resource's (once its CRD is known).
    if (index % 6 === 1) {
      documents.push(`apiVersion: v1\nkind: Service\nmetadata:\n  name: s${index}\n  namespace: prod\n  labels:\n    "bad key/x/y": v\nspec:\n  selector: {app: d}\n  ports:\n    - name: Web_Port\n      port: 80\n`);
      documents.push(`apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata:\n  name: P_${index}\nspec:\n  template:\n    spec:\n      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}\n      requirements: []\n`);
    }
  }
  return documents.join("---\n");
}

describe("schema validation on worker threads", () => {
  it.each([
    { objects: 0, environment: {}, expected: 0 },
    { objects: WORKER_THRESHOLD - 1, environment: {}, expected: 0 },
    { objects: WORKER_THRESHOLD, environment: {}, expected: Math.max(1, availableParallelism() - 1) },
    { objects: 10, environment: { SLIPWAY_CHECK_WORKERS: "3" }, expected: 3 },
    { objects: 2, environment: { SLIPWAY_CHECK_WORKERS: "3" }, expected: 2 },
    { objects: 100_000, environment: { SLIPWAY_CHECK_WORKERS: "0" }, expected: 0 },
    { objects: 100_000, environment: { SLIPWAY_CHECK_WORKERS: "lots" }, expected: Math.max(1, availableParallelism() - 1) },
  ])("GIVEN $objects objects and $environment WHEN workers are counted THEN $expected", ({ objects, environment, expected }) => {
    expect(validationWorkers(objects, environment)).toBe(expected);
  });

  it.each([
    { items: 10, parts: 3, expected: [3, 3, 4] },
    { items: 2, parts: 4, expected: [1, 1] },
    { items: 0, parts: 2, expected: [] },
  ])("GIVEN $items items in $parts parts WHEN sliced THEN contiguous slices of $expected, in order", ({ items, parts, expected }) => {
    const list = Array.from({ length: items }, (_, index) => index);
    const result = slices(list, parts);
    expect(result.map((slice) => slice.length)).toEqual(expected);
    expect(result.flat()).toEqual(list);
  });

  it("GIVEN built-in, custom and unknown kinds with errors WHEN validated on 1, 2 and 3 workers THEN the same findings, lines and order as on the main thread", async () => {
    const parsed = parseSource(corpus(40), "corpus.yaml");
    const kinds = new Set(["karpenter.sh/NodePool", "example.com/Unknown"]);
    const customResources = customResourceVersions(platformCrds(kinds), "1.35");
    const sequential = validateSchemas(parsed.objects, { kubernetesVersion: "1.35", customResources, isReportedElsewhere: (object) => isDeprecatedOrRemoved(object, "1.35") });
    expect(new Set(sequential.map((finding) => finding.ruleId))).toEqual(new Set(["schema", "unknown-kind"]));
    // Field lines come from the text, which the workers get with the objects.
    expect(sequential).toContainEqual(expect.objectContaining({ object: "NodePool p0", message: "spec.weight: must be <= 100", line: 36 }));
    expect(sequential).toContainEqual(expect.objectContaining({ ruleId: "schema", object: "Deployment prod/d0", message: 'unknown field "spec.template.spec.containers[0].imagePullPolicyy"', line: 25 }));
    for (const workers of [1, 2, 3]) {
      expect(await validateSchemasInWorkers(parsed.objects, { kubernetesVersion: "1.35", customResources }, workers)).toEqual({ findings: sequential, apiFindings: [] });
    }
  }, 60_000);

  it("GIVEN objects the API server refuses WHEN validated on 1, 2 and 3 workers with apiValidation THEN the API server validation's findings of the main thread, field lines and order included", async () => {
    const parsed = parseSource(corpus(40), "corpus.yaml");
    const customResources = customResourceVersions(platformCrds(new Set(["karpenter.sh/NodePool"])), "1.35");
    const sequential = apiValidationFindings(refusedObjects(parsed.objects, (key) => customResources.get(key)?.served === true));
    // Built-in and custom kinds, found at the field's line, not the object's.
    expect(sequential).toContainEqual(expect.objectContaining({ object: "Service prod/s1", line: 89, message: expect.stringContaining('metadata.labels: Invalid value: "bad key/x/y"') }));
    expect(sequential).toContainEqual(expect.objectContaining({ object: "Service prod/s1", line: 93, message: expect.stringContaining('spec.ports[0].name: Invalid value: "Web_Port"') }));
    expect(sequential).toContainEqual(expect.objectContaining({ object: "NodePool P_1", line: 99, message: expect.stringContaining('metadata.name: Invalid value: "P_1"') }));
    const schema = validateSchemas(parsed.objects, { kubernetesVersion: "1.35", customResources, isReportedElsewhere: (object) => isDeprecatedOrRemoved(object, "1.35") });
    for (const workers of [1, 2, 3]) {
      expect(await validateSchemasInWorkers(parsed.objects, { kubernetesVersion: "1.35", customResources, apiValidation: true }, workers)).toEqual({ findings: schema, apiFindings: sequential });
    }
  }, 60_000);

  it("GIVEN a folder WHEN checked with workers forced and with none THEN byte-identical results", async () => {
    const root = mkdtempSync(join(tmpdir(), "slipway-parallel-"));
    mkdirSync(join(root, "a"));
    writeFileSync(join(root, "a", "one.yaml"), corpus(15));
    writeFileSync(join(root, "two.yaml"), corpus(9));
    const run = async (workers: string) => {
      const previous = process.env.SLIPWAY_CHECK_WORKERS;
      process.env.SLIPWAY_CHECK_WORKERS = workers;
      try {
        return JSON.stringify(await checkManifests(["."], { cwd: root, kubernetesVersion: "1.35" }));
      } finally {
        if (previous === undefined) delete process.env.SLIPWAY_CHECK_WORKERS;
        else process.env.SLIPWAY_CHECK_WORKERS = previous;
      }
    };
    const sequential = await run("0");
    expect(sequential).toContain('"ruleId":"schema"');
    expect(sequential).toContain('"ruleId":"api-validation"');
    expect(await run("2")).toBe(sequential);
  }, 60_000);
});
