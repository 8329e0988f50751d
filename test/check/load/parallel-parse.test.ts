/**
 * Parsing on worker threads: the same objects and findings, in the same order, as the
 * main thread's parse; validation by the workers of what they parsed gives the same
 * findings (field lines included) as validation here; this thread gets every document's
 * text but the CRDs' (for the rules' field lines).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { checkManifests } from "../../../src/check/check.js";
import { isDeprecatedOrRemoved } from "../../../src/check/deprecations/deprecation-rules.js";
import { sourceOf } from "../../../src/check/load/locate-field.js";
import { ParallelParse, PARSE_WORKER_THRESHOLD_BYTES, PARSE_WORKER_YOUNG_GENERATION_MB, parseWorkerOptions, parseWorkers, slicesByBytes, type ManifestFileTask } from "../../../src/check/load/parallel-parse.js";
import { readManifestFile } from "../../../src/check/load/read-manifest-file.js";
import { customResourceVersions, isCustomResourceDefinition, versionsForValidation } from "../../../src/check/schema/custom-resource-schemas.js";
import { validateSchemasByObject } from "../../../src/check/schema/validate-schemas.js";
import { apiValidationFindings, refusedObjects } from "../../../src/check/schema/api-validation.js";
import { crdYaml } from "../../support/crd.js";

const WIDGET_CRD = crdYaml({
  kind: "Widget",
  schema: `type: object
properties:
  spec:
    type: object
    x-kubernetes-validations:
      - rule: "self.minReplicas <= self.maxReplicas"
        message: "minReplicas must not exceed maxReplicas"
    properties:
      minReplicas: {type: integer}
      maxReplicas: {type: integer}
      description:
        type: string
        description: "A description written as kube-prometheus-stack writes them:
          folded over lines, with \\"quotes\\" and an escaped\\
          \\ line break."
`,
});

/** Valid and broken objects of built-in and custom kinds, broken YAML, and a suppression. */
function documents(index: number): string {
  return [
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${index}\n  namespace: prod\ndata:\n  a: "1"\n`,
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d${index}\n  namespace: prod\nspec:\n  replicas: ${index % 3 === 0 ? '"two"' : 2}\n  selector:\n    matchLabels: {app: d}\n  template:\n    metadata:\n      labels: {app: d}\n    spec:\n      containers:\n        - name: c\n          image: c:1\n${index % 2 === 0 ? "          imagePullPolicyy: Always\n" : ""}`,
    `apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w${index}\n  namespace: prod\nspec:\n  minReplicas: ${index % 2 === 0 ? 5 : 1}\n  maxReplicas: 3\n  description: "two\n    lines"\n`,
    index % 4 === 0 ? `apiVersion: v1\nkind: Service\nmetadata: {name: broken\n` : `# slipway:ignore schema -- a test\napiVersion: v1\nkind: Service\nmetadata:\n  name: s${index}\n  namespace: prod\nspec:\n  portss: []\n`,
    // Values JSON cannot carry: such a file comes back from its worker as a clone.
    // A custom resource the API server refuses (its name), once its CRD is known.
    ...(index === 13 ? ["apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: W_13\n  namespace: prod\n  labels:\n    \"bad key/x/y\": v\nspec:\n  minReplicas: 1\n  maxReplicas: 3\n"] : []),
    ...(index === 11 ? ["apiVersion: example.com/v1\nkind: Gauge\nmetadata: {name: g}\nspec: {a: .nan, b: -.inf, c: .inf, d: -0.0, e: 123456789012345678901}\n"] : []),
  ].join("---\n");
}

