import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { kubernetesSchemaBundle } from "../../../src/check/schema/kubernetes-schema-bundle.js";
import { bundleFileName } from "../../../src/check/schema/kubernetes-schema-bundle.js";
import { KUBERNETES } from "../../../src/versions.js";

describe("Kubernetes schema bundles", () => {
  it.each(Object.entries(KUBERNETES.schemaRelease))(
    "GIVEN Kubernetes %s WHEN the bundle is regenerated from k8s.io/kubernetes@%s THEN it is byte-identical to the committed one",
    async (minor, release) => {
      const { generate, serializeBundle, OUTPUT_DIRECTORY } = await import("../../../scripts/generate-kubernetes-schemas.js");
      expect(readFileSync(join(OUTPUT_DIRECTORY, bundleFileName(minor)), "utf8")).toBe(serializeBundle(generate(minor, release)));
    },
  );

  it("GIVEN the default version's bundle WHEN read THEN the index maps apiVersion/kind to definitions that exist", () => {
    const bundle = kubernetesSchemaBundle(KUBERNETES.defaultVersion);
    expect(bundle.index["apps/v1/Deployment"]).toBe("io.k8s.api.apps.v1.Deployment");
    expect(bundle.index["v1/Pod"]).toBe("io.k8s.api.core.v1.Pod");
    expect(bundle.index["v1/DeleteOptions"]).toBeUndefined();
    for (const definition of Object.values(bundle.index)) expect(bundle.definitions[definition]).toBeDefined();
  });

  it("GIVEN a version without schemas WHEN asked for THEN a usage error that says how to add it", () => {
    expect(() => kubernetesSchemaBundle("1.20")).toThrow(expect.objectContaining({ code: "USAGE", message: "no Kubernetes schemas for version 1.20" }));
  });
});
