import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { SlipwayError } from "../../../src/errors.js";
import { addonNamespaceMetadata } from "../../../src/gitops/addons/addon-namespaces.js";
import { synthesizeGitOps } from "../../../src/gitops/synthesize.js";
import type { KubeObject } from "../../../src/manifest/kube-object.js";
import { parseSpec } from "../../../src/platform-spec/load.js";
import { platformNames } from "../../../src/platform-spec/names.js";
import { POD_SECURITY_VERSION } from "../../../src/versions.js";

const MODES = ["enforce", "audit", "warn"] as const;

/** Namespaces the platform installs into but does not create, each with why. */
const NOT_CREATED_BY_THE_PLATFORM: Record<string, string> = {
  "kube-system": "exists on every EKS cluster before the platform; EKS owns its labels",
};

function podSecurityLabelsOf(labels: Readonly<Record<string, string>> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(labels ?? {}).filter(([key]) => key.startsWith("pod-security.kubernetes.io/")));
}

function expectLevelLabels(labels: Readonly<Record<string, string>> | undefined, where: string): void {
  const podSecurity = podSecurityLabelsOf(labels);
  const level = podSecurity["pod-security.kubernetes.io/enforce"];
  expect(level, `${where}: enforce label`).toMatch(/^(privileged|baseline|restricted)$/);
  const rank = (value: string | undefined) => ["privileged", "baseline", "restricted"].indexOf(value ?? "");
  for (const mode of MODES) {
    // Audit and warn may be stricter than enforce (argocd: enforce baseline, audit and warn restricted), never looser.
    const modeLevel = podSecurity[`pod-security.kubernetes.io/${mode}`];
    expect(rank(modeLevel), `${where}: ${mode} (${modeLevel}) at least as strict as enforce (${level})`).toBeGreaterThanOrEqual(rank(level));
    expect(podSecurity[`pod-security.kubernetes.io/${mode}-version`], `${where}: ${mode}-version`).toBe(POD_SECURITY_VERSION);
  }
}

describe("addonNamespaceMetadata", () => {
  const names = platformNames(parseSpec({}, "test"));

  it.each([
    ["monitoring", "restricted"],
    ["cert-manager", "restricted"],
    ["external-secrets", "restricted"],
    ["argo-rollouts", "restricted"],
  ])("GIVEN the %s namespace THEN Argo CD labels it enforce, audit and warn %s, each pinned to the Pod Security version", (namespace, level) => {
    expect(addonNamespaceMetadata(names, namespace)).toEqual({
      labels: {
        "app.kubernetes.io/managed-by": "slipway",
        ...Object.fromEntries(MODES.flatMap((mode) => [[`pod-security.kubernetes.io/${mode}`, level], [`pod-security.kubernetes.io/${mode}-version`, POD_SECURITY_VERSION]])),
      },
    });
  });

  it("GIVEN kube-system THEN the platform leaves its labels to EKS", () => {
    expect(addonNamespaceMetadata(names, "kube-system")).toBeUndefined();
  });

  it("GIVEN a namespace with no level in the table THEN it fails with a code, where and fix instead of leaving it unlabelled", () => {
    let error: unknown;
    try {
      addonNamespaceMetadata(names, "observability");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SlipwayError);
    expect((error as SlipwayError).code).toBe("USAGE");
    expect((error as SlipwayError).message).toBe('add-on namespace "observability" has no Pod Security level');
    expect((error as SlipwayError).render()).toContain("addonNamespacePolicies");
  });
});

describe("namespaces the platform creates", () => {
  it.each([
    ["the reference spec", {}],
    ["a customised spec", { namespaces: { production: {}, payments: { podSecurity: "baseline" } }, applications: { "api-server": { namespace: "production" } }, karpenter: { enabled: false } }],
  ])("GIVEN %s WHEN synthesized THEN every namespace an Application creates or a Namespace object declares carries enforce, audit and warn labels, the same from every Application", (_, input) => {
    const tree = synthesizeGitOps(parseSpec(input, "test"));
    const objects = [...tree.entries()]
      .filter(([path]) => path.endsWith(".yaml") && !path.endsWith("kustomization.yaml") && !path.endsWith("argocd-values.yaml"))
      .flatMap(([path, text]) => parseAllDocuments(text).map((document) => ({ path, object: document.toJSON() as KubeObject })));
    const labelsByNamespace = new Map<string, { where: string; labels: Record<string, string> | undefined }[]>();
    const record = (namespace: string, where: string, labels: Record<string, string> | undefined) =>
      labelsByNamespace.set(namespace, [...(labelsByNamespace.get(namespace) ?? []), { where, labels }]);
    for (const { path, object } of objects) {
      if (object.kind === "Namespace") record(object.metadata.name, path, object.metadata.labels);
      if (object.kind !== "Application") continue;
      const spec = object.spec as { destination: { namespace: string }; syncPolicy: { syncOptions: string[]; managedNamespaceMetadata?: { labels: Record<string, string> } } };
      if (!spec.syncPolicy.syncOptions.includes("CreateNamespace=true")) continue;
      record(spec.destination.namespace, `${path} (managedNamespaceMetadata)`, spec.syncPolicy.managedNamespaceMetadata?.labels);
    }
    expect(labelsByNamespace.size).toBeGreaterThan(5);
    for (const [namespace, sources] of labelsByNamespace) {
      if (namespace in NOT_CREATED_BY_THE_PLATFORM) {
        expect(sources.map((source) => podSecurityLabelsOf(source.labels)), `${namespace}: ${NOT_CREATED_BY_THE_PLATFORM[namespace]}`).toEqual(sources.map(() => ({})));
        continue;
      }
      // A tenant namespace's own Namespace object is its source of truth; Applications that create it only race it.
      const declared = sources.filter((source) => !source.where.endsWith("(managedNamespaceMetadata)"));
      for (const source of declared.length > 0 ? declared : sources) expectLevelLabels(source.labels, `${namespace} in ${source.where}`);
      if (declared.length === 0) {
        const labelSets = new Set(sources.map((source) => JSON.stringify(source.labels)));
        expect(labelSets.size, `${namespace}: every Application creating it sets the same labels`).toBe(1);
      }
    }
  });
});
