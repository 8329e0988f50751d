import { describe, expect, it } from "vitest";
import { DEPRECATED_API_RULE } from "../../../src/check/deprecations/deprecation-rules.js";
import type { SourceObject } from "../../../src/check/finding.js";
import { POD_SECURITY_RULES } from "../../../src/check/pod-security/index.js";
import { podTemplateOf, podTemplatesOf, POD_TEMPLATE_KINDS } from "../../../src/check/pod-security/pod-templates.js";
import type { CheckContext } from "../../../src/check/rule.js";
import { LINT_RULES } from "../../../src/check/rules/index.js";

const template = { metadata: { annotations: { a: "b" } }, spec: { containers: [{ name: "app" }] } };

describe("podTemplateOf", () => {
  it.each<[string, string, Record<string, unknown>, string, boolean]>([
    ["v1", "Pod", { metadata: { name: "p", annotations: { a: "b" } }, spec: template.spec }, "spec", true],
    ["v1", "PodTemplate", { template }, "template.spec", false],
    ["v1", "ReplicationController", { spec: { template } }, "spec.template.spec", false],
    ["apps/v1", "Deployment", { spec: { template } }, "spec.template.spec", false],
    ["apps/v1", "StatefulSet", { spec: { template } }, "spec.template.spec", false],
    ["apps/v1", "DaemonSet", { spec: { template } }, "spec.template.spec", false],
    ["apps/v1", "ReplicaSet", { spec: { template } }, "spec.template.spec", false],
    ["extensions/v1beta1", "Deployment", { spec: { template } }, "spec.template.spec", false],
    ["batch/v1", "Job", { spec: { template } }, "spec.template.spec", false],
    ["batch/v1", "CronJob", { spec: { jobTemplate: { spec: { template } } } }, "spec.jobTemplate.spec.template.spec", false],
    ["argoproj.io/v1alpha1", "Rollout", { spec: { template } }, "spec.template.spec", false],
  ])("GIVEN a %s %s WHEN its pod is read THEN it is at %s", (apiVersion, kind, document, specPath, isPod) => {
    const pod = podTemplateOf({ apiVersion, kind, document });
    expect(pod).toEqual({ metadata: { ...(kind === "Pod" ? { name: "p" } : {}), annotations: { a: "b" } }, spec: template.spec, specPath, templatePath: specPath.split(".").slice(0, -1), isPod });
  });

  it.each<[string, string, string, Record<string, unknown>]>([
    ["a Rollout with a workloadRef", "argoproj.io/v1alpha1", "Rollout", { spec: { workloadRef: { kind: "Deployment", name: "api" }, template } }],
    ["a Service", "v1", "Service", { spec: { selector: {} } }],
    ["a Deployment of another group", "example.com/v1", "Deployment", { spec: { template } }],
    ["a Deployment without a template", "apps/v1", "Deployment", { spec: {} }],
    ["a Deployment whose template is a string", "apps/v1", "Deployment", { spec: { template: "x" } }],
    ["a CronJob whose jobTemplate is a list", "batch/v1", "CronJob", { spec: { jobTemplate: [template] } }],
    ["a Pod whose spec is null", "v1", "Pod", { spec: null }],
  ])("GIVEN %s WHEN its pod is read THEN there is none", (_name, apiVersion, kind, document) => {
    expect(podTemplateOf({ apiVersion, kind, document })).toBeUndefined();
  });

  it("GIVEN the kinds WHEN listed THEN every workload kind of the issue is there", () => {
    expect(POD_TEMPLATE_KINDS).toEqual([
      "Pod", "PodTemplate", "ReplicationController",
      "apps/Deployment", "apps/StatefulSet", "apps/DaemonSet", "apps/ReplicaSet",
      "extensions/Deployment", "extensions/DaemonSet", "extensions/ReplicaSet",
      "batch/Job", "batch/CronJob", "argoproj.io/Rollout",
    ]);
  });
});

