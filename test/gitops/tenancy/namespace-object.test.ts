import { describe, expect, it } from "vitest";
import { TEAM_LABEL, namespaceObject, podSecurityLabels } from "../../../src/gitops/tenancy/namespace-object.js";
import { parseSpec } from "../../../src/platform-spec/load.js";
import { POD_SECURITY_VERSION } from "../../../src/versions.js";

describe("namespaceObject", () => {
  it("GIVEN the reference spec's production namespace WHEN built THEN it enforces, audits and warns restricted at the pinned version and names its team", () => {
    const spec = parseSpec({}, "test");
    const namespace = namespaceObject("production", spec.namespaces.production!);
    expect(namespace).toEqual({
      apiVersion: "v1",
      kind: "Namespace",
      metadata: {
        name: "production",
        labels: {
          "app.kubernetes.io/managed-by": "slipway",
          "pod-security.kubernetes.io/enforce": "restricted",
          "pod-security.kubernetes.io/enforce-version": "v1.35",
          "pod-security.kubernetes.io/audit": "restricted",
          "pod-security.kubernetes.io/audit-version": "v1.35",
          "pod-security.kubernetes.io/warn": "restricted",
          "pod-security.kubernetes.io/warn-version": "v1.35",
          "slipway.io/team": "team-a",
        },
      },
    });
  });

  it.each([
    { level: "restricted" as const },
    { level: "baseline" as const },
    { level: "privileged" as const },
  ])("GIVEN podSecurity $level WHEN labelled THEN all three modes carry $level and POD_SECURITY_VERSION", ({ level }) => {
    expect(podSecurityLabels(level)).toEqual({
      "pod-security.kubernetes.io/enforce": level,
      "pod-security.kubernetes.io/enforce-version": POD_SECURITY_VERSION,
      "pod-security.kubernetes.io/audit": level,
      "pod-security.kubernetes.io/audit-version": POD_SECURITY_VERSION,
      "pod-security.kubernetes.io/warn": level,
      "pod-security.kubernetes.io/warn-version": POD_SECURITY_VERSION,
    });
  });

  it("GIVEN a namespace without team whose labels try to loosen Pod Security WHEN built THEN it has no team label and the spec level wins", () => {
    // parseSpec refuses such labels (test/platform-spec/load.test.ts); a NamespaceSpec built in code still cannot loosen the level.
    expect(() => parseSpec({ namespaces: { sandbox: { labels: { "pod-security.kubernetes.io/enforce": "privileged" } } }, applications: {} }, "test")).toThrow(expect.objectContaining({ code: "SPEC_INVALID" }));
    const sandbox = { ...parseSpec({ namespaces: { sandbox: { podSecurity: "baseline", labels: { cost: "lab" } } }, applications: {} }, "test").namespaces.sandbox! };
    const labels = namespaceObject("sandbox", { ...sandbox, labels: { ...sandbox.labels, "pod-security.kubernetes.io/enforce": "privileged" } }).metadata.labels!;
    expect(labels["pod-security.kubernetes.io/enforce"]).toBe("baseline");
    expect(labels.cost).toBe("lab");
    expect(labels[TEAM_LABEL]).toBeUndefined();
  });
});
