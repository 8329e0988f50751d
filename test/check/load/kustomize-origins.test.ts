import { existsSync, mkdtempSync, readFileSync, readlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildWithOrigins, ORIGIN_ANNOTATION, takeOrigin } from "../../../src/check/load/kustomize-origins.js";
import { SlipwayError } from "../../../src/errors.js";
import { kustomizeBuild } from "../../../src/tools/kubectl.js";
import { configMapYaml, writeFiles } from "../../support/tree.js";

const withOrigin = (origin: unknown, other: Record<string, string> = {}) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a", annotations: { ...other, [ORIGIN_ANNOTATION]: origin } } });

describe("takeOrigin", () => {
  it.each([
    { name: "a file of the folder", origin: "path: slipway-kustomize-input/cm.yaml\n", file: "/repo/overlay/cm.yaml" },
    { name: "a file of a base beside it", origin: "path: base/deploy/cm.yaml\n", file: "/repo/base/deploy/cm.yaml" },
    { name: "a base further up", origin: "path: ../shared/cm.yaml\n", file: "/shared/cm.yaml" },
    { name: "a remote resource", origin: "path: examples/cm.yaml\nrepo: https://github.com/x/y\nref: v1\n", file: undefined },
    { name: "a generated object", origin: "configuredIn: slipway-kustomize-input/kustomization.yaml\nconfiguredBy:\n  kind: ConfigMapGenerator\n", file: undefined },
  ])("GIVEN the origin of $name WHEN taken THEN the file, and the annotation is gone", ({ origin, file }) => {
    const document = withOrigin(origin);
    expect(takeOrigin(document, "/repo/overlay")).toBe(file);
    expect(document.metadata).toEqual({ name: "a" });
  });

  it("GIVEN other annotations WHEN the origin is taken THEN they stay", () => {
    const document = withOrigin("path: slipway-kustomize-input/cm.yaml\n", { keep: "me" });
    takeOrigin(document, "/repo/overlay");
    expect(document.metadata.annotations).toEqual({ keep: "me" });
  });
});

describe("buildWithOrigins", () => {
  it("GIVEN a build function WHEN called THEN it builds a wrapper that links to the folder and asks for origin annotations, removed afterwards", async () => {
    const folder = mkdtempSync(join(tmpdir(), "slipway-origins-"));
    let wrapper = "";
    const output = await buildWithOrigins(folder, async (directory) => {
      wrapper = directory;
      expect(readlinkSync(join(directory, "slipway-kustomize-input"))).toBe(folder);
      return readFileSync(join(directory, "kustomization.yaml"), "utf8");
    });
    expect(output).toBe("resources:\n  - slipway-kustomize-input\nbuildMetadata:\n  - originAnnotations\n");
    expect(existsSync(wrapper)).toBe(false);
  });

  it("GIVEN a kustomize that cannot run WHEN called THEN the error names the user's folder, not the wrapper", async () => {
    const folder = mkdtempSync(join(tmpdir(), "slipway-origins-"));
    await expect(buildWithOrigins(folder, async (directory) => Promise.reject(new Error(`missing ${join(directory, "slipway-kustomize-input")}/x.yaml`)))).rejects.toThrow(`missing ${folder}/x.yaml`);
  });

  // Real kustomize: its reason is nested in its account of the wrapper, which must not show.
  const broken = {
    "a resource file that is missing": { "overlay/kustomization.yaml": "resources:\n  - ../base\n  - missing.yaml\n", reason: "overlay/missing.yaml: no such file or directory" },
    "a base folder that is missing": { "overlay/kustomization.yaml": "resources:\n  - ../nothere\n", reason: "/nothere: no such file or directory" },
    "a patch with no target": {
      "overlay/kustomization.yaml": "resources:\n  - ../base\npatches:\n  - path: patch.yaml\n",
      "overlay/patch.yaml": configMapYaml("other"),
      reason: 'no resource matches strategic merge patch "ConfigMap.v1.[noGrp]/other.[noNs]"',
    },
    "the same object twice": { "overlay/kustomization.yaml": "resources:\n  - ../base\n  - cm.yaml\n", "overlay/cm.yaml": configMapYaml("a"), reason: "may not add resource with an already registered id: ConfigMap.v1.[noGrp]/a.[noNs]" },
    "a kustomization that is not YAML": { "overlay/kustomization.yaml": "resources: [\n", reason: "invalid Kustomization: yaml: line 1: did not find expected node content" },
  };
  it.each(Object.entries(broken))("GIVEN %s WHEN kustomize rejects the overlay THEN the error is kustomize's own for the folder, naming the user's files and never the wrapper", async (_, { reason, ...files }) => {
    const root = writeFiles({ "base/kustomization.yaml": "resources:\n  - cm.yaml\n", "base/cm.yaml": configMapYaml("a"), ...files });
    const overlay = join(root, "overlay");
    const error = await buildWithOrigins(overlay, (directory) => kustomizeBuild(directory)).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(SlipwayError);
    const { code, message, where } = error as SlipwayError;
    expect({ code, where }).toEqual({ code: "KUSTOMIZATION_INVALID", where: overlay });
    expect(message).toContain(reason);
    expect(message).not.toMatch(/slipway-kustomize/);
    // What `kubectl kustomize overlay` says, word for word.
    await expect(kustomizeBuild(overlay)).rejects.toThrow(message);
  });

  it("GIVEN a folder only the wrapped build rejects WHEN built THEN the folder's own build is the output, without origins", async () => {
    const folder = mkdtempSync(join(tmpdir(), "slipway-origins-"));
    const built: string[] = [];
    const output = await buildWithOrigins(folder, async (directory) => {
      built.push(directory);
      if (directory !== folder) throw new SlipwayError("KUSTOMIZATION_INVALID", "kustomize cannot build this folder: the wrapper");
      return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n";
    });
    expect(output).toBe("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n");
    expect(built).toHaveLength(2);
  });
});
