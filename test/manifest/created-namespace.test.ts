import { describe, expect, it } from "vitest";
import { createdNamespace } from "../../src/manifest/created-namespace.js";

const application = (syncPolicy: Record<string, unknown>, destination: Record<string, unknown> = { namespace: "monitoring" }) => ({
  apiVersion: "argoproj.io/v1alpha1",
  kind: "Application",
  metadata: { name: "loki", namespace: "argocd" },
  spec: { destination, syncPolicy },
});

describe("createdNamespace", () => {
  it.each([
    ["CreateNamespace=true with managedNamespaceMetadata", application({ syncOptions: ["CreateNamespace=true"], managedNamespaceMetadata: { labels: { "pod-security.kubernetes.io/enforce": "restricted", bad: 3 }, annotations: { team: "platform" } } }), { apiVersion: "v1", kind: "Namespace", metadata: { name: "monitoring", labels: { "pod-security.kubernetes.io/enforce": "restricted" }, annotations: { team: "platform" } } }],
    ["CreateNamespace=true without metadata", application({ syncOptions: ["CreateNamespace=true"] }), { apiVersion: "v1", kind: "Namespace", metadata: { name: "monitoring" } }],
    ["no CreateNamespace option", application({ syncOptions: ["ServerSideApply=true"], managedNamespaceMetadata: { labels: { a: "b" } } }), undefined],
    ["no destination namespace", application({ syncOptions: ["CreateNamespace=true"] }, {}), undefined],
    ["a destination namespace that is not a string", application({ syncOptions: ["CreateNamespace=true"] }, { namespace: ["x"] }), undefined],
  ])("GIVEN an Application with %s WHEN read THEN the Namespace Argo CD creates is %j", (_case, input, expected) => {
    expect(createdNamespace(input)).toEqual(expected);
  });
});
