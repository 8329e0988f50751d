/**
 * CRD versions keep their source schema and are hashed, scanned and converted only on
 * demand; the hash is what the compiled-validator cache is keyed by.
 */
import { describe, expect, it } from "vitest";
import { customResourceJsonSchema, customResourceVersions, usedVersions, versionsForValidation } from "../../../src/check/schema/custom-resource-schemas.js";
import { crd } from "../../support/crd.js";

const widgetCrd = (maxReplicas: number, rules = false) => ({
  document: crd({
    kind: "Widget",
    versions: [
      {
        name: "v1",
        schema: {
          type: "object",
          properties: { spec: { type: "object", properties: { replicas: { type: "integer", maximum: maxReplicas } }, ...(rules ? { "x-kubernetes-validations": [{ rule: "self.replicas > 0" }] } : {}) } },
        },
      },
      { name: "v1beta1", served: false },
    ],
  }),
  file: "crd.yaml",
});

describe("customResourceVersions", () => {
  it("GIVEN the same source schema WHEN read twice THEN the same hash; another schema or Kubernetes version THEN another", () => {
    const hash = (maxReplicas: number, version = "1.35") => customResourceVersions([widgetCrd(maxReplicas)], version).get("example.com/v1/Widget")?.schemaHash;
    expect(hash(5)).toMatch(/^[0-9a-f]{32}$/);
    expect(hash(5)).toBe(hash(5));
    expect(hash(6)).not.toBe(hash(5));
    expect(hash(5, "1.34")).not.toBe(hash(5));
  });

  it("GIVEN a version WHEN converted on demand THEN a self-contained schema with ObjectMeta, converted once", () => {
    const version = customResourceVersions([widgetCrd(5)], "1.35").get("example.com/v1/Widget");
    const schema = customResourceJsonSchema(version!);
    expect(schema).toMatchObject({ properties: { apiVersion: { type: "string" }, kind: { type: "string" }, metadata: { $ref: "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta" } } });
    expect(Object.keys(schema?.definitions as object)).toContain("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
    expect(customResourceJsonSchema(version!)).toBe(schema);
    expect(customResourceJsonSchema(customResourceVersions([widgetCrd(5)], "1.35").get("example.com/v1beta1/Widget")!)).toBeUndefined();
  });

  it("GIVEN CEL rules in one schema WHEN read THEN only that version carries a validation schema", () => {
    expect(customResourceVersions([widgetCrd(5, true)], "1.35").get("example.com/v1/Widget")?.validationSchema).toBeDefined();
    expect(customResourceVersions([widgetCrd(5)], "1.35").get("example.com/v1/Widget")?.validationSchema).toBeUndefined();
  });

  it("GIVEN objects of one version WHEN prepared for workers THEN only that version carries its schema and hash, and none carries CEL rules", () => {
    const versions = customResourceVersions([widgetCrd(5, true)], "1.35");
    const objects = [{ apiVersion: "example.com/v1", kind: "Widget" }, { apiVersion: "v1", kind: "ConfigMap" }];
    const prepared = new Map(versionsForValidation(versions, objects));
    expect(prepared.get("example.com/v1/Widget")).toMatchObject({ served: true, sourceSchema: versions.get("example.com/v1/Widget")?.sourceSchema, schemaHash: versions.get("example.com/v1/Widget")?.schemaHash });
    expect(prepared.get("example.com/v1beta1/Widget")).toStrictEqual({ key: "example.com/v1beta1/Widget", group: "example.com", version: "v1beta1", kind: "Widget", served: false, deprecated: false, kubernetesVersion: "1.35", source: "crd.yaml", schemaHash: "" });
    expect([...prepared.values()].some((version) => "validationSchema" in version)).toBe(false);
    // What a worker receives must survive a structured clone.
    expect(structuredClone([...prepared])).toStrictEqual([...prepared]);
    expect(usedVersions(versions, [...objects, ...objects]).map((version) => version.key)).toStrictEqual(["example.com/v1/Widget"]);
  });
});