describe("podTemplatesOf", () => {
  const source = (apiVersion: string, kind: string, name: string, body: Record<string, unknown>): SourceObject => ({
    apiVersion, kind, name, file: "m.yaml", documentIndex: 0, line: 1, document: { apiVersion, kind, metadata: { name }, ...body },
  });
  const objects: SourceObject[] = [
    source("v1", "Service", "svc", { spec: {} }),
    source("batch/v1", "CronJob", "nightly", { spec: { jobTemplate: { spec: { template } } } }),
    source("apps/v1", "Deployment", "broken", { spec: { template: "x" } }),
    source("v1", "Pod", "pod", { spec: template.spec }),
    source("example.com/v1", "Deployment", "custom", { spec: { template } }),
  ];

  it("GIVEN an input WHEN its pods are indexed THEN exactly the objects podTemplateOf reads a pod from are there, in input order, with that pod", () => {
    const index = podTemplatesOf(objects);
    expect(index.carriers.map((carrier) => carrier.object.name)).toEqual(["nightly", "pod"]);
    for (const object of objects) {
      expect(index.byObject.get(object)).toEqual(podTemplateOf(object));
    }
    expect(index.carriers.map((carrier) => carrier.template)).toEqual([podTemplateOf(objects[1] as SourceObject), podTemplateOf(objects[3] as SourceObject)]);
  });

  it("GIVEN the same input list twice WHEN indexed THEN it is read once; a new list is read anew", () => {
    expect(podTemplatesOf(objects)).toBe(podTemplatesOf(objects));
    const other = objects.slice(0, 2);
    expect(podTemplatesOf(other)).not.toBe(podTemplatesOf(objects));
    expect(podTemplatesOf(other).carriers.map((carrier) => carrier.object.name)).toEqual(["nightly"]);
  });
});

/**
 * The three readers of pods — Pod Security, the lint rules' workloads and the pod-scoped
 * field deprecations — must treat every workload kind alike: one pod with one defect of
 * each kind (a host port, no CPU request, the deprecated `serviceAccount`), carried by each
 * kind, gives each reader's finding on that object.
 */
describe("every reader of pods, per workload kind", () => {
  const pod = {
    metadata: { labels: { app: "w" } },
    spec: {
      serviceAccount: "legacy",
      securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
      containers: [{ name: "app", image: "example.com/app:1.0", ports: [{ containerPort: 8080, hostPort: 8080 }], securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } } }],
    },
  };
  const namespaceObject: SourceObject = {
    apiVersion: "v1", kind: "Namespace", name: "prod", file: "m.yaml", documentIndex: 0, line: 1,
    document: { apiVersion: "v1", kind: "Namespace", metadata: { name: "prod", labels: { "pod-security.kubernetes.io/enforce": "restricted" } } },
  };

  const findingsFor = (apiVersion: string, kind: string, body: Record<string, unknown>): string[] => {
    const object: SourceObject = {
      apiVersion, kind, name: "w", namespace: "prod", file: "m.yaml", documentIndex: 1, line: 5,
      document: { apiVersion, kind, metadata: { name: "w", namespace: "prod" }, ...body },
    };
    const context: CheckContext = { objects: [namespaceObject, object], kubernetesVersion: "1.35", customResourceKinds: new Set() };
    const rules = [...POD_SECURITY_RULES, ...LINT_RULES.filter((rule) => rule.id === "best-practice/cpu-requests"), DEPRECATED_API_RULE];
    return rules.flatMap((rule) => rule.check(context)).filter((finding) => finding.object === `${kind} prod/w`).map((finding) => finding.ruleId).sort();
  };

  it.each<[string, string, Record<string, unknown>]>([
    ["v1", "Pod", pod],
    ["v1", "ReplicationController", { spec: { template: pod } }],
    ["apps/v1", "Deployment", { spec: { template: pod } }],
    ["apps/v1", "ReplicaSet", { spec: { template: pod } }],
    ["apps/v1", "StatefulSet", { spec: { template: pod } }],
    ["apps/v1", "DaemonSet", { spec: { template: pod } }],
    ["batch/v1", "Job", { spec: { template: pod } }],
    ["batch/v1", "CronJob", { spec: { jobTemplate: { spec: { template: pod } } } }],
    ["argoproj.io/v1alpha1", "Rollout", { spec: { template: pod } }],
  ])("GIVEN a %s %s whose pod has one defect of each kind WHEN checked THEN Pod Security, the lint rules and the deprecations all report it", (apiVersion, kind, body) => {
    expect(findingsFor(apiVersion, kind, body)).toEqual(["best-practice/cpu-requests", "deprecated-api", "pod-security/hostPorts"]);
  });

  it("GIVEN a PodTemplate (it runs no pod by itself) WHEN checked THEN Pod Security and the deprecations read it, the lint rules do not", () => {
    expect(findingsFor("v1", "PodTemplate", { template: pod })).toEqual(["deprecated-api", "pod-security/hostPorts"]);
  });
});
