import { describe, expect, it } from "vitest";
import { podTemplateOf, POD_TEMPLATE_KINDS } from "../../../src/check/pod-security/pod-templates.js";

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