function folder(files: number): { root: string; tasks: ManifestFileTask[] } {
  const root = mkdtempSync(join(tmpdir(), "slipway-parallel-parse-"));
  mkdirSync(join(root, "nested"));
  writeFileSync(join(root, "crd.yaml"), WIDGET_CRD);
  const tasks: ManifestFileTask[] = [{ path: join(root, "crd.yaml"), file: "crd.yaml", bytes: WIDGET_CRD.length, walked: true }];
  // Helm values: skipped when found in the folder, an error when named as input.
  const values = "replicaCount: 1\nimage:\n  repository: nginx\n";
  writeFileSync(join(root, "values.yaml"), values);
  tasks.push({ path: join(root, "values.yaml"), file: "values.yaml", bytes: values.length, walked: true }, { path: join(root, "values.yaml"), file: "named-values.yaml", bytes: values.length, walked: false });
  for (let file = 0; file < files; file++) {
    const name = join(file % 2 === 0 ? "nested" : ".", `objects-${String(file).padStart(2, "0")}.yaml`);
    const text = Array.from({ length: 3 + (file % 4) }, (_, index) => documents(file * 10 + index)).join("---\n");
    writeFileSync(join(root, name), text);
    tasks.push({ path: join(root, name), file: name, bytes: text.length, walked: true });
  }
  return { root, tasks };
}

const saved = process.env.SLIPWAY_CHECK_WORKERS;
afterEach(() => {
  if (saved === undefined) delete process.env.SLIPWAY_CHECK_WORKERS;
  else process.env.SLIPWAY_CHECK_WORKERS = saved;
});

