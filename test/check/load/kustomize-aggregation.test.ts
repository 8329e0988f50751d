import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BuildQueue, gatheredFolders } from "../../../src/check/load/kustomize-aggregation.js";
import { loadInputs } from "../../../src/check/load/load-inputs.js";
import { configMapYaml, writeFiles } from "../../support/tree.js";

const tree = (files: Record<string, string>) => writeFiles(files, "slipway-gather-");
const configMap = configMapYaml;
const gathering = (...resources: string[]) => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n${resources.map((entry) => `  - ${entry}\n`).join("")}`;
const CHILDREN = { "a/kustomization.yaml": "resources:\n  - cm.yaml\n", "a/cm.yaml": configMap("a"), "b/kustomization.yaml": "resources:\n  - cm.yaml\n", "b/cm.yaml": configMap("b") };

describe("gatheredFolders", () => {
  it.each([
    { case: "only kustomization folders", kustomization: gathering("a", "./b"), expected: ["a", "b"] },
    { case: "no apiVersion and kind", kustomization: "resources:\n  - b\n  - a\n", expected: ["b", "a"] },
  ])("GIVEN a kustomization with $case WHEN read THEN the folders it gathers, in its order", async ({ kustomization, expected }) => {
    const root = tree({ ...CHILDREN, "kustomization.yaml": kustomization });
    expect(await gatheredFolders(root, join(root, "kustomization.yaml"))).toEqual(expected.map((folder) => join(root, folder)));
  });

  it.each([
    { case: "a file resource", kustomization: gathering("a", "extra.yaml") },
    { case: "a transformer (namePrefix)", kustomization: `${gathering("a", "b")}namePrefix: x-\n` },
    { case: "a patch", kustomization: `${gathering("a", "b")}patches:\n  - path: p.yaml\n` },
    { case: "a remote base", kustomization: gathering("a", "https://github.com/x/y//base?ref=v1") },
    { case: "a folder without a kustomization", kustomization: gathering("a", "plain") },
    { case: "a missing folder", kustomization: gathering("a", "missing") },
    { case: "a folder listed twice", kustomization: gathering("a", "a") },
    { case: "itself", kustomization: gathering("a", ".") },
    { case: "a Component folder", kustomization: gathering("a", "component") },
    { case: "a Component", kustomization: "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - a\n" },
    { case: "no resources", kustomization: "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n" },
    { case: "YAML the fast reader leaves to others", kustomization: "resources: &r\n  - a\nx: *r\n" },
  ])("GIVEN a kustomization with $case WHEN read THEN undefined: kustomize builds it whole", async ({ kustomization }) => {
    const root = tree({
      ...CHILDREN,
      "extra.yaml": configMap("x"),
      "plain/cm.yaml": configMap("p"),
      "component/kustomization.yaml": "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - cm.yaml\n",
      "component/cm.yaml": configMap("c"),
      "kustomization.yaml": kustomization,
    });
    expect(await gatheredFolders(root, join(root, "kustomization.yaml"))).toBeUndefined();
  });
});

describe("BuildQueue", () => {
  it("GIVEN five builds and two slots WHEN scheduled THEN at most two run at once, and each result is handed over once", async () => {
    let running = 0;
    let most = 0;
    const queue = new BuildQueue(async (folder) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 10));
      running -= 1;
      return `built ${folder}`;
    }, 2);
    const folders = ["a", "b", "c", "d", "e"];
    for (const folder of folders) queue.schedule(folder);
    expect(await Promise.all(folders.map((folder) => queue.take(folder)))).toEqual(folders.map((folder) => `built ${folder}`));
    expect(most).toBe(2);
    expect(queue.take("a")).toBeUndefined();
  });

  it("GIVEN a build that fails before anyone takes it WHEN taken later THEN the taker gets the failure (never an unhandled rejection)", async () => {
    const queue = new BuildQueue(async () => {
      throw new Error("kustomize said no");
    }, 1);
    queue.schedule("a");
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 20));
    await expect(queue.take("a")).rejects.toThrow("kustomize said no");
  });
});

/** Everything a rule sees of the loaded objects, and the findings. */
async function loaded(root: string, kustomizeSplitFiles: number) {
  const result = await loadInputs(["."], { cwd: root, kustomizeSplitFiles });
  const objects = result.objects.map((object) => ({ file: object.file, line: object.line, documentIndex: object.documentIndex, key: `${object.kind}/${object.namespace ?? ""}/${object.name}`, document: object.document }));
  return { objects: objects.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)), findings: result.findings, files: result.files };
}

describe("loadInputs on gathering kustomizations, with real kustomize", () => {
  it("GIVEN a root gathering folders that gather or transform others WHEN loaded child by child THEN the same objects, files and lines as one build of the root", async () => {
    const root = tree({
      "kustomization.yaml": gathering("apps", "team", "../outside"),
      "apps/kustomization.yaml": gathering("one", "two"),
      "apps/one/kustomization.yaml": "resources:\n  - cm.yaml\n",
      "apps/one/cm.yaml": configMap("one", "apps"),
      "apps/two/kustomization.yaml": "namePrefix: two-\ncommonLabels:\n  team: two\nresources:\n  - cm.yaml\n  - ../../base\n",
      "apps/two/cm.yaml": `# a comment kustomize drops\n${configMap("two", "apps")}`,
      "base/kustomization.yaml": "resources:\n  - cm.yaml\n",
      "base/cm.yaml": configMap("base", "apps"),
      "team/kustomization.yaml": "namespace: team\nresources:\n  - cm.yaml\n",
      "team/cm.yaml": `${configMap("first")}---\n${configMap("second")}`,
    });
    mkdirSync(join(root, "..", "outside"), { recursive: true });
    writeFileSync(join(root, "..", "outside", "kustomization.yaml"), "resources:\n  - cm.yaml\n");
    writeFileSync(join(root, "..", "outside", "cm.yaml"), configMap("outside", "apps"));
    const whole = await loaded(root, Number.POSITIVE_INFINITY);
    const split = await loaded(root, 0);
    expect(whole.findings).toEqual([]);
    expect(whole.objects.map((object) => `${object.key} ${object.file}:${object.line}`)).toEqual([
      "ConfigMap/apps/one apps/one/cm.yaml:1",
      "ConfigMap/apps/outside ../outside/cm.yaml:1",
      "ConfigMap/apps/two-base base/cm.yaml:1",
      "ConfigMap/apps/two-two apps/two/cm.yaml:1",
      "ConfigMap/team/first team/cm.yaml:1",
      "ConfigMap/team/second team/cm.yaml:8",
    ]);
    expect(split).toEqual(whole);
  });

  it("GIVEN two gathered folders that render the same object WHEN loaded child by child THEN kustomize's own refusal, on the gathering kustomization", async () => {
    const root = tree({ "kustomization.yaml": gathering("a", "b"), ...CHILDREN, "b/cm.yaml": configMap("a") });
    const split = await loaded(root, 0);
    expect(split.findings.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line}`)).toEqual(["kustomize kustomization.yaml:1"]);
    expect(split.findings[0]?.message).toMatch(/^kustomize cannot build this folder: .*already registered id/);
    const whole = await loaded(root, Number.POSITIVE_INFINITY);
    expect(whole.findings.map((finding) => finding.message)).toEqual(split.findings.map((finding) => finding.message));
  });

  it("GIVEN one folder gathered by two children WHEN loaded child by child THEN kustomize's refusal on the root, which gathers it twice", async () => {
    const root = tree({
      "kustomization.yaml": gathering("a", "b"),
      "a/kustomization.yaml": gathering("../common"),
      "b/kustomization.yaml": gathering("../common"),
      "common/kustomization.yaml": "resources:\n  - cm.yaml\n",
      "common/cm.yaml": configMap("common"),
    });
    const split = await loaded(root, 0);
    expect(split.findings.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line}`)).toEqual(["kustomize kustomization.yaml:1"]);
    expect(split.objects.map((object) => object.key)).toEqual(["ConfigMap//common"]);
  });

  it("GIVEN a gathered folder kustomize cannot build WHEN loaded child by child THEN the finding names that folder's kustomization and the others still render", async () => {
    const root = tree({ "kustomization.yaml": gathering("a", "b"), ...CHILDREN, "b/kustomization.yaml": "resources:\n  - missing.yaml\n" });
    const split = await loaded(root, 0);
    expect(split.findings.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line}`)).toEqual(["kustomize b/kustomization.yaml:1"]);
    expect(split.objects.map((object) => `${object.key} ${object.file}`)).toEqual(["ConfigMap//a a/cm.yaml", "ConfigMap//b b/cm.yaml"]);
  });
});
