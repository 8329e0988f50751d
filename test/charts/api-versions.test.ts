import { describe, expect, it } from "vitest";
import { crdApiVersions, crdObjectsFromFiles, platformApiVersions, builtInApiVersions } from "../../src/charts/api-versions.js";
import { CRD_API_VERSIONS } from "../../src/versions.js";
import { crd } from "../support/crd.js";

describe("API versions of the platform's CRDs", () => {
  it("GIVEN CRDs with served and unserved versions WHEN listed THEN each served group/version and group/version/Kind appears once, sorted", () => {
    const objects = [
      crd({
        kind: "Widget",
        versions: [
          { name: "v1", served: true },
          { name: "v1beta1", served: false },
        ],
      }),
      crd({ kind: "Gadget", versions: [{ name: "v1", served: true }] }),
      { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" } },
    ];
    expect(crdApiVersions(objects)).toEqual(["example.com/v1", "example.com/v1/Gadget", "example.com/v1/Widget"]);
  });

  it("GIVEN plain crds/ files with several documents and junk WHEN read THEN only the CRDs come back", () => {
    const text = "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: a}\n---\nkind: ConfigMap\n---\n: : bad yaml [\n";
    expect(crdObjectsFromFiles([text]).map((object) => object.metadata.name)).toEqual(["a"]);
  });

  it("GIVEN no CRDs WHEN building the set THEN the versions the platform writes are still there", () => {
    const versions = platformApiVersions([], "1.35");
    for (const version of Object.values(CRD_API_VERSIONS)) expect(versions).toContain(version);
    expect(versions).toEqual([...versions].sort());
  });

  it("GIVEN a Kubernetes version WHEN building the set THEN its built-in APIs are in, aggregated ones included, and removed ones are not", () => {
    // Helm's own default set lacks apiregistration.k8s.io/v1: prometheus-adapter then renders the removed v1beta1 APIService.
    expect(builtInApiVersions("1.35")).toEqual(expect.arrayContaining(["apiregistration.k8s.io/v1", "apiregistration.k8s.io/v1/APIService", "apps/v1", "v1", "v1/Pod"]));
    expect(builtInApiVersions("1.35")).not.toContain("policy/v1beta1");
    expect(builtInApiVersions("1.35")).not.toContain("flowcontrol.apiserver.k8s.io/v1beta3");
  });
});
