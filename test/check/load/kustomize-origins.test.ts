import { existsSync, mkdtempSync, readFileSync, readlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildWithOrigins, ORIGIN_ANNOTATION, takeOrigin } from "../../../src/check/load/kustomize-origins.js";

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

  it("GIVEN a build that fails WHEN called THEN the error names the user's folder, not the wrapper", async () => {
    const folder = mkdtempSync(join(tmpdir(), "slipway-origins-"));
    await expect(buildWithOrigins(folder, async (directory) => Promise.reject(new Error(`missing ${join(directory, "slipway-kustomize-input")}/x.yaml`)))).rejects.toThrow(`missing ${folder}/x.yaml`);
  });
});
