import { describe, expect, it } from "vitest";
import { describeObject, type SourceObject } from "../../../src/check/finding.js";
import { mergeRenderings } from "../../../src/check/load/kustomize-renderings.js";

const deployment = (image: string, namespace?: string, file = "base/deploy.yaml"): SourceObject => ({
  document: { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", ...(namespace ? { namespace } : {}) }, spec: { template: { spec: { containers: [{ name: "web", image }] } } } },
  apiVersion: "apps/v1",
  kind: "Deployment",
  name: "web",
  ...(namespace ? { namespace } : {}),
  file,
  documentIndex: 0,
  line: 1,
});

/** Objects rendered by the given kustomizations, in that order. */
function rendered(entries: readonly (readonly [string, SourceObject])[]): { objects: SourceObject[]; renderedBy: Map<SourceObject, string> } {
  return { objects: entries.map(([, object]) => object), renderedBy: new Map(entries.map(([folder, object]) => [object, folder])) };
}

describe("mergeRenderings", () => {
  it.each([
    {
      name: "a base and an overlay that render it unchanged",
      entries: [["base", deployment("nginx:latest")], ["dev", deployment("nginx:latest")]] as const,
      expected: ["Deployment web (rendered by base, dev) nginx:latest"],
    },
    {
      name: "an overlay that patches the image and one that does not",
      entries: [["base", deployment("nginx:latest")], ["dev", deployment("nginx:1.27")], ["prod", deployment("nginx:latest")]] as const,
      expected: ["Deployment web (rendered by base, prod) nginx:latest", "Deployment web (rendered by dev) nginx:1.27"],
    },
    {
      name: "overlays that set another namespace each (different objects, told apart by their identity)",
      entries: [["dev", deployment("nginx:latest", "dev")], ["prod", deployment("nginx:latest", "prod")]] as const,
      expected: ["Deployment dev/web nginx:latest", "Deployment prod/web nginx:latest"],
    },
    {
      name: "one kustomization only",
      entries: [["base", deployment("nginx:latest")]] as const,
      expected: ["Deployment web nginx:latest"],
    },
    {
      name: "the same identity from two files",
      entries: [["a", deployment("nginx:latest", undefined, "a/deploy.yaml")], ["b", deployment("nginx:latest", undefined, "b/deploy.yaml")]] as const,
      expected: ["Deployment web nginx:latest", "Deployment web nginx:latest"],
    },
  ])("GIVEN $name WHEN merged THEN one object per distinct rendering, naming its kustomizations when several render the document", ({ entries, expected }) => {
    const { objects, renderedBy } = rendered(entries);
    const merged = mergeRenderings(objects, renderedBy);
    const image = (object: SourceObject) => ((object.document.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0] as { image: string }).image;
    expect(merged.map((object) => `${describeObject(object)} ${image(object)}`)).toEqual(expected);
  });

  it("GIVEN renderings with the same content in another key order, between objects not rendered by kustomize WHEN merged THEN they are one, kept where the first was, and the others untouched", () => {
    const plain = { ...deployment("x", undefined, "plain.yaml"), name: "plain" };
    const first = deployment("nginx:latest");
    const reordered: SourceObject = { ...first, document: { spec: first.document.spec, metadata: first.document.metadata, kind: "Deployment", apiVersion: "apps/v1" } };
    const merged = mergeRenderings([plain, first, plain, reordered], new Map([[first, "base"], [reordered, "overlays/dev"]]));
    expect(merged).toHaveLength(3);
    expect(merged[0]).toBe(plain);
    expect(merged[1]).toEqual({ ...first, kustomizations: ["base", "overlays/dev"] });
    expect(merged[2]).toBe(plain);
  });
});