describe("parse workers", () => {
  it.each([
    { files: 10, bytes: 0, environment: {}, expected: 0 },
    { files: 10, bytes: PARSE_WORKER_THRESHOLD_BYTES - 1, environment: {}, expected: 0 },
    { files: 10, bytes: PARSE_WORKER_THRESHOLD_BYTES, environment: {}, expected: Math.min(availableParallelism(), 10) },
    { files: 1, bytes: 50 * PARSE_WORKER_THRESHOLD_BYTES, environment: {}, expected: 0 },
    { files: 10, bytes: 0, environment: { SLIPWAY_CHECK_WORKERS: "3" }, expected: 3 },
    { files: 2, bytes: 0, environment: { SLIPWAY_CHECK_WORKERS: "3" }, expected: 2 },
    { files: 10, bytes: 50 * PARSE_WORKER_THRESHOLD_BYTES, environment: { SLIPWAY_CHECK_WORKERS: "0" }, expected: 0 },
  ])("GIVEN $files files of $bytes bytes and $environment WHEN workers are counted THEN $expected", ({ files, bytes, environment, expected }) => {
    expect(parseWorkers(files, bytes, environment)).toBe(expected);
  });

  it.each([
    { sizes: [1, 1, 1, 1], parts: 2, expected: [[1, 1], [1, 1]] },
    { sizes: [8, 1, 1, 1, 1], parts: 2, expected: [[8], [1, 1, 1, 1]] },
    { sizes: [1, 1, 8], parts: 2, expected: [[1, 1], [8]] },
    { sizes: [5], parts: 3, expected: [[5]] },
    { sizes: [0, 0, 0], parts: 2, expected: [[0], [0, 0]] },
    { sizes: [], parts: 2, expected: [] },
  ])("GIVEN files of $sizes bytes in $parts parts WHEN sliced THEN contiguous slices $expected, in order, none empty", ({ sizes, parts, expected }) => {
    const items = sizes.map((bytes, index) => ({ bytes, index }));
    const result = slicesByBytes(items, parts);
    expect(result.map((slice) => slice.map((item) => item.bytes))).toEqual(expected);
    expect(result.flat()).toEqual(items);
  });

  it("GIVEN files parsed on 1, 2 and 3 workers WHEN compared with the main thread's parse and validation THEN the same objects, findings and order, and every text here but the CRDs'", async () => {
    const { tasks } = folder(9);
    const sequential = tasks.map((task) => readManifestFile(task.path, task.file, { skipUnrelatedYaml: task.walked }));
    const objects = sequential.flatMap((result) => result.objects);
    expect(sequential.flatMap((result) => result.findings).map((finding) => finding.ruleId)).toContain("parse");
    expect(sequential.flatMap((result) => result.findings).filter((finding) => finding.file.endsWith("values.yaml")).map((finding) => `${finding.file} ${finding.severity}`)).toEqual(["values.yaml info", "named-values.yaml error"]);
    const customResources = customResourceVersions(
      objects.filter((object) => isCustomResourceDefinition(object.document)).map((object) => ({ document: object.document, file: object.file })),
      "1.35",
    );
    const options = { kubernetesVersion: "1.35", customResources, isReportedElsewhere: (object: (typeof objects)[number]) => isDeprecatedOrRemoved(object, "1.35") };
    const expected = validateSchemasByObject(objects, options);
    // A field line, found in the document's text: Deployment d0's replicas.
    expect(expected.flat()).toContainEqual(expect.objectContaining({ object: "Deployment prod/d0", file: join("nested", "objects-00.yaml"), line: 15, message: "spec.replicas: must be integer, got string \"two\"" }));

    // The API server's validation beyond the schema, of built-in and custom kinds, at field lines.
    const api = apiValidationFindings(refusedObjects(objects, (key) => customResources.get(key)?.served === true));
    expect(api).toContainEqual(expect.objectContaining({ object: "Widget prod/W_13", file: "objects-01.yaml", line: 189, message: expect.stringContaining('metadata.labels: Invalid value: "bad key/x/y"') }));
    expect(api).toContainEqual(expect.objectContaining({ object: "Service prod/s10", file: "objects-01.yaml", message: expect.stringContaining("spec.ports: Required value") }));

    for (const [workers, apiValidation] of [[1, false], [2, true], [3, true]] as const) {
      const { results, session } = await ParallelParse.start(tasks, workers, "1.35", apiValidation);
      expect(results).toStrictEqual(sequential);
      const parsed = results.flatMap((result) => result.objects);
      expect(parsed.every((object) => session.holds(object))).toBe(true);
      // Every text comes with its object, for the rules' field lines, as the main thread's parse keeps it; the CRDs' stay on the workers.
      const kept = parsed.filter((object) => sourceOf(object.document) !== undefined);
      expect(kept).toEqual(parsed.filter((object) => object.kind !== "CustomResourceDefinition"));
      expect(kept.map((object) => sourceOf(object.document))).toEqual(sequential.flatMap((result) => result.objects).filter((object) => object.kind !== "CustomResourceDefinition").map((object) => sourceOf(object.document)));
      expect(parsed.some((object) => object.kind === "CustomResourceDefinition")).toBe(true);
      const validation = session.validate({ kubernetesVersion: "1.35", customResources: versionsForValidation(customResources, parsed), celKinds: ["example.com/v1/Widget"] });
      await validation.sources;
      const byObject = await validation.findings;
      expect(parsed.map((object) => byObject.get(object) ?? [])).toStrictEqual(expected);
      const apiByObject = await validation.apiFindings;
      expect(parsed.flatMap((object) => apiByObject.get(object) ?? [])).toStrictEqual(apiValidation ? api : []);
    }
  }, 120_000);

  it("GIVEN objects parsed on the main thread WHEN adopted by 1, 2 and 3 workers THEN every object is held and validated with the same findings, field lines included", async () => {
    const { tasks } = folder(5);
    const objects = tasks.flatMap((task) => readManifestFile(task.path, task.file).objects);
    const customResources = customResourceVersions(
      objects.filter((object) => isCustomResourceDefinition(object.document)).map((object) => ({ document: object.document, file: object.file })),
      "1.35",
    );
    const expected = validateSchemasByObject(objects, { kubernetesVersion: "1.35", customResources, isReportedElsewhere: (object) => isDeprecatedOrRemoved(object, "1.35") });
    expect(expected.flat()).toContainEqual(expect.objectContaining({ object: "Deployment prod/d0", line: 15, message: "spec.replicas: must be integer, got string \"two\"" }));
    const api = apiValidationFindings(refusedObjects(objects, (key) => customResources.get(key)?.served === true));
    expect(api.map((finding) => finding.object)).toEqual(expect.arrayContaining(["Widget prod/W_13", "Service prod/s10"]));
    for (const workers of [1, 2, 3]) {
      const session = ParallelParse.adopt(objects, workers, "1.35", true);
      expect(objects.every((object) => session.holds(object))).toBe(true);
      expect(session.files()).toEqual([]);
      const validation = session.validate({ kubernetesVersion: "1.35", customResources: versionsForValidation(customResources, objects), celKinds: [] });
      await validation.sources;
      const byObject = await validation.findings;
      expect(objects.map((object) => byObject.get(object) ?? [])).toStrictEqual(expected);
      const apiByObject = await validation.apiFindings;
      expect(objects.flatMap((object) => apiByObject.get(object) ?? [])).toStrictEqual(api);
    }
  }, 120_000);

  it("GIVEN a parse task WHEN a worker is started for it THEN its heap's young generation is capped (peak memory) and it runs with that cap", async () => {
    const options = parseWorkerOptions({ files: [], kubernetesVersion: "1.35" });
    expect(options.resourceLimits).toEqual({ maxYoungGenerationSizeMb: PARSE_WORKER_YOUNG_GENERATION_MB });
    expect(PARSE_WORKER_YOUNG_GENERATION_MB).toBeLessThan(48);
    const worker = new Worker("require('node:worker_threads').parentPort.postMessage(require('node:worker_threads').resourceLimits)", { ...options, eval: true });
    const limits = await new Promise((resolve, reject) => worker.once("message", resolve).once("error", reject));
    await worker.terminate();
    expect(limits).toMatchObject({ maxYoungGenerationSizeMb: PARSE_WORKER_YOUNG_GENERATION_MB });
  });

  it("GIVEN the parse worker's module WHEN its static imports are followed THEN none reaches the schema modules, which it loads only after its objects are sent", () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, "utf8");
      for (const match of text.matchAll(/^(?:import|export)(?! type)[^;]*? from "(\.[^"]+)\.js";/gms)) visit(resolve(dirname(file), `${match[1]}.ts`));
    };
    const worker = fileURLToPath(new URL("../../../src/check/load/parse-worker.ts", import.meta.url));
    visit(worker);
    const reached = [...seen].map((file) => relative(dirname(worker), file));
    expect(reached).toContain("read-manifest-file.ts");
    expect(reached).toContain(join("..", "schema", "is-crd.ts"));
    for (const heavy of ["custom-resource-schemas.ts", "kubernetes-schema-bundle.ts", "validate-schemas.ts", "api-validation.ts"]) expect(reached).not.toContain(join("..", "schema", heavy));
  });

  it("GIVEN an object a worker cannot be given (not cloneable) WHEN adopted THEN it throws at once instead of hanging", () => {
    const { tasks } = folder(1);
    const objects = tasks.flatMap((task) => readManifestFile(task.path, task.file).objects);
    const poisoned = [...objects, { ...(objects[0] as (typeof objects)[number]), document: { kind: "ConfigMap", uncloneable: () => undefined } }];
    expect(() => ParallelParse.adopt(poisoned, 2, "1.35")).toThrow(/could not be cloned/);
  });

  it("GIVEN a folder WHEN checked with parse workers forced and with none THEN byte-identical results, CEL field lines included", async () => {
    const { root } = folder(7);
    const run = async (workers: string) => {
      process.env.SLIPWAY_CHECK_WORKERS = workers;
      return JSON.stringify(await checkManifests(["."], { cwd: root, kubernetesVersion: "1.35" }));
    };
    const sequential = await run("0");
    for (const rule of ['"ruleId":"schema"', '"ruleId":"parse"', '"ruleId":"api-validation"', "W_13", "minReplicas must not exceed maxReplicas", '"suppressed":']) expect(sequential).toContain(rule);
    expect(await run("2")).toBe(sequential);
    expect(await run("3")).toBe(sequential);
  }, 120_000);
});
