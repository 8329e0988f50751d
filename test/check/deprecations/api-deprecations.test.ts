import { describe, expect, it } from "vitest";
import { API_DEPRECATIONS } from "../../../src/check/deprecations/api-deprecations.js";
import { compareVersions } from "../../../src/compare-versions.js";
import { statusOf } from "../../../src/check/deprecations/deprecation-rules.js";
import { kubernetesSchemaBundle, schemaVersions } from "../../../src/check/schema/kubernetes-schema-bundle.js";

const KUBERNETES_ENTRIES = API_DEPRECATIONS.filter((entry) => entry.component === "kubernetes");

/** apiVersion/kind of the kinds a bundle serves (lists are not manifests). */
function servedKinds(minor: string): Set<string> {
  return new Set(Object.keys(kubernetesSchemaBundle(minor).index).filter((key) => !key.endsWith("List")));
}

describe("the table of Kubernetes API deprecations, against the generated schemas of every version the checker knows", () => {
  it.each(schemaVersions())("GIVEN Kubernetes %s WHEN an entry says removed THEN that version's OpenAPI does not serve the kind", (minor) => {
    const served = servedKinds(minor);
    const wrong = KUBERNETES_ENTRIES.flatMap((entry) => entry.kinds.map((kind) => ({ entry, key: `${entry.apiVersion}/${kind}` }))).filter(
      ({ entry, key }) => statusOf(entry, minor) === "removed" && served.has(key),
    );
    expect(wrong.map(({ key }) => key)).toEqual([]);
  });

  it.each(schemaVersions().slice(1).map((minor, index) => [schemaVersions()[index] as string, minor]))(
    "GIVEN the kinds Kubernetes %s served and %s no longer serves WHEN the table is read THEN each has an entry removed in the newer version",
    (older, newer) => {
      const gone = [...servedKinds(older)].filter((key) => !servedKinds(newer).has(key));
      const missing = gone.filter((key) => {
        const entry = KUBERNETES_ENTRIES.find((candidate) => candidate.kinds.some((kind) => `${candidate.apiVersion}/${kind}` === key));
        return entry?.removedIn === undefined || compareVersions(entry.removedIn, newer) !== 0;
      });
      expect(missing).toEqual([]);
    },
  );

  it.each([
    { apiVersion: "flowcontrol.apiserver.k8s.io/v1beta3", kind: "FlowSchema", version: "1.31", expected: "deprecated" },
    { apiVersion: "flowcontrol.apiserver.k8s.io/v1beta3", kind: "FlowSchema", version: "1.32", expected: "removed" },
    { apiVersion: "authentication.k8s.io/v1beta1", kind: "SelfSubjectReview", version: "1.32", expected: "deprecated" },
    { apiVersion: "authentication.k8s.io/v1beta1", kind: "SelfSubjectReview", version: "1.33", expected: "removed" },
    { apiVersion: "admissionregistration.k8s.io/v1beta1", kind: "ValidatingAdmissionPolicy", version: "1.33", expected: "deprecated" },
    { apiVersion: "admissionregistration.k8s.io/v1beta1", kind: "ValidatingAdmissionPolicy", version: "1.34", expected: "removed" },
    { apiVersion: "networking.k8s.io/v1beta1", kind: "ServiceCIDR", version: "1.33", expected: "current" },
    { apiVersion: "networking.k8s.io/v1beta1", kind: "ServiceCIDR", version: "1.34", expected: "deprecated" },
    { apiVersion: "resource.k8s.io/v1beta1", kind: "ResourceClaim", version: "1.35", expected: "deprecated" },
    { apiVersion: "resource.k8s.io/v1beta2", kind: "ResourceClaim", version: "1.35", expected: "current" },
    { apiVersion: "scheduling.k8s.io/v1alpha1", kind: "Workload", version: "1.36", expected: "removed" },
  ])("GIVEN $kind $apiVersion WHEN judged against Kubernetes $version THEN it is $expected", ({ apiVersion, kind, version, expected }) => {
    const entry = KUBERNETES_ENTRIES.find((candidate) => candidate.apiVersion === apiVersion && candidate.kinds.includes(kind));
    expect(entry).toBeDefined();
    expect(statusOf(entry!, version)).toBe(expected);
  });

  it("GIVEN every entry WHEN read THEN an API is deprecated before it is removed and each apiVersion/kind has one entry", () => {
    const keys = API_DEPRECATIONS.flatMap((entry) => entry.kinds.map((kind) => `${entry.apiVersion}/${kind}`));
    expect(keys.length).toBe(new Set(keys).size);
    for (const entry of API_DEPRECATIONS) {
      if (entry.deprecatedIn !== undefined && entry.removedIn !== undefined) expect(compareVersions(entry.deprecatedIn, entry.removedIn)).toBeLessThan(0);
    }
  });
});
