import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isKustomizeComponent, kustomizationFile } from "../../../src/check/load/kustomization-file.js";
import { writeFiles } from "../../support/tree.js";

const FOLDERS: { files: Record<string, string>; expected: string | undefined }[] = [
    { files: { "kustomization.yaml": "", "kustomization.yml": "" }, expected: "kustomization.yaml" },
    { files: { "kustomization.yml": "" }, expected: "kustomization.yml" },
    { files: { Kustomization: "" }, expected: "Kustomization" },
    { files: { "deploy.yaml": "", "kustomization.yaml/x.yaml": "" }, expected: undefined },
];

describe("kustomizationFile", () => {
  it.each(FOLDERS)("GIVEN a folder holding $files WHEN its kustomization is looked up THEN $expected, in kustomize's order (a folder of that name is none)", async ({ files, expected }) => {
    const root = writeFiles(files, "slipway-kustomization-file-");
    expect(await kustomizationFile(root)).toBe(expected === undefined ? undefined : join(root, expected));
  });
});

describe("isKustomizeComponent", () => {
  it.each([
    { text: "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n", expected: true },
    { text: 'kind: "Component" # a comment\n', expected: true },
    { text: "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - component\n", expected: false },
    { text: "resources:\n  - a\n", expected: false },
  ])("GIVEN the kustomization $text WHEN read THEN a Component is $expected", ({ text, expected }) => {
    const root = writeFiles({ "kustomization.yaml": text }, "slipway-kustomization-file-");
    expect(isKustomizeComponent(join(root, "kustomization.yaml"))).toBe(expected);
  });

  it("GIVEN a kustomization that cannot be read WHEN read THEN not a Component", () => {
    expect(isKustomizeComponent(join(writeFiles({}), "kustomization.yaml"))).toBe(false);
  });
});
